//! The hand-outs of the 2-D page's groups section (`F.conv2d(…, groups=g)` and the modules'
//! parameter and multiplication counts) and of the signals page's causal stack (`F.pad` in front,
//! `F.conv1d(…, dilation=d)` per layer, each layer's values and receptive field): hand-worked
//! outputs, the counts of `convolution_counts`, errors in words.

use convplay_core::conv::grouped_counts::{convolution_counts, CountsSpec};
use convplay_core::conv::Conv2dParams;
use convplay_core::export::{pytorch, Handout};
use convplay_core::Padding;
use serde_json::{json, Value};

fn handout(v: Value) -> Result<String, String> {
    let h = serde_json::from_value::<Handout>(v).map_err(|e| e.to_string())?;
    pytorch(&h).map_err(|e| e.to_string())
}

fn with(mut v: Value, extra: Value) -> Value {
    v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    v
}

/// Two channels, two 1×1 filters, two groups: filter 1 doubles channel 1, filter 2 negates channel 2.
fn two_groups() -> Value {
    json!({ "kind": "conv2dGrouped", "input": [1, 2, 3, 4, 5, 6, 7, 8], "inputShape": [2, 2, 2],
        "kernel": [2, -1], "kernelShape": [2, 1, 1, 1], "groups": 2 })
}

fn expected(s: &str) -> Vec<&str> {
    let at = s.find("# Expected output:\n").expect("an expected block");
    s[at..].lines().skip(1).map(|l| l.strip_prefix("#   ").unwrap()).collect()
}

