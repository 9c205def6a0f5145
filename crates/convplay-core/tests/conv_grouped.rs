//! Grouped convolution against its definition (a direct loop), depthwise as per-channel
//! convolutions, g = 1 as the ordinary convolution, finite-difference gradients, and the
//! parameter and multiplication counts worked by hand.
mod common;

use common::{check_gradient, dot, random};
use convplay_core::conv::grouped::{conv2d_grouped, conv2d_grouped_backward};
use convplay_core::conv::grouped_counts::{convolution_counts, CountsSpec};
use convplay_core::conv::{conv2d, Conv2dParams, ConvMode};
use convplay_core::{Padding, Rng};
use ndarray::{Array1, Array4, ArrayD, Axis, Ix4, Slice};

fn r4(shape: &[usize], rng: &mut Rng) -> Array4<f32> {
    random(shape, rng).into_dimensionality::<Ix4>().unwrap()
}

/// The definition, written out: filter f sums over its group's channels only.
fn direct(
    x: &Array4<f32>,
    w: &Array4<f32>,
    b: &Array1<f32>,
    g: usize,
    stride: usize,
    pad: usize,
    dil: usize,
) -> Array4<f32> {
    let (n, c, h, wd) = x.dim();
    let (f, cg, kh, kw) = w.dim();
    let fg = f / g;
    assert_eq!(cg, c / g);
    let oh = (h + 2 * pad - dil * (kh - 1) - 1) / stride + 1;
    let ow = (wd + 2 * pad - dil * (kw - 1) - 1) / stride + 1;
    Array4::from_shape_fn((n, f, oh, ow), |(b_, o, i, j)| {
        let first = (o / fg) * cg;
        let mut acc = b[o];
        for cc in 0..cg {
            for m in 0..kh {
                for q in 0..kw {
                    let r = (i * stride + m * dil) as isize - pad as isize;
                    let s = (j * stride + q * dil) as isize - pad as isize;
                    if r >= 0 && s >= 0 && (r as usize) < h && (s as usize) < wd {
                        acc += x[[b_, first + cc, r as usize, s as usize]] * w[[o, cc, m, q]];
                    }
                }
            }
        }
        acc
    })
}

fn close(a: &Array4<f32>, b: &Array4<f32>) {
    assert_eq!(a.shape(), b.shape());
    for (x, y) in a.iter().zip(b.iter()) {
        assert!((x - y).abs() < 1e-4, "{x} vs {y}");
    }
}

#[test]
fn matches_the_definition_for_every_group_count() {
    let mut rng = Rng::new(11);
    let x = r4(&[2, 6, 7, 6], &mut rng);
    for (g, stride, pad, dil) in [(1, 1, 0, 1), (2, 2, 1, 1), (3, 1, 2, 2), (6, 1, 1, 1)] {
        let w = r4(&[12, 6 / g, 3, 3], &mut rng);
        let b = Array1::from_shape_fn(12, |_| rng.uniform_range(-1.0, 1.0));
        let p = Conv2dParams {
            stride: (stride, stride),
            padding: Padding::Explicit { y: pad, x: pad },
            dilation: (dil, dil),
            ..Default::default()
        };
        let y = conv2d_grouped(x.view(), w.view(), Some(b.view()), &p, g).unwrap();
        close(&y, &direct(&x, &w, &b, g, stride, pad, dil));
    }
}

#[test]
fn one_group_is_the_ordinary_convolution() {
    let mut rng = Rng::new(5);
    let x = r4(&[1, 4, 6, 6], &mut rng);
    let w = r4(&[3, 4, 3, 3], &mut rng);
    for mode in [ConvMode::CrossCorrelation, ConvMode::Convolution] {
        let p = Conv2dParams { padding: Padding::Same, mode, ..Default::default() };
        close(
            &conv2d_grouped(x.view(), w.view(), None, &p, 1).unwrap(),
            &conv2d(x.view(), w.view(), None, &p).unwrap(),
        );
    }
}

