//! Convolution on random geometries, both fast paths (windows read in place, im2col): shapes,
//! traces and the adjoint identity; the layer against the free functions; and the free functions
//! against the definition written out term by term by the trace (every output, the weight, bias
//! and input gradients).
mod common;

use common::{dot, random};
use convplay_core::conv::layer::{Conv2d, Conv2dConfig};
use convplay_core::conv::trace::conv2d_trace;
use convplay_core::conv::{conv2d, conv2d_backward, Conv2dParams, ConvMode};
use convplay_core::{Layer, Mode, Padding, Rng};
use ndarray::{Array1, Array4, Ix1, Ix4};
use proptest::prelude::*;

/// Output, ∂L/∂W, ∂L/∂b and ∂L/∂x by the definition: one trace per output, its terms summed.
fn by_definition(
    x: &Array4<f32>,
    k: &Array4<f32>,
    b: &Array1<f32>,
    dy: &Array4<f32>,
    p: &Conv2dParams,
) -> (Array4<f32>, Array4<f32>, Array1<f32>, Array4<f32>) {
    let (mut y, mut dw, mut db, mut dx) = (
        Array4::zeros(dy.raw_dim()),
        Array4::zeros(k.raw_dim()),
        Array1::zeros(b.len()),
        Array4::zeros(x.raw_dim()),
    );
    for ((n, o, i, j), d) in dy.indexed_iter().map(|(ix, d)| (ix, *d)) {
        let t = conv2d_trace(x.view(), k.view(), Some(b.view()), p, n, o, i, j).unwrap();
        y[[n, o, i, j]] = t.result;
        db[o] += d;
        for term in t.terms.iter().filter(|t| t.inside) {
            let (c, r, q) = (term.channel, term.input_row as usize, term.input_col as usize);
            dw[[o, c, term.kernel_row, term.kernel_col]] += d * term.input;
            dx[[n, c, r, q]] += d * term.weight;
        }
    }
    (y, dw, db, dx)
}

