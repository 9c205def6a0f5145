//! Exports for the initialization, batch-norm and dropout labs: Algorithm 1 step by step, the
//! dropout variance shift, initializer draws, and statistics of any array.

use convplay_core::dropout::DropoutKind;
use convplay_core::init::{fans, Init};
use convplay_core::measure::stats::{histogram as core_histogram, summarize as core_summarize};
use convplay_core::norm::algorithm1;
use convplay_core::Rng;
use ndarray::ArrayD;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js};

/// Algorithm 1 of Ioffe & Szegedy on one mini-batch of values: `{ mean, variance, xHat, y }`.
#[wasm_bindgen(js_name = batchNormSteps)]
pub fn batch_norm_steps(values: &[f32], gamma: f32, beta: f32, eps: f32) -> Result<JsValue, JsError> {
    to_js(&algorithm1(values, gamma, beta, eps).map_err(js_err)?)
}

/// The variance shift of dropout (`{ kind: "inverted", p }` or `{ kind: "uniformNoise", beta }`)
/// on an input of given mean and variance: `{ mean, trainVariance, testVariance, ratio }`.
#[wasm_bindgen(js_name = varianceShift)]
pub fn variance_shift(dropout: JsValue, mean: f32, variance: f32) -> Result<JsValue, JsError> {
    let d: DropoutKind = config("varianceShift", "dropout", dropout)?;
    to_js(&d.variance_shift(mean, variance).map_err(js_err)?)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Draw {
    values: Vec<f32>,
    fan_in: usize,
    fan_out: usize,
    variance: f32,
    fan_in_times_variance: f32,
}

/// Draw a weight tensor of `shape` (`[out, in]` or `[out, in, kh, kw]`) from `init` with `seed`:
/// `{ values, fanIn, fanOut, variance, fanInTimesVariance }` — the lecture's n·Var(w).
#[wasm_bindgen(js_name = initWeights)]
pub fn init_weights(init: JsValue, shape: &[u32], seed: f64) -> Result<JsValue, JsError> {
    let init: Init = config("initWeights", "init", init)?;
    init.validate().map_err(js_err)?;
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    let (fan_in, fan_out) = fans(&shape).map_err(js_err)?;
    convplay_core::tensor::element_count("initWeights", "shape", &shape).map_err(js_err)?;
    let mut values = ArrayD::zeros(shape);
    init.fill(&mut values, fan_in, fan_out, &mut Rng::new(seed_arg(seed)?)).map_err(js_err)?;
    let variance = init.variance(fan_in, fan_out);
    to_js(&Draw {
        values: values.iter().copied().collect(),
        fan_in,
        fan_out,
        variance,
        fan_in_times_variance: fan_in as f32 * variance,
    })
}

/// Count, mean, variance, std, min, max and non-finite count of `values`.
#[wasm_bindgen]
pub fn summarize(values: &[f32]) -> Result<JsValue, JsError> {
    to_js(&core_summarize(values))
}

/// Histogram of `values` in `bins` bins over `[lo, hi]` (both `undefined`: the data's range).
#[wasm_bindgen]
pub fn histogram(values: &[f32], bins: u32, lo: Option<f32>, hi: Option<f32>) -> Result<JsValue, JsError> {
    let range = match (lo, hi) {
        (Some(a), Some(b)) => Some((a, b)),
        (None, None) => None,
        _ => return Err(JsError::new("histogram: lo and hi must be given together")),
    };
    to_js(&core_histogram(values, bins as usize, range).map_err(js_err)?)
}

/// A seed from JavaScript: a whole number from 0 to 2^53.
pub fn seed_arg(seed: f64) -> Result<u64, JsError> {
    if seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= 9_007_199_254_740_992.0 {
        Ok(seed as u64)
    } else {
        Err(JsError::new(&format!("seed must be a whole number from 0 to 2^53, got {seed}")))
    }
}
