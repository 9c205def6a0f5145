//! `convplay_core::activation`: activations applied element-wise, and their gradients.

use convplay_core::activation::{activate as core_activate, activate_backward, Activation};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, tensor4, JsResult, Tensor};

/// Apply an activation (`{ kind: "relu" }`, `{ kind: "leakyRelu", slope }`, …) element-wise.
#[wasm_bindgen]
pub fn activate(input: &JsValue, input_shape: &JsValue, activation: &JsValue) -> JsResult<JsValue> {
    let x = tensor4("activate", "input", input, input_shape)?;
    let a: Activation = config("activate", "activation", activation)?;
    Tensor::from_array(&core_activate(a, x.view()).map_err(js_err)?).to_js()
}

/// ∂loss/∂input of an activation for a given ∂loss/∂output.
#[wasm_bindgen(js_name = activateBackward)]
pub fn activate_backward_js(
    input: &JsValue,
    input_shape: &JsValue,
    grad_output: &JsValue,
    activation: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "activateBackward";
    let x = tensor4(OP, "input", input, input_shape)?;
    let dy = tensor4(OP, "gradOutput", grad_output, input_shape)?;
    let a: Activation = config(OP, "activation", activation)?;
    Tensor::from_array(&activate_backward(a, x.view(), dy.view()).map_err(js_err)?).to_js()
}
