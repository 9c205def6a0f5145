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
//! The computation is im2col + one matrix product per sample (see [`fast::im2col`] and
//! [`fast::kernels`]).

pub mod fast;
pub mod filters;
pub mod layer;
pub mod signal;
pub mod trace;

pub use layer::{Conv2d, Conv2dConfig};

use ndarray::{Array1, Array2, Array4, ArrayView1, ArrayView4, ArrayViewMut3};
use serde::{Deserialize, Serialize};

use crate::conv::fast::direct::Taps;
use crate::conv::fast::im2col::{col2im_add, im2col};
use crate::conv::fast::kernels::{mul_rows, transpose, Mat, Start};
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
    let w = kernel.as_slice().expect("kernel is contiguous");
    let bias = bias.map(|b| b.to_vec());
    for (x, mut y) in input.outer_iter().zip(out.outer_iter_mut()) {
        im2col(x, g, cols.view_mut());
        let (cols, y) = (cols.as_slice().expect("contiguous"), y.as_slice_mut().expect("contiguous"));
        forward_sample(w, bias.as_deref(), cols, g.out_len(), y);
    }
}

/// One sample: `y[O, len] = W[O, C·kh·kw] · cols[C·kh·kw, len] + b` (all row-major).
pub(crate) fn forward_sample(w: &[f32], bias: Option<&[f32]>, cols: &[f32], len: usize, y: &mut [f32]) {
    let ckk = cols.len() / len.max(1);
    let o = w.len() / ckk.max(1);
    let start = bias.map_or(Start::Zero, Start::Bias);
    mul_rows(Mat::new(w, o, ckk), Mat::new(cols, ckk, len), start, y, len);
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
    let mut dcols = vec![0.0; ckk * g.out_len()];
    let (mut w_t, mut dy_t) = (Vec::new(), Vec::new());
    let mut dw_t = vec![0.0; ckk * padded_filters(o)];
    transpose(kernel.as_slice().expect("contiguous"), o, &mut w_t);
    let mut grads = Conv2dGrads {
        input: Array4::zeros(input.raw_dim()),
        weight: Array4::zeros(kernel.raw_dim()),
        bias: Array1::zeros(o),
    };
    let dy = grad_output.as_standard_layout();
    let dys = dy.as_slice().expect("standard layout").chunks_exact(o * g.out_len());
    for ((x, dy), dx) in input.outer_iter().zip(dys).zip(grads.input.outer_iter_mut()) {
        im2col(x, &g, cols.view_mut());
        let sample = SampleGrads {
            weight_t: &mut dw_t,
            bias: grads.bias.as_slice_mut().expect("contiguous"),
            dy_t: &mut dy_t,
            dcols: &mut dcols,
            input: Some(dx),
        };
        accumulate_sample(&w_t, dy, &g, Windows::Cols(cols.as_slice().expect("contiguous")), sample);
    }
    weight_grad_from(&dw_t, o, grads.weight.as_slice_mut().expect("contiguous"));
    if params.mode == ConvMode::Convolution {
        grads.weight = flip_spatial(grads.weight.view());
    }
    Ok(grads)
}

/// Where one sample's backward pass writes. `weight_t` accumulates `dWᵀ` as `[C·kh·kw, o_pad]`
/// (the filter count rounded up to a multiple of 4 so the kernel runs full vectors; see
/// [`padded_filters`] and [`weight_grad_from`]); `bias` accumulates `db`; `dy_t` (`[len, o_pad]`)
/// and `dcols` (`[C·kh·kw, len]`) are scratch; `input` (if wanted) is this sample's input gradient,
/// overwritten.
pub(crate) struct SampleGrads<'a> {
    pub(crate) weight_t: &'a mut [f32],
    pub(crate) bias: &'a mut [f32],
    pub(crate) dy_t: &'a mut Vec<f32>,
    pub(crate) dcols: &'a mut [f32],
    pub(crate) input: Option<ArrayViewMut3<'a, f32>>,
}

/// The filter count rounded up to a multiple of 4.
pub(crate) fn padded_filters(o: usize) -> usize {
    o.div_ceil(4) * 4
}

/// Where the backward pass reads the sample's im2col matrix from.
pub(crate) enum Windows<'a> {
    /// Materialized by [`im2col`], `[C·kh·kw, len]`.
    Cols(&'a [f32]),
    /// Read in place from the sample `[C, H, W]` (see [`crate::direct`]).
    Direct(&'a mut Taps, &'a [f32]),
}

/// One sample's share of the backward pass: `dWᵀ += cols·dYᵀ`, `db += Σ dY`, `dX = col2im(Wᵀ·dY)`,
/// with `w_t` the kernel transposed to `[C·kh·kw, O]`.
pub(crate) fn accumulate_sample(w_t: &[f32], dy: &[f32], g: &Geometry2d, windows: Windows, out: SampleGrads) {
    let len = g.out_len();
    let o = dy.len() / len.max(1);
    let ckk = w_t.len() / o.max(1);
    let o_pad = padded_filters(o);
    if out.dy_t.len() != len * o_pad {
        out.dy_t.clear();
        out.dy_t.resize(len * o_pad, 0.0); // padded columns stay 0
    }
    for (f, row) in dy.chunks_exact(len.max(1)).enumerate() {
        for (v, dst) in row.iter().zip(out.dy_t[f..].iter_mut().step_by(o_pad)) {
            *dst = *v;
        }
    }
    match windows {
        Windows::Cols(cols) => {
            let dy_t = Mat::new(out.dy_t, len, o_pad);
            mul_rows(Mat::new(cols, ckk, len), dy_t, Start::Accumulate, out.weight_t, o_pad);
        }
        Windows::Direct(taps, x) => taps.weight_grad(g, x, out.dy_t, o_pad, out.weight_t),
    }
    for (db, row) in out.bias.iter_mut().zip(dy.chunks_exact(len.max(1))) {
        *db += sum(row);
    }
    if let Some(mut dx) = out.input {
        mul_rows(Mat::new(w_t, ckk, o), Mat::new(dy, o, len), Start::Zero, out.dcols, len);
        dx.as_slice_mut().expect("contiguous").fill(0.0);
        col2im_add(out.dcols, g, dx);
    }
}

/// `Σ values`, in eight interleaved partial sums (so the adds run as SIMD, not one long chain).
fn sum(values: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = values.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (l, v) in lanes.iter_mut().zip(c) {
            *l += v;
        }
    }
    lanes.iter().sum::<f32>() + rest
}

/// `dW[o, k]` (`[O, C·kh·kw]`) from the accumulated `dWᵀ` (`[C·kh·kw, o_pad]`).
pub(crate) fn weight_grad_from(weight_t: &[f32], o: usize, dw: &mut [f32]) {
    let o_pad = padded_filters(o);
    let ckk = dw.len() / o.max(1);
    for (f, row) in dw.chunks_exact_mut(ckk.max(1)).enumerate() {
        for (k, v) in row.iter_mut().enumerate() {
            *v = weight_t[k * o_pad + f];
        }
    }
}
