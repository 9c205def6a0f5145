//! The sequential model: shapes and parameter counts, gradients of the whole stack, saving and
//! loading, divergence, and a sanity training run on real digits.
mod common;

use std::io::Read;

use common::{check_gradient, dot, random};
use convplay_core::data::digits::parse_digits;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::file::{load_model, save_model};
use convplay_core::model::Model;
use convplay_core::optim::{Optimizer, OptimizerConfig};
use convplay_core::train::{evaluate, EvalOptions, TrainConfig, Trainer};
use convplay_core::{Error, Mode, Rng};
use ndarray::{Array4, ArrayD, Ix4};

fn json(s: &str) -> ModelConfig {
    serde_json::from_str(s).unwrap()
}

fn digits() -> convplay_core::data::digits::DigitSplits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.bin.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    parse_digits(&bytes).unwrap()
}

#[test]
fn lenet5_has_44426_parameters_and_the_right_shapes() {
    let m = Model::new(ModelConfig::lenet5()).unwrap();
    assert_eq!(m.parameter_count(), 44_426);
    let shapes: Vec<[usize; 3]> = m.layer_infos().iter().map(|l| l.output_shape).collect();
    assert_eq!(shapes[0], [6, 24, 24]);
    assert_eq!(shapes[2], [6, 12, 12]);
    assert_eq!(shapes[5], [16, 4, 4]);
    assert_eq!(shapes[6], [256, 1, 1]);
    assert_eq!(*shapes.last().unwrap(), [10, 1, 1]);
    assert_eq!(m.classes(), 10);
}

