//! Hand-outs in the browser: the PyTorch script of the lecture's example carries its output, a
//! configuration a page builds reads as it does in the core, and bad ones are Errors in words.

use super::*;
use convplay_wasm::export::pytorch;

#[wasm_bindgen_test]
fn lecture_example_as_pytorch() {
    let handout = opts(&format!(
        r#"{{"kind":"conv2d","input":{:?},"inputShape":[1,5,5],"kernel":{:?},"kernelShape":[1,1,3,3]}}"#,
        INPUT, KERNEL
    ));
    let text = pytorch(&handout).unwrap();
    assert!(text.contains("F.conv2d(x, k, b, stride=1, padding=(0, 0), dilation=1)"));
    assert!(text.contains("#   12 12 17\n#   10 17 19\n#   9 6 14\n"));
}

#[wasm_bindgen_test]
fn every_kind_reads_from_javascript() {
    for json in [
        r#"{"kind":"pool","input":[1,3,2,0,4,2,1,1,0,0,5,6,1,2,7,8],"inputShape":[1,4,4],"pool":{"kind":"gaussian","sigma":1},"size":2}"#,
        r#"{"kind":"batchNorm","values":[1,2,3,4],"gamma":1,"beta":0,"eps":0.00001}"#,
        r#"{"kind":"dropout","dropout":{"kind":"uniformNoise","beta":0.5},"seed":1}"#,
        r#"{"kind":"init","init":{"kind":"standard"},"activation":{"kind":"tanh"},"depth":10,"width":64,"seed":1}"#,
        r#"{"kind":"model","batchSize":64,"optimizer":{"kind":"adam","lr":0.001},"model":{"input":[1,28,28],"seed":1,"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}}"#,
    ] {
        let text = pytorch(&opts(json)).unwrap_or_else(|e| panic!("{json}: {}", message(e)));
        assert!(text.starts_with("# ConvPlay hand-out:") && text.contains("# Expected output"), "{json}");
    }
}

#[wasm_bindgen_test]
fn bad_handouts_are_errors_naming_the_argument() {
    for (arg, needle) in [
        (JsValue::from_f64(3.0), "handout"),
        (opts(r#"{"kind":"keras"}"#), "keras"),
        (opts(r#"{"kind":"dropout","dropout":{"kind":"inverted","p":0.5},"sed":1}"#), "sed"),
        (opts(r#"{"kind":"dropout","dropout":{"kind":"inverted","p":2}}"#), "dropout: p must be in [0, 1)"),
        (
            opts(
                r#"{"kind":"conv2d","input":[1],"inputShape":[1,1,1],"kernel":[1,2],"kernelShape":[1,1,1,1]}"#,
            ),
            "kernel",
        ),
    ] {
        let e = message(pytorch(&arg).unwrap_err());
        assert!(e.contains(needle) && (e.starts_with("pytorch") || e.starts_with("dropout")), "{e}");
    }
    // NaN never becomes a default on its way in.
    let nan = opts(r#"{"kind":"dropout","dropout":{"kind":"inverted","p":0.5}}"#);
    Reflect::set(&nan, &"seed".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    assert!(message(pytorch(&nan).unwrap_err()).contains("seed"));
}
