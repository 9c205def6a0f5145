//! Transposed convolution: a fixture worked by hand, the definition, finite differences, the
//! output-size formula, the equality with the input gradient of the matching convolution, errors.
mod common;

use common::{check_gradient, dot, random, FWD_TOL};
use convplay_core::conv::transposed::{
    conv_transpose2d, conv_transpose2d_backward, ConvTranspose2dParams as P,
};
use convplay_core::conv::{conv2d, conv2d_backward, Conv2dParams};
use convplay_core::tensor::array4;
use convplay_core::{Padding, Rng};
use ndarray::{Array1, Array4, ArrayD, Ix1, Ix4};

fn params(s: usize, p: usize, op: usize, d: usize) -> P {
    P { stride: (s, s), padding: (p, p), output_padding: (op, op), dilation: (d, d) }
}

/// x = [[1, 2], [3, 4]], K = [[1, 2, 3], [4, 5, 6], [7, 8, 9]].
fn fixture() -> (Array4<f32>, Array4<f32>) {
    let x = array4("t", "x", &[1, 1, 2, 2], vec![1., 2., 3., 4.]).unwrap();
    let k = array4("t", "k", &[1, 1, 3, 3], (1..=9).map(|v| v as f32).collect()).unwrap();
    (x, k)
}

fn values(a: &Array4<f32>) -> Vec<f32> {
    a.iter().copied().collect()
}

#[test]
fn two_by_two_input_stride_two_worked_by_hand() {
    // Four stamps 1·K, 2·K, 3·K, 4·K two apart; they overlap in row 2 and column 2.
    let (x, k) = fixture();
    let y = conv_transpose2d(x.view(), k.view(), None, &params(2, 0, 0, 1)).unwrap();
    assert_eq!(y.shape(), &[1, 1, 5, 5]);
    #[rustfmt::skip]
    let expected = vec![
         1.,  2.,  5.,  4.,  6.,
         4.,  5., 14., 10., 12.,
        10., 14., 36., 24., 30.,
        12., 15., 34., 20., 24.,
        21., 24., 55., 32., 36.,
    ];
    assert_eq!(values(&y), expected);
    // Padding 1 cuts a row and a column off every side…
    let y = conv_transpose2d(x.view(), k.view(), None, &params(2, 1, 0, 1)).unwrap();
    assert_eq!(values(&y), vec![5., 14., 10., 14., 36., 24., 15., 34., 20.]);
    // …and output padding 1 gives one back at the bottom and right.
    let y = conv_transpose2d(x.view(), k.view(), None, &params(2, 1, 1, 1)).unwrap();
    #[rustfmt::skip]
    let expected = vec![5., 14., 10., 12., 14., 36., 24., 30., 15., 34., 20., 24., 24., 55., 32., 36.];
    assert_eq!(values(&y), expected);
    // A bias adds to every output.
    let b = Array1::from(vec![0.5f32]);
    let y = conv_transpose2d(x.view(), k.view(), Some(b.view()), &params(2, 1, 0, 1)).unwrap();
    assert_eq!(y[[0, 0, 1, 1]], 36.5);
}

/// The definition, written as a gather: y[n, o, r, q] = b[o] + Σ x[n, c, i, j]·W[c, o, a, b]
/// over every (c, i, j, a, b) with i·s − p + a·d = r and j·s − p + b·d = q.
fn reference(x: &Array4<f32>, w: &Array4<f32>, b: &Array1<f32>, p: &P) -> Array4<f32> {
    let (n, ci, h, wd) = x.dim();
    let (_, co, kh, kw) = w.dim();
    let size = |n: usize, k: usize, i: usize| {
        let (s, pd, op, d) = [
            (p.stride.0, p.padding.0, p.output_padding.0, p.dilation.0),
            (p.stride.1, p.padding.1, p.output_padding.1, p.dilation.1),
        ][i];
        (n - 1) * s + d * (k - 1) + op + 1 - 2 * pd
    };
    let (oh, ow) = (size(h, kh, 0), size(wd, kw, 1));
    Array4::from_shape_fn((n, co, oh, ow), |(bn, o, r, q)| {
        let mut sum = b[o];
        for c in 0..ci {
            for i in 0..h {
                for j in 0..wd {
                    for a in 0..kh {
                        for bb in 0..kw {
                            let rr = (i * p.stride.0 + a * p.dilation.0) as isize - p.padding.0 as isize;
                            let qq = (j * p.stride.1 + bb * p.dilation.1) as isize - p.padding.1 as isize;
                            if rr == r as isize && qq == q as isize {
                                sum += x[[bn, c, i, j]] * w[[c, o, a, bb]];
                            }
                        }
                    }
                }
            }
        }
        sum
    })
}

