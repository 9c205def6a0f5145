//! Transposed convolution ("deconvolution", "fractionally strided"), forward and backward, with
//! the weight in PyTorch's layout `[C_in, C_out, kh, kw]`.
//!
//! Each input cell **stamps** the kernel, scaled by its value, onto the output (the scatter view):
//!
//! ```text
//! y[n, o, i·s − p + a·d, j·s − p + b·d]  +=  x[n, c, i, j] · W[c, o, a, b]      then + bias[o]
//! ```
//!
//! ```text
//!  input x [C_in, H, W]        kernel W[c, o] [kh, kw]        output y[o] [H_out, W_out]
//!  ┌─────────┐                                                ┌───────────────────┐
//!  │ x00 x01 │    x00 · ┌───────┐  stamped at (0·s − p, …)    │ ▣ ▣ ▣             │
//!  │ x10 x11 │  ──────▶ │ K K K │  ─────────────────────────▶ │ ▣ ▣ ▣▣ ▣          │  overlaps add up
//!  └─────────┘          │ K K K │  x01 · K at (0, 1·s − p) …  │ ▣ ▣ ▣▣ ▣          │
//!                       └───────┘                             └───────────────────┘
//! ```
//!
//! The same numbers come from a direct convolution (the gather view, see
//! [`crate::conv::transposed_trace`]): insert `s − 1` zeros between the input cells, pad by
//! `d·(k − 1) − p` on each side (plus the output padding at the bottom and right) and slide the
//! kernel **rotated by 180°** with stride 1. It is ∂L/∂x of the [`crate::conv::conv2d`] with the
//! same weight, stride, padding and dilation. Output size per axis (PyTorch's):
//! `H_out = (H − 1)·s − 2p + d·(k − 1) + output_padding + 1`; output padding only picks among
//! the input sizes a strided convolution maps to one size, so it is below the stride or dilation.

use ndarray::{Array1, Array4, ArrayView1, ArrayView4};
use serde::{Deserialize, Serialize};

use crate::geometry::one_or_two;
use crate::{ensure_arg, ensure_shape, limits, Padding, Result, Window2d};

/// Stride, padding, output padding and dilation of a transposed convolution.
///
/// Read from `{ stride?, padding?, outputPadding?, dilation? }` (each a number or `[rows,
/// columns]`; defaults: stride 1, padding 0, output padding 0, dilation 1; unknown keys are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ConvTranspose2dParams {
    /// Spacing of the stamps on the output (rows, columns).
    #[serde(deserialize_with = "one_or_two")]
    pub stride: (usize, usize),
    /// Rows and columns cut from each side of the output.
    #[serde(deserialize_with = "one_or_two")]
    pub padding: (usize, usize),
    /// Extra rows at the bottom and columns at the right (smaller than the stride or the dilation).
    #[serde(deserialize_with = "one_or_two")]
    pub output_padding: (usize, usize),
    /// Spacing between kernel taps (rows, columns).
    #[serde(deserialize_with = "one_or_two")]
    pub dilation: (usize, usize),
}

impl Default for ConvTranspose2dParams {
    fn default() -> Self {
        ConvTranspose2dParams { stride: (1, 1), padding: (0, 0), output_padding: (0, 0), dilation: (1, 1) }
    }
}

/// The output-size formula along one axis, with its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransposedAxis {
    /// Input size `H`.
    pub input: usize,
    /// Kernel size `k`.
    pub kernel: usize,
    /// Stride `s`.
    pub stride: usize,
    /// Padding `p`.
    pub padding: usize,
    /// Dilation `d`.
    pub dilation: usize,
    /// Output padding.
    pub output_padding: usize,
    /// `(H − 1)·s − 2p + d·(k − 1) + output_padding + 1`.
    pub output: usize,
}

/// The sizes of a transposed convolution: the formula per axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConvTranspose2dGeometry {
    /// Rows.
    pub height: TransposedAxis,
    /// Columns.
    pub width: TransposedAxis,
}

