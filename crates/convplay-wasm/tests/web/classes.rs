//! A student's own dataset through the bindings: the starter from a Digits handle, examples added
//! and read back, the dataset file round trip and a damaged file's message, augmentation, and a
//! split that a Trainer (with layersForClasses' code) trains on to better than chance.

use super::train::{call, digits_js, u8a};
use super::*;
use convplay_wasm::classes::{example_from_image, layers_for_classes, ClassSet};
use convplay_wasm::live_handles;
use convplay_wasm::model::parse_layers;
use convplay_wasm::train::Trainer;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn names(v: &[&str]) -> JsValue {
    v.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into()
}

#[wasm_bindgen_test]
fn a_dataset_made_saved_read_and_trained_on() {
    let digits = digits_js(200); // labels 0 and 1: ink on the left or the right half
    let mut set = ClassSet::starter(&digits, &js_sys::Array::of2(&n(0.), &n(1.)).into(), &n(30.)).unwrap();
    assert_eq!(
        set.names().unwrap().dyn_into::<js_sys::Array>().unwrap().to_vec(),
        vec![JsValue::from("0"), "1".into()]
    );
    assert_eq!(set.count(), 60);
    assert_eq!(set.augment(&opts(r#"{"copies":2,"maxShift":1,"maxDegrees":5,"seed":3}"#)).unwrap(), 120);
    let e = set.example(&n(70.)).unwrap();
    assert_eq!(get(&e, "augmented").as_bool(), Some(true));
    assert_eq!(get(&e, "pixels").dyn_into::<Float32Array>().unwrap().length(), 784);
    // The file comes back the same; a damaged one is an Error in words.
    let bytes = set.to_bytes();
    let back = ClassSet::parse(&u8a(&bytes)).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    let e = ClassSet::parse(&u8a(&bytes[..bytes.len() - 1])).err().expect("cut short");
    assert!(message(e).starts_with("dataset file: the file is cut short"));
    // A split is a Digits handle (counted alive until freed) that a Trainer trains on.
    let before = live_handles();
    let split: JsValue = set.split(&n(25.), &n(1.)).unwrap().into();
    assert_eq!(live_handles(), before + 1);
    assert_eq!(call(&split, "count", &["test".into()]).unwrap().as_f64(), Some(16.0));
    assert_eq!(call(&split, "count", &["train".into()]).unwrap().as_f64(), Some(44.0 * 3.0));
    let code = layers_for_classes(&"c2k5s2_relu_fl_d10".into(), &n(2.)).unwrap();
    assert_eq!(code, "c2k5s2_relu_fl_d2");
    let layers = js_sys::JSON::stringify(&parse_layers(&code.into()).unwrap()).unwrap().as_string().unwrap();
    let model = opts(&format!(r#"{{"input":[1,28,28],"seed":1,"layers":{layers}}}"#));
    let train = opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":16,"seed":1}"#);
    let t: JsValue = Trainer::new(&model, &train).unwrap().into();
    call(&t, "train", &[split.clone(), n(30.)]).unwrap();
    let e = call(&t, "evaluate", &[split.clone(), "test".into(), n(0.)]).unwrap();
    assert!(get(&e, "accuracy").as_f64().unwrap() > 0.8, "{:?}", get(&e, "accuracy"));
    assert_eq!(get(&e, "confusion").dyn_into::<js_sys::Uint32Array>().map(|c| c.length()).unwrap_or(4), 4);
    call(&t, "free", &[]).unwrap();
    call(&split, "free", &[]).unwrap();
    assert_eq!(live_handles(), before);
}

#[wasm_bindgen_test]
fn classes_and_pictures_and_their_errors() {
    let mut set = ClassSet::new(&names(&["cat", " dog "])).unwrap();
    assert_eq!(set.add_class(&"fish".into()).unwrap(), 2);
    set.rename_class(&n(1.), &"hound".into()).unwrap();
    let e = set.rename_class(&n(1.), &"cat".into()).err().expect("taken");
    assert_eq!(message(e), "ClassSet.renameClass: name \"cat\" is already the name of class 0");
    // A black 2×2 square on white: the example's ink is the 20×20 box in the middle.
    let mut rgba = vec![255u8; 8 * 8 * 4];
    for i in [27, 28, 35, 36] {
        rgba[i * 4..i * 4 + 3].fill(0);
    }
    let pixels = example_from_image(&u8a(&rgba), &n(8.), &n(8.)).unwrap();
    assert_eq!(pixels.iter().filter(|&&v| v == 1.0).count(), 400);
    assert_eq!(set.add(&n(2.), &f32a(&pixels)).unwrap(), 0);
    let c = set.counts().unwrap();
    assert_eq!(get(&c, "original").dyn_into::<js_sys::Array>().unwrap().length(), 3);
    assert_eq!(set.remove_class(&n(0.)).unwrap(), 0);
    let e = set.add(&n(0.), &f32a(&[0.5; 10])).err().expect("10 values");
    assert_eq!(message(e), "ClassSet.add: pixels must hold 28×28 = 784 values, got 10");
    let e = set.add(&n(0.), &f32a(&vec![0.5; 100_000])).err().expect("too many");
    assert!(message(e).contains("the limit is 784"));
    let e = ClassSet::new(&"cat".into()).err().expect("not an array");
    assert_eq!(message(e), "ClassSet: names must be an array of strings, got a string (\"cat\")");
    let e = set.split(&n(25.), &n(1.)).err().expect("too few");
    assert!(message(e).contains("each class needs at least 2"));
    let e = example_from_image(&u8a(&[255; 64]), &n(4.), &n(4.)).err().expect("blank");
    assert!(message(e).contains("is blank"));
    let e = ClassSet::parse(&js_sys::Uint8Array::new_with_length(5_000_000).into()).err().expect("too big");
    assert_eq!(
        message(e),
        "dataset file: the file has 5,000,000 bytes; a dataset file has at most 3,237,149"
    );
    let e = layers_for_classes(&"c8k5_relu".into(), &n(3.)).err().expect("no dense layer");
    assert!(message(e).contains("must end with a dense layer"));
}
