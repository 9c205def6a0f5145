//! `convplay_core::pool::blur_pool2d` and `convplay_core::measure::antialias`: blur, then
//! subsample, and how much it lowers the shift sensitivity over the test digits.

use convplay_core::measure::antialias::{compare_blur, model_shift_sensitivity, SubsampleLayer};
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::pool::{blur_pool2d as core_blur_pool, Pool2dConfig, PoolSettings};
use ndarray::{s, Axis};
use wasm_bindgen::prelude::*;

use crate::convert::{config, index, js_err, tensor4, to_js, JsResult, Tensor};
use crate::data::digits_arg;

/// Blur-pool `input` `[n, c, h, w]` (pool with stride 1, binomial blur, subsample by the stride);
/// options as `pool2d`'s. Returns `{ shape, data }`, the plain pooling's shape.
#[wasm_bindgen(js_name = blurPool2d)]
pub fn blur_pool2d(input: &JsValue, input_shape: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "blurPool2d";
    let x = tensor4(OP, "input", input, input_shape)?;
    let p: Pool2dConfig = config::<PoolSettings>(OP, "options", options)?.into();
    Tensor::from_array(&core_blur_pool(x.view(), &p).map_err(js_err)?).to_js()
}

/// The first `count` test digits of a `Digits` handle, `[count, h, w]` (one channel).
pub(crate) fn test_digits(
    op: &'static str,
    digits: &JsValue,
    count: &JsValue,
) -> JsResult<ndarray::Array3<f32>> {
    let d = digits_arg(op, digits)?;
    let n = index(op, "count", count)?;
    let images = d.test.images();
    if n == 0 || n > images.len_of(Axis(0)) || images.shape()[1] != 1 {
        return Err(JsError::new(&format!(
            "{op}: count must be 1 to {} (one-channel test digits), got {n}",
            images.len_of(Axis(0))
        )));
    }
    Ok(images.slice(s![..n, 0, .., ..]).to_owned())
}

/// `{ plain, blurred, ratio, reduced }` over the first `count` test digits shifted right by 0 to
/// `maxShift` pixels; each of `plain` and `blurred` is `{ shifts, curve, onePixel, digits }`.
/// `layer` is `{ kind: "maxPool", size, stride }` or `{ kind: "conv", rows, cols, values, stride }`.
#[wasm_bindgen(js_name = blurShiftSensitivity)]
pub fn blur_shift_sensitivity(
    digits: &JsValue,
    count: &JsValue,
    layer: &JsValue,
    max_shift: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "blurShiftSensitivity";
    let images = test_digits(OP, digits, count)?;
    let layer: SubsampleLayer = config(OP, "layer", layer)?;
    let d = index(OP, "maxShift", max_shift)?;
    to_js(&compare_blur(images.view(), &layer, d).map_err(js_err)?)
}

/// The shift sensitivity of a model's class probabilities (built from `modelConfig` with its
/// seed, evaluation mode) over the first `count` test digits: `{ shifts, curve, onePixel, digits }`.
#[wasm_bindgen(js_name = modelShiftSensitivity)]
pub fn model_shift_sensitivity_js(
    model_config: &JsValue,
    digits: &JsValue,
    count: &JsValue,
    max_shift: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "modelShiftSensitivity";
    let mc: ModelConfig = config(OP, "modelConfig", model_config)?;
    let mut model = Model::new(mc).map_err(js_err)?;
    let images = test_digits(OP, digits, count)?;
    let d = index(OP, "maxShift", max_shift)?;
    to_js(&model_shift_sensitivity(&mut model, images.view(), d).map_err(js_err)?)
}
