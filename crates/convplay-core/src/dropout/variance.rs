//! The variance shift of Li et al. (2018): dropout before a batch-norm layer makes the variance
//! that layer sees in training larger than at test time. For `x` with `E[x] = c`, `Var(x) = v`
//! and independent noise `m` with `E[m] = 1`, `y = m·x` has
//!
//! ```text
//! E[y]         = c
//! Var_train(y) = E[m²]·E[x²] − c² = (v + c²)(1 + Var(m)) − c²
//! Var_test(y)  = v                                   (test time: m = 1)
//! ```
//!
//! so the shift depends on the noise only through its variance `Var(m)`, the regularization
//! strength: `p/(1 − p)` for inverted dropout, `β²/3` for uniform noise `1 + u`, `u ~ U[−β, β]`.
//! Uniform noise with β = p shifts less than dropout with the same p only because its noise is
//! weaker (at 0.5: 0.083 against 1). At equal noise variance, `β²/3 = p/(1 − p)`, the two shifts
//! are the same ([`matched_uniform_noise`]); `β ≤ MAX_BETA = 1` reaches that only up to
//! `p = 0.25` ([`MAX_MATCHED_P`]).

use serde::{Deserialize, Serialize};

use super::{DropoutKind, MAX_BETA};
use crate::measure::stats::summarize;
use crate::{ensure_arg, Result};

/// The largest dropout rate whose noise variance `p/(1 − p)` uniform noise can match with
/// `β ≤ MAX_BETA`: `p = (β²/3)/(1 + β²/3) = 0.25`.
pub const MAX_MATCHED_P: f32 = 0.25;

/// Relative difference below which two computed shifts are the same (float32 rounding of β).
pub const SHIFT_TOLERANCE: f32 = 1e-5;

/// The variance shift of Li et al. (2018) for one input distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceShift {
    /// `E[y]` in training and at test time (both equal the input mean).
    pub mean: f32,
    /// `Var(m)` of the noise multiplier: the regularization strength (`p/(1 − p)`, `β²/3`).
    pub noise_variance: f32,
    /// `Var(y)` in training.
    pub train_variance: f32,
    /// `Var(y)` at test time (the input variance: dropout is the identity).
    pub test_variance: f32,
    /// `Var_test / Var_train` (the paper's shift ratio, ≤ 1; 1 when both are zero).
    pub ratio: f32,
    /// `Var_train / Var_test`: how much wider the training distribution is (≥ 1; 1 when both are
    /// zero, infinite when only the test variance is).
    pub train_over_test: f32,
}

fn check_moments(op: &'static str, mean: f32, variance: f32) -> Result<()> {
    ensure_arg!(mean.is_finite(), op, "mean", "must be finite, got {mean}");
    ensure_arg!(
        variance >= 0.0 && variance.is_finite(),
        op,
        "variance",
        "must be ≥ 0 and finite, got {variance}"
    );
    Ok(())
}

/// `Var_train = (v + c²)(1 + Var(m)) − c²` for noise of variance `noise` (`E[m²] = 1 + Var(m)`).
fn shift(mean: f32, variance: f32, noise: f64) -> VarianceShift {
    let (c, v) = (mean as f64, variance as f64);
    let train = (v + c * c) * (1.0 + noise) - c * c;
    let ratio = if train > 0.0 { v / train } else { 1.0 };
    VarianceShift {
        mean,
        noise_variance: noise as f32,
        train_variance: train as f32,
        test_variance: variance,
        ratio: ratio as f32,
        train_over_test: train_over_test(train, v) as f32,
    }
}

/// `Var_train / Var_test`: 1 when both are zero (no shift), infinite when only the test variance is.
fn train_over_test(train: f64, test: f64) -> f64 {
    if train == 0.0 && test == 0.0 {
        1.0
    } else {
        train / test
    }
}

/// Inverted dropout with drop probability `p`: noise variance `p/(1 − p)`, so
/// `Var_train = (v + c²)/(1 − p) − c²`, `Var_test = v`.
///
/// **Errors** unless `p ∈ [0, 1)`, `mean` is finite and `variance ≥ 0` is finite.
pub fn variance_shift(p: f32, mean: f32, variance: f32) -> Result<VarianceShift> {
    const OP_VS: &str = "varianceShift";
    ensure_arg!((0.0..1.0).contains(&p), OP_VS, "p", "must be in [0, 1), got {p}");
    check_moments(OP_VS, mean, variance)?;
    Ok(shift(mean, variance, DropoutKind::Inverted { p }.noise_variance()))
}

