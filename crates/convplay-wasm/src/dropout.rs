//! `convplay_core::dropout`: the variance shift dropout causes between training and test time, and
//! uniform noise compared with dropout at equal noise variance.

use convplay_core::dropout::{
    matched_uniform_noise as core_matched, measured_variance_shift as core_measured, DropoutKind,
};
use wasm_bindgen::prelude::*;

use crate::convert::{config, f32s, js_err, number, to_js, JsResult};

/// The variance shift of dropout (`{ kind: "inverted", p }` or `{ kind: "uniformNoise", beta }`)
/// on an input of given mean and variance: `{ mean, noiseVariance, trainVariance, testVariance,
/// ratio, trainOverTest }`.
#[wasm_bindgen(js_name = varianceShift)]
pub fn variance_shift(dropout: &JsValue, mean: &JsValue, variance: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "varianceShift";
    let d: DropoutKind = config(OP, "dropout", dropout)?;
    let (mean, variance) = (number(OP, "mean", mean)?, number(OP, "variance", variance)?);
    to_js(&d.variance_shift(mean, variance).map_err(js_err)?)
}

/// The variance shift measured on a layer's values in training mode (`train`) and in evaluation
/// mode (`test`): `{ trainVariance, testVariance, trainOverTest }`.
#[wasm_bindgen(js_name = measuredVarianceShift)]
pub fn measured_variance_shift(train: &JsValue, test: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "measuredVarianceShift";
    let (train, test) = (f32s(OP, "train", train)?, f32s(OP, "test", test)?);
    to_js(&core_measured(&train, &test).map_err(js_err)?)
}

/// Uniform noise at the noise variance of inverted dropout with rate `p` (β²/3 = p/(1 − p), β at
/// most 1), both shifts for an input of given mean and variance: `{ p, betaNeeded, beta, matched,
/// maxBeta, maxMatchedP, dropout, uniform, shiftDifference, tolerance, sameShift }`.
#[wasm_bindgen(js_name = matchedUniformNoise)]
pub fn matched_uniform_noise(p: &JsValue, mean: &JsValue, variance: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "matchedUniformNoise";
    let (p, mean, variance) =
        (number(OP, "p", p)?, number(OP, "mean", mean)?, number(OP, "variance", variance)?);
    to_js(&core_matched(p, mean, variance).map_err(js_err)?)
}
