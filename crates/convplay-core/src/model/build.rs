//! From a layer of a [`ModelConfig`] to the layer itself. Each layer's configuration is resolved
//! against its input shape (the channels or features it takes are inferred), and that one
//! configuration computes the output shape and the parameter count — for [`super::Model::new`]
//! and for [`super::describe`] alike, so the two always agree.

use crate::activation::ActivationConfig;
use crate::conv::layer::Conv2dConfig;
use crate::dropout::DropoutConfig;
use crate::init::{fans, Init};
use crate::linear::{DenseConfig, FlattenConfig};
use crate::model::config::{LayerConfig, ModelConfig};
use crate::model::LayerInfo;
use crate::norm::BatchNormConfig;
use crate::pool::Pool2dConfig;
use crate::{ensure_arg, limits, Error, Layer, Result, Rng, Window2d};

pub use crate::limits::{MAX_LAYERS, MAX_VALUES_PER_EXAMPLE as MAX_VALUES};

/// One layer's own configuration, resolved against its input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum LayerSpec {
    Conv2d(Conv2dConfig),
    Pool(Pool2dConfig),
    BlurPool(Pool2dConfig),
    Activation(ActivationConfig),
    BatchNorm(BatchNormConfig),
    Dropout(DropoutConfig),
    Flatten(FlattenConfig),
    Dense(DenseConfig),
}

impl LayerSpec {
    /// The configuration of layer `lc` for an input of `[c, h, w]` (nothing checked yet).
    pub(crate) fn resolve(lc: &LayerConfig, [c, h, w]: [usize; 3]) -> LayerSpec {
        match *lc {
            LayerConfig::Conv2d { out_channels, kernel, stride, padding, dilation, .. } => {
                LayerSpec::Conv2d(Conv2dConfig {
                    in_channels: c,
                    out_channels,
                    kernel: (kernel, kernel),
                    stride: (stride, stride),
                    padding,
                    dilation: (dilation, dilation),
                })
            }
            LayerConfig::Pool { pool, size, stride, padding, dilation, antialias } => {
                let window = Window2d::square(size)
                    .with_stride(stride.unwrap_or(size))
                    .with_padding(padding)
                    .with_dilation(dilation);
                let config = Pool2dConfig { kind: pool, window };
                if antialias {
                    LayerSpec::BlurPool(config)
                } else {
                    LayerSpec::Pool(config)
                }
            }
            LayerConfig::Activation { activation } => {
                LayerSpec::Activation(ActivationConfig::new(activation))
            }
            LayerConfig::BatchNorm { momentum, eps, eval_statistics } => {
                LayerSpec::BatchNorm(BatchNormConfig { channels: c, eps, momentum, eval_statistics })
            }
            LayerConfig::Dropout { dropout } => LayerSpec::Dropout(DropoutConfig::new(dropout)),
            LayerConfig::Flatten {} => LayerSpec::Flatten(FlattenConfig),
            LayerConfig::Dense { out_features, .. } => {
                let features = c.saturating_mul(h).saturating_mul(w);
                LayerSpec::Dense(DenseConfig::new(features, out_features))
            }
        }
    }

