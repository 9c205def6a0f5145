//! The transposed mode's PyTorch hand-out: `F.conv_transpose2d` with output padding, the output
//! size worked out, the core's output as the expected block, and errors in words.

use convplay_core::export::{pytorch, Handout};

fn handout(json: serde_json::Value) -> Result<String, String> {
    let h = serde_json::from_value::<Handout>(json.clone()).map_err(|e| e.to_string())?;
    pytorch(&h).map_err(|e| e.to_string())
}

fn example(extra: serde_json::Value) -> serde_json::Value {
    let mut v = serde_json::json!({ "kind": "convTranspose2d", "input": [1, 2, 3, 4], "inputShape": [1, 2, 2],
        "kernel": [1, 2, 3, 4, 5, 6, 7, 8, 9], "kernelShape": [1, 1, 3, 3], "stride": 2 });
    v.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    v
}

#[test]
fn stride_two_with_output_padding_prints_the_hand_worked_grid() {
    let s = handout(example(serde_json::json!({ "padding": 1, "outputPadding": 1 }))).unwrap();
    for line in [
        "import torch.nn.functional as F",
        ".reshape(1, 1, 2, 2)  # [batch, channels, height, width]",
        ".reshape(1, 1, 3, 3)  # [in channels, out channels, height, width]",
        "b = None  # no bias",
        "= (2 - 1)*2 - 2*1 + 1*(3 - 1) + 1 + 1 = 4",
        "y = F.conv_transpose2d(x, k, b, stride=2, padding=1, output_padding=1, dilation=1)",
        "assert tuple(y.shape) == (1, 1, 4, 4)",
        "# Expected output:\n#   5 14 10 12\n#   14 36 24 30\n#   15 34 20 24\n#   24 55 32 36\n",
    ] {
        assert!(s.contains(line), "missing {line:?} in\n{s}");
    }
}

#[test]
fn channels_and_a_bias_print_one_block_per_output_channel() {
    let json = serde_json::json!({ "kind": "convTranspose2d", "input": [1, 2], "inputShape": [2, 1, 1],
        "kernel": [1, 10, 100, 1000], "kernelShape": [2, 2, 1, 1], "bias": [0.5, -1] });
    let s = handout(json).unwrap();
    assert!(s.contains("# Expected output:\n#   channel 1\n#   201.5\n#   channel 2\n#   2009\n"), "{s}");
    assert!(s.contains("b = torch.tensor("), "{s}");
}

#[test]
fn errors_in_words() {
    let e = handout(example(serde_json::json!({ "outputPadding": 2 }))).unwrap_err();
    assert_eq!(e, "pytorch: outputPadding must be smaller than the stride or the dilation (2), got 2");
    let e = handout(example(serde_json::json!({ "stride": 200 }))).unwrap_err();
    assert!(e.contains("the printed output would have 41,209 values; the limit is 16,384"), "{e}");
    let e = handout(example(serde_json::json!({ "inputShape": [1, 3, 3] }))).unwrap_err();
    assert!(e.contains("input has 4 values but its shape [1, 3, 3] needs 9"), "{e}");
    assert!(handout(example(serde_json::json!({ "groups": 2 }))).unwrap_err().contains("groups"));
}
