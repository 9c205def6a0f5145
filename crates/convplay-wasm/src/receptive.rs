//! Receptive fields and parameter counts: the numbers of the lecture's "why CNNs" argument,
//! computed by the same layer code that trains.

use convplay_core::measure::counts::{compare, conv_parameters, dense_parameters};
use convplay_core::measure::receptive_field::{field_sizes, trace_back};
use convplay_core::Window2d;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js};

/// For layers `[{ kernel, stride, dilation, padding }, …]`: the closed-form receptive field
/// after each layer, `[{ size: [h, w], jump: [h, w] }, …]`.
#[wasm_bindgen(js_name = receptiveFieldSizes)]
pub fn receptive_field_sizes(layers: JsValue) -> Result<JsValue, JsError> {
    let windows: Vec<Window2d> = config("receptiveFieldSizes", "layers", layers)?;
    to_js(&field_sizes(&windows))
}

/// The region of every map, input first, that unit `(row, col)` of layer `layer` depends on.
#[wasm_bindgen(js_name = receptiveField)]
pub fn receptive_field(
    height: u32,
    width: u32,
    layers: JsValue,
    layer: u32,
    row: u32,
    col: u32,
) -> Result<JsValue, JsError> {
    let windows: Vec<Window2d> = config("receptiveField", "layers", layers)?;
    let r =
        trace_back((height as usize, width as usize), &windows, layer as usize, row as usize, col as usize)
            .map_err(js_err)?;
    to_js(&r)
}

/// The lecture's MLP-versus-CNN numbers for an `h × w × c` input: `{ weightsPerDenseUnit,
/// denseWeights, convWeights, denseMultiplications, convMultiplications }`.
#[wasm_bindgen(js_name = compareLayers)]
pub fn compare_layers(
    h: f64,
    w: f64,
    c: f64,
    units: f64,
    filters: f64,
    kernel: f64,
) -> Result<JsValue, JsError> {
    let op = "compareLayers";
    let r = compare(
        whole(op, "height", h)?,
        whole(op, "width", w)?,
        whole(op, "channels", c)?,
        whole(op, "units", units)?,
        whole(op, "filters", filters)?,
        whole(op, "kernel", kernel)?,
    );
    to_js(&r)
}

/// Learnable numbers of a dense layer: `inFeatures · outFeatures + outFeatures`.
#[wasm_bindgen(js_name = denseParameterCount)]
pub fn dense_parameter_count(in_features: f64, out_features: f64) -> Result<f64, JsError> {
    let op = "denseParameterCount";
    Ok(dense_parameters(whole(op, "inFeatures", in_features)?, whole(op, "outFeatures", out_features)?)
        as f64)
}

/// Learnable numbers of a convolution layer: `out · (in · k · k + 1)`.
#[wasm_bindgen(js_name = convParameterCount)]
pub fn conv_parameter_count(in_channels: f64, out_channels: f64, kernel: f64) -> Result<f64, JsError> {
    let op = "convParameterCount";
    let k = whole(op, "kernel", kernel)?;
    Ok(conv_parameters(whole(op, "inChannels", in_channels)?, whole(op, "outChannels", out_channels)?, k, k)
        as f64)
}

fn whole(op: &str, arg: &str, v: f64) -> Result<u64, JsError> {
    if v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v <= 1e7 {
        Ok(v as u64)
    } else {
        Err(JsError::new(&format!("{op}: {arg} must be a whole number from 1 to 10,000,000, got {v}")))
    }
}
