//! The digit data held in wasm memory: both splits of the site's digit file, read by split name.

use convplay_core::data::digits::{parse_digits, DigitSplits, Split};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js};
use crate::Live;

/// Real handwritten digits (train and test splits) parsed from the site's digit file.
#[wasm_bindgen]
pub struct Digits {
    pub(crate) splits: DigitSplits,
    _live: Live,
}

/// `"train"` or `"test"`.
pub(crate) fn split_arg(op: &str, split: JsValue) -> Result<Split, JsError> {
    config(op, "split", split)
}

#[wasm_bindgen]
impl Digits {
    /// Parse the (already un-gzipped) bytes of `digits.bin`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Digits, JsError> {
        Ok(Digits { splits: parse_digits(bytes).map_err(js_err)?, _live: Live::new() })
    }

    /// Number of digits in `"train"` or `"test"`.
    pub fn count(&self, split: JsValue) -> Result<u32, JsError> {
        Ok(self.splits.get(split_arg("digits.count", split)?).len() as u32)
    }

    /// One digit's pixels (`shape()`, 0–1, row-major) as a `Float32Array`.
    pub fn image(&self, split: JsValue, index: u32) -> Result<Vec<f32>, JsError> {
        let image = self.splits.image(split_arg("digits.image", split)?, index as usize).map_err(js_err)?;
        Ok(image.iter().copied().collect())
    }

    /// One digit's label.
    pub fn label(&self, split: JsValue, index: u32) -> Result<u32, JsError> {
        Ok(self.splits.label(split_arg("digits.label", split)?, index as usize).map_err(js_err)? as u32)
    }

    /// `[channels, height, width]` of one digit.
    pub fn shape(&self) -> Result<JsValue, JsError> {
        to_js(&self.splits.shape())
    }
}

/// A drawing (ink 0–1, `height × width`, row-major) as a 28×28 MNIST-style digit (`Float32Array`
/// of 784), or `undefined` if it is blank: bounding box, area-averaged into 20×20 keeping its
/// aspect, centre of mass at the centre.
#[wasm_bindgen(js_name = mnistFromDrawing)]
pub fn mnist_from_drawing(ink: &[f32], width: u32, height: u32) -> Result<Option<Vec<f32>>, JsError> {
    convplay_core::data::draw::mnist_from_drawing(ink, width as usize, height as usize).map_err(js_err)
}
