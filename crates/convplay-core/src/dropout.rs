//! Dropout (Srivastava et al. 2014) in its "inverted" form, and the variance-stable uniform-noise
//! alternative of Li, Chen, Hu & Yang (2018), "Understanding the Disharmony between Dropout and
//! Batch Normalization by Variance Shift".
//!
//! Inverted dropout keeps each unit with probability `1 − p` and scales kept units by `1/(1 − p)`,
//! so the mean is unchanged and test time is the identity. The variance, however, is not: for
//! `x` with `E[x] = c`, `Var(x) = v` and `a ~ Bernoulli(1 − p)`, `y = a·x/(1 − p)` has
//!
//! ```text
//! E[y]        = c
//! Var_train(y) = E[a²]E[x²]/(1 − p)² − c² = (v + c²)/(1 − p) − c²
//! Var_test(y)  = v
//! ```
//!
//! so a following batch-norm layer sees a larger variance in training than at test time (the
//! "variance shift"). The paper's remedy multiplies by `1 + u`, `u ~ U[−β, β]`, whose shift
//! `Var_train = (v + c²)(1 + β²/3) − c²` is much smaller for the same regularization strength.

use ndarray::{Array4, ArrayView4, Zip};
use serde::{Deserialize, Serialize};

use crate::layer::{reuse_buffer, Layer, LayerKind, Mode};
use crate::measure::stats::summarize;
use crate::{ensure_arg, ensure_shape, Result, Rng};

const OP: &str = "dropout";

/// The noise a [`Dropout`] layer multiplies by in training.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum DropoutKind {
    /// Zero with probability `p`, scale the kept units by `1/(1 − p)`; `p ∈ [0, 1)`.
    Inverted {
        /// Drop probability.
        p: f32,
    },
    /// Multiply by `1 + u`, `u ~ U[−β, β]` (Li et al. 2018); `β ∈ [0, 1]`.
    UniformNoise {
        /// Half-width of the noise.
        beta: f32,
    },
}

impl DropoutKind {
    /// **Errors** unless `p ∈ [0, 1)` (inverted) or `β ∈ [0, 1]` (uniform noise).
    pub fn validate(&self) -> Result<()> {
        match *self {
            DropoutKind::Inverted { p } => {
                ensure_arg!((0.0..1.0).contains(&p), OP, "p", "must be in [0, 1), got {p}")
            }
            DropoutKind::UniformNoise { beta } => {
                ensure_arg!((0.0..=1.0).contains(&beta), OP, "beta", "must be in [0, 1], got {beta}")
            }
        }
        Ok(())
    }

    /// The analytic train/test variances for an input with the given mean and variance.
    ///
    /// **Errors** as [`variance_shift`] and [`uniform_noise_variance_shift`].
    pub fn variance_shift(&self, mean: f32, variance: f32) -> Result<VarianceShift> {
        match *self {
            DropoutKind::Inverted { p } => variance_shift(p, mean, variance),
            DropoutKind::UniformNoise { beta } => uniform_noise_variance_shift(beta, mean, variance),
        }
    }
}

/// The variance shift of Li et al. (2018) for one input distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceShift {
    /// `E[y]` in training and at test time (both equal the input mean).
    pub mean: f32,
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

