//! A sequential model: a stack of [`Layer`]s built from a [`ModelConfig`], trained with softmax
//! cross-entropy.
//!
//! # Shapes
//! input `[batch, channels, height, width]` (as `config.input`) → logits `[batch, classes, 1, 1]`.

mod build;
pub mod code;
pub mod config;
pub mod describe;
mod erf;
mod excite;
pub mod file;
mod inspect;
mod variance;

use ndarray::{Array4, ArrayView2, ArrayView4, Dimension, Ix2};
use serde::Serialize;

use crate::loss::{accuracy, softmax, softmax_cross_entropy};
use crate::model::config::ModelConfig;
use crate::optim::Optimizer;
use crate::{ensure_arg, ensure_shape, limits, Error, Layer, Mode, Result, Rng};
pub use build::{MAX_LAYERS, MAX_VALUES};
pub use erf::{EffectiveField, Extent, Theoretical, EXTENT_MASS};
pub use excite::Excitation;
pub use inspect::{DeadUnits, LayerStats, What};
pub use variance::{VarianceRow, FORMS_TOLERANCE};

/// What one layer of a built model looks like, for pages and messages.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerInfo {
    /// The layer's kind: `"conv2d"`, `"pool"`, `"activation"`, `"batchNorm"`, `"dropout"`,
    /// `"flatten"` or `"dense"`.
    pub kind: &'static str,
    /// `[channels, height, width]` of its input.
    pub input_shape: [usize; 3],
    /// `[channels, height, width]` of its output.
    pub output_shape: [usize; 3],
    /// Learnable numbers in this layer.
    pub parameter_count: usize,
}

/// Loss and accuracy of one training step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepStats {
    /// Mean cross-entropy over the batch (before the update).
    pub loss: f32,
    /// Fraction of the batch classified correctly (before the update).
    pub accuracy: f32,
}

/// A built, trainable sequential model.
#[derive(Debug)]
pub struct Model {
    config: ModelConfig,
    layers: Vec<Box<dyn Layer>>,
    infos: Vec<LayerInfo>,
    /// Per layer and example: the largest buffer and the forward multiply-adds.
    costs: Vec<(u64, u64)>,
    rng: Rng,
    input: Array4<f32>,
    grad_logits: Array4<f32>,
}

impl Model {
    /// Build the layers, check every shape, and initialize the weights from `config.seed`.
    ///
    /// **Errors** name the layer: `layer 4 (conv2d): kernel 5×5 … does not fit the padded input 4×4`.
    pub fn new(config: ModelConfig) -> Result<Self> {
        let plan = build::plan(&config)?;
        if let Some((_, e)) = plan.problem {
            return Err(e);
        }
        let mut rng = Rng::new(config.seed);
        let mut layers: Vec<Box<dyn Layer>> = Vec::with_capacity(plan.layers.len());
        for (i, (planned, lc)) in plan.layers.iter().zip(&config.layers).enumerate() {
            layers.push(build::build(planned, i, lc, &mut rng)?);
        }
        Ok(Model {
            costs: plan.layers.iter().map(|p| p.cost).collect(),
            infos: plan.layers.into_iter().map(|p| p.info).collect(),
            config,
            layers,
            rng,
            input: Array4::zeros((0, 0, 0, 0)),
            grad_logits: Array4::zeros((0, 0, 0, 0)),
        })
    }

    /// The configuration this model was built from.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// Shapes and parameter counts of every layer.
    pub fn layer_infos(&self) -> &[LayerInfo] {
        &self.infos
    }

    /// Total learnable numbers.
    pub fn parameter_count(&self) -> usize {
        self.infos.iter().map(|l| l.parameter_count).sum()
    }

    /// Number of output classes (features of the last layer).
    pub fn classes(&self) -> usize {
        let [c, h, w] = self.infos.last().map_or([0, 0, 0], |l| l.output_shape);
        c * h * w
    }

    /// The layers, for inspection (activations, gradients, weights).
    pub fn layers(&self) -> &[Box<dyn Layer>] {
        &self.layers
    }

