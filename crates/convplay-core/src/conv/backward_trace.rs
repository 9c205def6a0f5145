//! The backward pass of a convolution, one cell at a time, and a finite-difference check.
//!
//! - One cell of ∂L/∂x is the sum over every output whose window covered it:
//!   `Σ ∂L/∂y[o, oy, ox] · w[o, c, m, n]` over the covering `(o, oy, ox, m, n)` — the **full**
//!   convolution of ∂L/∂y with the flipped kernel. With stride `s` only every `s`-th position of the
//!   zero-dilated ∂L/∂y holds a value ("fractionally strided", the transposed convolution): each
//!   term says where it sits in that dilated grid (`dilatedRow`, `dilatedCol`).
//! - One weight of ∂L/∂w is `Σ_n Σ_oy Σ_ox x[n, c, iy, ix] · ∂L/∂y[n, o, oy, ox]`: the
//!   cross-correlation of x with ∂L/∂y (terms in the padding are listed with `inside: false`).
//!
//! Each trace's `sum` is what [`crate::conv::conv2d_backward`] returns for that cell.

use ndarray::{Array4, ArrayView1, ArrayView4};
use serde::{Deserialize, Serialize};

use crate::conv::{conv2d, Conv2dParams, ConvMode};
use crate::{ensure_arg, limits, Geometry2d, Result};

const OP: &str = "conv2dBackwardTrace";

/// Which gradient cell to trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "of", deny_unknown_fields)]
pub enum BackwardCell {
    /// ∂L/∂x`[batch, channel, row, col]`.
    #[serde(rename_all = "camelCase")]
    Input {
        /// Sample.
        batch: usize,
        /// Input channel.
        channel: usize,
        /// Input row.
        row: usize,
        /// Input column.
        col: usize,
    },
    /// ∂L/∂w`[out_channel, channel, row, col]` (the weight as stored).
    #[serde(rename_all = "camelCase")]
    Weight {
        /// Filter.
        out_channel: usize,
        /// Input channel.
        channel: usize,
        /// Kernel row.
        row: usize,
        /// Kernel column.
        col: usize,
    },
}

/// One product `gradOutput · factor` of a backward sum.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackwardTerm {
    /// Sample of ∂L/∂y.
    pub batch: usize,
    /// Filter (output channel).
    pub out_channel: usize,
    /// Output row of the covering window.
    pub out_row: usize,
    /// Output column of the covering window.
    pub out_col: usize,
    /// Weight row as stored.
    pub kernel_row: usize,
    /// Weight column as stored.
    pub kernel_col: usize,
    /// Input row under the tap (negative or beyond the input in the padding).
    pub input_row: isize,
    /// Input column under the tap.
    pub input_col: isize,
    /// `false` when the tap lies in the zero padding.
    pub inside: bool,
    /// Row of this ∂L/∂y value in the stride-dilated grid (s − 1 zeros between values) padded by
    /// (k − 1)·d, which the flipped kernel slides over to give ∂L/∂x of the padded input.
    pub dilated_row: usize,
    /// Column of it.
    pub dilated_col: usize,
    /// ∂L/∂y at the output.
    pub grad_output: f32,
    /// The other factor: the weight (∂L/∂x) or the input value (∂L/∂w, 0 in the padding).
    pub factor: f32,
    /// `grad_output · factor`.
    pub product: f32,
}

/// The terms and sum of one gradient cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackwardTrace {
    /// The traced cell.
    pub cell: BackwardCell,
    /// The products, by (batch, filter, output row, output column, kernel row, kernel column).
    pub terms: Vec<BackwardTerm>,
    /// Σ products: the gradient at the cell.
    pub sum: f32,
    /// Stride (rows, columns): the spacing of ∂L/∂y's values in the dilated grid.
    pub stride: (usize, usize),
}

/// The window tap `(wy, wx)` that reads weight `(ky, kx)` (flipped in convolution mode).
fn tap(params: &Conv2dParams, g: &Geometry2d, ky: usize, kx: usize) -> (usize, usize) {
    match params.mode {
        ConvMode::CrossCorrelation => (ky, kx),
        ConvMode::Convolution => (g.k_h - 1 - ky, g.k_w - 1 - kx),
    }
}

