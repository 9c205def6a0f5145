//! A model's probability of the true class as its input is shifted or rotated: the values swept,
//! agreement with predicting each moved image alone, a shift-invariant network (convolution and a
//! global max pool) against a dense one, the training page's tiny CNN against its MLP on real
//! digits, and the arguments checked.
use std::io::Read;

use convplay_core::data::digits::parse_digits;
use convplay_core::measure::transform::{rotate_scale, shift};
use convplay_core::model::code::parse_layers;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::optim::OptimizerConfig;
use convplay_core::train::sweep::sweep_values;
use convplay_core::train::{transform_curve, Sweep, TrainConfig, Trainer, Transform};
use ndarray::{Array2, ArrayView4, Axis};

fn model(json: &str) -> Model {
    Model::new(serde_json::from_str::<ModelConfig>(json).unwrap()).unwrap()
}

/// A 12×12 image with a 3×3 blob (an L shape) in the middle: shifts of up to 3 keep it inside.
fn blob() -> Array2<f32> {
    let mut a = Array2::zeros((12, 12));
    for (y, x) in [(5, 5), (6, 5), (7, 5), (7, 6), (7, 7)] {
        a[[y, x]] = 1.0;
    }
    a
}

/// Conv (same padding) → ReLU → one max over the whole map → dense: a shift that keeps the blob
/// inside changes nothing after the global pool.
const INVARIANT: &str = r#"{"input":[1,12,12],"seed":5,"layers":[
  {"kind":"conv2d","outChannels":4,"kernel":3,"padding":{"kind":"same"}},
  {"kind":"activation","activation":{"kind":"relu"}},
  {"kind":"pool","pool":{"kind":"max"},"size":12},
  {"kind":"flatten"},{"kind":"dense","outFeatures":3}]}"#;

const DENSE: &str = r#"{"input":[1,12,12],"seed":5,"layers":[
  {"kind":"flatten"},{"kind":"dense","outFeatures":8},
  {"kind":"activation","activation":{"kind":"relu"}},{"kind":"dense","outFeatures":3}]}"#;

fn predict(m: &mut Model, image: &Array2<f32>) -> Vec<f32> {
    let x = ArrayView4::from_shape((1, 1, 12, 12), image.as_slice().unwrap()).unwrap();
    m.predict(x).unwrap().iter().copied().collect()
}

#[test]
fn the_values_swept() {
    let v = sweep_values(&Sweep { transform: Transform::Right, max: 3.0, step: 1.0 }).unwrap();
    assert_eq!(v, [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]);
    let v = sweep_values(&Sweep { transform: Transform::Rotate, max: 90.0, step: 30.0 }).unwrap();
    assert_eq!(v, [-90.0, -60.0, -30.0, 0.0, 30.0, 60.0, 90.0]);
    // 0.3 does not divide 1 exactly in floats; the last value is kept.
    assert_eq!(sweep_values(&Sweep { transform: Transform::Rotate, max: 0.9, step: 0.3 }).unwrap().len(), 7);
    assert_eq!(sweep_values(&Sweep { transform: Transform::Down, max: 0.0, step: 1.0 }).unwrap(), [0.0]);
    let e = |t, max, step| sweep_values(&Sweep { transform: t, max, step }).unwrap_err().to_string();
    assert!(e(Transform::Right, 1.5, 1.0).contains("whole pixels"));
    assert!(e(Transform::Right, 2.0, 0.5).contains("whole pixels"));
    assert!(e(Transform::Right, 2000.0, 1.0).contains("at most 1024"));
    assert!(e(Transform::Rotate, 400.0, 1.0).contains("at most 360"));
    assert!(e(Transform::Rotate, 10.0, 0.0).contains("above 0"));
    assert!(e(Transform::Rotate, f32::NAN, 1.0).contains("sweep.max"));
    assert_eq!(
        e(Transform::Rotate, 360.0, 0.1),
        "transformCurve: the sweep would have 7,201 values; the limit is 1000"
    );
}

#[test]
fn each_value_is_the_prediction_of_the_moved_image() {
    let image = blob();
    for json in [INVARIANT, DENSE] {
        let mut m = model(json);
        for (transform, step) in [(Transform::Right, 1.0), (Transform::Down, 2.0), (Transform::Rotate, 45.0)]
        {
            let sweep = Sweep { transform, max: 4.0 * step, step };
            let c = transform_curve(&mut m, image.as_slice().unwrap(), 1, &sweep).unwrap();
            assert_eq!(c.values.len(), 9);
            for (i, &v) in c.values.iter().enumerate() {
                let moved = match transform {
                    Transform::Right => shift(image.view(), 0, v as isize),
                    Transform::Down => shift(image.view(), v as isize, 0),
                    Transform::Rotate => rotate_scale(image.view(), v, 1.0).unwrap(),
                };
                let p = predict(&mut m, &moved);
                assert!(
                    (c.probabilities[i] - p[1]).abs() < 1e-6,
                    "{transform:?} {v}: {} vs {}",
                    c.probabilities[i],
                    p[1]
                );
                let best = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
                assert_eq!(c.predictions[i] as usize, best);
            }
            assert_eq!(c.probability_at_zero, c.probabilities[4]);
            let mean = c.probabilities.iter().sum::<f32>() / 9.0;
            assert!((c.mean_probability - mean).abs() < 1e-6);
            assert_eq!(c.correct, c.predictions.iter().filter(|&&p| p == 1).count());
        }
    }
}

