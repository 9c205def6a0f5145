//! Why CNNs, in the browser: the lecture's growth numbers and the samples that cover [0, 1]^d,
//! a drawing kept where it was drawn, and a trainer's answer as its input is shifted or rotated.

use super::train::{call, digits_js};
use super::*;
use convplay_wasm::data::mnist_from_drawing;
use convplay_wasm::measure::{grid_cover, parameter_growth};
use convplay_wasm::train::Trainer;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number"))
}

fn list(v: &JsValue) -> Vec<JsValue> {
    v.clone().dyn_into::<js_sys::Array>().unwrap().iter().collect()
}

const LECTURE: &str =
    r#"{"from":10,"to":10000000,"points":25,"ratio":10,"units":1000,"filters":1,"kernel":3,"channels":1}"#;

#[wasm_bindgen_test]
fn parameter_growth_gives_the_lectures_numbers() {
    let g = parameter_growth(&n(1e6), &opts(LECTURE)).unwrap();
    let at = get(&g, "at");
    assert_eq!(num(&at, "fixedWeights"), 1e9, "1000×1000 input, 1000 hidden units");
    assert_eq!(num(&at, "nOut"), 1e5);
    assert_eq!(num(&at, "denseWeights"), 1e11, "n_in² / 10");
    assert_eq!(num(&at, "convWeights"), 9.0);
    let factors: Vec<f64> = list(&get(&g, "factors")).iter().map(|f| f.as_f64().unwrap()).collect();
    assert_eq!(factors, [100.0, 10.0, 1.0]);
    let series = list(&get(&g, "series"));
    assert_eq!(series.len(), 25);
    assert_eq!(num(&series[0], "nIn"), 10.0);
    assert_eq!(num(&series[24], "nIn"), 1e7);
    let e = parameter_growth(&n(0.0), &opts(LECTURE)).unwrap_err();
    assert_eq!(message(e), "parameterGrowth: nIn must be a whole number from 1 to 1,000,000,000,000, got 0");
    let typo = LECTURE.replace("ratio", "ration");
    assert!(message(parameter_growth(&n(10.0), &opts(&typo)).unwrap_err()).contains("ration"));
    let e = parameter_growth(&n(10.0), &opts(&LECTURE.replace(r#""points":25"#, r#""points":1001"#)))
        .unwrap_err();
    assert_eq!(message(e), "parameterGrowth: options.points must be at most 1,000, got 1,001");
}

#[wasm_bindgen_test]
fn grid_cover_needs_one_over_epsilon_to_the_d_samples() {
    let c = grid_cover(&n(0.1), &u32a(&[1, 2, 3])).unwrap();
    assert_eq!(num(&c, "perAxis"), 10.0);
    let samples: Vec<f64> = list(&get(&c, "points")).iter().map(|p| num(p, "samples")).collect();
    assert_eq!(samples, [10.0, 100.0, 1000.0]);
    assert_eq!(list(&get(&c, "axis")).len(), 10);
    // 0.01 stays 0.01 (not the f32 0.0099999998): 100 per axis.
    assert_eq!(num(&grid_cover(&n(0.01), &u32a(&[1])).unwrap(), "perAxis"), 100.0);
    // Beyond a double: samples null, log10 still there.
    let far =
        list(&get(&grid_cover(&n(0.1), &js_sys::Array::of1(&n(784.0)).into()).unwrap(), "points"))[0].clone();
    assert!(get(&far, "samples").is_null());
    assert_eq!(num(&far, "log10"), 784.0);
    assert_eq!(
        message(grid_cover(&n(0.0), &u32a(&[1])).unwrap_err()),
        "gridCover: epsilon must be 0.001 to 1, got 0"
    );
    assert!(message(grid_cover(&n(f64::NAN), &u32a(&[1])).unwrap_err())
        .contains("epsilon must be a finite number"));
    assert!(message(grid_cover(&n(0.1), &n(3.0)).unwrap_err()).contains("dims must be a Uint32Array"));
    assert!(message(grid_cover(&n(0.1), &u32a(&[])).unwrap_err()).contains("at least one"));
}

#[wasm_bindgen_test]
fn a_drawing_can_stay_where_it_was_drawn() {
    // A 40×40 square in the top-left corner of 280×280: re-centred it moves to the middle, kept it
    // stays in rows and columns 0–3.
    let ink: Vec<f32> =
        (0..280 * 280).map(|i| if i / 280 < 40 && i % 280 < 40 { 1.0 } else { 0.0 }).collect();
    let kept =
        mnist_from_drawing(&f32a(&ink), &n(280.), &n(280.), &opts(r#"{"recentre":false}"#)).unwrap().unwrap();
    let inked: Vec<usize> = (0..784).filter(|&i| kept[i] > 0.5).collect();
    assert_eq!(inked, (0..4).flat_map(|r| (0..4).map(move |c| r * 28 + c)).collect::<Vec<_>>());
    let centred =
        mnist_from_drawing(&f32a(&ink), &n(280.), &n(280.), &opts(r#"{"recentre":true}"#)).unwrap().unwrap();
    assert_eq!(centred[0], 0.0);
    assert_eq!(centred, mnist_from_drawing(&f32a(&ink), &n(280.), &n(280.), &NONE).unwrap().unwrap());
    let e = mnist_from_drawing(&f32a(&ink), &n(280.), &n(280.), &opts(r#"{"recenter":false}"#)).unwrap_err();
    assert!(message(e).contains("recenter"));
    let e = mnist_from_drawing(&f32a(&ink), &n(280.), &n(280.), &n(1.0)).unwrap_err();
    assert!(message(e).starts_with("mnistFromDrawing:"));
}

#[wasm_bindgen_test]
fn a_trainers_answer_as_its_input_moves() {
    let digits = digits_js(64);
    let model = opts(
        r#"{"input":[1,28,28],"seed":1,"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":2}]}"#,
    );
    let t: JsValue = Trainer::new(&model, &opts(r#"{"optimizer":{"kind":"sgd","lr":0.05},"batchSize":8}"#))
        .unwrap()
        .into();
    call(&t, "train", &[digits.clone(), n(20.)]).unwrap();
    let image = call(&digits, "image", &["test".into(), n(0.)]).unwrap();
    let c = call(
        &t,
        "transformCurve",
        &[image.clone(), n(0.), opts(r#"{"transform":"right","max":3,"step":1}"#)],
    )
    .unwrap();
    let values: Vec<f64> = list(&get(&c, "values")).iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(values, [-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0]);
    let probs = list(&get(&c, "probabilities"));
    // At 0, the probability predict gives.
    let p = js_sys::Float32Array::from(call(&t, "predict", std::slice::from_ref(&image)).unwrap()).to_vec();
    assert!((probs[3].as_f64().unwrap() - p[0] as f64).abs() < 1e-6);
    assert_eq!(num(&c, "probabilityAtZero"), probs[3].as_f64().unwrap());
    assert!(num(&c, "correct") <= 7.0);
    let rotated = call(
        &t,
        "transformCurve",
        &[image.clone(), n(1.), opts(r#"{"transform":"rotate","max":90,"step":45}"#)],
    )
    .unwrap();
    assert_eq!(list(&get(&rotated, "values")).len(), 5);
    let e = call(
        &t,
        "transformCurve",
        &[image.clone(), n(2.), opts(r#"{"transform":"right","max":3,"step":1}"#)],
    )
    .unwrap_err();
    assert_eq!(e, "transformCurve: label must be 0 to 1, got 2");
    let e =
        call(&t, "transformCurve", &[image.clone(), n(0.), opts(r#"{"transform":"left","max":3,"step":1}"#)])
            .unwrap_err();
    assert!(e.starts_with("transformCurve: sweep"), "{e}");
    let e = call(&t, "transformCurve", &[image, n(0.), opts(r#"{"transform":"right","max":1.5,"step":1}"#)])
        .unwrap_err();
    assert!(e.contains("whole pixels"), "{e}");
    let e = call(
        &t,
        "transformCurve",
        &[f32a(&[0.0; 10]), n(0.), opts(r#"{"transform":"right","max":1,"step":1}"#)],
    )
    .unwrap_err();
    assert!(e.contains("image"), "{e}");
    call(&t, "free", &[]).unwrap();
    call(&digits, "free", &[]).unwrap();
}
