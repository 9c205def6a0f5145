//! The bindings in a real browser (headless Chromium through `wasm-pack test --headless --chrome`):
//! the lecture's fixture, gradient checks through the JavaScript-facing API, and errors that are
//! JavaScript `Error`s naming the argument, after which the module keeps working.
#![cfg(target_arch = "wasm32")]

use convplay_wasm::conv::{
    conv1d, conv2d, conv2d_backward, conv2d_backward_trace, conv2d_gradient_check_js, conv2d_trace,
};
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

/// A `Float32Array`, as a page passes tensor data.
fn f32a(v: &[f32]) -> JsValue {
    Float32Array::from(v).into()
}

/// A `Uint32Array`, as a page passes a shape.
fn u32a(v: &[u32]) -> JsValue {
    js_sys::Uint32Array::from(v).into()
}

/// A JavaScript number.
fn n(x: f64) -> JsValue {
    JsValue::from_f64(x)
}

const NONE: JsValue = JsValue::UNDEFINED;

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    let err: js_sys::Error = v.dyn_into().expect("a JavaScript Error");
    err.message().into()
}

#[wasm_bindgen_test]
fn lecture_example_both_modes() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let y = conv2d(&x, &xs, &k, &ks, &NONE, &NONE).unwrap();
    assert_eq!(data(&y), vec![12., 12., 17., 10., 17., 19., 9., 6., 14.]);
    let y = conv2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"mode":"convolution"}"#)).unwrap();
    assert_eq!(data(&y), vec![18., 20., 19., 10., 9., 17., 11., 8., 14.]);
    let t = conv2d_trace(&x, &xs, &k, &ks, &NONE, &NONE, &n(0.), &n(0.), &n(2.), &n(2.)).unwrap();
    assert_eq!(Reflect::get(&t, &"result".into()).unwrap().as_f64(), Some(14.0));
}