impl ConvTranspose2dParams {
    /// Check the settings and apply the output-size formula to an `in_h × in_w` input and a
    /// `kh × kw` kernel.
    ///
    /// **Errors** if a size, stride or dilation is 0 or above the [`limits`], if the output
    /// padding is not smaller than the stride or the dilation, or if the padding leaves no output:
    /// `convTranspose2d: outputPadding must be smaller than the stride or the dilation (2), got 2`.
    pub fn resolve(
        &self,
        op: &'static str,
        in_h: usize,
        in_w: usize,
        kh: usize,
        kw: usize,
    ) -> Result<ConvTranspose2dGeometry> {
        ensure_arg!(in_h >= 1 && in_w >= 1, op, "input", "must be at least 1×1, got {in_h}×{in_w}");
        limits::shape_values(op, "input", &[in_h, in_w], limits::MAX_ELEMENTS)?;
        let (py, px) = self.padding;
        let window = Window2d {
            kernel: (kh, kw),
            stride: self.stride,
            dilation: self.dilation,
            padding: Padding::Explicit { y: py, x: px },
        };
        window.validate(op)?;
        Ok(ConvTranspose2dGeometry {
            height: axis(op, [in_h, kh, self.stride.0, py, self.dilation.0, self.output_padding.0])?,
            width: axis(op, [in_w, kw, self.stride.1, px, self.dilation.1, self.output_padding.1])?,
        })
    }

    /// Check shapes (input `[N, C_in, H, W]`, weight `[C_in, C_out, kh, kw]`, bias `[C_out]`),
    /// resolve the sizes, and check the limits of one call: the output at most
    /// [`limits::MAX_ELEMENTS`] values, the work at most [`limits::MAX_MULTIPLY_ADDS`].
    pub(crate) fn checked(
        &self,
        op: &'static str,
        input: &[usize],
        weight: &[usize],
        bias_len: Option<usize>,
    ) -> Result<ConvTranspose2dGeometry> {
        ensure_shape!(input.len() == 4, op, "input must be [batch, channels, height, width], got {input:?}");
        ensure_shape!(weight.len() == 4, op, "weight must be [in, out, height, width], got {weight:?}");
        ensure_shape!(
            weight[0] == input[1],
            op,
            "weight has {} input channels (its first dimension) but input has {}",
            weight[0],
            input[1]
        );
        if let Some(b) = bias_len {
            ensure_shape!(
                b == weight[1],
                op,
                "bias has {b} values but there are {} output channels",
                weight[1]
            );
        }
        let g = self.resolve(op, input[2], input[3], weight[2], weight[3])?;
        let w = |n: usize| n as u64;
        let (out, cells) = (w(g.height.output) * w(g.width.output), w(input[2]) * w(input[3]));
        let (n, ci, co, taps) = (w(input[0]), w(input[1]), w(weight[1]), w(weight[2]) * w(weight[3]));
        limits::values(op, "input", "the output", limits::product(&[n, co, out]), limits::MAX_ELEMENTS)?;
        limits::work(
            op,
            "weight",
            "this transposed convolution",
            limits::product(&[n, ci, cells, co, taps]),
        )?;
        Ok(g)
    }
}

/// The formula along one axis of `[input, kernel, stride, padding, dilation, output padding]`.
fn axis(
    op: &'static str,
    [input, kernel, stride, padding, dilation, extra]: [usize; 6],
) -> Result<TransposedAxis> {
    let most = stride.max(dilation);
    ensure_arg!(
        extra < most,
        op,
        "outputPadding",
        "must be smaller than the stride or the dilation ({most}), got {extra}"
    );
    let w = |n: usize| n as i64;
    let output = (w(input) - 1) * w(stride) - 2 * w(padding) + w(dilation) * (w(kernel) - 1) + w(extra) + 1;
    ensure_arg!(
        output >= 1,
        op,
        "padding",
        "{padding} on each side leaves no output: ({input} − 1)·{stride} − 2·{padding} + {dilation}·({kernel} − 1) + {extra} + 1 = {output}"
    );
    let output = output as usize;
    Ok(TransposedAxis { input, kernel, stride, padding, dilation, output_padding: extra, output })
}

/// Gradients of a transposed convolution.
#[derive(Debug, Clone)]
pub struct ConvTranspose2dGrads {
    /// ∂L/∂input, `[N, C_in, H, W]`.
    pub input: Array4<f32>,
    /// ∂L/∂weight, `[C_in, C_out, kh, kw]`.
    pub weight: Array4<f32>,
    /// ∂L/∂bias, `[C_out]`.
    pub bias: Array1<f32>,
}

