//! Blur, then subsample, in the browser: the pooling fixture blurred, the layer code `mp2b`, the
//! shift sensitivity with and without the blur on a Digits handle, and errors naming the argument.

use super::train::{call, digits_js};
use super::*;
use convplay_wasm::antialias::{blur_pool2d, blur_shift_sensitivity, model_shift_sensitivity_js};
use convplay_wasm::model::{parse_layers, print_layers};
use convplay_wasm::train::Trainer;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number"))
}

#[wasm_bindgen_test]
fn blur_pool_of_the_pooling_fixture() {
    let x = f32a(&[1., 3., 2., 0., 4., 2., 1., 1., 0., 0., 5., 6., 1., 2., 7., 8.]);
    let y = blur_pool2d(&x, &u32a(&[1, 1, 4, 4]), &opts(r#"{"pool":{"kind":"max"},"size":2}"#)).unwrap();
    let want = [35. / 9., 31. / 9., 35. / 9., 7.];
    for (g, w) in data(&y).iter().zip(want) {
        assert!((g - w).abs() < 1e-5, "{g} vs {w}");
    }
    let e = blur_pool2d(&x, &u32a(&[1, 1, 4, 4]), &opts(r#"{"pool":{"kind":"max"},"size":2,"blur":1}"#));
    assert!(message(e.unwrap_err()).contains("blur"));
}

#[wasm_bindgen_test]
fn layer_code_with_a_blurred_pool_round_trips() {
    let layers = parse_layers(&"c2k3_relu_mp2b_fl_d2".into()).unwrap();
    let pool = js_sys::Array::from(&layers).get(2);
    assert_eq!(get(&pool, "antialias").as_bool(), Some(true));
    assert_eq!(print_layers(&layers).unwrap(), "c2k3_relu_mp2b_fl_d2");
}

#[wasm_bindgen_test]
fn shift_sensitivity_with_and_without_the_blur() {
    let digits = digits_js(6);
    let layer = opts(r#"{"kind":"maxPool","size":2,"stride":2}"#);
    let c = blur_shift_sensitivity(&digits, &n(2.), &layer, &n(3.)).unwrap();
    let (plain, blurred) = (get(&c, "plain"), get(&c, "blurred"));
    assert_eq!(num(&plain, "digits"), 2.0);
    assert!(num(&plain, "onePixel").is_finite() && num(&blurred, "onePixel").is_finite());
    let ratio = num(&c, "ratio");
    assert_eq!(get(&c, "reduced").as_bool(), Some(num(&blurred, "onePixel") < num(&plain, "onePixel")));
    assert!(ratio.is_finite());
    let e = blur_shift_sensitivity(&digits, &n(2.), &layer, &n(17.)).unwrap_err();
    assert!(message(e).contains("maxShift"));
    let e = blur_shift_sensitivity(&n(3.), &n(2.), &layer, &n(2.)).unwrap_err();
    assert!(message(e).contains("Digits handle"));
    let model = opts(
        r#"{"input":[1,28,28],"seed":1,"layers":[{"kind":"conv2d","outChannels":2,"kernel":3},
        {"kind":"pool","pool":{"kind":"max"},"size":2,"antialias":true},{"kind":"flatten"},{"kind":"dense","outFeatures":2}]}"#,
    );
    let m = model_shift_sensitivity_js(&model, &digits, &n(2.), &n(2.)).unwrap();
    assert!(num(&m, "onePixel") >= 0.0);
    let trainer: JsValue =
        Trainer::new(&model, &opts(r#"{"optimizer":{"kind":"sgd","lr":0.1},"batchSize":2,"seed":1}"#))
            .unwrap()
            .into();
    let t = call(&trainer, "shiftSensitivity", &[digits.clone(), n(2.), n(2.)]).unwrap();
    assert_eq!(num(&t, "onePixel"), num(&m, "onePixel"), "the same model at the same seed");
}
