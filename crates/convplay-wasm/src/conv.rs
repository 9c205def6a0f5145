//! `convplay_core::conv`: 2-D and 1-D convolution, forward, backward, traces and output sizes,
//! and the image filters.

use convplay_core::conv::filters::{filter_kernel as core_kernel, separable_cost as core_cost, FilterKind};
use convplay_core::conv::signal::{
    conv1d as core_conv1d, conv1d_output_len, conv1d_trace as core_conv1d_trace, Conv1dParams,
};
use convplay_core::conv::trace::conv2d_trace as core_trace;
use convplay_core::conv::{conv2d as core_conv2d, conv2d_backward as core_backward, Conv2dParams};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, optional1, options, tensor4, to_js, Tensor};

/// 2-D convolution. `input` `[n, c, h, w]`, `weight` `[o, c, kh, kw]`, optional `bias` `[o]`;
/// returns `{ shape, data }`.
#[wasm_bindgen]
pub fn conv2d(
    input: &[f32],
    input_shape: &[u32],
    weight: &[f32],
    weight_shape: &[u32],
    bias: Option<Vec<f32>>,
    options_js: JsValue,
) -> Result<JsValue, JsError> {
    let x = tensor4("conv2d", "input", input, input_shape)?;
    let w = tensor4("conv2d", "weight", weight, weight_shape)?;
    let b = optional1("conv2d", "bias", bias, w.shape()[0])?;
    let p = options::<Conv2dParams>("conv2d", options_js)?;
    let y = core_conv2d(x.view(), w.view(), b.as_ref().map(|b| b.view()), &p).map_err(js_err)?;
    Tensor::from_array(&y).to_js()
}

/// [`conv2d_backward`]'s result.
#[derive(Serialize)]
struct Conv2dGrads {
    input: Tensor,
    weight: Tensor,
    bias: Tensor,
}

/// Gradients of a 2-D convolution: `{ input, weight, bias }`, each `{ shape, data }`.
#[wasm_bindgen(js_name = conv2dBackward)]
pub fn conv2d_backward(
    input: &[f32],
    input_shape: &[u32],
    weight: &[f32],
    weight_shape: &[u32],
    grad_output: &[f32],
    grad_output_shape: &[u32],
    options_js: JsValue,
) -> Result<JsValue, JsError> {
    let x = tensor4("conv2dBackward", "input", input, input_shape)?;
    let w = tensor4("conv2dBackward", "weight", weight, weight_shape)?;
    let dy = tensor4("conv2dBackward", "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<Conv2dParams>("conv2dBackward", options_js)?;
    let g = core_backward(x.view(), w.view(), dy.view(), &p).map_err(js_err)?;
    to_js(&Conv2dGrads {
        input: Tensor::from_array(&g.input),
        weight: Tensor::from_array(&g.weight),
        bias: Tensor::from_array(&g.bias),
    })
}

/// The trace of output `[batch, outChannel, outRow, outCol]`: window, products, sums, bias, result.
#[wasm_bindgen(js_name = conv2dTrace)]
#[allow(clippy::too_many_arguments)]
pub fn conv2d_trace(
    input: &[f32],
    input_shape: &[u32],
    weight: &[f32],
    weight_shape: &[u32],
    bias: Option<Vec<f32>>,
    options_js: JsValue,
    batch: u32,
    out_channel: u32,
    out_row: u32,
    out_col: u32,
) -> Result<JsValue, JsError> {
    let x = tensor4("conv2dTrace", "input", input, input_shape)?;
    let w = tensor4("conv2dTrace", "weight", weight, weight_shape)?;
    let b = optional1("conv2dTrace", "bias", bias, w.shape()[0])?;
    let p = options::<Conv2dParams>("conv2dTrace", options_js)?;
    let t = core_trace(
        x.view(),
        w.view(),
        b.as_ref().map(|b| b.view()),
        &p,
        batch as usize,
        out_channel as usize,
        out_row as usize,
        out_col as usize,
    )
    .map_err(js_err)?;
    to_js(&t)
}

/// The output geometry of a 2-D window over `height × width`: `{ outH, outW, pads, … }`.
#[wasm_bindgen(js_name = convGeometry)]
pub fn conv_geometry(
    height: u32,
    width: u32,
    kernel_h: u32,
    kernel_w: u32,
    options_js: JsValue,
) -> Result<JsValue, JsError> {
    let p = options::<Conv2dParams>("convGeometry", options_js)?;
    let g = p
        .window(kernel_h as usize, kernel_w as usize)
        .resolve("convGeometry", height as usize, width as usize)
        .map_err(js_err)?;
    to_js(&g)
}

/// 1-D convolution of signal `x` with kernel `h` (default: full padding, true convolution).
#[wasm_bindgen]
pub fn conv1d(x: &[f32], h: &[f32], options_js: JsValue) -> Result<Vec<f32>, JsError> {
    let p = options::<Conv1dParams>("conv1d", options_js)?;
    core_conv1d(x, h, &p).map_err(js_err)
}

/// Length of [`conv1d`]'s output.
#[wasm_bindgen(js_name = conv1dOutputLength)]
pub fn conv1d_output_length(x_len: u32, h_len: u32, options_js: JsValue) -> Result<u32, JsError> {
    let p = options::<Conv1dParams>("conv1d", options_js)?;
    conv1d_output_len(x_len as usize, h_len as usize, &p).map(|n| n as u32).map_err(js_err)
}

/// The trace of output `index` of [`conv1d`].
#[wasm_bindgen(js_name = conv1dTrace)]
pub fn conv1d_trace(x: &[f32], h: &[f32], options_js: JsValue, index: u32) -> Result<JsValue, JsError> {
    let p = options::<Conv1dParams>("conv1dTrace", options_js)?;
    to_js(&core_conv1d_trace(x, h, &p, index as usize).map_err(js_err)?)
}

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
