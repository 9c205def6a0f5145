//! Optimizers: stochastic gradient descent with momentum, and Adam (Kingma & Ba 2015, "Adam: A
//! Method for Stochastic Optimization", Algorithm 1).
//!
//! ```text
//! g = ∂L/∂w + λ·w                        (L2 weight decay, only where Param::decay)
//! SGD:      w ← w − η·g                  (momentum μ = 0)
//! momentum: v ← μ·v + g,  w ← w − η·v    (PyTorch convention, v₀ = 0)
//! Adam:     m ← β₁m + (1 − β₁)g,  s ← β₂s + (1 − β₂)g²
//!           m̂ = m/(1 − β₁ᵗ),  ŝ = s/(1 − β₂ᵗ),  w ← w − η·m̂/(√ŝ + ε)
//! ```

use ndarray::ArrayD;
use serde::{Deserialize, Serialize};

use crate::tensor::flush_subnormal;
use crate::{ensure_arg, ensure_shape, Error, Param, Result};

const OP: &str = "optimizer";

/// An optimizer and its hyper-parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum OptimizerConfig {
    /// Stochastic gradient descent, with heavy-ball momentum when `momentum > 0`.
    #[serde(rename_all = "camelCase")]
    Sgd {
        /// Learning rate η.
        lr: f32,
        /// Momentum μ ∈ [0, 1) (0 = plain SGD).
        #[serde(default)]
        momentum: f32,
        /// L2 weight decay λ ≥ 0.
        #[serde(default)]
        weight_decay: f32,
    },
    /// Adam with bias-corrected moment estimates.
    #[serde(rename_all = "camelCase")]
    Adam {
        /// Learning rate η.
        lr: f32,
        /// Decay of the first moment β₁ ∈ [0, 1) (default 0.9).
        #[serde(default = "default_beta1")]
        beta1: f32,
        /// Decay of the second moment β₂ ∈ [0, 1) (default 0.999).
        #[serde(default = "default_beta2")]
        beta2: f32,
        /// ε > 0 in the denominator (default 1e-8).
        #[serde(default = "default_eps")]
        eps: f32,
        /// L2 weight decay λ ≥ 0 (added to the gradient, as in the paper's L2 form).
        #[serde(default)]
        weight_decay: f32,
    },
}

fn default_beta1() -> f32 {
    0.9
}

fn default_beta2() -> f32 {
    0.999
}

fn default_eps() -> f32 {
    1e-8
}

impl OptimizerConfig {
    /// Plain SGD: no momentum, no weight decay.
    pub fn sgd(lr: f32) -> Self {
        OptimizerConfig::Sgd { lr, momentum: 0.0, weight_decay: 0.0 }
    }

    /// Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8, no weight decay.
    pub fn adam(lr: f32) -> Self {
        OptimizerConfig::Adam {
            lr,
            beta1: default_beta1(),
            beta2: default_beta2(),
            eps: default_eps(),
            weight_decay: 0.0,
        }
    }

    /// The same optimizer with L2 weight decay `weight_decay`.
    pub fn with_weight_decay(mut self, weight_decay: f32) -> Self {
        match &mut self {
            OptimizerConfig::Sgd { weight_decay: wd, .. }
            | OptimizerConfig::Adam { weight_decay: wd, .. } => *wd = weight_decay,
        }
        self
    }

    /// The learning rate η.
    pub fn learning_rate(&self) -> f32 {
        match *self {
            OptimizerConfig::Sgd { lr, .. } | OptimizerConfig::Adam { lr, .. } => lr,
        }
    }

