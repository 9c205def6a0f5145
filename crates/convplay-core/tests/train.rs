//! Training calls: several steps with their means, the step limit, a training subset, evaluation
//! options and the misclassified list, label checks, the sample-complexity schedule, and looking
//! inside a model by kind (unit variances, the variance report).

mod common;

use common::training::{halves, trainer};
use convplay_core::data::digits::{parse_digits, Split};
use convplay_core::layer::LayerKind;
use convplay_core::model::What;
use convplay_core::train::{evaluate, sample_complexity_steps, EvalOptions, MAX_STEPS_PER_CALL};

#[test]
fn train_takes_several_steps_and_reports_their_means() {
    let data = halves(40);
    let mut a = trainer("c2k3_relu_fl_d2", 8);
    let mut b = trainer("c2k3_relu_fl_d2", 8);
    let p = a.train(&data, 7).unwrap();
    let singles: Vec<_> = (0..7).map(|_| b.step(&data).unwrap()).collect();
    let mean = singles.iter().map(|s| s.loss as f64).sum::<f64>() / 7.0;
    assert!((p.loss as f64 - mean).abs() < 1e-5, "{} vs {mean}", p.loss);
    assert_eq!((p.steps, p.epochs), (7, 1), "40 examples in batches of 8: the sixth step starts epoch 2");
    assert_eq!(a.model.layers()[0].params()[0].value, b.model.layers()[0].params()[0].value);
    let e = a.train(&data, 0).unwrap_err().to_string();
    assert_eq!(e, "train: steps must be 1 to 10000, got 0");
    let e = a.train(&data, u32::MAX as usize).unwrap_err().to_string();
    assert_eq!(e, format!("train: steps must be 1 to {MAX_STEPS_PER_CALL}, got 4294967295"));
    assert_eq!(a.steps(), 7, "a refused call takes no step");
}

#[test]
fn a_training_subset_is_kept_by_the_trainer() {
    let data = halves(40);
    let mut t = trainer("fl_d2", 4);
    t.limit_training_set(&data, 8);
    t.train(&data, 4).unwrap();
    assert_eq!(t.epochs(), 1, "8 examples in batches of 4: the third step starts a new epoch");
    t.limit_training_set(&data, 0);
    t.train(&data, 4).unwrap();
    assert_eq!(t.epochs(), 1, "the whole 40 again: a fresh order, no new epoch yet");
}

#[test]
fn evaluation_options_and_the_misclassified_list() {
    let data = halves(30);
    let mut t = trainer("fl_d2", 10);
    let all = evaluate(&mut t.model, &data, &EvalOptions::default()).unwrap();
    assert_eq!(all.predictions.len(), 30);
    let wrong: Vec<u32> =
        (0..30).filter(|&i| all.predictions[i] as usize != i % 2).map(|i| i as u32).collect();
    assert_eq!(all.wrong, wrong);
    assert_eq!(all.confusion.iter().sum::<u32>(), 30);
    let first = evaluate(&mut t.model, &data, &EvalOptions { limit: 7, batch_size: Some(3) }).unwrap();
    assert_eq!(first.predictions, all.predictions[..7]);
    assert_eq!(first.wrong, all.wrong.iter().copied().filter(|&i| i < 7).collect::<Vec<_>>());
    let over = evaluate(&mut t.model, &data, &EvalOptions { limit: 1000, batch_size: None }).unwrap();
    assert_eq!(over, all);
    let e = evaluate(&mut t.model, &data, &EvalOptions { limit: 0, batch_size: Some(0) }).unwrap_err();
    assert_eq!(e.to_string(), "evaluate: batchSize must be 1 to 4096, got 0");
    t.train(&data, 30).unwrap();
    assert!(evaluate(&mut t.model, &data, &EvalOptions::default()).unwrap().accuracy > 0.9);
    let opts: EvalOptions = serde_json::from_str(r#"{"limit":5,"batchSize":2}"#).unwrap();
    assert_eq!(opts, EvalOptions { limit: 5, batch_size: Some(2) });
}

#[test]
fn step_on_checks_its_labels() {
    let data = halves(4);
    let mut t = trainer("fl_d2", 4);
    let x = data.images();
    let e = t.step_on(x, &[0, 1, 0]).unwrap_err().to_string();
    assert_eq!(e, "trainOn: labels must hold one label per image (4), got 3");
    let e = t.step_on(x, &[0, 1, 0, 2]).unwrap_err().to_string();
    assert_eq!(e, "trainOn: labels must be below 2, got 2");
    assert_eq!(t.steps(), 0);
    let before = t.step_on(x, &[0, 1, 0, 1]).unwrap().loss;
    assert!(t.step_on(x, &[0, 1, 0, 1]).unwrap().loss < before);
    let pixels: Vec<f32> = x.iter().copied().collect();
    assert_eq!(t.model.batch_view("trainOn", &pixels).unwrap().shape(), [4, 1, 6, 6]);
    let e = t.model.batch_view("trainOn", &pixels[..30]).unwrap_err().to_string();
    assert_eq!(e, "trainOn: pixels must hold a whole number of 1×6×6 images, got 30 values");
}

#[test]
fn the_sample_complexity_schedule() {
    assert_eq!(sample_complexity_steps(100, 32).unwrap(), 100);
    assert_eq!(sample_complexity_steps(1000, 32).unwrap(), 157);
    assert_eq!(sample_complexity_steps(8000, 32).unwrap(), 300);
    assert_eq!(sample_complexity_steps(641, 32).unwrap(), 101, "⌈3205 / 32⌉");
    assert!(sample_complexity_steps(100, 0).is_err());
}

#[test]
fn layers_by_kind_and_what_they_computed() {
    let data = halves(16);
    let mut t = trainer("c3k3_bn_relu_do20_fl_d5_relu_d2", 8);
    assert_eq!(t.model.layer_indices(LayerKind::Dense), [5, 7]);
    assert_eq!(t.model.layer_indices(LayerKind::Activation), [2, 6]);
    assert_eq!(t.model.layer_indices(LayerKind::Pool), Vec::<usize>::new());
    assert!(t
        .model
        .unit_variances(1)
        .unwrap_err()
        .to_string()
        .starts_with("unitVariances: layer 1 (batchNorm) has no output yet"));
    assert!(t.model.variance_report().is_err());
    t.probe(&data, 16).unwrap();
    // Batch norm in training mode: every channel's output has variance 1 (up to ε).
    let v = t.model.unit_variances(1).unwrap();
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|&v| (v - 1.0).abs() < 1e-3), "{v:?}");
    let out = t.model.layers()[5].output();
    let col: Vec<f32> = (0..16).map(|b| out[[b, 2, 0, 0]]).collect();
    let mean = col.iter().sum::<f32>() / 16.0;
    let var = col.iter().map(|x| (x - mean).powi(2)).sum::<f32>() / 16.0;
    assert!((t.model.unit_variances(5).unwrap()[2] - var).abs() < 1e-5);
    assert_eq!(
        t.model.unit_spread(2).unwrap_err().to_string(),
        "unitSpread: layer 2 (activation) has no weights"
    );
    assert!(t.model.unit_spread(0).unwrap() > 0.0);
    let s = t.model.layer_stats(0, What::Activations, 4).unwrap();
    assert_eq!(s.summary.count, 16 * 3 * 4 * 4);
    assert!(t
        .model
        .parameter(0, "gamma", false)
        .unwrap_err()
        .to_string()
        .contains("\"gamma\" is not a parameter of layer 0 (conv2d)"));
    assert_eq!(
        t.model.buffers(1).unwrap().keys().copied().collect::<Vec<_>>(),
        ["runningMean", "runningVar"]
    );
    assert!(t.model.statistics(0).unwrap().is_empty());
}

