//! `convplay_core::pool`: pooling forward and backward, the trace of one window, Gaussian weights.
//!
//! Options are `{ pool: { kind }, size, stride?, dilation?, padding? }`, the same shape as a
//! model's pool layer (read by the core as [`PoolSettings`]).

use convplay_core::pool::{
    gaussian_weights as core_gaussian, pool2d as core_pool, pool2d_backward, pool2d_backward_window,
    pool2d_trace, Pool2dConfig, PoolSettings,
};
use wasm_bindgen::prelude::*;

use crate::convert::{config, index, js_err, number, tensor4, to_js, JsResult, Tensor};

fn settings(op: &'static str, options: &JsValue) -> JsResult<Pool2dConfig> {
    config::<PoolSettings>(op, "options", options).map(Pool2dConfig::from)
}

/// Pool `input` `[n, c, h, w]`; returns `{ shape, data }`.
#[wasm_bindgen]
pub fn pool2d(input: &JsValue, input_shape: &JsValue, options: &JsValue) -> JsResult<JsValue> {
    let x = tensor4("pool2d", "input", input, input_shape)?;
    let p = settings("pool2d", options)?;
    Tensor::from_array(&core_pool(x.view(), &p).map_err(js_err)?).to_js()
}

/// ∂loss/∂input of pooling for a given ∂loss/∂output: where the gradient goes under each kind.
#[wasm_bindgen(js_name = pool2dBackward)]
pub fn pool2d_backward_js(
    input: &JsValue,
    input_shape: &JsValue,
    grad_output: &JsValue,
    grad_output_shape: &JsValue,
    options: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "pool2dBackward";
    let x = tensor4(OP, "input", input, input_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, grad_output_shape)?;
    let p = settings(OP, options)?;
    Tensor::from_array(&pool2d_backward(x.view(), &p, dy.view()).map_err(js_err)?).to_js()
}

/// The cells, weights and result of one pooling window: `{ cells, result, argmax }`.
#[wasm_bindgen(js_name = pool2dTrace)]
pub fn pool2d_trace_js(
    input: &JsValue,
    input_shape: &JsValue,
    options: &JsValue,
    batch: &JsValue,
    channel: &JsValue,
    out_row: &JsValue,
    out_col: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "pool2dTrace";
    let x = tensor4(OP, "input", input, input_shape)?;
    let p = settings(OP, options)?;
    let (n, c) = (index(OP, "batch", batch)?, index(OP, "channel", channel)?);
    let (r, col) = (index(OP, "outRow", out_row)?, index(OP, "outCol", out_col)?);
    to_js(&pool2d_trace(x.view(), &p, n, c, r, col).map_err(js_err)?)
}

/// With ∂L/∂y = 1 at one output cell: `{ cells: [{ row, col, inside, value, grad }], sum, result,
/// argmax, inside, overlap }`, the ∂L/∂x each cell of its window receives.
#[wasm_bindgen(js_name = pool2dBackwardWindow)]
pub fn pool2d_backward_window_js(
    input: &JsValue,
    input_shape: &JsValue,
    options: &JsValue,
    batch: &JsValue,
    channel: &JsValue,
    out_row: &JsValue,
    out_col: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "pool2dBackwardWindow";
    let x = tensor4(OP, "input", input, input_shape)?;
    let p = settings(OP, options)?;
    let (n, c) = (index(OP, "batch", batch)?, index(OP, "channel", channel)?);
    let (r, col) = (index(OP, "outRow", out_row)?, index(OP, "outCol", out_col)?);
    to_js(&pool2d_backward_window(x.view(), &p, n, c, r, col).map_err(js_err)?)
}

/// The normalized Gaussian weights of a `kh × kw` pooling window, `{ shape, data }`.
#[wasm_bindgen(js_name = gaussianWeights)]
pub fn gaussian_weights(kh: &JsValue, kw: &JsValue, sigma: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "gaussianWeights";
    let kernel = (index(OP, "kh", kh)?, index(OP, "kw", kw)?);
    let w = core_gaussian(kernel, number(OP, "sigma", sigma)?).map_err(js_err)?;
    Tensor::from_array(&w).to_js()
}
