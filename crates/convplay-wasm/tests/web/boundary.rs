//! Types and sizes at the boundary, called as a page calls them: every reproduction of issue 12
//! (calls that trapped or hung) answers an `Error` naming the argument, and the module computes
//! the lecture's 5×5 example afterwards. Wrong JavaScript types, NaN, `undefined`, functions and
//! unknown keys inside `{ kind }` objects are errors, never silent defaults.

use super::train::{call, digits_js, synthetic_digits, u8a};
use super::*;
use convplay_wasm::conv::{conv1d, conv2d_backward, conv_geometry, filter_kernel};
use convplay_wasm::data::Digits;
use convplay_wasm::init::init_weights;
use convplay_wasm::linear::dense;
use convplay_wasm::measure::{histogram, receptive_field, receptive_field_sizes, rgba_to_gray, summarize};
use convplay_wasm::model::parse_layers;
use convplay_wasm::pool::pool2d;
use convplay_wasm::train::Trainer;

fn js(source: &str) -> JsValue {
    js_sys::Function::new_no_args(&format!("return {source};")).call0(&JsValue::NULL).unwrap()
}

fn err<T>(r: Result<T, wasm_bindgen::JsError>) -> String {
    match r {
        Ok(_) => panic!("expected an Error"),
        Err(e) => message(e),
    }
}

fn num(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
}

/// The lecture's 5×5 example still computes.
fn lecture_example_still_computes() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let y = conv2d(&x, &xs, &k, &ks, &NONE, &NONE).unwrap();
    assert_eq!(data(&y), vec![12., 12., 17., 10., 17., 19., 9., 6., 14.]);
}

const TRAIN: &str = r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":8,"seed":1}"#;