/// Uniform noise `1 + u`, `u ~ U[−β, β]`: noise variance `β²/3`, so
/// `Var_train = (v + c²)(1 + β²/3) − c²`, `Var_test = v`.
///
/// **Errors** unless `β ∈ [0, MAX_BETA]`, `mean` is finite and `variance ≥ 0` is finite.
pub fn uniform_noise_variance_shift(beta: f32, mean: f32, variance: f32) -> Result<VarianceShift> {
    const OP_VS: &str = "varianceShift";
    ensure_arg!((0.0..=MAX_BETA).contains(&beta), OP_VS, "beta", "must be in [0, {MAX_BETA}], got {beta}");
    check_moments(OP_VS, mean, variance)?;
    Ok(shift(mean, variance, DropoutKind::UniformNoise { beta }.noise_variance()))
}

/// Inverted dropout and uniform noise compared at equal noise variance (the fair comparison of
/// the paper's second remedy), for one dropout rate and one input distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedNoise {
    /// The dropout rate.
    pub p: f32,
    /// β with `β²/3 = p/(1 − p)`: `√(3p/(1 − p))`, which may be above [`MAX_BETA`].
    pub beta_needed: f32,
    /// The β compared: `beta_needed`, or [`MAX_BETA`] where that is larger.
    pub beta: f32,
    /// Whether `beta_needed ≤ MAX_BETA`: the noise variances are equal (`p ≤ MAX_MATCHED_P`).
    pub matched: bool,
    /// [`MAX_BETA`].
    pub max_beta: f32,
    /// [`MAX_MATCHED_P`]: the largest p uniform noise can match.
    pub max_matched_p: f32,
    /// Inverted dropout with `p`: its noise variance and shift.
    pub dropout: VarianceShift,
    /// Uniform noise with `beta`: its noise variance and shift.
    pub uniform: VarianceShift,
    /// `|a − b| / max(a, b)` of the two `trainOverTest` (0 when they are equal, infinities too).
    pub shift_difference: f32,
    /// [`SHIFT_TOLERANCE`].
    pub tolerance: f32,
    /// Whether `shift_difference ≤ tolerance`: the two shifts are the same.
    pub same_shift: bool,
}

/// Uniform noise at the noise variance of inverted dropout with rate `p` (β capped at
/// [`MAX_BETA`], said by `matched`), both shifts for an input of `mean` and `variance`.
///
/// **Errors** unless `p ∈ [0, 1)`, `mean` is finite and `variance ≥ 0` is finite.
pub fn matched_uniform_noise(p: f32, mean: f32, variance: f32) -> Result<MatchedNoise> {
    const OP_M: &str = "matchedUniformNoise";
    ensure_arg!((0.0..1.0).contains(&p), OP_M, "p", "must be in [0, 1), got {p}");
    check_moments(OP_M, mean, variance)?;
    let needed = (3.0 * DropoutKind::Inverted { p }.noise_variance()).sqrt() as f32;
    let beta = needed.min(MAX_BETA);
    let dropout = variance_shift(p, mean, variance)?;
    let uniform = uniform_noise_variance_shift(beta, mean, variance)?;
    let (a, b) = (dropout.train_over_test, uniform.train_over_test);
    let shift_difference = if a == b { 0.0 } else { (a - b).abs() / a.abs().max(b.abs()) };
    Ok(MatchedNoise {
        p,
        beta_needed: needed,
        beta,
        matched: needed <= MAX_BETA,
        max_beta: MAX_BETA,
        max_matched_p: MAX_MATCHED_P,
        dropout,
        uniform,
        shift_difference,
        tolerance: SHIFT_TOLERANCE,
        same_shift: shift_difference <= SHIFT_TOLERANCE,
    })
}

/// The variance shift as measured on a layer's values: those it produced in training mode and
/// those it produced in evaluation mode, every unit and example together (the dropout lab's
/// "Var(BN input) train / test").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasuredShift {
    /// Population variance of the finite training-mode values.
    pub train_variance: f32,
    /// Population variance of the finite evaluation-mode values.
    pub test_variance: f32,
    /// `Var_train / Var_test` (1 when both are zero, infinite when only the test variance is).
    pub train_over_test: f32,
}

/// The variance shift between the values a layer produced in training mode (`train`) and in
/// evaluation mode (`test`); non-finite values are left out, as [`summarize`] does.
///
/// **Errors** if `train` or `test` holds no finite value.
pub fn measured_variance_shift(train: &[f32], test: &[f32]) -> Result<MeasuredShift> {
    const OP_MS: &str = "measuredVarianceShift";
    let (a, b) = (summarize(train), summarize(test));
    ensure_arg!(a.count > 0, OP_MS, "train", "must hold a finite value, got none of {}", train.len());
    ensure_arg!(b.count > 0, OP_MS, "test", "must hold a finite value, got none of {}", test.len());
    Ok(MeasuredShift {
        train_variance: a.variance,
        test_variance: b.variance,
        train_over_test: train_over_test(a.variance as f64, b.variance as f64) as f32,
    })
}
