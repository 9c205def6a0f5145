//! `convplay_core::norm`: batch normalization's Algorithm 1, step by step.

use convplay_core::norm::algorithm1;
use wasm_bindgen::prelude::*;

use crate::convert::{f32s, js_err, number, to_js, JsResult};

/// Algorithm 1 of Ioffe & Szegedy on one mini-batch of values: `{ mean, variance, xHat, y }`.
#[wasm_bindgen(js_name = batchNormSteps)]
pub fn batch_norm_steps(
    values: &JsValue,
    gamma: &JsValue,
    beta: &JsValue,
    eps: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "batchNormSteps";
    let values = f32s(OP, "values", values)?;
    let (gamma, beta, eps) =
        (number(OP, "gamma", gamma)?, number(OP, "beta", beta)?, number(OP, "eps", eps)?);
    to_js(&algorithm1(&values, gamma, beta, eps).map_err(js_err)?)
}
