//! `convplay_core::init`: a weight tensor drawn from an initialization scheme, and a scheme's
//! numbers for given fans.

use convplay_core::init::{draw, Init};
use wasm_bindgen::prelude::*;

use crate::convert::{config, index, js_err, seed, shape, to_js, JsResult};

/// Draw a weight tensor of `shape` (`[out, in]` or `[out, in, kh, kw]`) from `init` with `seed`:
/// `{ values, fanIn, fanOut, variance, fanInTimesVariance, measuredVariance,
/// measuredFanInTimesVariance }` — the lecture's n·Var(w), aimed at and drawn.
#[wasm_bindgen(js_name = initWeights)]
pub fn init_weights(init: &JsValue, dims: &JsValue, seed_js: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "initWeights";
    let init: Init = config(OP, "init", init)?;
    let (dims, seed) = (shape(OP, "shape", dims)?, seed(OP, seed_js)?);
    to_js(&draw(&init, &dims, seed).map_err(js_err)?)
}

/// A scheme's numbers for a layer with `fanIn` inputs per unit and `fanOut` outputs per input:
/// `{ fanIn, fanOut, family, spread, variance, variancePerSquaredHalfWidth, fanInTimesVariance,
/// fanOutTimesVariance, keeps, keptValue }` (Xavier: `fanInTimesVariance` = 2·n_in/(n_in + n_out)).
#[wasm_bindgen(js_name = initScheme)]
pub fn init_scheme(init: &JsValue, fan_in: &JsValue, fan_out: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "initScheme";
    let init: Init = config(OP, "init", init)?;
    let (fan_in, fan_out) = (index(OP, "fanIn", fan_in)?, index(OP, "fanOut", fan_out)?);
    to_js(&init.scheme(fan_in, fan_out).map_err(js_err)?)
}
