//! The backward pass of a convolution cell by cell: every traced sum equals `conv2d_backward`'s
//! gradient, on the lecture's 5×5 example with ∂L/∂y all ones (hand-checked cells) and on
//! strided, padded, dilated cases in both modes; the finite-difference check agrees.

use convplay_core::conv::backward_trace::{conv2d_backward_trace, conv2d_gradient_check, BackwardCell};
use convplay_core::conv::{conv2d_backward, Conv2dParams, ConvMode};
use convplay_core::{Padding, Rng};
use ndarray::{Array1, Array4};

fn lecture() -> (Array4<f32>, Array4<f32>) {
    let x =
        [3., 3., 2., 1., 0., 0., 0., 1., 3., 1., 3., 1., 2., 2., 3., 2., 0., 0., 2., 2., 2., 0., 0., 0., 1.];
    let w = [0., 1., 2., 2., 2., 0., 0., 1., 2.];
    (
        Array4::from_shape_vec((1, 1, 5, 5), x.to_vec()).unwrap(),
        Array4::from_shape_vec((1, 1, 3, 3), w.to_vec()).unwrap(),
    )
}

fn params(stride: usize, padding: Padding, dilation: usize, mode: ConvMode) -> Conv2dParams {
    Conv2dParams { stride: (stride, stride), padding, dilation: (dilation, dilation), mode }
}

/// Every cell of ∂L/∂x and ∂L/∂w traced and compared with the one-shot backward pass.
fn check_all(x: &Array4<f32>, w: &Array4<f32>, dy: &Array4<f32>, p: &Conv2dParams) {
    let g = conv2d_backward(x.view(), w.view(), dy.view(), p).unwrap();
    for ((n, c, r, col), &want) in g.input.indexed_iter() {
        let cell = BackwardCell::Input { batch: n, channel: c, row: r, col };
        let t = conv2d_backward_trace(x.view(), w.view(), dy.view(), p, cell).unwrap();
        assert!(
            (t.sum - want).abs() <= 1e-4 * want.abs().max(1.0),
            "{p:?} dx{:?}: {} vs {want}",
            (n, c, r, col),
            t.sum
        );
        for term in &t.terms {
            assert_eq!(term.product, term.grad_output * term.factor);
        }
    }
    for ((o, c, r, col), &want) in g.weight.indexed_iter() {
        let cell = BackwardCell::Weight { out_channel: o, channel: c, row: r, col };
        let t = conv2d_backward_trace(x.view(), w.view(), dy.view(), p, cell).unwrap();
        assert!(
            (t.sum - want).abs() <= 1e-4 * want.abs().max(1.0),
            "{p:?} dw{:?}: {} vs {want}",
            (o, c, r, col),
            t.sum
        );
    }
}

#[test]
fn lecture_example_with_all_ones_hand_checked() {
    let (x, w) = lecture();
    let dy = Array4::ones((1, 1, 3, 3));
    let xc = params(1, Padding::Valid, 1, ConvMode::CrossCorrelation);
    let dx = |p: &Conv2dParams, row, col| {
        conv2d_backward_trace(
            x.view(),
            w.view(),
            dy.view(),
            p,
            BackwardCell::Input { batch: 0, channel: 0, row, col },
        )
        .unwrap()
    };
    // The corner is covered by one window, at its tap (0, 0): the weight 0.
    let corner = dx(&xc, 0, 0);
    assert_eq!((corner.terms.len(), corner.sum), (1, 0.0));
    // The centre is covered by all nine windows: the sum of the weights, 10.
    let centre = dx(&xc, 2, 2);
    assert_eq!((centre.terms.len(), centre.sum), (9, 10.0));
    // Convolution: the corner meets the flipped kernel's tap, weight (2, 2) = 2.
    let conv = params(1, Padding::Valid, 1, ConvMode::Convolution);
    let c = dx(&conv, 0, 0);
    assert_eq!((c.terms[0].kernel_row, c.terms[0].kernel_col, c.sum), (2, 2, 2.0));
    // ∂L/∂w[0, 0]: the sum of the top-left 3×3 of the input, 15; in convolution mode w[2, 2].
    let dw = |p: &Conv2dParams, row, col| {
        conv2d_backward_trace(
            x.view(),
            w.view(),
            dy.view(),
            p,
            BackwardCell::Weight { out_channel: 0, channel: 0, row, col },
        )
        .unwrap()
        .sum
    };
    assert_eq!(dw(&xc, 0, 0), 15.0);
    assert_eq!(dw(&conv, 2, 2), 15.0);
    check_all(&x, &w, &dy, &xc);
    check_all(&x, &w, &dy, &conv);
}

