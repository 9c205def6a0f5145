//! `convplay_core::norm`: batch normalization's Algorithm 1, step by step.

use convplay_core::norm::algorithm1;
use wasm_bindgen::prelude::*;

use crate::convert::{js_err, to_js};

/// Algorithm 1 of Ioffe & Szegedy on one mini-batch of values: `{ mean, variance, xHat, y }`.
#[wasm_bindgen(js_name = batchNormSteps)]
pub fn batch_norm_steps(values: &[f32], gamma: f32, beta: f32, eps: f32) -> Result<JsValue, JsError> {
    to_js(&algorithm1(values, gamma, beta, eps).map_err(js_err)?)
}
