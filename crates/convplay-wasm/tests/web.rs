//! The bindings in a real browser (headless Chromium through `wasm-pack test --headless --chrome`):
//! the lecture's fixture, gradient checks through the JavaScript-facing API, and errors that are
//! JavaScript `Error`s naming the argument, after which the module keeps working.
#![cfg(target_arch = "wasm32")]

use convplay_wasm::conv::{conv1d, conv2d, conv2d_backward, conv2d_trace};
use js_sys::{Float32Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const INPUT: [f32; 25] =
    [3., 3., 2., 1., 0., 0., 0., 1., 3., 1., 3., 1., 2., 2., 3., 2., 0., 0., 2., 2., 2., 0., 0., 0., 1.];
const KERNEL: [f32; 9] = [0., 1., 2., 2., 2., 0., 0., 1., 2.];

fn data(v: &JsValue) -> Vec<f32> {
    Reflect::get(v, &"data".into()).unwrap().dyn_into::<Float32Array>().unwrap().to_vec()
}

fn opts(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v.dyn_into().expect("a JavaScript Error");
    err.message().into()
}

#[wasm_bindgen_test]
fn lecture_example_both_modes() {
    let y = conv2d(&INPUT, &[1, 1, 5, 5], &KERNEL, &[1, 1, 3, 3], None, JsValue::UNDEFINED).unwrap();
    assert_eq!(data(&y), vec![12., 12., 17., 10., 17., 19., 9., 6., 14.]);
    let y = conv2d(&INPUT, &[1, 1, 5, 5], &KERNEL, &[1, 1, 3, 3], None, opts(r#"{"mode":"convolution"}"#))
        .unwrap();
    assert_eq!(data(&y), vec![18., 20., 19., 10., 9., 17., 11., 8., 14.]);
    let t = conv2d_trace(&INPUT, &[1, 1, 5, 5], &KERNEL, &[1, 1, 3, 3], None, JsValue::UNDEFINED, 0, 0, 2, 2)
        .unwrap();
    assert_eq!(Reflect::get(&t, &"result".into()).unwrap().as_f64(), Some(14.0));
}

#[wasm_bindgen_test]
fn gradient_check_through_the_bindings() {
    // Loss = Σ y·r; compare the weight gradient with central differences of conv2d itself.
    let o = opts(r#"{"stride":[2,1],"padding":{"kind":"same"},"dilation":1}"#);
    let x: Vec<f32> = (0..2 * 6 * 5).map(|i| ((i * 37 % 17) as f32 - 8.0) / 8.0).collect();
    let w: Vec<f32> = (0..3 * 2 * 3 * 3).map(|i| ((i * 11 % 13) as f32 - 6.0) / 6.0).collect();
    let y = conv2d(&x, &[1, 2, 6, 5], &w, &[3, 2, 3, 3], None, o.clone()).unwrap();
    let r: Vec<f32> = (0..data(&y).len()).map(|i| ((i * 7 % 5) as f32 - 2.0) / 2.0).collect();
    let shape: Vec<u32> = Reflect::get(&y, &"shape".into())
        .unwrap()
        .dyn_into::<js_sys::Array>()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap() as u32)
        .collect();
    let g = conv2d_backward(&x, &[1, 2, 6, 5], &w, &[3, 2, 3, 3], &r, &shape, o.clone()).unwrap();
    let gw = data(&Reflect::get(&g, &"weight".into()).unwrap());
    let loss = |w: &[f32]| -> f64 {
        let y = conv2d(&x, &[1, 2, 6, 5], w, &[3, 2, 3, 3], None, o.clone()).unwrap();
        data(&y).iter().zip(&r).map(|(a, b)| *a as f64 * *b as f64).sum()
    };
    for i in 0..w.len() {
        let (mut p, mut m) = (w.clone(), w.clone());
        p[i] += 1e-2;
        m[i] -= 1e-2;
        let numeric = (loss(&p) - loss(&m)) / 2e-2;
        assert!(
            (numeric - gw[i] as f64).abs() < 2e-3 + 2e-2 * numeric.abs(),
            "weight {i}: {numeric} vs {}",
            gw[i]
        );
    }
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_naming_the_argument_and_the_module_keeps_working() {
    let x = [0.0f32; 75];
    let e = conv2d(&x, &[1, 3, 5, 5], &[0.0; 18], &[1, 2, 3, 3], None, JsValue::UNDEFINED).unwrap_err();
    assert_eq!(message(e), "conv2d: kernel has 2 input channels but input has 3");
    let e = conv2d(&x, &[1, 3, 5, 4], &[0.0; 27], &[1, 3, 3, 3], None, JsValue::UNDEFINED).unwrap_err();
    assert!(message(e).starts_with("conv2d: input shape [1, 3, 5, 4] needs 60 values"));
    let e = conv2d(&x, &[1, 3, 5, 5], &[0.0; 27], &[1, 3, 3, 3], None, opts(r#"{"stride":0}"#)).unwrap_err();
    assert!(message(e).contains("stride"));
    let e = conv2d(&x, &[1, 3, 5, 5], &[0.0; 27], &[1, 3, 3, 3], None, opts(r#"{"strid":1}"#)).unwrap_err();
    assert!(message(e).contains("strid"));
    let e = conv1d(&[], &[1.0], JsValue::UNDEFINED).unwrap_err();
    assert!(message(e).starts_with("conv1d: x"));
    let y = conv2d(&INPUT, &[1, 1, 5, 5], &KERNEL, &[1, 1, 3, 3], None, JsValue::UNDEFINED).unwrap();
    assert_eq!(data(&y)[0], 12.0);
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_float32_tensors() {
    let o = JsValue::UNDEFINED;
    let g =
        conv2d_backward(&INPUT, &[1, 1, 5, 5], &KERNEL, &[1, 1, 3, 3], &[1.0; 9], &[1, 1, 3, 3], o).unwrap();
    let bias = Reflect::get(&g, &"bias".into()).unwrap();
    assert!(Reflect::get(&bias, &"data".into()).unwrap().is_instance_of::<Float32Array>());
    assert_eq!(data(&bias), vec![9.0]);
    let shape = Reflect::get(&bias, &"shape".into()).unwrap();
    assert!(js_sys::Array::is_array(&shape));
    assert_eq!(js_sys::Array::from(&shape).to_vec(), vec![JsValue::from(1)]);
    let c = convplay_wasm::receptive::compare_layers(1000.0, 1000.0, 1.0, 1000.0, 1.0, 3.0).unwrap();
    assert_eq!(Reflect::get(&c, &"denseWeights".into()).unwrap().as_f64(), Some(1e9));
    let huge = convplay_wasm::receptive::compare_layers(1e7, 1e7, 1e7, 1.0, 1.0, 3.0).unwrap();
    assert!(Reflect::get(&huge, &"denseMultiplications".into()).unwrap().as_f64().unwrap() > 1e19);
}

mod more {
    use super::*;
    use convplay_wasm::labs::{batch_norm_steps, init_weights, variance_shift};
    use convplay_wasm::ops::{pool2d, pool2d_trace_js as pool2d_trace};

    fn num(v: &JsValue, key: &str) -> f64 {
        Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
    }

    #[wasm_bindgen_test]
    fn pooling_of_a_known_map() {
        let x: Vec<f32> = (1..=16).map(|v| v as f32).collect();
        let opts = |k: &str| super::opts(&format!(r#"{{"pool":{{"kind":"{k}"}},"size":2}}"#));
        assert_eq!(data(&pool2d(&x, &[1, 1, 4, 4], opts("max")).unwrap()), vec![6., 8., 14., 16.]);
        assert_eq!(data(&pool2d(&x, &[1, 1, 4, 4], opts("average")).unwrap()), vec![3.5, 5.5, 11.5, 13.5]);
        let l2 = data(&pool2d(&x, &[1, 1, 4, 4], opts("l2")).unwrap());
        assert!((l2[0] - (1f32 + 4. + 25. + 36.).sqrt()).abs() < 1e-5);
        let t = pool2d_trace(&x, &[1, 1, 4, 4], opts("max"), 0, 0, 1, 1).unwrap();
        assert_eq!(num(&t, "result"), 16.0);
        assert_eq!(num(&t, "argmax"), 3.0);
    }

    #[wasm_bindgen_test]
    fn batch_norm_dropout_and_init_numbers() {
        let s = batch_norm_steps(&[1., 2., 3., 4.], 2.0, 1.0, 1e-5).unwrap();
        assert_eq!(num(&s, "mean"), 2.5);
        assert!((num(&s, "variance") - 1.25).abs() < 1e-6);
        let ratio = |p: f64| {
            num(
                &variance_shift(super::opts(&format!(r#"{{"kind":"inverted","p":{p}}}"#)), 0.0, 1.0).unwrap(),
                "ratio",
            )
        };
        assert!(ratio(0.5) < ratio(0.1), "the shift grows with p");
        let d = init_weights(super::opts(r#"{"kind":"standard"}"#), &[100, 1000], 1.0).unwrap();
        assert!((num(&d, "fanInTimesVariance") - 1.0 / 3.0).abs() < 1e-4);
    }
}

#[path = "web/train.rs"]
mod train;