#[test]
fn strided_padded_dilated_cases_equal_the_backward_pass() {
    let mut rng = Rng::new(7);
    for mode in [ConvMode::CrossCorrelation, ConvMode::Convolution] {
        for (stride, padding, dilation) in [
            (2, Padding::Explicit { y: 1, x: 1 }, 1),
            (3, Padding::Same, 1),
            (2, Padding::Full, 2),
            (1, Padding::Explicit { y: 2, x: 0 }, 2),
        ] {
            let p = params(stride, padding, dilation, mode);
            let x = Array4::from_shape_fn((2, 2, 7, 6), |_| rng.uniform_range(-1.0, 1.0));
            let w = Array4::from_shape_fn((3, 2, 3, 2), |_| rng.uniform_range(-1.0, 1.0));
            let out = p.geometry(x.shape(), w.shape(), None).unwrap();
            let dy = Array4::from_shape_fn((2, 3, out.out_h, out.out_w), |_| rng.uniform_range(-1.0, 1.0));
            check_all(&x, &w, &dy, &p);
        }
    }
}

#[test]
fn stride_two_leaves_gaps_in_the_dilated_gradient() {
    // 5×5, 3×3, stride 2, padding 1: window tops at input rows −1, 1, 3. Cell (0, 0) is read only
    // by tap (1, 1) of window (0, 0): a tap m reaches it only where 0 + 1 − m is a multiple of 2.
    let (x, w) = lecture();
    let p = params(2, Padding::Explicit { y: 1, x: 1 }, 1, ConvMode::CrossCorrelation);
    let dy = Array4::ones((1, 1, 3, 3));
    let t = conv2d_backward_trace(
        x.view(),
        w.view(),
        dy.view(),
        &p,
        BackwardCell::Input { batch: 0, channel: 0, row: 0, col: 0 },
    )
    .unwrap();
    assert_eq!(t.terms.len(), 1);
    assert_eq!((t.terms[0].kernel_row, t.terms[0].kernel_col, t.sum), (1, 1, 2.0));
    assert_eq!(t.stride, (2, 2));
    // Cell (1, 1) lies where windows (0, 0), (0, 1), (1, 0), (1, 1) overlap: taps (2, 2), (2, 0), (0, 2), (0, 0).
    let t = conv2d_backward_trace(
        x.view(),
        w.view(),
        dy.view(),
        &p,
        BackwardCell::Input { batch: 0, channel: 0, row: 1, col: 1 },
    )
    .unwrap();
    assert_eq!(t.terms.len(), 4);
    assert_eq!(t.sum, 2.0 + 0.0 + 2.0 + 0.0);
    // In the dilated ∂L/∂y (values 2 apart, padded by 2), padded cell (2, 2) reads rows 2…4 with
    // the flipped kernel: tap m of the window meets flipped tap 2 − m, at row 2 + (2 − m).
    for term in &t.terms {
        assert_eq!(term.dilated_row, 2 + (2 - term.kernel_row));
        assert_eq!(term.dilated_col, 2 + (2 - term.kernel_col));
        assert_eq!(term.dilated_row % 2, 0);
    }
    check_all(&x, &w, &dy, &p);
}

#[test]
fn finite_difference_agrees_with_the_traced_gradient() {
    let (x, w) = lecture();
    let mut rng = Rng::new(3);
    for mode in [ConvMode::CrossCorrelation, ConvMode::Convolution] {
        let p = params(2, Padding::Explicit { y: 1, x: 1 }, 1, mode);
        let dy = Array4::from_shape_fn((1, 1, 3, 3), |_| rng.uniform_range(-2.0, 2.0));
        let b = Array1::from(vec![0.5f32]);
        for (r, c) in [(0, 0), (1, 1), (2, 3), (4, 4)] {
            let check =
                conv2d_gradient_check(x.view(), w.view(), Some(b.view()), dy.view(), &p, [0, 0, r, c], 1e-2)
                    .unwrap();
            assert!(check.agree, "{check:?}");
            assert!(check.difference < 1e-3);
        }
    }
}

#[test]
fn bad_cells_and_nudges_are_errors() {
    let (x, w) = lecture();
    let p = Conv2dParams::default();
    let dy = Array4::ones((1, 1, 3, 3));
    let bad = BackwardCell::Input { batch: 0, channel: 0, row: 5, col: 0 };
    assert!(conv2d_backward_trace(x.view(), w.view(), dy.view(), &p, bad)
        .unwrap_err()
        .to_string()
        .contains("row"));
    let bad = BackwardCell::Weight { out_channel: 1, channel: 0, row: 0, col: 0 };
    assert!(conv2d_backward_trace(x.view(), w.view(), dy.view(), &p, bad).is_err());
    let wrong = Array4::ones((1, 1, 2, 3));
    let cell = BackwardCell::Input { batch: 0, channel: 0, row: 0, col: 0 };
    assert!(conv2d_backward_trace(x.view(), w.view(), wrong.view(), &p, cell).is_err());
    for h in [0.0, -1.0, f32::NAN, 1e4] {
        assert!(conv2d_gradient_check(x.view(), w.view(), None, dy.view(), &p, [0, 0, 0, 0], h).is_err());
    }
}
