//! Hand-outs: a demo's configuration as code a student runs outside the page.
//!
//! A page describes what it shows as a [`Handout`] (`{ kind: "conv2d" | "filter" | "pool" |
//! "batchNorm" | "dropout" | "init" | "model" | "conv1d" | "receptiveField" | "models" | "shift" |
//! "convTranspose2d" | "conv2dGrouped", … }`) and [`pytorch`] writes it as a runnable PyTorch script.
//! Every number the page shows that does not depend on random draws is computed here by the core
//! and written into the script as its expected output:
//!
//! ```text
//! # Expected output:
//! #   12 12 17
//! ```
//!
//! (`# Expected output, to within 2%:` when the script measures a random quantity.) The script
//! prints those lines in the same form (at most four decimals, no trailing zeros), so a checker
//! can run it and compare line by line.

use serde::Deserialize;

use crate::activation::Activation;
use crate::conv::ConvMode;
use crate::dropout::DropoutKind;
use crate::init::Init;
use crate::model::config::{LayerConfig, ModelConfig};
use crate::norm::BatchNormConfig;
use crate::optim::OptimizerConfig;
use crate::pool::PoolKind;
use crate::{ensure_arg, limits, Padding, Result};

mod causal;
mod grouped;
mod layers;
mod pytorch;
mod shift;
mod stacks;
mod training;
mod transposed;

pub use pytorch::pytorch;
pub use {causal::StackHandout, grouped::GroupedHandout, transposed::TransposedHandout};

/// The operation name in messages.
pub(crate) const OP: &str = "pytorch";

/// What a page shows, as the generator reads it (unknown keys are errors).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Handout {
    /// One 2-D convolution of a `[channels, height, width]` input with `[filters, channels, kh, kw]`
    /// kernels (the page's input and kernel written into the script).
    #[serde(rename_all = "camelCase")]
    Conv2d {
        /// The input values, row-major.
        input: Vec<f32>,
        /// `[channels, height, width]`.
        input_shape: [usize; 3],
        /// The kernel values, row-major.
        kernel: Vec<f32>,
        /// `[filters, channels, kh, kw]`.
        kernel_shape: [usize; 4],
        /// One bias per filter (none: no bias).
        #[serde(default)]
        bias: Option<Vec<f32>>,
        /// Stride (default 1).
        #[serde(default = "one")]
        stride: usize,
        /// Zero padding (default none).
        #[serde(default)]
        padding: Padding,
        /// Dilation (default 1).
        #[serde(default = "one")]
        dilation: usize,
        /// Cross-correlation (default) or true convolution (`torch.flip` of the kernel).
        #[serde(default)]
        mode: ConvMode,
    },
    /// The filters page: the kernel slid over a part of the page's grey picture (the whole picture
    /// is more than a script writes out): an 8×8 block of the page's output around `at`, computed
    /// without padding from the pixels it needs, so every value is the page's.
    #[serde(rename_all = "camelCase")]
    Filter {
        /// The grey picture, row-major (at most `limits::MAX_ELEMENTS` values).
        image: Vec<f32>,
        /// `[height, width]`.
        image_shape: [usize; 2],
        /// The kernel values, row-major.
        kernel: Vec<f32>,
        /// `[kh, kw]`.
        kernel_shape: [usize; 2],
        /// Cross-correlation (default) or true convolution.
        #[serde(default)]
        mode: ConvMode,
        /// `[row, column]` of the page's selected pixel (default: the centre).
        #[serde(default)]
        at: Option<[usize; 2]>,
    },
    /// One pooling of a `[channels, height, width]` input, padding cells skipped as the core does.
    #[serde(rename_all = "camelCase")]
    Pool {
        /// The input values, row-major.
        input: Vec<f32>,
        /// `[channels, height, width]`.
        input_shape: [usize; 3],
        /// Max, average, L2 or Gaussian.
        pool: PoolKind,
        /// Window size.
        size: usize,
        /// Stride (default: the size).
        #[serde(default)]
        stride: Option<usize>,
        /// Zero padding (default none).
        #[serde(default)]
        padding: Padding,
        /// Dilation (default 1).
        #[serde(default = "one")]
        dilation: usize,
    },
    /// Batch normalization of one feature over a mini-batch (Algorithm 1), in training and then
    /// in evaluation mode.
    #[serde(rename_all = "camelCase")]
    BatchNorm {
        /// The mini-batch: one value per example.
        values: Vec<f32>,
        /// γ (default 1).
        #[serde(default = "unit")]
        gamma: f32,
        /// β (default 0).
        #[serde(default)]
        beta: f32,
        /// ε (default 1e-5).
        #[serde(default = "BatchNormConfig::default_eps")]
        eps: f32,
        /// Weight of the batch in the running averages (default 0.1, as in PyTorch).
        #[serde(default = "BatchNormConfig::default_momentum")]
        momentum: f32,
    },
    /// Dropout's variance shift: a layer's output variance in training against evaluation.
    #[serde(rename_all = "camelCase")]
    Dropout {
        /// Inverted dropout or uniform noise.
        dropout: DropoutKind,
        /// Seed of `torch.manual_seed`.
        #[serde(default)]
        seed: u64,
    },
    /// A deep fully connected network initialized by a scheme: `n_in·Var(w)` and how the
    /// activations' variance changes layer by layer.
    #[serde(rename_all = "camelCase")]
    Init {
        /// The scheme of every weight matrix (biases zero).
        init: Init,
        /// The non-linearity after each layer.
        activation: Activation,
        /// Number of layers.
        depth: usize,
        /// Units per layer.
        width: usize,
        /// Seed of `torch.manual_seed`.
        #[serde(default)]
        seed: u64,
    },
    /// The training page's network as an `nn.Sequential`, its optimizer and an MNIST loop.
    #[serde(rename_all = "camelCase")]
    Model {
        /// The layers, input size and seed.
        model: ModelConfig,
        /// SGD (with momentum) or Adam, learning rate and weight decay.
        optimizer: OptimizerConfig,
        /// Examples per step.
        batch_size: usize,
        /// Optimizer steps of the loop (default 1000).
        #[serde(default = "thousand")]
        steps: usize,
    },
    /// The 1-D page: the convolution sum `y = x * h` (or the cross-correlation) by `F.conv1d`.
    #[serde(rename_all = "camelCase")]
    Conv1d {
        /// The signal.
        x: Vec<f32>,
        /// The unit-sample response (kernel).
        h: Vec<f32>,
        /// True convolution (default) or cross-correlation.
        #[serde(default = "convolution")]
        mode: ConvMode,
        /// The page's causal stack, a second part (none: the convolution sum only).
        #[serde(default)]
        stack: Option<StackHandout>,
    },
    /// The receptive-field page: a stack of map layers on an input, each layer's output shape and
    /// receptive field.
    #[serde(rename_all = "camelCase")]
    ReceptiveField {
        /// `[channels, height, width]`.
        input: [usize; 3],
        /// Convolution, pooling and element-wise layers.
        layers: Vec<LayerConfig>,
    },
    /// The equivariance page: its convolution ("same" padding) of an image and of the image
    /// shifted by `(dy, dx)`; the largest difference once the shift is undone, and pooling.
    #[serde(rename_all = "camelCase")]
    Shift {
        /// The image, row-major.
        image: Vec<f32>,
        /// `[height, width]`.
        image_shape: [usize; 2],
        /// The kernel values, row-major.
        kernel: Vec<f32>,
        /// `[kh, kw]`.
        kernel_shape: [usize; 2],
        /// Rows down.
        dy: isize,
        /// Columns right.
        dx: isize,
    },
    /// Networks a page compares (1 to 4), each as an `nn.Sequential` with its parameter count.
    #[serde(rename_all = "camelCase")]
    Models {
        /// Their layers, inputs and seeds.
        models: Vec<ModelConfig>,
    },
    /// One transposed convolution by `F.conv_transpose2d` (the 2-D page's transposed mode).
    ConvTranspose2d(TransposedHandout),
    /// The 2-D page's groups section: `F.conv2d(…, groups=g)` and the cost of each convolution.
    Conv2dGrouped(GroupedHandout),
}

