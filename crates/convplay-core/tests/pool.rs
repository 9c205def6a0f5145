//! Pooling: hand-worked fixtures for every kind, padding, overlapping windows, Gaussian weights,
//! traces, finite-difference gradients and the layer (random configurations and the tiled max
//! pool: `pool_properties.rs`).
mod common;

use common::{check_gradient, dot, random, FWD_TOL};
use convplay_core::pool::{
    gaussian_weights, pool2d, pool2d_backward, pool2d_trace, Pool2d, Pool2dConfig, PoolKind, NO_SWITCH,
};
use convplay_core::tensor::array4;
use convplay_core::{Layer, Mode, Padding, Rng, Window2d};
use ndarray::{Array4, ArrayD, Ix4};

const KINDS: [PoolKind; 4] =
    [PoolKind::Max, PoolKind::Average, PoolKind::L2, PoolKind::Gaussian { sigma: 1.0 }];

fn map(h: usize, w: usize, v: Vec<f32>) -> Array4<f32> {
    array4("t", "input", &[1, 1, h, w], v).unwrap()
}

fn params(kind: PoolKind, window: Window2d) -> Pool2dConfig {
    Pool2dConfig { kind, window }
}

fn close(got: &Array4<f32>, want: &[f32]) {
    let got: Vec<f32> = got.iter().copied().collect();
    assert_eq!(got.len(), want.len(), "{got:?} vs {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= FWD_TOL * (1.0 + w.abs()), "{got:?} vs {want:?}");
    }
}

/// The 4×4 map of the module diagram.
fn fixture() -> Array4<f32> {
    #[rustfmt::skip]
    let v = vec![
        1., 3., 2., 0.,
        4., 2., 1., 1.,
        0., 0., 5., 6.,
        1., 2., 7., 8.,
    ];
    map(4, 4, v)
}

#[test]
fn every_kind_on_the_4x4_fixture() {
    let x = fixture();
    let win = Window2d::square(2).with_stride(2);
    let run = |k| pool2d(x.view(), &params(k, win)).unwrap();
    // max of {1,3,4,2}, {2,0,1,1}, {0,0,1,2}, {5,6,7,8}
    close(&run(PoolKind::Max), &[4., 2., 2., 8.]);
    // sums 10, 4, 3, 26 over 4 cells
    close(&run(PoolKind::Average), &[2.5, 1.0, 0.75, 6.5]);
    // √(1+9+16+4), √(4+0+1+1), √(0+0+1+4), √(25+36+49+64)
    close(&run(PoolKind::L2), &[30f32.sqrt(), 6f32.sqrt(), 5f32.sqrt(), 174f32.sqrt()]);
    // 2×2: every tap is √0.5 from the centre (0.5, 0.5), so the weights are all 1/4 = average.
    close(&run(PoolKind::Gaussian { sigma: 0.7 }), &[2.5, 1.0, 0.75, 6.5]);
    // 3×3, σ = 1, only the top-left corner is 1: weight e^{-1} / (1 + 4e^{-1/2} + 4e^{-1}).
    let mut corner = Array4::zeros((1, 1, 3, 3));
    corner[[0, 0, 0, 0]] = 1.0;
    let y = pool2d(corner.view(), &params(PoolKind::Gaussian { sigma: 1.0 }, Window2d::square(3))).unwrap();
    let e = std::f32::consts::E;
    close(&y, &[e.powf(-1.0) / (1.0 + 4.0 * e.powf(-0.5) + 4.0 * e.powf(-1.0))]);
}

