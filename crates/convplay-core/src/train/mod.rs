//! Training a [`Model`] on a [`Dataset`]: shuffled mini-batches, optimizer steps, several steps
//! per call with their mean loss and accuracy, training on a subset, evaluation with a confusion
//! matrix, and the answer to one image as it is shifted or rotated ([`sweep`]). Deterministic for a
//! given seed.

mod evaluate;
mod generalization;
mod parallel;
mod shifted;
pub mod sweep;

use ndarray::{Array4, ArrayView4};
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::model::{Model, StepStats};
use crate::optim::{Optimizer, OptimizerConfig};
use crate::{ensure_arg, limits, Result, Rng};
pub use evaluate::{evaluate, EvalOptions, Evaluation, DEFAULT_EVAL_BATCH};
pub use generalization::{compare_gaps, generalization, Gap, GapComparison, Generalization, Score, Verdict};
pub use parallel::{parallel_blocker, ShardGradients};
pub use shifted::{shifted_accuracy, ShiftAccuracy, ShiftedAccuracy, MAX_ACCURACY_SHIFT};
pub use sweep::{transform_curve, Sweep, Transform, TransformCurve};

pub use crate::limits::{MAX_SAMPLES_PER_CALL, MAX_STEPS_PER_CALL};

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

/// Loss and accuracy (of one step, or the mean over a call's steps) and where training stands.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    /// Mean cross-entropy (before each update).
    pub loss: f32,
    /// Fraction of the batches classified correctly (before each update).
    pub accuracy: f32,
    /// Steps taken so far.
    pub steps: u64,
    /// Completed passes over the training data.
    pub epochs: u64,
}

/// Steps of the sample-complexity experiment for a training set of `n` examples: five passes,
/// at least 100 and at most 300 steps, `min(300, max(100, ⌈5n / batch⌉))`.
///
/// **Errors** if `batch` is 0.
pub fn sample_complexity_steps(n: usize, batch: usize) -> Result<usize> {
    ensure_arg!(batch >= 1, "sampleComplexitySteps", "batchSize", "must be at least 1, got 0");
    Ok(n.saturating_mul(5).div_ceil(batch).clamp(100, 300))
}

