//! Pooling on random configurations (every kind: bounds, traces, the layer against the free
//! functions, the adjoint identity of the linear kinds), and the layer's tiled max pool against
//! the general window walk.
mod common;

use common::{dot, random};
use convplay_core::pool::{pool2d, pool2d_backward, pool2d_trace, Pool2d, Pool2dConfig, PoolKind};
use convplay_core::{Layer, Mode, Padding, Rng, Window2d};
use ndarray::{Array4, Ix4};
use proptest::prelude::*;

fn params(kind: PoolKind, window: Window2d) -> Pool2dConfig {
    Pool2dConfig { kind, window }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_configurations_are_consistent(
        n in 1usize..3, c in 1usize..3, h in 1usize..8, w in 1usize..8,
        kh in 1usize..4, kw in 1usize..4, sy in 1usize..4, sx in 1usize..4, d in 1usize..3,
        pad in 0usize..4, sigma in 0.2f32..3.0, seed in 0u64..1000,
    ) {
        let padding = match pad { 0 => Padding::Valid, 1 => Padding::Same, 2 => Padding::Full, _ => Padding::Explicit { y: 1, x: 0 } };
        let window = Window2d { kernel: (kh, kw), stride: (sy, sx), dilation: (d, 1), padding };
        let mut rng = Rng::new(seed);
        let x = random(&[n, c, h, w], &mut rng).into_dimensionality::<Ix4>().unwrap();
        let Ok(g) = window.resolve("t", h, w) else {
            prop_assert!(pool2d(x.view(), &params(PoolKind::Max, window)).is_err());
            return Ok(());
        };
        let out = |kind, x: &Array4<f32>| pool2d(x.view(), &params(kind, window)).unwrap();
        let (max, avg, l2, gauss) = (out(PoolKind::Max, &x), out(PoolKind::Average, &x), out(PoolKind::L2, &x), out(PoolKind::Gaussian { sigma }, &x));
        let min = out(PoolKind::Max, &x.mapv(|v| -v)).mapv(|v| -v);
        prop_assert_eq!(max.shape(), &[n, c, g.out_h, g.out_w]);
        let abs = x.mapv(f32::abs);
        let (l2_abs, max_abs) = (out(PoolKind::L2, &abs), out(PoolKind::Max, &abs));
        for idx in 0..max.len() {
            let (mx, mn, av, gs) = (max.as_slice().unwrap()[idx], min.as_slice().unwrap()[idx], avg.as_slice().unwrap()[idx], gauss.as_slice().unwrap()[idx]);
            prop_assert!(mn - 1e-6 <= av && av <= mx + 1e-6, "average {} outside [{}, {}]", av, mn, mx);
            prop_assert!(mn - 1e-6 <= gs && gs <= mx + 1e-6, "gaussian {} outside [{}, {}]", gs, mn, mx);
            prop_assert!(l2.as_slice().unwrap()[idx] >= 0.0);
            prop_assert!(l2_abs.as_slice().unwrap()[idx] >= max_abs.as_slice().unwrap()[idx] - 1e-6);
        }
        let (i, j) = (g.out_h - 1, g.out_w / 2);
        let r = random(max.shape(), &mut rng).into_dimensionality::<Ix4>().unwrap();
        for (kind, y) in [(PoolKind::Max, &max), (PoolKind::Average, &avg), (PoolKind::L2, &l2), (PoolKind::Gaussian { sigma }, &gauss)] {
            let p = params(kind, window);
            let t = pool2d_trace(x.view(), &p, n - 1, c - 1, i, j).unwrap();
            prop_assert_eq!(t.result, y[[n - 1, c - 1, i, j]]);
            let mut layer = Pool2d::new(p).unwrap();
            layer.forward(x.view(), Mode::Train, &mut rng).unwrap();
            prop_assert_eq!(layer.output(), y.view());
            layer.backward(x.view(), r.view()).unwrap();
            let dx = pool2d_backward(x.view(), &p, r.view()).unwrap();
            for (a, b) in layer.grad_input().iter().zip(dx.iter()) {
                prop_assert!((a - b).abs() < 1e-5);
            }
            // Average and Gaussian are linear: <pool(x), r> = <x, backward(r)>.
            if matches!(kind, PoolKind::Average | PoolKind::Gaussian { .. }) {
                let lhs = dot(&y.clone().into_dyn(), &r.clone().into_dyn());
                let rhs = dot(&x.clone().into_dyn(), &dx.into_dyn());
                prop_assert!((lhs - rhs).abs() < 1e-4 * (1.0 + lhs.abs()), "{} vs {}", lhs, rhs);
            }
        }
    }
}

#[test]
fn tiled_max_pool_layer_agrees_with_the_general_walk() {
    // The layer's fast path for tiling windows (2×2 and 3×3 here, odd sizes leave a remainder
    // row/column) must give the values of pool2d and switches pointing at those values, with
    // ties (integers drawn from 0..3) resolved to the first maximum in row-major order.
    let mut rng = Rng::new(7);
    for (k, h, w) in [(2, 28, 28), (2, 9, 7), (3, 10, 11), (2, 2, 2)] {
        let x = Array4::from_shape_fn((2, 3, h, w), |_| (rng.uniform() * 3.0).floor());
        let p = params(PoolKind::Max, Window2d::square(k).with_stride(k));
        let mut layer = Pool2d::new(p).unwrap();
        layer.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap();
        let want = pool2d(x.view(), &p).unwrap();
        assert_eq!(layer.output(), want.view(), "{k}×{k} on {h}×{w}");
        let flat = x.as_slice().unwrap();
        let (oh, ow) = (h / k, w / k);
        for (o, &sw) in layer.switches().iter().enumerate() {
            let (plane, oy, ox) = (o / (oh * ow), o / ow % oh, o % ow);
            let (iy, ix) = ((sw as usize % (h * w)) / w, sw as usize % w);
            assert_eq!(sw as usize / (h * w), plane);
            // The first cell of the window holding the maximum, in row-major order.
            let first = (0..k * k)
                .map(|t| (oy * k + t / k, ox * k + t % k))
                .find(|&(y, x)| flat[plane * h * w + y * w + x] == want.as_slice().unwrap()[o])
                .unwrap();
            assert_eq!((iy, ix), first, "{k}×{k} on {h}×{w}, output {o}");
        }
    }
}
