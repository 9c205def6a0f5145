//! 2-D convolution of multi-channel inputs by several filters, forward and backward.
//!
//! A CNN layer computes **cross-correlation** — the kernel slides unflipped:
//!
//! ```text
//! s[i, j] = Σ_c Σ_m Σ_n  I[c, i·s + m·d, j·s + n·d] · K[c, m, n]  + b
//! ```
//!
//! **True convolution** (`ConvMode::Convolution`), the signal-processing definition
//! `s[i, j] = Σ I[m, n] K[i − m, j − n]`, is the same with the kernel rotated by 180°.
//!
//! The computation is im2col + one matrix product per sample (see [`crate::im2col`]).

use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, Array4, ArrayView1, ArrayView2, ArrayView3, ArrayView4, ArrayViewMut3, Axis};
use serde::{Deserialize, Serialize};

use crate::im2col::{col2im_add, im2col};
use crate::tensor::flip_spatial;
use crate::{ensure_shape, Geometry2d, Padding, Result, Window2d};

/// Whether the kernel is flipped before sliding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConvMode {
    /// What CNN layers compute: the kernel slides as stored.
    #[default]
    CrossCorrelation,
    /// The textbook convolution: the kernel is rotated by 180° first.
    Convolution,
}

/// Stride, padding, dilation and mode of a 2-D convolution (the kernel size comes from the weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Conv2dParams {
    /// Step between windows (rows, columns).
    pub stride: (usize, usize),
    /// Zero padding.
    pub padding: Padding,
    /// Spacing between kernel taps (rows, columns).
    pub dilation: (usize, usize),
    /// Cross-correlation or true convolution.
    pub mode: ConvMode,
}

impl Default for Conv2dParams {
    fn default() -> Self {
        Conv2dParams {
            stride: (1, 1),
            padding: Padding::Valid,
            dilation: (1, 1),
            mode: ConvMode::CrossCorrelation,
        }
    }
}

impl Conv2dParams {
    /// The sliding window for a kernel of `kh × kw`.
    pub fn window(&self, kh: usize, kw: usize) -> Window2d {
        Window2d { kernel: (kh, kw), stride: self.stride, dilation: self.dilation, padding: self.padding }
    }

    /// Check shapes and resolve the geometry for `input` `[N, C, H, W]` and `weight` `[O, C, kh, kw]`.
    ///
    /// **Errors** if channel counts differ, the bias length is not `O`, or the window does not fit.
    pub fn geometry(&self, input: &[usize], weight: &[usize], bias_len: Option<usize>) -> Result<Geometry2d> {
        const OP: &str = "conv2d";
        ensure_shape!(input.len() == 4, OP, "input must be [batch, channels, height, width], got {input:?}");
        ensure_shape!(weight.len() == 4, OP, "kernel must be [out, in, height, width], got {weight:?}");
        ensure_shape!(
            weight[1] == input[1],
            OP,
            "kernel has {} input channels but input has {}",
            weight[1],
            input[1]
        );
        if let Some(b) = bias_len {
            ensure_shape!(b == weight[0], OP, "bias has {b} values but there are {} filters", weight[0]);
        }
        self.window(weight[2], weight[3]).resolve(OP, input[2], input[3])
    }

    /// The kernel actually slid: `weight` itself, or flipped for true convolution.
    fn effective(&self, weight: ArrayView4<f32>) -> Array4<f32> {
        match self.mode {
            ConvMode::CrossCorrelation => weight.as_standard_layout().into_owned(),
            ConvMode::Convolution => flip_spatial(weight),
        }
    }
}

/// Gradients of a convolution.
#[derive(Debug, Clone)]
pub struct Conv2dGrads {
    /// ∂L/∂input, `[N, C, H, W]`.
    pub input: Array4<f32>,
    /// ∂L/∂weight, `[O, C, kh, kw]` (in the weight's own orientation, also in convolution mode).
    pub weight: Array4<f32>,
    /// ∂L/∂bias, `[O]`.
    pub bias: Array1<f32>,
}

/// Forward 2-D convolution.
///
/// # Shapes
/// input `[batch, in_channels, height_in, width_in]`, weight `[out_channels, in_channels, kh, kw]`,
/// bias `[out_channels]` → `[batch, out_channels, height_out, width_out]`.
///
/// **Errors** on mismatched channels or bias, or a window that does not fit.
pub fn conv2d(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
) -> Result<Array4<f32>> {
    let g = params.geometry(input.shape(), weight.shape(), bias.map(|b| b.len()))?;
    let kernel = params.effective(weight);
    let mut out = Array4::zeros((input.shape()[0], weight.shape()[0], g.out_h, g.out_w));
    let mut cols = Array2::zeros((weight.shape()[1] * g.k_h * g.k_w, g.out_len()));
    forward_into(input, &kernel, bias, &g, &mut cols, &mut out);
    Ok(out)
}

