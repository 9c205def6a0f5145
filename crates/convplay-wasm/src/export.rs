//! `convplay_core::export`: a demo's configuration as a runnable PyTorch script (the hand-outs'
//! "Copy as PyTorch").

use convplay_core::export::{pytorch as core_pytorch, Handout};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, JsResult};

/// The PyTorch script of `handout`, `{ kind: "conv2d" | "filter" | "pool" | "batchNorm" | "dropout" |
/// "init" | "model" | "conv1d" | "receptiveField" | "models" | "shift" | "convTranspose2d" |
/// "conv2dGrouped", … }` (plain arrays of numbers, not typed arrays; unknown keys are errors): text that
/// runs with PyTorch and prints the page's numbers, ending with the output the core computes.
#[wasm_bindgen]
pub fn pytorch(handout: &JsValue) -> JsResult<String> {
    let handout: Handout = config("pytorch", "handout", handout)?;
    core_pytorch(&handout).map_err(js_err)
}
