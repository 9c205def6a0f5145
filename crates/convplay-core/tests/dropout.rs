//! Dropout: mean preserved, train variance as predicted by the variance-shift formulas, eval is
//! the identity, mask statistics, gradient = mask.
mod common;

use common::{check_gradient, dot, random};
use convplay_core::dropout::{
    matched_uniform_noise, measured_variance_shift, uniform_noise_variance_shift, variance_shift, Dropout,
    DropoutConfig, DropoutKind, MAX_BETA, MAX_MATCHED_P,
};
use convplay_core::measure::stats::summarize;
use convplay_core::{Error, Layer, Mode, Rng};
use ndarray::{Array4, ArrayD, Ix4};

/// `[16, 4, 64, 64]` (262 144 values) with mean `c` and variance `v`.
fn gaussian(c: f32, v: f32, seed: u64) -> Array4<f32> {
    let mut rng = Rng::new(seed);
    Array4::from_shape_simple_fn((16, 4, 64, 64), || c + v.sqrt() * rng.normal())
}

fn train(kind: DropoutKind, x: &Array4<f32>, seed: u64) -> Dropout {
    let mut d = DropoutConfig::new(kind).init().unwrap();
    d.forward(x.view(), Mode::Train, &mut Rng::new(seed)).unwrap();
    d
}

#[test]
fn variance_shift_by_hand() {
    // p = 0.5, c = 1, v = 1: Var_train = (1 + 1)/0.5 − 1 = 3, ratio 1/3.
    let s = variance_shift(0.5, 1.0, 1.0).unwrap();
    assert_eq!((s.mean, s.train_variance, s.test_variance), (1.0, 3.0, 1.0));
    assert!((s.ratio - 1.0 / 3.0).abs() < 1e-6);
    assert_eq!(s.train_over_test, 3.0);
    assert_eq!(variance_shift(0.5, 0.0, 0.0).unwrap().train_over_test, 1.0);
    assert_eq!(variance_shift(0.5, 1.0, 0.0).unwrap().train_over_test, f32::INFINITY);
    // Zero mean: Var_train = v/(1 − p).
    assert!((variance_shift(0.2, 0.0, 2.0).unwrap().train_variance - 2.5).abs() < 1e-6);
    // Uniform noise β = 0.5, c = 1, v = 1: 2·(1 + 1/12) − 1 = 7/6.
    let u = uniform_noise_variance_shift(0.5, 1.0, 1.0).unwrap();
    assert!((u.train_variance - 7.0 / 6.0).abs() < 1e-6);
    assert_eq!(variance_shift(0.0, 3.0, 2.0).unwrap().ratio, 1.0);
    assert_eq!(variance_shift(0.5, 0.0, 0.0).unwrap().ratio, 1.0);
    assert_eq!(DropoutKind::UniformNoise { beta: 0.5 }.variance_shift(1.0, 1.0).unwrap(), u);
}

#[test]
fn measured_shift_by_hand() {
    // Var([1, −1, 1, −1]) = 1, Var([2, 0, 2, 0]) = 1, Var([0.5, −0.5]) = 0.25; NaN is left out.
    let s = measured_variance_shift(&[1.0, -1.0, 1.0, -1.0], &[0.5, -0.5, f32::NAN]).unwrap();
    assert_eq!((s.train_variance, s.test_variance, s.train_over_test), (1.0, 0.25, 4.0));
    assert_eq!(measured_variance_shift(&[1.0, -1.0], &[2.0, 0.0]).unwrap().train_over_test, 1.0);
    assert_eq!(measured_variance_shift(&[3.0], &[2.0, 2.0]).unwrap().train_over_test, 1.0);
    assert_eq!(measured_variance_shift(&[1.0, -1.0], &[2.0]).unwrap().train_over_test, f32::INFINITY);
}

#[test]
fn measured_shift_matches_the_analytic_one() {
    // Values through an inverted-dropout layer in training vs the same values at test time.
    let x = gaussian(0.0, 1.0, 5);
    let d = train(DropoutKind::Inverted { p: 0.5 }, &x, 6);
    let s = measured_variance_shift(d.output().as_slice().unwrap(), x.as_slice().unwrap()).unwrap();
    assert!((s.train_over_test - 2.0).abs() < 0.05, "{}", s.train_over_test);
}

#[test]
fn inverted_dropout_preserves_mean_and_matches_train_variance() {
    for (p, c, v) in [(0.5, 1.0, 1.0), (0.2, 0.0, 2.0), (0.1, -2.0, 0.5)] {
        let x = gaussian(c, v, 1);
        let d = train(DropoutKind::Inverted { p }, &x, 2);
        let s = summarize(d.output().as_slice().unwrap());
        let want = variance_shift(p, c, v).unwrap();
        assert!((s.mean - c).abs() < 0.02 * (1.0 + c.abs()), "p {p}: mean {} vs {c}", s.mean);
        let rel = (s.variance - want.train_variance).abs() / want.train_variance;
        assert!(rel < 0.02, "p {p}: variance {} vs {}", s.variance, want.train_variance);
    }
}