#[test]
fn padding_cells_are_skipped_not_zeros() {
    // 1..9 in a 3×3 map, 2×2 windows, stride 2, "same": one row/column of padding bottom/right.
    // Windows: {1,2,4,5}, {3,6}, {7,8}, {9}.
    let x = map(3, 3, (1..=9).map(|v| v as f32).collect());
    let same = Window2d::square(2).with_stride(2).with_padding(Padding::Same);
    close(&pool2d(x.view(), &params(PoolKind::Average, same)).unwrap(), &[3.0, 4.5, 7.5, 9.0]);
    close(
        &pool2d(x.view(), &params(PoolKind::L2, same)).unwrap(),
        &[46f32.sqrt(), 45f32.sqrt(), 113f32.sqrt(), 9.0],
    );
    // Negative values: a zero in the padding would win the max; it does not.
    let neg = x.mapv(|v| -v);
    close(&pool2d(neg.view(), &params(PoolKind::Max, same)).unwrap(), &[-1.0, -3.0, -7.0, -9.0]);
    // 3×3 windows with one cell of padding: the corner window sees {1,2,4,5}.
    let pad1 = Window2d::square(3).with_padding(Padding::Explicit { y: 1, x: 1 });
    let y = pool2d(x.view(), &params(PoolKind::Average, pad1)).unwrap();
    close(&y, &[3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0]);
    // Gaussian renormalizes over the 4 in-bounds taps: centre 1, two edges e^{-1/2}, corner e^{-1}.
    let y = pool2d(x.view(), &params(PoolKind::Gaussian { sigma: 1.0 }, pad1)).unwrap();
    let (c, e) = ((-0.5f32).exp(), (-1.0f32).exp());
    assert!((y[[0, 0, 0, 0]] - (1.0 + (2.0 + 4.0) * c + 5.0 * e) / (1.0 + 2.0 * c + e)).abs() < 1e-5);
    // A tiny σ with the centre tap in the padding still gives the nearest in-bounds cell, not NaN.
    let full = Window2d::square(3).with_padding(Padding::Full);
    let y = pool2d(x.view(), &params(PoolKind::Gaussian { sigma: 0.01 }, full)).unwrap();
    assert_eq!(y[[0, 0, 0, 0]], 1.0);
    assert!(y.iter().all(|v| v.is_finite()));
    // Windows wholly in the padding yield 0 and route no gradient.
    let far = Window2d::square(2).with_padding(Padding::Explicit { y: 3, x: 0 });
    for kind in KINDS {
        let p = params(kind, far);
        let y = pool2d(x.view(), &p).unwrap();
        assert_eq!(y.shape(), &[1, 1, 8, 2]);
        assert_eq!(y[[0, 0, 0, 0]], 0.0, "{kind:?}");
        let dx = pool2d_backward(x.view(), &p, Array4::ones(y.raw_dim()).view()).unwrap();
        assert!(dx.iter().all(|v| v.is_finite()));
        let mut layer = Pool2d::new(p).unwrap();
        layer.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap();
        if kind == PoolKind::Max {
            assert_eq!(layer.switches()[0], NO_SWITCH);
        }
    }
}

#[test]
fn stride_one_windows_overlap_and_gradients_add_up() {
    let x = map(3, 3, (1..=9).map(|v| v as f32).collect());
    let win = Window2d::square(2);
    close(&pool2d(x.view(), &params(PoolKind::Max, win)).unwrap(), &[5., 6., 8., 9.]);
    close(&pool2d(x.view(), &params(PoolKind::Average, win)).unwrap(), &[3., 4., 6., 7.]);
    // The centre is the max of all four windows: it collects all four gradients.
    let mut peak = Array4::zeros((1, 1, 3, 3));
    peak[[0, 0, 1, 1]] = 9.0;
    let dy = map(2, 2, vec![1., 2., 3., 4.]);
    let dx = pool2d_backward(peak.view(), &params(PoolKind::Max, win), dy.view()).unwrap();
    close(&dx, &[0., 0., 0., 0., 10., 0., 0., 0., 0.]);
    // Average: every window spreads a quarter of its gradient over its 4 cells.
    let dx = pool2d_backward(peak.view(), &params(PoolKind::Average, win), dy.view()).unwrap();
    close(&dx, &[0.25, 0.75, 0.5, 1.0, 2.5, 1.5, 0.75, 1.75, 1.0]);
    // Ties: the first maximum in row-major order wins.
    let flat = Array4::ones((1, 1, 2, 2));
    let dx = pool2d_backward(flat.view(), &params(PoolKind::Max, win), map(1, 1, vec![1.0]).view()).unwrap();
    close(&dx, &[1., 0., 0., 0.]);
    // L2 of an all-zero window has gradient 0 (defined), not NaN.
    let zero = Array4::zeros((1, 1, 2, 2));
    let dx = pool2d_backward(zero.view(), &params(PoolKind::L2, win), map(1, 1, vec![1.0]).view()).unwrap();
    close(&dx, &[0., 0., 0., 0.]);
}

