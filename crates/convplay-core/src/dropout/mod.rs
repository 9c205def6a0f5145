//! Dropout (Srivastava et al. 2014) in its "inverted" form, and the uniform-noise alternative of
//! Li, Chen, Hu & Yang (2018), "Understanding the Disharmony between Dropout and Batch
//! Normalization by Variance Shift".
//!
//! Both multiply each value by independent noise `m` with `E[m] = 1`: inverted dropout keeps a unit
//! with probability `1 − p` and scales it by `1/(1 − p)` (`m ∈ {0, 1/(1 − p)}`), uniform noise
//! takes `m = 1 + u`, `u ~ U[−β, β]`. Test time is the identity, so the mean is unchanged. The
//! noise variance `Var(m)` is the regularization strength: `p/(1 − p)` for dropout, `β²/3` for
//! uniform noise (1 at p = 0.5, 0.083 at β = 0.5). See [`variance`] for the variance shift it causes.

use ndarray::{Array4, ArrayView4, Zip};
use serde::{Deserialize, Serialize};

use crate::layer::{reuse_buffer, Layer, LayerKind, Mode};
use crate::{ensure_arg, ensure_shape, Result, Rng};

pub mod variance;
pub use variance::{
    matched_uniform_noise, measured_variance_shift, uniform_noise_variance_shift, variance_shift,
    MatchedNoise, MeasuredShift, VarianceShift, MAX_MATCHED_P,
};

const OP: &str = "dropout";

/// The largest half-width β of uniform noise: `1 + u` stays `≥ 0`, so the noise never flips a
/// value's sign. Its noise variance `β²/3` is at most 1/3, the dropout noise of p = 0.25.
pub const MAX_BETA: f32 = 1.0;

/// The noise a [`Dropout`] layer multiplies by in training.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum DropoutKind {
    /// Zero with probability `p`, scale the kept units by `1/(1 − p)`; `p ∈ [0, 1)`.
    Inverted {
        /// Drop probability.
        p: f32,
    },
    /// Multiply by `1 + u`, `u ~ U[−β, β]` (Li et al. 2018); `β ∈ [0, MAX_BETA]`.
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
                ensure_arg!(
                    (0.0..=MAX_BETA).contains(&beta),
                    OP,
                    "beta",
                    "must be in [0, {MAX_BETA}], got {beta}"
                )
            }
        }
        Ok(())
    }

    /// `Var(m)` of the multiplier `m` (mean 1): `p/(1 − p)` for inverted dropout (infinite as
    /// `p → 1`), `β²/3` for uniform noise — the regularization strength, computed in `f64`.
    pub fn noise_variance(&self) -> f64 {
        match *self {
            DropoutKind::Inverted { p } => p as f64 / (1.0 - p as f64),
            DropoutKind::UniformNoise { beta } => (beta as f64).powi(2) / 3.0,
        }
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