fn shift(mean: f32, variance: f32, second_moment_gain: f64) -> VarianceShift {
    let (c, v) = (mean as f64, variance as f64);
    let train = (v + c * c) * second_moment_gain - c * c;
    let ratio = if train > 0.0 { v / train } else { 1.0 };
    VarianceShift {
        mean,
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

/// Inverted dropout with drop probability `p`: `Var_train = (v + c²)/(1 − p) − c²`, `Var_test = v`.
///
/// **Errors** unless `p ∈ [0, 1)`, `mean` is finite and `variance ≥ 0` is finite.
pub fn variance_shift(p: f32, mean: f32, variance: f32) -> Result<VarianceShift> {
    const OP_VS: &str = "varianceShift";
    ensure_arg!((0.0..1.0).contains(&p), OP_VS, "p", "must be in [0, 1), got {p}");
    check_moments(OP_VS, mean, variance)?;
    Ok(shift(mean, variance, 1.0 / (1.0 - p as f64)))
}

/// Uniform noise `1 + u`, `u ~ U[−β, β]`: `E[(1 + u)²] = 1 + β²/3`, so
/// `Var_train = (v + c²)(1 + β²/3) − c²`, `Var_test = v`.
///
/// **Errors** unless `β ∈ [0, 1]`, `mean` is finite and `variance ≥ 0` is finite.
pub fn uniform_noise_variance_shift(beta: f32, mean: f32, variance: f32) -> Result<VarianceShift> {
    const OP_VS: &str = "varianceShift";
    ensure_arg!((0.0..=1.0).contains(&beta), OP_VS, "beta", "must be in [0, 1], got {beta}");
    check_moments(OP_VS, mean, variance)?;
    let b = beta as f64;
    Ok(shift(mean, variance, 1.0 + b * b / 3.0))
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

/// Configuration of a [`Dropout`] layer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DropoutConfig {
    /// Which noise and how strong.
    pub dropout: DropoutKind,
}

impl DropoutConfig {
    /// A layer applying `dropout` in training.
    pub fn new(dropout: DropoutKind) -> Self {
        DropoutConfig { dropout }
    }

    /// The output shape (the input's), after checking the noise's parameters.
    ///
    /// **Errors** when the kind is out of range (see [`DropoutKind::validate`]).
    pub fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.dropout.validate()?;
        Ok(input)
    }

    /// Learnable numbers: none.
    pub fn parameter_count(&self) -> usize {
        0
    }

    /// Build the layer.
    ///
    /// **Errors** when the kind is out of range (see [`DropoutKind::validate`]).
    pub fn init(&self) -> Result<Dropout> {
        self.dropout.validate()?;
        let empty = Array4::zeros((0, 0, 0, 0));
        Ok(Dropout { kind: self.dropout, mask: empty.clone(), output: empty.clone(), grad_input: empty })
    }
}

/// A dropout layer (kind `"dropout"`): random multiplicative noise in [`Mode::Train`], the
/// identity in [`Mode::Eval`].
#[derive(Debug, Clone)]
pub struct Dropout {
    kind: DropoutKind,
    mask: Array4<f32>,
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl Dropout {
    /// The noise applied in training.
    pub fn kind(&self) -> DropoutKind {
        self.kind
    }

    /// The multiplier of the last forward, same shape as the input: `0` or `1/(1 − p)` for inverted
    /// dropout, `1 + u` for uniform noise, all ones in [`Mode::Eval`].
    pub fn mask(&self) -> ArrayView4<'_, f32> {
        self.mask.view()
    }
}

impl Layer for Dropout {
    fn kind(&self) -> &'static str {
        LayerKind::Dropout.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        DropoutConfig::new(self.kind).output_shape(input)
    }

    /// `y = mask ⊙ x` with a fresh mask drawn from `rng` in training; `y = x` in evaluation.
    ///
    /// # Shapes
    /// `[N, C, H, W]` → `[N, C, H, W]`.
    fn forward(&mut self, input: ArrayView4<f32>, mode: Mode, rng: &mut Rng) -> Result<()> {
        let s = input.shape();
        let shape = [s[0], s[1], s[2], s[3]];
        reuse_buffer(&mut self.mask, shape);
        reuse_buffer(&mut self.output, shape);
        match (mode, self.kind) {
            (Mode::Eval, _) => self.mask.fill(1.0),
            (Mode::Train, DropoutKind::Inverted { p }) => {
                let keep = 1.0 / (1.0 - p);
                self.mask.map_inplace(|m| *m = if rng.uniform() < p { 0.0 } else { keep });
            }
            (Mode::Train, DropoutKind::UniformNoise { beta }) => {
                self.mask.map_inplace(|m| *m = 1.0 + rng.uniform_range(-beta, beta));
            }
        }
        Zip::from(&mut self.output).and(&self.mask).and(&input).for_each(|y, &m, &x| *y = m * x);
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    /// `dx = mask ⊙ dy`.
    ///
    /// # Shapes
    /// `input`, `grad_output`: `[N, C, H, W]` as in the last forward.
    ///
    /// **Errors** if the shapes differ from the last forward.
    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        ensure_shape!(
            input.shape() == self.mask.shape() && grad_output.shape() == self.mask.shape(),
            OP,
            "backward got shapes {:?} / {:?} that differ from the last forward {:?}",
            input.shape(),
            grad_output.shape(),
            self.mask.shape()
        );
        let s = grad_output.shape();
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        Zip::from(&mut self.grad_input).and(&self.mask).and(&grad_output).for_each(|g, &m, &d| *g = m * d);
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
