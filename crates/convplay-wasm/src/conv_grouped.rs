//! `convplay_core::conv::grouped`: grouped (through depthwise) 2-D convolution, forward and
//! backward, and what a convolution costs from standard to depthwise-separable.

use convplay_core::conv::grouped::{
    conv2d_grouped as core_grouped, conv2d_grouped_backward as core_backward,
};
use convplay_core::conv::grouped_counts::{convolution_counts as core_counts, CountsSpec};
use convplay_core::conv::Conv2dParams;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, index, js_err, optional1, options, tensor4, to_js, JsResult, Tensor};

/// Grouped 2-D convolution. `input` `[n, c, h, w]`, `weight` `[f, c/groups, kh, kw]`, optional
/// `bias` `[f]`, options as `conv2d`'s, `groups` dividing `c` and `f`; returns `{ shape, data }`.
#[wasm_bindgen(js_name = conv2dGrouped)]
pub fn conv2d_grouped(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    options_js: &JsValue,
    groups: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dGrouped";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[0])?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    let g = index(OP, "groups", groups)?;
    let y = core_grouped(x.view(), w.view(), b.as_ref().map(|b| b.view()), &p, g).map_err(js_err)?;
    Tensor::from_array(&y).to_js()
}

/// [`conv2d_grouped_backward`]'s result.
#[derive(Serialize)]
struct Grads {
    input: Tensor,
    weight: Tensor,
    bias: Tensor,
}

/// Gradients of a grouped 2-D convolution: `{ input, weight, bias }`, each `{ shape, data }`.
#[wasm_bindgen(js_name = conv2dGroupedBackward)]
#[allow(clippy::too_many_arguments)]
pub fn conv2d_grouped_backward(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options_js: &JsValue,
    groups: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dGroupedBackward";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    let g = index(OP, "groups", groups)?;
    let grads = core_backward(x.view(), w.view(), dy.view(), &p, g).map_err(js_err)?;
    to_js(&Grads {
        input: Tensor::from_array(&grads.input),
        weight: Tensor::from_array(&grads.weight),
        bias: Tensor::from_array(&grads.bias),
    })
}

/// What a convolution `{ channels, filters, kernel, height, width, groups, bias? }` costs with
/// `options` (as `conv2d`'s): `{ outH, outW, groups, channelsPerGroup, filtersPerGroup,
/// validGroups, grouped, standard, depthwise, pointwise, separable, ratio, reads }`, each cost
/// `{ filters, channelsPerFilter, weights, biases, parameters, multiplications }`.
#[wasm_bindgen(js_name = convolutionCounts)]
pub fn convolution_counts(spec: &JsValue, options_js: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "convolutionCounts";
    let spec: CountsSpec = config(OP, "spec", spec)?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    to_js(&core_counts(&spec, &p).map_err(js_err)?)
}
