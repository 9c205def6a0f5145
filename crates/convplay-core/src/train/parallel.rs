//! Data-parallel training: one optimizer step split across workers, each with its own copy of the
//! model, so that N workers reach the same weights as one, to rounding.
//!
//! ```text
//! coordinator:  indices = next_batch()                  (the batch one worker would take)
//! worker s:     set_weights(w); g_s = shard_gradients(indices[shard s], total = |indices|)
//!               g_s = (|shard s| / total) · ∂(mean loss over shard s)/∂θ
//! coordinator:  apply_shards([g_0, g_1, …])            θ ← update(θ, Σ_s g_s), summed in shard order
//! ```
//!
//! `Σ_s g_s` is the gradient of the mean loss over the whole batch, the one [`Trainer::step`]
//! computes; only the grouping of the sum differs (rounding). The shards' order is fixed (shard
//! 0, 1, …), so a run is reproducible for a given worker count.
//!
//! Batch norm (statistics of each shard, not of the batch) and dropout (masks drawn from each
//! worker's own random stream) would make the shards compute something else than the batch:
//! [`parallel_blocker`] names such a layer, and such networks train on one worker.

use serde::Serialize;

use super::{Progress, Trainer};
use crate::data::Dataset;
use crate::layer::LayerKind;
use crate::model::StepStats;
use crate::{ensure_arg, Error, Result};

/// One shard's part of a batch's gradient, from [`Trainer::shard_gradients`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardGradients {
    /// Every parameter's gradient, flattened in the model's parameter order
    /// ([`Trainer::weights`]), already scaled by `count / total`.
    pub grads: Vec<f32>,
    /// Σ of the cross-entropy over the shard's examples.
    pub loss_sum: f64,
    /// Examples of the shard classified correctly.
    pub correct: usize,
    /// Examples in the shard.
    pub count: usize,
}

/// The first layer (by kind) that stops a model from training data-parallel, or `None`.
pub fn parallel_blocker(trainer: &Trainer) -> Option<&'static str> {
    let blockers = [LayerKind::BatchNorm.name(), LayerKind::Dropout.name()];
    trainer.model.layers().iter().map(|l| l.kind()).find(|k| blockers.contains(k))
}

impl Trainer {
    /// The next mini-batch's example indices, exactly as [`Trainer::step`] would take them
    /// (the same shuffled order, epochs counted the same way); the caller then trains on them.
    ///
    /// **Errors** if the data is empty.
    pub fn next_batch(&mut self, data: &Dataset) -> Result<Vec<usize>> {
        self.with_data(data, |t, data| {
            t.take_batch(data)?;
            Ok(t.batch_indices.clone())
        })
    }

    /// Forward and backward on examples `indices` of the training data (the kept subset, else
    /// `data`) as one shard of a batch of `total` examples, without changing the weights.
    ///
    /// **Errors** if the indices are empty, more than `total` or out of range, if the model has
    /// batch norm or dropout ([`parallel_blocker`]), and as a training step (non-finite loss).
    pub fn shard_gradients(
        &mut self,
        data: &Dataset,
        indices: &[usize],
        total: usize,
    ) -> Result<ShardGradients> {
        const OP: &str = "shardGradients";
        if let Some(kind) = parallel_blocker(self) {
            return Err(Error::arg(
                OP,
                "model",
                format!(
                    "has a {kind} layer, whose result depends on the whole batch; train it on one worker"
                ),
            ));
        }
        ensure_arg!(
            !indices.is_empty() && indices.len() <= total,
            OP,
            "indices",
            "must hold 1 to {total} examples, got {}",
            indices.len()
        );
        self.with_data(data, |t, data| {
            if let Some(&i) = indices.iter().find(|&&i| i >= data.len()) {
                return Err(Error::arg(OP, "indices", format!("must be below {}, got {i}", data.len())));
            }
            t.model.check_batch(OP, "indices", indices.len())?;
            data.gather(indices, &mut t.batch_images, &mut t.batch_labels);
            let stats = t.model.gradients(t.batch_images.view(), &t.batch_labels)?;
            let (count, scale) = (indices.len(), indices.len() as f32 / total as f32);
            let mut grads = Vec::with_capacity(t.model.parameter_count());
            for p in t.model.layers().iter().flat_map(|l| l.params().iter()) {
                grads.extend(contiguous(&p.grad).iter().map(|g| g * scale));
            }
            Ok(ShardGradients {
                grads,
                loss_sum: stats.loss as f64 * count as f64,
                correct: (stats.accuracy * count as f32).round() as usize,
                count,
            })
        })
    }

