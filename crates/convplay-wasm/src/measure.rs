//! `convplay_core::measure`: statistics and histograms, image transforms and shift differences,
//! parameter and multiplication counts and how they grow with the input (and the samples that
//! cover a cube), receptive fields.

use convplay_core::limits::MAX_SERIES_POINTS;
use convplay_core::measure::counts::{compare, conv_parameters, dense_parameters};
use convplay_core::measure::growth::{
    grid_cover as core_cover, parameter_growth as core_growth, GrowthOptions, MAX_GROWTH_INPUT,
};
use convplay_core::measure::receptive_field::{receptive_field_sizes as core_sizes, trace_back};
use convplay_core::measure::shift::{
    difference, relative_change as core_relative, shift_difference as core_shift_difference,
    undo_subsampled_shift as core_undo, ShiftDifference,
};
use convplay_core::measure::stats::{
    agreement as core_agreement, histogram_between, summarize as core_summarize,
};
use convplay_core::measure::transform::{rgba_to_gray as core_gray, rotate_scale, shift};
use convplay_core::tensor::image;
use convplay_core::Window2d;
use js_sys::Float32Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{
    bytes, config, count, f32s, index, int32, js_err, number, number64, optional, to_js, u32s, whole,
    JsResult,
};

/// Count, mean, variance, std, min, max, non-finite and non-zero counts of `values`.
#[wasm_bindgen]
pub fn summarize(values: &JsValue) -> JsResult<JsValue> {
    to_js(&core_summarize(&f32s("summarize", "values", values)?))
}

/// `{ same: boolean[], all, maxAbsDifference }`: whether `a` and `b` agree value by value to
/// float32 precision.
#[wasm_bindgen]
pub fn agreement(a: &JsValue, b: &JsValue) -> JsResult<JsValue> {
    let (a, b) = (f32s("agreement", "a", a)?, f32s("agreement", "b", b)?);
    to_js(&core_agreement(&a, &b).map_err(js_err)?)
}

/// Histogram of `values` in `bins` bins over `[lo, hi]` (both `undefined`: the data's range).
#[wasm_bindgen]
pub fn histogram(values: &JsValue, bins: &JsValue, lo: &JsValue, hi: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "histogram";
    let (values, bins) = (f32s(OP, "values", values)?, index(OP, "bins", bins)?);
    let lo = optional(lo).map(|v| number(OP, "lo", v)).transpose()?;
    let hi = optional(hi).map(|v| number(OP, "hi", v)).transpose()?;
    to_js(&histogram_between(&values, bins, lo, hi).map_err(js_err)?)
}

/// `image` (`h × w`) moved by `(dy, dx)` pixels, zeros moved in.
#[wasm_bindgen(js_name = shiftImage)]
pub fn shift_image(
    data: &JsValue,
    h: &JsValue,
    w: &JsValue,
    dy: &JsValue,
    dx: &JsValue,
) -> JsResult<Vec<f32>> {
    const OP: &str = "shiftImage";
    let (data, h, w) = (f32s(OP, "image", data)?, index(OP, "height", h)?, index(OP, "width", w)?);
    let (dy, dx) = (int32(OP, "dy", dy)?, int32(OP, "dx", dx)?);
    let img = image(OP, "image", &data, h, w).map_err(js_err)?;
    Ok(shift(img, dy as isize, dx as isize).into_raw_vec_and_offset().0)
}

/// `image` rotated by `degrees` and scaled by `factor` about its centre (bilinear).
#[wasm_bindgen(js_name = rotateScaleImage)]
pub fn rotate_scale_image(
    data: &JsValue,
    h: &JsValue,
    w: &JsValue,
    degrees: &JsValue,
    factor: &JsValue,
) -> JsResult<Vec<f32>> {
    const OP: &str = "rotateScaleImage";
    let (data, h, w) = (f32s(OP, "image", data)?, index(OP, "height", h)?, index(OP, "width", w)?);
    let (degrees, factor) = (number(OP, "degrees", degrees)?, number(OP, "factor", factor)?);
    let img = image(OP, "image", &data, h, w).map_err(js_err)?;
    Ok(rotate_scale(img, degrees, factor).map_err(js_err)?.into_raw_vec_and_offset().0)
}

