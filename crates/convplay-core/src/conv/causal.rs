//! Causal and dilated 1-D convolution, and the WaveNet-style stack that doubles its reach.
//!
//! ```text
//! causal:   y[n] = Σ_k h[k] · x[n − k·d]            x[m] = 0 for m < 0, len(y) = len(x)
//! centred:  y[n] = Σ_k h[k] · x[n − k·d + s]        s = ⌈d·(K − 1) / 2⌉, x = 0 outside
//! ```
//!
//! Causal: output `n` reads only samples `n, n − d, …, n − (K−1)·d` — the present and the past,
//! never the future. The centred version reaches `s` samples ahead.
//!
//! ```text
//!  layer 3 (d = 4)                               ●                 receptive field
//!  layer 2 (d = 2)                       ●───────┘───────●         1 + Σ (K − 1)·d_l
//!  layer 1 (d = 1)                   ●───┘───●       ●───┘───●     K = 2, d = 1, 2, 4: 8
//!  input                           ● ●     ● ●     ● ●     ● ●
//! ```
//!
//! A stack of kernel-2 layers with dilations 1, 2, 4, 8, … doubles the receptive field with each
//! layer (2, 4, 8, 16, …) while each layer still costs 2 multiplications per sample.
//! Sample order follows [`signal`](super::signal): index 0 is the start of the signal.

use serde::{Deserialize, Serialize};

use crate::{ensure_arg, limits, Result};

const OP: &str = "conv1dCausal";

/// Dilation and causality of [`conv1d_causal`]: `{ dilation?, causal? }` (defaults 1 and true;
/// unknown keys are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct CausalParams {
    /// Spacing between kernel taps.
    pub dilation: usize,
    /// `true`: only the present and the past; `false`: centred on the output sample.
    pub causal: bool,
}

impl Default for CausalParams {
    fn default() -> Self {
        CausalParams { dilation: 1, causal: true }
    }
}

impl CausalParams {
    /// How far ahead tap 0 reads: 0 when causal, `⌈d·(K − 1) / 2⌉` when centred.
    pub fn lead(&self, k: usize) -> usize {
        if self.causal {
            0
        } else {
            (self.dilation * (k - 1)).div_ceil(2)
        }
    }

    /// The input sample tap `k` of output `n` reads, if inside `0..len`.
    fn source(&self, n: usize, k: usize, taps: usize, len: usize) -> Option<usize> {
        (n + self.lead(taps)).checked_sub(k * self.dilation).filter(|&m| m < len)
    }

    fn check(&self, op: &'static str, x_len: usize, h_len: usize) -> Result<()> {
        ensure_arg!(x_len >= 1, op, "x", "must have at least one value");
        ensure_arg!(h_len >= 1, op, "h", "must have at least one value");
        limits::given(op, "x", x_len as u64, limits::MAX_ELEMENTS)?;
        limits::at_most(op, "h", h_len as u64, limits::MAX_WINDOW_SIDE)?;
        ensure_arg!(self.dilation >= 1, op, "dilation", "must be at least 1, got {}", self.dilation);
        limits::at_most(op, "dilation", self.dilation as u64, limits::MAX_DILATION)?;
        let span = self.dilation * (h_len - 1) + 1;
        ensure_arg!(
            span <= limits::MAX_EFFECTIVE_WINDOW,
            op,
            "h",
            "spans dilation·(K − 1) + 1 = {span} samples; the limit is {}",
            limits::MAX_EFFECTIVE_WINDOW
        );
        limits::work(op, "x", "this convolution", limits::product(&[x_len as u64, h_len as u64]))
    }
}

/// Causal (or centred) dilated 1-D convolution.
///
/// # Shapes
/// `x: [n]`, `h: [K]` → `[n]`: `y[i] = Σ_k h[k]·x[i − k·d]` (+ the lead when centred).
///
/// **Errors** if `x` or `h` is empty, the dilation is 0, or the call is above the [`limits`].
pub fn conv1d_causal(x: &[f32], h: &[f32], params: &CausalParams) -> Result<Vec<f32>> {
    params.check(OP, x.len(), h.len())?;
    Ok(apply(x, h, params))
}

