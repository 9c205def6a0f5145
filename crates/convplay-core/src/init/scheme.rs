//! What a scheme gives a layer with given fans: its distribution, `Var(w)`, the forward product
//! `n_in·Var(w)`, the backward product `n_out·Var(w)`, and what it holds constant as the fans change.
//!
//! ```text
//! U[−r, r]:  Var(w) = (1/2r) ∫₋ᵣʳ u² du = r²/3      (so r = √(3·Var(w)))
//! N(0, σ²):  Var(w) = σ²
//! ```

use serde::Serialize;

use super::{Init, Noise};
use crate::Result;

/// The distribution a scheme draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Family {
    /// Every weight the same value.
    Constant,
    /// `N(0, σ²)`.
    Normal,
    /// `U[−r, r]`.
    Uniform,
}

/// What a scheme keeps the same for every layer, whatever its fans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Keeps {
    /// `n_in·Var(w)`, the forward argument: LeCun 1, He 2, standard 1/3.
    FanInTimesVariance,
    /// `(n_in + n_out)/2 · Var(w) = 1`: Xavier's compromise between the forward `n_in·Var(w) = 1`
    /// and the backward `n_out·Var(w) = 1`.
    MeanFanTimesVariance,
    /// `Var(w)` itself (zeros, a constant, a fixed normal or uniform): `n·Var(w)` grows with `n`.
    Variance,
}

/// A scheme's numbers for one layer's fans.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scheme {
    /// Inputs of one unit (`n_in`).
    pub fan_in: usize,
    /// Outputs one input feeds (`n_out`).
    pub fan_out: usize,
    /// The distribution.
    pub family: Family,
    /// σ of a normal, the half-width `r` of a uniform, the value of a constant.
    pub spread: f32,
    /// `Var(w)`: `σ²`, `r²/3`, or 0.
    pub variance: f32,
    /// `Var(w)/r²` of a uniform: 1/3, the variance of `U[−1, 1]` (`null` for other families).
    pub variance_per_squared_half_width: Option<f32>,
    /// `n_in·Var(w)`: the forward pass's factor (`Var(s) = n_in·Var(w)·E[x²]`).
    pub fan_in_times_variance: f32,
    /// `n_out·Var(w)`: the backward pass's factor on the gradients' variance.
    pub fan_out_times_variance: f32,
    /// What the scheme holds constant.
    pub keeps: Keeps,
    /// The value it holds: `n_in·Var(w)`, 1 for Xavier's mean-fan product, or `Var(w)`.
    pub kept_value: f32,
}

impl Init {
    /// The scheme's numbers for a layer with `fan_in` inputs per unit and `fan_out` outputs per
    /// input, computed in `f64`: Xavier gives `n_in·Var(w) = 2·n_in/(n_in + n_out)`.
    ///
    /// **Errors** when the scheme is invalid, or needs fans and `fan_in` (Xavier: `fan_in + fan_out`)
    /// is zero.
    pub fn scheme(&self, fan_in: usize, fan_out: usize) -> Result<Scheme> {
        self.check_fans(fan_in, fan_out)?;
        let (n_in, n_out) = (fan_in as f64, fan_out as f64);
        let variance = self.variance_f64(fan_in, fan_out);
        let (family, spread) = match self.noise(fan_in, fan_out) {
            Noise::Constant(c) => (Family::Constant, c),
            Noise::Normal(std) => (Family::Normal, std),
            Noise::Uniform(r) => (Family::Uniform, r),
        };
        let (keeps, kept_value) = match self {
            Init::XavierNormal | Init::XavierUniform => (Keeps::MeanFanTimesVariance, 1.0),
            _ if self.needs_fans() => (Keeps::FanInTimesVariance, n_in * variance),
            _ => (Keeps::Variance, variance),
        };
        Ok(Scheme {
            fan_in,
            fan_out,
            family,
            spread,
            variance: variance as f32,
            variance_per_squared_half_width: (family == Family::Uniform).then_some(1.0 / 3.0),
            fan_in_times_variance: (n_in * variance) as f32,
            fan_out_times_variance: (n_out * variance) as f32,
            keeps,
            kept_value: kept_value as f32,
        })
    }
}
