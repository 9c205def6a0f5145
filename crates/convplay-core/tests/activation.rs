//! Activations: values, derivatives from input/output, stability, gradients and the layer.
mod common;

use common::{check_gradient, dot, random};
use convplay_core::activation::{activate, activate_backward, sigmoid, Activation, ActivationConfig};
use convplay_core::{Layer, Mode, Rng};
use ndarray::{Array4, ArrayD, Ix4};
use proptest::prelude::*;

const ALL: [Activation; 5] = [
    Activation::Identity,
    Activation::Relu,
    Activation::LeakyRelu { slope: 0.1 },
    Activation::Tanh,
    Activation::Sigmoid,
];

#[test]
fn values_by_hand() {
    let xs = [-2.0f32, -0.5, 0.0, 0.5, 2.0];
    let apply = |a: Activation| xs.map(|x| a.apply(x));
    assert_eq!(apply(Activation::Identity), xs);
    assert_eq!(apply(Activation::Relu), [0.0, 0.0, 0.0, 0.5, 2.0]);
    assert_eq!(apply(Activation::LeakyRelu { slope: 0.1 }), [-0.2, -0.05, 0.0, 0.5, 2.0]);
    for (y, x) in apply(Activation::Tanh).iter().zip(xs) {
        assert!((y - ((x.exp() - (-x).exp()) / (x.exp() + (-x).exp()))).abs() < 1e-6);
    }
    assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
    assert!((sigmoid(2.0) - 1.0 / (1.0 + (-2.0f32).exp())).abs() < 1e-7);
    // σ(−x) = 1 − σ(x)
    for x in [0.3f32, 1.7, 5.0] {
        assert!((sigmoid(-x) - (1.0 - sigmoid(x))).abs() < 1e-6);
    }
}

#[test]
fn derivatives_from_input_and_output() {
    // tanh' = 1 − y², σ' = y(1 − y), ReLU' = [x > 0] (0 at exactly 0), leaky' = 1 or slope.
    let y = 0.5f32.tanh();
    assert!((Activation::Tanh.derivative(0.5, y) - (1.0 - y * y)).abs() < 1e-7);
    assert_eq!(Activation::Sigmoid.derivative(0.0, 0.5), 0.25);
    assert_eq!(Activation::Relu.derivative(0.0, 0.0), 0.0);
    assert_eq!(Activation::Relu.derivative(1e-3, 1e-3), 1.0);
    assert_eq!(Activation::LeakyRelu { slope: 0.1 }.derivative(-3.0, -0.3), 0.1);
    assert_eq!(Activation::Identity.derivative(-3.0, -3.0), 1.0);
}

#[test]
fn sigmoid_and_tanh_are_stable_for_huge_inputs() {
    for x in [-1e4f32, -100.0, -88.0, 88.0, 100.0, 1e4, f32::MAX, f32::MIN] {
        let s = sigmoid(x);
        assert!(s.is_finite() && (0.0..=1.0).contains(&s), "σ({x}) = {s}");
        assert!(Activation::Tanh.apply(x).is_finite());
        let d = Activation::Sigmoid.derivative(x, s);
        assert!(d.is_finite() && d >= 0.0);
    }
    assert_eq!(sigmoid(-1e4), 0.0);
    assert_eq!(sigmoid(1e4), 1.0);
    assert!(sigmoid(-20.0) > 0.0, "no underflow to 0 at −20");
}

