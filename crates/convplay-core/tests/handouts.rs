//! The PyTorch hand-outs: key lines of each script (the lecture's example prints its output,
//! `torch.flip` for true convolution, padding passed the way PyTorch takes it, every pooling kind,
//! batch norm in both modes, both dropout variants, every init scheme through `nn.init`, every
//! layer kind of a model), the expected-output block computed by the core, and errors in words.

use convplay_core::export::{pytorch, show, Handout};

const LECTURE_INPUT: [f32; 25] =
    [3., 3., 2., 1., 0., 0., 0., 1., 3., 1., 3., 1., 2., 2., 3., 2., 0., 0., 2., 2., 2., 0., 0., 0., 1.];
const LECTURE_KERNEL: [f32; 9] = [0., 1., 2., 2., 2., 0., 0., 1., 2.];

fn handout(json: serde_json::Value) -> Handout {
    serde_json::from_value::<Handout>(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

fn text(json: serde_json::Value) -> String {
    pytorch(&handout(json)).unwrap_or_else(|e| panic!("{e}"))
}

fn has(s: &str, lines: &[&str]) {
    for line in lines {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
}

fn conv(extra: serde_json::Value) -> serde_json::Value {
    let mut v = serde_json::json!({ "kind": "conv2d", "input": LECTURE_INPUT, "inputShape": [1, 5, 5],
        "kernel": LECTURE_KERNEL, "kernelShape": [1, 1, 3, 3] });
    v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    v
}

#[test]
fn lecture_example_prints_its_output() {
    let s = text(conv(serde_json::json!({})));
    has(
        &s,
        &[
            "import torch.nn.functional as F",
            "dtype=torch.float32).reshape(1, 1, 5, 5)",
            "y = F.conv2d(x, k, b, stride=1, padding=(0, 0), dilation=1)",
            "assert tuple(y.shape) == (1, 1, 3, 3)",
            "# Expected output:\n#   12 12 17\n#   10 17 19\n#   9 6 14\n",
        ],
    );
    assert!(!s.contains("torch.flip"));
}

#[test]
fn true_convolution_flips_and_asymmetric_padding_pads_first() {
    let s =
        text(conv(serde_json::json!({ "mode": "convolution", "stride": 2, "padding": { "kind": "same" } })));
    has(&s, &["k = torch.flip(k, dims=[2, 3])"]);
    // 5 wide, stride 2, kernel 3: out 3, total pad 2 → 1 and 1 (symmetric), so padding= is used.
    has(&s, &["padding=(1, 1)", "stride=2", "assert tuple(y.shape) == (1, 1, 3, 3)"]);
    let s = text(conv(
        serde_json::json!({ "stride": 2, "padding": { "kind": "same" }, "kernel": [1, 1, 1, 1], "kernelShape": [1, 1, 2, 2] }),
    ));
    has(&s, &["x = F.pad(x, (0, 1, 0, 1))  # (left, right, top, bottom)", "stride=2, dilation=1)"]);
    let s =
        text(conv(serde_json::json!({ "padding": { "kind": "explicit", "y": 2, "x": 1 }, "dilation": 2 })));
    has(&s, &["padding=(2, 1), dilation=2", "# padding 2×1"]);
}

#[test]
fn volume_with_filters_and_bias() {
    let input: Vec<f32> = (0..2 * 3 * 3).map(|i| i as f32).collect();
    let s = text(serde_json::json!({ "kind": "conv2d", "input": input, "inputShape": [2, 3, 3],
        "kernel": vec![1.0f32; 16], "kernelShape": [2, 2, 2, 2], "bias": [1, -0.5] }));
    has(
        &s,
        &[
            "b = torch.tensor([\n    1.0, -0.5,\n]",
            "print(f\"filter {p + 1}\")",
            "#   filter 1\n",
            "#   filter 2\n",
        ],
    );
}

#[test]
fn every_pooling_kind() {
    let base = |pool: serde_json::Value, extra: serde_json::Value| {
        let mut v = serde_json::json!({ "kind": "pool", "input": [1, 3, 2, 0, 4, 2, 1, 1, 0, 0, 5, 6, 1, 2, 7, 8],
            "inputShape": [1, 4, 4], "pool": pool, "size": 2 });
        v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        text(v)
    };
    let s = base(serde_json::json!({ "kind": "max" }), serde_json::json!({}));
    has(
        &s,
        &[
            "y = pool(x, \"max\", size=2, stride=2",
            "F.max_pool2d(x, 2, stride=2, dilation=1)",
            "#   4 2\n#   2 8\n",
        ],
    );
    let s = base(serde_json::json!({ "kind": "average" }), serde_json::json!({}));
    has(&s, &["F.avg_pool2d(x, 2, stride=2)", "#   2.5 1\n#   0.75 6.5\n"]);
    let s = base(serde_json::json!({ "kind": "l2" }), serde_json::json!({}));
    has(
        &s,
        &[
            "L2 pooling",
            "((cols * inside) ** 2).sum(dim=2).sqrt()",
            &format!("#   {} {}\n", show(30f32.sqrt()), show(6f32.sqrt())),
        ],
    );
    let s = base(
        serde_json::json!({ "kind": "gaussian", "sigma": 0.5 }),
        serde_json::json!({ "stride": 1, "padding": { "kind": "same" } }),
    );
    has(&s, &["Gaussian pooling, σ = 0.5", "sigma=0.5", "pads = (0, 1, 0, 1)", "torch.softmax(logw"]);
    assert!(!s.contains("F.max_pool2d"));
}

#[test]
fn batch_norm_in_training_and_evaluation() {
    let s = text(serde_json::json!({ "kind": "batchNorm", "values": [1, 2, 3, 4], "gamma": 2, "beta": 0.5 }));
    has(
        &s,
        &[
            "var = x.var(unbiased=False)",
            "bn = nn.BatchNorm1d(1, eps=eps, momentum=momentum)",
            "bn.train()",
            "bn.eval()",
            "#   mean 2.5\n#   variance 1.25\n",
            "#   running mean 0.25\n",
            // 0.9·1 + 0.1·(5/3): the unbiased variance in the running average, as PyTorch keeps it.
            "#   running variance 1.0667\n",
        ],
    );
    let one = text(serde_json::json!({ "kind": "batchNorm", "values": [3] }));
    assert!(one.contains("refuses to train batch norm on one value") && !one.contains("bn.train()"));
}

#[test]
fn both_dropout_variants() {
    let s = text(
        serde_json::json!({ "kind": "dropout", "dropout": { "kind": "inverted", "p": 0.5 }, "seed": 3 }),
    );
    has(
        &s,
        &[
            "layer = nn.Dropout(p=0.5)",
            "torch.manual_seed(3)",
            "# Expected output, to within 2%:\n#   train/test variance 2\n",
        ],
    );
    let s =
        text(serde_json::json!({ "kind": "dropout", "dropout": { "kind": "uniformNoise", "beta": 0.6 } }));
    has(
        &s,
        &[
            "class UniformNoise(nn.Module)",
            "layer = UniformNoise(beta=0.6)",
            "#   train/test variance 1.12\n",
        ],
    );
}

#[test]
fn every_init_scheme_through_nn_init() {
    let cases = [
        (serde_json::json!({ "kind": "zeros" }), "nn.init.zeros_(linear.weight)", "0"),
        (
            serde_json::json!({ "kind": "constant", "value": 0.5 }),
            "nn.init.constant_(linear.weight, 0.5)",
            "0",
        ),
        (
            serde_json::json!({ "kind": "normal", "std": 0.01 }),
            "nn.init.normal_(linear.weight, 0.0, 0.01)",
            "0.0064",
        ),
        (
            serde_json::json!({ "kind": "uniform", "r": 0.1 }),
            "nn.init.uniform_(linear.weight, -0.1, 0.1)",
            "0.2133",
        ),
        (serde_json::json!({ "kind": "standard" }), "-1 / math.sqrt(64), 1 / math.sqrt(64)", "0.3333"),
        (serde_json::json!({ "kind": "xavierNormal" }), "nn.init.xavier_normal_(linear.weight)", "1"),
        (serde_json::json!({ "kind": "xavierUniform" }), "nn.init.xavier_uniform_(linear.weight)", "1"),
        (
            serde_json::json!({ "kind": "heNormal" }),
            "kaiming_normal_(linear.weight, nonlinearity=\"relu\")",
            "2",
        ),
        (
            serde_json::json!({ "kind": "heUniform" }),
            "kaiming_uniform_(linear.weight, nonlinearity=\"relu\")",
            "2",
        ),
        (
            serde_json::json!({ "kind": "lecunNormal" }),
            "kaiming_normal_(linear.weight, nonlinearity=\"linear\")",
            "1",
        ),
        (
            serde_json::json!({ "kind": "lecunUniform" }),
            "kaiming_uniform_(linear.weight, nonlinearity=\"linear\")",
            "1",
        ),
    ];
    for (init, line, product) in cases {
        let s = text(
            serde_json::json!({ "kind": "init", "init": init, "activation": { "kind": "tanh" }, "depth": 10, "width": 64 }),
        );
        has(&s, &[line, "layers += [linear, nn.Tanh()]", &format!("#   n_in·Var(w) {product}\n")]);
    }
    for (act, module) in [("relu", "nn.ReLU()"), ("sigmoid", "nn.Sigmoid()"), ("identity", "nn.Identity()")] {
        let s = text(
            serde_json::json!({ "kind": "init", "init": { "kind": "heNormal" }, "activation": { "kind": act }, "depth": 2, "width": 8 }),
        );
        has(&s, &[module]);
    }
}

#[test]
fn errors_name_the_setting() {
    let err = |json: serde_json::Value| pytorch(&handout(json)).unwrap_err().to_string();
    let e = err(conv(serde_json::json!({ "kernelShape": [1, 1, 2, 2] })));
    assert!(e.contains("pytorch") && e.contains("kernel"), "{e}");
    let e = err(conv(serde_json::json!({ "kernel": vec![1.0f32; 49], "kernelShape": [1, 1, 7, 7] })));
    assert!(e.contains("does not fit"), "{e}");
    let e = err(
        serde_json::json!({ "kind": "pool", "input": vec![0.0; 20_000], "inputShape": [1, 100, 200], "pool": { "kind": "max" }, "size": 2 }),
    );
    assert!(e.contains("the limit is 16,384"), "{e}");
    let e = err(serde_json::json!({ "kind": "dropout", "dropout": { "kind": "inverted", "p": 1 } }));
    assert!(e.contains("p"), "{e}");
    let e = err(
        serde_json::json!({ "kind": "init", "init": { "kind": "heNormal" }, "activation": { "kind": "relu" }, "depth": 0, "width": 8 }),
    );
    assert!(e.contains("depth"), "{e}");
    let e =
        err(serde_json::json!({ "kind": "model", "batchSize": 0, "optimizer": { "kind": "sgd", "lr": 0.1 },
        "model": { "input": [1, 28, 28], "layers": [ { "kind": "dense", "outFeatures": 10 } ] } }));
    assert!(e.contains("batchSize"), "{e}");
    let e = err(
        serde_json::json!({ "kind": "model", "batchSize": 1, "optimizer": { "kind": "sgd", "lr": 0.1 },
        "model": { "input": [1, 4, 4], "layers": [ { "kind": "conv2d", "outChannels": 1, "kernel": 5 } ] } }),
    );
    assert!(e.contains("layer 1"), "{e}");
}

#[test]
fn unknown_keys_and_kinds_are_refused() {
    for bad in [
        serde_json::json!({ "kind": "conv2d", "input": [1], "inputShape": [1, 1, 1], "kernel": [1], "kernelShape": [1, 1, 1, 1], "strde": 1 }),
        serde_json::json!({ "kind": "batchNorm", "values": [1, 2], "gama": 1 }),
        serde_json::json!({ "kind": "tensorflow" }),
    ] {
        assert!(serde_json::from_value::<Handout>(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn numbers_are_shown_as_the_scripts_print_them() {
    assert_eq!(show(12.0), "12");
    assert_eq!(show(-0.00001), "0");
    assert_eq!(show(2.5), "2.5");
    assert_eq!(show(1.0 / 3.0), "0.3333");
}
