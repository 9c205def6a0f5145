//! `convplay_core::conv::transposed`: transposed convolution (weight `[C_in, C_out, kh, kw]`, as
//! PyTorch), forward, backward, its output sizes, the scatter and gather trace, a finite-difference
//! check.

use convplay_core::conv::transposed::{
    conv_transpose2d as core_forward, conv_transpose2d_backward as core_backward, ConvTranspose2dParams,
};
use convplay_core::conv::transposed_trace::{
    conv_transpose2d_gradient_check as core_check, conv_transpose2d_trace as core_trace,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, index, js_err, number, optional1, options, tensor4, to_js, JsResult, Tensor};

/// Transposed convolution. `input` `[n, cIn, h, w]`, `weight` `[cIn, cOut, kh, kw]`, optional
/// `bias` `[cOut]`, options `{ stride, padding, outputPadding, dilation }`; returns `{ shape, data }`.
#[wasm_bindgen(js_name = convTranspose2d)]
pub fn conv_transpose2d(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convTranspose2d";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[1])?;
    let p = options::<ConvTranspose2dParams>(OP, options_js)?;
    let y = core_forward(x.view(), w.view(), b.as_ref().map(|b| b.view()), &p).map_err(js_err)?;
    Tensor::from_array(&y).to_js()
}

/// [`conv_transpose2d_backward`]'s result.
#[derive(Serialize)]
struct Grads {
    input: Tensor,
    weight: Tensor,
    bias: Tensor,
}

/// Gradients of a transposed convolution: `{ input, weight, bias }`, each `{ shape, data }`.
#[wasm_bindgen(js_name = convTranspose2dBackward)]
pub fn conv_transpose2d_backward(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convTranspose2dBackward";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<ConvTranspose2dParams>(OP, options_js)?;
    let g = core_backward(x.view(), w.view(), dy.view(), &p).map_err(js_err)?;
    to_js(&Grads {
        input: Tensor::from_array(&g.input),
        weight: Tensor::from_array(&g.weight),
        bias: Tensor::from_array(&g.bias),
    })
}

/// The output-size formula of a transposed convolution over `height × width` with a `kernelH ×
/// kernelW` kernel: `{ height: { input, kernel, stride, padding, dilation, outputPadding, output },
/// width: … }`.
#[wasm_bindgen(js_name = convTranspose2dGeometry)]
pub fn conv_transpose2d_geometry(
    height: &JsValue,
    width: &JsValue,
    kernel_h: &JsValue,
    kernel_w: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convTranspose2dGeometry";
    let (h, w) = (index(OP, "height", height)?, index(OP, "width", width)?);
    let (kh, kw) = (index(OP, "kernelH", kernel_h)?, index(OP, "kernelW", kernel_w)?);
    let p = options::<ConvTranspose2dParams>(OP, options_js)?;
    to_js(&p.resolve(OP, h, w, kh, kw).map_err(js_err)?)
}

/// Both views of sample `batch`, output channel `outChannel`: `{ geometry, bias, scatter: [{
/// channel, row, col, input, originRow, originCol, terms: [{ kernelRow, kernelCol, outRow, outCol,
/// weight, product, running }], cut }], scatterOutput, gather: { rows, cols, padTop, padBottom,
/// padLeft, padRight, cells: [{ kind, inputRow, inputCol, value }], steps: [{ outRow, outCol,
/// terms, sum, result }] }, gatherOutput, agreement: { same, all, maxAbsDifference } }`.
#[wasm_bindgen(js_name = convTranspose2dTrace)]
#[allow(clippy::too_many_arguments)]
pub fn conv_transpose2d_trace(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    options_js: &JsValue,
    batch: &JsValue,
    out_channel: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convTranspose2dTrace";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[1])?;
    let p = options::<ConvTranspose2dParams>(OP, options_js)?;
    let (n, o) = (index(OP, "batch", batch)?, index(OP, "outChannel", out_channel)?);
    to_js(&core_trace(x.view(), w.view(), b.as_ref().map(|b| b.view()), &p, n, o).map_err(js_err)?)
}

/// Nudge input `[batch, channel, row, col]` by ±h and compare the change of `L = Σ y·∂L/∂y` with
/// ∂L/∂x there: `{ h, lossPlus, lossMinus, quotient, gradient, difference, tolerance, agree }`.
#[wasm_bindgen(js_name = convTranspose2dGradientCheck)]
#[allow(clippy::too_many_arguments)]
pub fn conv_transpose2d_gradient_check(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options_js: &JsValue,
    at: &JsValue,
    h: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convTranspose2dGradientCheck";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[1])?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<ConvTranspose2dParams>(OP, options_js)?;
    let at = config::<[usize; 4]>(OP, "at", at)?;
    let h = number(OP, "h", h)?;
    let b = b.as_ref().map(|b| b.view());
    to_js(&core_check(x.view(), w.view(), b, dy.view(), &p, at, h).map_err(js_err)?)
}
