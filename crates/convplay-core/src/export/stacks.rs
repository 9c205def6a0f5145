//! Hand-outs of the signal, filter and architecture pages: a block of the filters page's output
//! (the pixels it needs, convolved without padding), a 1-D convolution (`F.conv1d`, `torch.flip`
//! for true convolution), a stack of map layers with each layer's output shape and receptive field
//! (the field worked out in the script from the modules themselves, the core's sizes as the
//! expected output), and networks compared by their parameter counts.

use super::pytorch::{header, PY_POOL};
use super::training::{sequential, PY_MODULES, PY_UNIFORM_NOISE};
use super::{check_values, expected, py_list, show, StackHandout, OP};
use crate::conv::signal::{conv1d as core_conv1d, Conv1dParams};
use crate::conv::{Conv2dParams, ConvMode};
use crate::model::config::{LayerConfig, ModelConfig};
use crate::model::describe::{describe, Description};
use crate::{ensure_arg, Error, Padding, Result};

/// Most networks one `models` hand-out compares.
const MAX_MODELS: usize = 4;

/// The 1-D page: `y = x * h` (full padding: every position where `h` overlaps `x`), then the
/// causal stack if the page shows it.
pub(super) fn conv1d(x: &[f32], h: &[f32], mode: ConvMode, stack: Option<&StackHandout>) -> Result<String> {
    check_values("x", x, &[x.len()])?;
    check_values("h", h, &[h.len()])?;
    ensure_arg!(!x.is_empty(), OP, "x", "must have at least one value");
    ensure_arg!(!h.is_empty(), OP, "h", "must have at least one value");
    let params = Conv1dParams { padding: Padding::Full, mode, ..Conv1dParams::default() };
    let y = core_conv1d(x, h, &params)?;
    let flip = mode == ConvMode::Convolution;
    let title = if flip { "the convolution sum y = x * h" } else { "the cross-correlation of x with h" };
    let mut s = header(title, &["import torch", "import torch.nn.functional as F"]);
    s += "# The page's continuous-time section (the convolution integral) is left out: PyTorch convolves samples.\n";
    let (n, k) = (x.len(), h.len());
    s += &format!(
        "\nx = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {n})  # [batch, channels, length]\n",
        py_list(x, 8)
    );
    s += &format!(
        "h = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {k})  # the unit-sample response\n",
        py_list(h, 8)
    );
    if flip {
        s += "h = torch.flip(h, dims=[2])  # true convolution: h is flipped before it slides (F.conv1d does not flip)\n";
    }
    s += &format!(
        "# \"full\" padding: {} zero(s) on each side, so y[n] is defined wherever h overlaps x.\ny = F.conv1d(x, h, padding={})\nassert tuple(y.shape) == (1, 1, {})\nprint(show(*y[0, 0].tolist()))\n\n",
        k - 1,
        k - 1,
        y.len()
    );
    let mut lines = vec![y.iter().map(|v| show(*v)).collect::<Vec<_>>().join(" ")];
    if let Some(stack) = stack {
        let (code, more) = super::causal::stack(stack)?;
        s = s.trim_end().to_string() + "\n" + &code;
        lines.extend(more);
    }
    s += &expected(&lines, None);
    Ok(s)
}

fn described(config: &ModelConfig, arg: &'static str) -> Result<Description> {
    let description = describe(config)?;
    if let Some(problem) = description.problem {
        return Err(Error::arg(OP, arg, format!("layer {}: {}", problem.layer + 1, problem.message)));
    }
    Ok(description)
}

/// The lines that initialize `net` as the core does (`pass` when nothing is learned).
fn init_block(inits: &[String], name: &str) -> String {
    if inits.is_empty() {
        return "    pass".into();
    }
    inits
        .iter()
        .map(|l| format!("    {}", l.replace("net[", &format!("{name}["))))
        .collect::<Vec<_>>()
        .join("\n")
}

