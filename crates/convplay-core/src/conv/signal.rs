//! Convolution of 1-D signals — the lecture's starting point.
//!
//! A discrete LTI system is characterized by its unit-sample response `h`; its output for any
//! input `x` is the convolution sum
//!
//! ```text
//! y[n] = Σ_k x[k] · h[n − k]        flip h, slide it to n, multiply, sum
//! ```
//!
//! With `Padding::Full` and `ConvMode::Convolution` this is exactly `y = x * h` with
//! `len(y) = len(x) + len(h) − 1`; cross-correlation slides `h` unflipped. Internally a signal is a
//! `1 × len` image, so 1-D and 2-D share one implementation.

use ndarray::{Array4, ArrayView4};
use serde::{Deserialize, Serialize};

use crate::conv::trace::{trace, Conv2dTrace};
use crate::conv::{forward, Conv2dParams, ConvMode};
use crate::{ensure_arg, limits, Padding, Result};

/// Stride, padding, dilation and mode of a 1-D convolution.
///
/// Read from `{ stride?, padding?, dilation?, mode? }` (defaults: the convolution sum of the
/// lecture, see [`Conv1dParams::default`]; unknown keys are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Conv1dParams {
    /// Step between windows.
    pub stride: usize,
    /// Zero padding (for `Explicit`, only `x` is used).
    pub padding: Padding,
    /// Spacing between kernel taps.
    pub dilation: usize,
    /// Cross-correlation or true convolution.
    pub mode: ConvMode,
}

impl Default for Conv1dParams {
    /// The convolution sum of the lecture: full padding, true convolution.
    fn default() -> Self {
        Conv1dParams { stride: 1, padding: Padding::Full, dilation: 1, mode: ConvMode::Convolution }
    }
}

impl Conv1dParams {
    fn as_2d(&self) -> Conv2dParams {
        let padding = match self.padding {
            Padding::Explicit { x, .. } => Padding::Explicit { y: 0, x },
            p => p,
        };
        Conv2dParams { stride: (1, self.stride), padding, dilation: (1, self.dilation), mode: self.mode }
    }
}

const OP: &str = "conv1d";

fn as_image<'a>(arg: &'static str, v: &'a [f32]) -> Result<ArrayView4<'a, f32>> {
    ensure_arg!(!v.is_empty(), OP, arg, "must have at least one value");
    limits::given(OP, arg, v.len() as u64, limits::MAX_ELEMENTS)?;
    ArrayView4::from_shape((1, 1, 1, v.len()), v).map_err(|e| crate::Error::arg(OP, arg, e.to_string()))
}

/// Convolve signal `x` with kernel `h`.
///
/// # Shapes
/// `x: [n]`, `h: [k]` → `[(n + pads − dilation·(k−1) − 1) / stride + 1]`.
///
/// **Errors** if either is empty, the kernel does not fit, or the call is above the [`limits`]
/// (signal length, kernel taps, output, multiply-adds).
pub fn conv1d(x: &[f32], h: &[f32], params: &Conv1dParams) -> Result<Vec<f32>> {
    let out: Array4<f32> = forward(OP, as_image("x", x)?, as_image("h", h)?, None, &params.as_2d())?;
    Ok(out.into_raw_vec_and_offset().0)
}

/// Output length for signal length `n` and kernel length `k`.
///
/// **Errors** if the kernel does not fit.
pub fn conv1d_output_len(n: usize, k: usize, params: &Conv1dParams) -> Result<usize> {
    let g = params.as_2d().window(1, k).resolve(OP, 1, n)?;
    Ok(g.out_w)
}

/// Trace output `index` of [`conv1d`]: the window, the products and the sum.
///
/// **Errors** as [`conv1d`], or if `index` is out of range.
pub fn conv1d_trace(x: &[f32], h: &[f32], params: &Conv1dParams, index: usize) -> Result<Conv2dTrace> {
    let len = conv1d_output_len(x.len(), h.len(), params)?;
    ensure_arg!(index < len, OP, "index", "must be below {len}, got {index}");
    trace(OP, as_image("x", x)?, as_image("h", h)?, None, &params.as_2d(), [0, 0, 0, index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn convolution_sum_by_hand() {
        // x = [1, 2, 3], h = [1, 1]: y = [1, 3, 5, 3]
        let y = conv1d(&[1., 2., 3.], &[1., 1.], &Conv1dParams::default()).unwrap();
        assert_eq!(y, vec![1., 3., 5., 3.]);
        // h = [1, -1] (a derivative): convolution flips it, cross-correlation does not
        let conv = conv1d(&[1., 2., 4.], &[1., -1.], &Conv1dParams::default()).unwrap();
        assert_eq!(conv, vec![1., 1., 2., -4.]);
        let xcorr = conv1d(
            &[1., 2., 4.],
            &[1., -1.],
            &Conv1dParams { mode: ConvMode::CrossCorrelation, ..Default::default() },
        )
        .unwrap();
        assert_eq!(xcorr, vec![-1., -1., -2., 4.]);
    }

    #[test]
    fn impulse_response_is_the_kernel() {
        let h = [0.25, 0.5, 0.25];
        let y = conv1d(&[0., 1., 0., 0.], &h, &Conv1dParams::default()).unwrap();
        assert_eq!(y, vec![0., 0.25, 0.5, 0.25, 0., 0.]);
    }

    #[test]
    fn trace_shows_flip_slide_multiply_sum() {
        let t = conv1d_trace(&[1., 2., 3.], &[1., 10.], &Conv1dParams::default(), 1).unwrap();
        // y[1] = x[0]·h[1] + x[1]·h[0] = 10 + 2
        assert_eq!(t.result, 12.0);
        assert_eq!(t.terms.len(), 2);
        assert_eq!((t.terms[0].input_col, t.terms[0].kernel_col), (0, 1));
        assert!(conv1d_trace(&[1.], &[1.], &Conv1dParams::default(), 1).is_err());
        assert!(conv1d(&[], &[1.], &Conv1dParams::default()).is_err());
    }
}