    /// The layers, mutable (loading weights).
    pub fn layers_mut(&mut self) -> &mut [Box<dyn Layer>] {
        &mut self.layers
    }

    /// **Errors** unless a batch of `n` examples fits the [`limits`]: 1 to [`limits::MAX_BATCH`]
    /// examples, every layer's buffers at most [`limits::MAX_ELEMENTS`] values and its forward
    /// pass at most [`limits::MAX_MULTIPLY_ADDS`]: `train: a batch of 256 would give layer 1
    /// (conv2d) 200,503,296 values; the limit is 16,777,216`. `op` and `arg` name the caller's
    /// batch (`"train"`, `"batchSize"`).
    pub fn check_batch(&self, op: &'static str, arg: &'static str, n: usize) -> Result<()> {
        ensure_arg!(n >= 1, op, arg, "must hold at least one image");
        limits::at_most(op, arg, n as u64, limits::MAX_BATCH)?;
        let n64 = n as u64;
        let input = limits::product(&self.config.input.map(|d| d as u64)).saturating_mul(n64);
        if input > limits::MAX_ELEMENTS as u64 {
            limits::values(op, arg, &format!("a batch of {n} images"), input, limits::MAX_ELEMENTS)?;
        }
        let over = |&(values, work): &(u64, u64)| {
            values.saturating_mul(n64) > limits::MAX_ELEMENTS as u64
                || work.saturating_mul(n64) > limits::MAX_MULTIPLY_ADDS
        };
        // Messages are written only for the layer that goes over: a training step checks its batch.
        if let Some(i) = self.costs.iter().position(over) {
            let layer = format!("layer {} ({}) on a batch of {n}", i + 1, self.infos[i].kind);
            let (values, work) = self.costs[i];
            limits::values(op, arg, &layer, values.saturating_mul(n64), limits::MAX_ELEMENTS)?;
            limits::work(op, arg, &layer, work.saturating_mul(n64))?;
        }
        Ok(())
    }

