//! Type conversion at the JavaScript boundary, in one place: every export takes its arguments as
//! `&JsValue` and reads each one here, so a wrong type is a JavaScript `Error` naming the
//! operation and the argument (`conv2d: input must be a Float32Array or an array of numbers, got
//! a number (42)`) instead of wasm-bindgen's silent coercions (`-1` → 4294967295, `1.5` → 1,
//! NaN → 0) or a trap. Sizes are checked against the core's limits before anything is copied.
//! Results go out as plain objects; core errors become JavaScript `Error`s.

use convplay_core::limits::{self, thousands, MAX_CONFIG_BYTES, MAX_ELEMENTS, MAX_FILE_BYTES};
use convplay_core::tensor::{array1, array4};
use js_sys::{Array, Float32Array, JsString, Object, Reflect, Uint32Array, Uint8Array, Uint8ClampedArray};
use ndarray::{Array1, Array4, ArrayBase, Data, Dimension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What an export returns: a value, or a JavaScript `Error`.
pub type JsResult<T> = Result<T, JsError>;

/// Turn any displayable error into a JavaScript `Error` with the same message.
pub fn js_err(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// `op: arg what`.
fn fail(op: &str, arg: &str, what: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{op}: {arg} {what}"))
}

/// A number as JavaScript writes it: `-1`, `1.5`, `NaN`, `Infinity`, `1e+300`.
fn number_text(n: f64) -> String {
    js_sys::Number::from(n).to_string_with_radix(10).map_or_else(|_| "a number".into(), String::from)
}

/// How a JavaScript value reads in a message: `-1`, `NaN`, `a string ("abc")`, `undefined`,
/// `null`, `a boolean`, `a function`, `an array`, `an object`, `a Float64Array`.
pub fn describe(v: &JsValue) -> String {
    if v.is_undefined() {
        return "undefined".into();
    }
    if v.is_null() {
        return "null".into();
    }
    if let Some(n) = v.as_f64() {
        return number_text(n);
    }
    if let Some(s) = v.dyn_ref::<JsString>() {
        return if s.length() <= 20 {
            format!("a string ({:?})", String::from(s))
        } else {
            "a string".into()
        };
    }
    if v.as_bool().is_some() {
        return "a boolean".into();
    }
    if v.is_function() {
        return "a function".into();
    }
    if v.is_symbol() {
        return "a symbol".into();
    }
    if v.is_bigint() {
        return "a BigInt".into();
    }
    if plain_array(v) {
        return "an array".into();
    }
    let name = Reflect::get(v, &"constructor".into())
        .ok()
        .and_then(|c| Reflect::get(&c, &"name".into()).ok())
        .and_then(|n| n.as_string())
        .filter(|n| !n.is_empty() && n != "Object" && n.len() <= 40);
    match name {
        Some(n) if n.starts_with(['A', 'E', 'I', 'O', 'U']) => format!("an {n}"),
        Some(n) => format!("a {n}"),
        None => "an object".into(),
    }
}

// Reading an argument may run the caller's code (a getter, a proxy trap, `valueOf`). Whatever it
// throws must come back as a `Result`, never unwind through the wasm frames (that would leave a
// borrowed `Trainer` borrowed for good): so lengths, items, keys and prototypes are read through
// `Reflect`, whose bindings catch, and typed arrays are copied by their own constructor inside
// `Reflect.construct` before a value is trusted.

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(v)`, with what it throws for a revoked proxy caught (js-sys's `Array` cast
    /// calls it uncaught).
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
}

/// `true` if `v` is an array (a revoked proxy is not).
fn plain_array(v: &JsValue) -> bool {
    is_array(v).unwrap_or(false)
}

/// What a reader says when the caller's getter or proxy threw.
fn unreadable(op: &str, arg: &str) -> JsError {
    fail(op, arg, "could not be read (a getter or proxy threw)")
}

/// `v.length` as a whole number, read without letting a getter's exception through.
fn length_of(op: &str, arg: &str, v: &JsValue) -> JsResult<u32> {
    let n = Reflect::get(v, &"length".into()).map_err(|_| unreadable(op, arg))?;
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&f) => Ok(f as u32),
        _ => Err(fail(op, arg, format!("has a length that is not a whole number: {}", describe(&n)))),
    }
}

/// A copy of the typed array `v` made by `empty`'s constructor (`new Float32Array(v)`), at most
/// `limit` values by its apparent length before copying and by the copy's own length after.
fn typed_copy<T: JsCast>(
    op: &'static str,
    arg: &'static str,
    v: &JsValue,
    empty: Object,
    limit: usize,
) -> JsResult<T> {
    limits::given(op, arg, length_of(op, arg, v)? as u64, limit).map_err(js_err)?;
    let copy = Reflect::construct(&empty.constructor(), &Array::of1(v)).map_err(|_| unreadable(op, arg))?;
    limits::given(op, arg, length_of(op, arg, &copy)? as u64, limit).map_err(js_err)?;
    Ok(copy.unchecked_into())
}

/// The items of a plain array `v` (`None` if it is not one), at most `limit`, each read without
/// letting a getter's exception through and judged by `item` (index, value).
fn array_items<T>(
    op: &'static str,
    arg: &'static str,
    v: &JsValue,
    limit: usize,
    mut item: impl FnMut(u32, JsValue) -> JsResult<T>,
) -> JsResult<Option<Vec<T>>> {
    if !plain_array(v) {
        return Ok(None);
    }
    let n = length_of(op, arg, v)?;
    limits::given(op, arg, n as u64, limit).map_err(js_err)?;
    let mut out = Vec::with_capacity(n as usize);
    for i in 0..n {
        out.push(item(i, Reflect::get_u32(v, i).map_err(|_| unreadable(op, arg))?)?);
    }
    Ok(Some(out))
}

/// Numbers from a `Float32Array`, or from a plain array of finite numbers, at most
/// [`MAX_ELEMENTS`] of them. A `Float32Array` is taken as it is (NaN included: statistics count
/// them); a plain array must hold numbers only.
pub fn f32s(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<Vec<f32>> {
    f32s_at_most(op, arg, v, MAX_ELEMENTS)
}

/// [`f32s`], at most `limit` of them (checked before anything is copied).
pub fn f32s_at_most(op: &'static str, arg: &'static str, v: &JsValue, limit: usize) -> JsResult<Vec<f32>> {
    if v.dyn_ref::<Float32Array>().is_some() {
        let copy: Float32Array = typed_copy(op, arg, v, Float32Array::new_with_length(0).into(), limit)?;
        return Ok(copy.to_vec());
    }
    let finite = |i: u32, x: JsValue| match x.as_f64().map(|f| f as f32) {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(fail(op, arg, format!("must hold finite numbers; item {i} is {}", describe(&x)))),
    };
    array_items(op, arg, v, limit, finite)?.ok_or_else(|| {
        fail(op, arg, format!("must be a Float32Array or an array of numbers, got {}", describe(v)))
    })
}

/// A judge of plain-array items: a whole number from 0 to `max`.
fn whole_item(op: &'static str, arg: &'static str, max: u32) -> impl Fn(u32, JsValue) -> JsResult<u32> {
    move |i, x| match x.as_f64() {
        Some(f) if f.fract() == 0.0 && (0.0..=max as f64).contains(&f) => Ok(f as u32),
        _ => {
            let want = format!("must hold whole numbers from 0 to {}", thousands(max as u64));
            Err(fail(op, arg, format!("{want}; item {i} is {}", describe(&x))))
        }
    }
}

/// Whole numbers from 0 to 2³² − 1: a `Uint32Array` or an array of whole numbers, at most `limit`.
pub fn u32s(op: &'static str, arg: &'static str, v: &JsValue, limit: usize) -> JsResult<Vec<u32>> {
    if v.dyn_ref::<Uint32Array>().is_some() {
        return Ok(
            typed_copy::<Uint32Array>(op, arg, v, Uint32Array::new_with_length(0).into(), limit)?.to_vec()
        );
    }
    array_items(op, arg, v, limit, whole_item(op, arg, u32::MAX))?.ok_or_else(|| {
        fail(op, arg, format!("must be a Uint32Array or an array of whole numbers, got {}", describe(v)))
    })
}

/// A tensor's shape: a `Uint32Array` or an array of whole numbers (at most 8 of them).
pub fn shape(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<Vec<usize>> {
    const MAX_RANK: usize = 8;
    let dims = if v.dyn_ref::<Uint32Array>().is_some() {
        typed_copy::<Uint32Array>(op, arg, v, Uint32Array::new_with_length(0).into(), MAX_RANK)?.to_vec()
    } else if let Some(dims) = array_items(op, arg, v, MAX_RANK, whole_item(op, arg, u32::MAX))? {
        dims
    } else {
        let got = describe(v);
        return Err(fail(op, arg, format!("must be a Uint32Array or an array of whole numbers, got {got}")));
    };
    Ok(dims.into_iter().map(|d| d as usize).collect())
}

/// Bytes: a `Uint8Array` or `Uint8ClampedArray` (canvas pixels), or an array of whole numbers
/// 0–255, at most [`MAX_FILE_BYTES`].
pub fn bytes(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<Vec<u8>> {
    if v.dyn_ref::<Uint8Array>().is_some() {
        return Ok(typed_copy::<Uint8Array>(
            op,
            arg,
            v,
            Uint8Array::new_with_length(0).into(),
            MAX_FILE_BYTES,
        )?
        .to_vec());
    }
    if v.dyn_ref::<Uint8ClampedArray>().is_some() {
        let empty = Uint8ClampedArray::new_with_length(0).into();
        return Ok(typed_copy::<Uint8ClampedArray>(op, arg, v, empty, MAX_FILE_BYTES)?.to_vec());
    }
    match array_items(op, arg, v, MAX_FILE_BYTES, whole_item(op, arg, 255))? {
        Some(b) => Ok(b.into_iter().map(|b| b as u8).collect()),
        None => Err(fail(
            op,
            arg,
            format!("must be a Uint8Array or an array of whole numbers, got {}", describe(v)),
        )),
    }
}

/// A JavaScript number that is a whole number in `lo..=hi`.
pub fn whole(op: &'static str, arg: &'static str, v: &JsValue, lo: u64, hi: u64) -> JsResult<u64> {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= lo as f64 && f <= hi as f64 => Ok(f as u64),
        _ => Err(fail(
            op,
            arg,
            format!(
                "must be a whole number from {} to {}, got {}",
                thousands(lo),
                thousands(hi),
                describe(v)
            ),
        )),
    }
}

/// A count, size or index: a whole number from 0 to 2³² − 1 (the core judges its range).
pub fn index(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<usize> {
    whole(op, arg, v, 0, u32::MAX as u64).map(|n| n as usize)
}

/// A JavaScript number that is a whole number (possibly negative) in `lo..=hi`.
pub fn int(op: &'static str, arg: &'static str, v: &JsValue, lo: i64, hi: i64) -> JsResult<i64> {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f >= lo as f64 && f <= hi as f64 => Ok(f as i64),
        _ => Err(fail(op, arg, format!("must be a whole number from {lo} to {hi}, got {}", describe(v)))),
    }
}

/// A 32-bit whole number, `-2147483648..=2147483647`.
pub fn int32(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<i32> {
    int(op, arg, v, i32::MIN as i64, i32::MAX as i64).map(|n| n as i32)
}

/// A JavaScript number that is finite, also as an `f32`.
pub fn number(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<f32> {
    match v.as_f64() {
        Some(f) if f.is_finite() && (f as f32).is_finite() => Ok(f as f32),
        _ => Err(fail(op, arg, format!("must be a finite number, got {}", describe(v)))),
    }
}

/// A JavaScript number that is finite, kept as a double (a spacing of 0.01 stays 0.01).
pub fn number64(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<f64> {
    match v.as_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(fail(op, arg, format!("must be a finite number, got {}", describe(v)))),
    }
}

/// `true` or `false`.
pub fn boolean(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<bool> {
    v.as_bool().ok_or_else(|| fail(op, arg, format!("must be true or false, got {}", describe(v))))
}

/// A string of at most `max` UTF-16 units.
pub fn text(op: &'static str, arg: &'static str, v: &JsValue, max: usize) -> JsResult<String> {
    let s = v
        .dyn_ref::<JsString>()
        .ok_or_else(|| fail(op, arg, format!("must be a string, got {}", describe(v))))?;
    limits::at_most(op, arg, s.length() as u64, max).map_err(|_| {
        fail(
            op,
            arg,
            format!(
                "must be at most {} characters long, got {}",
                thousands(max as u64),
                thousands(s.length() as u64)
            ),
        )
    })?;
    Ok(s.into())
}

/// An array of at most `limit` strings, each at most `max` UTF-16 units long.
pub fn strings(
    op: &'static str,
    arg: &'static str,
    v: &JsValue,
    limit: usize,
    max: usize,
) -> JsResult<Vec<String>> {
    array_items(op, arg, v, limit, |_, x| text(op, arg, &x, max))?
        .ok_or_else(|| fail(op, arg, format!("must be an array of strings, got {}", describe(v))))
}

/// `None` for `undefined` or `null` (an argument left out), else the value.
pub fn optional(v: &JsValue) -> Option<&JsValue> {
    (!v.is_undefined() && !v.is_null()).then_some(v)
}

/// A serde message without its position in the JSON text we wrote (meaningless to the caller).
fn serde_message(e: serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A string naming a variant of the core's enumeration `T` (`"train"`, `"running"`, `"conv2d"`).
pub fn enum_arg<T: DeserializeOwned>(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<T> {
    let s = text(op, arg, v, 64)?;
    let quoted = serde_json::to_string(&s).map_err(js_err)?;
    serde_json::from_str(&quoted).map_err(|e| fail(op, arg, serde_message(e)))
}

/// Parse a required configuration object into `T`; unknown keys are errors, and so is anything
/// JSON would hide (see [`json_text`]).
pub fn config<T: DeserializeOwned>(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<T> {
    let text = json_text(op, arg, v)?;
    serde_json::from_str(&text).map_err(|e| fail(op, arg, serde_message(e)))
}

/// Parse an options object (or `undefined` / `null`: the defaults) into `T`.
pub fn options<T: DeserializeOwned + Default>(op: &'static str, v: &JsValue) -> JsResult<T> {
    match optional(v) {
        None => Ok(T::default()),
        Some(v) => config(op, "options", v),
    }
}

/// Deepest nesting of a configuration.
const MAX_DEPTH: usize = 16;

/// The JSON text of a plain value, written by walking it, so serde's checks (unknown keys, missing
/// fields, value types) apply to JavaScript objects exactly as they do to a saved file — and so
/// that nothing `JSON.stringify` would hide passes: NaN and ±Infinity (it writes `null`, which
/// then reads as a default), `undefined` values (it drops the key), functions, symbols, BigInts,
/// objects other than plain objects and arrays, nesting deeper than 16, more than
/// [`MAX_CONFIG_BYTES`] of text. Errors name the place: `train: config.optimizer.lr must be a
/// finite number, got NaN`.
pub fn json_text(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<String> {
    let mut out = String::new();
    let plain = Object::get_prototype_of(&Object::new());
    write_json(&mut Walk { op, out: &mut out, plain: &plain }, arg.to_string(), v, 0)?;
    Ok(out)
}

struct Walk<'a> {
    op: &'static str,
    out: &'a mut String,
    plain: &'a Object,
}

fn write_json(w: &mut Walk, path: String, v: &JsValue, depth: usize) -> JsResult<()> {
    let op = w.op;
    if w.out.len() > MAX_CONFIG_BYTES {
        return Err(fail(
            op,
            &path,
            format!("makes the configuration longer than {} bytes", thousands(MAX_CONFIG_BYTES as u64)),
        ));
    }
    if depth > MAX_DEPTH {
        return Err(fail(op, &path, format!("is nested deeper than {MAX_DEPTH} levels")));
    }
    if v.is_null() {
        w.out.push_str("null");
    } else if let Some(b) = v.as_bool() {
        w.out.push_str(if b { "true" } else { "false" });
    } else if let Some(n) = v.as_f64() {
        if !n.is_finite() {
            return Err(fail(op, &path, format!("must be a finite number, got {}", number_text(n))));
        }
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            w.out.push_str(&(n as i64).to_string());
        } else {
            w.out.push_str(&serde_json::Number::from_f64(n).map_or_else(|| "null".into(), |x| x.to_string()));
        }
    } else if let Some(s) = v.as_string() {
        w.out.push_str(&serde_json::to_string(&s).map_err(js_err)?);
    } else if plain_array(v) {
        let n = length_of(op, &path, v)?;
        if n as usize > MAX_CONFIG_BYTES / 2 {
            return Err(fail(op, &path, format!("has {} items; that is too many", thousands(n as u64))));
        }
        w.out.push('[');
        for i in 0..n {
            if i > 0 {
                w.out.push(',');
            }
            let at = format!("{path}[{i}]");
            let item = Reflect::get_u32(v, i).map_err(|_| unreadable(op, &at))?;
            if item.is_undefined() {
                return Err(fail(op, &at, "is undefined"));
            }
            write_json(w, at, &item, depth + 1)?;
        }
        w.out.push(']');
    } else if v.is_object() && !v.is_function() && is_plain(v, w.plain) {
        w.out.push('{');
        let keys = Reflect::own_keys(v).map_err(|_| unreadable(op, &path))?;
        let mut first = true;
        for key in keys.iter() {
            let Some(name) = key.as_string() else { continue }; // symbols: JSON leaves them out
            let at = format!("{path}.{name}");
            let own = Reflect::get_own_property_descriptor::<JsValue>(v.unchecked_ref(), &key)
                .map_err(|_| unreadable(op, &at))?;
            if !Reflect::get(&own, &"enumerable".into()).is_ok_and(|e| e.is_truthy()) {
                continue; // not enumerable: JSON leaves it out
            }
            let value = Reflect::get(v, &key).map_err(|_| unreadable(op, &at))?;
            if value.is_undefined() {
                return Err(fail(op, &at, "is undefined; leave the key out instead"));
            }
            if !first {
                w.out.push(',');
            }
            first = false;
            w.out.push_str(&serde_json::to_string(&name).map_err(js_err)?);
            w.out.push(':');
            write_json(w, at, &value, depth + 1)?;
        }
        w.out.push('}');
    } else if v.is_undefined() {
        return Err(fail(op, &path, "is undefined"));
    } else {
        return Err(fail(
            op,
            &path,
            format!("must be a plain object, an array, a string, a number or a boolean, got {}", describe(v)),
        ));
    }
    Ok(())
}

/// `true` for an object whose prototype is `Object.prototype` or `null` (`{ … }`,
/// `Object.create(null)`), not a typed array, map, date or class instance (or a proxy that throws).
fn is_plain(v: &JsValue, plain: &Object) -> bool {
    Reflect::get_prototype_of(v).is_ok_and(|proto| proto.is_null() || Object::is(&proto, plain))
}

/// Serialize a result (trace, summary…) into a plain JavaScript object; a missing value (`None`)
/// is `null`, as in JSON.
pub fn to_js<T: Serialize>(value: &T) -> JsResult<JsValue> {
    let s =
        serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&s).map_err(js_err)
}

