//! Describing a model without building it: LeNet's receptive fields as the page computes them by
//! hand, padding, the first layer that does not fit (in Model::new's words), agreement with the
//! built model on random stacks, and tracing a unit back to the input.

use convplay_core::model::code::parse_layers;
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::model::describe::{describe, trace_unit};
use convplay_core::model::Model;
use convplay_core::Pads;
use proptest::prelude::*;

fn config(input: [usize; 3], code: &str) -> ModelConfig {
    ModelConfig { input, layers: parse_layers(code).unwrap(), seed: 1 }
}

fn sizes(d: &convplay_core::model::describe::Description) -> Vec<Option<(usize, usize, usize)>> {
    d.layers.iter().map(|l| l.receptive_field.map(|f| (f.size.0, f.jump.0, l.info.output_shape[1]))).collect()
}

#[test]
fn lenets_fields_as_computed_by_hand() {
    // 32 → conv5: 28 (field 5, jump 1) → pool2/2: 14 (6, 2) → conv5: 10 (14, 2) → pool2/2: 5 (16, 4)
    let d = describe(&config([1, 32, 32], "c5s1d1pv.p2s2d1pv.c5s1d1pv.p2s2d1pv")).unwrap();
    assert_eq!(sizes(&d), [Some((5, 1, 28)), Some((6, 2, 14)), Some((14, 2, 10)), Some((16, 4, 5))]);
    assert_eq!(d.problem, None);
    let d = describe(&config([1, 32, 32], "c3k3_c3k3_c3k3")).unwrap();
    assert_eq!(sizes(&d), [Some((3, 1, 30)), Some((5, 1, 28)), Some((7, 1, 26))]);
}

#[test]
fn element_wise_layers_keep_the_field_and_flatten_ends_it() {
    let d = describe(&ModelConfig::lenet5()).unwrap();
    let fields: Vec<Option<usize>> = d.layers.iter().map(|l| l.receptive_field.map(|f| f.size.0)).collect();
    assert_eq!(
        fields,
        [Some(5), Some(5), Some(6), Some(14), Some(14), Some(16), None, None, None, None, None, None]
    );
    assert_eq!(d.parameter_count, 44_426);
    let pads: Vec<bool> = d.layers.iter().map(|l| l.pads.is_some()).collect();
    assert_eq!(pads, [true, false, true, true, false, true, false, false, false, false, false, false]);
    let d = describe(&config([1, 28, 28], "c8k3ps_mp2s2d1p1")).unwrap();
    assert_eq!(d.layers[0].pads, Some(Pads { top: 1, bottom: 1, left: 1, right: 1 }));
    assert_eq!(d.layers[1].pads, Some(Pads { top: 1, bottom: 1, left: 1, right: 1 }));
    assert_eq!(d.layers[1].info.output_shape, [8, 15, 15]);
}

#[test]
fn the_tiny_cnn_has_20522_parameters() {
    let d = describe(&config([1, 28, 28], "c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10")).unwrap();
    assert_eq!(d.parameter_count, 20_522);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["layers"][0]["kind"], "conv2d");
    assert_eq!(json["layers"][0]["outputShape"], serde_json::json!([8, 24, 24]));
    assert_eq!(json["layers"][0]["receptiveField"], serde_json::json!({ "size": [5, 5], "jump": [1, 1] }));
    assert_eq!(json["layers"][1]["pads"], serde_json::Value::Null);
    assert_eq!(json["problem"], serde_json::Value::Null);
}

