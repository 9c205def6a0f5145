//! `convplay_core::conv`: 2-D and 1-D convolution, forward, backward, traces and output sizes,
//! both orders of a convolution, convolution of functions of time, and the image filters.

use convplay_core::conv::backward_trace::{
    conv2d_backward_trace as core_backward_trace, conv2d_gradient_check,
};
use convplay_core::conv::commute::{both_orders, OrderVerdicts};
use convplay_core::conv::continuous::{continuous_conv as core_continuous, ContinuousOptions, Signal};
use convplay_core::conv::filters::{
    filter_kernel as core_kernel, gaussian_blur as core_blur, separable_cost as core_cost, FilterKind,
    SeparableCost,
};
use convplay_core::conv::signal::{
    conv1d as core_conv1d, conv1d_output_len, conv1d_trace as core_conv1d_trace, Conv1dParams,
};
use convplay_core::conv::trace::conv2d_trace as core_trace;
use convplay_core::conv::{conv2d as core_conv2d, conv2d_backward as core_backward, Conv2dParams, ConvMode};
use convplay_core::tensor::image;
use js_sys::Float32Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{
    config, enum_arg, f32s, index, js_err, number, optional1, options, tensor4, to_js, whole, JsResult,
    Tensor,
};

/// 2-D convolution. `input` `[n, c, h, w]`, `weight` `[o, c, kh, kw]`, optional `bias` `[o]`;
/// returns `{ shape, data }`.
#[wasm_bindgen]
pub fn conv2d(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2d";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[0])?;
    let p = options::<Conv2dParams>(OP, options_js)?;
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
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dBackward";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<Conv2dParams>(OP, options_js)?;
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
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    bias: &JsValue,
    options_js: &JsValue,
    batch: &JsValue,
    out_channel: &JsValue,
    out_row: &JsValue,
    out_col: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dTrace";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[0])?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    let (n, o) = (index(OP, "batch", batch)?, index(OP, "outChannel", out_channel)?);
    let (r, c) = (index(OP, "outRow", out_row)?, index(OP, "outCol", out_col)?);
    let t = core_trace(x.view(), w.view(), b.as_ref().map(|b| b.view()), &p, n, o, r, c).map_err(js_err)?;
    to_js(&t)
}

/// The terms of one gradient cell: `cell` is `{ of: "input", batch, channel, row, col }` (∂L/∂x) or
/// `{ of: "weight", outChannel, channel, row, col }` (∂L/∂w); returns `{ cell, terms, sum, stride }`.
#[wasm_bindgen(js_name = conv2dBackwardTrace)]
#[allow(clippy::too_many_arguments)]
pub fn conv2d_backward_trace(
    input: &JsValue,
    input_shape: &JsValue,
    weight: &JsValue,
    weight_shape: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options_js: &JsValue,
    cell: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dBackwardTrace";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    let cell = config(OP, "cell", cell)?;
    to_js(&core_backward_trace(x.view(), w.view(), dy.view(), &p, cell).map_err(js_err)?)
}

/// Nudge input `[batch, channel, row, col]` by ±h and compare the change of `L = Σ y·∂L/∂y` with
/// ∂L/∂x there: `{ h, lossPlus, lossMinus, quotient, gradient, difference, tolerance, agree }`.
#[wasm_bindgen(js_name = conv2dGradientCheck)]
#[allow(clippy::too_many_arguments)]
pub fn conv2d_gradient_check_js(
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
    const OP: &str = "conv2dGradientCheck";
    let x = tensor4(OP, "input", input, input_shape)?;
    let w = tensor4(OP, "weight", weight, weight_shape)?;
    let b = optional1(OP, "bias", bias, w.shape()[0])?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = options::<Conv2dParams>(OP, options_js)?;
    let at = config::<[usize; 4]>(OP, "at", at)?;
    let h = number(OP, "h", h)?;
    let b = b.as_ref().map(|b| b.view());
    to_js(&conv2d_gradient_check(x.view(), w.view(), b, dy.view(), &p, at, h).map_err(js_err)?)
}

/// The output geometry of a 2-D window over `height × width`: `{ outH, outW, pads, … }`.
#[wasm_bindgen(js_name = convGeometry)]
pub fn conv_geometry(
    height: &JsValue,
    width: &JsValue,
    kernel_h: &JsValue,
    kernel_w: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "convGeometry";
    let (h, w) = (index(OP, "height", height)?, index(OP, "width", width)?);
    let (kh, kw) = (index(OP, "kernelH", kernel_h)?, index(OP, "kernelW", kernel_w)?);
    let p = options::<Conv2dParams>(OP, options_js)?;
    to_js(&p.window(kh, kw).resolve(OP, h, w).map_err(js_err)?)
}

/// 1-D convolution of signal `x` with kernel `h` (default: full padding, true convolution).
#[wasm_bindgen]
pub fn conv1d(x: &JsValue, h: &JsValue, options_js: &JsValue) -> JsResult<Vec<f32>> {
    const OP: &str = "conv1d";
    let (x, h) = (f32s(OP, "x", x)?, f32s(OP, "h", h)?);
    let p = options::<Conv1dParams>(OP, options_js)?;
    core_conv1d(&x, &h, &p).map_err(js_err)
}

