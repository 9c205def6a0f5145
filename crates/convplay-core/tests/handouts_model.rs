//! The training page's hand-out: every layer kind of a model in an `nn.Sequential` with its
//! initialization, optimizer, batch size, seed and MNIST loop, and the parameter count the core
//! computes as the expected output.

use convplay_core::export::{pytorch, Handout};

fn text(json: serde_json::Value) -> String {
    let handout = serde_json::from_value::<Handout>(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
    pytorch(&handout).unwrap_or_else(|e| panic!("{e}"))
}

fn has(s: &str, lines: &[&str]) {
    for line in lines {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
}

#[test]
fn a_model_with_every_layer_kind() {
    let s = text(serde_json::json!({ "kind": "model", "batchSize": 32, "steps": 500,
        "optimizer": { "kind": "sgd", "lr": 0.05, "momentum": 0.9 },
        "model": { "input": [1, 28, 28], "seed": 7, "layers": [
            { "kind": "conv2d", "outChannels": 4, "kernel": 3, "padding": { "kind": "same" }, "weightInit": { "kind": "xavierUniform" } },
            { "kind": "batchNorm" },
            { "kind": "activation", "activation": { "kind": "leakyRelu", "slope": 0.01 } },
            { "kind": "pool", "pool": { "kind": "max" }, "size": 2 },
            { "kind": "conv2d", "outChannels": 4, "kernel": 2, "stride": 2, "padding": { "kind": "same" } },
            { "kind": "pool", "pool": { "kind": "gaussian", "sigma": 1 }, "size": 2, "stride": 1, "padding": { "kind": "same" } },
            { "kind": "pool", "pool": { "kind": "l2" }, "size": 2 },
            { "kind": "dropout", "dropout": { "kind": "uniformNoise", "beta": 0.3 } },
            { "kind": "flatten" },
            { "kind": "dense", "outFeatures": 16, "biasInit": { "kind": "constant", "value": 0.1 } },
            { "kind": "batchNorm", "evalStatistics": "batch" },
            { "kind": "dropout", "dropout": { "kind": "inverted", "p": 0.5 } },
            { "kind": "dense", "outFeatures": 10, "weightInit": { "kind": "lecunNormal" } } ] } }));
    has(
        &s,
        &[
            "nn.Conv2d(1, 4, 3, stride=1, padding=(1, 1), dilation=1),  # → 4×28×28",
            "nn.BatchNorm2d(4, eps=0.00001, momentum=0.1),",
            "nn.LeakyReLU(0.01),",
            "nn.MaxPool2d(2, stride=2, dilation=1),  # → 4×14×14",
            "nn.Conv2d(4, 4, 2, stride=2, padding=(0, 0), dilation=1),  # → 4×7×7",
            "Pool2d(\"gaussian\", 2, 1, 1, (0, 1, 0, 1), 1.0),  # → 4×7×7",
            "Pool2d(\"l2\", 2, 2, 1, (0, 0, 0, 0), 1.0),  # → 4×3×3",
            "UniformNoise(0.3),",
            "nn.Flatten(),  # → 36",
            "nn.Linear(36, 16),  # → 16",
            "nn.BatchNorm1d(16, eps=0.00001, momentum=0.1, track_running_stats=False),",
            "nn.Dropout(p=0.5),",
            "nn.Linear(16, 10),  # → 10",
            "nn.init.xavier_uniform_(net[0].weight)",
            "nn.init.zeros_(net[0].bias)",
            "nn.init.constant_(net[",
            "kaiming_normal_(net[",
            "torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=0.0)",
            "BATCH_SIZE, STEPS = 32, 500",
            "torch.manual_seed(7)",
            "datasets.MNIST(\"data\", train=True",
            "CONVPLAY_DRY_RUN",
        ],
    );
    // The second convolution's "same" padding with stride 2 on 14×14 is 0 above and 0 left: symmetric.
    assert!(s.contains("# Expected output:\n#   parameters "));
}

#[test]
fn adam_dense_without_flatten_and_resized_input() {
    let s = text(serde_json::json!({ "kind": "model", "batchSize": 8,
        "optimizer": { "kind": "adam", "lr": 0.001 },
        "model": { "input": [1, 14, 14], "layers": [
            { "kind": "pool", "pool": { "kind": "average" }, "size": 2, "padding": { "kind": "explicit", "y": 1, "x": 1 } },
            { "kind": "dense", "outFeatures": 10 } ] } }));
    has(&s, &[
        "torch.optim.Adam(net.parameters(), lr=0.001, betas=(0.9, 0.999), eps=0.00000001, weight_decay=0.0)",
        "Pool2d(\"average\", 2, 2, 1, (1, 1, 1, 1), 1.0)",
        "nn.Flatten(),\n    nn.Linear(64, 10)",
        "transforms.Resize((14, 14))",
        "#   parameters 650\n",
    ]);
}