    /// Run every layer; returns the logits `[batch, classes]`.
    ///
    /// **Errors** if the batch's `[C, H, W]` differs from `config.input`, or the batch is above the
    /// limits ([`Model::check_batch`]).
    pub fn forward(&mut self, input: ArrayView4<f32>, mode: Mode) -> Result<ArrayView2<'_, f32>> {
        let s = input.shape();
        ensure_shape!(
            s[1..] == self.config.input[..],
            "model",
            "input batch has shape {:?} but the model takes [batch, {}, {}, {}]",
            s,
            self.config.input[0],
            self.config.input[1],
            self.config.input[2]
        );
        self.check_batch("model", "batch", s[0])?;
        crate::layer::reuse_buffer(&mut self.input, [s[0], s[1], s[2], s[3]]);
        self.input.assign(&input);
        for i in 0..self.layers.len() {
            let (before, rest) = self.layers.split_at_mut(i);
            let x = if i == 0 { self.input.view() } else { before[i - 1].output() };
            rest[0].forward(x, mode, &mut self.rng)?;
        }
        Ok(self.logits())
    }

    /// The last forward's logits `[batch, classes]`.
    pub fn logits(&self) -> ArrayView2<'_, f32> {
        let out = self.layers.last().expect("a model has layers").output();
        let n = out.shape()[0];
        let k = out.len() / n.max(1);
        out.into_shape_with_order((n, k))
            .expect("layer outputs are contiguous")
            .into_dimensionality::<Ix2>()
            .expect("2-D")
    }

    /// Back-propagate ∂loss/∂logits (`[batch, classes]`) through every layer.
    pub fn backward(&mut self, grad_logits: ArrayView2<f32>) -> Result<()> {
        let last = self.layers.last().expect("a model has layers").output().raw_dim();
        ensure_shape!(
            grad_logits.len() == last.size(),
            "model",
            "gradient of the logits does not match the output"
        );
        crate::layer::reuse_buffer(&mut self.grad_logits, [last[0], last[1], last[2], last[3]]);
        self.grad_logits
            .as_slice_mut()
            .expect("contiguous")
            .iter_mut()
            .zip(grad_logits.iter())
            .for_each(|(d, s)| *d = *s);
        for i in (0..self.layers.len()).rev() {
            let (before, rest) = self.layers.split_at_mut(i);
            let (layer, after) = rest.split_first_mut().expect("index in range");
            let x = if i == 0 { self.input.view() } else { before[i - 1].output() };
            let dy = if after.is_empty() { self.grad_logits.view() } else { after[0].grad_input() };
            layer.backward(x, dy)?;
        }
        Ok(())
    }

    /// Forward (training mode), loss and backward on a batch without changing the model: afterwards
    /// every layer holds its activations and gradients for inspection, while the weights, every
    /// layer's saved state (batch norm's running averages, which a training-mode pass would move
    /// towards this batch) and the random generator (dropout's masks) are as they were before.
    ///
    /// **Errors** with [`Error::NonFinite`] if the loss is NaN or infinite (the model is restored).
    pub fn forward_backward(&mut self, images: ArrayView4<f32>, labels: &[usize]) -> Result<StepStats> {
        let saved: Vec<Vec<(&'static str, Vec<f32>)>> = self
            .layers
            .iter()
            .map(|l| l.buffers().into_iter().map(|(name, v)| (name, v.to_vec())).collect())
            .collect();
        let rng = self.rng.clone();
        let stats = self.pass(images, labels, true);
        self.rng = rng;
        for (layer, buffers) in self.layers.iter_mut().zip(&saved) {
            for (name, values) in buffers {
                layer.set_buffer(name, values)?;
            }
        }
        stats
    }

    /// Forward, loss and backward; `input_gradient = false` spares the first layer the gradient with
    /// respect to the images, which training never uses.
    fn pass(&mut self, images: ArrayView4<f32>, labels: &[usize], input_gradient: bool) -> Result<StepStats> {
        self.forward(images, Mode::Train)?;
        let logits = self.logits();
        let (loss, grad) = softmax_cross_entropy(logits, labels)?;
        let acc = accuracy(logits, labels)?;
        if !loss.is_finite() {
            return Err(Error::NonFinite {
                op: "train",
                message: format!(
                    "the loss became {loss}; training stopped. Try a lower learning rate or add batch norm"
                ),
            });
        }
        let first = self.layers.first_mut().expect("a model has layers");
        first.set_input_gradient(input_gradient);
        let done = self.backward(grad.view());
        self.layers[0].set_input_gradient(true);
        done?;
        Ok(StepStats { loss, accuracy: acc })
    }

    /// One step of training on a batch: forward, loss, backward, optimizer update. The first layer's
    /// input gradient (∂loss/∂images) is not computed here; [`Model::forward_backward`] computes it.
    ///
    /// **Errors** with [`Error::NonFinite`] (and no update) if the loss is NaN or infinite.
    pub fn train_step(
        &mut self,
        images: ArrayView4<f32>,
        labels: &[usize],
        optimizer: &mut Optimizer,
    ) -> Result<StepStats> {
        let stats = self.pass(images, labels, false)?;
        optimizer.step(self.layers.iter_mut().flat_map(|l| l.params_mut().iter_mut()))?;
        Ok(stats)
    }

    /// Forward, loss and backward on a batch, leaving every parameter's gradient in its `grad` and
    /// the weights unchanged (what [`Model::train_step`] does before the update; data-parallel
    /// training sums such gradients of several workers, see `train::parallel`).
    ///
    /// **Errors** with [`Error::NonFinite`] if the loss is NaN or infinite.
    pub fn gradients(&mut self, images: ArrayView4<f32>, labels: &[usize]) -> Result<StepStats> {
        self.pass(images, labels, false)
    }

    /// Switch every batch-norm layer between running and test-batch statistics for evaluation.
    pub fn set_eval_statistics(&mut self, statistics: crate::norm::EvalStatistics) {
        self.layers.iter_mut().for_each(|l| l.set_eval_statistics(statistics));
    }

    /// Class probabilities `[batch, classes]` in evaluation mode.
    pub fn predict(&mut self, images: ArrayView4<f32>) -> Result<ndarray::Array2<f32>> {
        self.forward(images, Mode::Eval)?;
        Ok(softmax(self.logits()))
    }
}
