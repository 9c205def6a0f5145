//! The transposed-convolution hand-out: `F.conv_transpose2d` on the page's input and kernel
//! (PyTorch's weight layout `[in, out, kh, kw]`) with its stride, padding, output padding and
//! dilation, printing the core's output.

use ndarray::{Array1, Array4, Axis};
use serde::Deserialize;

use super::pytorch::header;
use super::{check_values, expected, py_list, show, OP};
use crate::conv::transposed::{conv_transpose2d, ConvTranspose2dParams};
use crate::{limits, Error, Result};

/// What the transposed mode shows (`{ kind: "convTranspose2d", … }`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransposedHandout {
    /// The input values, row-major.
    pub input: Vec<f32>,
    /// `[channels, height, width]`.
    pub input_shape: [usize; 3],
    /// The kernel values, row-major.
    pub kernel: Vec<f32>,
    /// `[in channels, out channels, kh, kw]`.
    pub kernel_shape: [usize; 4],
    /// One bias per output channel (none: no bias).
    #[serde(default)]
    pub bias: Option<Vec<f32>>,
    /// Stride (default 1).
    #[serde(default = "one")]
    pub stride: usize,
    /// Padding cut from each side (default 0).
    #[serde(default)]
    pub padding: usize,
    /// Extra rows and columns at the bottom and right (default 0).
    #[serde(default)]
    pub output_padding: usize,
    /// Dilation (default 1).
    #[serde(default = "one")]
    pub dilation: usize,
}

fn one() -> usize {
    1
}

/// The script of `h`. **Errors** as `conv_transpose2d`, or if an input, the kernel or the output
/// has more than [`limits::MAX_HANDOUT_VALUES`] numbers.
pub(super) fn conv_transpose2d_script(h: &TransposedHandout) -> Result<String> {
    let [c, rows, cols] = h.input_shape;
    let [ci, co, kh, kw] = h.kernel_shape;
    check_values("input", &h.input, &h.input_shape)?;
    check_values("kernel", &h.kernel, &h.kernel_shape)?;
    if let Some(b) = &h.bias {
        check_values("bias", b, &[co])?;
    }
    let two = |v: usize| (v, v);
    let params = ConvTranspose2dParams {
        stride: two(h.stride),
        padding: two(h.padding),
        output_padding: two(h.output_padding),
        dilation: two(h.dilation),
    };
    let g = params.resolve(OP, rows, cols, kh, kw)?;
    let (oh, ow) = (g.height.output, g.width.output);
    let out = limits::product(&[co as u64, oh as u64, ow as u64]);
    limits::values(OP, "input", "the printed output", out, limits::MAX_HANDOUT_VALUES)?;
    let shape_err = |arg| Error::arg(OP, arg, "does not have its shape");
    let x = Array4::from_shape_vec([1, c, rows, cols], h.input.clone()).map_err(|_| shape_err("input"))?;
    let k = Array4::from_shape_vec([ci, co, kh, kw], h.kernel.clone()).map_err(|_| shape_err("kernel"))?;
    let b = h.bias.clone().map(Array1::from_vec);
    let y = conv_transpose2d(x.view(), k.view(), b.as_ref().map(|b| b.view()), &params)?;

    let mut s = header(
        "transposed 2-D convolution (each input cell stamps the scaled kernel onto the output)",
        &["import torch", "import torch.nn.functional as F"],
    );
    s += &format!(
        "\nx = torch.tensor({}, dtype=torch.float32).reshape(1, {c}, {rows}, {cols})  # [batch, channels, height, width]\n",
        py_list(&h.input, cols)
    );
    s += &format!(
        "k = torch.tensor({}, dtype=torch.float32).reshape({ci}, {co}, {kh}, {kw})  # [in channels, out channels, height, width]: PyTorch's layout for a transposed convolution\n",
        py_list(&h.kernel, kw)
    );
    s += &match &h.bias {
        Some(b) => format!(
            "b = torch.tensor({}, dtype=torch.float32)  # one bias per output channel\n",
            py_list(b, 8)
        ),
        None => "b = None  # no bias\n".to_string(),
    };
    let (a, s_, p, op, d) = (g.height.input, h.stride, h.padding, h.output_padding, h.dilation);
    s += &format!(
        "# Output side: (H - 1)*stride - 2*padding + dilation*(k - 1) + output_padding + 1 = ({a} - 1)*{s_} - 2*{p} + {d}*({kh} - 1) + {op} + 1 = {oh}\n"
    );
    s += &format!(
        "y = F.conv_transpose2d(x, k, b, stride={s_}, padding={p}, output_padding={op}, dilation={d})\nassert tuple(y.shape) == (1, {co}, {oh}, {ow})\n\n"
    );
    let mut lines = Vec::new();
    for o in 0..co {
        if co > 1 {
            lines.push(format!("channel {}", o + 1));
        }
        for row in y.index_axis(Axis(0), 0).index_axis(Axis(0), o).rows() {
            lines.push(row.iter().map(|v| show(*v)).collect::<Vec<_>>().join(" "));
        }
    }
    let title = if co > 1 { "    print(f\"channel {p + 1}\")\n" } else { "" };
    s += &format!(
        "for p in range({co}):\n{title}    for row in y[0, p].tolist():\n        print(show(*row))\n\n"
    );
    s += &expected(&lines, None);
    Ok(s)
}
