//! Type conversion at the JavaScript boundary: typed arrays and shapes in, plain objects out,
//! core errors into JavaScript `Error`s.

use convplay_core::tensor::{array1, array4};
use ndarray::{Array1, Array4, ArrayBase, Data, Dimension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Turn any displayable error into a JavaScript `Error` with the same message.
pub fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// A 4-D tensor from a flat `Float32Array` and its shape.
pub fn tensor4(
    op: &'static str,
    arg: &'static str,
    data: &[f32],
    shape: &[u32],
) -> Result<Array4<f32>, JsError> {
    array4(op, arg, &shape_arg(shape), data.to_vec()).map_err(js_err)
}

/// An optional 1-D tensor that must have `len` values.
pub fn optional1(
    op: &'static str,
    arg: &'static str,
    data: Option<Vec<f32>>,
    len: usize,
) -> Result<Option<Array1<f32>>, JsError> {
    data.map(|d| array1(op, arg, len, d)).transpose().map_err(js_err)
}

/// Parse an options object (or `undefined`) into `T`; unknown keys are errors.
pub fn options<T: DeserializeOwned + Default>(op: &str, value: JsValue) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    from_json(op, "options", &value)
}

/// Parse a required configuration object into `T`; unknown keys are errors.
pub fn config<T: DeserializeOwned>(op: &str, arg: &str, value: JsValue) -> Result<T, JsError> {
    from_json(op, arg, &value)
}

/// Through JSON text, so that serde's checks (unknown keys, missing fields, value types) all apply
/// to plain JavaScript objects exactly as they do to a saved file.
fn from_json<T: DeserializeOwned>(op: &str, arg: &str, value: &JsValue) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new(&format!("{op}: {arg} must be a plain object")))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("{op}: {arg} {e}")))
}

/// Serialize a result (trace, summary…) into a plain JavaScript object; a missing value (`None`)
/// is `null`, as in JSON.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let s =
        serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&s).map_err(js_err)
}

/// A shape from JavaScript (`Uint32Array` or array of numbers) as sizes.
pub fn shape_arg(shape: &[u32]) -> Vec<usize> {
    shape.iter().map(|&d| d as usize).collect()
}

/// A seed from JavaScript: a whole number from 0 to 2^53.
pub fn seed_arg(seed: f64) -> Result<u64, JsError> {
    if seed.is_finite() && seed >= 0.0 && seed.fract() == 0.0 && seed <= 9_007_199_254_740_992.0 {
        Ok(seed as u64)
    } else {
        Err(JsError::new(&format!("seed must be a whole number from 0 to 2^53, got {seed}")))
    }
}

/// A count from JavaScript (a number of units, channels, pixels): a whole number from 1 to 10⁷.
pub fn count_arg(op: &str, arg: &str, v: f64) -> Result<u64, JsError> {
    if v.is_finite() && v >= 1.0 && v.fract() == 0.0 && v <= 1e7 {
        Ok(v as u64)
    } else {
        Err(JsError::new(&format!("{op}: {arg} must be a whole number from 1 to 10,000,000, got {v}")))
    }
}

/// The one result tensor: JavaScript sees `{ shape: number[], data: Float32Array }`.
///
/// `data` is built as a `Float32Array` here and handed to [`to_js`] as it is (serde-wasm-bindgen's
/// `preserve`), so a result tensor is one copy out of wasm memory, not an array of numbers.
#[derive(Serialize)]
pub struct Tensor {
    shape: Vec<u32>,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    data: js_sys::Float32Array,
}

impl Tensor {
    /// `data` (row-major) with `shape`.
    pub fn new(shape: &[usize], data: &[f32]) -> Tensor {
        Tensor { shape: shape.iter().map(|&d| d as u32).collect(), data: js_sys::Float32Array::from(data) }
    }

    /// An array of any rank, in row-major order whatever its memory layout.
    pub fn from_array<S: Data<Elem = f32>, D: Dimension>(a: &ArrayBase<S, D>) -> Tensor {
        match a.as_slice() {
            Some(values) => Tensor::new(a.shape(), values),
            None => Tensor::new(a.shape(), &a.iter().copied().collect::<Vec<_>>()),
        }
    }

    /// As a JavaScript object.
    pub fn to_js(&self) -> Result<JsValue, JsError> {
        to_js(self)
    }
}
