//! Receptive fields of a stack of convolution and pooling layers: which input pixels one unit
//! can see, traced back layer by layer, and the closed form of its size.
//!
//! ```text
//! size_l = size_{l−1} + (effective_kernel_l − 1) · jump_{l−1}      size_0 = 1
//! jump_l = jump_{l−1} · stride_l                                    jump_0 = 1
//! ```
//! Tracing a unit back: output rows `a..=b` of a layer read input rows
//! `a·stride − pad_top ..= b·stride − pad_top + effective_kernel − 1` (clipped to the input).

use serde::Serialize;

use crate::{ensure_arg, limits, Error, Result, Window2d};

/// A rectangle of units in one layer's output, rows and columns inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    /// First row.
    pub top: usize,
    /// First column.
    pub left: usize,
    /// Last row.
    pub bottom: usize,
    /// Last column.
    pub right: usize,
    /// Height and width of the map this region lies in.
    pub map: (usize, usize),
}

/// The closed-form receptive field after each layer (on an unbounded input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldSize {
    /// Receptive field height and width, in input pixels.
    pub size: (usize, usize),
    /// Distance in input pixels between neighbouring units (product of strides).
    pub jump: (usize, usize),
}

/// Receptive-field size and jump after every layer of `windows` (saturating: a stack whose field
/// outgrows `usize` shows `usize::MAX`; [`receptive_field_sizes`] refuses it instead).
pub fn field_sizes(windows: &[Window2d]) -> Vec<FieldSize> {
    let mut cur = FieldSize { size: (1, 1), jump: (1, 1) };
    windows
        .iter()
        .map(|w| {
            let (eff_h, eff_w) = w.span();
            let grow =
                |size: usize, eff: usize, jump: usize| size.saturating_add((eff - 1).saturating_mul(jump));
            cur = FieldSize {
                size: (grow(cur.size.0, eff_h, cur.jump.0), grow(cur.size.1, eff_w, cur.jump.1)),
                jump: (cur.jump.0.saturating_mul(w.stride.0), cur.jump.1.saturating_mul(w.stride.1)),
            };
            cur
        })
        .collect()
}

/// [`field_sizes`] of a stack a page gives: at most [`limits::MAX_LAYERS`] windows, each valid
/// ([`Window2d::validate`]), and every size and jump at most [`limits::MAX_ELEMENTS`] pixels (no
/// input the core takes is larger).
///
/// **Errors** naming the layer: `receptiveFieldSizes: stride must be at least 1, got 0×0 (layer 2)`.
pub fn receptive_field_sizes(windows: &[Window2d]) -> Result<Vec<FieldSize>> {
    const OP: &str = "receptiveFieldSizes";
    limits::at_most(OP, "layers", windows.len() as u64, limits::MAX_LAYERS)?;
    for (i, w) in windows.iter().enumerate() {
        w.validate(OP).map_err(|e| in_layer(e, i))?;
    }
    let sizes = field_sizes(windows);
    for (i, f) in sizes.iter().enumerate() {
        let widest = f.size.0.max(f.size.1).max(f.jump.0).max(f.jump.1);
        if widest > limits::MAX_ELEMENTS {
            return Err(limits::over(
                OP,
                "layers",
                format!(
                    "after layer {} a unit would see or step {} pixels; the limit is {}",
                    i + 1,
                    limits::thousands(widest as u64),
                    limits::thousands(limits::MAX_ELEMENTS as u64)
                ),
            ));
        }
    }
    Ok(sizes)
}

/// `e` with the (1-based) layer it is about appended.
fn in_layer(e: Error, i: usize) -> Error {
    match e {
        Error::InvalidArgument { op, arg, message } => {
            Error::InvalidArgument { op, arg, message: format!("{message} (layer {})", i + 1) }
        }
        Error::Limit { op, arg, message } => {
            Error::Limit { op, arg, message: format!("{message} (layer {})", i + 1) }
        }
        e => e,
    }
}

