//! 2-D convolution of multi-channel inputs by several filters, forward and backward.
//!
//! A CNN layer computes **cross-correlation** — the kernel slides unflipped:
//!
//! ```text
//! s[o, i, j] = b[o] + Σ_c Σ_m Σ_n  I[c, i·s + m·d, j·s + n·d] · K[o, c, m, n]
//! ```
//!
//! ```text
//!  input I [C, H, W] (zero padded)        kernel K[o] [C, kh, kw]      output s[o] [out_h, out_w]
//!  ┌───────────────────┐
//!  │ ▣ · ▣ · ▣         │  taps d apart      ┌───────┐                 ┌───────────┐
//!  │ · · · · ·         │  window moves s    │ K K K │   Σ products    │ s[o,i,j]  │
//!  │ ▣ · ▣ · ▣   ───▶  │  per output   ×    │ K K K │  ───────────▶   │           │
//!  │ · · · · ·         │                    │ K K K │   + b[o]        │           │
//!  │ ▣ · ▣ · ▣         │                    └───────┘                 └───────────┘
//!  └───────────────────┘   (one window: m, n over kh × kw, c over every channel)
//! ```
//!
//! **True convolution** (`ConvMode::Convolution`), the signal-processing definition
//! `s[i, j] = Σ I[m, n] K[i − m, j − n]`, is the same with the kernel rotated by 180°.
//!
//! The output size is [`Window2d::resolve`]'s. The sums run in [`fast`], one sample at a time
//! (windows read in place or laid out by im2col, then one register-blocked matrix product); the
//! free functions here and the [`Conv2d`] layer share that routine.

pub mod backward_trace;
pub mod causal;
pub mod commute;
pub mod continuous;
pub mod fast;
pub mod filters;
pub mod grouped;
pub mod grouped_counts;
pub mod layer;
pub mod signal;
pub mod trace;
pub mod transposed;
pub mod transposed_gather;
pub mod transposed_trace;

pub use layer::{Conv2d, Conv2dConfig};

use ndarray::{Array1, Array4, ArrayView1, ArrayView4};
use serde::{Deserialize, Serialize};

use crate::conv::fast::{Grads, Workspace};
use crate::geometry::one_or_two;
use crate::tensor::flip_spatial;
use crate::{ensure_shape, limits, Geometry2d, Padding, Result, Window2d};

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
///
/// Read from `{ stride?, padding?, dilation?, mode? }` (sizes a number or `[rows, columns]`,
/// defaults: stride 1, no padding, dilation 1, cross-correlation; unknown keys are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Conv2dParams {
    /// Step between windows (rows, columns).
    #[serde(deserialize_with = "one_or_two")]
    pub stride: (usize, usize),
    /// Zero padding.
    pub padding: Padding,
    /// Spacing between kernel taps (rows, columns).
    #[serde(deserialize_with = "one_or_two")]
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
        self.geometry_for("conv2d", input, weight, bias_len)
    }

    /// [`Conv2dParams::geometry`] with `op` naming the caller in messages.
    pub(crate) fn geometry_for(
        &self,
        op: &'static str,
        input: &[usize],
        weight: &[usize],
        bias_len: Option<usize>,
    ) -> Result<Geometry2d> {
        ensure_shape!(input.len() == 4, op, "input must be [batch, channels, height, width], got {input:?}");
        ensure_shape!(weight.len() == 4, op, "kernel must be [out, in, height, width], got {weight:?}");
        ensure_shape!(
            weight[1] == input[1],
            op,
            "kernel has {} input channels but input has {}",
            weight[1],
            input[1]
        );
        if let Some(b) = bias_len {
            ensure_shape!(b == weight[0], op, "bias has {b} values but there are {} filters", weight[0]);
        }
        self.window(weight[2], weight[3]).resolve(op, input[2], input[3])
    }

    /// [`Conv2dParams::geometry_for`], then the limits of one call over a batch: the output, the
    /// padded input and the windows of one image laid out for the matrix product each at most
    /// [`limits::MAX_ELEMENTS`] values, and the work at most [`limits::MAX_MULTIPLY_ADDS`].
    ///
    /// **Errors** as [`Conv2dParams::geometry`], or `conv2d: the output would have 4,294,967,296
    /// values; the limit is 16,777,216`.
    pub(crate) fn checked(
        &self,
        op: &'static str,
        input: &[usize],
        weight: &[usize],
        bias_len: Option<usize>,
    ) -> Result<Geometry2d> {
        let g = self.geometry_for(op, input, weight, bias_len)?;
        let w = |n: usize| n as u64;
        let (n, c, o) = (w(input[0]), w(input[1]), w(weight[0]));
        let (taps, positions) = (c * w(g.k_h) * w(g.k_w), w(g.out_h) * w(g.out_w));
        let p = g.pads;
        let padded = c * w(g.in_h + p.top + p.bottom) * w(g.in_w + p.left + p.right);
        limits::values(op, "input", "the output", limits::product(&[n, o, positions]), limits::MAX_ELEMENTS)?;
        limits::values(op, "padding", "the padded input", padded, limits::MAX_ELEMENTS)?;
        limits::values(op, "weight", "the windows of one image", taps * positions, limits::MAX_ELEMENTS)?;
        limits::work(op, "weight", "this convolution", limits::product(&[n, o, positions, taps]))?;
        Ok(g)
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
/// **Errors** on mismatched channels or bias, a window that does not fit, or a call above the
/// [`limits`] (output, padded input, windows, multiply-adds).
pub fn conv2d(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
) -> Result<Array4<f32>> {
    forward("conv2d", input, weight, bias, params)
}

/// [`conv2d`] with `op` naming the caller in messages (1-D convolution runs through it too).
pub(crate) fn forward(
    op: &'static str,
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
) -> Result<Array4<f32>> {
    let g = params.checked(op, input.shape(), weight.shape(), bias.map(|b| b.len()))?;
    let kernel = params.effective(weight);
    let mut out = Array4::zeros((input.shape()[0], weight.shape()[0], g.out_h, g.out_w));
    let mut work = Workspace::default();
    work.prepare(g, input.shape()[1], 0);
    let (x, bias) = (input.as_standard_layout(), bias.map(|b| b.to_vec()));
    work.forward(
        kernel.as_slice().expect("standard layout"),
        bias.as_deref(),
        x.as_slice().expect("standard layout"),
        out.as_slice_mut().expect("owned"),
    );
    Ok(out)
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
    let g = params.checked("conv2d", input.shape(), weight.shape(), None)?;
    let (n, o) = (input.shape()[0], weight.shape()[0]);
    let expected = [n, o, g.out_h, g.out_w];
    crate::tensor::check_grad_output("conv2d", grad_output.shape(), &expected)?;
    let kernel = params.effective(weight);
    let mut grads = Conv2dGrads {
        input: Array4::zeros(input.raw_dim()),
        weight: Array4::zeros(kernel.raw_dim()),
        bias: Array1::zeros(o),
    };
    let mut work = Workspace::default();
    work.prepare(g, input.shape()[1], 0);
    let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
    let out = Grads {
        weight: grads.weight.as_slice_mut().expect("owned"),
        bias: grads.bias.as_slice_mut().expect("owned"),
        input: grads.input.as_slice_mut(),
    };
    work.backward(
        kernel.as_slice().expect("standard layout"),
        x.as_slice().expect("standard layout"),
        dy.as_slice().expect("standard layout"),
        out,
    );
    if params.mode == ConvMode::Convolution {
        grads.weight = flip_spatial(grads.weight.view());
    }
    Ok(grads)
}