/// Grey levels in [0, 1] from canvas RGBA bytes.
#[wasm_bindgen(js_name = rgbaToGray)]
pub fn rgba_to_gray(rgba: &JsValue, width: &JsValue, height: &JsValue) -> JsResult<Vec<f32>> {
    const OP: &str = "rgbaToGray";
    let (rgba, w, h) = (bytes(OP, "rgba", rgba)?, index(OP, "width", width)?, index(OP, "height", height)?);
    core_gray(&rgba, w, h).map_err(js_err)
}

/// `{ maxAbsInterior, maxAbs, interiorCells, relativeChange }` of `moved` against `original`
/// shifted by `(dy, dx)`, ignoring cells within `margin` of a border.
#[wasm_bindgen(js_name = shiftDifference)]
pub fn shift_difference(
    original: &JsValue,
    moved: &JsValue,
    h: &JsValue,
    w: &JsValue,
    dy: &JsValue,
    dx: &JsValue,
    margin: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "shiftDifference";
    let (original, moved) = (f32s(OP, "original", original)?, f32s(OP, "moved", moved)?);
    let (h, w) = (index(OP, "height", h)?, index(OP, "width", w)?);
    let (dy, dx, margin) = (int32(OP, "dy", dy)?, int32(OP, "dx", dx)?, index(OP, "margin", margin)?);
    let a = image(OP, "original", &original, h, w).map_err(js_err)?;
    let b = image(OP, "moved", &moved, h, w).map_err(js_err)?;
    to_js(&core_shift_difference(a, b, dy as isize, dx as isize, margin).map_err(js_err)?)
}

/// ‖b − a‖ / ‖a‖ for two arrays of the same length.
#[wasm_bindgen(js_name = relativeChange)]
pub fn relative_change(a: &JsValue, b: &JsValue) -> JsResult<f32> {
    let (a, b) = (f32s("relativeChange", "a", a)?, f32s("relativeChange", "b", b)?);
    core_relative(&a, &b).map_err(js_err)
}

/// `b − a`, value by value.
#[wasm_bindgen(js_name = differenceMap)]
pub fn difference_map(a: &JsValue, b: &JsValue) -> JsResult<Vec<f32>> {
    let (a, b) = (f32s("differenceMap", "a", a)?, f32s("differenceMap", "b", b)?);
    difference(&a, &b).map_err(js_err)
}

/// [`undo_subsampled_shift`]'s result: the difference map as a `Float32Array`.
#[derive(Serialize)]
struct UndoneShift {
    dy: isize,
    dx: isize,
    measured: ShiftDifference,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    difference: Float32Array,
}

/// Undo a shift of `(dy, dx)` pixels between maps `a` and `b` (`h × w`) subsampled by `step`:
/// the whole-cell shift that leaves the smallest difference away from a `margin`-wide border,
/// `{ dy, dx, measured, difference }` (`difference` = b − shift(a)).
#[wasm_bindgen(js_name = undoSubsampledShift)]
#[allow(clippy::too_many_arguments)]
pub fn undo_subsampled_shift(
    a: &JsValue,
    b: &JsValue,
    h: &JsValue,
    w: &JsValue,
    dy: &JsValue,
    dx: &JsValue,
    step: &JsValue,
    margin: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "undoSubsampledShift";
    let (a, b) = (f32s(OP, "a", a)?, f32s(OP, "b", b)?);
    let (h, w) = (index(OP, "height", h)?, index(OP, "width", w)?);
    let (dy, dx) = (int32(OP, "dy", dy)?, int32(OP, "dx", dx)?);
    let (step, margin) = (index(OP, "step", step)?, index(OP, "margin", margin)?);
    let a = image(OP, "a", &a, h, w).map_err(js_err)?;
    let b = image(OP, "b", &b, h, w).map_err(js_err)?;
    let u = core_undo(a, b, dy as isize, dx as isize, step, margin).map_err(js_err)?;
    let difference = Float32Array::from(&u.difference[..]);
    to_js(&UndoneShift { dy: u.dy, dx: u.dx, measured: u.measured, difference })
}

