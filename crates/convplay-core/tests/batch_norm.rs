//! Batch normalization: Algorithm 1 by hand, running statistics, both test-time options, gradient
//! checks in train and eval mode.
mod common;

use common::{check_gradient, dot, random, FWD_TOL};
use convplay_core::norm::{algorithm1, BatchNorm, BatchNormConfig, EvalStatistics};
use convplay_core::tensor::array4;
use convplay_core::{Error, Layer, Mode, Rng};
use ndarray::{ArrayD, Axis, Ix4};

const EPS: f32 = 1e-5;

fn close(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() <= tol * (1.0 + b.abs())
}

fn layer(channels: usize, gamma: &[f32], beta: &[f32]) -> BatchNorm {
    let mut bn = BatchNormConfig::new(channels).init().unwrap();
    bn.params_mut()[0].value.as_slice_mut().unwrap().copy_from_slice(gamma);
    bn.params_mut()[1].value.as_slice_mut().unwrap().copy_from_slice(beta);
    bn
}

fn run(bn: &mut BatchNorm, x: &ArrayD<f32>, mode: Mode) -> Vec<f32> {
    bn.forward(x.view().into_dimensionality::<Ix4>().unwrap(), mode, &mut Rng::new(0)).unwrap();
    bn.output().iter().copied().collect()
}

#[test]
fn algorithm1_by_hand() {
    let s = algorithm1(&[1., 2., 3., 4.], 2.0, 1.0, EPS).unwrap();
    assert!(close(s.mean, 2.5, FWD_TOL));
    assert!(close(s.variance, 1.25, FWD_TOL));
    let sd = (1.25f32 + EPS).sqrt();
    for (i, x) in [1.0f32, 2., 3., 4.].iter().enumerate() {
        let h = (x - 2.5) / sd;
        assert!(close(s.x_hat[i], h, FWD_TOL), "{i}");
        assert!(close(s.y[i], 2.0 * h + 1.0, FWD_TOL), "{i}");
    }
    // x̂ = ±1.3416, ±0.4472; y = 2x̂ + 1.
    assert!(close(s.y[0], -1.683_27, 1e-5) && close(s.y[3], 3.683_27, 1e-5));
    assert!(algorithm1(&[], 1.0, 0.0, EPS).is_err());
    assert!(algorithm1(&[1.0], 1.0, 0.0, 0.0).is_err());
}

#[test]
fn layer_matches_algorithm1_per_channel() {
    // Two channels, batch 2, 1×2 spatial: channel 0 holds 1,2,3,4, channel 1 holds 10,10,10,14.
    let x = array4("t", "x", &[2, 2, 1, 2], vec![1., 2., 10., 10., 3., 4., 10., 14.]).unwrap().into_dyn();
    let mut bn = layer(2, &[2.0, 1.0], &[1.0, 0.0]);
    let y = run(&mut bn, &x, Mode::Train);
    let a = algorithm1(&[1., 2., 3., 4.], 2.0, 1.0, EPS).unwrap();
    let b = algorithm1(&[10., 10., 10., 14.], 1.0, 0.0, EPS).unwrap();
    let expected = [a.y[0], a.y[1], b.y[0], b.y[1], a.y[2], a.y[3], b.y[2], b.y[3]];
    for (got, want) in y.iter().zip(expected) {
        assert!(close(*got, want, FWD_TOL), "{got} vs {want}");
    }
    assert_eq!(bn.last_batch_mean(), &[2.5, 11.0]);
    assert!(close(bn.last_batch_var()[0], 1.25, FWD_TOL) && close(bn.last_batch_var()[1], 3.0, FWD_TOL));
}

#[test]
fn running_update_uses_unbiased_variance() {
    let x = array4("t", "x", &[4, 1, 1, 1], vec![1., 2., 3., 4.]).unwrap().into_dyn();
    let mut bn = layer(1, &[1.0], &[0.0]);
    run(&mut bn, &x, Mode::Train);
    // mean: 0.9·0 + 0.1·2.5; var: 0.9·1 + 0.1·(1.25·4/3).
    assert!(close(bn.running_mean()[0], 0.25, FWD_TOL));
    assert!(close(bn.running_var()[0], 0.9 + 0.1 * 5.0 / 3.0, FWD_TOL));
    run(&mut bn, &x, Mode::Train);
    assert!(close(bn.running_mean()[0], 0.9 * 0.25 + 0.25, FWD_TOL));
    // Eval does not touch the running statistics.
    run(&mut bn, &x, Mode::Eval);
    assert!(close(bn.running_mean()[0], 0.475, FWD_TOL));
    let names: Vec<_> = bn.buffers().iter().map(|(n, v)| (*n, v.len())).collect();
    assert_eq!(names, vec![("runningMean", 1), ("runningVar", 1)]);
}