#[test]
fn gaussian_weights_sum_to_one_and_are_symmetric() {
    for (kh, kw, sigma) in [(3, 3, 1.0), (5, 5, 0.8), (2, 2, 0.5), (3, 5, 2.0), (4, 3, 1.3), (1, 1, 1.0)] {
        let w = gaussian_weights((kh, kw), sigma).unwrap();
        assert_eq!(w.shape(), &[kh, kw]);
        assert!((w.sum() - 1.0).abs() < 1e-6);
        for i in 0..kh {
            for j in 0..kw {
                assert!((w[[i, j]] - w[[kh - 1 - i, j]]).abs() < 1e-7);
                assert!((w[[i, j]] - w[[i, kw - 1 - j]]).abs() < 1e-7);
                if kh == kw {
                    assert!((w[[i, j]] - w[[j, i]]).abs() < 1e-7);
                }
            }
        }
    }
    let w = gaussian_weights((3, 3), 1.0).unwrap();
    assert!(w[[1, 1]] > w[[0, 1]] && w[[0, 1]] > w[[0, 0]]);
    assert!(((w[[0, 1]] / w[[1, 1]]) - (-0.5f32).exp()).abs() < 1e-6);
    // Large σ → uniform; tiny σ → all weight on the centre (or the 4 central taps).
    assert!(gaussian_weights((3, 3), 1e4).unwrap().iter().all(|&v| (v - 1.0 / 9.0).abs() < 1e-6));
    assert_eq!(gaussian_weights((3, 3), 1e-3).unwrap()[[1, 1]], 1.0);
    assert!(gaussian_weights((4, 4), 1e-3).unwrap()[[1, 2]] == 0.25);
    for bad in [0.0, -1.0, f32::NAN, f32::INFINITY] {
        let e = gaussian_weights((3, 3), bad).unwrap_err();
        assert!(e.to_string().starts_with("pool2d: sigma must be positive and finite"), "{e}");
    }
    assert!(gaussian_weights((0, 3), 1.0).is_err());
}

