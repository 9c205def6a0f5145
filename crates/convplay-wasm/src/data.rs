//! The digit data held in wasm memory: both splits of the site's digit file, read by split name.
//!
//! A `Digits` handle passed to a `Trainer` method arrives as a plain `JsValue` and is found again
//! through its `handle` number ([`digits_arg`]): so a number, an object or a freed handle in its
//! place is an `Error` naming the argument, and nothing is borrowed before it is checked.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use convplay_core::data::digits::{parse_digits, DigitSplits, Split};
use convplay_core::data::draw::{digit_from_drawing, DrawOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{bytes, describe, enum_arg, f32s, index, js_err, to_js, JsResult};
use crate::Live;

/// Every `Digits` created, by handle number; a freed one no longer upgrades.
struct Registry {
    last: u32,
    live: Vec<(u32, Weak<DigitSplits>)>,
}

thread_local! {
    static REGISTRY: RefCell<Registry> = const { RefCell::new(Registry { last: 0, live: Vec::new() }) };
}

/// Real handwritten digits (train and test splits) parsed from the site's digit file.
#[wasm_bindgen]
pub struct Digits {
    pub(crate) splits: Rc<DigitSplits>,
    handle: u32,
    _live: Live,
}

/// `"train"` or `"test"`.
pub(crate) fn split_arg(op: &'static str, split: &JsValue) -> JsResult<Split> {
    enum_arg(op, "split", split)
}

/// The digits of a `Digits` handle passed as argument `digits` of `op`.
///
/// **Errors** naming the argument if it is not a `Digits` handle or has been freed.
pub(crate) fn digits_arg(op: &'static str, v: &JsValue) -> JsResult<Rc<DigitSplits>> {
    let not = || JsError::new(&format!("{op}: digits must be a Digits handle, got {}", describe(v)));
    if !v.is_object() {
        return Err(not());
    }
    // The getter throws for a freed handle (wasm-bindgen's null pointer), without borrowing it.
    let handle = js_sys::Reflect::get(v, &"handle".into())
        .map_err(|_| JsError::new(&format!("{op}: digits has been freed")))?
        .as_f64()
        .ok_or_else(not)?;
    REGISTRY
        .with(|r| r.borrow().live.iter().find(|(h, _)| *h as f64 == handle).and_then(|(_, d)| d.upgrade()))
        .ok_or_else(|| {
            JsError::new(&format!("{op}: digits has been freed (or belongs to another instance of the core)"))
        })
}

impl Digits {
    /// A handle for splits made in the core (a student's dataset split into train and test), found
    /// again by its number like one parsed from the digit file.
    pub(crate) fn from_splits(splits: DigitSplits) -> Digits {
        let splits = Rc::new(splits);
        let handle = REGISTRY.with(|r| {
            let r = &mut *r.borrow_mut();
            r.live.retain(|(_, d)| d.strong_count() > 0);
            if r.last == 0 {
                // Each instance of the module numbers its handles from its own random start, so a
                // Digits of another instance (a page that loaded a fresh core) is not taken for one of these.
                r.last = (js_sys::Math::random() * 2_000_000_000.0) as u32 + 1;
            }
            r.last = r.last.wrapping_add(1);
            r.live.push((r.last, Rc::downgrade(&splits)));
            r.last
        });
        Digits { splits, handle, _live: Live::new() }
    }
}

#[wasm_bindgen]
impl Digits {
    /// Parse the (already un-gzipped) bytes of `digits.bin` (a `Uint8Array`).
    #[wasm_bindgen(constructor)]
    pub fn new(file: &JsValue) -> JsResult<Digits> {
        Ok(Digits::from_splits(parse_digits(&bytes("Digits", "bytes", file)?).map_err(js_err)?))
    }

    /// The number that finds this handle again when it is passed to a `Trainer` method.
    #[wasm_bindgen(getter)]
    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// Number of digits in `"train"` or `"test"`.
    pub fn count(&self, split: &JsValue) -> JsResult<u32> {
        Ok(self.splits.get(split_arg("digits.count", split)?).len() as u32)
    }

    /// One digit's pixels (`shape()`, 0–1, row-major) as a `Float32Array`.
    pub fn image(&self, split: &JsValue, i: &JsValue) -> JsResult<Vec<f32>> {
        const OP: &str = "digits.image";
        let (split, i) = (split_arg(OP, split)?, index(OP, "index", i)?);
        let image = self.splits.image(split, i).map_err(js_err)?;
        Ok(image.iter().copied().collect())
    }

    /// One digit's label.
    pub fn label(&self, split: &JsValue, i: &JsValue) -> JsResult<u32> {
        const OP: &str = "digits.label";
        let (split, i) = (split_arg(OP, split)?, index(OP, "index", i)?);
        Ok(self.splits.label(split, i).map_err(js_err)? as u32)
    }

    /// `[channels, height, width]` of one digit.
    pub fn shape(&self) -> JsResult<JsValue> {
        to_js(&self.splits.shape())
    }
}

/// A drawing (ink 0–1, `height × width`, row-major) as a 28×28 MNIST-style digit (`Float32Array`
/// of 784), or `undefined` if it is blank: bounding box, area-averaged into 20×20 keeping its
/// aspect, centre of mass at the centre; with `options` `{ recentre: false }` the whole drawing
/// area area-averaged to 28×28 as drawn.
#[wasm_bindgen(js_name = mnistFromDrawing)]
pub fn mnist_from_drawing(
    ink: &JsValue,
    width: &JsValue,
    height: &JsValue,
    options: &JsValue,
) -> JsResult<Option<Vec<f32>>> {
    const OP: &str = "mnistFromDrawing";
    let (ink, width, height) =
        (f32s(OP, "ink", ink)?, index(OP, "width", width)?, index(OP, "height", height)?);
    let options: DrawOptions = crate::convert::options(OP, options)?;
    digit_from_drawing(&ink, width, height, &options).map_err(js_err)
}
