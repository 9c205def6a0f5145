//! Optimizers: SGD, momentum and Adam steps by hand, weight decay, convergence on a quadratic,
//! validation and parameter-list checks.

use convplay_core::optim::{Optimizer, OptimizerConfig};
use convplay_core::{Error, Param};
use ndarray::{Array1, ArrayD};

fn param(values: &[f32], grads: &[f32], decay: bool) -> Param {
    let mut p = Param::new("weight", Array1::from(values.to_vec()).into_dyn(), decay);
    p.grad = Array1::from(grads.to_vec()).into_dyn();
    p
}

fn values(p: &Param) -> Vec<f32> {
    p.value.iter().copied().collect()
}

fn close(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn one_sgd_step_by_hand() {
    let mut opt = Optimizer::new(OptimizerConfig::sgd(0.1)).unwrap();
    let mut p = param(&[1.0, -2.0], &[0.5, 0.25], true);
    opt.step([&mut p]).unwrap();
    assert!(close(&values(&p), &[0.95, -2.025], 1e-6), "{:?}", values(&p));
    assert_eq!(opt.steps(), 1);
}

#[test]
fn momentum_over_two_steps_by_hand() {
    let config = OptimizerConfig::Sgd { lr: 0.1, momentum: 0.9, weight_decay: 0.0 };
    let mut opt = Optimizer::new(config).unwrap();
    let mut p = param(&[1.0], &[1.0], true);
    opt.step([&mut p]).unwrap(); // v = 1, w = 1 − 0.1
    assert!(close(&values(&p), &[0.9], 1e-6));
    opt.step([&mut p]).unwrap(); // v = 0.9·1 + 1 = 1.9, w = 0.9 − 0.19
    assert!(close(&values(&p), &[0.71], 1e-6), "{:?}", values(&p));
}

#[test]
fn adam_first_step_moves_by_lr_times_sign() {
    let mut opt = Optimizer::new(OptimizerConfig::adam(0.01)).unwrap();
    let mut p = param(&[1.0, 1.0, 1.0, 1.0], &[3.0, -0.02, 1e-3, 0.0], true);
    opt.step([&mut p]).unwrap();
    assert!(close(&values(&p), &[0.99, 1.01, 0.99, 1.0], 1e-5), "{:?}", values(&p));
    // Second step with the same gradient: m̂ = g, ŝ = g² again, so again lr·sign(g).
    opt.step([&mut p]).unwrap();
    assert!(close(&values(&p), &[0.98, 1.02, 0.98, 1.0], 1e-5), "{:?}", values(&p));
}

#[test]
fn weight_decay_shrinks_weights_with_zero_gradient() {
    let sgd = OptimizerConfig::sgd(0.5).with_weight_decay(0.1);
    let mut opt = Optimizer::new(sgd).unwrap();
    let mut w = param(&[2.0, -4.0], &[0.0, 0.0], true);
    let mut b = param(&[2.0], &[0.0], false);
    opt.step([&mut w, &mut b]).unwrap();
    assert!(close(&values(&w), &[1.9, -3.8], 1e-6), "{:?}", values(&w));
    assert_eq!(values(&b), vec![2.0], "no decay on biases");

    let mut opt = Optimizer::new(OptimizerConfig::adam(0.01).with_weight_decay(0.1)).unwrap();
    let mut w = param(&[2.0, -4.0], &[0.0, 0.0], true);
    opt.step([&mut w]).unwrap();
    assert!(close(&values(&w), &[1.99, -3.99], 1e-5), "{:?}", values(&w));
}

/// Minimize `½ Σ aᵢ (wᵢ − cᵢ)²` from 0; returns the final distance to `c`.
fn minimize(config: OptimizerConfig, steps: usize, decay_lr: bool) -> f32 {
    let (a, c) = ([1.0f32, 10.0, 0.5], [3.0f32, -1.0, 0.5]);
    let mut opt = Optimizer::new(config).unwrap();
    let mut p = param(&[0.0; 3], &[0.0; 3], true);
    for t in 0..steps {
        for i in 0..3 {
            p.grad[i] = a[i] * (p.value[i] - c[i]);
        }
        if decay_lr && t % 500 == 499 {
            opt.set_learning_rate(opt.config().learning_rate() * 0.3).unwrap();
        }
        opt.step([&mut p]).unwrap();
    }
    p.value.iter().zip(c).map(|(w, c)| (w - c).powi(2)).sum::<f32>().sqrt()
}

#[test]
fn all_three_minimize_a_quadratic() {
    assert!(minimize(OptimizerConfig::sgd(0.1), 500, false) < 1e-3);
    let momentum = OptimizerConfig::Sgd { lr: 0.01, momentum: 0.9, weight_decay: 0.0 };
    assert!(minimize(momentum, 500, false) < 1e-3);
    let adam = minimize(OptimizerConfig::adam(0.1), 3000, true);
    assert!(adam < 1e-3, "adam: {adam}");
}

#[test]
fn config_validation_names_the_argument() {
    let arg = |c: OptimizerConfig| match Optimizer::new(c).unwrap_err() {
        Error::InvalidArgument { op, arg, .. } => (op, arg),
        e => panic!("{e}"),
    };
    assert_eq!(arg(OptimizerConfig::sgd(0.0)), ("optimizer", "lr"));
    assert_eq!(arg(OptimizerConfig::adam(f32::NAN)), ("optimizer", "lr"));
    assert_eq!(
        arg(OptimizerConfig::Sgd { lr: 0.1, momentum: 1.0, weight_decay: 0.0 }),
        ("optimizer", "momentum")
    );
    assert_eq!(arg(OptimizerConfig::sgd(0.1).with_weight_decay(-1.0)), ("optimizer", "weightDecay"));
    let adam = |beta1, beta2, eps| OptimizerConfig::Adam { lr: 0.1, beta1, beta2, eps, weight_decay: 0.0 };
    assert_eq!(arg(adam(1.0, 0.9, 1e-8)), ("optimizer", "beta1"));
    assert_eq!(arg(adam(0.9, -0.1, 1e-8)), ("optimizer", "beta2"));
    assert_eq!(arg(adam(0.9, 0.9, 0.0)), ("optimizer", "eps"));
    let mut opt = Optimizer::new(OptimizerConfig::sgd(0.1)).unwrap();
    assert!(opt.set_learning_rate(-1.0).is_err());
    opt.set_learning_rate(0.5).unwrap();
    assert_eq!(opt.config(), &OptimizerConfig::sgd(0.5));
}

#[test]
fn parameter_list_must_not_change() {
    let mut opt = Optimizer::new(OptimizerConfig::adam(0.1)).unwrap();
    let (mut a, mut b) = (param(&[1.0, 2.0], &[1.0, 1.0], true), param(&[1.0], &[1.0], false));
    opt.step([&mut a, &mut b]).unwrap();
    let before = values(&a);
    assert!(matches!(opt.step([&mut a]), Err(Error::ShapeMismatch { .. })));
    let mut c = param(&[1.0, 2.0, 3.0], &[1.0, 1.0, 1.0], true);
    assert!(matches!(opt.step([&mut a, &mut c]), Err(Error::ShapeMismatch { .. })));
    assert_eq!(values(&a), before, "nothing changes on error");
    b.grad = ArrayD::zeros(vec![2]);
    assert!(matches!(opt.step([&mut a, &mut b]), Err(Error::ShapeMismatch { .. })));
    b.grad = Array1::from(vec![f32::NAN]).into_dyn();
    assert!(matches!(opt.step([&mut a, &mut b]), Err(Error::NonFinite { .. })));
    assert_eq!(values(&a), before, "nothing changes on error");
    opt.reset();
    opt.step([&mut c]).unwrap();
    assert_eq!(opt.steps(), 1);
}
