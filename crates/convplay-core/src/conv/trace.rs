//! A trace of one convolution output: which input cells the window covers, what each is
//! multiplied by, the products, their sum, the bias and the result. The pages animate from it.

use ndarray::{ArrayView1, ArrayView4};
use serde::Serialize;

use crate::conv::{Conv2dParams, ConvMode};
use crate::{ensure_arg, limits, Result};

/// One multiply of the window: `input[channel, input_row, input_col] · weight[out, channel, kernel_row, kernel_col]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConvTerm {
    /// Input channel.
    pub channel: usize,
    /// Row of this tap within the sliding window (0 = top).
    pub window_row: usize,
    /// Column of this tap within the sliding window (0 = left).
    pub window_col: usize,
    /// Row of the weight as stored (differs from `window_row` in convolution mode: flipped).
    pub kernel_row: usize,
    /// Column of the weight as stored.
    pub kernel_col: usize,
    /// Input row under the tap (may be outside the input, in the zero padding).
    pub input_row: isize,
    /// Input column under the tap.
    pub input_col: isize,
    /// `false` when the tap lies in the zero padding.
    pub inside: bool,
    /// The input value (0 in the padding).
    pub input: f32,
    /// The weight value.
    pub weight: f32,
    /// `input · weight`.
    pub product: f32,
}

/// Everything that produced `output[batch, out_channel, out_row, out_col]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conv2dTrace {
    /// Output row.
    pub out_row: usize,
    /// Output column.
    pub out_col: usize,
    /// Filter index.
    pub out_channel: usize,
    /// The lecture's row index `i` of this output (see [`Conv2dTrace::index_col`]).
    pub index_row: isize,
    /// The lecture's column index `j` of this output: every term is `I[i − d·m, j − d·n]·K[m, n]`
    /// in convolution mode (`s[i, j] = Σ_m Σ_n I[i − m, j − n] K[m, n]` at dilation 1) and
    /// `I[i + d·m, j + d·n]·K[m, n]` in cross-correlation mode, with `(m, n)` the weight as
    /// stored and `d` the dilation. Input indices count from the input's top left, so with
    /// padding they may be negative, and in valid convolution `i` is the output row plus
    /// `kh − 1`.
    pub index_col: isize,
    /// One term per (channel, kernel row, kernel column), channel-major.
    pub terms: Vec<ConvTerm>,
    /// Sum of the products of each input channel.
    pub channel_sums: Vec<f32>,
    /// Sum of all products.
    pub sum: f32,
    /// The filter's bias (0 without bias).
    pub bias: f32,
    /// `sum + bias`: the output value.
    pub result: f32,
}

/// Trace one output position of [`crate::conv::conv2d`] with the same arguments.
///
/// **Errors** as `conv2d`, if `batch`, `out_channel`, `out_row` or `out_col` is out of range, or if
/// the window has more than [`limits::MAX_TRACE_TERMS`] terms.
#[allow(clippy::too_many_arguments)] // the conv2d arguments plus the four coordinates of one output
pub fn conv2d_trace(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
    batch: usize,
    out_channel: usize,
    out_row: usize,
    out_col: usize,
) -> Result<Conv2dTrace> {
    trace("conv2d", input, weight, bias, params, [batch, out_channel, out_row, out_col])
}

/// [`conv2d_trace`] with `op` naming the convolution in messages (1-D convolution traces through it
/// too); `at` is `[batch, out_channel, out_row, out_col]`.
pub(crate) fn trace(
    op: &'static str,
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
    [batch, out_channel, out_row, out_col]: [usize; 4],
) -> Result<Conv2dTrace> {
    const OP: &str = "conv2dTrace";
    let g = params.geometry_for(op, input.shape(), weight.shape(), bias.map(|b| b.len()))?;
    let s = input.shape();
    let terms = limits::product(&[s[1] as u64, g.k_h as u64, g.k_w as u64]);
    if terms > limits::MAX_TRACE_TERMS as u64 {
        return Err(limits::over(
            OP,
            "weight",
            format!(
                "the trace would have {} terms (channels × kernel taps); the limit is {}",
                limits::thousands(terms),
                limits::thousands(limits::MAX_TRACE_TERMS as u64)
            ),
        ));
    }
    ensure_arg!(batch < s[0], OP, "batch", "must be below {}, got {batch}", s[0]);
    ensure_arg!(
        out_channel < weight.shape()[0],
        OP,
        "outChannel",
        "must be below {}, got {out_channel}",
        weight.shape()[0]
    );
    ensure_arg!(out_row < g.out_h, OP, "outRow", "must be below {}, got {out_row}", g.out_h);
    ensure_arg!(out_col < g.out_w, OP, "outCol", "must be below {}, got {out_col}", g.out_w);
    let flip = params.mode == ConvMode::Convolution;
    // The term of window tap (0, 0) fixes the lecture's (i, j): its input cell, plus the
    // dilated kernel index it meets when the kernel is flipped.
    let (index_row, index_col) = {
        let (iy, ix) = (g.input_row(out_row, 0), g.input_col(out_col, 0));
        if flip {
            (iy + (g.d_y * (g.k_h - 1)) as isize, ix + (g.d_x * (g.k_w - 1)) as isize)
        } else {
            (iy, ix)
        }
    };
    let mut terms = Vec::with_capacity(s[1] * g.k_h * g.k_w);
    let mut channel_sums = vec![0.0f32; s[1]];
    for (c, channel_sum) in channel_sums.iter_mut().enumerate() {
        for wy in 0..g.k_h {
            for wx in 0..g.k_w {
                let (ky, kx) = if flip { (g.k_h - 1 - wy, g.k_w - 1 - wx) } else { (wy, wx) };
                let (iy, ix) = (g.input_row(out_row, wy), g.input_col(out_col, wx));
                let inside = g.inside(iy, ix);
                let x = if inside { input[[batch, c, iy as usize, ix as usize]] } else { 0.0 };
                let w = weight[[out_channel, c, ky, kx]];
                *channel_sum += x * w;
                terms.push(ConvTerm {
                    channel: c,
                    window_row: wy,
                    window_col: wx,
                    kernel_row: ky,
                    kernel_col: kx,
                    input_row: iy,
                    input_col: ix,
                    inside,
                    input: x,
                    weight: w,
                    product: x * w,
                });
            }
        }
    }
    let sum: f32 = channel_sums.iter().sum();
    let b = bias.map_or(0.0, |b| b[out_channel]);
    Ok(Conv2dTrace {
        out_row,
        out_col,
        out_channel,
        index_row,
        index_col,
        terms,
        channel_sums,
        sum,
        bias: b,
        result: sum + b,
    })
}
