//! What the initialization, batch-norm and dropout labs ask of a model: a probe that changes
//! nothing (running statistics, random generator), the variance report's two forms and both fan
//! products, dead units, and the train/test gap with its comparison.

mod common;

use common::training::{halves, trainer};
use convplay_core::data::Dataset;
use convplay_core::model::code::parse_layers;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::{Model, FORMS_TOLERANCE};
use convplay_core::optim::OptimizerConfig;
use convplay_core::train::{
    compare_gaps, generalization, Generalization, Score, TrainConfig, Trainer, Verdict,
};

#[test]
fn probing_leaves_running_statistics_and_the_random_generator_alone() {
    let data = halves(40);
    let mut t = trainer("fl_d8_bn_relu_do30_d2", 8);
    t.train(&data, 5).unwrap();
    let bn = 2;
    let before = t.model.buffers(bn).unwrap();
    let weights = t.model.layers()[1].params()[0].value.clone();
    for n in [1, 16, 40] {
        t.probe(&data, n).unwrap();
        assert_eq!(t.model.buffers(bn).unwrap(), before, "probe of {n}");
    }
    assert_eq!(t.model.layers()[1].params()[0].value, weights);
    // The probe normalized with its own batch's statistics (training mode)...
    let stats = t.model.statistics(bn).unwrap();
    assert_eq!(stats["usedMean"], stats["batchMean"]);
    assert_ne!(stats["usedMean"], before["runningMean"]);
    // ...and training after probes goes exactly as without them (same masks, same averages).
    let mut u = trainer("fl_d8_bn_relu_do30_d2", 8);
    u.train(&data, 5).unwrap();
    let (a, b) = (t.train(&data, 3).unwrap(), u.train(&data, 3).unwrap());
    assert_eq!(a.loss, b.loss);
    assert_eq!(t.model.buffers(bn).unwrap(), u.model.buffers(bn).unwrap());
    // A training step still moves them.
    t.train(&data, 1).unwrap();
    assert_ne!(t.model.buffers(bn).unwrap(), u.model.buffers(bn).unwrap());
}

#[test]
fn the_variance_report_gives_both_forms_and_both_fans() {
    let data = halves(32);
    let mut t = trainer("fl_d64_relu_d32_sigm_d2", 32);
    t.probe(&data, 32).unwrap();
    let rows = t.model.variance_report().unwrap();
    for r in &rows {
        assert_eq!(r.scheme_fan_in_times_variance, r.fan_in as f32 * r.scheme_variance);
        assert_eq!(r.scheme_fan_out_times_variance, r.fan_out as f32 * r.scheme_variance);
        assert_eq!(r.fan_in_times_variance, r.fan_in as f32 * r.weight_variance);
        assert_eq!(r.fan_out_times_variance, r.fan_out as f32 * r.weight_variance);
        // E[x²] = Var(x) + E[x]²; the forms differ by E[x]²/E[x²].
        let m2 = r.input_variance + r.input_mean * r.input_mean;
        assert!((r.input_second_moment - m2).abs() < 1e-4 * m2.max(1.0), "{r:?}");
        let want = r.input_mean * r.input_mean / r.input_second_moment;
        assert!((r.forms_difference - want).abs() < 1e-4, "{r:?}");
        let exact = (r.predicted_exact - r.predicted) / r.predicted_exact;
        assert!((r.forms_difference - exact).abs() < 1e-3, "{r:?}");
        assert_eq!(r.forms_tolerance, FORMS_TOLERANCE);
        assert_eq!(r.forms_differ, r.forms_difference > FORMS_TOLERANCE);
    }
    // Pixels, ReLU and sigmoid outputs are not zero-mean: the forms differ at every layer.
    assert!(rows.iter().all(|r| r.forms_differ), "{rows:?}");
    // Zero-mean inputs: the forms agree.
    let centred = Dataset::new(data.images().mapv(|v| v - 0.45), data.labels().to_vec(), 2).unwrap();
    t.probe(&centred, 32).unwrap();
    let first = &t.model.variance_report().unwrap()[0];
    assert!(first.forms_difference < 0.01 && !first.forms_differ, "{first:?}");
}

