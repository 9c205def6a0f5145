//! A transposed convolution of one sample and one output channel, step by step, two ways:
//!
//! - **Scatter**: one step per input cell `(c, i, j)`, in order; the cell stamps `x[c, i, j]·K`
//!   onto the output at rows `i·s − p + a·d` (columns alike). Each term says where it lands, its
//!   product and the output cell's running value after it ([`ScatterStep`]).
//! - **Gather**: the zero-inserted input (`s − 1` zeros between cells), padded by `d·(k − 1) − p`
//!   on each side and by the output padding more at the bottom and right (a negative padding cuts
//!   that many rows), read by a stride-1 direct convolution with the kernel rotated by 180°: one
//!   step per output cell, its window and terms ([`GatherStep`]).
//!
//! Both give [`crate::conv::transposed::conv_transpose2d`]'s numbers; the trace compares its two
//! grids ([`ConvTranspose2dTrace::agreement`]).

use ndarray::{ArrayView1, ArrayView4};
use serde::Serialize;

pub use crate::conv::transposed_gather::{GatherCell, GatherKind, GatherStep, GatherTerm, GatherView};

use crate::conv::backward_trace::GradientCheck;
use crate::conv::transposed::{
    conv_transpose2d, conv_transpose2d_backward, ConvTranspose2dGeometry, ConvTranspose2dParams,
    TransposedAxis,
};
use crate::conv::transposed_gather::gather_view;
use crate::measure::stats::{agreement, Agreement};
use crate::{ensure_arg, limits, Result};

const OP: &str = "convTranspose2dTrace";

/// One stamp of a scatter step: `input · weight[a, b]` added at output `(out_row, out_col)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScatterTerm {
    /// Kernel row `a` (as stored).
    pub kernel_row: usize,
    /// Kernel column `b`.
    pub kernel_col: usize,
    /// Output row `i·s − p + a·d`.
    pub out_row: usize,
    /// Output column `j·s − p + b·d`.
    pub out_col: usize,
    /// `W[c, o, a, b]`.
    pub weight: f32,
    /// `x[c, i, j] · W[c, o, a, b]`.
    pub product: f32,
    /// The output cell after adding the product (bias not yet added).
    pub running: f32,
}

/// One input cell stamping the scaled kernel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScatterStep {
    /// Input channel.
    pub channel: usize,
    /// Input row `i`.
    pub row: usize,
    /// Input column `j`.
    pub col: usize,
    /// `x[c, i, j]`.
    pub input: f32,
    /// Row of the stamp's top-left tap on the output, `i·s − p` (negative: cut by the padding).
    pub origin_row: isize,
    /// Column of it, `j·s − p`.
    pub origin_col: isize,
    /// The stamps that land on the output, by kernel row then column.
    pub terms: Vec<ScatterTerm>,
    /// Kernel taps that fall outside the output (cut off by the padding).
    pub cut: usize,
}

/// Both views of one transposed convolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConvTranspose2dTrace {
    /// The sizes and the formula's numbers.
    pub geometry: ConvTranspose2dGeometry,
    /// Sample traced.
    pub batch: usize,
    /// Output channel traced.
    pub out_channel: usize,
    /// Its bias (0 without bias).
    pub bias: f32,
    /// One step per input cell, channel by channel, row by row.
    pub scatter: Vec<ScatterStep>,
    /// The scatter view's output, `H_out × W_out` row by row, bias added.
    pub scatter_output: Vec<f32>,
    /// The gather view.
    pub gather: GatherView,
    /// The gather view's output, `H_out × W_out`.
    pub gather_output: Vec<f32>,
    /// The two outputs compared value by value.
    pub agreement: Agreement,
}

