//! A model described without building it: per layer its shapes, parameter count, receptive field
//! and padding, from the same per-layer configurations [`super::Model::new`] builds from — so a
//! page can show a stack (and the layer that does not fit) without allocating any weights.
//!
//! ```text
//! input 32×32 → conv 5×5 → 28×28   field 5×5,   jump 1
//!             → pool 2/2 → 14×14   field 6×6,   jump 2
//!             → conv 5×5 → 10×10   field 14×14, jump 2
//!             → pool 2/2 →  5×5    field 16×16, jump 4
//! ```
//! Element-wise layers (activation, batch norm, dropout) keep the field; flatten and dense units
//! see the whole input, so they and every layer after them have none.

use serde::Serialize;

use super::build::{plan, LayerSpec, Planned};
use super::config::ModelConfig;
use super::LayerInfo;
use crate::measure::receptive_field::{field_sizes, trace_back, FieldSize, Region};
use crate::{ensure_arg, Error, Pads, Result, Window2d};

/// One layer of a [`Description`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerDescription {
    /// Kind, input and output shapes, parameter count — as [`super::Model::layer_infos`] gives them.
    #[serde(flatten)]
    pub info: LayerInfo,
    /// Receptive field size and jump in input pixels after this layer; `None` for flatten, dense
    /// and every layer after them.
    pub receptive_field: Option<FieldSize>,
    /// The zero padding a convolution or pooling layer adds on each side; `None` for other kinds.
    pub pads: Option<Pads>,
}

/// The first layer that does not fit its input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// Its index (0-based): the number of layers described before it.
    pub layer: usize,
    /// What [`super::Model::new`] says about it.
    pub message: String,
}

/// A model's layers as built, without building them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Description {
    /// Every layer up to the first that does not fit.
    pub layers: Vec<LayerDescription>,
    /// Learnable numbers of the described layers.
    pub parameter_count: usize,
    /// The first layer that does not fit, if any.
    pub problem: Option<Problem>,
}

/// The window a layer slides for receptive fields: its own for convolution and pooling, one pixel
/// for element-wise layers; `None` for flatten and dense.
fn field_window(p: &Planned) -> Option<Window2d> {
    match p.spec {
        LayerSpec::Flatten(_) | LayerSpec::Dense(_) => None,
        spec => Some(spec.window().unwrap_or(Window2d::square(1))),
    }
}

/// The windows of the layers before the first flatten or dense layer.
fn spatial_windows(layers: &[Planned]) -> Vec<Window2d> {
    layers.iter().map_while(field_window).collect()
}

/// Describe every layer of `config`: shapes, parameter count, receptive field and padding. A
/// layer that does not fit ends the description with a [`Problem`] holding the message
/// [`super::Model::new`] would give.
///
/// **Errors** when the model as a whole is invalid (input below 1×1×1 or too large, no layers or
/// too many), as [`super::Model::new`] does.
pub fn describe(config: &ModelConfig) -> Result<Description> {
    let plan = plan(config)?;
    let fields = field_sizes(&spatial_windows(&plan.layers));
    let layers: Vec<LayerDescription> = plan
        .layers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let [_, h, w] = p.info.input_shape;
            let pads = match p.spec.window() {
                Some(window) => Some(window.resolve("describe", h, w)?.pads),
                None => None,
            };
            Ok(LayerDescription { info: p.info.clone(), receptive_field: fields.get(i).copied(), pads })
        })
        .collect::<Result<_>>()?;
    Ok(Description {
        parameter_count: layers.iter().fold(0usize, |n, l| n.saturating_add(l.info.parameter_count)),
        layers,
        problem: plan.problem.map(|(layer, e)| Problem { layer, message: e.to_string() }),
    })
}

/// The regions, input first, that unit `(row, col)` of layer `layer`'s output sees in every map
/// before it (one region per map; element-wise layers pass a region through unchanged).
///
/// **Errors** when a layer up to `layer` does not fit (the message [`super::Model::new`] gives),
/// `layer` is out of range, is or follows a flatten or dense layer, or the unit lies outside
/// its map.
pub fn trace_unit(config: &ModelConfig, layer: usize, row: usize, col: usize) -> Result<Vec<Region>> {
    const OP: &str = "traceUnit";
    let plan = plan(config)?;
    if let Some((i, e)) = plan.problem {
        if i <= layer {
            return Err(e);
        }
    }
    let n = plan.layers.len();
    ensure_arg!(layer < n, OP, "layer", "must be below {n}, got {layer}");
    let windows = spatial_windows(&plan.layers);
    let flat = windows.len(); // the first flatten or dense layer
    if flat <= layer {
        let named = |i: usize| format!("{} ({})", i + 1, plan.layers[i].info.kind);
        let whole = if flat == layer {
            format!("{} sees the whole input", named(layer))
        } else {
            format!("{} follows layer {}, whose units see the whole input", named(layer), named(flat))
        };
        return Err(Error::arg(
            OP,
            "layer",
            format!("{whole}: only layers before the first flatten or dense layer have receptive fields"),
        ));
    }
    let [_, h, w] = config.input;
    trace_back((h, w), &windows, layer, row, col)
}