    /// **Errors** unless `lr > 0` (finite), `momentum`, `beta1`, `beta2 ∈ [0, 1)`, `eps > 0` and
    /// `weight_decay ≥ 0` (finite).
    pub fn validate(&self) -> Result<()> {
        let lr = self.learning_rate();
        ensure_arg!(lr > 0.0 && lr.is_finite(), OP, "lr", "must be positive and finite, got {lr}");
        let wd = match *self {
            OptimizerConfig::Sgd { momentum, weight_decay, .. } => {
                ensure_arg!(
                    (0.0..1.0).contains(&momentum),
                    OP,
                    "momentum",
                    "must be in [0, 1), got {momentum}"
                );
                weight_decay
            }
            OptimizerConfig::Adam { beta1, beta2, eps, weight_decay, .. } => {
                ensure_arg!((0.0..1.0).contains(&beta1), OP, "beta1", "must be in [0, 1), got {beta1}");
                ensure_arg!((0.0..1.0).contains(&beta2), OP, "beta2", "must be in [0, 1), got {beta2}");
                ensure_arg!(
                    eps > 0.0 && eps.is_finite(),
                    OP,
                    "eps",
                    "must be positive and finite, got {eps}"
                );
                weight_decay
            }
        };
        ensure_arg!(wd >= 0.0 && wd.is_finite(), OP, "weightDecay", "must be ≥ 0 and finite, got {wd}");
        Ok(())
    }
}

/// Per-parameter state: velocity (SGD) or first moment (Adam), and second moment (Adam).
#[derive(Debug, Clone)]
struct Slot {
    shape: Vec<usize>,
    first: ArrayD<f32>,
    second: ArrayD<f32>,
}

/// Updates parameters from their gradients; state is kept per parameter by position.
#[derive(Debug, Clone)]
pub struct Optimizer {
    config: OptimizerConfig,
    slots: Option<Vec<Slot>>,
    steps: u64,
}

impl Optimizer {
    /// An optimizer with no state yet (allocated on the first [`Optimizer::step`]).
    ///
    /// **Errors** when the configuration is invalid (see [`OptimizerConfig::validate`]).
    pub fn new(config: OptimizerConfig) -> Result<Self> {
        config.validate()?;
        Ok(Optimizer { config, slots: None, steps: 0 })
    }

    /// The configuration (with the current learning rate).
    pub fn config(&self) -> &OptimizerConfig {
        &self.config
    }

    /// Steps taken since creation or the last [`Optimizer::reset`] (Adam's `t`).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Change η (for schedules), keeping the state.
    ///
    /// **Errors** unless `lr > 0` and finite.
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<()> {
        ensure_arg!(lr > 0.0 && lr.is_finite(), OP, "lr", "must be positive and finite, got {lr}");
        match &mut self.config {
            OptimizerConfig::Sgd { lr: l, .. } | OptimizerConfig::Adam { lr: l, .. } => *l = lr,
        }
        Ok(())
    }

    /// Forget velocities, moments and the step count (e.g. after the model changed).
    pub fn reset(&mut self) {
        self.slots = None;
        self.steps = 0;
    }

    /// One update of every parameter from its `grad`.
    ///
    /// # Shapes
    /// Each `grad` has the shape of its `value`; the list (count and shapes) must be the same on
    /// every step.
    ///
    /// **Errors** (before changing anything) if the parameter list differs from the first step, a
    /// gradient's shape differs from its value's, or a gradient is not finite.
    pub fn step<'a>(&mut self, params: impl IntoIterator<Item = &'a mut Param>) -> Result<()> {
        let mut params: Vec<&mut Param> = params.into_iter().collect();
        for (i, p) in params.iter().enumerate() {
            let (name, shape) = (p.name, p.value.shape());
            ensure_shape!(
                shape == p.grad.shape(),
                OP,
                "parameter {i} ({name}) has value {shape:?} but grad {:?}",
                p.grad.shape()
            );
            if p.grad.iter().any(|g| !g.is_finite()) {
                let message = format!("gradient of parameter {i} ({name}) is NaN or infinite");
                return Err(Error::NonFinite { op: OP, message });
            }
        }
        let slots =
            self.slots.get_or_insert_with(|| params.iter().map(|p| new_slot(&self.config, p)).collect());
        ensure_shape!(
            slots.len() == params.len(),
            OP,
            "got {} parameters but the first step had {}",
            params.len(),
            slots.len()
        );
        for (i, (p, s)) in params.iter().zip(slots.iter()).enumerate() {
            ensure_shape!(
                p.value.shape() == s.shape,
                OP,
                "parameter {i} ({}) has shape {:?} but had {:?}",
                p.name,
                p.value.shape(),
                s.shape
            );
        }
        self.steps += 1;
        for (p, slot) in params.iter_mut().zip(slots.iter_mut()) {
            update(&self.config, self.steps, p, slot);
        }
        Ok(())
    }
}

