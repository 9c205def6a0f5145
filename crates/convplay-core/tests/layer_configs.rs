//! Every layer is built from its configuration the same way, and a model's layers carry the one
//! name of their kind: the configuration's `kind` tag.

use convplay_core::linear::parameter_count;
use convplay_core::measure::counts::dense_parameters;
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::model::Model;
use convplay_core::norm::BatchNormConfig;

const EVERY_KIND: &str = r#"{"input":[2,8,8],"seed":1,"layers":[
  {"kind":"conv2d","outChannels":3,"kernel":3,"padding":{"kind":"same"}},
  {"kind":"batchNorm"},
  {"kind":"activation","activation":{"kind":"leakyRelu","slope":0.1}},
  {"kind":"pool","pool":{"kind":"gaussian","sigma":1},"size":2},
  {"kind":"dropout","dropout":{"kind":"inverted","p":0.25}},
  {"kind":"flatten"},
  {"kind":"dense","outFeatures":4}]}"#;

#[test]
fn built_layers_and_infos_name_their_kind_as_the_config_does() {
    let config: ModelConfig = serde_json::from_str(EVERY_KIND).unwrap();
    let model = Model::new(config.clone()).unwrap();
    let tags: Vec<&str> = config.layers.iter().map(|l| l.kind().name()).collect();
    assert_eq!(tags, ["conv2d", "batchNorm", "activation", "pool", "dropout", "flatten", "dense"]);
    let kinds: Vec<&str> = model.layers().iter().map(|l| l.kind()).collect();
    assert_eq!(kinds, tags);
    let infos: Vec<&str> = model.layer_infos().iter().map(|i| i.kind).collect();
    assert_eq!(infos, tags);
    for (lc, tag) in config.layers.iter().zip(&tags) {
        let json = serde_json::to_value(lc).unwrap();
        assert_eq!(json["kind"], *tag, "the serde tag is the kind's name");
    }
}

#[test]
fn the_configured_parameter_count_is_the_number_of_values_built() {
    let model = Model::new(serde_json::from_str(EVERY_KIND).unwrap()).unwrap();
    for (layer, info) in model.layers().iter().zip(model.layer_infos()) {
        let built: usize = layer.params().iter().map(|p| p.value.len()).sum();
        assert_eq!(built, info.parameter_count, "{}", info.kind);
        let shape = layer.output_shape(info.input_shape).unwrap();
        assert_eq!(shape, info.output_shape, "{}", info.kind);
    }
    assert_eq!(model.layer_infos()[0].parameter_count, 3 * (2 * 9 + 1));
    assert_eq!(model.layer_infos()[1].parameter_count, 2 * 3);
    assert_eq!(model.layer_infos()[6].parameter_count, 3 * 4 * 4 * 4 + 4);
}

#[test]
fn one_dense_count_and_one_set_of_batch_norm_defaults() {
    for (i, o) in [(256, 120), (784, 10), (1, 1), (1_000_000, 1000)] {
        assert_eq!(parameter_count(i, o) as u64, dense_parameters(i as u64, o as u64));
    }
    let from_json: LayerConfig = serde_json::from_str(r#"{"kind":"batchNorm"}"#).unwrap();
    let LayerConfig::BatchNorm { momentum, eps, .. } = from_json else { panic!("a batch-norm layer") };
    let defaults = BatchNormConfig::new(1);
    assert_eq!((momentum, eps), (defaults.momentum, defaults.eps));
    assert_eq!((eps, momentum), (BatchNormConfig::DEFAULT_EPS, BatchNormConfig::DEFAULT_MOMENTUM));
    assert_eq!((eps, momentum), (1e-5, 0.1));
}

#[test]
fn pool_layers_take_a_dilation_and_old_files_without_one_still_load() {
    let old: LayerConfig = serde_json::from_str(r#"{"kind":"pool","pool":{"kind":"max"},"size":2}"#).unwrap();
    assert!(matches!(old, LayerConfig::Pool { dilation: 1, stride: None, .. }));
    let m = Model::new(
        serde_json::from_str(
            r#"{"input":[1,9,9],"layers":[{"kind":"pool","pool":{"kind":"max"},"size":3,"stride":1,"dilation":3}]}"#,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(m.layer_infos()[0].output_shape, [1, 3, 3], "effective window 7 on 9 → 3");
}

#[test]
fn unknown_keys_in_a_layer_are_errors() {
    for json in [
        r#"{"kind":"dense","outFeatures":3,"units":3}"#,
        r#"{"kind":"flatten","units":3}"#,
        r#"{"kind":"activation","activation":{"kind":"relu"},"slope":1}"#,
    ] {
        assert!(serde_json::from_str::<LayerConfig>(json).is_err(), "{json}");
    }
}