const PY_FIELD: &str = r#"def window(m):
    """Kernel size, stride and dilation of a module that slides a window; (1, 1, 1) for the others."""
    pair = lambda v: v[0] if isinstance(v, tuple) else v
    if isinstance(m, nn.Conv2d):
        return pair(m.kernel_size), pair(m.stride), pair(m.dilation)
    if isinstance(m, nn.MaxPool2d):
        return pair(m.kernel_size), pair(m.stride), pair(m.dilation)
    if isinstance(m, nn.AvgPool2d):
        return pair(m.kernel_size), pair(m.stride), 1
    if isinstance(m, Pool2d):
        _, size, stride, dilation, _, _ = m.args
        return size, stride, dilation
    return 1, 1, 1
"#;

/// The receptive-field page: the stack on an input of the page's size, each layer's output shape
/// and receptive field (size and jump, in input pixels).
pub(super) fn receptive_field(input: [usize; 3], layers: &[LayerConfig]) -> Result<String> {
    let config = ModelConfig { input, layers: layers.to_vec(), seed: 0 };
    let description = described(&config, "layers")?;
    let mut lines = Vec::new();
    for (i, d) in description.layers.iter().enumerate() {
        let field = d.receptive_field.ok_or_else(|| {
            Error::arg(OP, "layers", format!("layer {} is not a map layer: it has no receptive field", i + 1))
        })?;
        let [c, h, w] = d.info.output_shape;
        lines.push(format!(
            "layer {}: output {c} {h} {w} field {} jump {}",
            i + 1,
            field.size.0,
            field.jump.0
        ));
    }
    let (modules, _, ends) = sequential(&config, &description)?;
    let [c, h, w] = input;
    let mut s = header(
        "the receptive-field page's layer stack, each layer's output shape and receptive field",
        &["import math", "import torch", "import torch.nn.functional as F", "from torch import nn"],
    );
    s += &format!("\n{PY_POOL}{PY_MODULES}\n{PY_UNIFORM_NOISE}\n{PY_FIELD}\n");
    s += &format!(
        "net = nn.Sequential(  # input {c}×{h}×{w}\n    {}\n)\nnet.eval()  # shapes only: no training\nLAYER_ENDS = {ends:?}  # the last module of each of the page's layers\n\n",
        modules.join("\n    ")
    );
    s += &format!(
        r#"# The receptive field grows by (kernel − 1)·dilation·jump at every window; the jump is the product of the strides.
x = torch.zeros(1, {c}, {h}, {w})
field, jump, layer = 1, 1, 0
with torch.no_grad():
    for i, m in enumerate(net):
        x = m(x)
        k, s, d = window(m)
        field += (k - 1) * d * jump
        jump *= s
        if i in LAYER_ENDS:
            layer += 1
            print(f"layer {{layer}}: output", *x.shape[1:], "field", field, "jump", jump)

"#
    );
    s += &expected(&lines, None);
    Ok(s)
}

/// Networks compared on a page (the "Why CNNs" CNN and MLP): each as an `nn.Sequential`,
/// initialized as on the page, and its parameter count.
pub(super) fn models(configs: &[ModelConfig]) -> Result<String> {
    ensure_arg!(
        (1..=MAX_MODELS).contains(&configs.len()),
        OP,
        "models",
        "must hold 1 to {MAX_MODELS} networks, got {}",
        configs.len()
    );
    let mut s = header(
        "the networks the page compares, as nn.Sequential, with their parameter counts",
        &["import math", "import torch", "import torch.nn.functional as F", "from torch import nn"],
    );
    s += &format!("\n{PY_POOL}{PY_MODULES}\n{PY_UNIFORM_NOISE}\n");
    let mut lines = Vec::new();
    for (i, config) in configs.iter().enumerate() {
        let description = described(config, "models")?;
        let (modules, inits, _) = sequential(config, &description)?;
        let [c, h, w] = config.input;
        let name = format!("net{}", i + 1);
        s += &format!(
            "torch.manual_seed({})  # the page's seed (PyTorch's random numbers differ from the page's)\n{name} = nn.Sequential(  # input {c}×{h}×{w}\n    {}\n)\nwith torch.no_grad():  # initialization as on the page\n{}\n    assert {name}(torch.zeros(2, {c}, {h}, {w})).shape[0] == 2\nprint(\"network {} parameters\", sum(p.numel() for p in {name}.parameters()))\n\n",
            config.seed,
            modules.join("\n    "),
            init_block(&inits, &name),
            i + 1
        );
        lines.push(format!("network {} parameters {}", i + 1, description.parameter_count));
    }
    s += &expected(&lines, None);
    Ok(s)
}

