//! The PyTorch generator: [`pytorch`] and the two convolution-stage hand-outs, a 2-D convolution
//! (`F.conv2d`, `torch.flip` for true convolution) and pooling (max, average, L2 and Gaussian
//! written out over `F.unfold`, padding cells skipped as the core skips them).

use ndarray::{Array1, Array4, Axis};

use super::{check_values, expected, py_list, show, Handout, OP, PY_SHOW};
use crate::conv::{conv2d, Conv2dParams, ConvMode};
use crate::pool::{pool2d, Pool2dConfig, PoolKind};
use crate::{ensure_arg, Geometry2d, Padding, Pads, Result, Window2d};

/// `handout` as a runnable PyTorch script that prints the page's numbers (see [`super`]).
///
/// **Errors** naming the setting when the configuration is invalid: a window that does not fit,
/// values that do not match their shape, more than [`crate::limits::MAX_HANDOUT_VALUES`] numbers,
/// a model that cannot be built.
pub fn pytorch(handout: &Handout) -> Result<String> {
    match handout {
        Handout::Conv2d {
            input,
            input_shape,
            kernel,
            kernel_shape,
            bias,
            stride,
            padding,
            dilation,
            mode,
        } => {
            let params = Conv2dParams {
                stride: (*stride, *stride),
                padding: *padding,
                dilation: (*dilation, *dilation),
                mode: *mode,
            };
            conv(input, *input_shape, kernel, *kernel_shape, bias.as_deref(), &params, None)
        }
        Handout::Filter { image, image_shape, kernel, kernel_shape, mode, at } => {
            super::stacks::filter(image, *image_shape, kernel, *kernel_shape, *mode, *at)
        }
        Handout::Conv1d { x, h, mode, stack } => super::stacks::conv1d(x, h, *mode, stack.as_ref()),
        Handout::ConvTranspose2d(h) => super::transposed::conv_transpose2d_script(h),
        Handout::Conv2dGrouped(h) => super::grouped::conv2d_grouped_script(h),
        Handout::ReceptiveField { input, layers } => super::stacks::receptive_field(*input, layers),
        Handout::Models { models } => super::stacks::models(models),
        Handout::Shift { image, image_shape, kernel, kernel_shape, dy, dx } => {
            super::shift::shift(image, *image_shape, kernel, *kernel_shape, *dy, *dx)
        }
        Handout::Pool { input, input_shape, pool: kind, size, stride, padding, dilation } => {
            let window = Window2d {
                kernel: (*size, *size),
                stride: (stride.unwrap_or(*size), stride.unwrap_or(*size)),
                dilation: (*dilation, *dilation),
                padding: *padding,
            };
            pool(input, *input_shape, &Pool2dConfig { kind: *kind, window })
        }
        Handout::BatchNorm { values, gamma, beta, eps, momentum } => {
            super::layers::batch_norm(values, *gamma, *beta, *eps, *momentum)
        }
        Handout::Dropout { dropout, seed } => super::layers::dropout(*dropout, *seed),
        Handout::Init { init, activation, depth, width, seed } => {
            super::layers::init(*init, *activation, *depth, *width, *seed)
        }
        Handout::Model { model, optimizer, batch_size, steps } => {
            super::training::model(model, optimizer, *batch_size, *steps)
        }
    }
}

/// The script's first lines: what it is, how to run it, the imports and the `show` helper.
pub(crate) fn header(title: &str, imports: &[&str]) -> String {
    format!(
        "# ConvPlay hand-out: {title}.\n# Generated from the page's settings; run it with Python 3 and PyTorch (pip install torch).\n{}\n\n{PY_SHOW}\n",
        imports.join("\n")
    )
}

/// How the resolved padding is passed to PyTorch: `padding=(rows, columns)` when both sides of
/// each axis are equal, else an `F.pad` line first (PyTorch pads both sides alike).
pub(super) fn padding_lines(pads: Pads, padding: Padding) -> (String, String) {
    let Pads { top, bottom, left, right } = pads;
    let what = match padding {
        Padding::Valid => "no padding".to_string(),
        Padding::Same => "\"same\" padding".to_string(),
        Padding::Full => "\"full\" padding".to_string(),
        Padding::Explicit { y, x } => format!("padding {y}×{x}"),
    };
    let note = format!(
        "# {what}: {top} row(s) of zeros above, {bottom} below, {left} column(s) left, {right} right.\n"
    );
    if top == bottom && left == right {
        (note, format!(", padding=({top}, {left})"))
    } else {
        let pad = format!(
            "{note}# PyTorch's padding= is the same on both sides, so these zeros are added first.\nx = F.pad(x, ({left}, {right}, {top}, {bottom}))  # (left, right, top, bottom)\n"
        );
        (pad, String::new())
    }
}

