//! The configuration of a batch-norm layer, with the one place its defaults are written.

use serde::{Deserialize, Serialize};

use super::BatchNorm;
use crate::layer::EvalStatistics;
use crate::{ensure_arg, ensure_shape, Result};

pub(super) const OP: &str = "batchNorm";

/// Configuration of a [`BatchNorm`] layer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BatchNormConfig {
    /// Channels (or dense features) normalized separately.
    pub channels: usize,
    /// ε added to the variance before the square root (default [`BatchNormConfig::DEFAULT_EPS`]).
    #[serde(default = "BatchNormConfig::default_eps")]
    pub eps: f32,
    /// Weight of the new batch in the running averages (default
    /// [`BatchNormConfig::DEFAULT_MOMENTUM`]).
    #[serde(default = "BatchNormConfig::default_momentum")]
    pub momentum: f32,
    /// Statistics used in [`crate::Mode::Eval`].
    #[serde(default)]
    pub eval_statistics: EvalStatistics,
}

impl BatchNormConfig {
    /// The default ε, as in PyTorch.
    pub const DEFAULT_EPS: f32 = 1e-5;
    /// The default momentum of the running averages, as in PyTorch.
    pub const DEFAULT_MOMENTUM: f32 = 0.1;

    /// [`BatchNormConfig::DEFAULT_EPS`], for serde defaults.
    pub fn default_eps() -> f32 {
        Self::DEFAULT_EPS
    }

    /// [`BatchNormConfig::DEFAULT_MOMENTUM`], for serde defaults.
    pub fn default_momentum() -> f32 {
        Self::DEFAULT_MOMENTUM
    }

    /// `channels` with the default ε and momentum and running statistics at test time.
    pub fn new(channels: usize) -> Self {
        BatchNormConfig {
            channels,
            eps: Self::DEFAULT_EPS,
            momentum: Self::DEFAULT_MOMENTUM,
            eval_statistics: EvalStatistics::Running,
        }
    }

    /// **Errors** unless `1 ≤ channels ≤ 65536`, `eps > 0` (finite) and `momentum ∈ [0, 1]`.
    pub fn validate(&self) -> Result<()> {
        let BatchNormConfig { channels: c, eps, momentum: m, .. } = *self;
        ensure_arg!((1..=65_536).contains(&c), OP, "channels", "must be 1 to 65536, got {c}");
        ensure_arg!(eps > 0.0 && eps.is_finite(), OP, "eps", "must be positive and finite, got {eps}");
        ensure_arg!((0.0..=1.0).contains(&m), OP, "momentum", "must be in [0, 1], got {m}");
        Ok(())
    }

    /// The output shape (the input's).
    ///
    /// **Errors** if the configuration is invalid or the input has another channel count.
    pub fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.validate()?;
        let c = self.channels;
        ensure_shape!(input[0] == c, OP, "layer has {c} channels but input has {}", input[0]);
        Ok(input)
    }

    /// Learnable numbers: γ and β per channel.
    pub fn parameter_count(&self) -> usize {
        2 * self.channels
    }

    /// γ = 1, β = 0, running mean 0 and running variance 1.
    ///
    /// **Errors** when the configuration is invalid (see [`BatchNormConfig::validate`]).
    pub fn init(&self) -> Result<BatchNorm> {
        BatchNorm::new(*self)
    }
}
