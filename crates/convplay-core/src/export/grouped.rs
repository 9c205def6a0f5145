//! The grouped-convolution hand-out (the 2-D page's "Groups" section): `F.conv2d(…, groups=g)` on
//! the page's volume and weights, printing the core's output maps, then the parameters and
//! multiplications of `nn.Conv2d(C, F, k)`, `nn.Conv2d(C, F, k, groups=g)`, the depthwise
//! `nn.Conv2d(C, C, k, groups=C)`, the pointwise `nn.Conv2d(C, F, 1)` and the two in turn, counted
//! by the script from the modules and printed against the core's `convolution_counts`.

use ndarray::{Array1, Array4};
use serde::Deserialize;

use super::pytorch::{header, padding_lines, print_maps};
use super::{check_values, expected, py_list, show, OP};
use crate::conv::grouped::conv2d_grouped;
use crate::conv::grouped_counts::{convolution_counts, Cost, CountsSpec};
use crate::conv::{Conv2dParams, ConvMode};
use crate::{limits, Error, Padding, Result};

/// What the groups section shows (`{ kind: "conv2dGrouped", … }`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GroupedHandout {
    /// The input values, row-major.
    pub input: Vec<f32>,
    /// `[channels C, height, width]`.
    pub input_shape: [usize; 3],
    /// The kernel values, row-major.
    pub kernel: Vec<f32>,
    /// `[filters F, C/groups, kh, kw]`.
    pub kernel_shape: [usize; 4],
    /// One bias per filter (none: no bias, and the counts without biases).
    #[serde(default)]
    pub bias: Option<Vec<f32>>,
    /// Groups `g` (divides `C` and `F`).
    pub groups: usize,
    /// Stride (default 1).
    #[serde(default = "one")]
    pub stride: usize,
    /// Zero padding (default none).
    #[serde(default)]
    pub padding: Padding,
    /// Dilation (default 1).
    #[serde(default = "one")]
    pub dilation: usize,
}

fn one() -> usize {
    1
}

/// Counts each module (or modules in turn) on `x`, as the page's table does.
const PY_COUNT: &str = r#"def count(*convs, t=x):
    """Weights, biases, parameters and multiplications (one image) of convolutions applied in turn to t."""
    weights, biases, mults = 0, 0, 0
    for conv in convs:
        t = conv(t)
        weights += conv.weight.numel()
        biases += 0 if conv.bias is None else conv.bias.numel()
        mults += t.shape[2] * t.shape[3] * conv.weight.numel()  # every output value: one product per weight it reads
    params = sum(p.numel() for conv in convs for p in conv.parameters())
    return weights, biases, params, mults
"#;

fn cost_line(name: &str, c: &Cost) -> String {
    format!(
        "{name}: {} weights {} biases {} parameters {} multiplications",
        c.weights, c.biases, c.parameters, c.multiplications
    )
}