    /// The layer's output shape for `input`, after checking its configuration.
    pub(crate) fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        match self {
            LayerSpec::Conv2d(c) => c.output_shape(input),
            LayerSpec::Pool(c) | LayerSpec::BlurPool(c) => c.output_shape(input),
            LayerSpec::Activation(c) => c.output_shape(input),
            LayerSpec::BatchNorm(c) => c.output_shape(input),
            LayerSpec::Dropout(c) => c.output_shape(input),
            LayerSpec::Flatten(c) => c.output_shape(input),
            LayerSpec::Dense(c) => c.output_shape(input),
        }
    }

    /// Learnable numbers of the layer.
    pub(crate) fn parameter_count(&self) -> usize {
        match self {
            LayerSpec::Conv2d(c) => usize::try_from(c.parameter_count()).unwrap_or(usize::MAX),
            LayerSpec::Pool(_) | LayerSpec::BlurPool(_) => 0,
            LayerSpec::Activation(c) => c.parameter_count(),
            LayerSpec::BatchNorm(c) => c.parameter_count(),
            LayerSpec::Dropout(c) => c.parameter_count(),
            LayerSpec::Flatten(c) => c.parameter_count(),
            LayerSpec::Dense(c) => c.parameter_count(),
        }
    }

    /// What one example costs this layer on `input` giving `output` (both `[c, h, w]`):
    /// `(values, work)`, the largest buffer it holds per example (its output, or a convolution's
    /// windows laid out for the matrix product) and its forward multiply-adds.
    pub(crate) fn cost(&self, input: [usize; 3], output: [usize; 3]) -> (u64, u64) {
        let w = |n: usize| n as u64;
        let out = limits::product(&output.map(w));
        match self {
            LayerSpec::Conv2d(c) => {
                let taps = limits::product(&[w(input[0]), w(c.kernel.0), w(c.kernel.1)]);
                let positions = w(output[1]) * w(output[2]);
                let windows = if c.stride.1 == 1 { 0 } else { taps.saturating_mul(positions) };
                (out.max(windows), out.saturating_mul(taps))
            }
            LayerSpec::Pool(p) => (out, limits::product(&[out, w(p.window.kernel.0), w(p.window.kernel.1)])),
            LayerSpec::BlurPool(p) => {
                // The stride-1 pooling stage is held as well, and then blurred (9 taps per output).
                let mut stage = *p;
                stage.window.stride = (1, 1);
                let held = stage.output_shape(input).map_or(out, |s| limits::product(&s.map(w)));
                let work = limits::product(&[held, w(p.window.kernel.0), w(p.window.kernel.1)]);
                (out.max(held), work.saturating_add(out.saturating_mul(9)))
            }
            LayerSpec::Dense(d) => (out, w(d.in_features).saturating_mul(w(d.out_features))),
            _ => (out, out),
        }
    }

    /// The window of a convolution or pooling layer (`None` for the other kinds).
    pub(crate) fn window(&self) -> Option<Window2d> {
        match self {
            LayerSpec::Conv2d(c) => Some(c.params().window(c.kernel.0, c.kernel.1)),
            LayerSpec::Pool(c) | LayerSpec::BlurPool(c) => Some(c.window),
            _ => None,
        }
    }

    /// Build the layer (weights zero).
    fn init(&self) -> Result<Box<dyn Layer>> {
        Ok(match self {
            LayerSpec::Conv2d(c) => Box::new(c.init()?),
            LayerSpec::Pool(c) => Box::new(c.init()?),
            LayerSpec::BlurPool(c) => Box::new(crate::pool::BlurPool2d::new(*c)?),
            LayerSpec::Activation(c) => Box::new(c.init()?),
            LayerSpec::BatchNorm(c) => Box::new(c.init()?),
            LayerSpec::Dropout(c) => Box::new(c.init()?),
            LayerSpec::Flatten(c) => Box::new(c.init()?),
            LayerSpec::Dense(c) => Box::new(c.init()?),
        })
    }
}

/// The weight and bias initializers of a conv2d or dense layer.
pub(crate) fn inits(lc: &LayerConfig) -> Option<(Init, Init)> {
    match *lc {
        LayerConfig::Conv2d { weight_init, bias_init, .. }
        | LayerConfig::Dense { weight_init, bias_init, .. } => Some((weight_init, bias_init)),
        _ => None,
    }
}

/// A layer resolved and checked against its input.
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) spec: LayerSpec,
    pub(crate) info: LayerInfo,
    /// Per example: the largest buffer the layer holds and its forward multiply-adds
    /// ([`LayerSpec::cost`]).
    pub(crate) cost: (u64, u64),
}

/// Every layer that fits, in order, and the first that does not (index and error).
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) layers: Vec<Planned>,
    pub(crate) problem: Option<(usize, Error)>,
}