/// The printing loop over `planes` output maps and the expected lines of `y` `[1, planes, h, w]`.
pub(super) fn print_maps(y: &Array4<f32>, label: &str) -> (String, Vec<String>) {
    let planes = y.shape()[1];
    let mut lines = Vec::new();
    for p in 0..planes {
        if planes > 1 {
            lines.push(format!("{label} {}", p + 1));
        }
        let plane = y.index_axis(Axis(0), 0);
        for row in plane.index_axis(Axis(0), p).rows() {
            lines.push(row.iter().map(|v| show(*v)).collect::<Vec<_>>().join(" "));
        }
    }
    let title = if planes > 1 { format!("    print(f\"{label} {{p + 1}}\")\n") } else { String::new() };
    let code = format!(
        "for p in range({planes}):\n{title}    for row in y[0, p].tolist():\n        print(show(*row))\n"
    );
    (code, lines)
}

fn tensor4(values: &[f32], shape: [usize; 4]) -> Result<Array4<f32>> {
    Array4::from_shape_vec(shape, values.to_vec())
        .map_err(|_| crate::Error::arg(OP, "input", format!("does not have the shape {shape:?}")))
}

pub(super) fn conv(
    input: &[f32],
    [c, h, w]: [usize; 3],
    kernel: &[f32],
    kshape: [usize; 4],
    bias: Option<&[f32]>,
    params: &Conv2dParams,
    crop: Option<&str>,
) -> Result<String> {
    check_values("input", input, &[c, h, w])?;
    check_values("kernel", kernel, &kshape)?;
    if let Some(b) = bias {
        check_values("bias", b, &[kshape[0]])?;
    }
    let g: Geometry2d = params.geometry_for(OP, &[1, c, h, w], &kshape, bias.map(<[f32]>::len))?;
    let x = tensor4(input, [1, c, h, w])?;
    let k = tensor4(kernel, kshape)?;
    let b = bias.map(|b| Array1::from_vec(b.to_vec()));
    let y = conv2d(x.view(), k.view(), b.as_ref().map(|b| b.view()), params)?;
    let flip = params.mode == ConvMode::Convolution;
    let title = if flip {
        "true 2-D convolution (the kernel flipped)"
    } else {
        "2-D convolution (cross-correlation, as in every CNN layer)"
    };
    let mut s = header(title, &["import torch", "import torch.nn.functional as F"]);
    s += crop.unwrap_or("");
    s += &format!(
        "\nx = torch.tensor({}, dtype=torch.float32).reshape(1, {c}, {h}, {w})  # [batch, channels, height, width]\n",
        py_list(input, w)
    );
    let [f, _, kh, kw] = kshape;
    s += &format!(
        "k = torch.tensor({}, dtype=torch.float32).reshape({f}, {c}, {kh}, {kw})  # [filters, channels, height, width]\n",
        py_list(kernel, kw)
    );
    if flip {
        s += "k = torch.flip(k, dims=[2, 3])  # true convolution: the kernel is rotated by 180° before it slides\n";
    }
    s += &match bias {
        Some(b) => {
            format!("b = torch.tensor({}, dtype=torch.float32)  # one bias per filter\n", py_list(b, 8))
        }
        None => "b = None  # no bias\n".to_string(),
    };
    let (pad_lines, pad_arg) = padding_lines(g.pads, params.padding);
    s += &pad_lines;
    s += &format!(
        "y = F.conv2d(x, k, b, stride={}{pad_arg}, dilation={})\nassert tuple(y.shape) == (1, {f}, {}, {})\n\n",
        g.s_y, g.d_y, g.out_h, g.out_w
    );
    let (code, lines) = print_maps(&y, "filter");
    s += &code;
    s += "\n";
    s += &expected(&lines, None);
    Ok(s)
}