#[test]
fn dead_units_are_zero_on_every_example() {
    let data = halves(16);
    let mut t = trainer("fl_d8_relu_d2", 16);
    assert!(t.model.dead_units(2).unwrap_err().to_string().contains("has no output yet"));
    t.probe(&data, 16).unwrap();
    let out = t.model.layers()[2].output().to_owned();
    let dead = (0..8).filter(|&j| (0..16).all(|i| out[[i, j, 0, 0]] == 0.0)).count();
    let d = t.model.dead_units(2).unwrap();
    assert_eq!((d.units, d.dead, d.examples), (8, dead, 16));
    assert_eq!(d.fraction, dead as f32 / 8.0);
    // Biases of −100 kill every unit; +100 none.
    for (bias, want) in [(-100.0, 8), (100.0, 0)] {
        let mut layers = parse_layers("fl_d8_relu_d2").unwrap();
        if let convplay_core::model::config::LayerConfig::Dense { bias_init, .. } = &mut layers[1] {
            *bias_init = convplay_core::init::Init::Constant { value: bias };
        }
        let model = Model::new(ModelConfig { input: [1, 6, 6], layers, seed: 1 }).unwrap();
        let cfg = TrainConfig { optimizer: OptimizerConfig::sgd(0.1), batch_size: 4, seed: 1 };
        let mut t = Trainer::new(model, cfg).unwrap();
        t.probe(&data, 16).unwrap();
        assert_eq!(t.model.dead_units(2).unwrap().dead, want, "bias {bias}");
    }
}

#[test]
fn the_train_test_gap_and_its_comparison() {
    let (train, test) = (halves(40), halves(20));
    let mut t = trainer("fl_d8_relu_d2", 8);
    t.train(&train, 20).unwrap();
    let g = generalization(&mut t.model, &train, &test, 30, 0).unwrap();
    assert_eq!((g.train.count, g.test.count), (30, 20));
    assert_eq!(g.accuracy_gap, g.train.accuracy - g.test.accuracy);
    assert_eq!(g.loss_gap, g.test.loss - g.train.loss);
    let a = g.test.accuracy as f64;
    assert!((g.test.accuracy_std_error as f64 - (a * (1.0 - a) / 20.0).sqrt()).abs() < 1e-6);
    assert!(g.validate("compareGaps", "base").is_ok());
    // Comparisons by hand: error 0.01 each → tolerance 2·√2·0.01 = 0.028.
    let score =
        |accuracy, loss| Score { count: 100, accuracy, accuracy_std_error: 0.01, loss, loss_std_error: 0.01 };
    let gen = |gap: f32| Generalization {
        train: score(1.0, 0.0),
        test: score(1.0 - gap, gap),
        accuracy_gap: gap,
        accuracy_gap_error: 0.01,
        loss_gap: gap,
        loss_gap_error: 0.01,
    };
    let c = compare_gaps(&gen(0.10), &gen(0.05));
    assert_eq!((c.accuracy.verdict, c.loss.verdict), (Verdict::Narrower, Verdict::Narrower));
    assert!((c.accuracy.tolerance - 2.0 * 2f32.sqrt() * 0.01).abs() < 1e-6);
    assert!((c.accuracy.difference + 0.05).abs() < 1e-6);
    assert_eq!(compare_gaps(&gen(0.10), &gen(0.12)).accuracy.verdict, Verdict::Same);
    assert_eq!(compare_gaps(&gen(0.05), &gen(0.10)).loss.verdict, Verdict::Wider);
    let mut bad = gen(0.1);
    bad.test.accuracy = 1.5;
    assert!(bad.validate("compareGaps", "other").unwrap_err().to_string().starts_with("compareGaps: other"));
    bad = gen(0.1);
    bad.loss_gap = f32::NAN;
    assert!(bad.validate("compareGaps", "other").is_err());
}