#[test]
fn depthwise_is_each_channel_convolved_on_its_own() {
    // g = C = 4, F = 8: filters 2c and 2c + 1 read channel c only.
    let mut rng = Rng::new(7);
    let x = r4(&[1, 4, 5, 5], &mut rng);
    let w = r4(&[8, 1, 3, 3], &mut rng);
    let p = Conv2dParams::default();
    let y = conv2d_grouped(x.view(), w.view(), None, &p, 4).unwrap();
    for f in 0..8 {
        let xc = x.slice_axis(Axis(1), Slice::from(f / 2..f / 2 + 1));
        let wf = w.slice_axis(Axis(0), Slice::from(f..f + 1));
        let alone = conv2d(xc, wf, None, &p).unwrap();
        close(&y.slice_axis(Axis(1), Slice::from(f..f + 1)).to_owned(), &alone);
    }
    // Changing channel 3 changes only filters 6 and 7.
    let mut x2 = x.clone();
    x2.slice_axis_mut(Axis(1), Slice::from(3..4)).fill(9.0);
    let y2 = conv2d_grouped(x2.view(), w.view(), None, &p, 4).unwrap();
    for f in 0..6 {
        assert_eq!(y.index_axis(Axis(1), f), y2.index_axis(Axis(1), f));
    }
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = Rng::new(13);
    let (g, x, w) = (2, r4(&[2, 4, 5, 5], &mut rng), r4(&[6, 2, 3, 3], &mut rng));
    let bias = Array1::from_shape_fn(6, |_| rng.uniform_range(-1.0, 1.0));
    let p = Conv2dParams { stride: (2, 1), padding: Padding::Same, ..Default::default() };
    let y = conv2d_grouped(x.view(), w.view(), Some(bias.view()), &p, g).unwrap();
    let r = r4(y.shape(), &mut rng);
    let grads = conv2d_grouped_backward(x.view(), w.view(), r.view(), &p, g).unwrap();
    let rd = r.clone().into_dyn();
    let loss = |x: &Array4<f32>, w: &Array4<f32>, b: &Array1<f32>| {
        dot(&conv2d_grouped(x.view(), w.view(), Some(b.view()), &p, g).unwrap().into_dyn(), &rd)
    };
    let as4 = |a: &ArrayD<f32>| a.clone().into_dimensionality::<Ix4>().unwrap();
    check_gradient("input", &x.clone().into_dyn(), &grads.input.into_dyn(), |v| loss(&as4(v), &w, &bias));
    check_gradient("weight", &w.clone().into_dyn(), &grads.weight.into_dyn(), |v| loss(&x, &as4(v), &bias));
    let b1 = |v: &ArrayD<f32>| v.clone().into_dimensionality::<ndarray::Ix1>().unwrap();
    check_gradient("bias", &bias.clone().into_dyn(), &grads.bias.into_dyn(), |v| loss(&x, &w, &b1(v)));
}

#[test]
fn wrong_groups_and_shapes_are_errors_in_words() {
    let x = Array4::<f32>::zeros((1, 4, 5, 5));
    let w = Array4::<f32>::zeros((8, 2, 3, 3));
    let p = Conv2dParams::default();
    let e = conv2d_grouped(x.view(), w.view(), None, &p, 3).unwrap_err().to_string();
    assert!(e.contains("groups 3 must divide the 4 input channels (valid: 1, 2, 4)"), "{e}");
    let e = conv2d_grouped(x.view(), w.view(), None, &p, 4).unwrap_err().to_string();
    assert!(e.contains("kernel has 2 input channels but each of the 4 groups has 1"), "{e}");
    assert!(conv2d_grouped(x.view(), w.view(), None, &p, 0).is_err());
    let dy = Array4::<f32>::zeros((1, 8, 2, 2));
    assert!(conv2d_grouped_backward(x.view(), w.view(), dy.view(), &p, 2).is_err());
}

#[test]
fn counts_by_hand() {
    // C = 4, F = 8, k = 3 on 6×6, valid: 4×4 = 16 output positions.
    let spec =
        CountsSpec { channels: 4, filters: 8, kernel: (3, 3), height: 6, width: 6, groups: 4, bias: false };
    let c = convolution_counts(&spec, &Conv2dParams::default()).unwrap();
    assert_eq!((c.out_h, c.out_w), (4, 4));
    assert_eq!(c.valid_groups, vec![1, 2, 4]);
    assert_eq!((c.standard.weights, c.depthwise.weights), (288, 36));
    assert_eq!((c.pointwise.weights, c.separable.weights), (32, 68));
    assert_eq!(c.grouped.weights, 72); // 8 filters · 1 channel · 9 (depth multiplier 2)
    assert_eq!(c.standard.multiplications, 288 * 16);
    assert_eq!(c.separable.multiplications, 68 * 16);
    assert!((c.ratio.weights - 68.0 / 288.0).abs() < 1e-12);
    assert!((c.ratio.formula - (1.0 / 8.0 + 1.0 / 9.0)).abs() < 1e-12);
    assert!((c.ratio.multiplications - c.ratio.formula).abs() < 1e-12);
    assert_eq!((c.reads[5].group, c.reads[5].first, c.reads[5].count), (2, 2, 1));
    // With biases: + F for each convolution.
    let c =
        convolution_counts(&CountsSpec { groups: 2, bias: true, ..spec }, &Conv2dParams::default()).unwrap();
    assert_eq!(c.grouped.parameters, 8 * 2 * 9 + 8);
    assert_eq!((c.standard.parameters, c.separable.parameters), (296, 36 + 4 + 32 + 8));
    assert_eq!(c.reads.iter().map(|r| r.first).collect::<Vec<_>>(), vec![0, 0, 0, 0, 2, 2, 2, 2]);
    assert!(convolution_counts(&CountsSpec { groups: 3, ..spec }, &Conv2dParams::default()).is_err());
}

#[test]
fn counts_agree_with_the_tensors() {
    // The grouped weight tensor has exactly `grouped.weights` values for every valid g.
    let spec =
        CountsSpec { channels: 6, filters: 6, kernel: (3, 3), height: 8, width: 8, groups: 1, bias: true };
    let p = Conv2dParams { padding: Padding::Same, ..Default::default() };
    for g in convolution_counts(&spec, &p).unwrap().valid_groups {
        let c = convolution_counts(&CountsSpec { groups: g, ..spec }, &p).unwrap();
        assert_eq!(c.grouped.weights as usize, 6 * (6 / g) * 9);
        assert_eq!(c.grouped.multiplications, 64 * c.grouped.weights);
    }
}
