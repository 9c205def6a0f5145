//! `convplay_core::conv::causal`: causal and dilated 1-D convolution, forward and backward, and
//! the WaveNet-style stack with its receptive field and dependency tree.

use convplay_core::conv::causal::{
    causal_stack as core_stack, conv1d_causal as core_causal, conv1d_causal_backward as core_backward,
    CausalParams, StackSpec,
};
use js_sys::Float32Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, f32s, index, js_err, options, to_js, JsResult};

/// `y[n] = Σ_k h[k]·x[n − k·d]` (zeros before the start, `len(y) = len(x)`); options
/// `{ dilation?, causal? }` (defaults 1 and true; `causal: false` centres the kernel).
#[wasm_bindgen(js_name = conv1dCausal)]
pub fn conv1d_causal(x: &JsValue, h: &JsValue, options_js: &JsValue) -> JsResult<Vec<f32>> {
    const OP: &str = "conv1dCausal";
    let (x, h) = (f32s(OP, "x", x)?, f32s(OP, "h", h)?);
    let p = options::<CausalParams>(OP, options_js)?;
    core_causal(&x, &h, &p).map_err(js_err)
}

/// [`conv1d_causal_backward`]'s result.
#[derive(Serialize)]
struct Grads {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    x: Float32Array,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    h: Float32Array,
}

/// Gradients of [`conv1d_causal`] for `gradOutput` (one value per output): `{ x, h }`.
#[wasm_bindgen(js_name = conv1dCausalBackward)]
pub fn conv1d_causal_backward(
    x: &JsValue,
    h: &JsValue,
    grad_output: &JsValue,
    options_js: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "conv1dCausalBackward";
    let (x, h, dy) = (f32s(OP, "x", x)?, f32s(OP, "h", h)?, f32s(OP, "gradOutput", grad_output)?);
    let p = options::<CausalParams>(OP, options_js)?;
    let g = core_backward(&x, &h, &dy, &p).map_err(js_err)?;
    to_js(&Grads { x: Float32Array::from(&g.x[..]), h: Float32Array::from(&g.h[..]) })
}

/// `x` through layers `{ kernel, dilations, causal? }`, traced from output `at` of the top layer:
/// `{ at, levels: [{ dilation, values, receptiveField, depends, edges }], receptiveField, first,
/// last, pastOnly }` (level 0 is the input).
#[wasm_bindgen(js_name = causalStack)]
pub fn causal_stack(x: &JsValue, spec: &JsValue, at: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "causalStack";
    let x = f32s(OP, "x", x)?;
    let spec: StackSpec = config(OP, "spec", spec)?;
    to_js(&core_stack(&x, &spec, index(OP, "at", at)?).map_err(js_err)?)
}
