//! The lecture's convolution bindings in the browser: both orders of a 2-D convolution, the
//! trace's index formula, convolution of functions of time, the separable Gaussian blur, and the
//! verdict of a shift difference judged against the maps' scale.

use super::*;
use convplay_wasm::conv::{continuous_conv, conv2d_both_orders, conv2d_trace, gaussian_blur, separable_cost};
use convplay_wasm::measure::shift_difference;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap()
}

fn numbers(v: &JsValue) -> Vec<f64> {
    v.clone().dyn_into::<js_sys::Array>().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[wasm_bindgen_test]
fn i_conv_k_equals_k_conv_i_and_cross_correlation_turns() {
    // Goodfellow's 3×4 input and a 2×2 kernel, as whole numbers.
    let i: Vec<f32> = (1..=12).map(|v| v as f32).collect();
    let (x, xs, k, ks) = (f32a(&i), u32a(&[1, 1, 3, 4]), f32a(&[1., 2., 0., -1.]), u32a(&[1, 1, 2, 2]));
    let conv = conv2d_both_orders(&x, &xs, &k, &ks, &"convolution".into()).unwrap();
    assert_eq!(data(&get(&conv, "inputKernel")), data(&get(&conv, "kernelInput")));
    assert_eq!(data(&get(&conv, "inputKernel")).len(), 4 * 5);
    let same = get(&conv, "same");
    assert_eq!((num(&same, "maxAbsDifference"), get(&same, "agree").as_bool()), (0.0, Some(true)));
    let xcorr = conv2d_both_orders(&x, &xs, &k, &ks, &"crossCorrelation".into()).unwrap();
    assert!(num(&get(&xcorr, "same"), "maxAbsDifference") > 1.0);
    assert_eq!(get(&get(&xcorr, "same"), "agree").as_bool(), Some(false));
    assert_eq!(get(&get(&xcorr, "turned"), "agree").as_bool(), Some(true));
    let mut turned = data(&get(&xcorr, "inputKernel"));
    turned.reverse();
    assert_eq!(turned, data(&get(&xcorr, "kernelInput")));
    let e = message(conv2d_both_orders(&x, &xs, &k, &ks, &"flipped".into()).unwrap_err());
    assert!(e.starts_with("conv2dBothOrders: mode "), "{e}");
    let e =
        message(conv2d_both_orders(&x, &u32a(&[2, 1, 3, 2]), &k, &ks, &"convolution".into()).unwrap_err());
    assert!(e.starts_with("conv2dBothOrders: input must hold one image"), "{e}");
}

#[wasm_bindgen_test]
fn the_trace_names_the_lecture_index() {
    let (x, xs, k, ks) = (f32a(&INPUT), u32a(&[1, 1, 5, 5]), f32a(&KERNEL), u32a(&[1, 1, 3, 3]));
    let conv = opts(r#"{"mode":"convolution"}"#);
    let t = conv2d_trace(&x, &xs, &k, &ks, &NONE, &conv, &n(0.), &n(0.), &n(1.), &n(0.)).unwrap();
    assert_eq!((num(&t, "indexRow"), num(&t, "indexCol")), (3.0, 2.0));
    let t = conv2d_trace(&x, &xs, &k, &ks, &NONE, &NONE, &n(0.), &n(0.), &n(1.), &n(0.)).unwrap();
    assert_eq!((num(&t, "indexRow"), num(&t, "indexCol")), (1.0, 0.0));
}

#[wasm_bindgen_test]
fn box_with_box_is_a_triangle_and_the_sum_converges() {
    let b = opts(r#"{"kind":"box","width":2,"height":1.5}"#);
    let c = continuous_conv(&b, &b, &opts(r#"{"t":2,"step":0.5,"points":9}"#)).unwrap();
    assert_eq!(num(&c, "exact"), 2.0 * 1.5 * 1.5);
    assert!((num(&c, "integral") - 4.5).abs() < 1e-9);
    assert_eq!(num(&c, "sampleTime"), 2.0);
    let rows: js_sys::Array = get(&c, "convergence").dyn_into().unwrap();
    let errors: Vec<f64> = rows.iter().map(|r| num(&r, "error").abs()).collect();
    assert!(errors.windows(2).all(|p| p[1] < p[0]), "{errors:?}");
    assert_eq!(numbers(&get(&c, "times")).len(), 9);
    let e = message(continuous_conv(&b, &opts(r#"{"kind":"box","width":1}"#), &NONE).unwrap_err());
    assert!(e.starts_with("continuousConv: h "), "{e}");
    let e = message(continuous_conv(&b, &b, &opts(r#"{"t":1,"stepp":1}"#)).unwrap_err());
    assert!(e.contains("stepp"), "{e}");
}

#[wasm_bindgen_test]
fn the_separable_blur_reports_its_cost() {
    let img = vec![0.5f32; 30 * 40];
    let b = gaussian_blur(&f32a(&img), &n(30.), &n(40.), &n(20.)).unwrap();
    assert_eq!(num(&b, "size"), 121.0);
    let cost = separable_cost(&n(30.), &n(40.), &n(121.)).unwrap();
    assert_eq!(num(&get(&b, "cost"), "separable"), num(&cost, "separable"));
    assert!(data(&b).iter().all(|v| (v - 0.5).abs() < 1e-5));
    let e = message(gaussian_blur(&f32a(&img), &n(30.), &n(40.), &n(21.)).unwrap_err());
    assert_eq!(e, "gaussianBlur: sigma must be in (0, 20], got 21");
}

#[wasm_bindgen_test]
fn a_shift_difference_says_whether_it_is_rounding() {
    let a: Vec<f32> = (0..16).map(|v| v as f32).collect();
    let mut b = a.clone();
    b[5] += 1e-6;
    let d = shift_difference(&f32a(&a), &f32a(&b), &n(4.), &n(4.), &n(0.), &n(0.), &n(0.)).unwrap();
    assert_eq!(num(&d, "scale"), 15.0);
    assert_eq!(get(&d, "agree").as_bool(), Some(true));
    b[5] += 0.1;
    let d = shift_difference(&f32a(&a), &f32a(&b), &n(4.), &n(4.), &n(0.), &n(0.), &n(0.)).unwrap();
    assert_eq!(get(&d, "agree").as_bool(), Some(false));
}
