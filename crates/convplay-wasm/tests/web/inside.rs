//! Inside a trained model from JavaScript: a unit's effective receptive field (|kernel| at its
//! window for one convolution, beside its theoretical field) and the test digits that excite a
//! filter most, with errors naming the argument.

use super::train::{call, digits_js};
use super::*;
use convplay_wasm::train::Trainer;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn list(v: &JsValue) -> Vec<JsValue> {
    v.clone().dyn_into::<js_sys::Array>().unwrap().iter().collect()
}

fn floats(v: &JsValue) -> Vec<f64> {
    list(v).iter().map(|x| x.as_f64().unwrap()).collect()
}

const MODEL: &str = r#"{"input":[1,28,28],"seed":2,"layers":[{"kind":"conv2d","outChannels":3,"kernel":5},
    {"kind":"activation","activation":{"kind":"relu"}},{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#;
const SGD: &str = r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":8,"seed":1}"#;

#[wasm_bindgen_test]
fn effective_field_of_one_convolution_is_its_absolute_kernel() {
    let t: JsValue = Trainer::new(&opts(MODEL), &opts(SGD)).unwrap().into();
    let d = digits_js(40);
    let f = call(&t, "effectiveField", &[d.clone(), n(0.), n(1.), n(3.), n(4.), n(8.)]).unwrap();
    let map: Vec<f32> = get(&f, "map")
        .dyn_into::<Float32Array>()
        .map(|a| a.to_vec())
        .unwrap_or_else(|v| floats(&v).iter().map(|&x| x as f32).collect());
    let w = data(&call(&t, "parameter", &[n(0.), "weight".into(), false.into()]).unwrap());
    for r in 0..28 {
        for c in 0..28 {
            let inside = (3..8).contains(&r) && (4..9).contains(&c);
            let want = if inside { w[25 + (r - 3) * 5 + c - 4].abs() } else { 0.0 };
            assert!((map[r * 28 + c] - want).abs() <= 1e-6 * want.max(1.0), "({r}, {c})");
        }
    }
    let theory = get(&f, "theoretical");
    assert_eq!(floats(&get(&theory, "size")), vec![5., 5.]);
    assert_eq!(get(&theory, "inside").as_f64(), Some(1.0));
    let size = floats(&get(&get(&f, "extent"), "size"));
    assert!(size.iter().all(|&s| (1.0..=5.0).contains(&s)), "{size:?}");
    let top = list(&call(&t, "topActivations", &[d.clone(), n(0.), n(2.), n(3.), n(0.)]).unwrap());
    let values: Vec<f64> = top.iter().map(|e| get(e, "value").as_f64().unwrap()).collect();
    assert!(values.len() == 3 && values[0] >= values[1] && values[1] >= values[2], "{values:?}");
    let e = call(&t, "effectiveField", &[d.clone(), n(9.), n(0.), n(0.), n(0.), n(1.)]).unwrap_err();
    assert!(e.starts_with("effectiveField:") && e.contains("layer must be below 4"), "{e}");
    let e = call(&t, "effectiveField", &[d.clone(), n(0.), n(0.), n(-1.), n(0.), n(1.)]).unwrap_err();
    assert!(e.contains("row"), "{e}");
    let e = call(&t, "topActivations", &[d, n(0.), n(0.), n(0.), n(0.)]).unwrap_err();
    assert!(e.starts_with("topActivations:") && e.contains("k must be at least 1"), "{e}");
}