/// Resolve and check every layer of `config`, stopping at the first that does not fit. Nothing is
/// allocated for weights.
///
/// A layer that fits but brings the model above [`limits::MAX_PARAMETERS`] learnable numbers is
/// planned (and described) and is the problem.
///
/// **Errors** (rather than a problem) when the model as a whole is invalid: an input below 1×1×1
/// or above the limits ([`limits::MAX_CHANNELS`] channels, [`limits::MAX_IMAGE_SIDE`] per side,
/// [`MAX_VALUES`] values), no layers, or more than [`MAX_LAYERS`].
pub(crate) fn plan(config: &ModelConfig) -> Result<Plan> {
    const OP: &str = "model";
    let [c, h, w] = config.input;
    ensure_arg!(c >= 1 && h >= 1 && w >= 1, OP, "input", "must be at least 1×1×1, got {c}×{h}×{w}");
    limits::at_most(OP, "input channels", c as u64, limits::MAX_CHANNELS)?;
    limits::sides(OP, "input", (h, w), limits::MAX_IMAGE_SIDE)?;
    limits::shape_values(OP, "input", &config.input, MAX_VALUES)?;
    ensure_arg!(!config.layers.is_empty(), OP, "layers", "must contain at least one layer");
    let n = config.layers.len();
    ensure_arg!(n <= MAX_LAYERS, OP, "layers", "must be at most {MAX_LAYERS}, got {n}");
    let mut layers = Vec::with_capacity(n);
    let mut shape = config.input;
    let mut parameters = 0u64;
    for (i, lc) in config.layers.iter().enumerate() {
        match plan_layer(i, lc, shape) {
            Ok(p) => {
                shape = p.info.output_shape;
                parameters = parameters.saturating_add(p.info.parameter_count as u64);
                let cost = p.cost;
                layers.push(p);
                // A layer that fits but is too big is described, and is the problem.
                if let Err(e) = too_big(i, lc, cost, parameters) {
                    return Ok(Plan { layers, problem: Some((i, e)) });
                }
            }
            Err(e) => return Ok(Plan { layers, problem: Some((i, e)) }),
        }
    }
    Ok(Plan { layers, problem: None })
}

/// **Errors** if layer `i` (0-based) of kind `lc`, costing `(values, work)` per example, holds
/// more than [`limits::MAX_ELEMENTS`] values or takes more than [`limits::MAX_MULTIPLY_ADDS`] for
/// one image, or brings the model to more than [`limits::MAX_PARAMETERS`].
fn too_big(i: usize, lc: &LayerConfig, (values, work): (u64, u64), parameters: u64) -> Result<()> {
    let (n, kind) = (i + 1, lc.kind().name());
    if parameters > limits::MAX_PARAMETERS as u64 {
        return Err(limits::over(
            "model",
            "layers",
            format!(
                "layer {n} ({kind}) brings the model to {} learnable parameters; the limit is {}",
                limits::thousands(parameters),
                limits::thousands(limits::MAX_PARAMETERS as u64)
            ),
        ));
    }
    let what = format!("layer {n} ({kind}) on one image");
    limits::values("model", "layers", &what, values, limits::MAX_ELEMENTS)?;
    limits::work("model", "layers", &what, work)
}

/// Layer `i` (0-based) of kind `lc` on an input of `shape`; errors name the layer.
fn plan_layer(i: usize, lc: &LayerConfig, shape: [usize; 3]) -> Result<Planned> {
    let at = |e: Error| Error::shape("model", format!("layer {} ({}): {}", i + 1, lc.kind().name(), e));
    let spec = LayerSpec::resolve(lc, shape);
    let out = spec.output_shape(shape).map_err(at)?;
    let [oc, oh, ow] = out;
    let what = format!("layer {} ({}) output {oc}×{oh}×{ow}", i + 1, lc.kind().name());
    limits::values("model", "layers", &what, limits::product(&out.map(|d| d as u64)), MAX_VALUES)?;
    let cost = spec.cost(shape, out);
    if let Some((weight_init, bias_init)) = inits(lc) {
        weight_init.validate().map_err(at)?;
        bias_init.validate().map_err(at)?;
    }
    let info = LayerInfo {
        kind: lc.kind().name(),
        input_shape: shape,
        output_shape: out,
        parameter_count: spec.parameter_count(),
    };
    Ok(Planned { spec, info, cost })
}

/// Build a planned layer and fill its weights and biases with the configured initializers.
pub(crate) fn build(
    planned: &Planned,
    index: usize,
    lc: &LayerConfig,
    rng: &mut Rng,
) -> Result<Box<dyn Layer>> {
    let at = |e: Error| Error::shape("model", format!("layer {} ({}): {}", index + 1, lc.kind().name(), e));
    let mut layer = planned.spec.init().map_err(at)?;
    if let Some((weight_init, bias_init)) = inits(lc) {
        let params = layer.params_mut();
        let (fan_in, fan_out) = fans(params[0].value.shape()).map_err(at)?;
        weight_init.fill(&mut params[0].value, fan_in, fan_out, rng).map_err(at)?;
        bias_init.fill(&mut params[1].value, fan_in, fan_out, rng).map_err(at)?;
    }
    Ok(layer)
}