#[wasm_bindgen_test]
fn backward_trace_of_the_lecture_example() {
    // ∂L/∂y all ones: the centre of ∂L/∂x is the sum of the weights (10), ∂L/∂w[0, 0] the sum
    // of the top-left 3×3 of the input (15); the finite difference agrees; a bad cell is an Error.
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let (dy, dys) = (f32a(&[1.0; 9]), u32a(&[1, 1, 3, 3]));
    let sum = |cell: &str| {
        let t = conv2d_backward_trace(&x, &xs, &k, &ks, &dy, &dys, &NONE, &opts(cell)).unwrap();
        Reflect::get(&t, &"sum".into()).unwrap().as_f64().unwrap()
    };
    assert_eq!(sum(r#"{"of":"input","batch":0,"channel":0,"row":2,"col":2}"#), 10.0);
    assert_eq!(sum(r#"{"of":"weight","outChannel":0,"channel":0,"row":0,"col":0}"#), 15.0);
    let c = conv2d_gradient_check_js(&x, &xs, &k, &ks, &NONE, &dy, &dys, &NONE, &opts("[0,0,2,2]"), &n(0.01))
        .unwrap();
    assert_eq!(Reflect::get(&c, &"agree".into()).unwrap().as_bool(), Some(true));
    let bad = r#"{"of":"input","batch":0,"channel":0,"row":9,"col":0}"#;
    let e = conv2d_backward_trace(&x, &xs, &k, &ks, &dy, &dys, &NONE, &opts(bad)).unwrap_err();
    assert!(message(e).contains("row"));
}

#[wasm_bindgen_test]
fn gradient_check_through_the_bindings() {
    // Loss = Σ y·r; compare the weight gradient with central differences of conv2d itself.
    let o = opts(r#"{"stride":[2,1],"padding":{"kind":"same"},"dilation":1}"#);
    let x: Vec<f32> = (0..2 * 6 * 5).map(|i| ((i * 37 % 17) as f32 - 8.0) / 8.0).collect();
    let w: Vec<f32> = (0..3 * 2 * 3 * 3).map(|i| ((i * 11 % 13) as f32 - 6.0) / 6.0).collect();
    let (xs, ws) = (u32a(&[1, 2, 6, 5]), u32a(&[3, 2, 3, 3]));
    let y = conv2d(&f32a(&x), &xs, &f32a(&w), &ws, &NONE, &o).unwrap();
    let r: Vec<f32> = (0..data(&y).len()).map(|i| ((i * 7 % 5) as f32 - 2.0) / 2.0).collect();
    let shape: Vec<u32> = Reflect::get(&y, &"shape".into())
        .unwrap()
        .dyn_into::<js_sys::Array>()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap() as u32)
        .collect();
    let g = conv2d_backward(&f32a(&x), &xs, &f32a(&w), &ws, &f32a(&r), &u32a(&shape), &o).unwrap();
    let gw = data(&Reflect::get(&g, &"weight".into()).unwrap());
    let loss = |w: &[f32]| -> f64 {
        let y = conv2d(&f32a(&x), &xs, &f32a(w), &ws, &NONE, &o).unwrap();
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
fn conv2d_is_within_the_rounding_bound_of_either_build() {
    // Each output is a sum of K = C·kh·kw products. SIMD128 rounds every product and every sum
    // (2 roundings per tap), the relaxed-SIMD build's fused multiply-add rounds once per tap, in
    // the same order: both lie within 2·K·2⁻²⁴·Σ|w·x| of the exact value (f64 here), so the two
    // builds differ by at most twice that. Both paths: direct (stride 1) and im2col (stride 2).
    let x: Vec<f32> = (0..6 * 12 * 12).map(|i| ((i * 37 % 101) as f32 - 50.0) / 37.0).collect();
    let w: Vec<f32> = (0..16 * 6 * 5 * 5).map(|i| ((i * 53 % 97) as f32 - 48.0) / 61.0).collect();
    let (xs, ws) = (u32a(&[1, 6, 12, 12]), u32a(&[16, 6, 5, 5]));
    let k = 6 * 5 * 5;
    for stride in [1usize, 2] {
        let o = opts(&format!(r#"{{"stride":{stride},"padding":{{"kind":"valid"}},"dilation":1}}"#));
        let y = data(&conv2d(&f32a(&x), &xs, &f32a(&w), &ws, &NONE, &o).unwrap());
        let side = (12 - 5) / stride + 1;
        assert_eq!(y.len(), 16 * side * side);
        for (i, got) in y.iter().enumerate() {
            let (f, oy, ox) = (i / (side * side), i / side % side, i % side);
            let (mut exact, mut magnitude) = (0.0f64, 0.0f64);
            for c in 0..6 {
                for ky in 0..5 {
                    for kx in 0..5 {
                        let wv = w[((f * 6 + c) * 5 + ky) * 5 + kx] as f64;
                        let xv = x[(c * 12 + oy * stride + ky) * 12 + ox * stride + kx] as f64;
                        exact += wv * xv;
                        magnitude += (wv * xv).abs();
                    }
                }
            }
            let bound = 2.0 * k as f64 * f64::from(f32::EPSILON) / 2.0 * magnitude;
            assert!(
                (*got as f64 - exact).abs() <= bound,
                "stride {stride}, output {i}: {got} vs {exact} (bound {bound})"
            );
        }
    }
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_naming_the_argument_and_the_module_keeps_working() {
    let x = f32a(&[0.0f32; 75]);
    let e =
        conv2d(&x, &u32a(&[1, 3, 5, 5]), &f32a(&[0.0; 18]), &u32a(&[1, 2, 3, 3]), &NONE, &NONE).unwrap_err();
    assert_eq!(message(e), "conv2d: kernel has 2 input channels but input has 3");
    let e =
        conv2d(&x, &u32a(&[1, 3, 5, 4]), &f32a(&[0.0; 27]), &u32a(&[1, 3, 3, 3]), &NONE, &NONE).unwrap_err();
    assert!(message(e).starts_with("conv2d: input shape [1, 3, 5, 4] needs 60 values"));
    let (s, k, ks) = (u32a(&[1, 3, 5, 5]), f32a(&[0.0; 27]), u32a(&[1, 3, 3, 3]));
    let e = conv2d(&x, &s, &k, &ks, &NONE, &opts(r#"{"stride":0}"#)).unwrap_err();
    assert!(message(e).contains("stride"));
    let e = conv2d(&x, &s, &k, &ks, &NONE, &opts(r#"{"strid":1}"#)).unwrap_err();
    assert!(message(e).contains("strid"));
    let e = conv1d(&f32a(&[]), &f32a(&[1.0]), &NONE).unwrap_err();
    assert!(message(e).starts_with("conv1d: x"));
    let y = conv2d(&f32a(&INPUT), &u32a(&[1, 1, 5, 5]), &f32a(&KERNEL), &u32a(&[1, 1, 3, 3]), &NONE, &NONE)
        .unwrap();
    assert_eq!(data(&y)[0], 12.0);
}

#[wasm_bindgen_test]
fn results_are_plain_objects_with_float32_tensors() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let g = conv2d_backward(&x, &xs, &k, &ks, &f32a(&[1.0; 9]), &u32a(&[1, 1, 3, 3]), &NONE).unwrap();
    let bias = Reflect::get(&g, &"bias".into()).unwrap();
    assert!(Reflect::get(&bias, &"data".into()).unwrap().is_instance_of::<Float32Array>());
    assert_eq!(data(&bias), vec![9.0]);
    let shape = Reflect::get(&bias, &"shape".into()).unwrap();
    assert!(js_sys::Array::is_array(&shape));
    assert_eq!(js_sys::Array::from(&shape).to_vec(), vec![JsValue::from(1)]);
    let c = convplay_wasm::measure::compare_layers(&n(1000.), &n(1000.), &n(1.), &n(1000.), &n(1.), &n(3.))
        .unwrap();
    assert_eq!(Reflect::get(&c, &"denseWeights".into()).unwrap().as_f64(), Some(1e9));
    let huge =
        convplay_wasm::measure::compare_layers(&n(1e7), &n(1e7), &n(1e7), &n(1.), &n(1.), &n(3.)).unwrap();
    assert!(Reflect::get(&huge, &"denseMultiplications".into()).unwrap().as_f64().unwrap() > 1e19);
}

mod more {
    use super::*;
    use convplay_wasm::dropout::variance_shift;
    use convplay_wasm::init::init_weights;
    use convplay_wasm::norm::batch_norm_steps;
    use convplay_wasm::pool::{pool2d, pool2d_trace_js as pool2d_trace};

    fn num(v: &JsValue, key: &str) -> f64 {
        Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
    }

    #[wasm_bindgen_test]
    fn pooling_of_a_known_map() {
        let x: Vec<f32> = (1..=16).map(|v| v as f32).collect();
        let (x, s) = (f32a(&x), u32a(&[1, 1, 4, 4]));
        let opts = |k: &str| super::opts(&format!(r#"{{"pool":{{"kind":"{k}"}},"size":2}}"#));
        assert_eq!(data(&pool2d(&x, &s, &opts("max")).unwrap()), vec![6., 8., 14., 16.]);
        assert_eq!(data(&pool2d(&x, &s, &opts("average")).unwrap()), vec![3.5, 5.5, 11.5, 13.5]);
        let l2 = data(&pool2d(&x, &s, &opts("l2")).unwrap());
        assert!((l2[0] - (1f32 + 4. + 25. + 36.).sqrt()).abs() < 1e-5);
        let t = pool2d_trace(&x, &s, &opts("max"), &n(0.), &n(0.), &n(1.), &n(1.)).unwrap();
        assert_eq!(num(&t, "result"), 16.0);
        assert_eq!(num(&t, "argmax"), 3.0);
    }

    #[wasm_bindgen_test]
    fn batch_norm_dropout_and_init_numbers() {
        let s = batch_norm_steps(&f32a(&[1., 2., 3., 4.]), &n(2.0), &n(1.0), &n(1e-5)).unwrap();
        assert_eq!(num(&s, "mean"), 2.5);
        assert!((num(&s, "variance") - 1.25).abs() < 1e-6);
        let ratio = |p: f64| {
            num(
                &variance_shift(&super::opts(&format!(r#"{{"kind":"inverted","p":{p}}}"#)), &n(0.0), &n(1.0))
                    .unwrap(),
                "ratio",
            )
        };
        assert!(ratio(0.5) < ratio(0.1), "the shift grows with p");
        let d = init_weights(&super::opts(r#"{"kind":"standard"}"#), &u32a(&[100, 1000]), &n(1.0)).unwrap();
        assert!((num(&d, "fanInTimesVariance") - 1.0 / 3.0).abs() < 1e-4);
    }
}

#[path = "web/train.rs"]
mod train;

#[path = "web/classes.rs"]
mod classes;

#[path = "web/boundary.rs"]
mod boundary;

#[path = "web/why.rs"]
mod why;

#[path = "web/lecture.rs"]
mod lecture;

#[path = "web/labs.rs"]
mod labs;

#[path = "web/handouts.rs"]
mod handouts;

#[path = "web/inside.rs"]
mod inside;

mod drawn_digits_fills_and_shift_maps {
    use super::*;
    use convplay_wasm::data::mnist_from_drawing;
    use convplay_wasm::dropout::{measured_variance_shift, variance_shift};
    use convplay_wasm::measure::{difference_map, histogram, relative_change, undo_subsampled_shift};
    use convplay_wasm::rng::seeded_ints;

    fn num(v: &JsValue, key: &str) -> f64 {
        Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
    }

    #[wasm_bindgen_test]
    fn mnist_from_drawing_of_a_blank_and_a_drawn_square() {
        assert_eq!(mnist_from_drawing(&f32a(&[0.0; 100 * 100]), &n(100.), &n(100.), &NONE).unwrap(), None);
        // A 30 × 30 square of ink in a 100 × 100 drawing becomes a 20 × 20 square, centred.
        let ink: Vec<f32> = (0..100 * 100)
            .map(|i| if (10..40).contains(&(i / 100)) && (50..80).contains(&(i % 100)) { 1.0 } else { 0.0 })
            .collect();
        let out = mnist_from_drawing(&f32a(&ink), &n(100.), &n(100.), &NONE).unwrap().expect("ink");
        assert_eq!(out.len(), 784);
        let inked: Vec<usize> = (0..784).filter(|&i| out[i] > 0.5).collect();
        assert_eq!(inked.len(), 400);
        let (rows, cols): (Vec<usize>, Vec<usize>) = inked.iter().map(|i| (i / 28, i % 28)).unzip();
        assert_eq!((rows.iter().min(), rows.iter().max()), (Some(&4), Some(&23)));
        assert_eq!((cols.iter().min(), cols.iter().max()), (Some(&4), Some(&23)));
        let e = mnist_from_drawing(&f32a(&[0.0; 5]), &n(2.), &n(3.), &NONE).unwrap_err();
        assert_eq!(message(e), "mnistFromDrawing: ink must hold 2×3 = 6 values, got 5");
    }

    #[wasm_bindgen_test]
    fn seeded_ints_are_the_conv2d_demos_values() {
        // As www/js/demos/conv2d/state.js computed them (seededInts(3, 1, 8, 0, 3), …).
        let ints = |a: [f64; 5]| seeded_ints(&n(a[0]), &n(a[1]), &n(a[2]), &n(a[3]), &n(a[4]));
        assert_eq!(ints([3., 1., 8., 0., 3.]).unwrap(), vec![0, 2, 0, 2, 2, 2, 1, 0]);
        assert_eq!(ints([1., 2., 9., 0., 2.]).unwrap(), vec![2, 1, 1, 2, 1, 2, 1, 2, 0]);
        assert_eq!(ints([-5., 7., 4., -3., 3.]).unwrap()[3], -2);
        assert!(message(ints([1., 1., 3., 3., 2.]).unwrap_err()).contains("hi must be at least lo"));
    }

    #[wasm_bindgen_test]
    fn difference_map_is_b_minus_a_and_lengths_are_checked() {
        assert_eq!(difference_map(&f32a(&[1.0, 2.0]), &f32a(&[3.0, 1.5])).unwrap(), vec![2.0, -0.5]);
        let e = difference_map(&f32a(&[1.0]), &f32a(&[1.0, 2.0])).unwrap_err();
        assert_eq!(message(e), "differenceMap: a and b must have the same length, got 1 and 2");
        let e = relative_change(&f32a(&[1.0]), &f32a(&[])).unwrap_err();
        assert_eq!(message(e), "relativeChange: a and b must have the same non-zero length, got 1 and 0");
        let e = histogram(&f32a(&[1.0]), &n(4.), &n(0.0), &NONE).unwrap_err();
        assert_eq!(message(e), "histogram: lo and hi must be given together");
        let s = variance_shift(&opts(r#"{"kind":"inverted","p":0.5}"#), &n(1.0), &n(1.0)).unwrap();
        assert_eq!(num(&s, "trainOverTest"), 3.0);
        let m = measured_variance_shift(&f32a(&[1.0, -1.0, 1.0, -1.0]), &f32a(&[0.5, -0.5])).unwrap();
        assert_eq!(
            (num(&m, "trainVariance"), num(&m, "testVariance"), num(&m, "trainOverTest")),
            (1.0, 0.25, 4.0)
        );
        let e = measured_variance_shift(&f32a(&[]), &f32a(&[1.0])).unwrap_err();
        assert_eq!(message(e), "measuredVarianceShift: train must hold a finite value, got none of 0");
    }

    #[wasm_bindgen_test]
    fn undo_subsampled_shift_picks_the_smaller_difference() {
        // b is a moved by one cell down: of the candidate cell shifts for 3 pixels at step 2 (1 and
        // 2), one cell undoes it exactly.
        let (h, w) = (6usize, 6usize);
        let a: Vec<f32> = (0..h * w).map(|i| ((i * 7) % 11) as f32).collect();
        let b: Vec<f32> = (0..h * w).map(|i| if i / w == 0 { 0.0 } else { a[i - w] }).collect();
        let undo = |a: &[f32], b: &[f32]| {
            let (h, w) = (n(h as f64), n(w as f64));
            undo_subsampled_shift(&f32a(a), &f32a(b), &h, &w, &n(3.), &n(0.), &n(2.), &n(0.))
        };
        let u = undo(&a, &b).unwrap();
        assert_eq!((num(&u, "dy"), num(&u, "dx")), (1.0, 0.0));
        let measured = Reflect::get(&u, &"measured".into()).unwrap();
        assert_eq!(num(&measured, "maxAbsInterior"), 0.0);
        let d = Reflect::get(&u, &"difference".into()).unwrap().dyn_into::<Float32Array>().unwrap().to_vec();
        assert!(d.iter().all(|&v| v == 0.0));
        // Moved by two cells, the same candidates: now 2 is the smaller difference.
        let b2: Vec<f32> = (0..h * w).map(|i| if i / w < 2 { 0.0 } else { a[i - 2 * w] }).collect();
        let u = undo(&a, &b2).unwrap();
        assert_eq!(num(&u, "dy"), 2.0);
        let e = undo(&a, &b[..5]).unwrap_err();
        assert_eq!(message(e), "undoSubsampledShift: b must hold 6×6 = 36 values, got 5");
    }
}

#[path = "web/antialias.rs"]
mod antialias;

#[path = "web/grouped_causal.rs"]
mod grouped_causal;

#[path = "web/transposed.rs"]
mod transposed;
