//! `convplay_core::init`: a weight tensor drawn from an initialization scheme.

use convplay_core::init::{draw, Init};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, seed, shape, to_js, JsResult};

/// Draw a weight tensor of `shape` (`[out, in]` or `[out, in, kh, kw]`) from `init` with `seed`:
/// `{ values, fanIn, fanOut, variance, fanInTimesVariance }` — the lecture's n·Var(w).
#[wasm_bindgen(js_name = initWeights)]
pub fn init_weights(init: &JsValue, dims: &JsValue, seed_js: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "initWeights";
    let init: Init = config(OP, "init", init)?;
    let (dims, seed) = (shape(OP, "shape", dims)?, seed(OP, seed_js)?);
    to_js(&draw(&init, &dims, seed).map_err(js_err)?)
}