#[test]
fn two_groups_print_the_hand_worked_maps_and_counts() {
    let s = handout(two_groups()).unwrap();
    for line in [
        "import torch.nn as nn",
        ".reshape(2, 1, 1, 1)  # [filters, channels per group C/g = 2/2, height, width]",
        "y = F.conv2d(x, k, b, stride=1, padding=(0, 0), dilation=1, groups=2)",
        "standard = nn.Conv2d(2, 2, 1, stride=1, padding=(0, 0), dilation=1, bias=False)",
        "grouped = nn.Conv2d(2, 2, 1, stride=1, padding=(0, 0), dilation=1, groups=2, bias=False)",
        "depthwise = nn.Conv2d(2, 2, 1, stride=1, padding=(0, 0), dilation=1, groups=2, bias=False)",
        "pointwise = nn.Conv2d(2, 2, 1, bias=False)",
        "grouped.weight.copy_(k)",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    assert_eq!(
        expected(&s),
        [
            "filter 1",
            "2 4",
            "6 8",
            "filter 2",
            "-5 -6",
            "-7 -8",
            "standard g=1: 4 weights 0 biases 4 parameters 16 multiplications",
            "grouped g=2: 2 weights 0 biases 2 parameters 8 multiplications",
            "depthwise g=2: 2 weights 0 biases 2 parameters 8 multiplications",
            "pointwise 1x1: 4 weights 0 biases 4 parameters 16 multiplications",
            "separable: 6 weights 0 biases 6 parameters 24 multiplications",
            "separable/standard: 1.5 of the weights 1.5 of the multiplications, 1/F + 1/k² = 1.5",
        ]
    );
}

#[test]
fn the_counts_are_the_cores_as_the_groups_section_shows_them() {
    // The section's default: C = 4, F = 4, 3×3, a 5×5 volume, "same" padding, zero biases, g = 4.
    let (c, f, k) = (4usize, 4usize, 3usize);
    let h = json!({ "kind": "conv2dGrouped", "input": vec![1.0; c * 25], "inputShape": [c, 5, 5],
        "kernel": vec![0.5; f * k * k], "kernelShape": [f, 1, k, k], "bias": vec![0.0; f], "groups": 4,
        "padding": { "kind": "same" } });
    let s = handout(h).unwrap();
    assert!(s.contains("groups=4)\nassert tuple(y.shape) == (1, 4, 5, 5)"), "{s}");
    assert!(
        s.contains("nn.Conv2d(4, 4, 3, stride=1, padding=(1, 1), dilation=1, groups=4, bias=True)"),
        "{s}"
    );
    let params = Conv2dParams { padding: Padding::Same, ..Conv2dParams::default() };
    let spec =
        CountsSpec { channels: c, filters: f, kernel: (k, k), height: 5, width: 5, groups: 4, bias: true };
    let counts = convolution_counts(&spec, &params).unwrap();
    let lines = expected(&s);
    assert_eq!(
        lines[lines.len() - 4],
        format!(
            "depthwise g=4: 36 weights 4 biases 40 parameters {} multiplications",
            counts.depthwise.multiplications
        )
    );
    assert_eq!(
        lines[lines.len() - 5],
        format!(
            "grouped g=4: 36 weights 4 biases 40 parameters {} multiplications",
            counts.grouped.multiplications
        )
    );
    assert_eq!(
        lines[lines.len() - 6],
        format!(
            "standard g=1: 144 weights 4 biases 148 parameters {} multiplications",
            counts.standard.multiplications
        )
    );
    assert!(
        lines[lines.len() - 1].starts_with("separable/standard: 0.3611 of the weights"),
        "{}",
        lines[lines.len() - 1]
    );
}

#[test]
fn grouped_errors_in_words() {
    let e = handout(with(two_groups(), json!({ "groups": 3 }))).unwrap_err();
    assert!(e.contains("groups 3 must divide the 2 input channels (valid: 1, 2)"), "{e}");
    let e = handout(with(two_groups(), json!({ "kernelShape": [2, 2, 1, 1] }))).unwrap_err();
    assert!(e.contains("kernel has 2 values but its shape [2, 2, 1, 1] needs 4"), "{e}");
    let e = handout(with(two_groups(), json!({ "bias": [1] }))).unwrap_err();
    assert!(e.contains("bias has 1 values"), "{e}");
    assert!(handout(with(two_groups(), json!({ "outputPadding": 1 })))
        .unwrap_err()
        .contains("outputPadding"));
    assert!(handout(with(two_groups(), json!({ "groups": 0 }))).unwrap_err().contains("groups"));
}

/// The signals page's default sum and a causal stack of kernel [1, 10], dilations 1 and 2.
fn signals(stack: Value) -> Value {
    json!({ "kind": "conv1d", "x": [1, 2, 3, 1, 2], "h": [1, 0.5, 0.25], "stack": stack })
}

#[test]
fn the_causal_stack_prints_each_layer_its_field_and_what_the_output_reads() {
    let s = handout(signals(json!({ "x": [1, 2, 3, 4], "kernel": [1, 10], "dilations": [1, 2] }))).unwrap();
    for line in [
        "dilations = [1, 2]  # input side first",
        "return F.conv1d(F.pad(t, ((w.shape[2] - 1) * d, 0)), torch.flip(w, dims=[2]), dilation=d)",
        "t[0, 0, 3].backward()",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
    assert_eq!(
        expected(&s),
        [
            "1 2.5 4.25 3 3.25 1.25 0.5",
            "layer 1 dilation 1 receptive field 2",
            "1 12 23 34",
            "layer 2 dilation 2 receptive field 4",
            "1 12 33 154",
            "y[3] depends on 4 samples x[0] to x[3], 0 after n = 3",
        ]
    );
    // Without a stack the hand-out is the convolution sum alone.
    let plain = handout(json!({ "kind": "conv1d", "x": [1, 2, 3, 1, 2], "h": [1, 0.5, 0.25] })).unwrap();
    assert_eq!(expected(&plain), ["1 2.5 4.25 3 3.25 1.25 0.5"]);
}

#[test]
fn a_centred_stack_reaches_ahead() {
    // Centred, K = 2, d = 1: y[n] = x[n + 1] + 10·x[n] (as conv1d_causal's hand-worked case).
    let s = handout(signals(
        json!({ "x": [1, 2, 3, 4], "kernel": [1, 10], "dilations": [1], "causal": false, "at": 1 }),
    ))
    .unwrap();
    assert!(s.contains("F.pad(t, (span - s, s))"), "{s}");
    let lines = expected(&s);
    assert_eq!(
        lines[1..],
        [
            "layer 1 dilation 1 receptive field 2",
            "12 23 34 40",
            "y[1] depends on 2 samples x[1] to x[2], 1 after n = 1"
        ]
    );
}

#[test]
fn stack_errors_in_words() {
    let e =
        handout(signals(json!({ "x": [1, 2], "kernel": [1, 1], "dilations": [1], "at": 2 }))).unwrap_err();
    assert!(e.contains("at must be below the signal's 2 samples, got 2"), "{e}");
    let e = handout(signals(json!({ "x": [1, 2], "kernel": [1, 1], "dilations": [] }))).unwrap_err();
    assert!(e.contains("must list at least one layer"), "{e}");
    let e = handout(signals(json!({ "x": [], "kernel": [1, 1], "dilations": [1] }))).unwrap_err();
    assert!(e.contains("stack.x"), "{e}");
    let e = handout(signals(json!({ "x": [1, 2], "kernel": [1, 1], "dilations": [0] }))).unwrap_err();
    assert!(e.contains("dilation must be at least 1"), "{e}");
    assert!(handout(signals(json!({ "x": [1], "kernel": [1], "dilations": [1], "groups": 2 }))).is_err());
}
