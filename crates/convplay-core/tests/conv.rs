//! Convolution: the lecture's fixture, gradients by finite differences, the full-convolution
//! identity of the input gradient, equivariance, trace and layer agreement.
mod common;

use common::{check_gradient, dot, random, FWD_TOL};
use convplay_core::conv::layer::{Conv2d, Conv2dConfig};
use convplay_core::conv::trace::conv2d_trace;
use convplay_core::conv::{conv2d, conv2d_backward, Conv2dParams, ConvMode};
use convplay_core::tensor::array4;
use convplay_core::{Layer, Mode, Padding, Rng};
use ndarray::{s, Array1, Array4, ArrayD, Axis, Ix4};

/// The lecture's example (vdumoulin/conv_arithmetic): 5×5 input, 3×3 kernel.
fn lecture() -> (Array4<f32>, Array4<f32>) {
    #[rustfmt::skip]
    let input = vec![
        3., 3., 2., 1., 0.,
        0., 0., 1., 3., 1.,
        3., 1., 2., 2., 3.,
        2., 0., 0., 2., 2.,
        2., 0., 0., 0., 1.,
    ];
    let kernel = vec![0., 1., 2., 2., 2., 0., 0., 1., 2.];
    (
        array4("t", "input", &[1, 1, 5, 5], input).unwrap(),
        array4("t", "kernel", &[1, 1, 3, 3], kernel).unwrap(),
    )
}

fn values(a: &Array4<f32>) -> Vec<f32> {
    a.iter().copied().collect()
}

#[test]
fn lecture_example_cross_correlation() {
    let (x, k) = lecture();
    let y = conv2d(x.view(), k.view(), None, &Conv2dParams::default()).unwrap();
    assert_eq!(y.shape(), &[1, 1, 3, 3]);
    assert_eq!(values(&y), vec![12., 12., 17., 10., 17., 19., 9., 6., 14.]);
}

#[test]
fn lecture_example_true_convolution() {
    let (x, k) = lecture();
    let p = Conv2dParams { mode: ConvMode::Convolution, ..Default::default() };
    let y = conv2d(x.view(), k.view(), None, &p).unwrap();
    assert_eq!(values(&y), vec![18., 20., 19., 10., 9., 17., 11., 8., 14.]);
}

#[test]
fn padding_stride_and_bias_by_hand() {
    // 3×3 ones, kernel 3×3 ones, "same" padding: corner sees 4 cells, edge 6, centre 9; bias 0.5.
    let x = Array4::<f32>::ones((1, 1, 3, 3));
    let k = Array4::<f32>::ones((1, 1, 3, 3));
    let b = Array1::from(vec![0.5f32]);
    let p = Conv2dParams { padding: Padding::Same, ..Default::default() };
    let y = conv2d(x.view(), k.view(), Some(b.view()), &p).unwrap();
    assert_eq!(values(&y), vec![4.5, 6.5, 4.5, 6.5, 9.5, 6.5, 4.5, 6.5, 4.5]);
    let p = Conv2dParams { padding: Padding::Same, stride: (2, 2), ..Default::default() };
    let y = conv2d(x.view(), k.view(), None, &p).unwrap();
    assert_eq!(values(&y), vec![4., 4., 4., 4.]);
    // dilation 2 on 5×5 ramp: taps at rows/cols 0,2,4 -> one output, the sum of those 9 cells.
    let ramp = Array4::from_shape_fn((1, 1, 5, 5), |(_, _, i, j)| (i * 5 + j) as f32);
    let p = Conv2dParams { dilation: (2, 2), ..Default::default() };
    let y = conv2d(ramp.view(), k.view(), None, &p).unwrap();
    assert_eq!(values(&y), vec![(2 + 4 + 10 + 12 + 14 + 20 + 22 + 24) as f32]); // cell 0 holds 0
}