/// For layers `[{ kernel, stride, dilation, padding }, …]`: the closed-form receptive field
/// after each layer, `[{ size: [h, w], jump: [h, w] }, …]`.
#[wasm_bindgen(js_name = receptiveFieldSizes)]
pub fn receptive_field_sizes(layers: &JsValue) -> JsResult<JsValue> {
    let windows: Vec<Window2d> = config("receptiveFieldSizes", "layers", layers)?;
    to_js(&core_sizes(&windows).map_err(js_err)?)
}

/// The region of every map, input first, that unit `(row, col)` of layer `layer` depends on.
#[wasm_bindgen(js_name = receptiveField)]
pub fn receptive_field(
    height: &JsValue,
    width: &JsValue,
    layers: &JsValue,
    layer: &JsValue,
    row: &JsValue,
    col: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "receptiveField";
    let input = (index(OP, "height", height)?, index(OP, "width", width)?);
    let windows: Vec<Window2d> = config(OP, "layers", layers)?;
    let (layer, row, col) = (index(OP, "layer", layer)?, index(OP, "row", row)?, index(OP, "col", col)?);
    to_js(&trace_back(input, &windows, layer, row, col).map_err(js_err)?)
}

/// The lecture's MLP-versus-CNN numbers for an `h × w × c` input: `{ weightsPerDenseUnit,
/// denseWeights, convWeights, denseMultiplications, convMultiplications }`.
#[wasm_bindgen(js_name = compareLayers)]
pub fn compare_layers(
    h: &JsValue,
    w: &JsValue,
    c: &JsValue,
    units: &JsValue,
    filters: &JsValue,
    kernel: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "compareLayers";
    to_js(&compare(
        count(OP, "height", h)?,
        count(OP, "width", w)?,
        count(OP, "channels", c)?,
        count(OP, "units", units)?,
        count(OP, "filters", filters)?,
        count(OP, "kernel", kernel)?,
    ))
}

/// Learnable numbers of a dense layer: `inFeatures · outFeatures + outFeatures`.
#[wasm_bindgen(js_name = denseParameterCount)]
pub fn dense_parameter_count(in_features: &JsValue, out_features: &JsValue) -> JsResult<f64> {
    const OP: &str = "denseParameterCount";
    let (i, o) = (count(OP, "inFeatures", in_features)?, count(OP, "outFeatures", out_features)?);
    Ok(dense_parameters(i, o) as f64)
}

/// Learnable numbers of a convolution layer: `out · (in · k · k + 1)`.
#[wasm_bindgen(js_name = convParameterCount)]
pub fn conv_parameter_count(
    in_channels: &JsValue,
    out_channels: &JsValue,
    kernel: &JsValue,
) -> JsResult<f64> {
    const OP: &str = "convParameterCount";
    let (i, o) = (count(OP, "inChannels", in_channels)?, count(OP, "outChannels", out_channels)?);
    let k = count(OP, "kernel", kernel)?;
    Ok(conv_parameters(i, o, k, k) as f64)
}

/// The lecture's growth argument for an input of `nIn` neurons: `{ series, at, tenfold, factors }`,
/// each point `{ nIn, nOut, denseWeights, fixedWeights, convWeights }` for a dense layer with
/// `nOut = ⌈nIn / ratio⌉` units, one with a fixed number of units and a convolution; `options`
/// `{ from, to, points, ratio, units, filters, kernel, channels }`.
#[wasm_bindgen(js_name = parameterGrowth)]
pub fn parameter_growth(n_in: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "parameterGrowth";
    let n_in = whole(OP, "nIn", n_in, 1, MAX_GROWTH_INPUT)?;
    let options: GrowthOptions = config(OP, "options", options)?;
    to_js(&core_growth(n_in, &options).map_err(js_err)?)
}

/// Samples that cover `[0, 1]^d` at spacing `epsilon` for each `d` of `dims`: `{ epsilon,
/// perAxis, axis, points: [{ d, samples, log10 }] }` (`samples` is `null` beyond a double).
#[wasm_bindgen(js_name = gridCover)]
pub fn grid_cover(epsilon: &JsValue, dims: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "gridCover";
    let (epsilon, dims) = (number64(OP, "epsilon", epsilon)?, u32s(OP, "dims", dims, MAX_SERIES_POINTS)?);
    to_js(&core_cover(epsilon, &dims).map_err(js_err)?)
}