#[test]
fn invalid_stacks_are_reported_with_the_layer() {
    let e = Model::new(json(
        r#"{"input":[1,8,8],"layers":[{"kind":"pool","pool":{"kind":"max"},"size":2},{"kind":"conv2d","outChannels":2,"kernel":5}]}"#,
    ))
    .unwrap_err();
    assert!(e.to_string().starts_with("model: layer 2 (conv2d): conv2d: kernel 5×5"), "{e}");
    let e =
        serde_json::from_str::<ModelConfig>(r#"{"input":[1,8,8],"layers":[{"kind":"conv3d"}]}"#).unwrap_err();
    assert!(e.to_string().contains("conv3d"), "{e}");
    assert!(Model::new(json(r#"{"input":[1,8,8],"layers":[]}"#)).is_err());
}

const SMALL: &str = r#"{"input":[2,6,6],"seed":3,"layers":[
  {"kind":"conv2d","outChannels":3,"kernel":3,"padding":{"kind":"same"}},
  {"kind":"batchNorm"},
  {"kind":"activation","activation":{"kind":"tanh"}},
  {"kind":"pool","pool":{"kind":"average"},"size":2},
  {"kind":"conv2d","outChannels":4,"kernel":2,"stride":1},
  {"kind":"activation","activation":{"kind":"sigmoid"}},
  {"kind":"flatten"},
  {"kind":"dense","outFeatures":5,"weightInit":{"kind":"xavierUniform"}},
  {"kind":"batchNorm"},
  {"kind":"dense","outFeatures":3}]}"#;

#[test]
fn whole_model_gradients_match_finite_differences() {
    let mut model = Model::new(json(SMALL)).unwrap();
    let mut rng = Rng::new(4);
    let x = random(&[3, 2, 6, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let r = random(&[3, 3], &mut rng);
    let r2 = r.clone().into_dimensionality::<ndarray::Ix2>().unwrap();
    model.forward(x.view(), Mode::Train).unwrap();
    model.backward(r2.view()).unwrap();
    let grad_input = model.layers()[0].grad_input().to_owned().into_dyn();
    let grad_w0 = model.layers()[0].params()[0].grad.clone();
    let grad_w7 = model.layers()[7].params()[0].grad.clone();
    let cfg = json(SMALL);
    let loss_with = |x: &ArrayD<f32>, layer: usize, w: Option<&ArrayD<f32>>| {
        let mut m = Model::new(cfg.clone()).unwrap();
        if let Some(w) = w {
            m.layers_mut()[layer].params_mut()[0].value = w.clone();
        }
        let logits =
            m.forward(x.view().into_dimensionality::<Ix4>().unwrap(), Mode::Train).unwrap().to_owned();
        dot(&logits.into_dyn(), &r)
    };
    let xd = x.clone().into_dyn();
    check_gradient("model input", &xd, &grad_input, |x| loss_with(x, 0, None));
    let w0 = model.layers()[0].params()[0].value.clone();
    check_gradient("model conv weight", &w0, &grad_w0, |w| loss_with(&xd, 0, Some(w)));
    let w7 = model.layers()[7].params()[0].value.clone();
    check_gradient("model dense weight", &w7, &grad_w7, |w| loss_with(&xd, 7, Some(w)));
}

#[test]
fn save_and_load_give_the_same_predictions_and_bad_files_are_rejected() {
    let d = digits();
    let mut trainer = Trainer::new(
        Model::new(json(
            &SMALL.replace("[2,6,6]", "[1,28,28]").replace(r#""outFeatures":3"#, r#""outFeatures":10"#),
        ))
        .unwrap(),
        TrainConfig { optimizer: OptimizerConfig::sgd(0.05), batch_size: 16, seed: 1 },
    )
    .unwrap();
    for _ in 0..5 {
        trainer.step(&d.train).unwrap();
    }
    let bytes = save_model(&trainer.model).unwrap();
    let mut loaded = load_model(&bytes).unwrap();
    let x = d.test.images().slice_move(ndarray::s![..8, .., .., ..]).to_owned();
    let a = trainer.model.predict(x.view()).unwrap();
    let b = loaded.predict(x.view()).unwrap();
    assert_eq!(a, b);
    for (bad, why) in [
        (b"not a model".to_vec(), "missing \"CPMODEL1\""),
        (bytes[..bytes.len() - 4].to_vec(), "bytes of weights"),
        (bytes[..40].to_vec(), "truncated"),
    ] {
        match load_model(&bad) {
            Err(Error::Format { what, message }) => {
                assert_eq!(what, "model file");
                assert!(message.contains(why), "{message}")
            }
            other => panic!("expected a format error, got {other:?}"),
        }
    }
    let mut nan = bytes.clone();
    let n = nan.len();
    nan[n - 4..].copy_from_slice(&f32::NAN.to_le_bytes());
    assert!(load_model(&nan).is_err());
}

#[test]
fn divergence_stops_with_a_message() {
    let mut model = Model::new(ModelConfig::lenet5()).unwrap();
    let mut opt = Optimizer::new(OptimizerConfig::sgd(1e6)).unwrap();
    let d = digits();
    let x = d.train.images().slice_move(ndarray::s![..32, .., .., ..]).to_owned();
    let labels = &d.train.labels()[..32];
    let mut err = None;
    for _ in 0..20 {
        if let Err(e) = model.train_step(x.view(), labels, &mut opt) {
            err = Some(e);
            break;
        }
    }
    match err {
        Some(Error::NonFinite { message, .. }) => {
            assert!(message.contains("lower learning rate"), "{message}")
        }
        other => panic!("expected divergence to be reported, got {other:?}"),
    }
}

#[test]
fn a_small_cnn_learns_real_digits() {
    let d = digits();
    let train = d.train.take(500);
    let cfg = json(
        r#"{"input":[1,28,28],"seed":7,"layers":[
        {"kind":"conv2d","outChannels":8,"kernel":5},
        {"kind":"activation","activation":{"kind":"relu"}},
        {"kind":"pool","pool":{"kind":"max"},"size":2},
        {"kind":"flatten"},
        {"kind":"dense","outFeatures":10,"weightInit":{"kind":"xavierUniform"}}]}"#,
    );
    let mut trainer = Trainer::new(
        Model::new(cfg).unwrap(),
        TrainConfig {
            optimizer: OptimizerConfig::Sgd { lr: 0.05, momentum: 0.9, weight_decay: 0.0 },
            batch_size: 20,
            seed: 7,
        },
    )
    .unwrap();
    let first = trainer.step(&train).unwrap().loss;
    let mut last = 0.0;
    for _ in 0..150 {
        last = trainer.step(&train).unwrap().loss;
    }
    assert!(first > 2.0, "initial loss {first}");
    assert!(last < 0.5 * first, "loss went from {first} to {last}");
    let test = d.test.take(500);
    let e = evaluate(&mut trainer.model, &test, &EvalOptions { limit: 0, batch_size: Some(100) }).unwrap();
    assert!(e.accuracy > 0.8, "test accuracy {}", e.accuracy);
    assert_eq!(e.confusion.iter().sum::<u32>(), 500);
    let _: Array4<f32> = Array4::zeros((1, 1, 1, 1));
}

#[test]
fn zero_initialization_never_breaks_symmetry() {
    let d = digits();
    let train = d.train.take(200);
    let mlp = |init: &str| {
        json(&format!(
            r#"{{"input":[1,28,28],"seed":2,"layers":[{{"kind":"flatten"}},
            {{"kind":"dense","outFeatures":16,"weightInit":{init}}},{{"kind":"activation","activation":{{"kind":"tanh"}}}},
            {{"kind":"dense","outFeatures":10,"weightInit":{init}}}]}}"#
        ))
    };
    let spread_after_10 = |init: &str| {
        let mut t = Trainer::new(
            Model::new(mlp(init)).unwrap(),
            TrainConfig { optimizer: OptimizerConfig::sgd(0.1), batch_size: 20, seed: 2 },
        )
        .unwrap();
        for _ in 0..10 {
            t.step(&train).unwrap();
        }
        let w = &t.model.layers()[1].params()[0].value;
        convplay_core::measure::stats::row_spread(w.as_slice().unwrap(), 16).unwrap()
    };
    assert_eq!(spread_after_10(r#"{"kind":"zeros"}"#), 0.0);
    assert!(spread_after_10(r#"{"kind":"standard"}"#) > 0.01);
}

#[test]
fn probing_leaves_weights_alone_and_eval_statistics_can_be_switched() {
    let d = digits();
    let cfg = json(
        r#"{"input":[1,28,28],"seed":5,"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":8},
        {"kind":"batchNorm"},{"kind":"dense","outFeatures":10}]}"#,
    );
    let mut t = Trainer::new(
        Model::new(cfg).unwrap(),
        TrainConfig { optimizer: OptimizerConfig::sgd(0.1), batch_size: 32, seed: 1 },
    )
    .unwrap();
    let before = t.model.layers()[1].params()[0].value.clone();
    t.probe(&d.train, 64).unwrap();
    assert_eq!(t.model.layers()[1].params()[0].value, before);
    assert!(t.model.layers()[1].params()[0].grad.iter().any(|g| *g != 0.0));
    for _ in 0..20 {
        t.step(&d.train).unwrap();
    }
    // One test image: with running statistics its prediction is defined; with the batch's own
    // statistics a batch of one normalizes every feature to β, so all images look the same.
    let x = d.test.images().slice_axis(ndarray::Axis(0), ndarray::Slice::from(..1)).to_owned();
    let y = d.test.images().slice_axis(ndarray::Axis(0), ndarray::Slice::from(1..2)).to_owned();
    let (pr_x, pr_y) = (t.model.predict(x.view()).unwrap(), t.model.predict(y.view()).unwrap());
    assert_ne!(pr_x, pr_y);
    t.model.set_eval_statistics(convplay_core::norm::EvalStatistics::Batch);
    let (pb_x, pb_y) = (t.model.predict(x.view()).unwrap(), t.model.predict(y.view()).unwrap());
    assert_eq!(pb_x, pb_y);
}