fn apply(x: &[f32], h: &[f32], p: &CausalParams) -> Vec<f32> {
    (0..x.len())
        .map(|n| (0..h.len()).filter_map(|k| p.source(n, k, h.len(), x.len()).map(|m| h[k] * x[m])).sum())
        .collect()
}

/// Gradients of [`conv1d_causal`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Causal1dGrads {
    /// ∂L/∂x, `[n]`: `Σ_k h[k]·∂L/∂y[m + k·d]` (causal), the future outputs that read `x[m]`.
    pub x: Vec<f32>,
    /// ∂L/∂h, `[K]`: `Σ_n ∂L/∂y[n]·x[n − k·d]`.
    pub h: Vec<f32>,
}

/// Backward of [`conv1d_causal`]: gradients with respect to `x` and `h`.
///
/// # Shapes
/// As [`conv1d_causal`]; `grad_output: [n]`.
///
/// **Errors** as [`conv1d_causal`], or if `grad_output` is not as long as `x`.
pub fn conv1d_causal_backward(
    x: &[f32],
    h: &[f32],
    grad_output: &[f32],
    params: &CausalParams,
) -> Result<Causal1dGrads> {
    const BACK: &str = "conv1dCausalBackward";
    params.check(BACK, x.len(), h.len())?;
    ensure_arg!(
        grad_output.len() == x.len(),
        BACK,
        "gradOutput",
        "must have {} values (one per output), got {}",
        x.len(),
        grad_output.len()
    );
    let mut grads = Causal1dGrads { x: vec![0.0; x.len()], h: vec![0.0; h.len()] };
    for (n, &dy) in grad_output.iter().enumerate() {
        for k in 0..h.len() {
            if let Some(m) = params.source(n, k, h.len(), x.len()) {
                grads.x[m] += h[k] * dy;
                grads.h[k] += x[m] * dy;
            }
        }
    }
    Ok(grads)
}

/// A stack of causal layers sharing one kernel: `{ kernel, dilations, causal? }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StackSpec {
    /// The kernel every layer applies (2 taps in WaveNet).
    pub kernel: Vec<f32>,
    /// Each layer's dilation, input side first (1, 2, 4, 8 in WaveNet).
    pub dilations: Vec<usize>,
    /// Causal (default) or centred layers.
    #[serde(default = "yes")]
    pub causal: bool,
}

fn yes() -> bool {
    true
}

/// One level of [`causal_stack`]: the input (level 0) or a layer's output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StackLevel {
    /// Dilation of the layer that made this level (0 for the input).
    pub dilation: usize,
    /// The values.
    pub values: Vec<f32>,
    /// Input samples one sample of this level sees: `1 + Σ (K − 1)·d` over the layers below.
    pub receptive_field: usize,
    /// Samples of this level the chosen output depends on, ascending.
    pub depends: Vec<usize>,
    /// `[sample here, sample one level down]` for each dependency (empty for the input).
    pub edges: Vec<[usize; 2]>,
}

/// [`causal_stack`]'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CausalStack {
    /// The chosen output sample (of the top level).
    pub at: usize,
    /// Input first, then each layer's output.
    pub levels: Vec<StackLevel>,
    /// The top level's receptive field.
    pub receptive_field: usize,
    /// The first and last input samples the chosen output depends on.
    pub first: usize,
    /// See `first`.
    pub last: usize,
    /// `true` if it depends on no input sample after `at`.
    pub past_only: bool,
}