#[test]
fn uniform_noise_preserves_mean_and_matches_train_variance() {
    for (beta, c, v) in [(0.5, 1.0, 1.0), (1.0, 2.0, 0.5)] {
        let x = gaussian(c, v, 3);
        let d = train(DropoutKind::UniformNoise { beta }, &x, 4);
        let s = summarize(d.output().as_slice().unwrap());
        let want = uniform_noise_variance_shift(beta, c, v).unwrap();
        assert!((s.mean - c).abs() < 0.02 * (1.0 + c.abs()), "β {beta}: mean {}", s.mean);
        let rel = (s.variance - want.train_variance).abs() / want.train_variance;
        assert!(rel < 0.02, "β {beta}: variance {} vs {}", s.variance, want.train_variance);
        let m = summarize(d.mask().as_slice().unwrap());
        assert!(m.min >= 1.0 - beta && m.max <= 1.0 + beta);
    }
}

#[test]
fn mask_drops_a_fraction_p() {
    let x = gaussian(0.0, 1.0, 5);
    for p in [0.0, 0.25, 0.5, 0.9] {
        let d = train(DropoutKind::Inverted { p }, &x, 6);
        let zeros = d.mask().iter().filter(|&&m| m == 0.0).count() as f32 / x.len() as f32;
        assert!((zeros - p).abs() < 0.005, "p {p}: zero fraction {zeros}");
        assert!(d.mask().iter().all(|&m| m == 0.0 || m == 1.0 / (1.0 - p)));
    }
}

#[test]
fn eval_is_identity() {
    let x = gaussian(1.0, 2.0, 7);
    for kind in [DropoutKind::Inverted { p: 0.7 }, DropoutKind::UniformNoise { beta: 0.9 }] {
        let mut d = DropoutConfig::new(kind).init().unwrap();
        let mut rng = Rng::new(8);
        d.forward(x.view(), Mode::Eval, &mut rng).unwrap();
        assert_eq!(d.output(), x.view());
        d.backward(x.view(), x.view()).unwrap();
        assert_eq!(d.grad_input(), x.view());
        assert_eq!(rng.next_u32(), Rng::new(8).next_u32(), "eval draws no random numbers");
    }
}

#[test]
fn same_seed_same_mask() {
    let x = gaussian(0.0, 1.0, 9);
    let a = train(DropoutKind::Inverted { p: 0.3 }, &x, 10);
    let b = train(DropoutKind::Inverted { p: 0.3 }, &x, 10);
    let c = train(DropoutKind::Inverted { p: 0.3 }, &x, 11);
    assert_eq!(a.mask(), b.mask());
    assert_ne!(a.mask(), c.mask());
}

#[test]
fn gradient_is_the_mask() {
    let mut rng = Rng::new(12);
    let shape = [3, 2, 4, 4];
    let x = random(&shape, &mut rng);
    let r = random(&shape, &mut rng);
    for kind in [DropoutKind::Inverted { p: 0.4 }, DropoutKind::UniformNoise { beta: 0.8 }] {
        let loss = |x: &ArrayD<f32>| {
            let d = train(kind, &x.view().into_dimensionality::<Ix4>().unwrap().to_owned(), 13);
            dot(&d.output().to_owned().into_dyn(), &r)
        };
        let mut d = train(kind, &x.view().into_dimensionality::<Ix4>().unwrap().to_owned(), 13);
        let x4 = x.view().into_dimensionality::<Ix4>().unwrap();
        d.backward(x4, r.view().into_dimensionality().unwrap()).unwrap();
        let want = &d.mask() * &r.view().into_dimensionality::<Ix4>().unwrap();
        assert_eq!(d.grad_input(), want.view());
        check_gradient(&format!("{kind:?}"), &x, &d.grad_input().to_owned().into_dyn(), loss);
    }
}

#[test]
fn bad_parameters_are_errors() {
    let arg = |e: Error| match e {
        Error::InvalidArgument { op, arg, .. } => (op, arg),
        e => panic!("{e}"),
    };
    for p in [1.0, -0.1, 1.5, f32::NAN] {
        assert_eq!(
            arg(DropoutConfig::new(DropoutKind::Inverted { p }).init().unwrap_err()),
            ("dropout", "p")
        );
        assert_eq!(arg(variance_shift(p, 0.0, 1.0).unwrap_err()), ("varianceShift", "p"));
    }
    for beta in [-0.1, 1.1, f32::INFINITY] {
        assert_eq!(
            arg(DropoutConfig::new(DropoutKind::UniformNoise { beta }).init().unwrap_err()),
            ("dropout", "beta")
        );
    }
    assert_eq!(arg(variance_shift(0.5, 0.0, -1.0).unwrap_err()), ("varianceShift", "variance"));
    assert_eq!(arg(variance_shift(0.5, f32::NAN, 1.0).unwrap_err()), ("varianceShift", "mean"));
    assert_eq!(arg(measured_variance_shift(&[], &[1.0]).unwrap_err()), ("measuredVarianceShift", "train"));
    assert_eq!(
        arg(measured_variance_shift(&[1.0], &[f32::NAN]).unwrap_err()),
        ("measuredVarianceShift", "test")
    );
    let mut d = DropoutConfig::new(DropoutKind::Inverted { p: 0.5 }).init().unwrap();
    let x = Array4::<f32>::zeros((2, 3, 1, 1));
    assert!(matches!(d.backward(x.view(), x.view()), Err(Error::ShapeMismatch { .. })));
    d.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap();
    let other = Array4::<f32>::zeros((2, 3, 1, 2));
    assert!(d.backward(x.view(), other.view()).is_err());
}

