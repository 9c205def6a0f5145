//! The architecture of a sequential model as data: what the network editor edits, what the URL
//! and a saved model file carry, and what [`crate::model::Model::new`] builds.
//!
//! ```json
//! { "input": [1, 28, 28], "seed": 1,
//!   "layers": [ { "kind": "conv2d", "outChannels": 6, "kernel": 5 },
//!               { "kind": "activation", "activation": { "kind": "relu" } },
//!               { "kind": "pool", "pool": { "kind": "max" }, "size": 2 },
//!               { "kind": "flatten" },
//!               { "kind": "dense", "outFeatures": 10 } ] }
//! ```

use serde::{Deserialize, Serialize};

use crate::activation::Activation;
use crate::dropout::DropoutKind;
use crate::init::Init;
use crate::layer::LayerKind;
use crate::norm::{BatchNormConfig, EvalStatistics};
use crate::pool::PoolKind;
use crate::Padding;

/// One layer of a [`ModelConfig`]. Input sizes are inferred from the previous layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum LayerConfig {
    /// A convolution layer (cross-correlation).
    #[serde(rename_all = "camelCase")]
    Conv2d {
        /// Number of filters.
        out_channels: usize,
        /// Square kernel size.
        kernel: usize,
        /// Stride.
        #[serde(default = "one")]
        stride: usize,
        /// Zero padding.
        #[serde(default)]
        padding: Padding,
        /// Dilation.
        #[serde(default = "one")]
        dilation: usize,
        /// Weight initializer (default He normal, suited to ReLU).
        #[serde(default = "default_weight_init")]
        weight_init: Init,
        /// Bias initializer (default zeros).
        #[serde(default = "default_bias_init")]
        bias_init: Init,
    },
    /// Pooling over square windows.
    #[serde(rename_all = "camelCase")]
    Pool {
        /// Max, average, L2 or Gaussian-weighted.
        pool: PoolKind,
        /// Window size.
        size: usize,
        /// Stride (default: the window size).
        #[serde(default)]
        stride: Option<usize>,
        /// Zero padding.
        #[serde(default)]
        padding: Padding,
        /// Dilation (default 1; model files written before it existed load unchanged).
        #[serde(default = "one")]
        dilation: usize,
        /// Blur, then subsample (Zhang 2019): pool with stride 1, blur with the binomial
        /// `[1 2 1]/4 ⊗ [1 2 1]/4`, keep every stride-th value ([`crate::pool::BlurPool2d`]).
        /// Default false; left out of files when false.
        #[serde(default, skip_serializing_if = "is_false")]
        antialias: bool,
    },
    /// An element-wise non-linearity (the detector stage).
    Activation {
        /// Which function.
        activation: Activation,
    },
    /// Batch normalization, per channel (conv) or per feature (dense).
    #[serde(rename_all = "camelCase")]
    BatchNorm {
        /// Running-statistics momentum (default [`BatchNormConfig::DEFAULT_MOMENTUM`]).
        #[serde(default = "BatchNormConfig::default_momentum")]
        momentum: f32,
        /// Added to the variance (default [`BatchNormConfig::DEFAULT_EPS`]).
        #[serde(default = "BatchNormConfig::default_eps")]
        eps: f32,
        /// Running statistics or the test batch's own in evaluation mode.
        #[serde(default = "default_eval_statistics")]
        eval_statistics: EvalStatistics,
    },
    /// Dropout (inverted or uniform noise).
    Dropout {
        /// Which kind and how strong.
        dropout: DropoutKind,
    },
    /// `[C, H, W]` → `[C·H·W]`.
    Flatten {},
    /// A fully connected layer.
    #[serde(rename_all = "camelCase")]
    Dense {
        /// Output features.
        out_features: usize,
        /// Weight initializer (default He normal).
        #[serde(default = "default_weight_init")]
        weight_init: Init,
        /// Bias initializer (default zeros).
        #[serde(default = "default_bias_init")]
        bias_init: Init,
    },
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn one() -> usize {
    1
}
fn default_weight_init() -> Init {
    Init::HeNormal
}
fn default_bias_init() -> Init {
    Init::Zeros
}
fn default_eval_statistics() -> EvalStatistics {
    EvalStatistics::Running
}

impl LayerConfig {
    /// The layer's kind: its `kind` tag, the one name every page and message uses.
    pub fn kind(&self) -> LayerKind {
        match self {
            LayerConfig::Conv2d { .. } => LayerKind::Conv2d,
            LayerConfig::Pool { .. } => LayerKind::Pool,
            LayerConfig::Activation { .. } => LayerKind::Activation,
            LayerConfig::BatchNorm { .. } => LayerKind::BatchNorm,
            LayerConfig::Dropout { .. } => LayerKind::Dropout,
            LayerConfig::Flatten {} => LayerKind::Flatten,
            LayerConfig::Dense { .. } => LayerKind::Dense,
        }
    }
}

/// A whole sequential model: input volume, layers, and the seed of its initialization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModelConfig {
    /// `[channels, height, width]` of one input.
    pub input: [usize; 3],
    /// The layers, first to last.
    pub layers: Vec<LayerConfig>,
    /// Seed for weight initialization and dropout masks.
    #[serde(default)]
    pub seed: u64,
}

impl ModelConfig {
    /// LeNet-5 with valid convolutions on 28×28 digits (44,426 parameters), as in the benchmark.
    pub fn lenet5() -> Self {
        let relu = || LayerConfig::Activation { activation: Activation::Relu };
        let conv = |o| LayerConfig::Conv2d {
            out_channels: o,
            kernel: 5,
            stride: 1,
            padding: Padding::Valid,
            dilation: 1,
            weight_init: Init::HeNormal,
            bias_init: Init::Zeros,
        };
        let pool = || LayerConfig::Pool {
            pool: PoolKind::Max,
            size: 2,
            stride: None,
            padding: Padding::Valid,
            dilation: 1,
            antialias: false,
        };
        let dense =
            |o| LayerConfig::Dense { out_features: o, weight_init: Init::HeNormal, bias_init: Init::Zeros };
        ModelConfig {
            input: [1, 28, 28],
            layers: vec![
                conv(6),
                relu(),
                pool(),
                conv(16),
                relu(),
                pool(),
                LayerConfig::Flatten {},
                dense(120),
                relu(),
                dense(84),
                relu(),
                dense(10),
            ],
            seed: 1,
        }
    }
}
