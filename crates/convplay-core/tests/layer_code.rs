//! The one layer code: every token, every error message, the old receptive-field code, and round
//! trips (print then parse gives the layers back; a canonical code prints as itself).

use convplay_core::activation::Activation;
use convplay_core::dropout::DropoutKind;
use convplay_core::init::Init;
use convplay_core::model::code::{parse_layers, print_layers};
use convplay_core::model::config::LayerConfig;
use convplay_core::norm::EvalStatistics;
use convplay_core::pool::PoolKind;
use convplay_core::Padding;
use proptest::prelude::*;

fn conv(out_channels: usize, kernel: usize) -> LayerConfig {
    LayerConfig::Conv2d {
        out_channels,
        kernel,
        stride: 1,
        padding: Padding::Valid,
        dilation: 1,
        weight_init: Init::HeNormal,
        bias_init: Init::Zeros,
    }
}

fn pool(pool: PoolKind, size: usize) -> LayerConfig {
    LayerConfig::Pool { pool, size, stride: None, padding: Padding::Valid, dilation: 1, antialias: false }
}

fn dense(out_features: usize, weight_init: Init) -> LayerConfig {
    LayerConfig::Dense { out_features, weight_init, bias_init: Init::Zeros }
}

fn one(code: &str) -> LayerConfig {
    let layers = parse_layers(code).unwrap_or_else(|e| panic!("{code}: {e}"));
    assert_eq!(layers.len(), 1, "{code}");
    layers[0].clone()
}

fn error(code: &str) -> String {
    parse_layers(code).expect_err(code).to_string()
}

#[test]
fn every_token() {
    assert_eq!(one("c8k5"), conv(8, 5));
    let full = LayerConfig::Conv2d {
        out_channels: 16,
        kernel: 3,
        stride: 2,
        padding: Padding::Explicit { y: 1, x: 1 },
        dilation: 2,
        weight_init: Init::XavierUniform,
        bias_init: Init::Zeros,
    };
    assert_eq!(one("c16k3s2d2p1ixu"), full);
    for (code, padding) in [
        ("c8k5pv", Padding::Valid),
        ("c8k5ps", Padding::Same),
        ("c8k5pf", Padding::Full),
        ("c8k5p0", Padding::Explicit { y: 0, x: 0 }),
    ] {
        assert!(matches!(one(code), LayerConfig::Conv2d { padding: p, .. } if p == padding), "{code}");
    }
    for (code, init) in [
        ("hn", Init::HeNormal),
        ("hu", Init::HeUniform),
        ("xn", Init::XavierNormal),
        ("xu", Init::XavierUniform),
        ("ln", Init::LecunNormal),
        ("lu", Init::LecunUniform),
    ] {
        assert_eq!(one(&format!("d10i{code}")), dense(10, init));
        assert!(
            matches!(one(&format!("c1k1i{code}")), LayerConfig::Conv2d { weight_init, .. } if weight_init == init)
        );
    }
    assert_eq!(one("mp2"), pool(PoolKind::Max, 2));
    assert_eq!(one("ap3"), pool(PoolKind::Average, 3));
    assert_eq!(one("lp2"), pool(PoolKind::L2, 2));
    assert_eq!(one("gp4"), pool(PoolKind::Gaussian { sigma: 1.0 }, 4));
    assert_eq!(
        one("mp3s1d2ps"),
        LayerConfig::Pool {
            pool: PoolKind::Max,
            size: 3,
            stride: Some(1),
            padding: Padding::Same,
            dilation: 2,
            antialias: false
        }
    );
    assert_eq!(one("mp2s2"), pool(PoolKind::Max, 2), "a stride equal to the size is the default");
    for (code, activation) in [
        ("relu", Activation::Relu),
        ("tanh", Activation::Tanh),
        ("sigm", Activation::Sigmoid),
        ("lrelu", Activation::LeakyRelu { slope: 0.01 }),
    ] {
        assert_eq!(one(code), LayerConfig::Activation { activation });
    }
    assert_eq!(
        one("bn"),
        LayerConfig::BatchNorm { momentum: 0.1, eps: 1e-5, eval_statistics: EvalStatistics::Running }
    );
    assert_eq!(one("do25"), LayerConfig::Dropout { dropout: DropoutKind::Inverted { p: 0.25 } });
    assert_eq!(one("do0"), LayerConfig::Dropout { dropout: DropoutKind::Inverted { p: 0.0 } });
    assert_eq!(one("fl"), LayerConfig::Flatten {});
    assert_eq!(one("d64"), dense(64, Init::HeNormal));
}

