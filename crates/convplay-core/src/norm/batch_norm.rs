//! Batch normalization (Ioffe & Szegedy 2015, "Batch Normalization: Accelerating Deep Network
//! Training by Reducing Internal Covariate Shift", Algorithm 1).
//!
//! For a mini-batch `B = {x₁…x_m}` of one channel:
//!
//! ```text
//! μ_B  = (1/m) Σ xᵢ                      mini-batch mean
//! σ²_B = (1/m) Σ (xᵢ − μ_B)²             mini-batch variance (biased)
//! x̂ᵢ   = (xᵢ − μ_B) / √(σ²_B + ε)        normalize
//! yᵢ   = γ x̂ᵢ + β                        scale and shift
//! ```
//!
//! For convolutional activations `[N, C, H, W]` the statistics are taken per channel over
//! `m = N·H·W` values (the paper's Section 3.2); dense data `[N, F, 1, 1]` is therefore normalized
//! per feature over the batch.
//!
//! At test time the lecture gives two options ([`EvalStatistics`]): the running averages collected
//! during training (PyTorch convention `running = (1 − momentum)·running + momentum·batch`, the
//! variance with the unbiased `m/(m−1)` factor), or the statistics of the test batch itself.

use ndarray::{Array4, ArrayD, ArrayView4, Axis, Zip};

use super::algorithm1::mean_var;
use super::config::{BatchNormConfig, OP};
use crate::layer::{chw, reuse_buffer, EvalStatistics, Layer, LayerKind, Mode, Param};
use crate::{ensure_arg, ensure_shape, Error, Result, Rng};

