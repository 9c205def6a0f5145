//! The one compact layer code: a model's layers as a short text for links and editors, parsed and
//! printed here so every page reads and writes the same code.
//!
//! ```text
//! c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10        tokens joined by "_", input first
//!
//! c{filters}k{kernel}[s{stride}][d{dilation}][p{v|s|f|N}][i{init}]   conv2d
//! mp{size} ap{size} lp{size} gp{size} [s{stride}][d{dilation}][p{v|s|f|N}]
//!                                pool: max, average, L2, Gaussian (σ = 1); stride = size
//! mp{size}…b (e.g. mp2b)         the same pool blurred, then subsampled (antialias: pool with
//!                                stride 1, binomial [1 2 1]/4 ⊗ [1 2 1]/4, keep every stride-th)
//! relu tanh sigm lrelu           activation (leaky ReLU slope 0.01)
//! bn                             batch norm (default settings)
//! do{percent}                    inverted dropout, p = percent / 100
//! fl                             flatten
//! d{units}[i{init}]              dense
//!
//! padding  v valid (default), s same, f full, N zeros on every side
//! init     hn He normal (default), hu He uniform, xn/xu Xavier, ln/lu LeCun
//! ```
//!
//! Printing leaves every default out, so `parse(print(x)) == x` for every `x` that parse gives,
//! and `print(parse(c)) == c` for a code written that way (`c8k5ps` is one; `c8k5s1pv` parses to
//! the same layer as `c8k5`). The receptive-field page's older code, `c5s1d1pv.p2s2d1pv` (layers
//! joined by ".", `c{kernel}s{stride}d{dilation}p{padding}` a one-filter convolution,
//! `p{size}s{stride}d{dilation}p{padding}` a max pool), is translated on read.

use crate::activation::Activation;
use crate::init::Init;
use crate::model::config::LayerConfig;
use crate::norm::{BatchNormConfig, EvalStatistics};
use crate::pool::PoolKind;
use crate::{Error, Result};

mod parse;
mod print;

pub use crate::limits::MAX_CODE_LAYERS;
const WHAT: &str = "layer code";

const INITS: [(&str, Init); 6] = [
    ("hn", Init::HeNormal),
    ("hu", Init::HeUniform),
    ("xn", Init::XavierNormal),
    ("xu", Init::XavierUniform),
    ("ln", Init::LecunNormal),
    ("lu", Init::LecunUniform),
];
const POOLS: [(&str, PoolKind); 4] = [
    ("mp", PoolKind::Max),
    ("ap", PoolKind::Average),
    ("lp", PoolKind::L2),
    ("gp", PoolKind::Gaussian { sigma: 1.0 }),
];
const ACTIVATIONS: [(&str, Activation); 4] = [
    ("relu", Activation::Relu),
    ("tanh", Activation::Tanh),
    ("sigm", Activation::Sigmoid),
    ("lrelu", Activation::LeakyRelu { slope: LEAKY_SLOPE }),
];
const LEAKY_SLOPE: f32 = 0.01;

/// Why a token is not a layer.
enum Bad {
    NotACode,
    SizeZero,
    UnknownInit(String),
    AllDropped,
}

/// The layers of a code (either grammar).
///
/// **Errors** with [`Error::Format`] naming the first bad token and its place: `layer code:
/// layer 3 "c8x" is not a layer code`; also for an empty code, a size of 0, an unknown
/// initializer, dropout of 100 percent or more, or more than [`MAX_CODE_LAYERS`] layers.
pub fn parse_layers(code: &str) -> Result<Vec<LayerConfig>> {
    if code.is_empty() {
        return Err(Error::format(WHAT, "the layer list is empty"));
    }
    crate::limits::at_most(WHAT, "code length", code.len() as u64, crate::limits::MAX_CODE_BYTES)?;
    let legacy = !code.contains('_') && (code.contains('.') || parse::legacy_token(code).is_ok());
    let tokens: Vec<&str> = if legacy { code.split('.').collect() } else { code.split('_').collect() };
    if tokens.len() > MAX_CODE_LAYERS {
        return Err(Error::format(
            WHAT,
            format!("the layer list has {} layers; at most {MAX_CODE_LAYERS} are allowed", tokens.len()),
        ));
    }
    let parse: fn(&str) -> std::result::Result<LayerConfig, Bad> =
        if legacy { parse::legacy_token } else { parse::token };
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            parse(t).map_err(|bad| {
                let (n, t) = (i + 1, quote(t));
                Error::format(
                    WHAT,
                    match bad {
                        Bad::NotACode => format!("layer {n} {t} is not a layer code"),
                        Bad::SizeZero => format!("layer {n} {t} has a size of 0"),
                        Bad::UnknownInit(c) => format!("layer {n} {t} names an unknown initialiser {c:?}"),
                        Bad::AllDropped => format!("layer {n} {t} drops 100 percent or more; at most 99"),
                    },
                )
            })
        })
        .collect()
}

/// The canonical code of `layers` (defaults left out).
///
/// **Errors** with [`Error::Format`] naming the first layer the code cannot write (an
/// initializer without a code, non-default batch-norm settings, uniform-noise dropout, a leaky
/// ReLU slope other than 0.01, Gaussian pooling with σ ≠ 1, padding that differs between the axes,
/// a non-zero bias initializer), or when there are no layers or more than [`MAX_CODE_LAYERS`].
pub fn print_layers(layers: &[LayerConfig]) -> Result<String> {
    if layers.is_empty() || layers.len() > MAX_CODE_LAYERS {
        return Err(Error::format(
            WHAT,
            format!("a layer code holds 1 to {MAX_CODE_LAYERS} layers, got {}", layers.len()),
        ));
    }
    let tokens = layers.iter().enumerate().map(|(i, lc)| {
        print::print_layer(lc).map_err(|why| {
            Error::format(WHAT, format!("layer {} ({}) has no layer code: {why}", i + 1, lc.kind().name()))
        })
    });
    Ok(tokens.collect::<Result<Vec<_>>>()?.join("_"))
}

/// `code` with its last layer, which must be dense, giving `k` outputs: the network of a layer
/// code made to classify a dataset of `k` classes (`"c8k5_relu_mp2_fl_d10"`, 3 →
/// `"c8k5_relu_mp2_fl_d3"`).
///
/// **Errors** if the code does not parse, its last layer is not dense, or `k` is not 2 to
/// [`crate::limits::MAX_CLASSES`].
pub fn layers_for_classes(code: &str, k: usize) -> Result<String> {
    const OP: &str = "layersForClasses";
    let max = crate::limits::MAX_CLASSES;
    crate::ensure_arg!((2..=max).contains(&k), OP, "k", "must be 2 to {max} classes, got {k}");
    let mut layers = parse_layers(code)?;
    match layers.last_mut() {
        Some(LayerConfig::Dense { out_features, .. }) => *out_features = k,
        Some(last) => {
            return Err(Error::arg(
                OP,
                "code",
                format!(
                    "must end with a dense layer (such as d{k}) whose units become the classes; its last layer is {}",
                    last.kind().name()
                ),
            ))
        }
        None => return Err(Error::format(WHAT, "the layer list is empty")),
    }
    print_layers(&layers)
}

/// A token for messages: quoted, at most 20 characters.
fn quote(token: &str) -> String {
    format!("\"{}\"", token.chars().take(20).collect::<String>())
}

fn default_batch_norm() -> LayerConfig {
    LayerConfig::BatchNorm {
        momentum: BatchNormConfig::DEFAULT_MOMENTUM,
        eps: BatchNormConfig::DEFAULT_EPS,
        eval_statistics: EvalStatistics::Running,
    }
}
