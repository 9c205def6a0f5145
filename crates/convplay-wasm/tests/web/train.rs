//! The training bindings in the browser: digits and trainers, the layer code, a model described
//! and a unit traced without building weights, layers by kind, the variance report, live handles.

use super::*;
use convplay_wasm::data::Digits;
use convplay_wasm::live_handles;
use convplay_wasm::model::{describe_model, parse_layers, print_layers, trace_unit};
use convplay_wasm::train::{sample_complexity_steps, Trainer};

fn num(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

/// Call `object.method(...args)` through the generated JavaScript, as a page does: the bindings'
/// own argument checks and wasm-bindgen's handle checks both run. A thrown `Error` is its message.
pub(crate) fn call(object: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: js_sys::Function = get(object, method).dyn_into().unwrap_or_else(|_| panic!("no method {method}"));
    let list: js_sys::Array = args.iter().collect();
    f.apply(object, &list).map_err(|e| {
        e.dyn_into::<js_sys::Error>().map(|e| e.message().into()).unwrap_or_else(|v| format!("{v:?}"))
    })
}

/// A `Uint8Array` of `bytes`, as a page passes a file.
pub(crate) fn u8a(bytes: &[u8]) -> JsValue {
    js_sys::Uint8Array::from(bytes).into()
}

/// A `Digits` handle as JavaScript holds it.
pub(crate) fn digits_js(n: usize) -> JsValue {
    Digits::new(&u8a(&synthetic_digits(n))).unwrap().into()
}

fn numbers(v: &JsValue) -> Vec<f64> {
    v.clone().dyn_into::<js_sys::Array>().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// A digit file of `n` synthetic 28×28 images: class 0 bright on the left half, class 1 on the right.
pub(crate) fn synthetic_digits(n: usize) -> Vec<u8> {
    let mut b = b"CPDIGIT1".to_vec();
    b.extend_from_slice(&(n as u32).to_le_bytes());
    b.extend_from_slice(&((n * 3 / 4) as u32).to_le_bytes());
    b.extend_from_slice(&28u16.to_le_bytes());
    b.extend_from_slice(&28u16.to_le_bytes());
    b.extend((0..n).map(|i| (i % 2) as u8));
    for i in 0..n {
        for _r in 0..28 {
            for c in 0..28 {
                let on = (c < 14) == (i % 2 == 0);
                b.push(if on { 200 + (i % 50) as u8 } else { (i * 7 % 30) as u8 });
            }
        }
    }
    b
}

#[wasm_bindgen_test]
fn a_trainer_learns_and_bad_configs_are_errors() {
    let digits = digits_js(200);
    let model = super::opts(
        r#"{"input":[1,28,28],"seed":1,"layers":[{"kind":"conv2d","outChannels":2,"kernel":5,"stride":2},
           {"kind":"activation","activation":{"kind":"relu"}},{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#,
    );
    let train = super::opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":16,"seed":1}"#);
    let t: JsValue = Trainer::new(&model, &train).unwrap().into();
    let first = num(&call(&t, "train", &[digits.clone(), n(1.)]).unwrap(), "loss");
    let later = num(&call(&t, "train", &[digits.clone(), n(30.)]).unwrap(), "loss");
    assert!(later < 0.5 * first, "{first} -> {later}");
    let e = call(&t, "evaluate", &[digits.clone(), "test".into(), n(0.)]).unwrap();
    assert!(num(&e, "accuracy") > 0.9);
    let bad = super::opts(r#"{"input":[1,28,28],"layers":[{"kind":"conv2d","outChannels":2,"kernel":50}]}"#);
    let e = Trainer::new(&bad, &train).err().expect("kernel 50 cannot fit");
    assert!(message(e).contains("layer 1 (conv2d)"));
    assert!(Digits::new(&u8a(b"nonsense")).is_err());
    let bytes = call(&t, "save", &[]).unwrap();
    let loaded: JsValue = Trainer::load(&bytes, &train).unwrap().into();
    let img = call(&digits, "image", &["test".into(), n(0.)]).unwrap();
    let predict = |t: &JsValue| {
        numbers(&js_sys::Array::from(&call(t, "predict", std::slice::from_ref(&img)).unwrap()).into())
    };
    assert_eq!(predict(&t), predict(&loaded));
    // trainOn: one step on a given batch; the loss it reports is before the update, so a
    // second step on the same batch reports a lower one. Bad batches are errors.
    let image = |i: f64| {
        js_sys::Float32Array::from(call(&digits, "image", &["train".into(), n(i)]).unwrap()).to_vec()
    };
    let batch: Vec<f32> = (0..4).flat_map(|i| image(i as f64)).collect();
    let labels: Vec<u8> = (0..4)
        .map(|i| call(&digits, "label", &["train".into(), n(i as f64)]).unwrap().as_f64().unwrap() as u8)
        .collect();
    let train_on = |pixels: &[f32], labels: &[u8]| call(&loaded, "trainOn", &[f32a(pixels), u8a(labels)]);
    let before = num(&train_on(&batch, &labels).unwrap(), "loss");
    let after = num(&train_on(&batch, &labels).unwrap(), "loss");
    assert!(after < before, "{before} -> {after}");
    let e = train_on(&batch, &labels[..3]).expect_err("3 labels for 4 images");
    assert!(e.contains("trainOn: labels must hold one label per image (4), got 3"));
    let e = train_on(&batch, &[0, 1, 2, 10]).expect_err("label 10 of 10 classes");
    assert!(e.contains("labels must be below 10, got 10"));
    let e = train_on(&batch[..100], &labels).expect_err("not whole images");
    assert!(e.contains("trainOn: pixels must hold a whole number of 1×28×28 images"));
}

const TINY_CNN: &str = "c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10";

fn tiny_cnn() -> JsValue {
    let layers =
        js_sys::JSON::stringify(&parse_layers(&TINY_CNN.into()).unwrap()).unwrap().as_string().unwrap();
    super::opts(&format!(r#"{{"input":[1,28,28],"seed":1,"layers":{layers}}}"#))
}

#[wasm_bindgen_test]
fn the_layer_code_round_trips_and_describes_the_tiny_cnn() {
    let layers = parse_layers(&TINY_CNN.into()).unwrap();
    assert_eq!(print_layers(&layers).unwrap(), TINY_CNN);
    let first = layers.clone().dyn_into::<js_sys::Array>().unwrap().get(0);
    assert_eq!(get(&first, "kind").as_string().unwrap(), "conv2d");
    assert_eq!(num(&first, "outChannels"), 8.0);
    assert_eq!(print_layers(&parse_layers(&"c5s1d1pv.p2s2d1pv".into()).unwrap()).unwrap(), "c1k5_mp2");
    let e = parse_layers(&"c8k5_zz".into()).expect_err("zz is not a layer");
    assert_eq!(message(e), "layer code: layer 2 \"zz\" is not a layer code");
    assert!(
        print_layers(&super::opts(r#"[{"kind":"flatten","units":3}]"#)).is_err(),
        "unknown keys are errors"
    );

    let d = describe_model(&tiny_cnn()).unwrap();
    assert_eq!(num(&d, "parameterCount"), 20_522.0);
    assert!(get(&d, "problem").is_null());
    let described = get(&d, "layers").dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(described.length(), 10);
    let pool = described.get(5);
    assert_eq!(get(&pool, "kind").as_string().unwrap(), "pool");
    assert_eq!(numbers(&get(&pool, "outputShape")), [16.0, 4.0, 4.0]);
    assert_eq!(numbers(&get(&get(&pool, "receptiveField"), "size")), [16.0, 16.0]);
    assert_eq!(numbers(&get(&get(&pool, "receptiveField"), "jump")), [4.0, 4.0]);
    assert_eq!(num(&get(&pool, "pads"), "bottom"), 0.0);
    assert!(get(&described.get(6), "receptiveField").is_null(), "flatten sees the whole input");
    assert!(get(&described.get(1), "pads").is_null(), "an activation slides no window");
    let bad = super::opts(
        r#"{"input":[1,8,8],"layers":[{"kind":"pool","pool":{"kind":"max"},"size":2},{"kind":"conv2d","outChannels":2,"kernel":5}]}"#,
    );
    let problem = get(&describe_model(&bad).unwrap(), "problem");
    assert_eq!(num(&problem, "layer"), 1.0);
    assert!(get(&problem, "message")
        .as_string()
        .unwrap()
        .starts_with("model: layer 2 (conv2d): conv2d: kernel 5×5"));
    assert!(describe_model(&super::opts(r#"{"input":[1,8,8],"layers":[],"extra":1}"#)).is_err());

    let regions =
        trace_unit(&tiny_cnn(), &n(5.), &n(0.), &n(0.)).unwrap().dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(regions.length(), 7, "the input and six maps");
    let input = regions.get(0);
    assert_eq!((num(&input, "top"), num(&input, "bottom"), num(&input, "right")), (0.0, 15.0, 15.0));
    assert_eq!(numbers(&get(&input, "map")), [28.0, 28.0]);
    let e = trace_unit(&tiny_cnn(), &n(6.), &n(0.), &n(0.)).expect_err("flatten has no field");
    assert!(message(e).starts_with("traceUnit: layer 7 (flatten) sees the whole input"));
}

#[wasm_bindgen_test]
fn a_trainers_layers_by_kind_and_its_variance_report() {
    let d = Digits::new(&u8a(&synthetic_digits(64))).unwrap();
    assert_eq!(numbers(&d.shape().unwrap()), [1.0, 28.0, 28.0]);
    let e = d.count(&JsValue::from(3)).expect_err("a number is not a split");
    assert!(message(e).starts_with("digits.count: split"));
    assert!(d.count(&JsValue::UNDEFINED).is_err());
    let digits: JsValue = d.into();
    let train = super::opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":16,"seed":1}"#);
    let t: JsValue = Trainer::new(&tiny_cnn(), &train).unwrap().into();
    let indices = |kind: &str| {
        call(&t, "layerIndices", &[kind.into()]).map(|v| numbers(&js_sys::Array::from(&v).into()))
    };
    assert_eq!(indices("dense").unwrap(), [7.0, 9.0]);
    assert_eq!(indices("activation").unwrap(), [1.0, 4.0, 8.0]);
    assert!(indices("relu").is_err(), "one name per kind: relu is an activation");
    let infos = call(&t, "layerInfos", &[]).unwrap().dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(get(&infos.get(2), "kind").as_string().unwrap(), "pool");
    assert!(call(&t, "varianceReport", &[]).is_err(), "no pass yet");
    call(&t, "probe", &[digits.clone(), n(32.)]).unwrap();
    let rows = call(&t, "varianceReport", &[]).unwrap().dyn_into::<js_sys::Array>().unwrap();
    assert_eq!(rows.length(), 4, "two conv2d and two dense layers");
    let first = rows.get(0);
    assert_eq!(get(&first, "kind").as_string().unwrap(), "conv2d");
    assert_eq!((num(&first, "layer"), num(&first, "fanIn"), num(&first, "fanOut")), (0.0, 25.0, 200.0));
    assert!((num(&first, "schemeFanInTimesVariance") - 2.0).abs() < 1e-6);
    for key in [
        "fanInTimesVariance",
        "inputVariance",
        "inputSecondMoment",
        "predicted",
        "predictedExact",
        "outputVariance",
    ] {
        assert!(num(&first, key).is_finite() && num(&first, key) > 0.0, "{key}");
    }
    let variances = js_sys::Float32Array::from(call(&t, "unitVariances", &[n(2.)]).unwrap());
    assert_eq!(variances.length(), 8, "one variance per channel of the first pool");
    let stats = call(&t, "layerStats", &[n(0.), "activations".into(), n(4.)]).unwrap();
    assert_eq!(num(&get(&stats, "summary"), "count"), 32.0 * 8.0 * 24.0 * 24.0);
    assert!(call(&t, "layerStats", &[n(0.), n(1.), n(4.)]).is_err());
    call(&t, "setEvalStatistics", &["batch".into()]).unwrap();
    assert!(call(&t, "setEvalStatistics", &["median".into()]).is_err());
    let e = call(&t, "train", &[digits.clone(), n(4294967295.)]).expect_err("-1 steps is refused");
    assert_eq!(e, "train: steps must be a whole number from 1 to 10,000, got 4294967295");
    assert!(call(&t, "train", &[digits.clone(), n(0.)]).is_err());
    let r = call(&t, "train", &[digits.clone(), n(3.)]).unwrap();
    assert_eq!(num(&r, "steps"), 3.0);
    let e = call(&t, "evaluate", &[digits.clone(), "test".into(), n(0.), n(8.)]).unwrap();
    let predictions: Vec<u8> = get(&e, "predictions")
        .dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_else(|v| numbers(&v).iter().map(|&x| x as u8).collect());
    let wrong: Vec<f64> = numbers(&get(&e, "wrong"));
    let label = |i: usize| call(&digits, "label", &["test".into(), n(i as f64)]).unwrap().as_f64().unwrap();
    let expected: Vec<f64> =
        (0..predictions.len()).filter(|&i| predictions[i] as f64 != label(i)).map(|i| i as f64).collect();
    assert_eq!(wrong, expected);
    assert_eq!(sample_complexity_steps(&n(1000.), &n(32.)).unwrap(), 157);
}

#[wasm_bindgen_test]
fn live_handles_count_trainers_and_digits_until_freed() {
    let before = live_handles();
    let digits = digits_js(8);
    let train = super::opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":4}"#);
    let t = Trainer::new(&tiny_cnn(), &train).unwrap();
    let loaded = Trainer::load(&u8a(&t.save().unwrap()), &train).unwrap();
    assert_eq!(live_handles(), before + 3);
    assert!(Trainer::load(&u8a(b"nonsense"), &train).is_err());
    assert!(Digits::new(&u8a(b"nonsense")).is_err());
    assert_eq!(live_handles(), before + 3, "failed constructions leave no handle");
    drop(loaded);
    drop(t);
    assert_eq!(live_handles(), before + 1);
    call(&digits, "free", &[]).unwrap();
    assert_eq!(live_handles(), before);
}