fn trainer(code: &str, input: &str) -> Result<Trainer, wasm_bindgen::JsError> {
    let layers = js_sys::JSON::stringify(&parse_layers(&code.into())?).unwrap().as_string().unwrap();
    Trainer::new(&opts(&format!(r#"{{"input":{input},"seed":1,"layers":{layers}}}"#)), &opts(TRAIN))
}

fn zeros(n: usize) -> JsValue {
    Float32Array::new_with_length(n as u32).into()
}

#[wasm_bindgen_test]
fn strings_given_numbers_or_objects() {
    let digits = digits_js(16);
    let t: JsValue = trainer("c2k3_relu_fl_d10", "[1,28,28]").unwrap().into();
    call(&t, "probe", &[digits.clone(), n(4.)]).unwrap();
    let cases: [(&JsValue, &str, Vec<JsValue>, &str); 7] = [
        (&digits, "count", vec![n(42.)], "digits.count: split must be a string, got 42"),
        (&digits, "image", vec![js("{}"), n(0.)], "digits.image: split must be a string, got an object"),
        (&digits, "label", vec![n(42.), n(0.)], "digits.label: split must be a string, got 42"),
        (&t, "evaluate", vec![digits.clone(), n(42.), n(50.)], "evaluate: split must be a string, got 42"),
        (&t, "parameter", vec![n(0.), n(42.), false.into()], "parameter: name must be a string, got 42"),
        (&t, "layerStats", vec![n(0.), n(42.), n(10.)], "layerStats: what must be a string, got 42"),
        (&t, "setEvalStatistics", vec![n(42.)], "setEvalStatistics: statistics must be a string, got 42"),
    ];
    for (object, method, args, expected) in cases {
        assert_eq!(call(object, method, &args).expect_err(method), expected);
    }
    let e = call(&digits, "count", &["tset".into()]).unwrap_err();
    assert_eq!(e, "digits.count: split unknown variant `tset`, expected `train` or `test`");
    assert_eq!(
        call(&t, "parameter", &[n(0.), "weight".into(), n(1.)]).unwrap_err(),
        "parameter: grad must be true or false, got 1"
    );
    assert!(
        call(&t, "parameter", &[n(0.), "weight".into(), false.into()]).is_ok(),
        "the trainer is not left borrowed"
    );
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn handles_given_something_else() {
    let t: JsValue = trainer("fl_d10", "[1,28,28]").unwrap().into();
    assert_eq!(
        call(&t, "train", &[n(42.), n(1.)]).unwrap_err(),
        "train: digits must be a Digits handle, got 42"
    );
    assert_eq!(
        call(&t, "probe", &[js("{}"), n(1.)]).unwrap_err(),
        "probe: digits must be a Digits handle, got an object"
    );
    let e = call(&t, "evaluate", &[NONE, "test".into(), n(0.)]).unwrap_err();
    assert_eq!(e, "evaluate: digits must be a Digits handle, got undefined");
    assert_eq!(
        call(&t, "train", &[t.clone(), n(1.)]).unwrap_err(),
        "train: digits must be a Digits handle, got a Trainer"
    );
    let digits = digits_js(16);
    call(&digits, "free", &[]).unwrap();
    assert!(call(&t, "train", &[digits, n(1.)]).unwrap_err().starts_with("train: digits has been freed"));
    let forged = js("({ handle: 1 })");
    assert!(call(&t, "train", &[forged, n(1.)]).unwrap_err().starts_with("train: digits has been freed"));
    let digits = digits_js(16);
    assert_eq!(
        num(&call(&t, "train", &[digits.clone(), n(2.)]).unwrap(), "steps"),
        2.0,
        "the trainer still trains"
    );
    call(&t, "free", &[]).expect("nothing is left borrowed: the trainer frees");
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn counts_that_wrapped_or_hung() {
    let digits = digits_js(16);
    let t: JsValue = trainer("fl_d10", "[1,28,28]").unwrap().into();
    for (steps, shown) in
        [(-1.0, "-1"), (1e9, "1000000000"), (2f64.powi(31), "2147483648"), (1.5, "1.5"), (f64::NAN, "NaN")]
    {
        let e = call(&t, "train", &[digits.clone(), n(steps)]).unwrap_err();
        assert_eq!(e, format!("train: steps must be a whole number from 1 to 10,000, got {shown}"));
    }
    let model =
        opts(r#"{"input":[1,28,28],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#);
    let batch32 = opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":32}"#);
    let t32: JsValue = Trainer::new(&model, &batch32).unwrap().into();
    let e = call(&t32, "train", &[digits.clone(), n(10_000.)]).unwrap_err();
    assert_eq!(e, "train: 10,000 steps of 32 images would be 320,000 images; the limit is 262,144 per call");
    let layers = opts(r#"[{"kernel":[3,3],"stride":[1,1],"dilation":[1,1],"padding":{"kind":"valid"}}]"#);
    let e = err(receptive_field(&n(-1.), &n(32.), &layers, &n(0.), &n(2.), &n(2.)));
    assert_eq!(e, "receptiveField: height must be a whole number from 0 to 4,294,967,295, got -1");
    let stride0 = opts(r#"[{"kernel":[3,3],"stride":[0,0],"dilation":[1,1],"padding":{"kind":"valid"}}]"#);
    assert_eq!(
        err(receptive_field_sizes(&stride0)),
        "receptiveFieldSizes: stride must be at least 1, got 0×0 (layer 1)"
    );
    let huge =
        opts(r#"[{"kernel":[4294967295,3],"stride":[1,1],"dilation":[1,1],"padding":{"kind":"valid"}}]"#);
    assert_eq!(
        err(receptive_field_sizes(&huge)),
        "receptiveFieldSizes: kernel must be at most 256 on each side, got 4,294,967,295×3 (layer 1)"
    );
    assert_eq!(
        err(summarize(&js("{ length: 1e9 }"))),
        "summarize: values must be a Float32Array or an array of numbers, got an object"
    );
    let e = err(init_weights(&opts(r#"{"kind":"heNormal"}"#), &u32a(&[16384, 16384]), &n(1.)));
    assert_eq!(e, "initWeights: shape [16384, 16384] has 268,435,456 values; the limit is 4,194,304");
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn sizes_nobody_bounded() {
    let x = f32a(&[0.0; 25]);
    let xs = u32a(&[1, 1, 5, 5]);
    let k = f32a(&[0.0; 9]);
    let ks = u32a(&[1, 1, 3, 3]);
    let e =
        err(conv2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"padding":{"kind":"explicit","y":4096,"x":4096}}"#)));
    assert_eq!(e, "conv2d: padding must be at most 256 on each side, got 4,096×4,096");
    let e = err(conv2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"dilation":4096}"#)));
    assert_eq!(e, "conv2d: dilation must be at most 64 on each side, got 4,096×4,096");
    let e = err(conv2d(
        &zeros(1 << 20),
        &u32a(&[1, 1, 1024, 1024]),
        &zeros(4096),
        &u32a(&[4096, 1, 1, 1]),
        &NONE,
        &NONE,
    ));
    assert_eq!(e, "conv2d: the output would have 4,294,967,296 values; the limit is 16,777,216");
    let e = err(conv2d(
        &zeros(1 << 22),
        &u32a(&[1, 1, 2048, 2048]),
        &zeros(4096),
        &u32a(&[4096, 1, 1, 1]),
        &NONE,
        &NONE,
    ));
    assert_eq!(e, "conv2d: the output would have 17,179,869,184 values; the limit is 16,777,216");
    // Over the element limit: refused by its length, before a value is copied.
    let e = err(conv2d(&zeros(4097 * 4097), &u32a(&[1, 1, 4097, 4097]), &k, &ks, &NONE, &NONE));
    assert_eq!(e, "conv2d: input holds 16,785,409 values; the limit is 16,777,216");
    let big_kernel = zeros(4096 * 4096);
    let (bks, full) = (u32a(&[1, 1, 4096, 4096]), opts(r#"{"padding":{"kind":"full"}}"#));
    let e = err(conv2d(&x, &xs, &big_kernel, &bks, &NONE, &full));
    assert_eq!(e, "conv2d: kernel must be at most 256 on each side, got 4,096×4,096");
    let e = err(conv2d_trace(&x, &xs, &big_kernel, &bks, &NONE, &full, &n(0.), &n(0.), &n(0.), &n(0.)));
    assert_eq!(e, "conv2d: kernel must be at most 256 on each side, got 4,096×4,096");
    let e = err(conv1d(&zeros(1 << 19), &zeros(4096), &NONE));
    assert_eq!(e, "conv1d: kernel must be at most 256 on each side, got 1×4,096");
    let pool = |o: &str| pool2d(&x, &xs, &opts(o));
    let e = err(pool(r#"{"pool":{"kind":"max"},"size":2,"padding":{"kind":"explicit","y":4096,"x":4096}}"#));
    assert_eq!(e, "pool2d: padding must be at most 256 on each side, got 4,096×4,096");
    let e = err(pool(r#"{"pool":{"kind":"gaussian","sigma":1},"size":4096,"padding":{"kind":"same"}}"#));
    assert_eq!(e, "pool2d: kernel must be at most 256 on each side, got 4,096×4,096");
    let e = err(dense(&zeros(16384), &n(1.), &zeros(4097 * 4097), &n(1024.), &zeros(1024)));
    assert_eq!(e, "dense: weight holds 16,785,409 values; the limit is 16,777,216");
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn models_and_files_that_were_too_big() {
    let e = err(Trainer::new(
        &opts(r#"{"input":[65536,65536,1],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#),
        &opts(TRAIN),
    ));
    assert_eq!(e, "model: input channels must be at most 4,096, got 65,536");
    let e = err(trainer("fl_d16384_d16384_d10", "[1,128,128]"));
    assert_eq!(e, "model: layer 2 (dense): dense: weight [16384, 16384] has 268,435,456 values; the limit is 16,777,216");
    let e = err(trainer("fl_d9999_d9999_d9999_d9999_d9999_d10", "[1,28,28]"));
    assert_eq!(
        e,
        "model: layer 2 (dense) brings the model to 7,849,215 learnable parameters; the limit is 4,194,304"
    );
    let e = err(trainer("c999k1_relu_fl_d10", "[1,28,28]"));
    assert_eq!(
        e,
        "model: layer 4 (dense) brings the model to 7,834,168 learnable parameters; the limit is 4,194,304"
    );
    let mut header = b"CPDIGIT1".to_vec();
    for v in [
        65536u32.to_le_bytes().to_vec(),
        60000u32.to_le_bytes().to_vec(),
        256u16.to_le_bytes().to_vec(),
        256u16.to_le_bytes().to_vec(),
    ] {
        header.extend(v);
    }
    let e = err(Digits::new(&u8a(&header)));
    assert_eq!(
        e,
        "digit file: 65,536 digits of 256×256 would have 4,294,967,296 values; the limit is 16,777,216"
    );
    let config = br#"{"config":{"input":[1,65536,65536],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]},"tensors":[]}"#;
    let mut file = b"CPMODEL1".to_vec();
    file.extend((config.len() as u32).to_le_bytes());
    file.extend(config);
    let e = err(Trainer::load(&u8a(&file), &opts(TRAIN)));
    assert_eq!(e, "model file: its architecture is invalid: model: input must be at most 1,024 on each side, got 65,536×65,536");
    assert_eq!(
        err(Digits::new(&n(42.))),
        "Digits: bytes must be a Uint8Array or an array of whole numbers, got 42"
    );
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn page_settings_that_trapped_now_compute() {
    // conv2d.html?rows=2&cols=2&krows=7&kcols=7&padding=same&dilation=3, forward and backward.
    let (x, xs) = (f32a(&[1., 2., 3., 4.]), u32a(&[1, 1, 2, 2]));
    let (k, ks) = (f32a(&[1.0; 49]), u32a(&[1, 1, 7, 7]));
    let o = opts(r#"{"padding":{"kind":"same"},"dilation":3}"#);
    let y = conv2d(&x, &xs, &k, &ks, &NONE, &o).unwrap();
    assert_eq!(data(&y), vec![1., 2., 3., 4.], "taps 3 apart: each window meets one pixel, its own");
    let g = conv2d_backward(&x, &xs, &k, &ks, &f32a(&[1.0; 4]), &u32a(&[1, 1, 2, 2]), &o).unwrap();
    assert_eq!(data(&Reflect::get(&g, &"input".into()).unwrap()), vec![1.0; 4]);
    // A 1×1 picture on the filters page: a 5×5 Gaussian with "same" padding.
    let gauss = filter_kernel(&opts(r#"{"kind":"gaussian","sigma":1,"size":5}"#)).unwrap();
    let values = Reflect::get(&gauss, &"values".into()).unwrap();
    let y = conv2d(
        &f32a(&[0.5]),
        &u32a(&[1, 1, 1, 1]),
        &values,
        &u32a(&[1, 1, 5, 5]),
        &NONE,
        &opts(r#"{"padding":{"kind":"same"}}"#),
    );
    let y = y.unwrap();
    assert!((data(&y)[0] - 0.5 * 0.162).abs() < 1e-2, "plain arrays of numbers are taken: {:?}", data(&y));
    // train.html?layers=c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_fl_d10 takes a step.
    let digits = digits_js(16);
    let t: JsValue =
        trainer("c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_mp2_c4k5ps_fl_d10", "[1,28,28]").unwrap().into();
    assert_eq!(num(&call(&t, "train", &[digits.clone(), n(2.)]).unwrap(), "steps"), 2.0);
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn options_never_fall_back_silently() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let conv = |o: JsValue| err(conv2d(&x, &xs, &k, &ks, &NONE, &o));
    assert_eq!(conv(js("{ stride: NaN }")), "conv2d: options.stride must be a finite number, got NaN");
    assert_eq!(
        conv(js("{ stride: [1, Infinity] }")),
        "conv2d: options.stride[1] must be a finite number, got Infinity"
    );
    assert_eq!(
        conv(js("{ stride: undefined }")),
        "conv2d: options.stride is undefined; leave the key out instead"
    );
    assert_eq!(conv(js("{ stride: () => 1 }")), "conv2d: options.stride must be a plain object, an array, a string, a number or a boolean, got a function");
    assert!(conv(js("{ stride: 1n }")).ends_with("got a BigInt"));
    assert!(conv(js("{ stride: Symbol() }")).ends_with("got a symbol"));
    assert!(conv(js("{ padding: new Map() }")).ends_with("got a Map"));
    let e = conv(js("{ stride: 1.5 }"));
    assert_eq!(e, "conv2d: options size, stride and dilation must each be a whole number or [rows, columns]");
    let deep = js("(() => { let o = { kind: 'same' }; for (let i = 0; i < 20; i++) o = { a: o }; return { padding: o }; })()");
    assert!(conv(deep).contains("is nested deeper than 16 levels"));
    let cyclic = js("(() => { const o = {}; o.self = o; return o; })()");
    assert!(conv(cyclic).contains("is nested deeper than 16 levels"));
    assert_eq!(conv(n(3.)), "conv2d: options invalid type: integer `3`, expected struct Conv2dParams");
    // Unknown keys inside { kind } objects.
    assert!(conv(js("{ padding: { kind: 'same', y: 5 } }")).contains("unknown field `y`"));
    let sgd = opts(r#"{"optimizer":{"kind":"sgd","lr":0.1,"momentumm":0.9},"batchSize":8}"#);
    let model = opts(r#"{"input":[1,4,4],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":2}]}"#);
    assert!(err(Trainer::new(&model, &sgd)).contains("unknown field `momentumm`"));
    for (bad, key) in [(r#"{"kind":"relu","slope":0.1}"#, "slope"), (r#"{"kind":"tanh","beta":1}"#, "beta")] {
        let e = err(convplay_wasm::activation::activate(&x, &xs, &opts(bad)));
        assert!(e.contains(&format!("unknown field `{key}`")), "{e}");
    }
    let e = err(pool2d(&x, &xs, &opts(r#"{"pool":{"kind":"max","sigma":1},"size":2}"#)));
    assert!(e.contains("unknown field `sigma`"), "{e}");
    let e = err(init_weights(&opts(r#"{"kind":"zeros","value":1}"#), &u32a(&[2, 2]), &n(1.)));
    assert!(e.contains("unknown field `value`"), "{e}");
    let e = err(filter_kernel(&opts(r#"{"kind":"sobelX","size":5}"#)));
    assert!(e.contains("unknown field `size`"), "{e}");
    let e = err(convplay_wasm::dropout::variance_shift(
        &opts(r#"{"kind":"inverted","p":0.5,"q":1}"#),
        &n(0.),
        &n(1.),
    ));
    assert!(e.contains("unknown field `q`"), "{e}");
    let e = err(convplay_wasm::model::describe_model(&opts(
        r#"{"input":[1,4,4],"layers":[{"kind":"flatten","units":2}]}"#,
    )));
    assert!(e.contains("unknown field `units`"), "{e}");
    // null is JSON's "absent" for optional values, as the core's own results write it.
    let layers = parse_layers(&"mp2_fl_d2".into()).unwrap();
    assert!(convplay_wasm::model::print_layers(&layers).is_ok());
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn every_argument_kind_checks_its_type() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let conv = |x: &JsValue, xs: &JsValue| err(conv2d(x, xs, &k, &ks, &NONE, &NONE));
    assert_eq!(conv(&n(42.), &xs), "conv2d: input must be a Float32Array or an array of numbers, got 42");
    assert_eq!(
        conv(&js("new Float64Array(25)"), &xs),
        "conv2d: input must be a Float32Array or an array of numbers, got a Float64Array"
    );
    assert_eq!(
        conv(&js("[1, 'a']"), &xs),
        "conv2d: input must hold finite numbers; item 1 is a string (\"a\")"
    );
    assert_eq!(conv(&js("[NaN]"), &xs), "conv2d: input must hold finite numbers; item 0 is NaN");
    assert_eq!(
        conv(&x, &js("[1, 1, 5.5, 5]")),
        "conv2d: input must hold whole numbers from 0 to 4,294,967,295; item 2 is 5.5"
    );
    assert_eq!(
        conv(&x, &js("new Int32Array([1, 1, 5, 5])")),
        "conv2d: input must be a Uint32Array or an array of whole numbers, got an Int32Array"
    );
    assert_eq!(conv(&x, &js("[1, 1, 5, 5, 1, 1, 1, 1, 1]")), "conv2d: input holds 9 values; the limit is 8");
    let bias = err(conv2d(&x, &xs, &k, &ks, &js("'b'"), &NONE));
    assert_eq!(bias, "conv2d: bias must be a Float32Array or an array of numbers, got a string (\"b\")");
    let y = conv2d(
        &js("Array.from({ length: 25 }, (_, i) => [3,3,2,1,0,0,0,1,3,1,3,1,2,2,3,2,0,0,2,2,2,0,0,0,1][i])"),
        &js("[1, 1, 5, 5]"),
        &k,
        &ks,
        &js("null"),
        &js("null"),
    );
    assert_eq!(data(&y.unwrap())[0], 12.0, "plain arrays and null are taken");
    let trace = |r: JsValue| err(conv2d_trace(&x, &xs, &k, &ks, &NONE, &NONE, &n(0.), &n(0.), &r, &n(0.)));
    assert_eq!(trace(n(-1.)), "conv2dTrace: outRow must be a whole number from 0 to 4,294,967,295, got -1");
    assert_eq!(trace(n(0.5)), "conv2dTrace: outRow must be a whole number from 0 to 4,294,967,295, got 0.5");
    assert_eq!(
        trace("1".into()),
        "conv2dTrace: outRow must be a whole number from 0 to 4,294,967,295, got a string (\"1\")"
    );
    let geometry = |h: JsValue| err(conv_geometry(&h, &n(5.), &n(3.), &n(3.), &NONE));
    assert_eq!(
        geometry(NONE),
        "convGeometry: height must be a whole number from 0 to 4,294,967,295, got undefined"
    );
    let e = err(histogram(&x, &n(4.), &n(f64::NAN), &n(1.)));
    assert_eq!(e, "histogram: lo must be a finite number, got NaN");
    let e = err(histogram(&x, &n(4.), &n(1e39), &n(1e40)));
    assert_eq!(e, "histogram: lo must be a finite number, got 1e+39");
    let e = err(convplay_wasm::norm::batch_norm_steps(&x, &NONE, &n(0.), &n(1e-5)));
    assert_eq!(e, "batchNormSteps: gamma must be a finite number, got undefined");
    let e = err(rgba_to_gray(&js("'rgba'"), &n(1.), &n(1.)));
    assert_eq!(
        e,
        "rgbaToGray: rgba must be a Uint8Array or an array of whole numbers, got a string (\"rgba\")"
    );
    let gray = rgba_to_gray(&js("new Uint8ClampedArray([255, 255, 255, 255])"), &n(1.), &n(1.)).unwrap();
    assert_eq!(gray, vec![1.0], "canvas pixels are taken");
    let e = err(parse_layers(&n(1.)));
    assert_eq!(e, "parseLayers: code must be a string, got 1");
    let e = err(parse_layers(&"relu_".repeat(1000).into()));
    assert_eq!(e, "parseLayers: code must be at most 4,096 characters long, got 5,000");
    let e = err(init_weights(&opts(r#"{"kind":"heNormal"}"#), &u32a(&[2, 2]), &n(-1.)));
    assert_eq!(e, "initWeights: seed must be a whole number from 0 to 9,007,199,254,740,992, got -1");
    let t: JsValue = Trainer::new(
        &opts(r#"{"input":[1,28,28],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#),
        &opts(TRAIN),
    )
    .unwrap()
    .into();
    assert_eq!(
        call(&t, "setLearningRate", &[n(f64::INFINITY)]).unwrap_err(),
        "setLearningRate: lr must be a finite number, got Infinity"
    );
    assert_eq!(
        call(&t, "predict", &[js("{}")]).unwrap_err(),
        "predict: pixels must be a Float32Array or an array of numbers, got an object"
    );
    let digits = Digits::new(&u8a(&synthetic_digits(4))).unwrap();
    assert_eq!(
        err(digits.image(&"test".into(), &n(-1.))),
        "digits.image: index must be a whole number from 0 to 4,294,967,295, got -1"
    );
    lecture_example_still_computes();
}

#[wasm_bindgen_test]
fn values_that_throw_while_read_leave_nothing_borrowed() {
    let digits = digits_js(16);
    let t: JsValue = trainer("fl_d10", "[1,28,28]").unwrap().into();
    let throwing_item = js("(() => { const a = Array(784).fill(0); Object.defineProperty(a, 3, { get() { throw new Error('boom'); } }); return a; })()");
    assert_eq!(
        call(&t, "predict", std::slice::from_ref(&throwing_item)).unwrap_err(),
        "predict: pixels could not be read (a getter or proxy threw)"
    );
    let throwing_length = js("new Proxy(new Float32Array(784), { get(t, k) { if (k === 'length') throw new Error('boom'); return Reflect.get(t, k); } })");
    assert_eq!(
        call(&t, "predict", &[throwing_length]).unwrap_err(),
        "predict: pixels could not be read (a getter or proxy threw)"
    );
    let lying = js("(() => { const a = new Float32Array(1568); Object.defineProperty(a, 'length', { value: 784 }); return a; })()");
    assert_eq!(
        call(&t, "predict", &[lying]).unwrap().dyn_into::<Float32Array>().unwrap().length(),
        20,
        "two images, as they are"
    );
    let labels = u8a(&[0, 1]);
    assert_eq!(
        call(&t, "trainOn", &[throwing_item, labels]).unwrap_err(),
        "trainOn: pixels could not be read (a getter or proxy threw)"
    );
    let detached = js("(() => { const a = new Float32Array(784); structuredClone(a.buffer, { transfer: [a.buffer] }); return a; })()");
    assert!(call(&t, "predict", &[detached]).unwrap_err().starts_with("predict: pixels"));
    let revoked = js("(() => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; })()");
    let e = call(&t, "predict", &[revoked]).unwrap_err();
    assert!(e.starts_with("predict: pixels"), "{e}");
    let e =
        call(&t, "evaluate", &[digits.clone(), js("({ toString() { throw new Error('boom'); } })"), n(0.)])
            .unwrap_err();
    assert_eq!(e, "evaluate: split must be a string, got an object");
    // The trainer was never left borrowed: it trains, and frees.
    assert_eq!(num(&call(&t, "train", &[digits.clone(), n(1.)]).unwrap(), "steps"), 1.0);
    call(&t, "free", &[]).unwrap();
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let getter = js("({ get stride() { throw new Error('boom'); } })");
    assert_eq!(
        err(conv2d(&x, &xs, &k, &ks, &NONE, &getter)),
        "conv2d: options.stride could not be read (a getter or proxy threw)"
    );
    let proxy = js("new Proxy({}, { ownKeys() { throw new Error('boom'); } })");
    assert_eq!(
        err(conv2d(&x, &xs, &k, &ks, &NONE, &proxy)),
        "conv2d: options could not be read (a getter or proxy threw)"
    );
    let hidden = js("Object.defineProperty({ stride: 1 }, 'secret', { value: NaN, enumerable: false })");
    assert!(conv2d(&x, &xs, &k, &ks, &NONE, &hidden).is_ok(), "keys JSON leaves out are left out");
    lecture_example_still_computes();
}
