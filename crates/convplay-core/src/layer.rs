//! The one protocol every layer follows (after ConvNetJS): forward in a [`Mode`], backward,
//! parameters with their gradients, and the output shape computed from the input shape.
//!
//! # Shapes
//! Every layer maps a batch `[batch, channels, height, width]` to another. Dense-style data
//! (features) travels as `[batch, features, 1, 1]`, so one tensor type serves the whole stack.
//!
//! # Buffers
//! A layer owns its output and its input-gradient buffers and reuses them while the batch size
//! stays the same, so a training step allocates nothing once warmed up.

use ndarray::{Array4, ArrayD, ArrayView4};

use crate::{Result, Rng};

/// Training or evaluation behaviour (what `model.train()` / `model.eval()` switch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// Batch statistics in batch norm, random masks in dropout.
    #[default]
    Train,
    /// Running statistics in batch norm, dropout is the identity.
    Eval,
}

/// Which mean and variance normalize a batch in [`Mode::Eval`] (batch norm; other layers ignore it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EvalStatistics {
    /// The running averages collected in training (the usual choice).
    #[default]
    Running,
    /// The mean and variance of the test batch itself.
    Batch,
}

/// The kinds of layer, named as the `kind` tag of a layer's configuration — the one name used by
/// [`Layer::kind`], layer infos, descriptions and the pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LayerKind {
    /// A convolution layer.
    Conv2d,
    /// A pooling layer.
    Pool,
    /// An element-wise activation.
    Activation,
    /// Batch normalization.
    BatchNorm,
    /// Dropout.
    Dropout,
    /// `[C, H, W]` → `[C·H·W]`.
    Flatten,
    /// A fully connected layer.
    Dense,
}

impl LayerKind {
    /// `"conv2d"`, `"pool"`, `"activation"`, `"batchNorm"`, `"dropout"`, `"flatten"` or `"dense"`.
    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Conv2d => "conv2d",
            LayerKind::Pool => "pool",
            LayerKind::Activation => "activation",
            LayerKind::BatchNorm => "batchNorm",
            LayerKind::Dropout => "dropout",
            LayerKind::Flatten => "flatten",
            LayerKind::Dense => "dense",
        }
    }

    /// Whether the layer maps every value on its own (activation, batch norm, dropout): its
    /// output has its input's shape and each output unit sees the input unit at its place.
    pub fn is_elementwise(self) -> bool {
        matches!(self, LayerKind::Activation | LayerKind::BatchNorm | LayerKind::Dropout)
    }
}

/// One learnable tensor, its gradient (same shape) and whether weight decay applies to it.
#[derive(Debug, Clone)]
pub struct Param {
    /// `"weight"`, `"bias"`, `"gamma"`, `"beta"`.
    pub name: &'static str,
    /// The values.
    pub value: ArrayD<f32>,
    /// ∂loss/∂value from the last backward pass (accumulated over the batch).
    pub grad: ArrayD<f32>,
    /// L2 weight decay applies (weights yes, biases and BN's γ, β no).
    pub decay: bool,
}

impl Param {
    /// A parameter with zero gradient.
    pub fn new(name: &'static str, value: ArrayD<f32>, decay: bool) -> Self {
        let grad = ArrayD::zeros(value.raw_dim());
        Param { name, value, grad, decay }
    }
}

/// A layer in a sequential model.
pub trait Layer: std::fmt::Debug {
    /// The layer's kind as its configuration names it: `"conv2d"`, `"pool"`, `"activation"`,
    /// `"batchNorm"`, `"dropout"`, `"flatten"` or `"dense"` (see [`LayerKind::name`]).
    fn kind(&self) -> &'static str;

    /// `[channels, height, width]` out for `[channels, height, width]` in: the layer's
    /// configuration computes it (the same function describes a model without building it).
    ///
    /// **Errors** when the input does not fit (wrong channel count, kernel larger than input…).
    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]>;

    /// Compute the output for `input` and keep what backward needs.
    fn forward(&mut self, input: ArrayView4<f32>, mode: Mode, rng: &mut Rng) -> Result<()>;

    /// The output of the last forward.
    fn output(&self) -> ArrayView4<'_, f32>;

    /// Given ∂loss/∂output, accumulate parameter gradients (overwriting the previous ones) and
    /// compute ∂loss/∂input. `input` is the same tensor the last forward saw.
    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()>;

    /// Whether backward must compute ∂loss/∂input (default yes). A model's first layer does not need
    /// it during training, so layers with an expensive input gradient may skip it (leaving zeros).
    fn set_input_gradient(&mut self, _needed: bool) {}

    /// ∂loss/∂input from the last backward.
    fn grad_input(&self) -> ArrayView4<'_, f32>;

    /// Learnable parameters (empty for parameter-free layers).
    fn params(&self) -> &[Param] {
        &[]
    }

    /// Learnable parameters, mutable (for optimizers and loading weights).
    fn params_mut(&mut self) -> &mut [Param] {
        &mut []
    }

    /// Non-learned state saved with the weights (batch norm's running mean and variance).
    fn buffers(&self) -> Vec<(&'static str, &[f32])> {
        Vec::new()
    }

    /// Choose running or test-batch statistics for evaluation (batch norm only; others ignore it).
    fn set_eval_statistics(&mut self, _statistics: EvalStatistics) {}

    /// Statistics of the last forward pass worth showing (batch norm: `batchMean`, `batchVar`,
    /// and the `usedMean`, `usedVar` that actually normalized it). Not saved with the weights.
    fn statistics(&self) -> Vec<(&'static str, &[f32])> {
        Vec::new()
    }

    /// Restore the state listed by [`Layer::buffers`].
    fn set_buffer(&mut self, _name: &str, _values: &[f32]) -> Result<()> {
        Ok(())
    }
}

/// Make `buf` hold shape `shape`, reallocating only when the shape changed.
pub fn reuse_buffer(buf: &mut Array4<f32>, shape: [usize; 4]) {
    if buf.shape() != shape {
        *buf = Array4::zeros(shape);
    }
}

/// `[channels, height, width]` of a batch, for messages.
pub fn chw(x: &ArrayView4<f32>) -> [usize; 3] {
    let s = x.shape();
    [s[1], s[2], s[3]]
}