/// Trace unit `(row, col)` of the output of layer `layer` (0-based) back to the input.
///
/// Returns one region per map, input first: `regions[0]` is in the input image, `regions[k]` in
/// the output of layer `k − 1`, the last is the unit itself.
///
/// **Errors** if there are more than [`limits::MAX_LAYERS`] windows, a layer does not fit its input
/// (or the input is above [`limits::MAX_ELEMENTS`] pixels), `layer` is out of range, or the unit
/// lies outside that layer's output.
pub fn trace_back(
    input: (usize, usize),
    windows: &[Window2d],
    layer: usize,
    row: usize,
    col: usize,
) -> Result<Vec<Region>> {
    const OP: &str = "receptiveField";
    limits::at_most(OP, "layers", windows.len() as u64, limits::MAX_LAYERS)?;
    ensure_arg!(layer < windows.len(), OP, "layer", "must be below {}, got {layer}", windows.len());
    let mut geoms = Vec::with_capacity(layer + 1);
    let mut size = input;
    for w in &windows[..=layer] {
        let g = w.resolve(OP, size.0, size.1)?;
        size = (g.out_h, g.out_w);
        geoms.push(g);
    }
    ensure_arg!(
        row < size.0 && col < size.1,
        OP,
        "unit",
        "({row}, {col}) is outside the {}×{} map",
        size.0,
        size.1
    );
    let mut regions = vec![Region { top: row, left: col, bottom: row, right: col, map: size }];
    let mut r = regions[0];
    for g in geoms.iter().rev() {
        let lo = |o: usize, s: usize, pad: usize| (o * s) as isize - pad as isize;
        let hi = |o: usize, s: usize, pad: usize, k: usize, d: usize| {
            (o * s + d * (k - 1)) as isize - pad as isize
        };
        let clip = |v: isize, n: usize| v.clamp(0, n as isize - 1) as usize;
        r = Region {
            top: clip(lo(r.top, g.s_y, g.pads.top), g.in_h),
            left: clip(lo(r.left, g.s_x, g.pads.left), g.in_w),
            bottom: clip(hi(r.bottom, g.s_y, g.pads.top, g.k_h, g.d_y), g.in_h),
            right: clip(hi(r.right, g.s_x, g.pads.left, g.k_w, g.d_x), g.in_w),
            map: (g.in_h, g.in_w),
        };
        regions.push(r);
    }
    regions.reverse();
    Ok(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_3x3_convs_see_7x7() {
        let w = [Window2d::square(3); 3];
        let s = field_sizes(&w);
        assert_eq!(s.iter().map(|f| f.size.0).collect::<Vec<_>>(), vec![3, 5, 7]);
        let r = trace_back((32, 32), &w, 2, 10, 10).unwrap();
        assert_eq!(r.len(), 4);
        assert_eq!((r[0].top, r[0].bottom, r[0].left, r[0].right), (10, 16, 10, 16));
        assert_eq!(r[3].map, (26, 26));
    }

    #[test]
    fn pooling_multiplies_the_jump() {
        let w = [Window2d::square(5), Window2d::square(2).with_stride(2), Window2d::square(5)];
        let s = field_sizes(&w);
        assert_eq!(s[2], FieldSize { size: (14, 14), jump: (2, 2) });
        let r = trace_back((28, 28), &w, 2, 0, 0).unwrap();
        assert_eq!((r[0].bottom, r[0].right), (13, 13));
    }

    #[test]
    fn padding_clips_at_the_border_and_bad_units_are_errors() {
        let w = [Window2d::square(3).with_padding(crate::Padding::Same)];
        let r = trace_back((5, 5), &w, 0, 0, 0).unwrap();
        assert_eq!((r[0].top, r[0].bottom), (0, 1));
        assert!(trace_back((5, 5), &w, 0, 5, 0).is_err());
        assert!(trace_back((5, 5), &w, 1, 0, 0).is_err());
    }
}
