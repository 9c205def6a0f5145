//! `convplay_core::linear`: a dense layer, for the MLP the equivariance demo contrasts.

use convplay_core::linear::dense as core_dense;
use convplay_core::tensor::{image, rows};
use ndarray::ArrayView1;
use wasm_bindgen::prelude::*;

use crate::convert::{f32s, index, js_err, JsResult, Tensor};

/// A dense layer: `input` `[batch, in]`, `weight` `[out, in]`, `bias` `[out]` → `{ shape, data }`.
#[wasm_bindgen]
pub fn dense(
    input: &JsValue,
    batch: &JsValue,
    weight: &JsValue,
    out_features: &JsValue,
    bias: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "dense";
    let (input, batch) = (f32s(OP, "input", input)?, index(OP, "batch", batch)?);
    let (weight, out_features) = (f32s(OP, "weight", weight)?, index(OP, "outFeatures", out_features)?);
    let bias = f32s(OP, "bias", bias)?;
    let x = rows(OP, "input", &input, batch).map_err(js_err)?;
    let w = image(OP, "weight", &weight, out_features, x.ncols()).map_err(js_err)?;
    Tensor::from_array(&core_dense(x, w, ArrayView1::from(&bias)).map_err(js_err)?).to_js()
}