fn settings() -> Vec<P> {
    vec![
        params(1, 0, 0, 1),
        params(2, 0, 0, 1),
        params(2, 1, 1, 1),
        params(3, 2, 2, 1),
        params(1, 1, 1, 2),
        params(2, 3, 0, 2),
        P { stride: (2, 1), padding: (1, 0), output_padding: (1, 0), dilation: (1, 2) },
    ]
}

#[test]
fn matches_the_definition() {
    let mut rng = Rng::new(7);
    for p in settings() {
        let to4 = |a: ArrayD<f32>| a.into_dimensionality::<Ix4>().unwrap();
        let x = to4(random(&[2, 3, 4, 3], &mut rng));
        let w = to4(random(&[3, 2, 3, 2], &mut rng));
        let b = random(&[2], &mut rng).into_dimensionality::<Ix1>().unwrap();
        let y = conv_transpose2d(x.view(), w.view(), Some(b.view()), &p).unwrap();
        let r = reference(&x, &w, &b, &p);
        assert_eq!(y.shape(), r.shape(), "{p:?}");
        for (a, e) in y.iter().zip(r.iter()) {
            assert!((a - e).abs() <= FWD_TOL * 10.0, "{p:?}: {a} vs {e}");
        }
    }
}

#[test]
fn gradients_match_finite_differences() {
    for (seed, p) in settings().into_iter().enumerate() {
        let mut rng = Rng::new(100 + seed as u64);
        let (x, w, b) =
            (random(&[2, 2, 3, 3], &mut rng), random(&[2, 3, 2, 3], &mut rng), random(&[3], &mut rng));
        let v4 = |a: &ArrayD<f32>| a.view().into_dimensionality::<Ix4>().unwrap().to_owned();
        let v1 = |a: &ArrayD<f32>| a.view().into_dimensionality::<Ix1>().unwrap().to_owned();
        let y = conv_transpose2d(v4(&x).view(), v4(&w).view(), None, &p).unwrap();
        let r = random(y.shape(), &mut rng);
        let loss = |x: &ArrayD<f32>, w: &ArrayD<f32>, b: &ArrayD<f32>| {
            let y = conv_transpose2d(v4(x).view(), v4(w).view(), Some(v1(b).view()), &p).unwrap();
            dot(&y.into_dyn(), &r)
        };
        let g = conv_transpose2d_backward(v4(&x).view(), v4(&w).view(), v4(&r).view(), &p).unwrap();
        let what = format!("{p:?}");
        check_gradient(&format!("{what} input"), &x, &g.input.into_dyn(), |x| loss(x, &w, &b));
        check_gradient(&format!("{what} weight"), &w, &g.weight.into_dyn(), |w| loss(&x, w, &b));
        check_gradient(&format!("{what} bias"), &b, &g.bias.into_dyn(), |b| loss(&x, &w, b));
    }
}

/// (input, kernel, stride, padding, output padding, dilation) → output, as PyTorch gives.
#[test]
fn output_size_formula() {
    let cases = [
        (2, 3, 2, 0, 0, 1, 5),
        (3, 3, 2, 1, 1, 1, 6),
        (3, 3, 2, 1, 0, 1, 5),
        (4, 4, 2, 1, 0, 1, 8),
        (7, 3, 1, 1, 0, 1, 7),
        (5, 3, 1, 0, 0, 2, 9),
        (1, 1, 1, 0, 0, 1, 1),
        (3, 5, 3, 2, 2, 1, 9),
    ];
    for (h, k, s, p, op, d, out) in cases {
        let g = params(s, p, op, d).resolve("t", h, h, k, k).unwrap();
        assert_eq!(g.height.output, out, "H {h} k {k} s {s} p {p} op {op} d {d}");
        assert_eq!((g.width.output, g.height.input, g.height.output_padding), (out, h, op));
        let x = Array4::from_elem((1, 1, h, h), 1.0f32);
        let w = Array4::from_elem((1, 1, k, k), 1.0f32);
        let y = conv_transpose2d(x.view(), w.view(), None, &params(s, p, op, d)).unwrap();
        assert_eq!(y.shape(), &[1, 1, out, out]);
    }
}

