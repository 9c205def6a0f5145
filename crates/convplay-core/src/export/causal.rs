//! The signals page's causal stack as the second part of its hand-out: each layer
//! `F.pad(x, ((K − 1)·d, 0))` then `F.conv1d(…, dilation=d)` (centred layers pad both sides),
//! printing every layer's values and receptive field, and the input samples the traced output
//! depends on, found by autograd, against the core's `causal_stack`.

use serde::Deserialize;

use super::{check_values, py_list, show, OP};
use crate::conv::causal::{causal_stack, StackSpec};
use crate::{ensure_arg, limits, Result};

/// The section "Causal and dilated: the WaveNet stack" (`stack: { x, kernel, dilations, causal?,
/// at? }` of a `conv1d` hand-out).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StackHandout {
    /// The section's input signal.
    pub x: Vec<f32>,
    /// The kernel every layer applies.
    pub kernel: Vec<f32>,
    /// Each layer's dilation, input side first.
    pub dilations: Vec<usize>,
    /// Causal (default) or centred layers.
    #[serde(default = "yes")]
    pub causal: bool,
    /// The traced output sample of the top layer (default: the last).
    #[serde(default)]
    pub at: Option<usize>,
}

fn yes() -> bool {
    true
}

/// The stack's code and expected lines. **Errors** as `causal_stack`, or if the signal, the
/// kernel or the printed values are more than [`limits::MAX_HANDOUT_VALUES`] numbers.
pub(super) fn stack(h: &StackHandout) -> Result<(String, Vec<String>)> {
    let (n, k, layers) = (h.x.len(), h.kernel.len(), h.dilations.len());
    check_values("stack.x", &h.x, &[n])?;
    check_values("stack.kernel", &h.kernel, &[k])?;
    ensure_arg!(n >= 1, OP, "stack.x", "must have at least one value");
    let printed = limits::product(&[n as u64, layers as u64]);
    limits::values(OP, "stack.dilations", "the printed layers", printed, limits::MAX_HANDOUT_VALUES)?;
    let at = h.at.unwrap_or(n - 1);
    let spec = StackSpec { kernel: h.kernel.clone(), dilations: h.dilations.clone(), causal: h.causal };
    let st = causal_stack(&h.x, &spec, at)?;

    let mut s = String::from(
        "\n# The section \"Causal and dilated: the WaveNet stack\": the same kernel in every layer.\n",
    );
    s += &format!(
        "xs = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {n})  # the section's input\n",
        py_list(&h.x, 8)
    );
    s += &format!(
        "hs = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {k})  # the kernel h every layer applies\n",
        py_list(&h.kernel, 8)
    );
    s += &format!("dilations = {:?}  # input side first\n", h.dilations);
    if h.causal {
        s += "\n\ndef layer(t, d, w):\n    \"\"\"A causal layer y[n] = Σ_k h[k]·x[n − k·d]: (K − 1)·d zeros in front, so y[n] never reads the future.\"\"\"\n";
        s += "    return F.conv1d(F.pad(t, ((w.shape[2] - 1) * d, 0)), torch.flip(w, dims=[2]), dilation=d)  # flipped: F.conv1d does not flip\n";
    } else {
        s += "\n\ndef layer(t, d, w):\n    \"\"\"A centred layer y[n] = Σ_k h[k]·x[n − k·d + s], s = ⌈d·(K − 1)/2⌉: it reads s samples ahead.\"\"\"\n";
        s += "    span, s = (w.shape[2] - 1) * d, ((w.shape[2] - 1) * d + 1) // 2\n";
        s += "    return F.conv1d(F.pad(t, (span - s, s)), torch.flip(w, dims=[2]), dilation=d)  # flipped: F.conv1d does not flip\n";
    }
    s += &format!(
        "\n\nt, field = xs, 1\nfor i, d in enumerate(dilations, start=1):\n    t = layer(t, d, hs)\n    field += ({k} - 1) * d  # receptive field: 1 + Σ (K − 1)·d over the layers so far\n    print(f\"layer {{i}} dilation {{d}} receptive field {{field}}\")\n    print(show(*t[0, 0].tolist()))\n"
    );
    s += &format!(
        "\n# Which input samples y[{at}] of the top layer depends on: the gradient of y[{at}] with all-ones\n# kernels (no cancellation) is non-zero exactly there.\nprobe = torch.zeros(1, 1, {n}, requires_grad=True)\nt = probe\nfor d in dilations:\n    t = layer(t, d, torch.ones_like(hs))\nt[0, 0, {at}].backward()\nreads = probe.grad[0, 0].nonzero().flatten().tolist()\nfirst, last = (reads[0], reads[-1]) if reads else ({at}, {at})\nafter = sum(1 for i in reads if i > {at})\nprint(f\"y[{at}] depends on {{len(reads)}} samples x[{{first}}] to x[{{last}}], {{after}} after n = {at}\")\n\n"
    );
    let mut lines = Vec::new();
    for level in &st.levels[1..] {
        let i = lines.len() / 2 + 1;
        lines
            .push(format!("layer {i} dilation {} receptive field {}", level.dilation, level.receptive_field));
        lines.push(level.values.iter().map(|v| show(*v)).collect::<Vec<_>>().join(" "));
    }
    let deps = &st.levels[0].depends;
    let after = deps.iter().filter(|&&i| i > at).count();
    lines.push(format!(
        "y[{at}] depends on {} samples x[{}] to x[{}], {after} after n = {at}",
        deps.len(),
        st.first,
        st.last
    ));
    Ok((s, lines))
}
