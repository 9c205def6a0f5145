//! The equivariance page's hand-out: its convolution ("same" padding) of the digit and of the
//! digit shifted by `(dy, dx)`, the largest difference between the shifted map and the map of the
//! shifted digit (away from the borders, and everywhere), and what pooling keeps.

use ndarray::{Array2, Array4, Axis};

use super::pytorch::header;
use super::{check_values, expected, py_list, show, OP};
use crate::conv::{conv2d, Conv2dParams, ConvMode};
use crate::measure::shift::{relative_change, shift_difference};
use crate::measure::transform::shift as shift_image;
use crate::pool::{pool2d, Pool2dConfig, PoolKind};
use crate::{ensure_arg, Padding, Result, Window2d};

const PY_SHIFT: &str = r#"def shift(img, dy, dx):
    """img moved by dy rows and dx columns; zeros move in from outside (as on the page)."""
    h, w = img.shape[-2:]
    dy, dx = max(-h, min(h, dy)), max(-w, min(w, dx))
    out = torch.zeros_like(img)
    out[..., max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = img[..., max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


def largest_difference(original, moved, dy, dx, margin):
    """max |moved[i+dy, j+dx] - original[i, j]|: away from every border by margin, and everywhere."""
    h, w = original.shape
    i, j = torch.arange(h)[:, None], torch.arange(w)[None, :]
    ti, tj = i + dy, j + dx
    valid = (ti >= 0) & (ti < h) & (tj >= 0) & (tj < w)
    d = (moved[ti.clamp(0, h - 1), tj.clamp(0, w - 1)] - original).abs()
    inside = lambda a, n: (a >= margin) & (a < n - margin)
    interior = valid & inside(i, h) & inside(j, w) & inside(ti, h) & inside(tj, w)
    biggest = lambda m: d[m].max().item() if m.any() else 0.0
    return biggest(interior), biggest(valid)


def relative_change(a, b):
    """||b - a|| / ||a||."""
    return ((b - a).norm() / a.norm()).item() if a.norm() > 0 else (0.0 if (b - a).norm() == 0 else math.inf)
"#;

fn map(values: &[f32], h: usize, w: usize) -> Array4<f32> {
    Array4::from_shape_vec((1, 1, h, w), values.to_vec()).expect("checked shape")
}

/// The page's conv of the digit and of the shifted digit, and what the core measures of them.
pub(super) fn shift(
    image: &[f32],
    [h, w]: [usize; 2],
    kernel: &[f32],
    [kh, kw]: [usize; 2],
    dy: isize,
    dx: isize,
) -> Result<String> {
    check_values("image", image, &[h, w])?;
    check_values("kernel", kernel, &[kh, kw])?;
    ensure_arg!(
        dy.unsigned_abs() <= h && dx.unsigned_abs() <= w,
        OP,
        "dy",
        "a shift of ({dy}, {dx}) is beyond the {h}×{w} image"
    );
    let params = Conv2dParams {
        stride: (1, 1),
        padding: Padding::Same,
        dilation: (1, 1),
        mode: ConvMode::CrossCorrelation,
    };
    params.geometry_for(OP, &[1, 1, h, w], &[1, 1, kh, kw], None)?;
    let x = Array2::from_shape_vec((h, w), image.to_vec()).expect("checked shape");
    let moved = shift_image(x.view(), dy, dx);
    let k = Array4::from_shape_vec((1, 1, kh, kw), kernel.to_vec()).expect("checked shape");
    let fx = conv2d(map(image, h, w).view(), k.view(), None, &params)?;
    let fgx = conv2d(map(moved.as_slice().expect("standard"), h, w).view(), k.view(), None, &params)?;
    let plane = |a: &Array4<f32>| a.index_axis(Axis(0), 0).index_axis(Axis(0), 0).to_owned();
    let (fx2, fgx2) = (plane(&fx), plane(&fgx));
    let margin = kh.max(kw) / 2;
    let d = shift_difference(fx2.view(), fgx2.view(), dy, dx, margin)?;
    let pool =
        |size: usize| Pool2dConfig { kind: PoolKind::Max, window: Window2d::square(size).with_stride(size) };
    let (p, pg) = (pool2d(fx.view(), &pool(2))?, pool2d(fgx.view(), &pool(2))?);
    let (g, gg) = (pool2d(fx.view(), &pool(h))?, pool2d(fgx.view(), &pool(h))?);
    let flat = |a: &Array4<f32>| a.iter().copied().collect::<Vec<f32>>();
    let raw = relative_change(&flat(&fx), &flat(&fgx))?;
    let pooled = relative_change(&flat(&p), &flat(&pg))?;
    let lines = [
        format!("equivariance interior {} everywhere {}", show(d.max_abs_interior), show(d.max_abs)),
        format!("global max {} {}", show(g[[0, 0, 0, 0]]), show(gg[[0, 0, 0, 0]])),
        format!("relative change map {} pooled {}", show(raw), show(pooled)),
    ];

    let mut s = header(
        "shift equivariance of a convolution, and what max pooling keeps",
        &["import math", "import torch", "import torch.nn.functional as F"],
    );
    s += &format!("\n{PY_SHIFT}\n");
    s += &format!(
        "x = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {h}, {w})  # the page's digit, grey levels in [0, 1]\n",
        py_list(image, w)
    );
    s += &format!(
        "k = torch.tensor({}, dtype=torch.float32).reshape(1, 1, {kh}, {kw})  # the page's kernel\n",
        py_list(kernel, kw)
    );
    s += &format!(
        r#"dy, dx = {dy}, {dx}  # g: the shift (rows down, columns right)
f = lambda t: F.conv2d(t, k, padding="same")  # f: the page's convolution (cross-correlation, "same" padding)

fx, fgx = f(x), f(shift(x, dy, dx))
# Equivariance: g(f(x)) = f(g(x)), except near the borders, where zero padding differs ({margin} cell(s) here).
interior, everywhere = largest_difference(fx[0, 0], fgx[0, 0], dy, dx, margin={margin})
print("equivariance interior", show(interior), "everywhere", show(everywhere))
# Invariance: a max over the whole map does not see where the feature was.
print("global max", show(F.max_pool2d(fx, {h})[0, 0, 0, 0], F.max_pool2d(fgx, {h})[0, 0, 0, 0]))
# How much the map changed without undoing the shift, and after a 2×2 max pool.
print("relative change map", show(relative_change(fx, fgx)), "pooled", show(relative_change(F.max_pool2d(fx, 2), F.max_pool2d(fgx, 2))))

"#
    );
    s += &expected(&lines, None);
    Ok(s)
}
