//! A student's own dataset (`ClassSet`): named classes, examples added, removed and augmented,
//! saved to and read from a dataset file, split into a `Digits` handle a `Trainer` trains on. No
//! maths here: each method reads its arguments (limits first) and calls the core.

use convplay_core::data::classes::{ClassSet as CoreSet, PIXELS};
use convplay_core::data::classes_file::{check_file_size, parse_classes};
use convplay_core::data::classes_image;
use convplay_core::data::AugmentOptions;
use convplay_core::limits::{MAX_CLASSES, MAX_CLASS_NAME_CHARS};
use convplay_core::model::code;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{
    bytes, f32s_at_most, index, js_err, number64, options, seed, strings, text, to_js, u32s, JsResult,
};
use crate::data::{digits_arg, Digits};

/// Longest name read, in UTF-16 units (the core then allows 32 characters).
const NAME_UNITS: usize = 4 * MAX_CLASS_NAME_CHARS;

/// A student's dataset: 2 to 10 named classes of 28×28 grey examples.
#[wasm_bindgen]
pub struct ClassSet {
    inner: CoreSet,
}

/// One example as a page reads it.
#[derive(Serialize)]
struct ExampleJs {
    label: usize,
    augmented: bool,
    source: Option<usize>,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pixels: js_sys::Float32Array,
}

fn name(op: &'static str, v: &JsValue) -> JsResult<String> {
    text(op, "name", v, NAME_UNITS)
}

fn label(op: &'static str, v: &JsValue) -> JsResult<usize> {
    index(op, "label", v)
}

#[wasm_bindgen]
impl ClassSet {
    /// An empty dataset with these class names (an array of 2 to 10 strings, 1–32 characters each,
    /// trimmed, all different).
    #[wasm_bindgen(constructor)]
    pub fn new(names: &JsValue) -> JsResult<ClassSet> {
        let names = strings("ClassSet", "names", names, MAX_CLASSES, NAME_UNITS)?;
        Ok(ClassSet { inner: CoreSet::new(&names).map_err(js_err)? })
    }

    /// Read a dataset file (`Uint8Array`), checked field by field.
    pub fn parse(file: &JsValue) -> JsResult<ClassSet> {
        // A typed array longer than any dataset file is refused before it is copied.
        // (Its length read through Reflect, which catches what a hostile getter throws.)
        if file.dyn_ref::<js_sys::Uint8Array>().is_some() {
            let n = js_sys::Reflect::get(file, &"length".into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0);
            check_file_size(n.clamp(0.0, usize::MAX as f64) as usize).map_err(js_err)?;
        }
        Ok(ClassSet { inner: parse_classes(&bytes("ClassSet.parse", "bytes", file)?).map_err(js_err)? })
    }

    /// The built-in starting point: the first `perClass` training digits of each of `labels`
    /// (such as `[0, 1, 7]`), classes named "0", "1", "7".
    pub fn starter(digits: &JsValue, labels: &JsValue, per_class: &JsValue) -> JsResult<ClassSet> {
        const OP: &str = "ClassSet.starter";
        let digits = digits_arg(OP, digits)?;
        let labels: Vec<usize> =
            u32s(OP, "labels", labels, MAX_CLASSES)?.into_iter().map(|l| l as usize).collect();
        let per_class = index(OP, "perClass", per_class)?;
        Ok(ClassSet { inner: CoreSet::starter(&digits, &labels, per_class).map_err(js_err)? })
    }

