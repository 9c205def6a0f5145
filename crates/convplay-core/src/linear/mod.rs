//! The dense (fully connected) layer and the flatten layer that feeds it.
//!
//! ```text
//!  x [batch, in]        Wᵀ [in, out]          y [batch, out]
//!  ┌──────────┐        ┌──────┐               ┌──────┐
//!  │ x₀ ... x │   ·    │      │      +  b  =  │      │     every output sees every input:
//!  └──────────┘        │      │               └──────┘     in·out weights + out biases
//!                      └──────┘
//! ```
//!
//! Forward is `Y = X·Wᵀ + b`; backward is `∂X = ∂Y·W`, `∂W = ∂Yᵀ·X`, `∂b = Σ_batch ∂Y` — three
//! batch-level matrix products (the register-blocked product of [`crate::conv::fast::gemm`], with `Wᵀ` and
//! `∂Yᵀ` transposed first so every product reads whole rows).

use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

use crate::conv::fast::gemm::{mul_rows, transpose, Mat, Start};
use crate::{ensure_shape, limits, Result};

mod layer;
pub use layer::{Dense, DenseConfig, Flatten, FlattenConfig};

const OP: &str = "dense";

/// Learnable numbers of a dense layer: `in · out` weights plus `out` biases (saturating) — the
/// lecture's count of [`crate::measure::counts::dense_parameters`], as a `usize`.
pub fn parameter_count(in_features: usize, out_features: usize) -> usize {
    let n = crate::measure::counts::dense_parameters(in_features as u64, out_features as u64);
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Gradients of a dense layer.
#[derive(Debug, Clone)]
pub struct DenseGrads {
    /// ∂L/∂input, `[batch, in]`.
    pub input: Array2<f32>,
    /// ∂L/∂weight, `[out, in]`.
    pub weight: Array2<f32>,
    /// ∂L/∂bias, `[out]`.
    pub bias: Array1<f32>,
}

/// Check that `input` `[batch, in]` fits `weight` `[out, in]` (and `bias` `[out]`).
fn check(input: &[usize], weight: &[usize], bias_len: Option<usize>) -> Result<()> {
    ensure_shape!(
        input[1] == weight[1],
        OP,
        "input has {} features but the weight takes {} ([out, in] = {:?})",
        input[1],
        weight[1],
        weight
    );
    if let Some(b) = bias_len {
        ensure_shape!(b == weight[0], OP, "bias has {b} values but the weight has {} outputs", weight[0]);
    }
    Ok(())
}

/// **Errors** if a call on `input` `[batch, in]` and `weight` `[out, in]` is above the limits: the
/// output at most [`limits::MAX_ELEMENTS`] values, the work at most [`limits::MAX_MULTIPLY_ADDS`].
fn check_limits(input: &[usize], weight: &[usize]) -> Result<()> {
    let (n, i, o) = (input[0] as u64, input[1] as u64, weight[0] as u64);
    limits::values(OP, "input", "the output", n.saturating_mul(o), limits::MAX_ELEMENTS)?;
    limits::work(OP, "weight", "this dense layer", limits::product(&[n, i, o]))
}

/// `Y = X·Wᵀ + b` on row-major slices: `x` `[batch, in]`, `w` `[out, in]`, `b` `[out]` → `y`
/// `[batch, out]`; `w_t` is scratch. Shapes already checked.
fn forward_rows(x: &[f32], w: &[f32], b: &[f32], y: &mut [f32], w_t: &mut Vec<f32>) {
    let o = b.len();
    let i = w.len() / o.max(1);
    transpose(w, o, w_t);
    mul_rows(Mat::new(x, x.len() / i.max(1), i), Mat::new(w_t, i, o), Start::Zero, y, o);
    for row in y.chunks_exact_mut(o.max(1)) {
        for (v, bv) in row.iter_mut().zip(b) {
            *v += bv;
        }
    }
}

/// Slices of the gradients of a dense layer (`[batch, in]`, `[out, in]`, `[out]`).
struct GradRows<'a> {
    input: &'a mut [f32],
    weight: &'a mut [f32],
    bias: &'a mut [f32],
}

/// `∂X = ∂Y·W`, `∂W = ∂Yᵀ·X`, `∂b = Σ_batch ∂Y` on row-major slices; `dy_t` is scratch.
fn backward_rows(x: &[f32], w: &[f32], dy: &[f32], g: GradRows, dy_t: &mut Vec<f32>) {
    let o = g.bias.len();
    let (n, i) = (dy.len() / o.max(1), w.len() / o.max(1));
    mul_rows(Mat::new(dy, n, o), Mat::new(w, o, i), Start::Zero, g.input, i);
    transpose(dy, n, dy_t);
    mul_rows(Mat::new(dy_t, o, n), Mat::new(x, n, i), Start::Zero, g.weight, i);
    g.bias.fill(0.0);
    for row in dy.chunks_exact(o.max(1)) {
        for (d, v) in g.bias.iter_mut().zip(row) {
            *d += v;
        }
    }
}

/// Forward dense layer.
///
/// # Shapes
/// input `[batch, in]`, weight `[out, in]`, bias `[out]` → `[batch, out]`.
///
/// **Errors** if the input's feature count differs from the weight's, or the bias length from
/// the weight's output count (the message names both sizes), or the call is above the
/// [`limits`] (output values, multiply-adds).
pub fn dense(input: ArrayView2<f32>, weight: ArrayView2<f32>, bias: ArrayView1<f32>) -> Result<Array2<f32>> {
    check(input.shape(), weight.shape(), Some(bias.len()))?;
    check_limits(input.shape(), weight.shape())?;
    let mut y = Array2::zeros((input.nrows(), weight.nrows()));
    let (x, w) = (input.as_standard_layout(), weight.as_standard_layout());
    let (x, w, b) = (x.as_slice().expect("standard"), w.as_slice().expect("standard"), bias.to_vec());
    forward_rows(x, w, &b, y.as_slice_mut().expect("owned"), &mut Vec::new());
    Ok(y)
}

/// Backward dense layer: gradients with respect to input, weight and bias.
///
/// # Shapes
/// input `[batch, in]`, weight `[out, in]`, grad_output `[batch, out]`.
///
/// **Errors** if the shapes do not fit together.
pub fn dense_backward(
    input: ArrayView2<f32>,
    weight: ArrayView2<f32>,
    grad_output: ArrayView2<f32>,
) -> Result<DenseGrads> {
    check(input.shape(), weight.shape(), None)?;
    check_limits(input.shape(), weight.shape())?;
    let expected = [input.nrows(), weight.nrows()];
    crate::tensor::check_grad_output(OP, grad_output.shape(), &expected)?;
    let mut g = DenseGrads {
        input: Array2::zeros(input.raw_dim()),
        weight: Array2::zeros(weight.raw_dim()),
        bias: Array1::zeros(weight.nrows()),
    };
    let (x, w, dy) =
        (input.as_standard_layout(), weight.as_standard_layout(), grad_output.as_standard_layout());
    let rows = GradRows {
        input: g.input.as_slice_mut().expect("owned"),
        weight: g.weight.as_slice_mut().expect("owned"),
        bias: g.bias.as_slice_mut().expect("owned"),
    };
    let (x, w, dy) =
        (x.as_slice().expect("standard"), w.as_slice().expect("standard"), dy.as_slice().expect("standard"));
    backward_rows(x, w, dy, rows, &mut Vec::new());
    Ok(g)
}