/// Trace both views of [`crate::conv::transposed::conv_transpose2d`] with the same arguments, for
/// sample `batch` and output channel `out_channel`.
///
/// **Errors** as `conv_transpose2d`, if `batch` or `out_channel` is out of range, or if a view
/// would have more than [`limits::MAX_TRACE_TERMS`] terms or grid cells.
pub fn conv_transpose2d_trace(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &ConvTranspose2dParams,
    batch: usize,
    out_channel: usize,
) -> Result<ConvTranspose2dTrace> {
    let g = params.checked(OP, input.shape(), weight.shape(), bias.map(|b| b.len()))?;
    let (s, ws) = (input.shape(), weight.shape());
    let (hy, hx) = (&g.height, &g.width);
    let (oh, ow) = (hy.output, hx.output);
    let (gh, gw) = (oh + hy.dilation * (hy.kernel - 1), ow + hx.dilation * (hx.kernel - 1));
    let w = |n: usize| n as u64;
    let taps = w(s[1]) * w(ws[2]) * w(ws[3]);
    for (what, n) in [
        ("the scatter view would have", taps * w(s[2]) * w(s[3])),
        ("the gather view would have", taps * w(oh) * w(ow)),
        ("the gather grid would have", limits::product(&[w(s[1]), w(gh), w(gw)])),
    ] {
        if n > w(limits::MAX_TRACE_TERMS) {
            let (n, most) = (limits::thousands(n), limits::thousands(w(limits::MAX_TRACE_TERMS)));
            return Err(limits::over(OP, "input", format!("{what} {n} terms; the limit is {most}")));
        }
    }
    ensure_arg!(batch < s[0], OP, "batch", "must be below {}, got {batch}", s[0]);
    ensure_arg!(out_channel < ws[1], OP, "outChannel", "must be below {}, got {out_channel}", ws[1]);
    let o = out_channel;
    let b = bias.map_or(0.0, |b| b[o]);

    // Scatter: each input cell stamps x·K; the running grid holds the sums so far.
    let mut running = vec![0.0f32; oh * ow];
    let mut scatter = Vec::with_capacity(s[1] * s[2] * s[3]);
    let place = |i: usize, a: usize, ax: &TransposedAxis| {
        (i * ax.stride + a * ax.dilation) as isize - ax.padding as isize
    };
    for c in 0..s[1] {
        for i in 0..s[2] {
            for j in 0..s[3] {
                let x = input[[batch, c, i, j]];
                let (mut terms, mut cut) = (Vec::new(), 0);
                for a in 0..hy.kernel {
                    for bb in 0..hx.kernel {
                        let (r, col) = (place(i, a, hy), place(j, bb, hx));
                        if r < 0 || col < 0 || r as usize >= oh || col as usize >= ow {
                            cut += 1;
                            continue;
                        }
                        let (r, col) = (r as usize, col as usize);
                        let weight = weight[[c, o, a, bb]];
                        running[r * ow + col] += x * weight;
                        let (kernel_row, kernel_col, out_row, out_col) = (a, bb, r, col);
                        let (product, running) = (x * weight, running[r * ow + col]);
                        terms.push(ScatterTerm {
                            kernel_row,
                            kernel_col,
                            out_row,
                            out_col,
                            weight,
                            product,
                            running,
                        });
                    }
                }
                let (origin_row, origin_col) = (place(i, 0, hy), place(j, 0, hx));
                scatter.push(ScatterStep {
                    channel: c,
                    row: i,
                    col: j,
                    input: x,
                    origin_row,
                    origin_col,
                    terms,
                    cut,
                });
            }
        }
    }
    let scatter_output: Vec<f32> = running.iter().map(|&v| v + b).collect();

    let gather = gather_view(input, weight, &g, [batch, o], b);
    let gather_output: Vec<f32> = gather.steps.iter().map(|t| t.result).collect();
    let agreement = agreement(&scatter_output, &gather_output)?;
    Ok(ConvTranspose2dTrace {
        geometry: g,
        batch,
        out_channel,
        bias: b,
        scatter,
        scatter_output,
        gather,
        gather_output,
        agreement,
    })
}

/// Nudge input `[batch, channel, row, col]` by ±`h`, run
/// [`crate::conv::transposed::conv_transpose2d`], and compare `(L(x + h) − L(x − h)) / 2h` of
/// `L = Σ y · ∂L/∂y` with ∂L/∂x there from the backward pass (only rounding separates them: L is
/// linear in x).
///
/// **Errors** as the backward pass, if the cell is out of range, or if `h` is not in (0, 1000].
#[allow(clippy::too_many_arguments)] // the backward arguments plus the bias, the cell and h
pub fn conv_transpose2d_gradient_check(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    grad_output: ArrayView4<f32>,
    params: &ConvTranspose2dParams,
    at: [usize; 4],
    h: f32,
) -> Result<GradientCheck> {
    const OP: &str = "convTranspose2dGradientCheck";
    ensure_arg!(h.is_finite() && h > 0.0 && h <= 1000.0, OP, "h", "must be in (0, 1000], got {h}");
    let grads = conv_transpose2d_backward(input, weight, grad_output, params)?;
    let s = input.shape();
    for (name, (v, n)) in
        ["batch", "channel", "row", "col"].into_iter().zip(at.into_iter().zip(s.iter().copied()))
    {
        ensure_arg!(v < n, OP, name, "must be below {n}, got {v}");
    }
    let gradient = grads.input[at] as f64;
    let loss = |delta: f32| -> Result<f64> {
        let mut x = input.to_owned();
        x[at] += delta;
        let y = conv_transpose2d(x.view(), weight, bias, params)?;
        Ok(y.iter().zip(grad_output.iter()).map(|(&a, &b)| a as f64 * b as f64).sum())
    };
    let (loss_plus, loss_minus) = (loss(h)?, loss(-h)?);
    GradientCheck::judge(OP, h, input[at], loss_plus, loss_minus, gradient)
}
