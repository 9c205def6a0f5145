//! `convplay_core::measure`: statistics and histograms, image transforms and shift differences,
//! parameter and multiplication counts, receptive fields.

use convplay_core::measure::counts::{compare, conv_parameters, dense_parameters};
use convplay_core::measure::receptive_field::{field_sizes, trace_back};
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

use crate::convert::{config, count_arg, js_err, to_js};

/// Count, mean, variance, std, min, max, non-finite and non-zero counts of `values`.
#[wasm_bindgen]
pub fn summarize(values: &[f32]) -> Result<JsValue, JsError> {
    to_js(&core_summarize(values))
}

/// `{ same: boolean[], all, maxAbsDifference }`: whether `a` and `b` agree value by value to
/// float32 precision.
#[wasm_bindgen]
pub fn agreement(a: &[f32], b: &[f32]) -> Result<JsValue, JsError> {
    to_js(&core_agreement(a, b).map_err(js_err)?)
}

/// Histogram of `values` in `bins` bins over `[lo, hi]` (both `undefined`: the data's range).
#[wasm_bindgen]
pub fn histogram(values: &[f32], bins: u32, lo: Option<f32>, hi: Option<f32>) -> Result<JsValue, JsError> {
    to_js(&histogram_between(values, bins as usize, lo, hi).map_err(js_err)?)
}

/// `image` (`h × w`) moved by `(dy, dx)` pixels, zeros moved in.
#[wasm_bindgen(js_name = shiftImage)]
pub fn shift_image(data: &[f32], h: u32, w: u32, dy: i32, dx: i32) -> Result<Vec<f32>, JsError> {
    let img = image("shiftImage", "image", data, h as usize, w as usize).map_err(js_err)?;
    Ok(shift(img, dy as isize, dx as isize).into_raw_vec_and_offset().0)
}

/// `image` rotated by `degrees` and scaled by `factor` about its centre (bilinear).
#[wasm_bindgen(js_name = rotateScaleImage)]
pub fn rotate_scale_image(
    data: &[f32],
    h: u32,
    w: u32,
    degrees: f32,
    factor: f32,
) -> Result<Vec<f32>, JsError> {
    let img = image("rotateScaleImage", "image", data, h as usize, w as usize).map_err(js_err)?;
    Ok(rotate_scale(img, degrees, factor).map_err(js_err)?.into_raw_vec_and_offset().0)
}

/// Grey levels in [0, 1] from canvas RGBA bytes.
#[wasm_bindgen(js_name = rgbaToGray)]
pub fn rgba_to_gray(rgba: &[u8], width: u32, height: u32) -> Result<Vec<f32>, JsError> {
    core_gray(rgba, width as usize, height as usize).map_err(js_err)
}

/// `{ maxAbsInterior, maxAbs, interiorCells, relativeChange }` of `moved` against `original`
/// shifted by `(dy, dx)`, ignoring cells within `margin` of a border.
#[wasm_bindgen(js_name = shiftDifference)]
pub fn shift_difference(
    original: &[f32],
    moved: &[f32],
    h: u32,
    w: u32,
    dy: i32,
    dx: i32,
    margin: u32,
) -> Result<JsValue, JsError> {
    let a = image("shiftDifference", "original", original, h as usize, w as usize).map_err(js_err)?;
    let b = image("shiftDifference", "moved", moved, h as usize, w as usize).map_err(js_err)?;
    to_js(&core_shift_difference(a, b, dy as isize, dx as isize, margin as usize).map_err(js_err)?)
}

/// ‖b − a‖ / ‖a‖ for two arrays of the same length.
#[wasm_bindgen(js_name = relativeChange)]
pub fn relative_change(a: &[f32], b: &[f32]) -> Result<f32, JsError> {
    core_relative(a, b).map_err(js_err)
}

/// `b − a`, value by value.
#[wasm_bindgen(js_name = differenceMap)]
pub fn difference_map(a: &[f32], b: &[f32]) -> Result<Vec<f32>, JsError> {
    difference(a, b).map_err(js_err)
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
    a: &[f32],
    b: &[f32],
    h: u32,
    w: u32,
    dy: i32,
    dx: i32,
    step: u32,
    margin: u32,
) -> Result<JsValue, JsError> {
    const OP: &str = "undoSubsampledShift";
    let a = image(OP, "a", a, h as usize, w as usize).map_err(js_err)?;
    let b = image(OP, "b", b, h as usize, w as usize).map_err(js_err)?;
    let u = core_undo(a, b, dy as isize, dx as isize, step as usize, margin as usize).map_err(js_err)?;
    let difference = Float32Array::from(&u.difference[..]);
    to_js(&UndoneShift { dy: u.dy, dx: u.dx, measured: u.measured, difference })
}

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
    let input = (height as usize, width as usize);
    to_js(&trace_back(input, &windows, layer as usize, row as usize, col as usize).map_err(js_err)?)
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
    to_js(&compare(
        count_arg(op, "height", h)?,
        count_arg(op, "width", w)?,
        count_arg(op, "channels", c)?,
        count_arg(op, "units", units)?,
        count_arg(op, "filters", filters)?,
        count_arg(op, "kernel", kernel)?,
    ))
}

/// Learnable numbers of a dense layer: `inFeatures · outFeatures + outFeatures`.
#[wasm_bindgen(js_name = denseParameterCount)]
pub fn dense_parameter_count(in_features: f64, out_features: f64) -> Result<f64, JsError> {
    let op = "denseParameterCount";
    let (i, o) = (count_arg(op, "inFeatures", in_features)?, count_arg(op, "outFeatures", out_features)?);
    Ok(dense_parameters(i, o) as f64)
}

/// Learnable numbers of a convolution layer: `out · (in · k · k + 1)`.
#[wasm_bindgen(js_name = convParameterCount)]
pub fn conv_parameter_count(in_channels: f64, out_channels: f64, kernel: f64) -> Result<f64, JsError> {
    let op = "convParameterCount";
    let (i, o) = (count_arg(op, "inChannels", in_channels)?, count_arg(op, "outChannels", out_channels)?);
    let k = count_arg(op, "kernel", kernel)?;
    Ok(conv_parameters(i, o, k, k) as f64)
}
