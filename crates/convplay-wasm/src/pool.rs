//! `convplay_core::pool`: pooling forward and backward, the trace of one window, Gaussian weights.
//!
//! Options are `{ pool: { kind }, size, stride?, dilation?, padding? }`, the same shape as a
//! model's pool layer (read by the core as [`PoolSettings`]).

use convplay_core::pool::{
    gaussian_weights as core_gaussian, pool2d as core_pool, pool2d_backward, pool2d_trace, Pool2dConfig,
    PoolSettings,
};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, tensor4, to_js, Tensor};

fn settings(op: &str, options: JsValue) -> Result<Pool2dConfig, JsError> {
    config::<PoolSettings>(op, "options", options).map(Pool2dConfig::from)
}

/// Pool `input` `[n, c, h, w]`; returns `{ shape, data }`.
#[wasm_bindgen]
pub fn pool2d(input: &[f32], input_shape: &[u32], options: JsValue) -> Result<JsValue, JsError> {
    let x = tensor4("pool2d", "input", input, input_shape)?;
    let p = settings("pool2d", options)?;
    Tensor::from_array(&core_pool(x.view(), &p).map_err(js_err)?).to_js()
}

/// ∂loss/∂input of pooling for a given ∂loss/∂output: where the gradient goes under each kind.
#[wasm_bindgen(js_name = pool2dBackward)]
pub fn pool2d_backward_js(
    input: &[f32],
    input_shape: &[u32],
    grad_output: &[f32],
    grad_output_shape: &[u32],
    options: JsValue,
) -> Result<JsValue, JsError> {
    let x = tensor4("pool2dBackward", "input", input, input_shape)?;
    let dy = tensor4("pool2dBackward", "gradOutput", grad_output, grad_output_shape)?;
    let p = settings("pool2dBackward", options)?;
    Tensor::from_array(&pool2d_backward(x.view(), &p, dy.view()).map_err(js_err)?).to_js()
}

/// The cells, weights and result of one pooling window: `{ cells, result, argmax }`.
#[wasm_bindgen(js_name = pool2dTrace)]
pub fn pool2d_trace_js(
    input: &[f32],
    input_shape: &[u32],
    options: JsValue,
    batch: u32,
    channel: u32,
    out_row: u32,
    out_col: u32,
) -> Result<JsValue, JsError> {
    let x = tensor4("pool2dTrace", "input", input, input_shape)?;
    let p = settings("pool2dTrace", options)?;
    let t = pool2d_trace(x.view(), &p, batch as usize, channel as usize, out_row as usize, out_col as usize)
        .map_err(js_err)?;
    to_js(&t)
}

/// The normalized Gaussian weights of a `kh × kw` pooling window, `{ shape, data }`.
#[wasm_bindgen(js_name = gaussianWeights)]
pub fn gaussian_weights(kh: u32, kw: u32, sigma: f32) -> Result<JsValue, JsError> {
    let w = core_gaussian((kh as usize, kw as usize), sigma).map_err(js_err)?;
    Tensor::from_array(&w).to_js()
}