#[test]
fn names_and_validation() {
    let names: Vec<&str> = ALL.iter().map(|a| a.name()).collect();
    assert_eq!(names, ["identity", "relu", "leakyRelu", "tanh", "sigmoid"]);
    for bad in [f32::NAN, f32::INFINITY] {
        let a = Activation::LeakyRelu { slope: bad };
        assert!(a.validate().unwrap_err().to_string().starts_with("activation: slope must be finite"));
        assert!(ActivationConfig::new(a).init().is_err());
        assert!(activate(a, Array4::zeros((1, 1, 1, 1)).view()).is_err());
    }
    let e = activate_backward(
        Activation::Relu,
        Array4::zeros((1, 2, 2, 2)).view(),
        Array4::zeros((1, 2, 2, 1)).view(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("[1, 2, 2, 1]") && e.to_string().contains("[1, 2, 2, 2]"), "{e}");
    let mut out = [0.0; 3];
    assert!(Activation::Relu.forward_slice(&[1.0, 2.0], &mut out).is_err());
    assert!(Activation::Relu.backward_slice(&[1.0; 3], &[1.0; 3], &[1.0; 2], &mut out).is_err());
}

/// Random inputs kept at least 0.05 away from 0, where ReLU and leaky ReLU have their kink.
fn away_from_zero(shape: &[usize], rng: &mut Rng) -> ArrayD<f32> {
    random(shape, rng).mapv(|v| v.signum() * (0.05 + 2.0 * v.abs()))
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = Rng::new(1);
    for a in ALL.into_iter().chain([Activation::LeakyRelu { slope: -0.3 }]) {
        for shape in [[2, 3, 4, 4], [1, 5, 1, 1]] {
            let x = away_from_zero(&shape, &mut rng);
            let r = random(&shape, &mut rng);
            let dx = activate_backward(
                a,
                x.view().into_dimensionality().unwrap(),
                r.view().into_dimensionality().unwrap(),
            )
            .unwrap();
            check_gradient(&format!("{a:?}"), &x, &dx.into_dyn(), |x| {
                dot(&activate(a, x.view().into_dimensionality().unwrap()).unwrap().into_dyn(), &r)
            });
        }
    }
}

#[test]
fn layer_matches_free_functions_and_slices() {
    let mut rng = Rng::new(2);
    for a in ALL {
        let mut layer = ActivationConfig::new(a).init().unwrap();
        assert_eq!(layer.kind(), "activation");
        assert_eq!(layer.activation(), a);
        assert_eq!(layer.output_shape([3, 5, 7]).unwrap(), [3, 5, 7]);
        assert!(layer.params().is_empty());
        for n in [3, 1] {
            let x = random(&[n, 2, 3, 3], &mut rng).into_dimensionality::<Ix4>().unwrap();
            let dy = random(&[n, 2, 3, 3], &mut rng).into_dimensionality::<Ix4>().unwrap();
            layer.forward(x.view(), Mode::Train, &mut rng).unwrap();
            assert_eq!(layer.output(), activate(a, x.view()).unwrap().view());
            layer.backward(x.view(), dy.view()).unwrap();
            let dx = activate_backward(a, x.view(), dy.view()).unwrap();
            for (p, q) in layer.grad_input().iter().zip(dx.iter()) {
                assert!((p - q).abs() < 1e-6);
            }
            let (xs, dys) = (x.as_slice().unwrap(), dy.as_slice().unwrap());
            let (mut ys, mut dxs) = (vec![0.0; xs.len()], vec![0.0; xs.len()]);
            a.forward_slice(xs, &mut ys).unwrap();
            a.backward_slice(xs, &ys, dys, &mut dxs).unwrap();
            assert_eq!(ys.as_slice(), layer.output().as_slice().unwrap());
            assert_eq!(dxs.as_slice(), layer.grad_input().as_slice().unwrap());
        }
        // Mismatched backward shapes are errors.
        assert!(layer
            .backward(Array4::zeros((2, 2, 3, 3)).view(), Array4::zeros((2, 2, 3, 3)).view())
            .is_err());
    }
    // Non-contiguous input (a transposed view) is handled element by element.
    let x = random(&[2, 3, 4, 5], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let xt = x.view().permuted_axes([0, 1, 3, 2]);
    let mut layer = ActivationConfig::new(Activation::Tanh).init().unwrap();
    layer.forward(xt, Mode::Eval, &mut rng).unwrap();
    assert_eq!(layer.output(), xt.mapv(f32::tanh).view());
}

proptest! {
    #[test]
    fn monotone_and_bounded(x in -50.0f32..50.0, dx in 0.0f32..5.0, slope in 0.0f32..1.0) {
        for a in [Activation::Relu, Activation::LeakyRelu { slope }, Activation::Tanh, Activation::Sigmoid] {
            prop_assert!(a.apply(x + dx) >= a.apply(x));
            let y = a.apply(x);
            prop_assert!(a.derivative(x, y) >= 0.0);
        }
        prop_assert!((-1.0..=1.0).contains(&Activation::Tanh.apply(x)));
        prop_assert!((0.0..=1.0).contains(&sigmoid(x)));
    }
}
