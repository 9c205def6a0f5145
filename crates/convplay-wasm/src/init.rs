//! `convplay_core::init`: a weight tensor drawn from an initialization scheme.

use convplay_core::init::{draw, Init};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, seed_arg, shape_arg, to_js};

/// Draw a weight tensor of `shape` (`[out, in]` or `[out, in, kh, kw]`) from `init` with `seed`:
/// `{ values, fanIn, fanOut, variance, fanInTimesVariance }` — the lecture's n·Var(w).
#[wasm_bindgen(js_name = initWeights)]
pub fn init_weights(init: JsValue, shape: &[u32], seed: f64) -> Result<JsValue, JsError> {
    let init: Init = config("initWeights", "init", init)?;
    to_js(&draw(&init, &shape_arg(shape), seed_arg(seed)?).map_err(js_err)?)
}
