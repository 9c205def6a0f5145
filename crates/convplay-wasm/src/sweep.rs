//! `convplay_core::train::sweep`: a trainer's answer to one image as it is shifted or rotated.

use convplay_core::train::sweep::{transform_curve, Sweep};
use wasm_bindgen::prelude::*;

use crate::convert::{config, f32s, index, js_err, to_js, JsResult};
use crate::train::Trainer;

#[wasm_bindgen]
impl Trainer {
    /// The probability of class `label` for `image` (one input of the model, flat) moved by every
    /// value of `sweep` (`{ transform: "right" | "down" | "rotate", max, step }`): `{ values,
    /// probabilities, predictions, correct, kept, probabilityAtZero, meanProbability }`.
    #[wasm_bindgen(js_name = transformCurve)]
    pub fn transform_curve(
        &mut self,
        image: &JsValue,
        label: &JsValue,
        sweep: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "transformCurve";
        let (image, label) = (f32s(OP, "image", image)?, index(OP, "label", label)?);
        let sweep: Sweep = config(OP, "sweep", sweep)?;
        to_js(&transform_curve(&mut self.inner.model, &image, label, &sweep).map_err(js_err)?)
    }
}