#[test]
fn the_pages_presets_read_and_print_as_themselves() {
    for code in [
        "c8k5_relu_mp2_c16k5_relu_mp2_fl_d64_relu_d10",
        "c6k5ps_tanh_ap2_c16k5_tanh_ap2_fl_d120_tanh_d84_tanh_d10",
        "fl_d26_relu_d10",
        "c8k3ps_bn_lrelu_gp2_do25_fl_d32ixn_sigm_d10ilu",
    ] {
        assert_eq!(print_layers(&parse_layers(code).unwrap()).unwrap(), code);
    }
    assert_eq!(print_layers(&parse_layers("c8k5s1d1pvihn_mp2s2d1pv").unwrap()).unwrap(), "c8k5_mp2");
}

#[test]
fn errors_name_the_token_and_its_place() {
    assert_eq!(error("c8k5_zz_d10"), "layer code: layer 2 \"zz\" is not a layer code");
    assert_eq!(error("c8k5_relu_c8x"), "layer code: layer 3 \"c8x\" is not a layer code");
    assert_eq!(error(""), "layer code: the layer list is empty");
    assert_eq!(error("c0k5_d10"), "layer code: layer 1 \"c0k5\" has a size of 0");
    assert_eq!(error("fl_d0"), "layer code: layer 2 \"d0\" has a size of 0");
    assert_eq!(error("mp0"), "layer code: layer 1 \"mp0\" has a size of 0");
    assert_eq!(error("c8k5s0"), "layer code: layer 1 \"c8k5s0\" has a size of 0");
    assert_eq!(error("c8k5iqq_d10"), "layer code: layer 1 \"c8k5iqq\" names an unknown initialiser \"qq\"");
    assert_eq!(error("fl_do100"), "layer code: layer 2 \"do100\" drops 100 percent or more; at most 99");
    assert_eq!(
        error(&vec!["fl"; 41].join("_")),
        "layer code: the layer list has 41 layers; at most 40 are allowed"
    );
    assert!(parse_layers(&vec!["fl"; 40].join("_")).is_ok());
    assert_eq!(
        error("c8k5_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        "layer code: layer 2 \"aaaaaaaaaaaaaaaaaaaa\" is not a layer code",
        "long tokens are quoted to 20 characters"
    );
    for bad in [
        "c8",
        "c8k",
        "c8k5s",
        "c8k5px",
        "c8k5i",
        "c8k5ih",
        "c8k5pss",
        "d10x",
        "mp",
        "relu2",
        "c1234567k3",
        "bn1",
        "c8k5_",
    ] {
        assert!(error(bad).contains("is not a layer code"), "{bad}: {}", error(bad));
    }
}

#[test]
fn the_old_receptive_field_code_is_translated_on_read() {
    let lenet = parse_layers("c5s1d1pv.p2s2d1pv.c5s1d1pv.p2s2d1pv").unwrap();
    assert_eq!(lenet, vec![conv(1, 5), pool(PoolKind::Max, 2), conv(1, 5), pool(PoolKind::Max, 2)]);
    assert_eq!(print_layers(&lenet).unwrap(), "c1k5_mp2_c1k5_mp2");
    let strided = parse_layers("c3s2d1ps").unwrap();
    assert_eq!(print_layers(&strided).unwrap(), "c1k3s2ps");
    let dilated = parse_layers("c3s1d1pv.c3s1d2pv.c3s1d4p2.p3s1d1pf").unwrap();
    assert_eq!(print_layers(&dilated).unwrap(), "c1k3_c1k3d2_c1k3d4p2_mp3s1pf");
    assert_eq!(error("c5s1d1pv.x2"), "layer code: layer 2 \"x2\" is not a layer code");
    assert_eq!(error("c5s1d1pv.p0s2d1pv"), "layer code: layer 2 \"p0s2d1pv\" has a size of 0");
}

#[test]
fn printing_refuses_what_the_code_cannot_write() {
    let bad = |lc: LayerConfig| print_layers(&[LayerConfig::Flatten {}, lc]).unwrap_err().to_string();
    assert!(
        bad(dense(10, Init::Zeros)).starts_with("layer code: layer 2 (dense) has no layer code: the weight")
    );
    let bias = LayerConfig::Dense {
        out_features: 2,
        weight_init: Init::HeNormal,
        bias_init: Init::Constant { value: 1.0 },
    };
    assert!(bad(bias).contains("biases start at zero"));
    assert!(bad(LayerConfig::Activation { activation: Activation::Identity }).contains("(activation)"));
    assert!(
        bad(LayerConfig::Activation { activation: Activation::LeakyRelu { slope: 0.2 } }).contains("0.01")
    );
    let bn = LayerConfig::BatchNorm { momentum: 0.2, eps: 1e-5, eval_statistics: EvalStatistics::Running };
    assert!(bad(bn).contains("default settings"));
    assert!(
        bad(LayerConfig::Dropout { dropout: DropoutKind::UniformNoise { beta: 0.5 } }).contains("inverted")
    );
    assert!(bad(LayerConfig::Dropout { dropout: DropoutKind::Inverted { p: 0.125 } })
        .contains("whole percentage"));
    assert!(bad(pool(PoolKind::Gaussian { sigma: 2.0 }, 2)).contains("σ = 1"));
    let uneven = LayerConfig::Pool {
        pool: PoolKind::Max,
        size: 2,
        stride: None,
        padding: Padding::Explicit { y: 1, x: 2 },
        dilation: 1,
        antialias: false,
    };
    assert!(bad(uneven).contains("differs between the axes"));
    assert!(print_layers(&[]).is_err());
    assert!(print_layers(&vec![LayerConfig::Flatten {}; 41]).is_err());
}

fn padding() -> impl Strategy<Value = Padding> {
    prop_oneof![
        Just(Padding::Valid),
        Just(Padding::Same),
        Just(Padding::Full),
        (0usize..4).prop_map(|n| Padding::Explicit { y: n, x: n }),
    ]
}

fn init() -> impl Strategy<Value = Init> {
    prop::sample::select(vec![
        Init::HeNormal,
        Init::HeUniform,
        Init::XavierNormal,
        Init::XavierUniform,
        Init::LecunNormal,
        Init::LecunUniform,
    ])
}

fn layer() -> impl Strategy<Value = LayerConfig> {
    let kinds = prop::sample::select(vec![
        PoolKind::Max,
        PoolKind::Average,
        PoolKind::L2,
        PoolKind::Gaussian { sigma: 1.0 },
    ]);
    let activations = prop::sample::select(vec![
        Activation::Relu,
        Activation::Tanh,
        Activation::Sigmoid,
        Activation::LeakyRelu { slope: 0.01 },
    ]);
    prop_oneof![
        (1usize..300, 1usize..12, 1usize..4, 1usize..4, padding(), init()).prop_map(
            |(o, k, s, d, padding, weight_init)| {
                LayerConfig::Conv2d {
                    out_channels: o,
                    kernel: k,
                    stride: s,
                    padding,
                    dilation: d,
                    weight_init,
                    bias_init: Init::Zeros,
                }
            }
        ),
        (kinds, 1usize..6, prop::option::of(1usize..6), 1usize..4, padding(), any::<bool>()).prop_map(
            |(pool, size, stride, dilation, padding, antialias)| LayerConfig::Pool {
                pool,
                size,
                stride: stride.filter(|&s| s != size),
                padding,
                dilation,
                antialias
            }
        ),
        activations.prop_map(|activation| LayerConfig::Activation { activation }),
        Just(LayerConfig::BatchNorm { momentum: 0.1, eps: 1e-5, eval_statistics: EvalStatistics::Running }),
        (0u32..100)
            .prop_map(|n| LayerConfig::Dropout { dropout: DropoutKind::Inverted { p: n as f32 / 100.0 } }),
        Just(LayerConfig::Flatten {}),
        (1usize..5000, init()).prop_map(|(o, weight_init)| dense(o, weight_init)),
    ]
}

proptest! {
    #[test]
    fn print_then_parse_gives_the_layers_back(layers in prop::collection::vec(layer(), 1..=40)) {
        let code = print_layers(&layers).unwrap();
        prop_assert_eq!(&parse_layers(&code).unwrap(), &layers);
        prop_assert_eq!(print_layers(&parse_layers(&code).unwrap()).unwrap(), code);
    }
}
