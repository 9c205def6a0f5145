//! Transposed convolution in the browser: the 2×2 input stamped at stride 2 (worked by hand in the
//! core's tests), output padding, the two views of the trace, the gradients and their
//! finite-difference check, and errors naming the argument.

use super::*;
use convplay_wasm::conv_transposed::{
    conv_transpose2d, conv_transpose2d_backward, conv_transpose2d_geometry, conv_transpose2d_gradient_check,
    conv_transpose2d_trace,
};

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn floats(v: &JsValue) -> Vec<f32> {
    js_sys::Array::from(v).iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

#[wasm_bindgen_test]
fn two_by_two_stamped_at_stride_two() {
    let (x, xs) = (f32a(&[1., 2., 3., 4.]), u32a(&[1, 1, 2, 2]));
    let k: Vec<f32> = (1..=9).map(|v| v as f32).collect();
    let (k, ks) = (f32a(&k), u32a(&[1, 1, 3, 3]));
    let y = conv_transpose2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"stride":2,"padding":1}"#)).unwrap();
    assert_eq!(data(&y), vec![5., 14., 10., 14., 36., 24., 15., 34., 20.]);
    let o = opts(r#"{"stride":2,"padding":1,"outputPadding":1}"#);
    let y = conv_transpose2d(&x, &xs, &k, &ks, &NONE, &o).unwrap();
    assert_eq!(data(&y).len(), 16);
    let g = conv_transpose2d_geometry(&n(2.), &n(2.), &n(3.), &n(3.), &o).unwrap();
    assert_eq!(get(&get(&g, "height"), "output").as_f64(), Some(4.0));
    assert_eq!(get(&get(&g, "width"), "outputPadding").as_f64(), Some(1.0));
    // Both views of the trace give the forward numbers.
    let t = conv_transpose2d_trace(&x, &xs, &k, &ks, &NONE, &o, &n(0.), &n(0.)).unwrap();
    assert_eq!(floats(&get(&t, "scatterOutput")), data(&y));
    assert_eq!(floats(&get(&t, "gatherOutput")), data(&y));
    assert_eq!(get(&get(&t, "agreement"), "all").as_bool(), Some(true));
    assert_eq!(get(&get(&t, "gather"), "rows").as_f64(), Some(6.0));
    // Gradients with ∂L/∂y all ones: ∂L/∂b is the number of outputs; the nudge agrees.
    let (dy, dys) = (f32a(&[1.; 16]), u32a(&[1, 1, 4, 4]));
    let gr = conv_transpose2d_backward(&x, &xs, &k, &ks, &dy, &dys, &o).unwrap();
    assert_eq!(data(&get(&gr, "bias")), vec![16.]);
    let c =
        conv_transpose2d_gradient_check(&x, &xs, &k, &ks, &NONE, &dy, &dys, &o, &opts("[0,0,1,1]"), &n(0.01))
            .unwrap();
    assert_eq!(get(&c, "agree").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn errors_name_the_argument() {
    let (x, xs) = (f32a(&[1., 2., 3., 4.]), u32a(&[1, 1, 2, 2]));
    let (k, ks) = (f32a(&[1.; 9]), u32a(&[1, 1, 3, 3]));
    let e =
        conv_transpose2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"stride":2,"outputPadding":2}"#)).unwrap_err();
    assert_eq!(
        message(e),
        "convTranspose2d: outputPadding must be smaller than the stride or the dilation (2), got 2"
    );
    let e = conv_transpose2d(&x, &xs, &k, &ks, &NONE, &opts(r#"{"groups":2}"#)).unwrap_err();
    assert!(message(e).contains("groups"));
    let e = conv_transpose2d(&x, &xs, &k, &ks, &f32a(&[1., 2.]), &NONE).unwrap_err();
    assert!(message(e).contains("bias"));
    let e = conv_transpose2d_trace(&x, &xs, &k, &ks, &NONE, &NONE, &n(0.), &n(1.)).unwrap_err();
    assert!(message(e).contains("outChannel"));
    // The module keeps working.
    assert!(conv_transpose2d(&x, &xs, &k, &ks, &NONE, &NONE).is_ok());
}