/// Trace one cell of the gradients of [`crate::conv::conv2d`] (`grad_output` shaped like its output).
///
/// **Errors** as `conv2d_backward`, if the cell is out of range, or if the trace would have more than
/// [`limits::MAX_TRACE_TERMS`] terms (filters × taps for ∂L/∂x, samples × outputs for ∂L/∂w).
pub fn conv2d_backward_trace(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    grad_output: ArrayView4<f32>,
    params: &Conv2dParams,
    cell: BackwardCell,
) -> Result<BackwardTrace> {
    let g = params.geometry_for(OP, input.shape(), weight.shape(), None)?;
    let (s, ws) = (input.shape(), weight.shape());
    crate::tensor::check_grad_output(OP, grad_output.shape(), &[s[0], ws[0], g.out_h, g.out_w])?;
    let count = match cell {
        BackwardCell::Input { .. } => limits::product(&[ws[0] as u64, g.k_h as u64, g.k_w as u64]),
        BackwardCell::Weight { .. } => limits::product(&[s[0] as u64, g.out_h as u64, g.out_w as u64]),
    };
    if count > limits::MAX_TRACE_TERMS as u64 {
        return Err(limits::over(
            OP,
            "gradOutput",
            format!(
                "the trace would have {} terms; the limit is {}",
                limits::thousands(count),
                limits::thousands(limits::MAX_TRACE_TERMS as u64)
            ),
        ));
    }
    // ∂L/∂y[oy, ox] sits at (oy·s + (k − 1)·d) of the stride-dilated ∂L/∂y padded by (k − 1)·d:
    // the flipped kernel's window for padded input cell r' covers rows r' … r' + (k − 1)·d there.
    let dilated = |oy: usize, ox: usize| (oy * g.s_y + (g.k_h - 1) * g.d_y, ox * g.s_x + (g.k_w - 1) * g.d_x);
    let mut terms = Vec::new();
    match cell {
        BackwardCell::Input { batch, channel, row, col } => {
            ensure_arg!(batch < s[0], OP, "batch", "must be below {}, got {batch}", s[0]);
            ensure_arg!(channel < s[1], OP, "channel", "must be below {}, got {channel}", s[1]);
            ensure_arg!(row < s[2], OP, "row", "must be below {}, got {row}", s[2]);
            ensure_arg!(col < s[3], OP, "col", "must be below {}, got {col}", s[3]);
            for o in 0..ws[0] {
                for ky in 0..g.k_h {
                    for kx in 0..g.k_w {
                        let (wy, wx) = tap(params, &g, ky, kx);
                        let ry = row as isize + g.pads.top as isize - (wy * g.d_y) as isize;
                        let rx = col as isize + g.pads.left as isize - (wx * g.d_x) as isize;
                        if ry < 0 || rx < 0 || ry as usize % g.s_y != 0 || rx as usize % g.s_x != 0 {
                            continue;
                        }
                        let (oy, ox) = (ry as usize / g.s_y, rx as usize / g.s_x);
                        if oy >= g.out_h || ox >= g.out_w {
                            continue;
                        }
                        let (dy, w) = (grad_output[[batch, o, oy, ox]], weight[[o, channel, ky, kx]]);
                        let (dr, dc) = dilated(oy, ox);
                        terms.push(BackwardTerm {
                            batch,
                            out_channel: o,
                            out_row: oy,
                            out_col: ox,
                            kernel_row: ky,
                            kernel_col: kx,
                            input_row: row as isize,
                            input_col: col as isize,
                            inside: true,
                            dilated_row: dr,
                            dilated_col: dc,
                            grad_output: dy,
                            factor: w,
                            product: dy * w,
                        });
                    }
                }
            }
        }
        BackwardCell::Weight { out_channel, channel, row, col } => {
            ensure_arg!(out_channel < ws[0], OP, "outChannel", "must be below {}, got {out_channel}", ws[0]);
            ensure_arg!(channel < s[1], OP, "channel", "must be below {}, got {channel}", s[1]);
            ensure_arg!(row < g.k_h, OP, "row", "must be below {}, got {row}", g.k_h);
            ensure_arg!(col < g.k_w, OP, "col", "must be below {}, got {col}", g.k_w);
            let (wy, wx) = tap(params, &g, row, col);
            for n in 0..s[0] {
                for oy in 0..g.out_h {
                    for ox in 0..g.out_w {
                        let (iy, ix) = (g.input_row(oy, wy), g.input_col(ox, wx));
                        let inside = g.inside(iy, ix);
                        let x = if inside { input[[n, channel, iy as usize, ix as usize]] } else { 0.0 };
                        let dy = grad_output[[n, out_channel, oy, ox]];
                        let (dr, dc) = dilated(oy, ox);
                        terms.push(BackwardTerm {
                            batch: n,
                            out_channel,
                            out_row: oy,
                            out_col: ox,
                            kernel_row: row,
                            kernel_col: col,
                            input_row: iy,
                            input_col: ix,
                            inside,
                            dilated_row: dr,
                            dilated_col: dc,
                            grad_output: dy,
                            factor: x,
                            product: dy * x,
                        });
                    }
                }
            }
        }
    }
    let sum = terms.iter().map(|t| t.product).sum();
    Ok(BackwardTrace { cell, terms, sum, stride: (g.s_y, g.s_x) })
}