#[test]
fn volume_sums_channels_and_filters_are_independent() {
    let mut rng = Rng::new(3);
    let x = random(&[2, 3, 6, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let k = random(&[4, 3, 3, 3], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let y = conv2d(x.view(), k.view(), None, &Conv2dParams::default()).unwrap();
    // Each filter on each channel separately, summed, equals the volume convolution.
    for o in 0..4 {
        let mut acc = Array4::<f32>::zeros((2, 1, 4, 4));
        for c in 0..3 {
            let xc = x.slice(s![.., c..c + 1, .., ..]);
            let kc = k.slice(s![o..o + 1, c..c + 1, .., ..]);
            acc += &conv2d(xc, kc, None, &Conv2dParams::default()).unwrap();
        }
        let yo = y.slice(s![.., o..o + 1, .., ..]);
        for (a, b) in acc.iter().zip(yo.iter()) {
            assert!((a - b).abs() < 1e-5);
        }
    }
}

fn gradient_check(shape: [usize; 4], kernel: [usize; 4], p: Conv2dParams, seed: u64) {
    let mut rng = Rng::new(seed);
    let x = random(&shape, &mut rng);
    let w = random(&kernel, &mut rng);
    let b = random(&[kernel[0]], &mut rng);
    let y =
        conv2d(x.view().into_dimensionality().unwrap(), w.view().into_dimensionality().unwrap(), None, &p)
            .unwrap();
    let r = random(y.shape(), &mut rng);
    let loss = |x: &ArrayD<f32>, w: &ArrayD<f32>, b: &ArrayD<f32>| {
        let y = conv2d(
            x.view().into_dimensionality().unwrap(),
            w.view().into_dimensionality().unwrap(),
            Some(b.view().into_dimensionality().unwrap()),
            &p,
        )
        .unwrap();
        dot(&y.into_dyn(), &r)
    };
    let g = conv2d_backward(
        x.view().into_dimensionality().unwrap(),
        w.view().into_dimensionality().unwrap(),
        r.view().into_dimensionality().unwrap(),
        &p,
    )
    .unwrap();
    let what = format!("conv {shape:?} {kernel:?} {p:?}");
    check_gradient(&format!("{what} input"), &x, &g.input.into_dyn(), |x| loss(x, &w, &b));
    check_gradient(&format!("{what} weight"), &w, &g.weight.into_dyn(), |w| loss(&x, w, &b));
    check_gradient(&format!("{what} bias"), &b, &g.bias.into_dyn(), |b| loss(&x, &w, b));
}

#[test]
fn gradients_match_finite_differences() {
    let base = Conv2dParams::default();
    gradient_check([2, 1, 5, 5], [2, 1, 3, 3], base, 1);
    gradient_check([1, 3, 6, 7], [4, 3, 3, 2], Conv2dParams { stride: (2, 3), ..base }, 2);
    gradient_check([2, 2, 6, 6], [3, 2, 3, 3], Conv2dParams { padding: Padding::Same, ..base }, 3);
    gradient_check([1, 2, 5, 5], [2, 2, 2, 2], Conv2dParams { padding: Padding::Full, ..base }, 4);
    gradient_check([1, 2, 9, 8], [2, 2, 3, 3], Conv2dParams { dilation: (2, 2), ..base }, 5);
    gradient_check(
        [1, 1, 7, 7],
        [2, 1, 3, 3],
        Conv2dParams { padding: Padding::Explicit { y: 2, x: 1 }, stride: (2, 2), ..base },
        6,
    );
    gradient_check(
        [2, 2, 5, 6],
        [2, 2, 3, 3],
        Conv2dParams { mode: ConvMode::Convolution, stride: (2, 1), ..base },
        7,
    );
}

#[test]
fn input_gradient_is_full_convolution_with_the_flipped_kernel() {
    // For a stride-1 valid cross-correlation, ∂L/∂x[c] = Σ_o full_convolution(∂L/∂y[o], w[o, c]).
    let mut rng = Rng::new(11);
    let x = random(&[1, 2, 6, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let w = random(&[3, 2, 3, 3], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let dy = random(&[1, 3, 4, 4], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let g = conv2d_backward(x.view(), w.view(), dy.view(), &Conv2dParams::default()).unwrap();
    let w_t = w.view().permuted_axes([1, 0, 2, 3]).as_standard_layout().into_owned();
    let full = Conv2dParams { padding: Padding::Full, mode: ConvMode::Convolution, ..Default::default() };
    let dx = conv2d(dy.view(), w_t.view(), None, &full).unwrap();
    assert_eq!(dx.shape(), g.input.shape());
    for (a, b) in dx.iter().zip(g.input.iter()) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }
}

#[test]
fn stride_one_conv_is_shift_equivariant_away_from_borders() {
    let mut rng = Rng::new(5);
    let x = random(&[1, 1, 12, 12], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let w = random(&[1, 1, 3, 3], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let (dy, dx) = (2usize, 1usize);
    let mut shifted = Array4::<f32>::zeros(x.raw_dim());
    shifted.slice_mut(s![.., .., dy.., dx..]).assign(&x.slice(s![.., .., ..12 - dy, ..12 - dx]));
    let same = Conv2dParams { padding: Padding::Same, ..Default::default() };
    let y = conv2d(x.view(), w.view(), None, &same).unwrap();
    let ys = conv2d(shifted.view(), w.view(), None, &same).unwrap();
    // Exactly equal once the shift is undone, except within a kernel radius of the borders.
    for i in (dy + 1)..11 {
        for j in (dx + 1)..11 {
            assert_eq!(ys[[0, 0, i, j]], y[[0, 0, i - dy, j - dx]], "at {i},{j}");
        }
    }
    // Stride 2 breaks it: a 1-pixel shift cannot be undone on the stride-2 output grid.
    let strided = Conv2dParams { stride: (2, 2), ..same };
    let y2 = conv2d(x.view(), w.view(), None, &strided).unwrap();
    let mut one = Array4::<f32>::zeros(x.raw_dim());
    one.slice_mut(s![.., .., 1.., ..]).assign(&x.slice(s![.., .., ..11, ..]));
    let y2s = conv2d(one.view(), w.view(), None, &strided).unwrap();
    let mut best = f32::INFINITY;
    for sh in 0..2usize {
        let mut worst = 0.0f32;
        for i in 2..5 {
            for j in 1..5 {
                worst = worst.max((y2s[[0, 0, i + sh, j]] - y2[[0, 0, i, j]]).abs());
            }
        }
        best = best.min(worst);
    }
    assert!(best > 1e-3, "stride 2 output should not be a shifted copy: {best}");
}

#[test]
fn trace_matches_forward_everywhere() {
    let mut rng = Rng::new(9);
    let x = random(&[2, 3, 6, 5], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let w = random(&[2, 3, 3, 2], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let b = Array1::from(vec![0.25f32, -1.0]);
    for mode in [ConvMode::CrossCorrelation, ConvMode::Convolution] {
        let p = Conv2dParams { stride: (2, 1), padding: Padding::Same, mode, ..Default::default() };
        let y = conv2d(x.view(), w.view(), Some(b.view()), &p).unwrap();
        for n in 0..2 {
            for o in 0..2 {
                for i in 0..y.shape()[2] {
                    for j in 0..y.shape()[3] {
                        let t = conv2d_trace(x.view(), w.view(), Some(b.view()), &p, n, o, i, j).unwrap();
                        assert!((t.result - y[[n, o, i, j]]).abs() < FWD_TOL * 10.0);
                        assert_eq!(t.terms.len(), 18);
                        assert_eq!(t.channel_sums.len(), 3);
                    }
                }
            }
        }
    }
    let (x, k) = lecture();
    let t = conv2d_trace(x.view(), k.view(), None, &Conv2dParams::default(), 0, 0, 0, 0).unwrap();
    let products: Vec<f32> = t.terms.iter().map(|t| t.product).collect();
    assert_eq!(products, vec![0., 3., 4., 0., 0., 0., 0., 1., 4.]);
    assert_eq!(t.result, 12.0);
    let e = conv2d_trace(x.view(), k.view(), None, &Conv2dParams::default(), 0, 0, 3, 0).unwrap_err();
    assert_eq!(e.to_string(), "conv2dTrace: outRow must be below 3, got 3");
}

#[test]
fn bad_shapes_are_errors_naming_the_problem() {
    let x = Array4::<f32>::zeros((1, 3, 5, 5));
    let k = Array4::<f32>::zeros((1, 2, 3, 3));
    let e = conv2d(x.view(), k.view(), None, &Conv2dParams::default()).unwrap_err();
    assert_eq!(e.to_string(), "conv2d: kernel has 2 input channels but input has 3");
    let k = Array4::<f32>::zeros((2, 3, 3, 3));
    let b = Array1::<f32>::zeros(3);
    let e = conv2d(x.view(), k.view(), Some(b.view()), &Conv2dParams::default()).unwrap_err();
    assert_eq!(e.to_string(), "conv2d: bias has 3 values but there are 2 filters");
    let e =
        conv2d(x.view(), k.view(), None, &Conv2dParams { stride: (0, 1), ..Default::default() }).unwrap_err();
    assert!(e.to_string().contains("stride"), "{e}");
    let big = Array4::<f32>::zeros((1, 3, 7, 7));
    assert!(conv2d(x.view(), big.view(), None, &Conv2dParams::default()).is_err());
    let dy = Array4::<f32>::zeros((1, 2, 2, 2));
    assert!(conv2d_backward(x.view(), k.view(), dy.view(), &Conv2dParams::default()).is_err());
}

#[test]
fn layer_agrees_with_free_functions() {
    let mut rng = Rng::new(21);
    let cfg = Conv2dConfig { stride: (2, 1), padding: Padding::Same, ..Conv2dConfig::new(2, 3, 3) };
    let mut layer = Conv2d::new(cfg).unwrap();
    assert_eq!(cfg.parameter_count(), 3 * (2 * 9 + 1));
    for p in layer.params_mut() {
        p.value = random(p.value.shape(), &mut rng);
    }
    let x = random(&[3, 2, 7, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    layer.forward(x.view(), Mode::Train, &mut rng).unwrap();
    let w = layer.params()[0].value.clone().into_dimensionality::<Ix4>().unwrap();
    let b = layer.params()[1].value.clone().into_dimensionality::<ndarray::Ix1>().unwrap();
    let y = conv2d(x.view(), w.view(), Some(b.view()), &cfg.params()).unwrap();
    assert_eq!(layer.output(), y.view());
    assert_eq!(layer.output_shape([2, 7, 6]).unwrap(), [3, 4, 6]);
    let dy = random(y.shape(), &mut rng).into_dimensionality::<Ix4>().unwrap();
    layer.backward(x.view(), dy.view()).unwrap();
    let g = conv2d_backward(x.view(), w.view(), dy.view(), &cfg.params()).unwrap();
    assert_eq!(layer.grad_input(), g.input.view());
    assert_eq!(layer.params()[0].grad, g.weight.into_dyn());
    assert_eq!(layer.params()[1].grad, g.bias.into_dyn());
    // A second batch of another size reuses the layer.
    let x2 = random(&[1, 2, 7, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    layer.forward(x2.view(), Mode::Eval, &mut rng).unwrap();
    assert_eq!(layer.output().shape(), &[1, 3, 4, 6]);
    let _ = x.index_axis(Axis(0), 0);
}
