//! `convplay_core::activation`: activations applied element-wise, and their gradients.

use convplay_core::activation::{activate as core_activate, activate_backward, Activation};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, tensor4, Tensor};

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