/// Run `x` through the layers of `spec` and trace which samples of each level output `at` of
/// the top layer depends on.
///
/// # Shapes
/// `x: [n]` → `n + 1` levels of `[n]` values each.
///
/// **Errors** if `x` or the kernel is empty, there are no layers or more than
/// [`limits::MAX_LAYERS`], a dilation is 0 or too large, `at` is not below `n`, or the tree would
/// have more than [`limits::MAX_TRACE_TERMS`] edges.
pub fn causal_stack(x: &[f32], spec: &StackSpec, at: usize) -> Result<CausalStack> {
    const STACK: &str = "causalStack";
    let (n, k, layers) = (x.len(), spec.kernel.len(), spec.dilations.len());
    ensure_arg!(layers >= 1, STACK, "dilations", "must list at least one layer");
    ensure_arg!(
        layers <= limits::MAX_LAYERS,
        STACK,
        "dilations",
        "must list at most {} layers, got {layers}",
        limits::MAX_LAYERS
    );
    let params: Vec<CausalParams> =
        spec.dilations.iter().map(|&dilation| CausalParams { dilation, causal: spec.causal }).collect();
    for p in &params {
        p.check(STACK, n, k)?;
    }
    ensure_arg!(at < n, STACK, "at", "must be below the signal's {n} samples, got {at}");
    let edges = limits::product(&[layers as u64, n as u64, k as u64]);
    limits::values(STACK, "x", "the dependency tree's edges", edges, limits::MAX_TRACE_TERMS)?;

    let mut levels = vec![StackLevel {
        dilation: 0,
        values: x.to_vec(),
        receptive_field: 1,
        depends: vec![],
        edges: vec![],
    }];
    for (p, &d) in params.iter().zip(&spec.dilations) {
        let below = levels.last().expect("the input level");
        let values = apply(&below.values, &spec.kernel, p);
        let receptive_field = below.receptive_field + (k - 1) * d;
        levels.push(StackLevel { dilation: d, values, receptive_field, depends: vec![], edges: vec![] });
    }
    // Walk down from the chosen output: each sample depends on its taps one level below.
    let mut wanted = vec![at];
    for l in (1..levels.len()).rev() {
        let mut below = Vec::new();
        let mut edges = Vec::new();
        for &i in &wanted {
            for t in 0..k {
                if let Some(m) = params[l - 1].source(i, t, k, n) {
                    edges.push([i, m]);
                    below.push(m);
                }
            }
        }
        below.sort_unstable();
        below.dedup();
        levels[l].depends = std::mem::replace(&mut wanted, below);
        levels[l].edges = edges;
    }
    let (first, last) = (wanted.first().copied().unwrap_or(at), wanted.last().copied().unwrap_or(at));
    levels[0].depends = wanted;
    let receptive_field = levels.last().expect("a layer").receptive_field;
    Ok(CausalStack { at, levels, receptive_field, first, last, past_only: last <= at })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causal_by_hand() {
        // h = [1, 10], d = 2: y[n] = x[n] + 10·x[n − 2]
        let p = CausalParams { dilation: 2, causal: true };
        let y = conv1d_causal(&[1., 2., 3., 4.], &[1., 10.], &p).unwrap();
        assert_eq!(y, vec![1., 2., 13., 24.]);
        // centred, K = 2, d = 1: lead 1, y[n] = x[n + 1] + 10·x[n]
        let p = CausalParams { dilation: 1, causal: false };
        let y = conv1d_causal(&[1., 2., 3., 4.], &[1., 10.], &p).unwrap();
        assert_eq!(y, vec![12., 23., 34., 40.]);
    }

    #[test]
    fn wavenet_tree_by_hand() {
        let spec = StackSpec { kernel: vec![1., 1.], dilations: vec![1, 2, 4], causal: true };
        let s = causal_stack(&[1.; 10], &spec, 9).unwrap();
        assert_eq!(s.receptive_field, 8);
        assert_eq!(s.levels.iter().map(|l| l.receptive_field).collect::<Vec<_>>(), vec![1, 2, 4, 8]);
        assert_eq!(s.levels[3].depends, vec![9]);
        assert_eq!(s.levels[2].depends, vec![5, 9]);
        assert_eq!(s.levels[1].depends, vec![3, 5, 7, 9]);
        assert_eq!(s.levels[0].depends, (2..=9).collect::<Vec<_>>());
        assert_eq!(s.levels[3].edges, vec![[9, 9], [9, 5]]);
        assert!(s.past_only && (s.first, s.last) == (2, 9));
        assert!(causal_stack(&[1.; 4], &spec, 4).is_err());
    }
}