/// A seed: a whole number from 0 to 2⁵³.
pub fn seed(op: &'static str, v: &JsValue) -> JsResult<u64> {
    whole(op, "seed", v, 0, 1 << 53)
}

/// A count of the lecture's comparisons (units, channels, pixels): a whole number from 1 to 10⁷.
pub fn count(op: &'static str, arg: &'static str, v: &JsValue) -> JsResult<u64> {
    whole(op, arg, v, 1, 10_000_000)
}

/// A 4-D tensor from flat numbers and a shape (`[n, c, h, w]`).
pub fn tensor4(op: &'static str, arg: &'static str, data: &JsValue, dims: &JsValue) -> JsResult<Array4<f32>> {
    let dims = shape(op, arg, dims)?;
    let data = f32s(op, arg, data)?;
    array4(op, arg, &dims, data).map_err(js_err)
}

/// An optional 1-D tensor (`undefined` or `null`: none) that must have `len` values.
pub fn optional1(
    op: &'static str,
    arg: &'static str,
    v: &JsValue,
    len: usize,
) -> JsResult<Option<Array1<f32>>> {
    optional(v).map(|v| array1(op, arg, len, f32s(op, arg, v)?).map_err(js_err)).transpose()
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
    pub fn to_js(&self) -> JsResult<JsValue> {
        to_js(self)
    }
}