/// The written-out pooling of every kind over `F.unfold`; padding cells are skipped, not zeros.
pub(super) const PY_POOL: &str = r#"def pool(x, kind, size, stride, dilation, pads, sigma=1.0):
    """Summarize every window of x (padding cells skipped, not taken as zeros), as ConvPlay does."""
    n, c, h, w = x.shape
    left, right, top, bottom = pads
    unfold = lambda t: F.unfold(F.pad(t, pads), size, dilation=dilation, stride=stride)
    cols = unfold(x).reshape(n, c, size * size, -1)  # every window's taps, one column per window
    inside = unfold(torch.ones(1, 1, h, w)).reshape(1, 1, size * size, -1) > 0  # taps on the input
    if kind == "max":
        y = cols.masked_fill(~inside, -math.inf).amax(dim=2)
    elif kind == "average":
        y = (cols * inside).sum(dim=2) / inside.sum(dim=2).clamp(min=1)
    elif kind == "l2":  # no L2 pooling layer in PyTorch: the square root of the sum of squares
        y = ((cols * inside) ** 2).sum(dim=2).sqrt()
    else:  # "gaussian": weights exp(-d²/(2σ²)) by distance to the window centre, normalized over the taps inside
        t = torch.arange(size, dtype=torch.float32) - (size - 1) / 2
        logw = (-(t[:, None] ** 2 + t[None, :] ** 2) / (2 * sigma**2)).reshape(1, 1, -1, 1)
        y = (cols * torch.softmax(logw.masked_fill(~inside, -math.inf), dim=2)).sum(dim=2)
    y = torch.where(inside.any(dim=2), y, torch.zeros_like(y))  # a window wholly in the padding gives 0
    rows = (h + top + bottom - dilation * (size - 1) - 1) // stride + 1
    return y.reshape(n, c, rows, -1)
"#;

fn pool(input: &[f32], [c, h, w]: [usize; 3], config: &Pool2dConfig) -> Result<String> {
    check_values("input", input, &[c, h, w])?;
    let (size, side) = config.window.kernel;
    ensure_arg!(size == side, OP, "size", "must be square, got {size}×{side}");
    let g = config.checked(&[1, c, h, w])?;
    let x = tensor4(input, [1, c, h, w])?;
    let y = pool2d(x.view(), config)?;
    let (kind, sigma, title) = match config.kind {
        PoolKind::Max => ("max", 1.0, "max pooling".to_string()),
        PoolKind::Average => ("average", 1.0, "average pooling".to_string()),
        PoolKind::L2 => ("l2", 1.0, "L2 pooling (√Σx², written out: PyTorch has no such layer)".to_string()),
        PoolKind::Gaussian { sigma } => (
            "gaussian",
            sigma,
            format!("Gaussian pooling, σ = {} (written out: PyTorch has no such layer)", show(sigma)),
        ),
    };
    let mut s = header(&title, &["import math", "import torch", "import torch.nn.functional as F"]);
    s += &format!("\n{PY_POOL}\n");
    s += &format!(
        "x = torch.tensor({}, dtype=torch.float32).reshape(1, {c}, {h}, {w})  # [batch, channels, height, width]\n",
        py_list(input, w)
    );
    let Pads { top, bottom, left, right } = g.pads;
    s += &format!(
        "pads = ({left}, {right}, {top}, {bottom})  # zeros left, right, above, below (from the page's padding)\ny = pool(x, \"{kind}\", size={size}, stride={}, dilation={}, pads=pads, sigma={})\nassert tuple(y.shape) == (1, {c}, {}, {})\n",
        g.s_y,
        g.d_y,
        super::py_float(sigma),
        g.out_h,
        g.out_w
    );
    let no_pads = g.pads == Pads::default();
    if no_pads && kind == "max" {
        s += &format!("assert torch.equal(y, F.max_pool2d(x, {size}, stride={}, dilation={}))  # the same as PyTorch's layer\n", g.s_y, g.d_y);
    } else if no_pads && kind == "average" && g.d_y == 1 {
        s += &format!(
            "assert torch.allclose(y, F.avg_pool2d(x, {size}, stride={}))  # the same as PyTorch's layer\n",
            g.s_y
        );
    }
    let (code, lines) = print_maps(&y, "channel");
    s += &format!("\n{code}\n");
    s += &expected(&lines, None);
    Ok(s)
}