/// Forward pass with caller-owned buffers; `kernel` is the effective (already flipped if need be)
/// weight and `cols` is `[C·kh·kw, out_len]`, overwritten per sample.
fn forward_into(
    input: ArrayView4<f32>,
    kernel: &Array4<f32>,
    bias: Option<ArrayView1<f32>>,
    g: &Geometry2d,
    cols: &mut Array2<f32>,
    out: &mut Array4<f32>,
) {
    let w2 = as_matrix(kernel);
    for (x, y) in input.outer_iter().zip(out.outer_iter_mut()) {
        im2col(x, g, cols.view_mut());
        forward_sample(w2, bias, cols.view(), y);
    }
}

/// The kernel as a `[out, in·kh·kw]` matrix.
pub(crate) fn as_matrix(kernel: &Array4<f32>) -> ArrayView2<'_, f32> {
    let o = kernel.shape()[0];
    kernel.view().into_shape_with_order((o, kernel.len() / o)).expect("kernel is contiguous")
}

/// One sample: `y[O, out_len] = W[O, C·kh·kw] · cols[C·kh·kw, out_len] + b`.
pub(crate) fn forward_sample(
    w2: ArrayView2<f32>,
    bias: Option<ArrayView1<f32>>,
    cols: ArrayView2<f32>,
    mut y: ArrayViewMut3<f32>,
) {
    let (o, len) = (w2.shape()[0], cols.shape()[1]);
    let mut y2 = y.view_mut().into_shape_with_order((o, len)).expect("output is contiguous");
    general_mat_mul(1.0, &w2, &cols, 0.0, &mut y2);
    if let Some(b) = bias {
        for (mut row, &bv) in y2.outer_iter_mut().zip(b.iter()) {
            row.mapv_inplace(|v| v + bv);
        }
    }
}

/// Backward 2-D convolution: gradients with respect to input, weight and bias.
///
/// # Shapes
/// As [`conv2d`]; `grad_output` has the forward output's shape.
///
/// **Errors** as [`conv2d`], or if `grad_output` has the wrong shape.
pub fn conv2d_backward(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    grad_output: ArrayView4<f32>,
    params: &Conv2dParams,
) -> Result<Conv2dGrads> {
    let g = params.geometry(input.shape(), weight.shape(), None)?;
    let (n, o) = (input.shape()[0], weight.shape()[0]);
    let expected = [n, o, g.out_h, g.out_w];
    ensure_shape!(
        grad_output.shape() == expected,
        "conv2d",
        "gradient of the output has shape {:?} but the output has {:?}",
        grad_output.shape(),
        expected
    );
    let kernel = params.effective(weight);
    let ckk = weight.shape()[1] * g.k_h * g.k_w;
    let mut cols = Array2::zeros((ckk, g.out_len()));
    let mut dcols = Array2::zeros((ckk, g.out_len()));
    let mut grads = Conv2dGrads {
        input: Array4::zeros(input.raw_dim()),
        weight: Array4::zeros(kernel.raw_dim()),
        bias: Array1::zeros(o),
    };
    for (i, x) in input.outer_iter().enumerate() {
        im2col(x, &g, cols.view_mut());
        accumulate_sample(
            as_matrix(&kernel),
            grad_output.index_axis(Axis(0), i),
            &g,
            cols.view(),
            &mut dcols,
            &mut grads,
            i,
        );
    }
    if params.mode == ConvMode::Convolution {
        grads.weight = flip_spatial(grads.weight.view());
    }
    Ok(grads)
}

/// One sample's share of the backward pass: `dW += dY·colsᵀ`, `db += Σ dY`, `dX[i] = col2im(Wᵀ·dY)`.
pub(crate) fn accumulate_sample(
    w2: ArrayView2<f32>,
    grad_out: ArrayView3<f32>,
    g: &Geometry2d,
    cols: ArrayView2<f32>,
    dcols: &mut Array2<f32>,
    grads: &mut Conv2dGrads,
    sample: usize,
) {
    let (o, ckk) = (w2.shape()[0], w2.shape()[1]);
    let dy = grad_out.as_standard_layout();
    let dy2 = dy.view().into_shape_with_order((o, g.out_len())).expect("gradient is contiguous");
    let mut dw2 = grads.weight.view_mut().into_shape_with_order((o, ckk)).expect("weight grad is contiguous");
    general_mat_mul(1.0, &dy2, &cols.t(), 1.0, &mut dw2);
    for (db, row) in grads.bias.iter_mut().zip(dy2.outer_iter()) {
        *db += row.sum();
    }
    general_mat_mul(1.0, &w2.t(), &dy2, 0.0, dcols);
    let dx = grads.input.index_axis_mut(Axis(0), sample);
    col2im_add(dcols.as_slice().expect("dcols is contiguous"), g, dx);
}