#[test]
fn an_impossible_layer_is_a_problem_in_model_news_words() {
    let c = config([1, 8, 8], "mp2_c2k5_relu");
    let d = describe(&c).unwrap();
    assert_eq!(d.layers.len(), 1);
    let p = d.problem.expect("kernel 5 does not fit 4×4");
    assert_eq!(p.layer, 1);
    assert_eq!(p.message, Model::new(c).unwrap_err().to_string());
    assert!(p.message.starts_with("model: layer 2 (conv2d): conv2d: kernel 5×5"), "{}", p.message);
    let bad = |json: &str| describe(&serde_json::from_str(json).unwrap()).unwrap_err().to_string();
    assert_eq!(bad(r#"{"input":[1,8,8],"layers":[]}"#), "model: layers must contain at least one layer");
    assert!(bad(r#"{"input":[0,8,8],"layers":[{"kind":"flatten"}]}"#).starts_with("model: input"));
}

#[test]
fn describing_allocates_no_weights() {
    // 4096 filters of 1024 × 64 × 64: 17 billion weights, never built.
    let c = config([1024, 64, 64], "c4096k64");
    let d = describe(&c).unwrap();
    assert_eq!(d.parameter_count, 4096 * (1024 * 64 * 64 + 1));
}

#[test]
fn tracing_a_unit_back() {
    let r = trace_unit(&config([1, 32, 32], "c3k3_relu_c3k3_c3k3"), 3, 10, 10).unwrap();
    assert_eq!(r.len(), 5, "input, then one map per layer");
    assert_eq!((r[0].top, r[0].bottom, r[0].left, r[0].right, r[0].map), (10, 16, 10, 16, (32, 32)));
    assert_eq!(r[1], r[2], "the activation passes the region through");
    assert_eq!((r[4].top, r[4].map), (10, (26, 26)));
    let lenet = config([1, 28, 28], "c6k5_relu_mp2_c16k5_relu_mp2_fl_d10");
    assert_eq!(trace_unit(&lenet, 5, 0, 0).unwrap()[0].bottom, 15);
    let e = |layer, row| trace_unit(&lenet, layer, row, 0).unwrap_err().to_string();
    assert_eq!(
        e(6, 0),
        "traceUnit: layer 7 (flatten) sees the whole input: only layers before the first flatten or dense layer have receptive fields"
    );
    assert!(e(7, 0).starts_with("traceUnit: layer 8 (dense) follows layer 7 (flatten)"), "{}", e(7, 0));
    assert_eq!(e(8, 0), "traceUnit: layer must be below 8, got 8");
    assert_eq!(e(5, 4), "receptiveField: unit (4, 0) is outside the 4×4 map");
    let bad = config([1, 8, 8], "mp2_c2k5_relu");
    assert_eq!(trace_unit(&bad, 0, 0, 0).unwrap()[0].bottom, 1, "layers before the problem trace");
    assert!(trace_unit(&bad, 2, 0, 0).unwrap_err().to_string().starts_with("model: layer 2 (conv2d)"));
}

fn small_layer() -> impl Strategy<Value = String> {
    prop_oneof![
        (1usize..5, 1usize..6, 1usize..3, 1usize..3, prop::sample::select(vec!["", "ps", "pf", "p1"]))
            .prop_map(|(f, k, s, d, p)| format!("c{f}k{k}s{s}d{d}{p}")),
        (prop::sample::select(vec!["mp", "ap", "lp", "gp"]), 1usize..4, 1usize..3)
            .prop_map(|(kind, n, s)| format!("{kind}{n}s{s}")),
        prop::sample::select(vec![
            "relu".to_string(),
            "tanh".into(),
            "bn".into(),
            "do10".into(),
            "fl".into()
        ]),
        (1usize..20).prop_map(|u| format!("d{u}")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn describe_agrees_with_the_built_model(
        c in 1usize..4, h in 1usize..20, w in 1usize..20,
        tokens in prop::collection::vec(small_layer(), 1..8),
    ) {
        let layers: Vec<LayerConfig> = parse_layers(&tokens.join("_")).unwrap();
        let cfg = ModelConfig { input: [c, h, w], layers, seed: 3 };
        let d = describe(&cfg).unwrap();
        match Model::new(cfg) {
            Ok(m) => {
                prop_assert_eq!(d.problem, None);
                let infos: Vec<_> = d.layers.iter().map(|l| l.info.clone()).collect();
                prop_assert_eq!(&infos[..], m.layer_infos());
                prop_assert_eq!(d.parameter_count, m.parameter_count());
            }
            Err(e) => {
                let p = d.problem.expect("Model::new failed, so a layer does not fit");
                prop_assert_eq!(p.message, e.to_string());
                prop_assert_eq!(d.layers.len(), p.layer);
            }
        }
    }
}
