//! The labs' bindings in the browser: a scheme's numbers for given fans, uniform noise at dropout's
//! noise variance, a probe that leaves batch norm's running averages alone, dead units, the
//! variance report's two forms, and the train/test gap with its comparison.

use super::train::{call, digits_js};
use super::*;
use convplay_wasm::dropout::{matched_uniform_noise, variance_shift};
use convplay_wasm::init::init_scheme;
use convplay_wasm::train::{compare_gaps, Trainer};

fn num(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap()
}

const SGD: &str = r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":16,"seed":1}"#;

#[wasm_bindgen_test]
fn init_scheme_gives_xaviers_compromise_and_r_squared_over_three() {
    let x = init_scheme(&opts(r#"{"kind":"xavierNormal"}"#), &n(784.), &n(64.)).unwrap();
    assert!((num(&x, "fanInTimesVariance") - 2.0 * 784.0 / 848.0).abs() < 1e-6);
    assert!((num(&x, "fanOutTimesVariance") - 2.0 * 64.0 / 848.0).abs() < 1e-6);
    assert_eq!(text(&x, "keeps"), "meanFanTimesVariance");
    assert!(get(&x, "variancePerSquaredHalfWidth").is_null());
    let s = init_scheme(&opts(r#"{"kind":"standard"}"#), &n(784.), &n(64.)).unwrap();
    assert_eq!((text(&s, "family"), text(&s, "keeps")), ("uniform".into(), "fanInTimesVariance".into()));
    assert!((num(&s, "spread") - 1.0 / 28.0).abs() < 1e-7);
    assert!((num(&s, "variancePerSquaredHalfWidth") - 1.0 / 3.0).abs() < 1e-7);
    assert!((num(&s, "keptValue") - 1.0 / 3.0).abs() < 1e-7);
    let e = init_scheme(&opts(r#"{"kind":"heNormal"}"#), &n(-1.), &n(3.)).unwrap_err();
    assert!(message(e).starts_with("initScheme: fanIn must be a whole number"));
    let e = init_scheme(&opts(r#"{"kind":"heNormal"}"#), &n(0.), &n(3.)).unwrap_err();
    assert!(message(e).contains("fanIn"));
    assert!(init_scheme(&opts(r#"{"kind":"normal","std":1,"r":2}"#), &n(3.), &n(3.)).is_err());
}

#[wasm_bindgen_test]
fn uniform_noise_at_equal_noise_variance() {
    let m = matched_uniform_noise(&n(0.1), &n(0.), &n(1.)).unwrap();
    assert!(get(&m, "matched").as_bool().unwrap() && get(&m, "sameShift").as_bool().unwrap());
    assert!((num(&m, "beta") - (1.0f64 / 3.0).sqrt()).abs() < 1e-6);
    assert_eq!(num(&get(&m, "uniform"), "trainOverTest"), num(&get(&m, "dropout"), "trainOverTest"));
    let m = matched_uniform_noise(&n(0.5), &n(0.), &n(1.)).unwrap();
    assert!(!get(&m, "matched").as_bool().unwrap());
    assert_eq!((num(&m, "beta"), num(&m, "maxBeta"), num(&m, "maxMatchedP")), (1.0, 1.0, 0.25));
    assert_eq!(num(&get(&m, "dropout"), "noiseVariance"), 1.0);
    let s = variance_shift(&opts(r#"{"kind":"uniformNoise","beta":0.5}"#), &n(0.), &n(1.)).unwrap();
    assert!((num(&s, "noiseVariance") - 1.0 / 12.0).abs() < 1e-7);
    let e = matched_uniform_noise(&n(1.), &n(0.), &n(1.)).unwrap_err();
    assert!(message(e).starts_with("matchedUniformNoise: p must be in [0, 1)"));
    let e = matched_uniform_noise(&"0.5".into(), &n(0.), &n(1.)).unwrap_err();
    assert!(message(e).starts_with("matchedUniformNoise: p must be a finite number"));
}

#[wasm_bindgen_test]
fn probing_leaves_running_averages_and_reports_dead_units_and_both_forms() {
    let digits = digits_js(120);
    let model = opts(
        r#"{"input":[1,28,28],"seed":1,"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":16},
           {"kind":"batchNorm"},{"kind":"activation","activation":{"kind":"relu"}},{"kind":"dense","outFeatures":10}]}"#,
    );
    let t: JsValue = Trainer::new(&model, &opts(SGD)).unwrap().into();
    call(&t, "train", &[digits.clone(), n(5.)]).unwrap();
    let running = || js_sys::JSON::stringify(&call(&t, "buffers", &[n(2.)]).unwrap()).unwrap().as_string();
    let before = running();
    call(&t, "probe", &[digits.clone(), n(32.)]).unwrap();
    call(&t, "probe", &[digits.clone(), n(7.)]).unwrap();
    assert_eq!(running(), before);
    let d = call(&t, "deadUnits", &[n(3.)]).unwrap();
    assert_eq!((num(&d, "units"), num(&d, "examples")), (16.0, 7.0));
    assert!(num(&d, "dead") <= 16.0 && num(&d, "fraction") == num(&d, "dead") / 16.0);
    assert!(call(&t, "deadUnits", &[n(9.)]).unwrap_err().contains("deadUnits: layer must be below 5"));
    let rows = call(&t, "varianceReport", &[]).unwrap().dyn_into::<js_sys::Array>().unwrap();
    let first = rows.get(0);
    // Pixels are not zero-mean: the lecture's form is low by E[x]²/E[x²].
    assert!(get(&first, "formsDiffer").as_bool().unwrap());
    let want = num(&first, "inputMean").powi(2) / num(&first, "inputSecondMoment");
    assert!((num(&first, "formsDifference") - want).abs() < 1e-4);
    assert_eq!(num(&first, "formsTolerance"), 0.05f32 as f64);
    assert!(num(&first, "schemeFanOutTimesVariance") > 0.0 && num(&first, "weightVariance") > 0.0);
    call(&t, "train", &[digits.clone(), n(1.)]).unwrap();
    assert_ne!(running(), before, "training still moves them");
    call(&t, "free", &[]).unwrap();
    call(&digits, "free", &[]).unwrap();
}

#[wasm_bindgen_test]
fn the_train_test_gap_and_its_comparison() {
    let digits = digits_js(120);
    let model = opts(
        r#"{"input":[1,28,28],"seed":1,"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#,
    );
    let t: JsValue = Trainer::new(&model, &opts(SGD)).unwrap().into();
    call(&t, "train", &[digits.clone(), n(10.)]).unwrap();
    let g = call(&t, "generalization", &[digits.clone(), n(40.), n(0.)]).unwrap();
    assert_eq!((num(&get(&g, "train"), "count"), num(&get(&g, "test"), "count")), (40.0, 30.0));
    let gap = num(&get(&g, "train"), "accuracy") - num(&get(&g, "test"), "accuracy");
    assert!((num(&g, "accuracyGap") - gap).abs() < 1e-6);
    let same = compare_gaps(&g, &g).unwrap();
    assert_eq!(text(&get(&same, "accuracy"), "verdict"), "same");
    assert_eq!(num(&get(&same, "loss"), "difference"), 0.0);
    let e = call(&t, "generalization", &[n(3.), n(0.), n(0.)]).unwrap_err();
    assert!(e.starts_with("generalization: digits must be a Digits handle"), "{e}");
    let e = compare_gaps(&g, &opts(r#"{"train":1}"#)).unwrap_err();
    assert!(message(e).starts_with("compareGaps: other"));
    let bad = js_sys::JSON::parse(&js_sys::JSON::stringify(&g).unwrap().as_string().unwrap()).unwrap();
    Reflect::set(&bad, &"extra".into(), &n(1.)).unwrap();
    assert!(compare_gaps(&bad, &g).is_err(), "unknown keys are errors");
    call(&t, "free", &[]).unwrap();
    call(&digits, "free", &[]).unwrap();
}