#[test]
fn noise_variance_is_the_regularization_strength() {
    // Inverted dropout p/(1 − p): 1 at p = 0.5; uniform noise β²/3: 0.083 at β = 0.5.
    assert_eq!(DropoutKind::Inverted { p: 0.5 }.noise_variance(), 1.0);
    assert!((DropoutKind::UniformNoise { beta: 0.5 }.noise_variance() - 1.0 / 12.0).abs() < 1e-9);
    assert_eq!(variance_shift(0.5, 0.0, 1.0).unwrap().noise_variance, 1.0);
    assert!((uniform_noise_variance_shift(0.5, 0.0, 1.0).unwrap().noise_variance - 1.0 / 12.0).abs() < 1e-7);
    // The measured masks have that variance.
    let x = gaussian(0.0, 1.0, 14);
    for kind in [DropoutKind::Inverted { p: 0.3 }, DropoutKind::UniformNoise { beta: 0.8 }] {
        let m = summarize(train(kind, &x, 15).mask().as_slice().unwrap());
        assert!((m.mean - 1.0).abs() < 0.01, "{kind:?}: mean {}", m.mean);
        let want = kind.noise_variance() as f32;
        assert!((m.variance - want).abs() < 0.02 * want, "{kind:?}: {} vs {want}", m.variance);
    }
}

#[test]
fn at_equal_noise_variance_the_shifts_are_the_same() {
    // β²/3 = p/(1 − p): p = 0.1 → β = √(1/3) = 0.577, the same train/test ratio 1/(1 − p).
    let m = matched_uniform_noise(0.1, 0.0, 1.0).unwrap();
    assert!(m.matched && m.same_shift, "{m:?}");
    assert!((m.beta - (1.0f32 / 3.0).sqrt()).abs() < 1e-6);
    assert!((m.uniform.noise_variance - m.dropout.noise_variance).abs() < 1e-6);
    assert!((m.dropout.train_over_test - 1.0 / 0.9).abs() < 1e-6);
    for p in [0.0, 0.01, 0.1, 0.2, 0.25] {
        for (c, v) in [(0.0, 1.0), (1.0, 1.0), (-2.0, 0.5), (3.0, 0.0)] {
            let m = matched_uniform_noise(p, c, v).unwrap();
            assert!(m.matched && m.same_shift, "p {p}, c {c}, v {v}: {m:?}");
            assert!(m.shift_difference <= m.tolerance);
        }
    }
    // Measured through the layers: equal noise, equal measured shift.
    let x = gaussian(1.0, 1.0, 16);
    let m = matched_uniform_noise(0.2, 1.0, 1.0).unwrap();
    let shift = |kind| {
        let d = train(kind, &x, 17);
        measured_variance_shift(d.output().as_slice().unwrap(), x.as_slice().unwrap())
            .unwrap()
            .train_over_test
    };
    let (a, b) = (shift(DropoutKind::Inverted { p: 0.2 }), shift(DropoutKind::UniformNoise { beta: m.beta }));
    assert!((a - b).abs() < 0.02 * a, "{a} vs {b}");
    assert!((a - m.dropout.train_over_test).abs() < 0.02 * a);
}

#[test]
fn beyond_p_0_25_uniform_noise_cannot_match() {
    assert_eq!((MAX_BETA, MAX_MATCHED_P), (1.0, 0.25));
    // The cap: β = 1 has noise variance 1/3 = 0.25/(1 − 0.25).
    let edge = matched_uniform_noise(MAX_MATCHED_P, 0.0, 1.0).unwrap();
    assert!(edge.matched && (edge.beta - MAX_BETA).abs() < 1e-6);
    for p in [0.26, 0.3, 0.5, 0.9] {
        let m = matched_uniform_noise(p, 0.0, 1.0).unwrap();
        assert!(!m.matched && !m.same_shift, "p {p}: {m:?}");
        assert_eq!(m.beta, MAX_BETA);
        assert!(m.beta_needed > MAX_BETA);
        assert!(m.uniform.noise_variance < m.dropout.noise_variance);
        assert!(m.uniform.train_over_test < m.dropout.train_over_test);
    }
    // p = 0.5 needs β = √3.
    assert!((matched_uniform_noise(0.5, 0.0, 1.0).unwrap().beta_needed - 3f32.sqrt()).abs() < 1e-6);
    for p in [1.0, -0.1, f32::NAN] {
        assert!(matched_uniform_noise(p, 0.0, 1.0).is_err());
    }
    assert!(matched_uniform_noise(0.1, 0.0, -1.0).is_err());
}