#[test]
fn eval_uses_running_statistics() {
    let mut bn = layer(2, &[2.0, 0.5], &[1.0, -1.0]);
    bn.set_buffer("runningMean", &[1.0, -2.0]).unwrap();
    bn.set_buffer("runningVar", &[4.0, 0.25]).unwrap();
    let x = array4("t", "x", &[2, 2, 1, 1], vec![3., 0., 1., -2.]).unwrap().into_dyn();
    let y = run(&mut bn, &x, Mode::Eval);
    let f = |x: f32, m: f32, v: f32, g: f32, b: f32| g * (x - m) / (v + EPS).sqrt() + b;
    let want = [
        f(3., 1., 4., 2., 1.),
        f(0., -2., 0.25, 0.5, -1.),
        f(1., 1., 4., 2., 1.),
        f(-2., -2., 0.25, 0.5, -1.),
    ];
    for (got, want) in y.iter().zip(want) {
        assert!(close(*got, want, FWD_TOL), "{got} vs {want}");
    }
    assert!(
        close(y[0], 3.0, 1e-4) && close(y[1], 1.0, 1e-4) && close(y[2], 1.0, 1e-4) && close(y[3], -1.0, 1e-4)
    );
}

#[test]
fn eval_with_batch_statistics_uses_the_test_batch() {
    let mut rng = Rng::new(5);
    let x = random(&[6, 3, 2, 2], &mut rng).mapv(|v| 3.0 * v + 2.0);
    let config = BatchNormConfig { eval_statistics: EvalStatistics::Batch, ..BatchNormConfig::new(3) };
    let mut bn = config.init().unwrap();
    let eval = run(&mut bn, &x, Mode::Eval);
    assert_eq!(bn.running_mean(), &[0.0; 3]);
    let train = run(&mut bn, &x, Mode::Train);
    for (a, b) in eval.iter().zip(&train) {
        assert!(close(*a, *b, FWD_TOL));
    }
    // With running statistics (still near 0 and 1) the same batch is barely changed.
    let mut running = BatchNormConfig::new(3).init().unwrap();
    let y = run(&mut running, &x, Mode::Eval);
    for (a, b) in y.iter().zip(x.iter()) {
        assert!(close(*a, *b, 1e-4));
    }
    running.set_eval_statistics(EvalStatistics::Batch);
    assert_eq!(run(&mut running, &x, Mode::Eval), eval);
}

#[test]
fn train_output_has_mean_beta_and_variance_gamma_squared() {
    let mut rng = Rng::new(9);
    let x = random(&[8, 2, 3, 3], &mut rng).mapv(|v| 5.0 * v - 3.0);
    let mut bn = layer(2, &[2.0, 0.5], &[1.0, -1.0]);
    run(&mut bn, &x, Mode::Train);
    for (c, (g, b)) in [(2.0f32, 1.0f32), (0.5, -1.0)].into_iter().enumerate() {
        let ch: Vec<f32> = bn.output().index_axis(Axis(1), c).iter().copied().collect();
        let s = algorithm1(&ch, 1.0, 0.0, EPS).unwrap();
        assert!(close(s.mean, b, 1e-4), "channel {c} mean {}", s.mean);
        assert!(close(s.variance, g * g, 1e-3), "channel {c} variance {}", s.variance);
    }
}

#[test]
fn batch_of_one_outputs_beta() {
    let x = array4("t", "x", &[1, 3, 1, 1], vec![0.3, -7.0, 2.0]).unwrap().into_dyn();
    let mut bn = layer(3, &[2.0, 2.0, 2.0], &[0.1, 0.2, 0.3]);
    assert_eq!(run(&mut bn, &x, Mode::Train), vec![0.1, 0.2, 0.3]);
    assert_eq!(bn.running_var(), &[0.9; 3]);
    let dy = ArrayD::ones(vec![1, 3, 1, 1]).into_dimensionality::<Ix4>().unwrap();
    bn.backward(x.view().into_dimensionality().unwrap(), dy.view()).unwrap();
    assert!(bn.grad_input().iter().all(|g| *g == 0.0));
}

/// Gradient checks of input, γ and β against finite differences of `sum(bn(x) · r)`.
fn check_all(shape: &[usize], mode: Mode, config: BatchNormConfig, seed: u64) {
    let mut rng = Rng::new(seed);
    let c = shape[1];
    let x = random(shape, &mut rng);
    let r = random(shape, &mut rng);
    let gamma = random(&[c], &mut rng).mapv(|v| v + 1.5);
    let beta = random(&[c], &mut rng);
    let mut bn = config.init().unwrap();
    bn.params_mut()[0].value.assign(&gamma);
    bn.params_mut()[1].value.assign(&beta);
    bn.set_buffer("runningMean", &random(&[c], &mut rng).into_raw_vec_and_offset().0).unwrap();
    bn.set_buffer("runningVar", &random(&[c], &mut rng).mapv(|v| v + 1.5).into_raw_vec_and_offset().0)
        .unwrap();
    let base = bn.clone();
    let loss = |bn: &mut BatchNorm, x: &ArrayD<f32>| {
        run(bn, x, mode);
        dot(&bn.output().to_owned().into_dyn(), &r)
    };
    run(&mut bn, &x, mode);
    let x4 = x.view().into_dimensionality::<Ix4>().unwrap();
    bn.backward(x4, r.view().into_dimensionality().unwrap()).unwrap();
    let what = format!("{mode:?} {shape:?}");
    check_gradient(&format!("{what} input"), &x, &bn.grad_input().to_owned().into_dyn(), |p| {
        loss(&mut base.clone(), p)
    });
    for (i, name) in [(0, "gamma"), (1, "beta")] {
        let start = base.params()[i].value.clone();
        check_gradient(&format!("{what} {name}"), &start, &bn.params()[i].grad, |p| {
            let mut b = base.clone();
            b.params_mut()[i].value.assign(p);
            loss(&mut b, &x)
        });
    }
}

