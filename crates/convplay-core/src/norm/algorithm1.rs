//! Algorithm 1 of Ioffe & Szegedy (2015) on one list of numbers, every intermediate value kept,
//! for the pages that step through it; the [`super::BatchNorm`] layer uses the same mean and
//! variance.

use serde::{Deserialize, Serialize};

use crate::{ensure_arg, Result};

/// Every intermediate value of Algorithm 1 on one list of numbers (for the lecture pages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Algorithm1Steps {
    /// μ_B.
    pub mean: f32,
    /// σ²_B (biased: divided by m).
    pub variance: f32,
    /// x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε).
    pub x_hat: Vec<f32>,
    /// yᵢ = γ x̂ᵢ + β.
    pub y: Vec<f32>,
}

/// Mean and biased variance of `values` (two passes, f64 accumulation).
pub(crate) fn mean_var<'a>(values: impl Iterator<Item = &'a f32> + Clone) -> (f64, f64) {
    let (mut sum, mut m) = (0.0f64, 0usize);
    for &v in values.clone() {
        sum += v as f64;
        m += 1;
    }
    let mean = sum / m.max(1) as f64;
    let sq: f64 = values.map(|&v| (v as f64 - mean).powi(2)).sum();
    (mean, sq / m.max(1) as f64)
}

/// Algorithm 1 of Ioffe & Szegedy (2015) on one mini-batch of scalars.
///
/// # Shapes
/// `values`: `m` numbers → `x_hat`, `y`: `m` numbers.
///
/// **Errors** if `values` is empty, `eps` is not positive and finite, or γ, β are not finite.
pub fn algorithm1(values: &[f32], gamma: f32, beta: f32, eps: f32) -> Result<Algorithm1Steps> {
    const OP1: &str = "algorithm1";
    ensure_arg!(!values.is_empty(), OP1, "values", "must not be empty");
    ensure_arg!(eps > 0.0 && eps.is_finite(), OP1, "eps", "must be positive and finite, got {eps}");
    ensure_arg!(gamma.is_finite(), OP1, "gamma", "must be finite, got {gamma}");
    ensure_arg!(beta.is_finite(), OP1, "beta", "must be finite, got {beta}");
    let (mean, var) = mean_var(values.iter());
    let inv_std = 1.0 / (var + eps as f64).sqrt();
    let x_hat: Vec<f32> = values.iter().map(|&x| ((x as f64 - mean) * inv_std) as f32).collect();
    let y = x_hat.iter().map(|&h| gamma * h + beta).collect();
    Ok(Algorithm1Steps { mean: mean as f32, variance: var as f32, x_hat, y })
}
