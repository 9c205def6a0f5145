//! Pooling: each window of a feature map is summarized by one number, per channel.
//!
//! ```text
//!  input 4×4, window 2×2, stride 2       max        average        L2 = √Σx²
//!  ┌─────┬─────┐
//!  │ 1 3 │ 2 0 │                      ┌───┬───┐  ┌────┬────┐  ┌──────┬──────┐
//!  │ 4 2 │ 1 1 │                      │ 4 │ 2 │  │ 2.5│ 1  │  │ √30  │ √6   │
//!  ├─────┼─────┤        ───▶          ├───┼───┤  ├────┼────┤  ├──────┼──────┤
//!  │ 0 0 │ 5 6 │                      │ 2 │ 8 │  │0.75│ 6.5│  │ √5   │ √174 │
//!  │ 1 2 │ 7 8 │                      └───┴───┘  └────┴────┘  └──────┴──────┘
//!  └─────┴─────┘
//! ```
//!
//! Gaussian pooling is a weighted average whose weights fall off with the distance of a tap from
//! the window centre: `w(ky, kx) ∝ exp(−((ky − cy)² + (kx − cx)²) / (2σ²))`, `cy = (kh − 1)/2`,
//! `cx = (kw − 1)/2` (in tap units), normalized to sum 1.
//!
//! **Padding cells are skipped**, not treated as zeros: max ignores them, average divides by the
//! number of in-bounds cells, L2 sums only in-bounds cells and Gaussian renormalizes its weights
//! over the in-bounds taps. A window lying wholly in the padding (possible with large explicit
//! padding, or "same" padding with dilation) yields 0 and passes no gradient back.
//!
//! The window arithmetic is [`Geometry2d`]'s; one per-window computation (the private `window`
//! submodule) serves the free functions, the trace and the [`Pool2d`] layer (submodule `layer`), so
//! they always agree. Blur-pool (submodule `blur`) pools with stride 1, blurs with the binomial
//! `[1 2 1]/4 ⊗ [1 2 1]/4`, then subsamples: the shift-friendlier pooling of Zhang (2019).

mod blur;
mod config;
mod layer;
mod one_hot;
mod window;

use ndarray::{Array2, Array4, ArrayView4, Axis};
use serde::Serialize;

use crate::{ensure_arg, Result, Window2d};
pub use blur::{blur_pool2d, blur_subsample, blur_subsample_backward, BlurPool2d, BINOMIAL};
pub use config::{Pool2dConfig, PoolSettings};
pub use layer::Pool2d;
pub use one_hot::{pool2d_backward_window, PoolBackwardWindow, PoolGradCell};
use window::Pooler;

const OP: &str = "pool2d";

/// Switch of an output whose window lies wholly in the padding: no input cell receives its gradient.
pub const NO_SWITCH: u32 = u32::MAX;

/// How a window is summarized.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum PoolKind {
    /// The largest in-bounds value; the gradient goes to the first maximum (row-major) only.
    Max,
    /// The mean of the in-bounds values.
    Average,
    /// `√(Σ x²)` over the in-bounds values; gradient `x / ‖x‖`, defined as 0 when the window is all zero.
    L2,
    /// Weighted average, Gaussian weights by distance (in taps) to the window centre.
    Gaussian {
        /// Standard deviation of the weights, in taps; must be positive and finite.
        sigma: f32,
    },
}

strict_tagged!(PoolKind { Max, Average, L2 } { Gaussian { sigma: f32 } });

/// The normalized Gaussian weights of a whole `kh × kw` window (they sum to 1).
///
/// # Shapes
/// `kernel = (kh, kw)` → `[kh, kw]`.
///
/// **Errors** if a kernel side is zero or above [`crate::limits::MAX_WINDOW_SIDE`], or `sigma` is
/// not positive and finite.
pub fn gaussian_weights(kernel: (usize, usize), sigma: f32) -> Result<Array2<f32>> {
    let (kh, kw) = kernel;
    ensure_arg!(kh >= 1 && kw >= 1, OP, "kernel", "must be at least 1×1, got {kh}×{kw}");
    crate::limits::sides(OP, "kernel", kernel, crate::limits::MAX_WINDOW_SIDE)?;
    Pool2dConfig { kind: PoolKind::Gaussian { sigma }, window: Window2d::square(1) }.validate()?;
    let p = Pooler::new(PoolKind::Gaussian { sigma }, kernel);
    Ok(Array2::from_shape_vec(kernel, p.full_w).expect("kh·kw weights"))
}

