//! `convplay_core::linear`: a dense layer, for the MLP the equivariance demo contrasts.

use convplay_core::linear::dense as core_dense;
use convplay_core::tensor::{image, rows};
use ndarray::ArrayView1;
use wasm_bindgen::prelude::*;

use crate::convert::{js_err, Tensor};

/// A dense layer: `input` `[batch, in]`, `weight` `[out, in]`, `bias` `[out]` → `{ shape, data }`.
#[wasm_bindgen]
pub fn dense(
    input: &[f32],
    batch: u32,
    weight: &[f32],
    out_features: u32,
    bias: &[f32],
) -> Result<JsValue, JsError> {
    let x = rows("dense", "input", input, batch as usize).map_err(js_err)?;
    let w = image("dense", "weight", weight, out_features as usize, x.ncols()).map_err(js_err)?;
    Tensor::from_array(&core_dense(x, w, ArrayView1::from(bias)).map_err(js_err)?).to_js()
}