#[test]
fn trace_agrees_with_pool2d_at_every_position() {
    let mut rng = Rng::new(4);
    let x = random(&[2, 2, 5, 6], &mut rng).into_dimensionality::<Ix4>().unwrap();
    let win = Window2d { kernel: (3, 2), stride: (2, 1), dilation: (1, 1), padding: Padding::Same };
    for kind in KINDS {
        let p = params(kind, win);
        let y = pool2d(x.view(), &p).unwrap();
        for ((n, c, i, j), &v) in y.indexed_iter() {
            let t = pool2d_trace(x.view(), &p, n, c, i, j).unwrap();
            assert_eq!(t.result, v, "{kind:?} at {n},{c},{i},{j}");
            assert_eq!(t.cells.len(), 6);
            assert!(t.cells.iter().filter(|c| !c.inside).all(|c| c.weight == 0.0 && c.value == 0.0));
            let weighted: f32 = t.cells.iter().map(|c| c.weight * c.value).sum();
            match kind {
                PoolKind::Max => {
                    let a = t.argmax.unwrap();
                    assert_eq!(t.cells[a].value, v);
                    assert_eq!(t.cells.iter().map(|c| c.weight).sum::<f32>(), 1.0);
                }
                // Σ weight·value reproduces the output: mean, Gaussian mean, and Σx²/‖x‖ = ‖x‖.
                _ => {
                    assert!(t.argmax.is_none());
                    assert!((weighted - v).abs() < 1e-5, "{kind:?}: {weighted} vs {v}");
                }
            }
        }
    }
    let p = params(PoolKind::Max, Window2d::square(2).with_stride(2));
    let t = pool2d_trace(fixture().view(), &p, 0, 0, 1, 1).unwrap();
    assert_eq!((t.result, t.argmax), (8.0, Some(3)));
    assert_eq!((t.cells[3].row, t.cells[3].col, t.cells[3].weight), (3, 3, 1.0));
    let e = pool2d_trace(fixture().view(), &p, 0, 0, 2, 0).unwrap_err();
    assert_eq!(e.to_string(), "pool2dTrace: outRow must be below 2, got 2");
    for (b, c, i, j, name) in [(1, 0, 0, 0, "batch"), (0, 1, 0, 0, "channel"), (0, 0, 0, 5, "outCol")] {
        let e = pool2d_trace(fixture().view(), &p, b, c, i, j).unwrap_err();
        assert!(e.to_string().starts_with(&format!("pool2dTrace: {name} must be below")), "{e}");
    }
}

#[test]
fn bad_arguments_are_errors_naming_them() {
    let x = fixture();
    let e = pool2d(x.view(), &params(PoolKind::Gaussian { sigma: 0.0 }, Window2d::square(2))).unwrap_err();
    assert_eq!(e.to_string(), "pool2d: sigma must be positive and finite, got 0");
    let e = pool2d(x.view(), &params(PoolKind::Max, Window2d::square(5))).unwrap_err();
    assert!(e.to_string().starts_with("pool2d: kernel 5×5"), "{e}");
    let e = pool2d(x.view(), &params(PoolKind::Max, Window2d::square(2).with_stride(0))).unwrap_err();
    assert!(e.to_string().contains("stride"), "{e}");
    let p = params(PoolKind::Average, Window2d::square(2).with_stride(2));
    let e = pool2d_backward(x.view(), &p, Array4::zeros((1, 1, 3, 2)).view()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "pool2d: gradient of the output has shape [1, 1, 3, 2] but the output has [1, 1, 2, 2]"
    );
    assert!(Pool2d::new(params(PoolKind::Gaussian { sigma: f32::NAN }, Window2d::square(2))).is_err());
    assert!(Pool2d::new(params(PoolKind::Max, Window2d::square(65))).is_err());
    let mut layer = Pool2d::new(p).unwrap();
    let e = layer.backward(x.view(), Array4::zeros((1, 1, 2, 2)).view()).unwrap_err();
    assert_eq!(e.to_string(), "pool2d: backward called before forward");
    layer.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap();
    assert!(layer.backward(x.view(), Array4::zeros((1, 1, 2, 3)).view()).is_err());
    assert!(layer.output_shape([1, 1, 1]).is_err());
}

/// A shuffled, scaled arange: entries 0.05 apart, so no tie or kink lies within ±FD_EPS.
fn distinct(shape: &[usize], rng: &mut Rng) -> ArrayD<f32> {
    let len: usize = shape.iter().product();
    let mut v: Vec<f32> = (0..len).map(|i| (i as f32 - len as f32 / 2.0) * 0.05).collect();
    rng.shuffle(&mut v);
    ArrayD::from_shape_vec(shape, v).unwrap()
}

