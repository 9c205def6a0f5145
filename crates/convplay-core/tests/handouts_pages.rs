//! The PyTorch hand-outs of the signal, filter and architecture pages: the 1-D convolution sum
//! (`torch.flip` for true convolution, full padding), the filters page's block of output (the
//! same numbers as the whole picture's "same" convolution), the receptive-field stack (shapes and
//! fields from the core's description) and compared networks' parameter counts.

use convplay_core::conv::{conv2d, Conv2dParams, ConvMode};
use convplay_core::export::{pytorch, show, Handout};
use convplay_core::model::code::parse_layers;
use convplay_core::Padding;
use ndarray::Array4;

fn text(json: serde_json::Value) -> String {
    let h: Handout = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{json}: {e}"));
    pytorch(&h).unwrap_or_else(|e| panic!("{e}"))
}

fn has(s: &str, lines: &[&str]) {
    for line in lines {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
}

fn expected_lines(s: &str) -> Vec<String> {
    let at = s.find("# Expected output:\n").expect("an expected-output block");
    s[at..].lines().skip(1).map(|l| l.trim_start_matches("#   ").to_string()).collect()
}

#[test]
fn conv1d_is_the_convolution_sum() {
    let s = text(serde_json::json!({ "kind": "conv1d", "x": [1, 2, 3, 1, 2], "h": [1, 0.5, 0.25] }));
    has(
        &s,
        &[
            "h = torch.flip(h, dims=[2])",
            "y = F.conv1d(x, h, padding=2)",
            "assert tuple(y.shape) == (1, 1, 7)",
            "continuous-time section",
            "# Expected output:\n#   1 2.5 4.25 3 3.25 1.25 0.5\n",
        ],
    );
    let s = text(
        serde_json::json!({ "kind": "conv1d", "x": [1, 2, 3], "h": [1, -1], "mode": "crossCorrelation" }),
    );
    assert!(!s.contains("torch.flip"));
    assert_eq!(expected_lines(&s), ["-1 -1 -1 3"]);
    let err =
        pytorch(&serde_json::from_value(serde_json::json!({ "kind": "conv1d", "x": [], "h": [1] })).unwrap());
    assert!(err.unwrap_err().to_string().contains("x"));
}

#[test]
fn filter_block_is_the_pages_output() {
    let (h, w) = (40usize, 30usize);
    let image: Vec<f32> = (0..h * w).map(|i| ((i * 37) % 11) as f32 / 10.0).collect();
    let kernel = [1f32, 0., -1., 2., 0., -2., 1., 0., -1.];
    for (mode, name) in
        [(ConvMode::CrossCorrelation, "crossCorrelation"), (ConvMode::Convolution, "convolution")]
    {
        let s = text(
            serde_json::json!({ "kind": "filter", "image": image, "imageShape": [h, w], "kernel": kernel,
            "kernelShape": [3, 3], "mode": name, "at": [20, 0] }),
        );
        has(
            &s,
            &[
                "x is the 10×10 part of the page's 40×30 grey picture from row 15, column 0",
                "at row 16 + i, column 1 + j",
            ],
        );
        let full = conv2d(
            Array4::from_shape_vec((1, 1, h, w), image.clone()).unwrap().view(),
            Array4::from_shape_vec((1, 1, 3, 3), kernel.to_vec()).unwrap().view(),
            None,
            &Conv2dParams { stride: (1, 1), padding: Padding::Same, dilation: (1, 1), mode },
        )
        .unwrap();
        let want: Vec<String> = (16..24)
            .map(|r| (1..9).map(|c| show(full[[0, 0, r, c]])).collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(expected_lines(&s), want, "{name}");
    }
    let err = text_err(
        serde_json::json!({ "kind": "filter", "image": [0, 0, 0, 0], "imageShape": [2, 2], "kernel": [1, 1, 1, 1, 1, 1, 1, 1, 1], "kernelShape": [3, 3] }),
    );
    assert!(err.contains("larger than the 2×2 picture"), "{err}");
}

fn text_err(json: serde_json::Value) -> String {
    let h: Handout = serde_json::from_value(json).unwrap();
    pytorch(&h).unwrap_err().to_string()
}

#[test]
fn receptive_field_stack_prints_shapes_and_fields() {
    let layers = parse_layers("c8k3_relu_mp2_c16k3s2ps").unwrap();
    let s = text(serde_json::json!({ "kind": "receptiveField", "input": [1, 28, 28], "layers": layers }));
    has(
        &s,
        &[
            "nn.Conv2d(1, 8, 3, stride=1",
            "nn.MaxPool2d(2, stride=2, dilation=1)",
            "field += (k - 1) * d * jump",
        ],
    );
    assert_eq!(
        expected_lines(&s),
        [
            "layer 1: output 8 26 26 field 3 jump 1",
            "layer 2: output 8 26 26 field 3 jump 1",
            "layer 3: output 8 13 13 field 4 jump 2",
            "layer 4: output 16 7 7 field 8 jump 4",
        ]
    );
    // Blur, then subsample: its own module (pool with stride 1, the binomial blur, every second cell).
    let s = text(
        serde_json::json!({ "kind": "receptiveField", "input": [1, 9, 9], "layers": parse_layers("c4k3ps_mp2b").unwrap() }),
    );
    has(&s, &["class BlurPool2d(Pool2d):", "BlurPool2d(\"max\", 2, 2, 1, (0, 0, 0, 0), 1.0),"]);
    assert_eq!(expected_lines(&s)[1], "layer 2: output 4 4 4 field 4 jump 2");
    let err = text_err(
        serde_json::json!({ "kind": "receptiveField", "input": [1, 8, 8], "layers": parse_layers("fl_d10").unwrap() }),
    );
    assert!(err.contains("not a map layer"), "{err}");
    let err = text_err(
        serde_json::json!({ "kind": "receptiveField", "input": [1, 4, 4], "layers": parse_layers("c1k5").unwrap() }),
    );
    assert!(err.contains("layer 1"), "{err}");
}

#[test]
fn models_print_their_parameter_counts() {
    let cnn = parse_layers("c8k5_relu_mp2_c16k5_relu_mp2_fl_d10").unwrap();
    let mlp = parse_layers("fl_d7_relu_d10").unwrap();
    let s = text(serde_json::json!({ "kind": "models", "models": [
        { "input": [1, 28, 28], "seed": 2, "layers": cnn }, { "input": [1, 28, 28], "seed": 2, "layers": mlp }] }));
    has(&s, &["net1 = nn.Sequential(", "net2 = nn.Sequential(", "nn.init", "print(\"network 2 parameters\""]);
    // 8·25+8 + 16·8·25+16 + 256·10+10 = 5,994; 784·7+7 + 7·10+10 = 5,575.
    assert_eq!(expected_lines(&s), ["network 1 parameters 5994", "network 2 parameters 5575"]);
    let err = text_err(serde_json::json!({ "kind": "models", "models": [] }));
    assert!(err.contains("1 to 4"), "{err}");
}

#[test]
fn shift_equivariance_holds_away_from_the_borders() {
    let (h, w) = (12usize, 12usize);
    let image: Vec<f32> = (0..h * w)
        .map(|i| if (3..8).contains(&(i / w)) && (4..7).contains(&(i % w)) { 1.0 } else { 0.0 })
        .collect();
    let s = text(serde_json::json!({ "kind": "shift", "image": image, "imageShape": [h, w],
        "kernel": [-1, 0, 1, -2, 0, 2, -1, 0, 1], "kernelShape": [3, 3], "dy": 1, "dx": 2 }));
    has(&s, &["dy, dx = 1, 2", "F.conv2d(t, k, padding=\"same\")", "margin=1)"]);
    let lines = expected_lines(&s);
    assert_eq!(lines[0], "equivariance interior 0 everywhere 0", "the blob stays inside: no border differs");
    assert_eq!(lines[1], "global max 4 4", "a global max does not see the shift");
    assert!(lines[2].starts_with("relative change map "), "{}", lines[2]);
    let err = text_err(serde_json::json!({ "kind": "shift", "image": [0, 0, 0, 0], "imageShape": [2, 2],
        "kernel": [1], "kernelShape": [1, 1], "dy": 3, "dx": 0 }));
    assert!(err.contains("beyond the 2×2 image"), "{err}");
}