#[test]
fn conv_and_global_pooling_are_shift_invariant_a_dense_net_is_not() {
    let image = blob();
    let sweep = Sweep { transform: Transform::Right, max: 3.0, step: 1.0 };
    let mut inv = model(INVARIANT);
    let c = transform_curve(&mut inv, image.as_slice().unwrap(), 0, &sweep).unwrap();
    // Every shift gives the same probabilities, so the same prediction at every value.
    assert!(c.probabilities.iter().all(|&p| p == c.probabilities[3]), "{:?}", c.probabilities);
    assert!(c.predictions.iter().all(|&p| p == c.predictions[3]));
    let class = c.predictions[3] as usize;
    let c = transform_curve(&mut inv, image.as_slice().unwrap(), class, &sweep).unwrap();
    assert_eq!((c.correct, c.kept), (7, Some([-3.0, 3.0])));

    let mut dense = model(DENSE);
    let d = transform_curve(&mut dense, image.as_slice().unwrap(), 0, &sweep).unwrap();
    let spread = d.probabilities.iter().fold(0f32, |m, &p| m.max((p - d.probabilities[3]).abs()));
    assert!(spread > 1e-4, "a dense net's answer moves with the shift: {:?}", d.probabilities);
}

#[test]
fn kept_is_the_run_around_zero_and_none_when_wrong_at_zero() {
    let image = blob();
    let mut dense = model(DENSE);
    let sweep = Sweep { transform: Transform::Right, max: 6.0, step: 1.0 };
    for class in 0..3 {
        let c = transform_curve(&mut dense, image.as_slice().unwrap(), class, &sweep).unwrap();
        let right = |i: usize| c.predictions[i] as usize == class;
        match c.kept {
            None => assert!(!right(6)),
            Some([lo, hi]) => {
                let (lo, hi) = ((lo + 6.0) as usize, (hi + 6.0) as usize);
                assert!((lo..=hi).all(right));
                assert!(lo == 0 || !right(lo - 1));
                assert!(hi == 12 || !right(hi + 1));
            }
        }
    }
}

#[test]
fn arguments_are_checked() {
    let mut m = model(DENSE);
    let sweep = Sweep { transform: Transform::Right, max: 2.0, step: 1.0 };
    let e = |r: convplay_core::Result<_>| r.unwrap_err().to_string();
    assert!(e(transform_curve(&mut m, &[0.0; 10], 0, &sweep)).contains("image"));
    assert!(e(transform_curve(&mut m, &[0.0; 288], 0, &sweep)).contains("one image"));
    assert_eq!(
        e(transform_curve(&mut m, &[0.0; 144], 3, &sweep)),
        "transformCurve: label must be 0 to 2, got 3"
    );
    let read: Sweep = serde_json::from_str(r#"{"transform":"rotate","max":90,"step":15}"#).unwrap();
    assert_eq!(read.transform, Transform::Rotate);
    assert!(serde_json::from_str::<Sweep>(r#"{"transform":"left","max":1,"step":1}"#).is_err());
    assert!(serde_json::from_str::<Sweep>(r#"{"transform":"right","max":1,"step":1,"by":2}"#).is_err());
}

/// The training page's presets `cnn` and `mlp` (about 20,500 parameters each), trained alike.
#[test]
fn on_real_digits_the_tiny_cnn_stays_right_over_more_shifts_than_the_mlp() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.bin.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    let d = parse_digits(&bytes).unwrap();
    let sweep = Sweep { transform: Transform::Right, max: 6.0, step: 1.0 };
    let kept = |code: &str| {
        let cfg = ModelConfig { input: [1, 28, 28], layers: parse_layers(code).unwrap(), seed: 1 };
        let adam =
            OptimizerConfig::Adam { lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.0 };
        let mut t =
            Trainer::new(Model::new(cfg).unwrap(), TrainConfig { optimizer: adam, batch_size: 32, seed: 1 })
                .unwrap();
        t.train(&d.train, 120).unwrap();
        (0..30)
            .map(|i| {
                let image: Vec<f32> = d.test.images().index_axis(Axis(0), i).iter().copied().collect();
                transform_curve(&mut t.model, &image, d.test.labels()[i], &sweep).unwrap().correct
            })
            .sum::<usize>()
    };
    let (cnn, mlp) = (kept("c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10"), kept("fl_d26_relu_d10"));
    assert!(cnn > mlp + 25, "right over {cnn} shifts (CNN) against {mlp} (MLP), of 390");
}
