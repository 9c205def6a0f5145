//! Convolution exports: 2-D and 1-D, forward, backward, traces and output sizes.

use convplay_core::conv::signal::{
    conv1d as core_conv1d, conv1d_output_len, conv1d_trace as core_conv1d_trace, Conv1dParams,
};
use convplay_core::conv::trace::conv2d_trace as core_trace;
use convplay_core::conv::{conv2d as core_conv2d, conv2d_backward as core_backward, Conv2dParams, ConvMode};
use convplay_core::Padding;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::convert::{js_err, optional1, options, tensor4, to_js, Pair, Tensor};

/// `{ stride?, padding?, dilation?, mode? }` as JavaScript passes it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConvOptions {
    stride: Option<Pair>,
    padding: Option<Padding>,
    dilation: Option<Pair>,
    mode: Option<ConvMode>,
}

impl ConvOptions {
    fn params(&self) -> Conv2dParams {
        let d = Conv2dParams::default();
        Conv2dParams {
            stride: self.stride.map_or(d.stride, Pair::get),
            padding: self.padding.unwrap_or(d.padding),
            dilation: self.dilation.map_or(d.dilation, Pair::get),
            mode: self.mode.unwrap_or(d.mode),
        }
    }

    fn params_1d(&self) -> Conv1dParams {
        let d = Conv1dParams::default();
        Conv1dParams {
            stride: self.stride.map_or(d.stride, |p| p.get().1),
            padding: self.padding.unwrap_or(d.padding),
            dilation: self.dilation.map_or(d.dilation, |p| p.get().1),
            mode: self.mode.unwrap_or(d.mode),
        }
    }
}

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
    let p = options::<ConvOptions>("conv2d", options_js)?.params();
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
    let p = options::<ConvOptions>("conv2dBackward", options_js)?.params();
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
    let p = options::<ConvOptions>("conv2dTrace", options_js)?.params();
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
    let p = options::<ConvOptions>("convGeometry", options_js)?.params();
    let g = p
        .window(kernel_h as usize, kernel_w as usize)
        .resolve("convGeometry", height as usize, width as usize)
        .map_err(js_err)?;
    to_js(&g)
}

/// 1-D convolution of signal `x` with kernel `h` (default: full padding, true convolution).
#[wasm_bindgen]
pub fn conv1d(x: &[f32], h: &[f32], options_js: JsValue) -> Result<Vec<f32>, JsError> {
    let p = options::<ConvOptions>("conv1d", options_js)?.params_1d();
    core_conv1d(x, h, &p).map_err(js_err)
}

/// Length of [`conv1d`]'s output.
#[wasm_bindgen(js_name = conv1dOutputLength)]
pub fn conv1d_output_length(x_len: u32, h_len: u32, options_js: JsValue) -> Result<u32, JsError> {
    let p = options::<ConvOptions>("conv1d", options_js)?.params_1d();
    conv1d_output_len(x_len as usize, h_len as usize, &p).map(|n| n as u32).map_err(js_err)
}

/// The trace of output `index` of [`conv1d`].
#[wasm_bindgen(js_name = conv1dTrace)]
pub fn conv1d_trace(x: &[f32], h: &[f32], options_js: JsValue, index: u32) -> Result<JsValue, JsError> {
    let p = options::<ConvOptions>("conv1dTrace", options_js)?.params_1d();
    to_js(&core_conv1d_trace(x, h, &p, index as usize).map_err(js_err)?)
}
