//! Grouped convolution: the channels and the filters split into `g` groups, and each filter reads
//! only the channels of its own group.
//!
//! ```text
//! s[f, i, j] = b[f] + Σ_{c ∈ group(f)} Σ_m Σ_n  I[c, i·s + m·d, j·s + n·d] · K[f, c − first(f), m, n]
//!
//!  group(f) = f / (F/g),  first(f) = group(f) · C/g,  the group's channels first(f) .. first(f) + C/g
//! ```
//!
//! ```text
//!  g = 1 (standard)          g = 2 (grouped)            g = C (depthwise)
//!  channels  0 1 2 3         channels  0 1 │ 2 3        channels  0 │ 1 │ 2 │ 3
//!  filter 0  ▣ ▣ ▣ ▣         filter 0  ▣ ▣ │            filter 0  ▣ │   │   │
//!  filter 1  ▣ ▣ ▣ ▣         filter 1  ▣ ▣ │            filter 1    │ ▣ │   │
//!  filter 2  ▣ ▣ ▣ ▣         filter 2      │ ▣ ▣        filter 2    │   │ ▣ │
//!  filter 3  ▣ ▣ ▣ ▣         filter 3      │ ▣ ▣        filter 3    │   │   │ ▣
//! ```
//!
//! With `g = 1` this is [`conv2d`]; with `g = C` and `F = C·m` it is the **depthwise** convolution
//! (each channel filtered on its own by `m` filters); a 1×1 standard convolution after it is the
//! **pointwise** step of a depthwise-separable convolution. The counts are in [`grouped_counts`](super::grouped_counts).
//!
//! The sums run group by group through [`conv2d`] and [`conv2d_backward`] on the group's slice of
//! channels and filters, so every group is exactly an ordinary convolution.

use ndarray::{Array1, Array4, ArrayView1, ArrayView4, Axis, Slice};

use crate::conv::{conv2d, conv2d_backward, Conv2dGrads, Conv2dParams};
use crate::{ensure_arg, ensure_shape, limits, Result};

const OP: &str = "conv2dGrouped";

/// The group sizes `(C/g, F/g)` for `channels` `C`, `filters` `F` and `groups` `g`.
///
/// **Errors** if `g` is 0, above [`limits::MAX_CHANNELS`], or does not divide both `C` and `F`:
/// `conv2dGrouped: groups 3 must divide the 4 input channels (valid: 1, 2, 4)`.
pub fn group_sizes(
    op: &'static str,
    channels: usize,
    filters: usize,
    groups: usize,
) -> Result<(usize, usize)> {
    ensure_arg!(groups >= 1, op, "groups", "must be at least 1, got {groups}");
    limits::at_most(op, "groups", groups as u64, limits::MAX_CHANNELS)?;
    ensure_arg!(channels >= 1 && filters >= 1, op, "groups", "need at least one channel and one filter");
    let valid =
        || valid_groups(channels, filters).iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", ");
    ensure_arg!(
        channels % groups == 0,
        op,
        "groups",
        "{groups} must divide the {channels} input channels (valid: {})",
        valid()
    );
    ensure_arg!(
        filters % groups == 0,
        op,
        "groups",
        "{groups} must divide the {filters} filters (valid: {})",
        valid()
    );
    Ok((channels / groups, filters / groups))
}

/// Every group count that divides both `channels` and `filters`, ascending (1 first; `C` last
/// when `C` divides `F`). Empty if either is 0.
pub fn valid_groups(channels: usize, filters: usize) -> Vec<usize> {
    if channels == 0 || filters == 0 {
        return Vec::new();
    }
    let (mut a, mut b) = (channels, filters);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    (1..=a).filter(|g| a % g == 0).collect()
}

/// Check `input` `[N, C, H, W]`, `weight` `[F, C/g, kh, kw]` and the bias, then the limits of the
/// whole call (as one convolution of `F` filters over `C/g` channels).
fn check(
    input: &[usize],
    weight: &[usize],
    bias_len: Option<usize>,
    params: &Conv2dParams,
    groups: usize,
) -> Result<(usize, usize)> {
    ensure_shape!(input.len() == 4, OP, "input must be [batch, channels, height, width], got {input:?}");
    ensure_shape!(
        weight.len() == 4,
        OP,
        "kernel must be [filters, channels/groups, height, width], got {weight:?}"
    );
    let (cg, fg) = group_sizes(OP, input[1], weight[0], groups)?;
    ensure_shape!(
        weight[1] == cg,
        OP,
        "kernel has {} input channels but each of the {groups} groups has {cg} ({} channels / {groups})",
        weight[1],
        input[1]
    );
    if let Some(b) = bias_len {
        ensure_shape!(b == weight[0], OP, "bias has {b} values but there are {} filters", weight[0]);
    }
    let grouped_input = [input[0], cg, input[2], input[3]];
    params.checked(OP, &grouped_input, weight, bias_len)?;
    Ok((cg, fg))
}