/// Side of the block of the page's output a `filter` hand-out prints.
const FILTER_BLOCK: usize = 8;

/// The filters page: an 8×8 block of its output ("same" padding on the whole picture) around the
/// selected pixel, written as a convolution without padding of the pixels that block needs.
pub(super) fn filter(
    image: &[f32],
    [h, w]: [usize; 2],
    kernel: &[f32],
    [kh, kw]: [usize; 2],
    mode: ConvMode,
    at: Option<[usize; 2]>,
) -> Result<String> {
    let n = crate::limits::shape_values(OP, "image", &[h, w], crate::limits::MAX_ELEMENTS)?;
    ensure_arg!(
        image.len() == n,
        OP,
        "image",
        "has {} values but its shape [{h}, {w}] needs {n}",
        image.len()
    );
    ensure_arg!(image.iter().all(|v| v.is_finite()), OP, "image", "must hold finite numbers only");
    check_values("kernel", kernel, &[kh, kw])?;
    let same = Conv2dParams { stride: (1, 1), padding: Padding::Same, dilation: (1, 1), mode };
    let g = same.geometry_for(OP, &[1, 1, h, w], &[1, 1, kh, kw], None)?;
    let [row, col] = at.unwrap_or([h / 2, w / 2]);
    ensure_arg!(row < h && col < w, OP, "at", "must be a pixel of the {h}×{w} picture, got ({row}, {col})");
    // The block: up to 8×8 output pixels around the selected one, whose windows lie inside the picture.
    let span = |size: usize, k: usize, pad: usize, at: usize| -> Option<(usize, usize)> {
        let (lo, hi) = (pad, (size + pad).checked_sub(k)?); // output pixels whose window is inside
        if hi < lo {
            return None;
        }
        let n = FILTER_BLOCK.min(hi - lo + 1);
        let first = at.saturating_sub(n / 2).clamp(lo, hi + 1 - n);
        Some((first, n))
    };
    let (Some((r0, nr)), Some((c0, nc))) = (span(h, kh, g.pads.top, row), span(w, kw, g.pads.left, col))
    else {
        return Err(Error::arg(OP, "kernel", format!("{kh}×{kw} is larger than the {h}×{w} picture")));
    };
    // Output pixel (r, c) reads picture rows r − top … r − top + kh − 1.
    let (top, left) = (r0 - g.pads.top, c0 - g.pads.left);
    let (ch, cw) = (nr + kh - 1, nc + kw - 1);
    let crop: Vec<f32> =
        (top..top + ch).flat_map(|r| image[r * w + left..r * w + left + cw].iter().copied()).collect();
    let note = format!(
        "# x is the {ch}×{cw} part of the page's {h}×{w} grey picture from row {top}, column {left} (counting from 0):\n# the whole picture is more than a hand-out writes out. Without padding, output row i, column j\n# below is the page's output (\"same\" padding on the whole picture) at row {r0} + i, column {c0} + j.\n"
    );
    let params = Conv2dParams { padding: Padding::Valid, ..same };
    super::pytorch::conv(&crop, [1, ch, cw], kernel, [1, 1, kh, kw], None, &params, Some(&note))
}