    /// One optimizer step from the shards of a batch: their gradients summed in the order given,
    /// then the update; the loss and accuracy returned are the batch's (before the update).
    ///
    /// **Errors** (and no update) if there are no shards, a shard's gradient is not one value per
    /// parameter, or as the optimizer (a non-finite gradient).
    pub fn apply_shards(&mut self, shards: &[ShardGradients]) -> Result<Progress> {
        const OP: &str = "applyShards";
        let n = self.model.parameter_count();
        ensure_arg!(!shards.is_empty(), OP, "shards", "must hold at least one shard");
        if let Some(s) = shards.iter().find(|s| s.grads.len() != n) {
            return Err(Error::arg(
                OP,
                "shards",
                format!("must hold {n} gradients each, got {}", s.grads.len()),
            ));
        }
        let mut offset = 0;
        for layer in self.model.layers_mut() {
            for p in layer.params_mut() {
                let grad = contiguous_mut(&mut p.grad);
                let len = grad.len();
                grad.copy_from_slice(&shards[0].grads[offset..offset + len]);
                for s in &shards[1..] {
                    for (g, v) in grad.iter_mut().zip(&s.grads[offset..offset + len]) {
                        *g += v;
                    }
                }
                offset += len;
            }
        }
        self.optimizer.step(self.model.layers_mut().iter_mut().flat_map(|l| l.params_mut().iter_mut()))?;
        self.steps += 1;
        let count: usize = shards.iter().map(|s| s.count).sum();
        let loss = shards.iter().map(|s| s.loss_sum).sum::<f64>() / count.max(1) as f64;
        let correct: usize = shards.iter().map(|s| s.correct).sum();
        Ok(self.progress(StepStats { loss: loss as f32, accuracy: correct as f32 / count.max(1) as f32 }))
    }

    /// Every parameter's value, flattened in the model's order (layer by layer, weight then bias).
    pub fn weights(&self) -> Vec<f32> {
        let mut out = Vec::with_capacity(self.model.parameter_count());
        for p in self.model.layers().iter().flat_map(|l| l.params().iter()) {
            out.extend_from_slice(contiguous(&p.value));
        }
        out
    }

    /// Set every parameter from [`Trainer::weights`]' layout (the coordinator's broadcast).
    ///
    /// **Errors** (and no change) unless there is one finite value per parameter.
    pub fn set_weights(&mut self, values: &[f32]) -> Result<()> {
        const OP: &str = "setWeights";
        let n = self.model.parameter_count();
        ensure_arg!(values.len() == n, OP, "values", "must hold {n} values, got {}", values.len());
        ensure_arg!(values.iter().all(|v| v.is_finite()), OP, "values", "must all be finite");
        let mut rest = values;
        for layer in self.model.layers_mut() {
            for p in layer.params_mut() {
                let (head, tail) = rest.split_at(p.value.len());
                contiguous_mut(&mut p.value).copy_from_slice(head);
                rest = tail;
            }
        }
        Ok(())
    }
}

/// A parameter's values as one slice (parameters are built contiguous, in standard order; an
/// element-wise walk of a dynamic-rank array costs far more than the step it serves).
fn contiguous(a: &ndarray::ArrayD<f32>) -> &[f32] {
    a.as_slice().expect("parameters are contiguous")
}

fn contiguous_mut(a: &mut ndarray::ArrayD<f32>) -> &mut [f32] {
    a.as_slice_mut().expect("parameters are contiguous")
}