fn close<D: ndarray::Dimension>(a: &ndarray::Array<f32, D>, b: &ndarray::Array<f32, D>) -> bool {
    a.shape() == b.shape() && a.iter().zip(b.iter()).all(|(p, q)| (p - q).abs() <= 1e-4 * (1.0 + q.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn conv2d_and_its_gradients_equal_the_definition(
        n in 1usize..3, c in 1usize..4, o in 1usize..7, h in 3usize..10, w in 3usize..10,
        kh in 1usize..4, kw in 1usize..4, sy in 1usize..3, sx in 1usize..3, d in 1usize..3,
        pad in 0usize..4, flip in any::<bool>(), seed in 0u64..1000,
    ) {
        let padding = match pad { 0 => Padding::Valid, 1 => Padding::Same, 2 => Padding::Full, _ => Padding::Explicit { y: 2, x: 1 } };
        let mode = if flip { ConvMode::Convolution } else { ConvMode::CrossCorrelation };
        let p = Conv2dParams { stride: (sy, sx), padding, dilation: (d, d), mode };
        let mut rng = Rng::new(seed);
        let x = random(&[n, c, h, w], &mut rng).into_dimensionality::<Ix4>().unwrap();
        let k = random(&[o, c, kh, kw], &mut rng).into_dimensionality::<Ix4>().unwrap();
        let b = random(&[o], &mut rng).into_dimensionality::<Ix1>().unwrap();
        let Ok(y) = conv2d(x.view(), k.view(), Some(b.view()), &p) else {
            prop_assert!(p.window(kh, kw).resolve("t", h, w).is_err());
            return Ok(());
        };
        let dy = random(y.shape(), &mut rng).into_dimensionality::<Ix4>().unwrap();
        let g = conv2d_backward(x.view(), k.view(), dy.view(), &p).unwrap();
        let (y_def, dw_def, db_def, dx_def) = by_definition(&x, &k, &b, &dy, &p);
        prop_assert!(close(&y, &y_def));
        prop_assert!(close(&g.weight, &dw_def));
        prop_assert!(close(&g.bias, &db_def));
        prop_assert!(close(&g.input, &dx_def));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_configurations_have_consistent_shapes_traces_and_gradients(
        n in 1usize..3, c in 1usize..3, o in 1usize..3, h in 3usize..9, w in 3usize..9,
        kh in 1usize..4, kw in 1usize..4, sy in 1usize..3, sx in 1usize..3, d in 1usize..3,
        pad in 0usize..4, conv in any::<bool>(), seed in 0u64..1000,
    ) {
        let padding = match pad { 0 => Padding::Valid, 1 => Padding::Same, 2 => Padding::Full, _ => Padding::Explicit { y: 1, x: 2 } };
        let p = Conv2dParams { stride: (sy, sx), padding, dilation: (d, d), mode: if conv { ConvMode::Convolution } else { ConvMode::CrossCorrelation } };
        let mut rng = Rng::new(seed);
        let x = random(&[n, c, h, w], &mut rng).into_dimensionality::<Ix4>().unwrap();
        let k = random(&[o, c, kh, kw], &mut rng).into_dimensionality::<Ix4>().unwrap();
        match conv2d(x.view(), k.view(), None, &p) {
            Err(_) => {
                // Only a window that does not fit may fail.
                prop_assert!(p.window(kh, kw).resolve("t", h, w).is_err());
            }
            Ok(y) => {
                let g = p.window(kh, kw).resolve("t", h, w).unwrap();
                prop_assert_eq!(y.shape(), &[n, o, g.out_h, g.out_w]);
                let (i, j) = (g.out_h - 1, g.out_w / 2);
                let t = conv2d_trace(x.view(), k.view(), None, &p, n - 1, o - 1, i, j).unwrap();
                prop_assert!((t.result - y[[n - 1, o - 1, i, j]]).abs() < 1e-4);
                // Adjoint identity: <conv(x), r> = <x, backward(r).input>.
                let r = random(y.shape(), &mut rng).into_dimensionality::<Ix4>().unwrap();
                let gr = conv2d_backward(x.view(), k.view(), r.view(), &p).unwrap();
                let lhs = dot(&y.into_dyn(), &r.into_dyn());
                let rhs = dot(&x.into_dyn(), &gr.input.into_dyn());
                prop_assert!((lhs - rhs).abs() < 1e-3 * (1.0 + lhs.abs()), "{} vs {}", lhs, rhs);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// The layer and the free functions run the same per-sample routine (windows read in place
    /// when they step one pixel along a row, through im2col otherwise); the layer keeps the im2col
    /// windows of its forward for backward, the free backward lays them out again. Both must give
    /// the same numbers on any geometry.
    #[test]
    fn layer_equals_free_functions_on_random_geometries(
        n in 1usize..3, c in 1usize..4, o in 1usize..7, h in 3usize..10, w in 3usize..10,
        kh in 1usize..4, kw in 1usize..4, sy in 1usize..3, sx in 1usize..3, d in 1usize..3,
        pad in 0usize..4, seed in 0u64..1000,
    ) {
        let padding = match pad { 0 => Padding::Valid, 1 => Padding::Same, 2 => Padding::Full, _ => Padding::Explicit { y: 1, x: 2 } };
        let cfg = Conv2dConfig { in_channels: c, out_channels: o, kernel: (kh, kw), stride: (sy, sx), padding, dilation: (d, d) };
        let Ok(mut layer) = Conv2d::new(cfg) else { return Ok(()); };
        let mut rng = Rng::new(seed);
        for p in layer.params_mut() {
            p.value = random(p.value.shape(), &mut rng);
        }
        let x = random(&[n, c, h, w], &mut rng).into_dimensionality::<Ix4>().unwrap();
        if layer.forward(x.view(), Mode::Train, &mut rng).is_err() {
            prop_assert!(cfg.params().window(kh, kw).resolve("t", h, w).is_err());
            return Ok(());
        }
        let wt = layer.params()[0].value.clone().into_dimensionality::<Ix4>().unwrap();
        let b = layer.params()[1].value.clone().into_dimensionality::<ndarray::Ix1>().unwrap();
        let y = conv2d(x.view(), wt.view(), Some(b.view()), &cfg.params()).unwrap();
        let close = |a: ndarray::ArrayViewD<f32>, b: ndarray::ArrayViewD<f32>| {
            a.shape() == b.shape() && a.iter().zip(b.iter()).all(|(p, q)| (p - q).abs() <= 1e-4 * (1.0 + q.abs()))
        };
        prop_assert!(close(layer.output().into_dyn(), y.view().into_dyn()));
        let dy = random(y.shape(), &mut rng).into_dimensionality::<Ix4>().unwrap();
        layer.backward(x.view(), dy.view()).unwrap();
        let g = conv2d_backward(x.view(), wt.view(), dy.view(), &cfg.params()).unwrap();
        prop_assert!(close(layer.grad_input().into_dyn(), g.input.view().into_dyn()));
        prop_assert!(close(layer.params()[0].grad.view(), g.weight.view().into_dyn()));
        prop_assert!(close(layer.params()[1].grad.view(), g.bias.view().into_dyn()));
    }
}