/// A transposed convolution is ∂L/∂x of the convolution with the same weight, stride, padding
/// and dilation, with ∂L/∂y = its input; output padding picks which input size that convolution
/// had (stride 2 maps both 5 and 6 rows to 3).
#[test]
fn equals_the_input_gradient_of_the_matching_convolution() {
    let cases = [
        // (input side, kernel, stride, padding, output padding, dilation)
        (3, 3, 2, 1, 0, 1),
        (3, 3, 2, 1, 1, 1),
        (4, 3, 1, 0, 0, 1),
        (3, 4, 2, 1, 0, 1),
        (2, 3, 3, 1, 2, 1),
        (3, 3, 2, 2, 1, 2),
        (4, 2, 1, 1, 0, 3),
    ];
    let mut rng = Rng::new(3);
    for (h, k, s, p, op, d) in cases {
        let tp = params(s, p, op, d);
        let to4 = |a: ArrayD<f32>| a.into_dimensionality::<Ix4>().unwrap();
        let x = to4(random(&[2, 3, h, h + 1], &mut rng));
        let w = to4(random(&[3, 2, k, k], &mut rng));
        let y = conv_transpose2d(x.view(), w.view(), None, &tp).unwrap();
        let cp = Conv2dParams {
            stride: (s, s),
            padding: Padding::Explicit { y: p, x: p },
            dilation: (d, d),
            ..Default::default()
        };
        // The convolution whose input has the transposed output's size maps back to x's size.
        let z = to4(random(y.shape(), &mut rng));
        let forward = conv2d(z.view(), w.view(), None, &cp).unwrap();
        assert_eq!(forward.shape(), x.shape(), "case {h} {k} {s} {p} {op} {d}");
        let g = conv2d_backward(z.view(), w.view(), x.view(), &cp).unwrap();
        for (a, e) in y.iter().zip(g.input.iter()) {
            assert!((a - e).abs() <= 1e-5, "case {h} {k} {s} {p} {op} {d}: {a} vs {e}");
        }
        // And the other way round: ∂L/∂x of the transposed convolution is that convolution of ∂L/∂y.
        let back = conv_transpose2d_backward(x.view(), w.view(), z.view(), &tp).unwrap();
        for (a, e) in back.input.iter().zip(forward.iter()) {
            assert!((a - e).abs() <= 1e-5, "case {h} {k} {s} {p} {op} {d}: {a} vs {e}");
        }
    }
    // Without output padding the odd size comes back; with it, the even one.
    let w = Array4::from_elem((1, 1, 3, 3), 1.0f32);
    let x = Array4::from_elem((1, 1, 3, 3), 1.0f32);
    for (op, side) in [(0, 5), (1, 6)] {
        let y = conv_transpose2d(x.view(), w.view(), None, &params(2, 1, op, 1)).unwrap();
        assert_eq!(y.shape(), &[1, 1, side, side]);
    }
}

#[test]
fn impossible_settings_are_errors_in_words() {
    let (x, k) = fixture();
    let err = |p: P| conv_transpose2d(x.view(), k.view(), None, &p).unwrap_err().to_string();
    assert_eq!(
        err(params(2, 0, 2, 1)),
        "convTranspose2d: outputPadding must be smaller than the stride or the dilation (2), got 2"
    );
    assert_eq!(
        err(params(1, 0, 1, 1)),
        "convTranspose2d: outputPadding must be smaller than the stride or the dilation (1), got 1"
    );
    // Dilation 2 allows output padding 1 at stride 1 (as PyTorch).
    assert!(conv_transpose2d(x.view(), k.view(), None, &params(1, 0, 1, 2)).is_ok());
    assert_eq!(
        err(params(1, 2, 0, 1)),
        "convTranspose2d: padding 2 on each side leaves no output: (2 − 1)·1 − 2·2 + 1·(3 − 1) + 0 + 1 = 0"
    );
    assert!(err(params(0, 0, 0, 1)).contains("stride must be at least 1"));
    assert!(err(params(1, 0, 0, 0)).contains("dilation must be at least 1"));
    assert!(err(params(1, 300, 0, 1)).contains("padding must be at most 256"));
    let k2 = Array4::<f32>::zeros((2, 1, 3, 3));
    let e = conv_transpose2d(x.view(), k2.view(), None, &P::default()).unwrap_err().to_string();
    assert!(e.contains("weight has 2 input channels"), "{e}");
    let b = Array1::<f32>::zeros(2);
    let e = conv_transpose2d(x.view(), k.view(), Some(b.view()), &P::default()).unwrap_err().to_string();
    assert!(e.contains("bias has 2 values but there are 1 output channels"), "{e}");
    let dy = Array4::<f32>::zeros((1, 1, 3, 3));
    assert!(conv_transpose2d_backward(x.view(), k.view(), dy.view(), &P::default()).is_err());
}

#[test]
fn limits_are_checked_before_allocating() {
    // A 64×64 input at stride 256 would give a 16,131×16,131 output.
    let x = Array4::<f32>::zeros((1, 1, 64, 64));
    let w = Array4::<f32>::zeros((1, 1, 3, 3));
    let e = conv_transpose2d(x.view(), w.view(), None, &params(256, 0, 0, 1)).unwrap_err().to_string();
    assert_eq!(e, "convTranspose2d: the output would have 260,209,161 values; the limit is 16,777,216");
    // Many channels: the work goes over while the output stays small.
    let x = Array4::<f32>::zeros((1, 4096, 32, 32));
    let w = Array4::<f32>::zeros((4096, 64, 3, 3));
    let e = conv_transpose2d(x.view(), w.view(), None, &P::default()).unwrap_err().to_string();
    assert!(e.contains("multiply-adds; the limit is 1,073,741,824 per call"), "{e}");
}
