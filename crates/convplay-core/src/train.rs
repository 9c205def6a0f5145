//! Training a [`Model`] on a [`Dataset`]: shuffled mini-batches, optimizer steps, evaluation with a
//! confusion matrix. Deterministic for a given seed.

use ndarray::{Array4, ArrayView4, Axis};
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::model::{Model, StepStats};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::{ensure_arg, ensure_shape, Result, Rng};

/// How to train.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrainConfig {
    /// Optimizer and its hyperparameters.
    pub optimizer: OptimizerConfig,
    /// Examples per step.
    pub batch_size: usize,
    /// Seed of the shuffling order.
    #[serde(default)]
    pub seed: u64,
}

/// Accuracy, mean loss and confusion matrix over a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Fraction classified correctly.
    pub accuracy: f32,
    /// Mean cross-entropy.
    pub loss: f32,
    /// `confusion[true · classes + predicted]` counts.
    pub confusion: Vec<u32>,
    /// Predicted class of every example.
    pub predictions: Vec<u8>,
}

/// A model, its optimizer and the position in the shuffled epoch.
#[derive(Debug)]
pub struct Trainer {
    /// The model being trained.
    pub model: Model,
    optimizer: Optimizer,
    config: TrainConfig,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    steps: u64,
    epochs: u64,
    batch_images: Array4<f32>,
    batch_labels: Vec<usize>,
    batch_indices: Vec<usize>,
}

impl Trainer {
    /// A trainer for `model`.
    ///
    /// **Errors** if the batch size is 0 or above 4096, or the optimizer configuration is invalid.
    pub fn new(model: Model, config: TrainConfig) -> Result<Self> {
        ensure_arg!(
            (1..=4096).contains(&config.batch_size),
            "train",
            "batchSize",
            "must be 1 to 4096, got {}",
            config.batch_size
        );
        Ok(Trainer {
            model,
            optimizer: Optimizer::new(config.optimizer.clone())?,
            rng: Rng::new(config.seed),
            config,
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            epochs: 0,
            batch_images: Array4::zeros((0, 0, 0, 0)),
            batch_labels: Vec::new(),
            batch_indices: Vec::new(),
        })
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Completed passes over the training data.
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// The training configuration.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Change the learning rate between steps.
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<()> {
        self.optimizer.set_learning_rate(lr)
    }

    /// One optimizer step on the next mini-batch of `data` (reshuffled every epoch).
    ///
    /// **Errors** if `data` is empty, does not fit the model, or the loss is not finite.
    pub fn step(&mut self, data: &Dataset) -> Result<StepStats> {
        ensure_arg!(!data.is_empty(), "train", "data", "is empty");
        if self.order.len() != data.len() {
            self.order = (0..data.len()).collect();
            self.rng.shuffle(&mut self.order);
            self.cursor = 0;
        }
        let b = self.config.batch_size.min(data.len());
        if self.cursor + b > self.order.len() {
            self.rng.shuffle(&mut self.order);
            self.cursor = 0;
            self.epochs += 1;
        }
        self.batch_indices.clear();
        self.batch_indices.extend_from_slice(&self.order[self.cursor..self.cursor + b]);
        self.cursor += b;
        data.gather(&self.batch_indices, &mut self.batch_images, &mut self.batch_labels);
        let stats =
            self.model.train_step(self.batch_images.view(), &self.batch_labels, &mut self.optimizer)?;
        self.steps += 1;
        Ok(stats)
    }

    /// One optimizer step on a batch given by the caller (for comparing against other frameworks on
    /// the same batch); returns the loss and accuracy before the update.
    pub fn step_on(&mut self, images: ArrayView4<f32>, labels: &[usize]) -> Result<StepStats> {
        let stats = self.model.train_step(images, labels, &mut self.optimizer)?;
        self.steps += 1;
        Ok(stats)
    }

    /// Forward and backward on the first `n` examples of `data` without updating the weights
    /// (for looking at activations and gradients, e.g. right after initialization).
    pub fn probe(&mut self, data: &Dataset, n: usize) -> Result<StepStats> {
        ensure_arg!(!data.is_empty(), "probe", "data", "is empty");
        let idx: Vec<usize> = (0..n.clamp(1, data.len())).collect();
        data.gather(&idx, &mut self.batch_images, &mut self.batch_labels);
        self.model.forward_backward(self.batch_images.view(), &self.batch_labels)
    }

    /// Evaluate on `data` in evaluation mode, in batches of `batch_size`.
    pub fn evaluate(&mut self, data: &Dataset) -> Result<Evaluation> {
        evaluate(&mut self.model, data, self.config.batch_size.max(64))
    }
}

/// Accuracy, loss, confusion matrix and predictions of `model` on `data` (evaluation mode).
pub fn evaluate(model: &mut Model, data: &Dataset, batch_size: usize) -> Result<Evaluation> {
    let k = data.classes();
    ensure_shape!(
        model.classes() == k,
        "evaluate",
        "model has {} outputs but the data has {k} classes",
        model.classes()
    );
    let mut confusion = vec![0u32; k * k];
    let mut predictions = Vec::with_capacity(data.len());
    let mut loss_sum = 0.0f64;
    let mut start = 0;
    while start < data.len() {
        let end = (start + batch_size.max(1)).min(data.len());
        let probs =
            model.predict(data.images().slice_axis_move(Axis(0), ndarray::Slice::from(start..end)))?;
        for (row, &label) in probs.outer_iter().zip(&data.labels()[start..end]) {
            let (pred, _) =
                row.iter()
                    .enumerate()
                    .fold((0, f32::NEG_INFINITY), |b, (i, &p)| if p > b.1 { (i, p) } else { b });
            confusion[label * k + pred] += 1;
            predictions.push(pred as u8);
            loss_sum -= (row[label].max(1e-12) as f64).ln();
        }
        start = end;
    }
    let correct: u32 = (0..k).map(|i| confusion[i * k + i]).sum();
    let n = data.len().max(1) as f32;
    Ok(Evaluation {
        accuracy: correct as f32 / n,
        loss: (loss_sum / n as f64) as f32,
        confusion,
        predictions,
    })
}
