//! Convolution and pooling settings as pages and files write them: sizes as a number or
//! `[rows, columns]`, defaults for what is left out, unknown keys refused.

use convplay_core::conv::signal::Conv1dParams;
use convplay_core::conv::{Conv2dParams, ConvMode};
use convplay_core::pool::{Pool2dConfig, PoolKind, PoolSettings};
use convplay_core::{Padding, Window2d};

fn conv(json: &str) -> Result<Conv2dParams, serde_json::Error> {
    serde_json::from_str(json)
}

fn pool(json: &str) -> Result<Pool2dConfig, serde_json::Error> {
    serde_json::from_str::<PoolSettings>(json).map(Pool2dConfig::from)
}

#[test]
fn conv_settings_take_a_number_or_a_pair_and_default_the_rest() {
    assert_eq!(conv("{}").unwrap(), Conv2dParams::default());
    let p = conv(r#"{"stride":[2,1],"padding":{"kind":"same"},"dilation":3,"mode":"convolution"}"#).unwrap();
    assert_eq!(
        p,
        Conv2dParams {
            stride: (2, 1),
            padding: Padding::Same,
            dilation: (3, 3),
            mode: ConvMode::Convolution
        }
    );
    assert!(conv(r#"{"strid":1}"#).unwrap_err().to_string().contains("strid"));
    assert!(conv(r#"{"stride":"2"}"#).is_err());
    let p: Conv1dParams = serde_json::from_str(r#"{"mode":"crossCorrelation"}"#).unwrap();
    assert_eq!(p, Conv1dParams { mode: ConvMode::CrossCorrelation, ..Conv1dParams::default() });
    assert!(serde_json::from_str::<Conv1dParams>(r#"{"size":1}"#).is_err());
}

#[test]
fn pool_settings_stride_defaults_to_the_size() {
    let p = pool(r#"{"pool":{"kind":"max"},"size":2}"#).unwrap();
    assert_eq!(p, Pool2dConfig { kind: PoolKind::Max, window: Window2d::square(2).with_stride(2) });
    let p =
        pool(r#"{"pool":{"kind":"average"},"size":[3,2],"stride":1,"dilation":2,"padding":{"kind":"same"}}"#)
            .unwrap();
    let window = Window2d { kernel: (3, 2), stride: (1, 1), dilation: (2, 2), padding: Padding::Same };
    assert_eq!(p, Pool2dConfig { kind: PoolKind::Average, window });
    assert!(pool(r#"{"pool":{"kind":"max"},"size":2,"extra":1}"#).is_err());
    assert!(pool(r#"{"size":2}"#).is_err());
}