/// Length of [`conv1d`]'s output.
#[wasm_bindgen(js_name = conv1dOutputLength)]
pub fn conv1d_output_length(x_len: &JsValue, h_len: &JsValue, options_js: &JsValue) -> JsResult<u32> {
    const OP: &str = "conv1dOutputLength";
    let (n, k) = (index(OP, "xLength", x_len)?, index(OP, "hLength", h_len)?);
    let p = options::<Conv1dParams>(OP, options_js)?;
    conv1d_output_len(n, k, &p).map(|n| n as u32).map_err(js_err)
}

/// The trace of output `index` of [`conv1d`].
#[wasm_bindgen(js_name = conv1dTrace)]
pub fn conv1d_trace(x: &JsValue, h: &JsValue, options_js: &JsValue, at: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "conv1dTrace";
    let (x, h) = (f32s(OP, "x", x)?, f32s(OP, "h", h)?);
    let p = options::<Conv1dParams>(OP, options_js)?;
    to_js(&core_conv1d_trace(&x, &h, &p, index(OP, "index", at)?).map_err(js_err)?)
}

/// A filter kernel: `{ rows, cols, values, sum }` for `{ kind: "gaussian", sigma }`, `{ kind: "box", size }`, ….
#[wasm_bindgen(js_name = filterKernel)]
pub fn filter_kernel(kind: &JsValue) -> JsResult<JsValue> {
    let k: FilterKind = config("filterKernel", "kind", kind)?;
    to_js(&core_kernel(k).map_err(js_err)?)
}

/// Multiplications for an `h × w` image and a `k × k` kernel: `{ direct, separable }`.
#[wasm_bindgen(js_name = separableCost)]
pub fn separable_cost(h: &JsValue, w: &JsValue, k: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "separableCost";
    let whole32 = |arg, v| whole(OP, arg, v, 0, u32::MAX as u64);
    to_js(&core_cost(whole32("height", h)?, whole32("width", w)?, whole32("kernel", k)?))
}

/// [`conv2d_both_orders`]'s result.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BothOrders {
    input_kernel: Tensor,
    kernel_input: Tensor,
    #[serde(flatten)]
    verdicts: OrderVerdicts,
}

/// `I ∗ K` and `K ∗ I` (full, stride 1) for one image `[1, c, h, w]` and one filter
/// `[1, c, kh, kw]` in `mode` (`"convolution"` or `"crossCorrelation"`): `{ inputKernel,
/// kernelInput, same, turned }`, the comparisons `{ maxAbsDifference, scale, tolerance, agree }`.
#[wasm_bindgen(js_name = conv2dBothOrders)]
pub fn conv2d_both_orders(
    input: &JsValue,
    input_shape: &JsValue,
    kernel: &JsValue,
    kernel_shape: &JsValue,
    mode: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv2dBothOrders";
    let x = tensor4(OP, "input", input, input_shape)?;
    let k = tensor4(OP, "kernel", kernel, kernel_shape)?;
    let mode: ConvMode = enum_arg(OP, "mode", mode)?;
    let both = both_orders(x.view(), k.view(), mode).map_err(js_err)?;
    to_js(&BothOrders {
        input_kernel: Tensor::from_array(&both.input_kernel),
        kernel_input: Tensor::from_array(&both.kernel_input),
        verdicts: both.verdicts(),
    })
}

/// `(x ∗ h)(t)` of two functions of time, `{ kind: "box", width, height }` or `{ kind:
/// "exponential", tau, height }`, with options `{ t, step, points }`: exact, numerical integral,
/// the discrete sum of the sampled signals, the curves and the convergence table.
#[wasm_bindgen(js_name = continuousConv)]
pub fn continuous_conv(x: &JsValue, h: &JsValue, options_js: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "continuousConv";
    let (x, h): (Signal, Signal) = (config(OP, "x", x)?, config(OP, "h", h)?);
    let o = options::<ContinuousOptions>(OP, options_js)?;
    to_js(&core_continuous(&x, &h, &o).map_err(js_err)?)
}

/// [`gaussian_blur`]'s result.
#[derive(Serialize)]
struct Blurred {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    data: Float32Array,
    size: usize,
    cost: SeparableCost,
}

/// An `h × w` image blurred by the Gaussian of `sigma` in two 1-D passes (weights inside the
/// picture renormalized): `{ data, size, cost: { direct, separable } }`.
#[wasm_bindgen(js_name = gaussianBlur)]
pub fn gaussian_blur(data: &JsValue, h: &JsValue, w: &JsValue, sigma: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "gaussianBlur";
    let (data, h, w) = (f32s(OP, "image", data)?, index(OP, "height", h)?, index(OP, "width", w)?);
    let img = image(OP, "image", &data, h, w).map_err(js_err)?;
    let b = core_blur(img, number(OP, "sigma", sigma)?).map_err(js_err)?;
    to_js(&Blurred { data: Float32Array::from(&b.data[..]), size: b.size, cost: b.cost })
}