    /// The dataset file (`Uint8Array`).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.inner.to_bytes()
    }

    /// The class names, in label order.
    pub fn names(&self) -> JsResult<JsValue> {
        to_js(&self.inner.names())
    }

    /// Number of examples, originals and augmented copies.
    pub fn count(&self) -> u32 {
        self.inner.len() as u32
    }

    /// `{ original: number[], augmented: number[] }`, per class.
    pub fn counts(&self) -> JsResult<JsValue> {
        to_js(&self.inner.counts())
    }

    /// `{ label, augmented, source (index or null), pixels: Float32Array(784) }`.
    pub fn example(&self, i: &JsValue) -> JsResult<JsValue> {
        let e = self.inner.example(index("ClassSet.example", "index", i)?).map_err(js_err)?;
        let pixels = js_sys::Float32Array::from(&e.pixels_f32()[..]);
        to_js(&ExampleJs { label: e.label, augmented: e.augmented(), source: e.source, pixels })
    }

    /// Add an original of class `label` (784 values 0–1); its index.
    pub fn add(&mut self, label_: &JsValue, pixels: &JsValue) -> JsResult<u32> {
        const OP: &str = "ClassSet.add";
        let l = label(OP, label_)?;
        let pixels = f32s_at_most(OP, "pixels", pixels, PIXELS)?;
        Ok(self.inner.add(l, &pixels).map_err(js_err)? as u32)
    }

    /// Remove an example (an original with its augmented copies); the number removed.
    pub fn remove(&mut self, i: &JsValue) -> JsResult<u32> {
        Ok(self.inner.remove(index("ClassSet.remove", "index", i)?).map_err(js_err)? as u32)
    }

    /// Add an empty class; its label.
    #[wasm_bindgen(js_name = addClass)]
    pub fn add_class(&mut self, name_: &JsValue) -> JsResult<u32> {
        Ok(self.inner.add_class(&name("ClassSet.addClass", name_)?).map_err(js_err)? as u32)
    }

    /// Rename a class.
    #[wasm_bindgen(js_name = renameClass)]
    pub fn rename_class(&mut self, label_: &JsValue, name_: &JsValue) -> JsResult<()> {
        const OP: &str = "ClassSet.renameClass";
        let (l, n) = (label(OP, label_)?, name(OP, name_)?);
        self.inner.rename_class(l, &n).map_err(js_err)
    }

    /// Remove a class and its examples (at least 2 classes stay); the number of examples removed.
    #[wasm_bindgen(js_name = removeClass)]
    pub fn remove_class(&mut self, label_: &JsValue) -> JsResult<u32> {
        Ok(self.inner.remove_class(label("ClassSet.removeClass", label_)?).map_err(js_err)? as u32)
    }

    /// Add shifted and rotated copies of every original (`{ copies, maxShift, maxDegrees, seed }`,
    /// defaults 4, 2, 10, 1); the number added.
    pub fn augment(&mut self, options_: &JsValue) -> JsResult<u32> {
        let o: AugmentOptions = options("ClassSet.augment", options_)?;
        Ok(self.inner.augment(&o).map_err(js_err)?.len() as u32)
    }

    /// Remove every augmented copy; the number removed.
    #[wasm_bindgen(js_name = clearAugmented)]
    pub fn clear_augmented(&mut self) -> u32 {
        self.inner.clear_augmented() as u32
    }

    /// A `Digits` handle of a train and a test split: `testPercent` (1–90) of each class's
    /// originals held out (drawn with `seed`), augmented copies with their original in training.
    pub fn split(&self, test_percent: &JsValue, seed_: &JsValue) -> JsResult<Digits> {
        const OP: &str = "ClassSet.split";
        let (p, s) = (number64(OP, "testPercent", test_percent)?, seed(OP, seed_)?);
        Ok(Digits::from_splits(self.inner.split(p, s).map_err(js_err)?))
    }
}

/// A picture (RGBA bytes, `width × height`) as an example: `Float32Array(784)`, background 0 and
/// ink bright, scaled and centred as a drawing is. A blank picture is an `Error`.
#[wasm_bindgen(js_name = exampleFromImage)]
pub fn example_from_image(rgba: &JsValue, width: &JsValue, height: &JsValue) -> JsResult<Vec<f32>> {
    const OP: &str = "exampleFromImage";
    let (w, h) = (index(OP, "width", width)?, index(OP, "height", height)?);
    classes_image::example_from_image(&bytes(OP, "rgba", rgba)?, w, h).map_err(js_err)
}

/// A layer code with its last (dense) layer giving `k` outputs: `"…_fl_d10"`, 3 → `"…_fl_d3"`.
#[wasm_bindgen(js_name = layersForClasses)]
pub fn layers_for_classes(code_: &JsValue, k: &JsValue) -> JsResult<String> {
    const OP: &str = "layersForClasses";
    let c = text(OP, "code", code_, convplay_core::limits::MAX_CODE_BYTES)?;
    code::layers_for_classes(&c, index(OP, "k", k)?).map_err(js_err)
}