/// A central finite difference of the loss `L = Σ y · ∂L/∂y` with respect to one input cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GradientCheck {
    /// The nudge h.
    pub h: f32,
    /// L with the cell raised by h.
    pub loss_plus: f64,
    /// L with the cell lowered by h.
    pub loss_minus: f64,
    /// `(loss_plus − loss_minus) / 2h`.
    pub quotient: f64,
    /// ∂L/∂x at the cell (the backward trace's sum).
    pub gradient: f64,
    /// `|quotient − gradient|`.
    pub difference: f64,
    /// Tolerance: 10⁻³ × max(1, |gradient|).
    pub tolerance: f64,
    /// `difference ≤ tolerance`.
    pub agree: bool,
}

/// Nudge input `[batch, channel, row, col]` by ±`h`, run [`conv2d`], and compare the loss change
/// `(L(x + h) − L(x − h)) / 2h` with ∂L/∂x there. The loss is linear in x, so only rounding separates them.
///
/// **Errors** as [`conv2d_backward_trace`], or if `h` is not in (0, 1000].
#[allow(clippy::too_many_arguments)] // the backward arguments plus the bias, the cell and h
pub fn conv2d_gradient_check(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    grad_output: ArrayView4<f32>,
    params: &Conv2dParams,
    [batch, channel, row, col]: [usize; 4],
    h: f32,
) -> Result<GradientCheck> {
    ensure_arg!(h.is_finite() && h > 0.0 && h <= 1000.0, OP, "h", "must be in (0, 1000], got {h}");
    let cell = BackwardCell::Input { batch, channel, row, col };
    let gradient = conv2d_backward_trace(input, weight, grad_output, params, cell)?.sum as f64;
    let loss = |delta: f32| -> Result<f64> {
        let mut x: Array4<f32> = input.to_owned();
        x[[batch, channel, row, col]] += delta;
        let y = conv2d(x.view(), weight, bias, params)?;
        Ok(y.iter().zip(grad_output.iter()).map(|(&a, &b)| a as f64 * b as f64).sum())
    };
    let (loss_plus, loss_minus) = (loss(h)?, loss(-h)?);
    GradientCheck::judge(OP, h, input[[batch, channel, row, col]], loss_plus, loss_minus, gradient)
}

impl GradientCheck {
    /// The verdict of a central difference at an input value `x0`: the quotient over the nudge
    /// actually applied (after f32 rounding of `x0 ± h`) against the analytic `gradient`, agreeing
    /// within 1e-3 relative (absolute below 1).
    ///
    /// **Errors** naming `h` if the nudge is lost in rounding next to `x0`.
    pub(crate) fn judge(
        op: &'static str,
        h: f32,
        x0: f32,
        loss_plus: f64,
        loss_minus: f64,
        gradient: f64,
    ) -> Result<Self> {
        let step = ((x0 + h) as f64) - ((x0 - h) as f64);
        ensure_arg!(
            step.is_finite() && step > 0.0,
            op,
            "h",
            "is lost in rounding next to the input value {x0}, got {h}"
        );
        let quotient = (loss_plus - loss_minus) / step;
        let difference = (quotient - gradient).abs();
        let tolerance = 1e-3 * gradient.abs().max(1.0);
        Ok(GradientCheck {
            h,
            loss_plus,
            loss_minus,
            quotient,
            gradient,
            difference,
            tolerance,
            agree: difference <= tolerance,
        })
    }
}