#[test]
fn the_variance_report_measures_the_lectures_argument() {
    let data = halves(32);
    let mut t = trainer("fl_d64_relu_d32_relu_d2", 32);
    t.probe(&data, 32).unwrap();
    let rows = t.model.variance_report().unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.layer, r.kind, r.fan_in, r.fan_out)).collect::<Vec<_>>(),
        [(1, "dense", 36, 64), (3, "dense", 64, 32), (5, "dense", 32, 2)]
    );
    for r in &rows {
        assert!((r.scheme_fan_in_times_variance - 2.0).abs() < 1e-6, "He normal aims at n·Var(w) = 2");
        assert!((r.fan_in_times_variance - 2.0).abs() < 0.8, "{r:?}");
        assert_eq!(r.predicted, r.fan_in_times_variance * r.input_variance);
        assert_eq!(r.predicted_exact, r.fan_in_times_variance * r.input_second_moment);
        assert!(r.input_second_moment >= r.input_variance);
    }
    let input: Vec<f32> = data.images().iter().copied().collect();
    let m = input.iter().map(|&x| x as f64).sum::<f64>() / input.len() as f64;
    let second = input.iter().map(|&x| (x as f64).powi(2)).sum::<f64>() / input.len() as f64;
    assert!((rows[0].input_variance as f64 - (second - m * m)).abs() < 1e-5);
    assert!((rows[0].input_second_moment as f64 - second).abs() < 1e-5);
    // Dense layer 1's output over the batch follows n·Var(w)·E[x²] within sampling error.
    let r = &rows[0];
    assert!(
        r.output_variance > 0.3 * r.predicted_exact && r.output_variance < 3.0 * r.predicted_exact,
        "{r:?}"
    );
}

#[test]
fn digits_by_split_and_their_shape() {
    let mut b = b"CPDIGIT1".to_vec();
    for v in [3u32, 2] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&4u16.to_le_bytes());
    b.extend_from_slice(&5u16.to_le_bytes());
    b.extend([7, 8, 9]);
    b.extend((0..3 * 20).map(|i| i as u8));
    let d = parse_digits(&b).unwrap();
    assert_eq!(d.shape(), [1, 4, 5]);
    assert_eq!(d.get(Split::Test).len(), 1);
    assert_eq!(d.label(Split::Test, 0).unwrap(), 9);
    assert_eq!(d.image(Split::Train, 1).unwrap()[[0, 0, 0]], 20.0 / 255.0);
    assert_eq!(
        d.label(Split::Test, 1).unwrap_err().to_string(),
        "digits.label: index must be below 1, got 1"
    );
    assert!(d.image(Split::Train, 2).is_err());
    let s: Split = serde_json::from_str("\"test\"").unwrap();
    assert_eq!(s, Split::Test);
    assert!(serde_json::from_str::<Split>("\"valid\"").is_err());
}
