//! Dense and flatten: a hand fixture, gradients of input, weight and bias, layer agreement,
//! parameter counts and shape errors.
mod common;

use common::{check_gradient, dot, random};
use convplay_core::linear::{dense, dense_backward, parameter_count, DenseConfig, FlattenConfig};
use convplay_core::{Layer, Mode, Rng};
use ndarray::{array, Array4, ArrayD, Ix1, Ix2, Ix4};
use proptest::prelude::*;

#[test]
fn hand_fixture() {
    // y = x·Wᵀ + b with x = [1, 2, 3], W = [[1, 0, -1], [2, 1, 0]], b = [0.5, -1]:
    // y₀ = 1 − 3 + 0.5 = −1.5, y₁ = 2 + 2 − 1 = 3.
    let x = array![[1.0f32, 2.0, 3.0], [0.0, 0.0, 1.0]];
    let w = array![[1.0f32, 0.0, -1.0], [2.0, 1.0, 0.0]];
    let b = array![0.5f32, -1.0];
    let y = dense(x.view(), w.view(), b.view()).unwrap();
    assert_eq!(y, array![[-1.5, 3.0], [-0.5, -1.0]]);
    // ∂y/∂… with dy = [[1, 0], [0, 1]]: dX = dy·W, dW = dyᵀ·x, db = column sums.
    let dy = array![[1.0f32, 0.0], [0.0, 1.0]];
    let g = dense_backward(x.view(), w.view(), dy.view()).unwrap();
    assert_eq!(g.input, array![[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]);
    assert_eq!(g.weight, array![[1.0, 2.0, 3.0], [0.0, 0.0, 1.0]]);
    assert_eq!(g.bias, array![1.0, 1.0]);
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = Rng::new(7);
    for (n, i, o) in [(1, 1, 1), (3, 5, 4), (4, 12, 3), (2, 7, 10)] {
        let x = random(&[n, i], &mut rng);
        let w = random(&[o, i], &mut rng);
        let b = random(&[o], &mut rng);
        let r = random(&[n, o], &mut rng);
        let loss = |x: &ArrayD<f32>, w: &ArrayD<f32>, b: &ArrayD<f32>| {
            let y = dense(
                x.view().into_dimensionality().unwrap(),
                w.view().into_dimensionality().unwrap(),
                b.view().into_dimensionality().unwrap(),
            )
            .unwrap();
            dot(&y.into_dyn(), &r)
        };
        let g = dense_backward(
            x.view().into_dimensionality().unwrap(),
            w.view().into_dimensionality().unwrap(),
            r.view().into_dimensionality().unwrap(),
        )
        .unwrap();
        let what = format!("dense {n}×{i}→{o}");
        check_gradient(&format!("{what} input"), &x, &g.input.into_dyn(), |x| loss(x, &w, &b));
        check_gradient(&format!("{what} weight"), &w, &g.weight.into_dyn(), |w| loss(&x, w, &b));
        check_gradient(&format!("{what} bias"), &b, &g.bias.into_dyn(), |b| loss(&x, &w, b));
    }
}

#[test]
fn layer_matches_functions_on_flattened_volumes() {
    let mut rng = Rng::new(3);
    let mut layer = DenseConfig::new(2 * 3 * 4, 5).init().unwrap();
    assert_eq!(layer.kind(), "dense");
    assert_eq!((layer.in_features(), layer.out_features()), (24, 5));
    let names: Vec<(&str, bool, Vec<usize>)> =
        layer.params().iter().map(|p| (p.name, p.decay, p.value.shape().to_vec())).collect();
    assert_eq!(names, vec![("weight", true, vec![5, 24]), ("bias", false, vec![5])]);
    assert!(layer.params().iter().all(|p| p.value.iter().all(|&v| v == 0.0)));
    for p in layer.params_mut() {
        p.value = random(p.value.shape(), &mut rng);
    }
    assert_eq!(layer.output_shape([2, 3, 4]).unwrap(), [5, 1, 1]);
    let w = layer.params()[0].value.clone().into_dimensionality::<Ix2>().unwrap();
    let b = layer.params()[1].value.clone().into_dimensionality::<Ix1>().unwrap();
    assert_eq!(layer.weight(), w.view());
    assert_eq!(layer.bias(), b.view());
    for n in [3, 1, 3] {
        let x = random(&[n, 2, 3, 4], &mut rng).into_dimensionality::<Ix4>().unwrap();
        let x2 = x.clone().into_shape_with_order((n, 24)).unwrap();
        layer.forward(x.view(), Mode::Train, &mut rng).unwrap();
        let y = dense(x2.view(), w.view(), b.view()).unwrap();
        assert_eq!(layer.output().shape(), &[n, 5, 1, 1]);
        for (p, q) in layer.output().iter().zip(y.iter()) {
            assert!((p - q).abs() < 1e-5);
        }
        let dy = random(&[n, 5, 1, 1], &mut rng).into_dimensionality::<Ix4>().unwrap();
        layer.backward(x.view(), dy.view()).unwrap();
        let g =
            dense_backward(x2.view(), w.view(), dy.view().into_shape_with_order((n, 5)).unwrap()).unwrap();
        let close = |a: &ArrayD<f32>, b: &ArrayD<f32>| {
            a.shape() == b.shape() && a.iter().zip(b).all(|(p, q)| (p - q).abs() < 1e-5)
        };
        assert!(close(
            &layer.grad_input().to_owned().into_dyn(),
            &g.input.into_shape_with_order((n, 2, 3, 4)).unwrap().into_dyn()
        ));
        assert!(close(&layer.params()[0].grad, &g.weight.into_dyn()));
        assert!(close(&layer.params()[1].grad, &g.bias.into_dyn()));
    }
    // A non-contiguous input (channels and width swapped) is flattened in logical order.
    let x = random(&[2, 4, 3, 2], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let xt = x.view().permuted_axes([0, 3, 2, 1]);
    layer.forward(xt, Mode::Eval, &mut rng).unwrap();
    let x2 = xt.as_standard_layout().into_owned().into_shape_with_order((2, 24)).unwrap();
    let y = dense(x2.view(), w.view(), b.view()).unwrap();
    assert!(layer.output().iter().zip(y.iter()).all(|(p, q)| (p - q).abs() < 1e-5));
}

#[test]
fn flatten_round_trips() {
    let mut rng = Rng::new(5);
    let mut f = FlattenConfig.init().unwrap();
    assert_eq!(f.kind(), "flatten");
    assert_eq!(f.output_shape([16, 5, 5]).unwrap(), [400, 1, 1]);
    let x = random(&[2, 3, 2, 2], &mut rng).into_dimensionality::<Ix4>().unwrap();
    f.forward(x.view(), Mode::Train, &mut rng).unwrap();
    assert_eq!(f.output().shape(), &[2, 12, 1, 1]);
    assert_eq!(f.output().as_slice().unwrap(), x.as_slice().unwrap());
    let dy = random(&[2, 12, 1, 1], &mut rng).into_dimensionality::<Ix4>().unwrap();
    f.backward(x.view(), dy.view()).unwrap();
    assert_eq!(f.grad_input().shape(), x.shape());
    assert_eq!(f.grad_input().as_slice().unwrap(), dy.as_slice().unwrap());
    assert!(f.backward(x.view(), Array4::zeros((2, 11, 1, 1)).view()).is_err());
    // Non-contiguous input: logical row-major order.
    let xt = x.view().permuted_axes([0, 1, 3, 2]);
    f.forward(xt, Mode::Train, &mut rng).unwrap();
    let expect: Vec<f32> = xt.iter().copied().collect();
    assert_eq!(f.output().as_slice().unwrap(), expect.as_slice());
}

#[test]
fn parameter_counts_for_the_lecture() {
    assert_eq!(parameter_count(256, 120), 30_840);
    assert_eq!(parameter_count(784, 10), 7_850);
    // A 1000×1000 image into 1000 hidden units: a billion weights.
    assert_eq!(parameter_count(1_000_000, 1000), 1_000_001_000);
    assert_eq!(parameter_count(usize::MAX, 2), usize::MAX);
    let d = DenseConfig::new(256, 120).init().unwrap();
    assert_eq!(d.params().iter().map(|p| p.value.len()).sum::<usize>(), parameter_count(256, 120));
}

#[test]
fn shape_errors_name_both_sizes() {
    let x = ndarray::Array2::<f32>::zeros((2, 3));
    let w = ndarray::Array2::<f32>::zeros((4, 5));
    let b = ndarray::Array1::<f32>::zeros(4);
    let e = dense(x.view(), w.view(), b.view()).unwrap_err();
    assert_eq!(e.to_string(), "dense: input has 3 features but the weight takes 5 ([out, in] = [4, 5])");
    let w = ndarray::Array2::<f32>::zeros((4, 3));
    let e = dense(x.view(), w.view(), ndarray::Array1::zeros(2).view()).unwrap_err();
    assert_eq!(e.to_string(), "dense: bias has 2 values but the weight has 4 outputs");
    let e = dense_backward(x.view(), w.view(), ndarray::Array2::zeros((2, 3)).view()).unwrap_err();
    assert!(e.to_string().contains("[2, 3]") && e.to_string().contains("[2, 4]"), "{e}");
    let mut layer = DenseConfig::new(10, 2).init().unwrap();
    let e = layer.output_shape([2, 2, 2]).unwrap_err();
    assert_eq!(e.to_string(), "dense: input has 2×2×2 = 8 features but the layer takes 10");
    let e = layer.forward(Array4::zeros((1, 3, 2, 2)).view(), Mode::Train, &mut Rng::new(0)).unwrap_err();
    assert!(e.to_string().contains("12 features") && e.to_string().contains("takes 10"), "{e}");
    layer.forward(Array4::zeros((2, 10, 1, 1)).view(), Mode::Train, &mut Rng::new(0)).unwrap();
    assert!(layer.backward(Array4::zeros((2, 10, 1, 1)).view(), Array4::zeros((2, 3, 1, 1)).view()).is_err());
    assert!(DenseConfig::new(0, 3).init().unwrap_err().to_string().contains("inFeatures"));
    assert!(DenseConfig::new(3, 0).init().unwrap_err().to_string().contains("outFeatures"));
    assert!(DenseConfig::new(1 << 20, 1 << 20).init().is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn dense_is_affine_and_backward_is_its_adjoint(n in 1usize..5, i in 1usize..9, o in 1usize..9, seed in 0u64..1000) {
        let mut rng = Rng::new(seed);
        let x = random(&[n, i], &mut rng).into_dimensionality::<Ix2>().unwrap();
        let w = random(&[o, i], &mut rng).into_dimensionality::<Ix2>().unwrap();
        let r = random(&[n, o], &mut rng).into_dimensionality::<Ix2>().unwrap();
        let zero = ndarray::Array1::zeros(o);
        let y = dense(x.view(), w.view(), zero.view()).unwrap();
        let g = dense_backward(x.view(), w.view(), r.view()).unwrap();
        // <W x, r> = <x, Wᵀ r> = <W, r xᵀ>
        let lhs = dot(&y.into_dyn(), &r.clone().into_dyn());
        prop_assert!((lhs - dot(&x.clone().into_dyn(), &g.input.into_dyn())).abs() < 1e-4);
        prop_assert!((lhs - dot(&w.into_dyn(), &g.weight.into_dyn())).abs() < 1e-4);
    }
}
