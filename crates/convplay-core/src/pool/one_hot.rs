//! The backward pass of one pooling window: with ∂L/∂y = 1 at one output cell and 0 elsewhere,
//! the ∂L/∂x each input cell of that window receives, read from [`super::pool2d_backward`].

use ndarray::{Array4, ArrayView4};
use serde::Serialize;

use super::{pool2d_backward, pool2d_trace, Pool2dConfig};
use crate::Result;

/// One input cell of the window and what it receives.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolGradCell {
    /// Input row (negative or `>= H` in the padding).
    pub row: isize,
    /// Input column.
    pub col: isize,
    /// `false` in the padding (receives nothing).
    pub inside: bool,
    /// The input value (0 in the padding).
    pub value: f32,
    /// ∂L/∂x of this cell: `pool2d_backward`'s value there (0 in the padding).
    pub grad: f32,
}

/// Where a gradient of 1 at one output cell goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PoolBackwardWindow {
    /// Every tap of the window, row-major (`kh · kw` cells).
    pub cells: Vec<PoolGradCell>,
    /// Σ ∂L/∂x over the whole input (only this window's cells receive anything).
    pub sum: f32,
    /// The output value y of the cell.
    pub result: f32,
    /// Index into `cells` of the maximum (max pooling only).
    pub argmax: Option<usize>,
    /// The number of window cells inside the input (average gives each `1/inside`).
    pub inside: usize,
    /// Whether neighbouring windows share input cells (their gradients then add up there).
    pub overlap: bool,
}

/// Do windows `a` strides apart share a tap, for some `a`? (Taps at `m·d`, windows `s` apart.)
fn shares(kernel: usize, stride: usize, dilation: usize) -> bool {
    let span = (kernel - 1) * dilation;
    (1..).map(|a| a * stride).take_while(|&t| t <= span).any(|t| t % dilation == 0)
}

/// [`super::pool2d_backward`] of a one-hot ∂L/∂y (1 at `[batch, channel, out_row, out_col]`),
/// read at the cells of that output's window.
///
/// **Errors** as [`super::pool2d_trace`].
pub fn pool2d_backward_window(
    input: ArrayView4<f32>,
    config: &Pool2dConfig,
    batch: usize,
    channel: usize,
    out_row: usize,
    out_col: usize,
) -> Result<PoolBackwardWindow> {
    let trace = pool2d_trace(input, config, batch, channel, out_row, out_col)?;
    let g = config.checked(input.shape())?;
    let s = input.shape();
    let mut dy = Array4::<f32>::zeros((s[0], s[1], g.out_h, g.out_w));
    dy[[batch, channel, out_row, out_col]] = 1.0;
    let dx = pool2d_backward(input, config, dy.view())?;
    let cells: Vec<PoolGradCell> = trace
        .cells
        .iter()
        .map(|c| {
            let grad = if c.inside { dx[[batch, channel, c.row as usize, c.col as usize]] } else { 0.0 };
            PoolGradCell { row: c.row, col: c.col, inside: c.inside, value: c.value, grad }
        })
        .collect();
    Ok(PoolBackwardWindow {
        inside: cells.iter().filter(|c| c.inside).count(),
        cells,
        sum: dx.sum(),
        result: trace.result,
        argmax: trace.argmax,
        overlap: shares(g.k_h, g.s_y, g.d_y) || shares(g.k_w, g.s_x, g.d_x),
    })
}