#[test]
fn gradients_in_train_mode() {
    check_all(&[3, 2, 3, 2], Mode::Train, BatchNormConfig::new(2), 1);
    check_all(&[5, 4, 1, 1], Mode::Train, BatchNormConfig::new(4), 2);
    check_all(&[1, 3, 2, 3], Mode::Train, BatchNormConfig::new(3), 3);
}

#[test]
fn gradients_in_eval_mode() {
    check_all(&[3, 2, 3, 2], Mode::Eval, BatchNormConfig::new(2), 4);
    check_all(&[5, 4, 1, 1], Mode::Eval, BatchNormConfig::new(4), 5);
    let batch = BatchNormConfig { eval_statistics: EvalStatistics::Batch, ..BatchNormConfig::new(2) };
    check_all(&[4, 2, 2, 2], Mode::Eval, batch, 6);
}

#[test]
fn bad_inputs_are_errors() {
    let bad = |c: BatchNormConfig| c.init().unwrap_err();
    let arg = |e: Error| match e {
        Error::InvalidArgument { op, arg, .. } => (op, arg),
        e => panic!("{e}"),
    };
    assert_eq!(arg(bad(BatchNormConfig::new(0))), ("batchNorm", "channels"));
    assert_eq!(arg(bad(BatchNormConfig { eps: 0.0, ..BatchNormConfig::new(1) })), ("batchNorm", "eps"));
    assert_eq!(
        arg(bad(BatchNormConfig { momentum: 1.5, ..BatchNormConfig::new(1) })),
        ("batchNorm", "momentum")
    );
    assert_eq!(
        arg(bad(BatchNormConfig { momentum: f32::NAN, ..BatchNormConfig::new(1) })),
        ("batchNorm", "momentum")
    );
    let mut bn = BatchNormConfig::new(2).init().unwrap();
    assert_eq!(arg(bn.set_buffer("runningVar", &[1.0]).unwrap_err()), ("batchNorm", "runningVar"));
    assert_eq!(arg(bn.set_buffer("runningVar", &[1.0, -1.0]).unwrap_err()), ("batchNorm", "runningVar"));
    assert_eq!(arg(bn.set_buffer("mean", &[1.0, 1.0]).unwrap_err()), ("batchNorm", "buffer"));
    let x = ArrayD::<f32>::zeros(vec![2, 3, 1, 1]).into_dimensionality::<Ix4>().unwrap();
    assert!(bn.backward(x.view(), x.view()).is_err(), "backward before forward");
    assert!(matches!(bn.forward(x.view(), Mode::Train, &mut Rng::new(0)), Err(Error::ShapeMismatch { .. })));
    assert!(bn.output_shape([3, 1, 1]).is_err());
    assert_eq!(bn.output_shape([2, 5, 5]).unwrap(), [2, 5, 5]);
    bn.params_mut()[0].value = ArrayD::ones(vec![3]);
    let x = ArrayD::<f32>::zeros(vec![2, 2, 1, 1]).into_dimensionality::<Ix4>().unwrap();
    assert_eq!(arg(bn.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap_err()), ("batchNorm", "gamma"));
}

#[test]
fn statistics_report_what_normalized_the_last_pass() {
    use convplay_core::norm::BatchNormConfig;
    use convplay_core::{Layer, Mode, Rng};
    let mut bn = BatchNormConfig::new(1).init().unwrap();
    let mut rng = Rng::new(1);
    let x = ndarray::Array4::from_shape_vec((4, 1, 1, 1), vec![1.0f32, 2.0, 3.0, 4.0]).unwrap();
    bn.forward(x.view(), Mode::Train, &mut rng).unwrap();
    assert_eq!(bn.last_used_mean(), &[2.5]);
    assert_eq!(bn.last_used_var(), &[1.25]);
    bn.forward(x.view(), Mode::Eval, &mut rng).unwrap();
    assert_eq!(bn.last_used_mean(), bn.running_mean());
    assert_eq!(bn.last_used_var(), bn.running_var());
    let names: Vec<&str> = bn.statistics().iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["batchMean", "batchVar", "usedMean", "usedVar"]);
}
