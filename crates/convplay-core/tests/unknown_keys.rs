//! Unknown keys are errors everywhere a configuration is read, inside `{ kind: … }` objects too
//! (serde ignores them next to the tag of a unit variant unless told otherwise): one check per
//! tagged type and per variant shape, and the structs around them.

use convplay_core::activation::Activation;
use convplay_core::conv::filters::FilterKind;
use convplay_core::conv::signal::Conv1dParams;
use convplay_core::conv::Conv2dParams;
use convplay_core::dropout::DropoutKind;
use convplay_core::init::Init;
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::optim::OptimizerConfig;
use convplay_core::pool::{PoolKind, PoolSettings};
use convplay_core::train::{EvalOptions, TrainConfig};
use convplay_core::{Padding, Window2d};
use serde::de::DeserializeOwned;

fn read<T: DeserializeOwned>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// `good` reads; `good` with one more key `extra` is an error naming that key.
fn strict<T: DeserializeOwned + std::fmt::Debug>(good: &str, extra: &str) {
    read::<T>(good).unwrap_or_else(|e| panic!("{good}: {e}"));
    let bad = format!("{},\"{extra}\":1}}", &good[..good.len() - 1]);
    let e = read::<T>(&bad).expect_err(&bad);
    assert!(e.contains(&format!("unknown field `{extra}`")), "{bad}: {e}");
}

#[test]
fn padding() {
    strict::<Padding>(r#"{"kind":"same"}"#, "y");
    strict::<Padding>(r#"{"kind":"valid"}"#, "x");
    strict::<Padding>(r#"{"kind":"full"}"#, "size");
    strict::<Padding>(r#"{"kind":"explicit","y":1,"x":2}"#, "z");
    assert_eq!(read::<Padding>(r#"{"kind":"explicit","y":1,"x":2}"#), Ok(Padding::Explicit { y: 1, x: 2 }));
    assert_eq!(read::<Padding>(r#"{"kind":"same"}"#), Ok(Padding::Same));
    assert!(read::<Padding>(r#"{"kind":"sane"}"#).unwrap_err().contains("unknown variant `sane`"));
}

#[test]
fn pool_activation_dropout() {
    strict::<PoolKind>(r#"{"kind":"max"}"#, "sigma");
    strict::<PoolKind>(r#"{"kind":"l2"}"#, "p");
    strict::<PoolKind>(r#"{"kind":"average"}"#, "size");
    strict::<PoolKind>(r#"{"kind":"gaussian","sigma":1}"#, "sigmaa");
    strict::<Activation>(r#"{"kind":"relu"}"#, "slope");
    strict::<Activation>(r#"{"kind":"tanh"}"#, "beta");
    strict::<Activation>(r#"{"kind":"leakyRelu","slope":0.1}"#, "alpha");
    strict::<DropoutKind>(r#"{"kind":"inverted","p":0.5}"#, "q");
    strict::<DropoutKind>(r#"{"kind":"uniformNoise","beta":0.5}"#, "p");
}

#[test]
fn init_filter_optimizer() {
    strict::<Init>(r#"{"kind":"heNormal"}"#, "std");
    strict::<Init>(r#"{"kind":"zeros"}"#, "value");
    strict::<Init>(r#"{"kind":"normal","std":1}"#, "mean");
    strict::<Init>(r#"{"kind":"constant","value":1}"#, "v");
    strict::<FilterKind>(r#"{"kind":"sobelX"}"#, "size");
    strict::<FilterKind>(r#"{"kind":"box","size":3}"#, "sigma");
    strict::<FilterKind>(r#"{"kind":"gaussian","sigma":1}"#, "sigmma");
    assert!(read::<FilterKind>(r#"{"kind":"gaussian1d","sigma":1}"#).is_ok(), "size is optional");
    // The typo that silently trained without momentum.
    let e = read::<OptimizerConfig>(r#"{"kind":"sgd","lr":0.1,"momentumm":0.9}"#).unwrap_err();
    assert!(e.starts_with("unknown field `momentumm`"), "{e}");
    strict::<OptimizerConfig>(r#"{"kind":"adam","lr":0.001}"#, "beta3");
}

#[test]
fn every_layer_configuration() {
    for good in [
        r#"{"kind":"conv2d","outChannels":2,"kernel":3}"#,
        r#"{"kind":"pool","pool":{"kind":"max"},"size":2}"#,
        r#"{"kind":"activation","activation":{"kind":"relu"}}"#,
        r#"{"kind":"batchNorm"}"#,
        r#"{"kind":"dropout","dropout":{"kind":"inverted","p":0.1}}"#,
        r#"{"kind":"flatten"}"#,
        r#"{"kind":"dense","outFeatures":10}"#,
    ] {
        strict::<LayerConfig>(good, "units");
    }
    let nested = r#"{"kind":"conv2d","outChannels":2,"kernel":3,"padding":{"kind":"same","y":5}}"#;
    assert!(read::<LayerConfig>(nested).unwrap_err().contains("unknown field `y`"));
    let nested = r#"{"kind":"dense","outFeatures":2,"weightInit":{"kind":"heNormal","gain":2}}"#;
    assert!(read::<LayerConfig>(nested).unwrap_err().contains("unknown field `gain`"));
    strict::<ModelConfig>(r#"{"input":[1,2,2],"layers":[{"kind":"flatten"}]}"#, "name");
}

#[test]
fn options_and_settings() {
    strict::<Conv2dParams>(r#"{"stride":1}"#, "strid");
    strict::<Conv1dParams>(r#"{"stride":1}"#, "width");
    strict::<PoolSettings>(r#"{"pool":{"kind":"max"},"size":2}"#, "sise");
    strict::<Window2d>(
        r#"{"kernel":[3,3],"stride":[1,1],"dilation":[1,1],"padding":{"kind":"valid"}}"#,
        "pad",
    );
    strict::<TrainConfig>(r#"{"optimizer":{"kind":"sgd","lr":0.1},"batchSize":8}"#, "epochs");
    strict::<EvalOptions>(r#"{"limit":0}"#, "split");
    let e = read::<Conv2dParams>(r#"{"padding":{"kind":"same","y":5}}"#).unwrap_err();
    assert!(e.contains("unknown field `y`"), "{e}");
}

#[test]
fn sizes_are_a_whole_number_or_a_pair() {
    let stride = |json: &str| read::<Conv2dParams>(&format!(r#"{{"stride":{json}}}"#)).map(|p| p.stride);
    assert_eq!(stride("2"), Ok((2, 2)));
    assert_eq!(stride("[2,3]"), Ok((2, 3)));
    for bad in ["1.5", "-1", "[1,2,3]", "[1]", "\"2\""] {
        let e = stride(bad).unwrap_err();
        assert!(
            e.starts_with("size, stride and dilation must each be a whole number or [rows, columns]"),
            "{e}"
        );
    }
}