/// The script of `h`. **Errors** as `conv2d_grouped` and `convolution_counts`, or if the input,
/// the kernel or the output has more than [`limits::MAX_HANDOUT_VALUES`] numbers.
pub(super) fn conv2d_grouped_script(h: &GroupedHandout) -> Result<String> {
    let [c, rows, cols] = h.input_shape;
    let [f, cg, kh, kw] = h.kernel_shape;
    let g = h.groups;
    check_values("input", &h.input, &h.input_shape)?;
    check_values("kernel", &h.kernel, &h.kernel_shape)?;
    if let Some(b) = &h.bias {
        check_values("bias", b, &[f])?;
    }
    let params = Conv2dParams {
        stride: (h.stride, h.stride),
        padding: h.padding,
        dilation: (h.dilation, h.dilation),
        mode: ConvMode::CrossCorrelation,
    };
    let spec = CountsSpec {
        channels: c,
        filters: f,
        kernel: (kh, kw),
        height: rows,
        width: cols,
        groups: g,
        bias: h.bias.is_some(),
    };
    let counts = convolution_counts(&spec, &params)?;
    let out = limits::product(&[f as u64, counts.out_h as u64, counts.out_w as u64]);
    limits::values(OP, "input", "the printed output", out, limits::MAX_HANDOUT_VALUES)?;
    let shape_err = |arg| Error::arg(OP, arg, "does not have its shape");
    let x = Array4::from_shape_vec([1, c, rows, cols], h.input.clone()).map_err(|_| shape_err("input"))?;
    let k = Array4::from_shape_vec([f, cg, kh, kw], h.kernel.clone()).map_err(|_| shape_err("kernel"))?;
    let b = h.bias.clone().map(Array1::from_vec);
    let y = conv2d_grouped(x.view(), k.view(), b.as_ref().map(|b| b.view()), &params, g)?;
    let geo = params.geometry_for(OP, &[1, cg, rows, cols], &h.kernel_shape, None)?;

    let title = format!(
        "grouped 2-D convolution, g = {g}: each of the {f} filters reads only its group's {cg} of the {c} channels"
    );
    let mut s = header(&title, &["import torch", "import torch.nn as nn", "import torch.nn.functional as F"]);
    s += &format!(
        "\nx = torch.tensor({}, dtype=torch.float32).reshape(1, {c}, {rows}, {cols})  # [batch, channels, height, width]\n",
        py_list(&h.input, cols)
    );
    s += &format!(
        "k = torch.tensor({}, dtype=torch.float32).reshape({f}, {cg}, {kh}, {kw})  # [filters, channels per group C/g = {c}/{g}, height, width]\n",
        py_list(&h.kernel, kw)
    );
    s += &match &h.bias {
        Some(b) => {
            format!("b = torch.tensor({}, dtype=torch.float32)  # one bias per filter\n", py_list(b, 8))
        }
        None => "b = None  # no bias\n".to_string(),
    };
    let (pad_lines, pad_arg) = padding_lines(geo.pads, h.padding);
    s += &pad_lines;
    let (st, d) = (h.stride, h.dilation);
    s += &format!(
        "# groups={g}: channels and filters split into {g} groups; filter j (from 0) reads only channels {cg}·(j // {fg}) to {cg}·(j // {fg}) + {}.\ny = F.conv2d(x, k, b, stride={st}{pad_arg}, dilation={d}, groups={g})\nassert tuple(y.shape) == (1, {f}, {}, {})\n\n",
        cg - 1,
        counts.out_h,
        counts.out_w,
        fg = counts.filters_per_group,
    );
    let (code, mut lines) = print_maps(&y, "filter");
    s += &code;
    let bias = if h.bias.is_some() { "True" } else { "False" };
    let kernel = if kh == kw { kh.to_string() } else { format!("({kh}, {kw})") };
    let conv = |c_in: usize, c_out: usize, groups: usize| {
        let grouped = if groups > 1 { format!(", groups={groups}") } else { String::new() };
        format!(
            "nn.Conv2d({c_in}, {c_out}, {kernel}, stride={st}{pad_arg}, dilation={d}{grouped}, bias={bias})"
        )
    };
    s += &format!(
        "\n# What it costs: parameters of the modules, multiplications for this one image.\n{PY_COUNT}\nstandard = {}\ngrouped = {}\ndepthwise = {}  # each channel filtered on its own\npointwise = nn.Conv2d({c}, {f}, 1, bias={bias})  # 1×1: mixes the channels at each pixel (counted on the depthwise output)\nwith torch.no_grad():  # the grouped module with the page's weights is the F.conv2d above\n    grouped.weight.copy_(k)\n    if b is not None:\n        grouped.bias.copy_(b)\n    assert torch.allclose(grouped(x), y, atol=1e-5)\n",
        conv(c, f, 1),
        conv(c, f, g),
        conv(c, c, c),
    );
    let names = [
        ("standard g=1".to_string(), "standard", counts.standard),
        (format!("grouped g={g}"), "grouped", counts.grouped),
        (format!("depthwise g={c}"), "depthwise", counts.depthwise),
        ("pointwise 1x1".to_string(), "pointwise, t=depthwise(x)", counts.pointwise),
        ("separable".to_string(), "depthwise, pointwise", counts.separable),
    ];
    for (name, modules, _) in &names {
        s += &format!(
            "print(\"{name}: {{}} weights {{}} biases {{}} parameters {{}} multiplications\".format(*count({modules})))\n"
        );
    }
    s += "sep, std = count(depthwise, pointwise), count(standard)\n";
    s += &format!(
        "print(\"separable/standard:\", show(sep[0] / std[0]), \"of the weights\", show(sep[3] / std[3]), \"of the multiplications, 1/F + 1/k² =\", show(1 / {f} + 1 / ({kh} * {kw})))\n\n"
    );
    lines.extend(names.iter().map(|(name, _, cost)| cost_line(name, cost)));
    let r = counts.ratio;
    lines.push(format!(
        "separable/standard: {} of the weights {} of the multiplications, 1/F + 1/k² = {}",
        show(r.weights as f32),
        show(r.multiplications as f32),
        show(r.formula as f32)
    ));
    s += &expected(&lines, None);
    Ok(s)
}