/// A batch-normalization layer: `y = γ·(x − μ)/√(σ² + ε) + β` per channel.
#[derive(Debug, Clone)]
pub struct BatchNorm {
    config: BatchNormConfig,
    params: Vec<Param>,
    running_mean: Vec<f32>,
    running_var: Vec<f32>,
    batch_mean: Vec<f32>,
    batch_var: Vec<f32>,
    used_mean: Vec<f32>,
    used_var: Vec<f32>,
    /// 1/√(σ² + ε) of the statistics the last forward normalized with.
    inv_std: Vec<f32>,
    /// Whether the last forward normalized with the batch's own statistics (gradient flows
    /// through μ and σ²) or with fixed running statistics (plain affine map).
    used_batch_stats: Option<bool>,
    x_hat: Array4<f32>,
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl BatchNorm {
    /// γ = 1, β = 0, running mean 0 and running variance 1 (built by [`BatchNormConfig::init`]).
    pub(super) fn new(config: BatchNormConfig) -> Result<Self> {
        config.validate()?;
        let c = config.channels;
        Ok(BatchNorm {
            config,
            params: vec![
                Param::new("gamma", ArrayD::ones(vec![c]), false),
                Param::new("beta", ArrayD::zeros(vec![c]), false),
            ],
            running_mean: vec![0.0; c],
            running_var: vec![1.0; c],
            batch_mean: vec![0.0; c],
            batch_var: vec![0.0; c],
            used_mean: vec![0.0; c],
            used_var: vec![1.0; c],
            inv_std: vec![1.0; c],
            used_batch_stats: None,
            x_hat: Array4::zeros((0, 0, 0, 0)),
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &BatchNormConfig {
        &self.config
    }

    /// Switch the test-time statistics (the lecture's two options) without retraining.
    pub fn set_eval_statistics(&mut self, statistics: EvalStatistics) {
        self.config.eval_statistics = statistics;
    }

    /// The mean that normalized the last forward: μ_B, or the running mean in evaluation mode.
    pub fn last_used_mean(&self) -> &[f32] {
        &self.used_mean
    }

    /// The variance that normalized the last forward: σ²_B, or the running variance in evaluation mode.
    pub fn last_used_var(&self) -> &[f32] {
        &self.used_var
    }

    /// μ_B per channel of the last forward's input (computed in every mode).
    pub fn last_batch_mean(&self) -> &[f32] {
        &self.batch_mean
    }

    /// σ²_B (biased) per channel of the last forward's input (computed in every mode).
    pub fn last_batch_var(&self) -> &[f32] {
        &self.batch_var
    }

    /// Running mean per channel.
    pub fn running_mean(&self) -> &[f32] {
        &self.running_mean
    }

    /// Running (unbiased) variance per channel.
    pub fn running_var(&self) -> &[f32] {
        &self.running_var
    }

    /// The normalized input x̂ of the last forward.
    pub fn x_hat(&self) -> ArrayView4<'_, f32> {
        self.x_hat.view()
    }

    /// γ and β as slices, checked (they may have been replaced through `params_mut`).
    fn affine(&self) -> Result<(&[f32], &[f32])> {
        let c = self.config.channels;
        Ok((channel_slice(&self.params[0], c, "gamma")?, channel_slice(&self.params[1], c, "beta")?))
    }
}

fn channel_slice<'a>(p: &'a Param, c: usize, arg: &'static str) -> Result<&'a [f32]> {
    ensure_arg!(p.value.shape() == [c], OP, arg, "must have shape [{c}], got {:?}", p.value.shape());
    p.value.as_slice().ok_or_else(|| Error::arg(OP, arg, "must be contiguous"))
}

impl Layer for BatchNorm {
    fn set_eval_statistics(&mut self, statistics: EvalStatistics) {
        BatchNorm::set_eval_statistics(self, statistics);
    }

    fn statistics(&self) -> Vec<(&'static str, &[f32])> {
        vec![
            ("batchMean", &self.batch_mean),
            ("batchVar", &self.batch_var),
            ("usedMean", &self.used_mean),
            ("usedVar", &self.used_var),
        ]
    }

    fn kind(&self) -> &'static str {
        LayerKind::BatchNorm.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    /// Normalize with batch statistics ([`Mode::Train`], updating the running averages) or with
    /// the statistics chosen by [`EvalStatistics`] ([`Mode::Eval`]).
    ///
    /// # Shapes
    /// `[N, C, H, W]` → `[N, C, H, W]`; dense data `[N, F, 1, 1]`.
    ///
    /// **Errors** if the channel count differs from the configuration or the input is empty.
    fn forward(&mut self, input: ArrayView4<f32>, mode: Mode, _rng: &mut Rng) -> Result<()> {
        let sh = input.shape();
        self.output_shape(chw(&input))?;
        ensure_shape!(!input.is_empty(), OP, "input {sh:?} is empty");
        self.affine()?;
        let m = sh[0] * sh[2] * sh[3];
        let shape = [sh[0], sh[1], sh[2], sh[3]];
        reuse_buffer(&mut self.x_hat, shape);
        reuse_buffer(&mut self.output, shape);
        let use_batch = mode == Mode::Train || self.config.eval_statistics == EvalStatistics::Batch;
        let momentum = self.config.momentum as f64;
        let unbias = if m > 1 { m as f64 / (m - 1) as f64 } else { 1.0 };
        for c in 0..self.config.channels {
            let x = input.index_axis(Axis(1), c);
            let (mean, var) = mean_var(x.iter());
            self.batch_mean[c] = mean as f32;
            self.batch_var[c] = var as f32;
            let (mu, var_used) = if use_batch {
                (mean, var)
            } else {
                (self.running_mean[c] as f64, self.running_var[c] as f64)
            };
            if mode == Mode::Train {
                let (rm, rv) = (self.running_mean[c] as f64, self.running_var[c] as f64);
                self.running_mean[c] = ((1.0 - momentum) * rm + momentum * mean) as f32;
                self.running_var[c] = ((1.0 - momentum) * rv + momentum * var * unbias) as f32;
            }
            self.used_mean[c] = mu as f32;
            self.used_var[c] = var_used as f32;
            let inv_std = (1.0 / (var_used + self.config.eps as f64).sqrt()) as f32;
            self.inv_std[c] = inv_std;
            let (g, b) = self.affine().map(|(gamma, beta)| (gamma[c], beta[c]))?;
            let mu = mu as f32;
            Zip::from(self.x_hat.index_axis_mut(Axis(1), c))
                .and(self.output.index_axis_mut(Axis(1), c))
                .and(x)
                .for_each(|h, y, &x| {
                    *h = (x - mu) * inv_std;
                    *y = g * *h + b;
                });
        }
        self.used_batch_stats = Some(use_batch);
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    /// ∂γ = Σ dy·x̂, ∂β = Σ dy and, with batch statistics (the paper's backward of Algorithm 1,
    /// gradient through μ_B and σ²_B), `dx = γ/(m·σ) · (m·dy − Σdy − x̂·Σ(dy·x̂))`; with fixed
    /// running statistics `dx = γ·dy/σ`, where `σ = √(σ² + ε)`.
    ///
    /// # Shapes
    /// `input`, `grad_output`: `[N, C, H, W]` as in the last forward.
    ///
    /// **Errors** if called before forward or with shapes that differ from the last forward.
    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let use_batch =
            self.used_batch_stats.ok_or_else(|| Error::shape(OP, "backward called before forward"))?;
        ensure_shape!(
            input.shape() == self.x_hat.shape() && grad_output.shape() == self.x_hat.shape(),
            OP,
            "backward got shapes {:?} / {:?} that differ from the last forward {:?}",
            input.shape(),
            grad_output.shape(),
            self.x_hat.shape()
        );
        let sh = input.shape();
        reuse_buffer(&mut self.grad_input, [sh[0], sh[1], sh[2], sh[3]]);
        let m = (sh[0] * sh[2] * sh[3]) as f64;
        let c_len = self.config.channels;
        for p in self.params.iter_mut() {
            if p.grad.shape() != [c_len] || !p.grad.is_standard_layout() {
                p.grad = ArrayD::zeros(vec![c_len]);
            }
        }
        self.affine()?;
        let (gamma, beta) = self.params.split_at_mut(1);
        let gamma_v = gamma[0].value.as_slice().expect("checked by affine");
        let dgamma = gamma[0].grad.as_slice_mut().expect("standard layout");
        let dbeta = beta[0].grad.as_slice_mut().expect("standard layout");
        for c in 0..self.config.channels {
            let dy = grad_output.index_axis(Axis(1), c);
            let h = self.x_hat.index_axis(Axis(1), c);
            let (mut sum_dy, mut sum_dy_h) = (0.0f64, 0.0f64);
            Zip::from(&dy).and(&h).for_each(|&d, &h| {
                sum_dy += d as f64;
                sum_dy_h += d as f64 * h as f64;
            });
            dgamma[c] = sum_dy_h as f32;
            dbeta[c] = sum_dy as f32;
            let scale = gamma_v[c] * self.inv_std[c];
            let dx = self.grad_input.index_axis_mut(Axis(1), c);
            if use_batch {
                let (mean_dy, mean_dy_h) = ((sum_dy / m) as f32, (sum_dy_h / m) as f32);
                Zip::from(dx)
                    .and(&dy)
                    .and(&h)
                    .for_each(|g, &d, &h| *g = scale * (d - mean_dy - h * mean_dy_h));
            } else {
                Zip::from(dx).and(&dy).for_each(|g, &d| *g = scale * d);
            }
        }
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }

    fn buffers(&self) -> Vec<(&'static str, &[f32])> {
        vec![("runningMean", &self.running_mean), ("runningVar", &self.running_var)]
    }

    /// **Errors** for an unknown name, a wrong length, non-finite values or a negative variance.
    fn set_buffer(&mut self, name: &str, values: &[f32]) -> Result<()> {
        let c = self.config.channels;
        let (arg, target) = match name {
            "runningMean" => ("runningMean", &mut self.running_mean),
            "runningVar" => ("runningVar", &mut self.running_var),
            _ => {
                return Err(Error::arg(
                    OP,
                    "buffer",
                    format!("must be runningMean or runningVar, got {name:?}"),
                ))
            }
        };
        ensure_arg!(values.len() == c, OP, arg, "must have {c} values, got {}", values.len());
        ensure_arg!(values.iter().all(|v| v.is_finite()), OP, arg, "must be finite");
        ensure_arg!(
            arg == "runningMean" || values.iter().all(|&v| v >= 0.0),
            OP,
            arg,
            "must not be negative"
        );
        target.copy_from_slice(values);
        Ok(())
    }
}