fn new_slot(config: &OptimizerConfig, p: &Param) -> Slot {
    let shape = p.value.shape().to_vec();
    let empty = || ArrayD::zeros(vec![0]);
    let (first, second) = match *config {
        OptimizerConfig::Sgd { momentum: 0.0, .. } => (empty(), empty()),
        OptimizerConfig::Sgd { .. } => (ArrayD::zeros(shape.clone()), empty()),
        OptimizerConfig::Adam { .. } => (ArrayD::zeros(shape.clone()), ArrayD::zeros(shape.clone())),
    };
    Slot { shape, first, second }
}

fn update(config: &OptimizerConfig, t: u64, p: &mut Param, slot: &mut Slot) {
    let wd = match *config {
        OptimizerConfig::Sgd { weight_decay, .. } | OptimizerConfig::Adam { weight_decay, .. } => {
            weight_decay
        }
    };
    let wd = if p.decay { wd } else { 0.0 };
    // Parameters, gradients and slots are created in standard layout: plain slices run fastest.
    let slice = "optimizer state is contiguous";
    let grad = p.grad.as_slice().expect(slice);
    let values = p.value.as_slice_mut().expect(slice).iter_mut().zip(grad);
    match *config {
        OptimizerConfig::Sgd { lr, momentum, .. } => {
            if momentum == 0.0 {
                values.for_each(|(w, &g)| *w -= lr * (g + wd * *w));
            } else {
                values.zip(slot.first.as_slice_mut().expect(slice)).for_each(|((w, &g), v)| {
                    *v = flush_subnormal(momentum * *v + g + wd * *w);
                    *w -= lr * *v;
                });
            }
        }
        OptimizerConfig::Adam { lr, beta1, beta2, eps, .. } => {
            let c1 = 1.0 - (beta1 as f64).powf(t as f64);
            let c2 = 1.0 - (beta2 as f64).powf(t as f64);
            let (c1, c2) = ((1.0 / c1) as f32, (1.0 / c2) as f32);
            values
                .zip(
                    slot.first
                        .as_slice_mut()
                        .expect(slice)
                        .iter_mut()
                        .zip(slot.second.as_slice_mut().expect(slice)),
                )
                .for_each(|((w, &g), (m, s))| {
                    let g = g + wd * *w;
                    *m = flush_subnormal(beta1 * *m + (1.0 - beta1) * g);
                    *s = flush_subnormal(beta2 * *s + (1.0 - beta2) * g * g);
                    *w -= lr * (*m * c1) / ((*s * c2).sqrt() + eps);
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::IxDyn;

    /// Moments of a parameter whose gradient has gone to 0 reach exactly 0, never the subnormal
    /// floor where β·x rounds back to x (Adam's m and s; momentum's velocity).
    #[test]
    fn moments_of_a_dead_parameter_reach_zero_not_subnormals() {
        let adam =
            OptimizerConfig::Adam { lr: 0.002, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0.0 };
        for config in [adam, OptimizerConfig::Sgd { lr: 0.1, momentum: 0.9, weight_decay: 0.0 }] {
            let mut p = Param {
                name: "weight",
                value: ArrayD::from_elem(IxDyn(&[4]), 0.1),
                grad: ArrayD::from_elem(IxDyn(&[4]), 1e-3),
                decay: true,
            };
            let mut opt = Optimizer::new(config.clone()).unwrap();
            opt.step([&mut p]).unwrap();
            p.grad.fill(0.0);
            for _ in 0..100_000 {
                opt.step([&mut p]).unwrap();
            }
            let slot = &opt.slots.as_ref().unwrap()[0];
            for x in slot.first.iter().chain(slot.second.iter()) {
                assert!(*x == 0.0 || x.is_normal(), "{config:?}: a moment stayed at {x:e}");
            }
            assert_eq!(slot.first[0], 0.0, "{config:?}: the first moment is 0");
        }
    }
}