/// Forward grouped 2-D convolution.
///
/// # Shapes
/// input `[N, C, H, W]`, weight `[F, C/g, kh, kw]`, bias `[F]` → `[N, F, H_out, W_out]` (sizes as
/// [`conv2d`]'s). Filter `f` reads channels `(f / (F/g))·C/g ..` of the next `C/g`.
///
/// **Errors** if `g` does not divide `C` and `F`, the kernel's channels are not `C/g`, the bias is
/// not `F` long, the window does not fit, or the call is above the [`limits`].
pub fn conv2d_grouped(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    bias: Option<ArrayView1<f32>>,
    params: &Conv2dParams,
    groups: usize,
) -> Result<Array4<f32>> {
    let (cg, fg) = check(input.shape(), weight.shape(), bias.map(|b| b.len()), params, groups)?;
    let mut parts = Vec::with_capacity(groups);
    for g in 0..groups {
        let (cs, fs) = (Slice::from(g * cg..(g + 1) * cg), Slice::from(g * fg..(g + 1) * fg));
        let x = input.slice_axis(Axis(1), cs);
        let w = weight.slice_axis(Axis(0), fs);
        let b = bias.map(|b| b.slice_axis_move(Axis(0), fs));
        parts.push(conv2d(x, w, b, params)?);
    }
    let views: Vec<_> = parts.iter().map(|p| p.view()).collect();
    Ok(ndarray::concatenate(Axis(1), &views).expect("groups share batch and output size"))
}

/// Backward grouped 2-D convolution: gradients with respect to input, weight and bias.
///
/// # Shapes
/// As [`conv2d_grouped`]; `grad_output` `[N, F, H_out, W_out]` → input `[N, C, H, W]`, weight
/// `[F, C/g, kh, kw]`, bias `[F]`. Channel `c`'s gradient comes only from its group's filters.
///
/// **Errors** as [`conv2d_grouped`], or if `grad_output` has the wrong shape.
pub fn conv2d_grouped_backward(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    grad_output: ArrayView4<f32>,
    params: &Conv2dParams,
    groups: usize,
) -> Result<Conv2dGrads> {
    let (cg, fg) = check(input.shape(), weight.shape(), None, params, groups)?;
    let g0 = params.geometry_for(OP, &[1, cg, input.shape()[2], input.shape()[3]], weight.shape(), None)?;
    let expected = [input.shape()[0], weight.shape()[0], g0.out_h, g0.out_w];
    crate::tensor::check_grad_output(OP, grad_output.shape(), &expected)?;
    let mut grads = Conv2dGrads {
        input: Array4::zeros(input.raw_dim()),
        weight: Array4::zeros(weight.raw_dim()),
        bias: Array1::zeros(weight.shape()[0]),
    };
    for g in 0..groups {
        let (cs, fs) = (Slice::from(g * cg..(g + 1) * cg), Slice::from(g * fg..(g + 1) * fg));
        let x = input.slice_axis(Axis(1), cs);
        let w = weight.slice_axis(Axis(0), fs);
        let dy = grad_output.slice_axis(Axis(1), fs);
        let part = conv2d_backward(x, w, dy, params)?;
        grads.input.slice_axis_mut(Axis(1), cs).assign(&part.input);
        grads.weight.slice_axis_mut(Axis(0), fs).assign(&part.weight);
        grads.bias.slice_axis_mut(Axis(0), fs).assign(&part.bias);
    }
    Ok(grads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_groups_are_the_common_divisors() {
        assert_eq!(valid_groups(4, 8), vec![1, 2, 4]);
        assert_eq!(valid_groups(6, 6), vec![1, 2, 3, 6]);
        assert_eq!(valid_groups(3, 4), vec![1]);
        assert!(valid_groups(0, 4).is_empty());
    }

    #[test]
    fn groups_that_do_not_divide_say_so() {
        let e = group_sizes(OP, 4, 8, 3).unwrap_err().to_string();
        assert!(e.contains("must divide the 4 input channels (valid: 1, 2, 4)"), "{e}");
        let e = group_sizes(OP, 4, 6, 4).unwrap_err().to_string();
        assert!(e.contains("must divide the 6 filters"), "{e}");
        assert!(group_sizes(OP, 4, 4, 0).is_err());
        assert_eq!(group_sizes(OP, 4, 8, 2).unwrap(), (2, 4));
    }
}
