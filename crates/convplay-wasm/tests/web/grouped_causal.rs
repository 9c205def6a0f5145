//! Grouped and causal convolution in the browser: depthwise on a known volume, the counts of the
//! lecture-sized example, the causal output and its gradients, the WaveNet stack, and errors
//! naming the argument.

use super::*;
use convplay_wasm::conv_causal::{causal_stack, conv1d_causal, conv1d_causal_backward};
use convplay_wasm::conv_grouped::{conv2d_grouped, conv2d_grouped_backward, convolution_counts};

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or_else(|| panic!("{key} is not a number"))
}

#[wasm_bindgen_test]
fn depthwise_filters_read_one_channel_each() {
    // Two 2×2 channels (1s and 2s), two 1×1 filters (×1 and ×10), groups 2.
    let (x, xs) = (f32a(&[1., 1., 1., 1., 2., 2., 2., 2.]), u32a(&[1, 2, 2, 2]));
    let (k, ks) = (f32a(&[1., 10.]), u32a(&[2, 1, 1, 1]));
    let y = conv2d_grouped(&x, &xs, &k, &ks, &f32a(&[0., 0.5]), &NONE, &n(2.)).unwrap();
    assert_eq!(data(&y), vec![1., 1., 1., 1., 20.5, 20.5, 20.5, 20.5]);
    let g = conv2d_grouped_backward(&x, &xs, &k, &ks, &f32a(&[1.; 8]), &u32a(&[1, 2, 2, 2]), &NONE, &n(2.))
        .unwrap();
    assert_eq!(data(&get(&g, "input")), vec![1., 1., 1., 1., 10., 10., 10., 10.]);
    assert_eq!(data(&get(&g, "weight")), vec![4., 8.]);
    let e = conv2d_grouped(&x, &xs, &k, &ks, &NONE, &NONE, &n(3.)).unwrap_err();
    assert!(message(e).starts_with("conv2dGrouped: groups 3 must divide the 2 input channels"));
    let e = conv2d_grouped(&x, &xs, &k, &ks, &NONE, &NONE, &n(-1.)).unwrap_err();
    assert!(message(e).starts_with("conv2dGrouped: groups must be a whole number"));
}

#[wasm_bindgen_test]
fn counts_from_standard_to_separable() {
    let spec = opts(r#"{"channels":4,"filters":8,"kernel":3,"height":6,"width":6,"groups":2,"bias":false}"#);
    let c = convolution_counts(&spec, &NONE).unwrap();
    assert_eq!(num(&get(&c, "standard"), "weights"), 288.0);
    assert_eq!(num(&get(&c, "depthwise"), "weights"), 36.0);
    assert_eq!(num(&get(&c, "pointwise"), "weights"), 32.0);
    assert_eq!(num(&get(&c, "separable"), "weights"), 68.0);
    assert_eq!(num(&get(&c, "grouped"), "multiplications"), 144.0 * 16.0);
    assert!((num(&get(&c, "ratio"), "formula") - (1. / 8. + 1. / 9.)).abs() < 1e-12);
    let reads = js_sys::Array::from(&get(&c, "reads"));
    assert_eq!(num(&reads.get(7), "first"), 2.0);
    let e = convolution_counts(&opts(r#"{"channels":4,"filters":8,"kernel":3,"height":6,"width":6}"#), &NONE);
    assert!(message(e.unwrap_err()).contains("groups"));
}

#[wasm_bindgen_test]
fn causal_outputs_gradients_and_the_stack() {
    let y = conv1d_causal(&f32a(&[1., 2., 3., 4.]), &f32a(&[1., 10.]), &opts(r#"{"dilation":2}"#)).unwrap();
    assert_eq!(y, vec![1., 2., 13., 24.]);
    let g =
        conv1d_causal_backward(&f32a(&[1., 2., 3., 4.]), &f32a(&[1., 10.]), &f32a(&[1.; 4]), &NONE).unwrap();
    let gx = get(&g, "x").dyn_into::<Float32Array>().unwrap().to_vec();
    assert_eq!(gx, vec![11., 11., 11., 1.]);
    let spec = opts(r#"{"kernel":[0.5,0.5],"dilations":[1,2,4,8]}"#);
    let s = causal_stack(&f32a(&[1.; 20]), &spec, &n(19.)).unwrap();
    assert_eq!(num(&s, "receptiveField"), 16.0);
    assert_eq!(get(&s, "pastOnly").as_bool(), Some(true));
    assert_eq!(js_sys::Array::from(&get(&s, "levels")).length(), 5);
    let e = causal_stack(&f32a(&[1.; 20]), &spec, &n(20.)).unwrap_err();
    assert!(message(e).starts_with("causalStack: at must be below"));
    let e = conv1d_causal(&f32a(&[1.]), &f32a(&[1.]), &opts(r#"{"dilation":0}"#)).unwrap_err();
    assert!(message(e).starts_with("conv1dCausal: dilation"));
}
