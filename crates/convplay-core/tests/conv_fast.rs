//! The fast convolution paths (windows read in place, im2col, the register-blocked product)
//! against the definition, written out term by term by the trace: every output, the weight, bias
//! and input gradients, on random geometries that take both paths.
mod common;

use common::random;
use convplay_core::conv::trace::conv2d_trace;
use convplay_core::conv::{conv2d, conv2d_backward, Conv2dParams, ConvMode};
use convplay_core::{Padding, Rng};
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