/// Forward pooling of every channel of every sample.
///
/// # Shapes
/// `[batch, channels, height_in, width_in]` → `[batch, channels, height_out, width_out]`, with the
/// output size of [`Window2d::resolve`].
///
/// **Errors** if `sigma` is invalid, the window does not fit the (padded) input, or the call is
/// above the [`crate::limits`] (window, padding, output, work).
pub fn pool2d(input: ArrayView4<f32>, config: &Pool2dConfig) -> Result<Array4<f32>> {
    let g = config.checked(input.shape())?;
    let pooler = Pooler::new(config.kind, config.window.kernel);
    let x = input.as_standard_layout();
    let mut out = Array4::zeros((input.shape()[0], input.shape()[1], g.out_h, g.out_w));
    let planes = x.as_slice().expect("standard layout").chunks_exact(g.in_h * g.in_w);
    for (plane, o) in planes.zip(out.as_slice_mut().expect("owned").chunks_exact_mut(g.out_len())) {
        pooler.forward_plane(&g, plane, o, None, 0);
    }
    Ok(out)
}

/// ∂loss/∂input of [`pool2d`] given ∂loss/∂output.
///
/// Max routes each output's gradient to its argmax (the first maximum in row-major window order
/// on ties); average spreads it as `1/count`; Gaussian by the normalized weights; L2 by `x / y`
/// (0 for an all-zero window, where the norm has no derivative).
///
/// # Shapes
/// `input` `[N, C, H, W]`, `grad_output` the forward output's shape → `[N, C, H, W]`.
///
/// **Errors** as [`pool2d`], or if `grad_output` does not have the output's shape.
pub fn pool2d_backward(
    input: ArrayView4<f32>,
    config: &Pool2dConfig,
    grad_output: ArrayView4<f32>,
) -> Result<Array4<f32>> {
    let g = config.checked(input.shape())?;
    let expected = [input.shape()[0], input.shape()[1], g.out_h, g.out_w];
    crate::tensor::check_grad_output(OP, grad_output.shape(), &expected)?;
    let pooler = Pooler::new(config.kind, config.window.kernel);
    let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
    let mut dx = Array4::zeros(input.raw_dim());
    let plane_len = g.in_h * g.in_w;
    let planes = x.as_slice().expect("standard").chunks_exact(plane_len);
    let dys = dy.as_slice().expect("standard").chunks_exact(g.out_len());
    let dxs = dx.as_slice_mut().expect("owned").chunks_exact_mut(plane_len);
    for ((plane, d), dxp) in planes.zip(dys).zip(dxs) {
        pooler.backward_plane(&g, plane, None, d, dxp);
    }
    Ok(dx)
}

/// One input cell under the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolCell {
    /// Input row (negative or `>= H` in the padding).
    pub row: isize,
    /// Input column.
    pub col: isize,
    /// `false` in the padding (the cell is skipped).
    pub inside: bool,
    /// The input value (0 in the padding).
    pub value: f32,
    /// Contribution weight ∂result/∂value: 1 at max's argmax else 0, `1/count` for average, the
    /// normalized Gaussian weight, `value/result` for L2; 0 in the padding.
    pub weight: f32,
}

/// How `output[batch, channel, out_row, out_col]` came about.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolTrace {
    /// Every tap of the window, row-major (`kh · kw` cells, including those in the padding).
    pub cells: Vec<PoolCell>,
    /// The output value (equal to [`pool2d`]'s).
    pub result: f32,
    /// Index into `cells` of the maximum (max pooling only; `None` for an all-padding window).
    pub argmax: Option<usize>,
}

/// Trace one output position of [`pool2d`] with the same arguments.
///
/// **Errors** as [`pool2d`], or if `batch`, `channel`, `out_row` or `out_col` is out of range.
pub fn pool2d_trace(
    input: ArrayView4<f32>,
    config: &Pool2dConfig,
    batch: usize,
    channel: usize,
    out_row: usize,
    out_col: usize,
) -> Result<PoolTrace> {
    const TOP: &str = "pool2dTrace";
    let g = config.geometry(input.shape())?;
    let s = input.shape();
    ensure_arg!(batch < s[0], TOP, "batch", "must be below {}, got {batch}", s[0]);
    ensure_arg!(channel < s[1], TOP, "channel", "must be below {}, got {channel}", s[1]);
    ensure_arg!(out_row < g.out_h, TOP, "outRow", "must be below {}, got {out_row}", g.out_h);
    ensure_arg!(out_col < g.out_w, TOP, "outCol", "must be below {}, got {out_col}", g.out_w);
    let pooler = Pooler::new(config.kind, config.window.kernel);
    let plane =
        input.index_axis(Axis(0), batch).index_axis_move(Axis(0), channel).as_standard_layout().into_owned();
    let plane = plane.as_slice().expect("owned");
    let (result, arg) = pooler.value(&g, plane, out_row, out_col);
    let mut cells = Vec::with_capacity(g.k_h * g.k_w);
    for ky in 0..g.k_h {
        for kx in 0..g.k_w {
            let (row, col) = (g.input_row(out_row, ky), g.input_col(out_col, kx));
            let inside = g.inside(row, col);
            let value = if inside { plane[row as usize * g.in_w + col as usize] } else { 0.0 };
            cells.push(PoolCell { row, col, inside, value, weight: 0.0 });
        }
    }
    pooler.weights(&g, plane, result, out_row, out_col, |t, _, w| cells[t].weight = w);
    Ok(PoolTrace { cells, result, argmax: arg.map(|(t, _)| t) })
}