fn gradient_check(kind: PoolKind, shape: [usize; 4], window: Window2d, seed: u64) {
    let mut rng = Rng::new(seed);
    let x = match kind {
        PoolKind::Max => distinct(&shape, &mut rng),
        // L2: keep every |x| ≥ 0.3 so no window norm is near its kink at 0.
        PoolKind::L2 => random(&shape, &mut rng).mapv(|v| v.signum() * (0.3 + 0.7 * v.abs())),
        _ => random(&shape, &mut rng),
    };
    let p = params(kind, window);
    let y = pool2d(x.view().into_dimensionality().unwrap(), &p).unwrap();
    let r = random(y.shape(), &mut rng);
    let dx =
        pool2d_backward(x.view().into_dimensionality().unwrap(), &p, r.view().into_dimensionality().unwrap())
            .unwrap();
    let what = format!("{kind:?} {shape:?} {window:?}");
    check_gradient(&what, &x, &dx.clone().into_dyn(), |x| {
        dot(&pool2d(x.view().into_dimensionality().unwrap(), &p).unwrap().into_dyn(), &r)
    });
    // The layer computes the same forward and backward.
    let mut layer = Pool2d::new(p).unwrap();
    let x4 = x.view().into_dimensionality::<Ix4>().unwrap();
    layer.forward(x4, Mode::Train, &mut rng).unwrap();
    assert_eq!(layer.output(), y.view());
    layer.backward(x4, r.view().into_dimensionality().unwrap()).unwrap();
    for (a, b) in layer.grad_input().iter().zip(dx.iter()) {
        assert!((a - b).abs() < 1e-6, "{what}: layer {a} vs function {b}");
    }
}

#[test]
fn gradients_match_finite_differences_for_every_kind() {
    let w = |kernel, stride, dilation, padding| Window2d { kernel, stride, dilation, padding };
    let cases = [
        ([2, 2, 4, 4], w((2, 2), (2, 2), (1, 1), Padding::Valid)),
        ([1, 2, 7, 6], w((3, 3), (2, 2), (1, 1), Padding::Valid)),
        ([1, 1, 5, 5], w((2, 3), (1, 2), (1, 1), Padding::Explicit { y: 1, x: 1 })),
        ([2, 1, 6, 5], w((3, 3), (1, 1), (1, 1), Padding::Same)),
        ([1, 2, 7, 7], w((2, 2), (3, 2), (2, 1), Padding::Full)),
        ([1, 1, 5, 6], w((3, 2), (2, 3), (1, 1), Padding::Same)),
    ];
    for (seed, kind) in KINDS.into_iter().chain([PoolKind::Gaussian { sigma: 0.6 }]).enumerate() {
        for (i, (shape, window)) in cases.iter().enumerate() {
            gradient_check(kind, *shape, *window, (seed * 10 + i) as u64);
        }
    }
}

#[test]
fn layer_switches_shapes_and_buffer_reuse() {
    let p = params(PoolKind::Max, Window2d::square(2).with_stride(2));
    let mut layer = Pool2d::new(p).unwrap();
    assert_eq!(layer.kind(), "pool");
    assert_eq!(layer.config(), &p);
    assert_eq!(layer.output_shape([6, 28, 28]).unwrap(), [6, 14, 14]);
    let mut x = Array4::zeros((2, 1, 4, 4));
    x.index_axis_mut(ndarray::Axis(0), 1).assign(&fixture().index_axis(ndarray::Axis(0), 0));
    layer.forward(x.view(), Mode::Eval, &mut Rng::new(0)).unwrap();
    // Sample 1 starts at flat index 16; its window maxima 4, 2, 2, 8 sit at (1,0), (0,2), (3,1), (3,3).
    assert_eq!(&layer.switches()[4..], &[16 + 4, 16 + 2, 16 + 13, 16 + 15]);
    assert_eq!(&layer.switches()[..1], &[0]); // all-zero sample: first cell wins the tie
    layer.forward(fixture().view(), Mode::Train, &mut Rng::new(0)).unwrap();
    assert_eq!(layer.switches().len(), 4);
    assert_eq!(layer.output().shape(), &[1, 1, 2, 2]);
    let avg = Pool2d::new(params(PoolKind::Average, Window2d::square(2))).unwrap();
    assert!(avg.switches().is_empty());
}
