//! Filter kernels, image transforms and the equivariance measurements, plus the dense layer for
//! the MLP contrast.

use convplay_core::conv::filters::{filter_kernel as core_kernel, separable_cost as core_cost, FilterKind};
use convplay_core::linear::dense as core_dense;
use convplay_core::measure::shift::{relative_change as core_relative, shift_difference as core_shift_difference};
use convplay_core::measure::transform::{rgba_to_gray as core_gray, rotate_scale, shift};
use convplay_core::tensor::element_count;
use ndarray::{ArrayView1, ArrayView2};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js, Tensor};

/// A filter kernel: `{ rows, cols, values, sum }` for `{ kind: "gaussian", sigma }`, `{ kind: "box", size }`, ….
#[wasm_bindgen(js_name = filterKernel)]
pub fn filter_kernel(kind: JsValue) -> Result<JsValue, JsError> {
    let k: FilterKind = config("filterKernel", "kind", kind)?;
    to_js(&core_kernel(k).map_err(js_err)?)
}

/// Multiplications for an `h × w` image and a `k × k` kernel: `{ direct, separable }`.
#[wasm_bindgen(js_name = separableCost)]
pub fn separable_cost(h: u32, w: u32, k: u32) -> Result<JsValue, JsError> {
    to_js(&core_cost(h as u64, w as u64, k as u64))
}

fn image<'a>(
    op: &'static str,
    arg: &'static str,
    data: &'a [f32],
    h: u32,
    w: u32,
) -> Result<ArrayView2<'a, f32>, JsError> {
    element_count(op, arg, &[h as usize, w as usize]).map_err(js_err)?;
    ArrayView2::from_shape((h as usize, w as usize), data).map_err(|_| {
        JsError::new(&format!(
            "{op}: {arg} must hold {h}×{w} = {} values, got {}",
            h as usize * w as usize,
            data.len()
        ))
    })
}

/// `image` (`h × w`) moved by `(dy, dx)` pixels, zeros moved in.
#[wasm_bindgen(js_name = shiftImage)]
pub fn shift_image(data: &[f32], h: u32, w: u32, dy: i32, dx: i32) -> Result<Vec<f32>, JsError> {
    let img = image("shiftImage", "image", data, h, w)?;
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
    let img = image("rotateScaleImage", "image", data, h, w)?;
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
    let a = image("shiftDifference", "original", original, h, w)?;
    let b = image("shiftDifference", "moved", moved, h, w)?;
    to_js(&core_shift_difference(a, b, dy as isize, dx as isize, margin as usize).map_err(js_err)?)
}

/// ‖b − a‖ / ‖a‖ for two arrays of the same length.
#[wasm_bindgen(js_name = relativeChange)]
pub fn relative_change(a: &[f32], b: &[f32]) -> Result<f32, JsError> {
    core_relative(a, b).map_err(js_err)
}

/// A dense layer: `input` `[batch, in]`, `weight` `[out, in]`, `bias` `[out]` → `{ shape, data }`.
#[wasm_bindgen]
pub fn dense(
    input: &[f32],
    batch: u32,
    weight: &[f32],
    out_features: u32,
    bias: &[f32],
) -> Result<JsValue, JsError> {
    let (n, o) = (batch as usize, out_features as usize);
    if n == 0 || o == 0 || input.len() % n != 0 {
        return Err(JsError::new(&format!("dense: input of {} values is not {batch} rows", input.len())));
    }
    let i = input.len() / n;
    let x = ArrayView2::from_shape((n, i), input).map_err(js_err)?;
    let w = ArrayView2::from_shape((o, i), weight).map_err(|_| {
        JsError::new(&format!("dense: weight must hold {o}×{i} values, got {}", weight.len()))
    })?;
    let b = ArrayView1::from(bias);
    let y = core_dense(x, w, b).map_err(js_err)?;
    Tensor::from_array(&y).to_js()
}