fn one() -> usize {
    1
}
fn unit() -> f32 {
    1.0
}
fn convolution() -> ConvMode {
    ConvMode::Convolution
}
fn thousand() -> usize {
    1000
}

/// **Errors** unless `values` holds `shape`'s product of finite numbers, at most
/// [`limits::MAX_HANDOUT_VALUES`].
pub(crate) fn check_values(arg: &'static str, values: &[f32], shape: &[usize]) -> Result<()> {
    let n = limits::shape_values(OP, arg, shape, limits::MAX_HANDOUT_VALUES)?;
    ensure_arg!(values.len() == n, OP, arg, "has {} values but its shape {shape:?} needs {n}", values.len());
    limits::given(OP, arg, values.len() as u64, limits::MAX_HANDOUT_VALUES)?;
    ensure_arg!(values.iter().all(|v| v.is_finite()), OP, arg, "must hold finite numbers only");
    Ok(())
}

/// A number as the scripts print it: at most four decimals, trailing zeros and `-0` dropped.
pub fn show(v: f32) -> String {
    let s = format!("{v:.4}");
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.') } else { &s };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// The Python helper that prints numbers as [`show`] writes them.
pub(crate) const PY_SHOW: &str = r#"def show(*values):
    """Numbers as ConvPlay writes them: at most four decimals, no trailing zeros."""
    out = []
    for v in values:
        s = f"{float(v):.4f}".rstrip("0").rstrip(".")
        out.append("0" if s == "-0" else s)
    return " ".join(out)
"#;

/// A Python float literal of `v` (finite).
pub(crate) fn py_float(v: f32) -> String {
    let s = format!("{v}");
    if s.contains(['.', 'e', 'E']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// `values` as a Python list literal, `per_line` values on each indented line.
pub(crate) fn py_list(values: &[f32], per_line: usize) -> String {
    let rows: Vec<String> = values
        .chunks(per_line.max(1))
        .map(|row| format!("    {},", row.iter().map(|v| py_float(*v)).collect::<Vec<_>>().join(", ")))
        .collect();
    format!("[\n{}\n]", rows.join("\n"))
}

/// The expected-output block: `# Expected output:` (or `, to within N%:`) and one line each.
pub(crate) fn expected(lines: &[String], within_percent: Option<f32>) -> String {
    let head = match within_percent {
        Some(p) => format!("# Expected output, to within {}%:", show(p)),
        None => "# Expected output:".to_string(),
    };
    let body: Vec<String> = lines.iter().map(|l| format!("#   {l}")).collect();
    format!("{head}\n{}\n", body.join("\n"))
}