/// A model, its optimizer, the training subset and the position in the shuffled epoch.
#[derive(Debug)]
pub struct Trainer {
    /// The model being trained.
    pub model: Model,
    optimizer: Optimizer,
    config: TrainConfig,
    rng: Rng,
    subset: Option<Dataset>,
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
    /// **Errors** if the batch size is 0 or above [`limits::MAX_BATCH`], a batch would take one of
    /// the model's layers above the limits ([`Model::check_batch`]), or the optimizer configuration
    /// is invalid.
    pub fn new(model: Model, config: TrainConfig) -> Result<Self> {
        let batch = config.batch_size;
        ensure_arg!(
            (1..=limits::MAX_BATCH).contains(&batch),
            "train",
            "batchSize",
            "must be 1 to {}, got {batch}",
            limits::MAX_BATCH
        );
        model.check_batch("train", "batchSize", batch)?;
        Ok(Trainer {
            model,
            optimizer: Optimizer::new(config.optimizer.clone())?,
            rng: Rng::new(config.seed),
            config,
            subset: None,
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

    /// Train (and probe) on the first `n` examples of `data` from now on (0 = all of the data each
    /// call gives), for sample-complexity experiments. The subset is a copy kept by the trainer.
    pub fn limit_training_set(&mut self, data: &Dataset, n: usize) {
        self.subset = (n > 0).then(|| data.take(n));
    }

    fn progress(&self, stats: StepStats) -> Progress {
        Progress { loss: stats.loss, accuracy: stats.accuracy, steps: self.steps, epochs: self.epochs }
    }

    /// Run `f` on the training data: the kept subset if there is one, else `data`.
    fn with_data<T>(&mut self, data: &Dataset, f: impl FnOnce(&mut Self, &Dataset) -> T) -> T {
        match self.subset.take() {
            Some(subset) => {
                let out = f(self, &subset);
                self.subset = Some(subset);
                out
            }
            None => f(self, data),
        }
    }

    /// `steps` optimizer steps on the training data; the loss and accuracy returned are the means
    /// over those steps.
    ///
    /// **Errors** if `steps` is 0 or above [`MAX_STEPS_PER_CALL`], if steps × batch size is above
    /// [`MAX_SAMPLES_PER_CALL`], and as [`Trainer::step`] (a NaN or infinite loss stops training
    /// with an error saying so).
    pub fn train(&mut self, data: &Dataset, steps: usize) -> Result<Progress> {
        ensure_arg!(
            (1..=MAX_STEPS_PER_CALL).contains(&steps),
            "train",
            "steps",
            "must be 1 to {MAX_STEPS_PER_CALL}, got {steps}"
        );
        let samples = (steps as u64).saturating_mul(self.config.batch_size as u64);
        if samples > MAX_SAMPLES_PER_CALL as u64 {
            return Err(limits::over(
                "train",
                "steps",
                format!(
                    "{} steps of {} images would be {} images; the limit is {} per call",
                    limits::thousands(steps as u64),
                    self.config.batch_size,
                    limits::thousands(samples),
                    limits::thousands(MAX_SAMPLES_PER_CALL as u64)
                ),
            ));
        }
        let (mut loss, mut accuracy) = (0.0f64, 0.0f64);
        for _ in 0..steps {
            let s = self.step(data)?;
            loss += s.loss as f64;
            accuracy += s.accuracy as f64;
        }
        let n = steps as f64;
        Ok(self.progress(StepStats { loss: (loss / n) as f32, accuracy: (accuracy / n) as f32 }))
    }

    /// One optimizer step on the next mini-batch of the training data (the kept subset, else
    /// `data`; reshuffled every epoch).
    ///
    /// **Errors** if the data is empty, does not fit the model, or the loss is not finite.
    pub fn step(&mut self, data: &Dataset) -> Result<Progress> {
        self.with_data(data, |t, data| t.step_in(data))
    }

    fn step_in(&mut self, data: &Dataset) -> Result<Progress> {
        self.take_batch(data)?;
        data.gather(&self.batch_indices, &mut self.batch_images, &mut self.batch_labels);
        let stats =
            self.model.train_step(self.batch_images.view(), &self.batch_labels, &mut self.optimizer)?;
        self.steps += 1;
        Ok(self.progress(stats))
    }

    /// The next mini-batch's indices into `batch_indices` (reshuffled every epoch).
    fn take_batch(&mut self, data: &Dataset) -> Result<()> {
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
        Ok(())
    }

    /// One optimizer step on a batch given by the caller (for comparing against other frameworks on
    /// the same batch); returns the loss and accuracy before the update.
    ///
    /// **Errors** unless there is one label per image and every label is below the model's class
    /// count, and as [`Model::train_step`].
    pub fn step_on(&mut self, images: ArrayView4<f32>, labels: &[usize]) -> Result<Progress> {
        const OP: &str = "trainOn";
        let n = images.shape()[0];
        ensure_arg!(
            labels.len() == n,
            OP,
            "labels",
            "must hold one label per image ({n}), got {}",
            labels.len()
        );
        let classes = self.model.classes();
        if let Some(&l) = labels.iter().find(|&&l| l >= classes) {
            return Err(crate::Error::arg(OP, "labels", format!("must be below {classes}, got {l}")));
        }
        let stats = self.model.train_step(images, labels, &mut self.optimizer)?;
        self.steps += 1;
        Ok(self.progress(stats))
    }

    /// Forward and backward on the first `n` examples of the training data (the kept subset, else
    /// `data`) without changing the model — weights, batch norm's running averages and the random
    /// generator stay as they were ([`Model::forward_backward`]) — for looking at activations and
    /// gradients, e.g. right after initialization.
    ///
    /// **Errors** if the data is empty, does not fit the model, or `n` examples are above the limits
    /// ([`Model::check_batch`]).
    pub fn probe(&mut self, data: &Dataset, n: usize) -> Result<Progress> {
        self.with_data(data, |t, data| {
            ensure_arg!(!data.is_empty(), "probe", "data", "is empty");
            let n = n.clamp(1, data.len());
            t.model.check_batch("probe", "count", n)?;
            let idx: Vec<usize> = (0..n).collect();
            data.gather(&idx, &mut t.batch_images, &mut t.batch_labels);
            let stats = t.model.forward_backward(t.batch_images.view(), &t.batch_labels)?;
            Ok(t.progress(stats))
        })
    }
}