/// Visit every stamp `(n, c, i, j, o, a, b)` that lands inside the output, in that order, with
/// the flat offsets of `x[n, c, i, j]`, `W[c, o, a, b]` and `y[n, o, row, col]`.
fn stamps(
    input: &[usize],
    weight: &[usize],
    g: &ConvTranspose2dGeometry,
    mut visit: impl FnMut(usize, usize, usize),
) {
    let [n, ci, h, w] = [input[0], input[1], input[2], input[3]];
    let [co, kh, kw] = [weight[1], weight[2], weight[3]];
    let (oh, ow) = (g.height.output, g.width.output);
    let place = |i: usize, a: usize, ax: &TransposedAxis| {
        let at = (i * ax.stride + a * ax.dilation) as isize - ax.padding as isize;
        (at >= 0 && (at as usize) < ax.output).then_some(at as usize)
    };
    for b in 0..n {
        for c in 0..ci {
            for i in 0..h {
                for j in 0..w {
                    let xi = ((b * ci + c) * h + i) * w + j;
                    for o in 0..co {
                        for a in 0..kh {
                            let Some(row) = place(i, a, &g.height) else { continue };
                            for bb in 0..kw {
                                let Some(col) = place(j, bb, &g.width) else { continue };
                                let wi = ((c * co + o) * kh + a) * kw + bb;
                                visit(xi, wi, ((b * co + o) * oh + row) * ow + col);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Forward transposed convolution (PyTorch's `conv_transpose2d`).
///
/// # Shapes
/// input `[batch, in_channels, H, W]`, weight `[in_channels, out_channels, kh, kw]`, bias
/// `[out_channels]` → `[batch, out_channels, H_out, W_out]` (the formula of the module docs).
///
/// **Errors** on mismatched channels or bias, impossible settings
/// ([`ConvTranspose2dParams::resolve`]), or a call above the [`limits`].
pub fn conv_transpose2d(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &ConvTranspose2dParams,
) -> Result<Array4<f32>> {
    let g = params.checked("convTranspose2d", input.shape(), weight.shape(), bias.map(|b| b.len()))?;
    let (n, co) = (input.shape()[0], weight.shape()[1]);
    let mut out = Array4::zeros((n, co, g.height.output, g.width.output));
    let (x, w) = (input.as_standard_layout(), weight.as_standard_layout());
    let (xs, ws) = (x.as_slice().expect("standard layout"), w.as_slice().expect("standard layout"));
    let ys = out.as_slice_mut().expect("owned");
    stamps(input.shape(), weight.shape(), &g, |xi, wi, yi| ys[yi] += xs[xi] * ws[wi]);
    if let Some(bias) = bias {
        for ((_, o, _, _), y) in out.indexed_iter_mut() {
            *y += bias[o];
        }
    }
    Ok(out)
}

/// Backward transposed convolution: `∂x[n, c, i, j] = Σ ∂y[n, o, i·s − p + a·d, …]·W[c, o, a, b]`
/// (a direct convolution of ∂y), `∂W[c, o, a, b] = Σ x[n, c, i, j]·∂y[n, o, i·s − p + a·d, …]`,
/// `∂b[o] = Σ ∂y[n, o, ·, ·]`.
///
/// # Shapes
/// As [`conv_transpose2d`]; `grad_output` has the forward output's shape.
///
/// **Errors** as [`conv_transpose2d`], or if `grad_output` has the wrong shape.
pub fn conv_transpose2d_backward(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    grad_output: ArrayView4<f32>,
    params: &ConvTranspose2dParams,
) -> Result<ConvTranspose2dGrads> {
    const OP: &str = "convTranspose2dBackward";
    let g = params.checked(OP, input.shape(), weight.shape(), None)?;
    let (n, co) = (input.shape()[0], weight.shape()[1]);
    crate::tensor::check_grad_output(OP, grad_output.shape(), &[n, co, g.height.output, g.width.output])?;
    let mut dx = Array4::zeros(input.raw_dim());
    let mut dw = Array4::zeros(weight.raw_dim());
    let (x, w) = (input.as_standard_layout(), weight.as_standard_layout());
    let dy = grad_output.as_standard_layout();
    let (xs, ws, dys) =
        (x.as_slice().expect("standard"), w.as_slice().expect("standard"), dy.as_slice().expect("standard"));
    {
        let (dxs, dws) = (dx.as_slice_mut().expect("owned"), dw.as_slice_mut().expect("owned"));
        stamps(input.shape(), weight.shape(), &g, |xi, wi, yi| {
            dxs[xi] += dys[yi] * ws[wi];
            dws[wi] += xs[xi] * dys[yi];
        });
    }
    let mut db = Array1::zeros(co);
    for ((_, o, _, _), &v) in grad_output.indexed_iter() {
        db[o] += v;
    }
    Ok(ConvTranspose2dGrads { input: dx, weight: dw, bias: db })
}
