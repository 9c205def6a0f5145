//! Pooling and activation exports, with traces and gradients for the pages.

use convplay_core::activation::{activate as core_activate, activate_backward, Activation};
use convplay_core::pool::{
    gaussian_weights as core_gaussian, pool2d as core_pool, pool2d_backward, pool2d_trace, Pool2dConfig,
    PoolKind,
};
use convplay_core::{Padding, Window2d};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, tensor4, to_js, Pair, Tensor};

/// `{ pool: { kind }, size, stride?, padding? }` — the same shape as a model's pool layer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PoolOptions {
    pool: PoolKind,
    size: Pair,
    #[serde(default)]
    stride: Option<Pair>,
    #[serde(default)]
    padding: Padding,
}

impl PoolOptions {
    fn params(&self) -> Pool2dConfig {
        let size = self.size.get();
        let window = Window2d {
            kernel: size,
            stride: self.stride.map_or(size, Pair::get),
            dilation: (1, 1),
            padding: self.padding,
        };
        Pool2dConfig { kind: self.pool, window }
    }
}

/// Pool `input` `[n, c, h, w]`; returns `{ shape, data }`.
#[wasm_bindgen]
pub fn pool2d(input: &[f32], input_shape: &[u32], options: JsValue) -> Result<JsValue, JsError> {
    let x = tensor4("pool2d", "input", input, input_shape)?;
    let p = config::<PoolOptions>("pool2d", "options", options)?.params();
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
    let p = config::<PoolOptions>("pool2dBackward", "options", options)?.params();
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
    let p = config::<PoolOptions>("pool2dTrace", "options", options)?.params();
    let t = pool2d_trace(x.view(), &p, batch as usize, channel as usize, out_row as usize, out_col as usize)
        .map_err(js_err)?;
    to_js(&t)
}

/// The normalized Gaussian weights of a `kh × kw` pooling window.
#[wasm_bindgen(js_name = gaussianWeights)]
pub fn gaussian_weights(kh: u32, kw: u32, sigma: f32) -> Result<JsValue, JsError> {
    let w = core_gaussian((kh as usize, kw as usize), sigma).map_err(js_err)?;
    Tensor::from_array(&w).to_js()
}

/// Apply an activation (`{ kind: "relu" }`, `{ kind: "leakyRelu", slope }`, …) element-wise.
#[wasm_bindgen]
pub fn activate(input: &[f32], input_shape: &[u32], activation: JsValue) -> Result<JsValue, JsError> {
    let x = tensor4("activate", "input", input, input_shape)?;
    let a: Activation = config("activate", "activation", activation)?;
    Tensor::from_array(&core_activate(a, x.view()).map_err(js_err)?).to_js()
}

/// ∂loss/∂input of an activation for a given ∂loss/∂output.
#[wasm_bindgen(js_name = activateBackward)]
pub fn activate_backward_js(
    input: &[f32],
    input_shape: &[u32],
    grad_output: &[f32],
    activation: JsValue,
) -> Result<JsValue, JsError> {
    let x = tensor4("activateBackward", "input", input, input_shape)?;
    let dy = tensor4("activateBackward", "gradOutput", grad_output, input_shape)?;
    let a: Activation = config("activateBackward", "activation", activation)?;
    Tensor::from_array(&activate_backward(a, x.view(), dy.view()).map_err(js_err)?).to_js()
}
