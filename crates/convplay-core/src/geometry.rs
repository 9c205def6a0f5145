//! Sliding-window arithmetic shared by convolution and pooling.
//!
//! A window of `kernel` taps, spaced `dilation` apart, slides over a zero-padded input in steps
//! of `stride`. Along one axis (the other is the same):
//!
//! ```text
//! padded input:   0  0 | x0 x1 x2 x3 x4 | 0  0        pad_lo = pad_hi = 2 ("full", k = 3)
//! window at o=0:  k0 k1 k2                            first input index = o*stride - pad_lo
//! window at o=1:     k0 k1 k2
//! effective kernel = dilation*(k-1) + 1
//! out = floor((in + pad_lo + pad_hi - effective_kernel) / stride) + 1
//! ```
//!
//! This is the single place the output-size formula lives; pages ask the core for it.

use serde::{Deserialize, Deserializer, Serialize};

use crate::{ensure_arg, limits, Result};

/// A number or a `[rows, columns]` pair, as pages write strides, dilations and window sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged, expecting = "size, stride and dilation must each be a whole number or [rows, columns]")]
pub enum Pair {
    /// The same along both axes.
    One(usize),
    /// `[rows, columns]`.
    Two(usize, usize),
}

impl Pair {
    /// As `(rows, columns)`.
    pub fn get(self) -> (usize, usize) {
        match self {
            Pair::One(v) => (v, v),
            Pair::Two(y, x) => (y, x),
        }
    }
}

/// Deserialize a `(rows, columns)` field from a number or a pair (see [`Pair`]).
pub(crate) fn one_or_two<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<(usize, usize), D::Error> {
    Pair::deserialize(d).map(Pair::get)
}

/// How much zero padding surrounds the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Padding {
    /// No padding: windows lie wholly inside the input.
    #[default]
    Valid,
    /// Enough padding that `out = ceil(in / stride)` (the extra pad goes to the bottom/right).
    Same,
    /// `effective_kernel - 1` on every side: every partial overlap produces an output.
    Full,
    /// The given amount on both sides of each axis.
    Explicit {
        /// Rows of zeros above and below.
        y: usize,
        /// Columns of zeros left and right.
        x: usize,
    },
}

strict_tagged!(Padding { Valid, Same, Full } { Explicit { y: usize, x: usize } });

/// Padding resolved to amounts per side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Pads {
    /// Rows above.
    pub top: usize,
    /// Rows below.
    pub bottom: usize,
    /// Columns on the left.
    pub left: usize,
    /// Columns on the right.
    pub right: usize,
}

/// The window a convolution or pooling slides: size, stride, dilation and padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Window2d {
    /// Kernel height and width.
    pub kernel: (usize, usize),
    /// Step between windows, rows and columns.
    pub stride: (usize, usize),
    /// Spacing between kernel taps (1 = contiguous).
    pub dilation: (usize, usize),
    /// Zero padding around the input.
    pub padding: Padding,
}

impl Window2d {
    /// A square window with stride 1, dilation 1 and no padding.
    pub fn square(kernel: usize) -> Self {
        Window2d { kernel: (kernel, kernel), stride: (1, 1), dilation: (1, 1), padding: Padding::Valid }
    }

    /// Builder-style stride.
    pub fn with_stride(mut self, stride: usize) -> Self {
        self.stride = (stride, stride);
        self
    }

    /// Builder-style padding.
    pub fn with_padding(mut self, padding: Padding) -> Self {
        self.padding = padding;
        self
    }

    /// Builder-style dilation.
    pub fn with_dilation(mut self, dilation: usize) -> Self {
        self.dilation = (dilation, dilation);
        self
    }

    /// Check the window on its own, before any input: kernel, stride and dilation at least 1 and
    /// within [`limits`], the span with dilation at most [`limits::MAX_EFFECTIVE_WINDOW`], explicit
    /// padding at most [`limits::MAX_PADDING`].
    ///
    /// **Errors** naming the first setting out of range: `conv2d: padding must be at most 256 on each
    /// side, got 4,096×4,096`.
    pub fn validate(&self, op: &'static str) -> Result<()> {
        let (kh, kw) = self.kernel;
        let (sy, sx) = self.stride;
        let (dy, dx) = self.dilation;
        ensure_arg!(kh >= 1 && kw >= 1, op, "kernel", "must be at least 1×1, got {kh}×{kw}");
        ensure_arg!(sy >= 1 && sx >= 1, op, "stride", "must be at least 1, got {sy}×{sx}");
        ensure_arg!(dy >= 1 && dx >= 1, op, "dilation", "must be at least 1, got {dy}×{dx}");
        limits::sides(op, "kernel", self.kernel, limits::MAX_WINDOW_SIDE)?;
        limits::sides(op, "stride", self.stride, limits::MAX_STRIDE)?;
        limits::sides(op, "dilation", self.dilation, limits::MAX_DILATION)?;
        let (eh, ew) = self.span();
        if eh.max(ew) > limits::MAX_EFFECTIVE_WINDOW {
            return Err(limits::over(
                op,
                "dilation",
                format!(
                    "kernel {kh}×{kw} with dilation {dy}×{dx} spans {}×{} pixels; the limit is {} on each side",
                    limits::thousands(eh as u64),
                    limits::thousands(ew as u64),
                    limits::thousands(limits::MAX_EFFECTIVE_WINDOW as u64)
                ),
            ));
        }
        if let Padding::Explicit { y, x } = self.padding {
            limits::sides(op, "padding", (y, x), limits::MAX_PADDING)?;
        }
        Ok(())
    }

    /// The span of the window with its dilation, `dilation·(k − 1) + 1` per side (saturating).
    pub fn span(&self) -> (usize, usize) {
        let span = |d: usize, k: usize| d.saturating_mul(k.saturating_sub(1)).saturating_add(1);
        (span(self.dilation.0, self.kernel.0), span(self.dilation.1, self.kernel.1))
    }

    /// Resolve against an input of `in_h × in_w`.
    ///
    /// **Errors** if the window is invalid ([`Window2d::validate`]), the input is empty or larger
    /// than [`limits::MAX_ELEMENTS`], or the (padded) input is smaller than the effective kernel,
    /// so that no output would exist. `op` names the caller in the message.
    pub fn resolve(&self, op: &'static str, in_h: usize, in_w: usize) -> Result<Geometry2d> {
        let (kh, kw) = self.kernel;
        let (sy, sx) = self.stride;
        let (dy, dx) = self.dilation;
        ensure_arg!(in_h >= 1 && in_w >= 1, op, "input", "must be at least 1×1, got {in_h}×{in_w}");
        limits::shape_values(op, "input", &[in_h, in_w], limits::MAX_ELEMENTS)?;
        self.validate(op)?;
        let eff_h = dy * (kh - 1) + 1;
        let eff_w = dx * (kw - 1) + 1;
        let (top, bottom) = axis_pads(self.padding, in_h, eff_h, sy, true);
        let (left, right) = axis_pads(self.padding, in_w, eff_w, sx, false);
        let span_h = in_h + top + bottom;
        let span_w = in_w + left + right;
        ensure_arg!(
            span_h >= eff_h && span_w >= eff_w,
            op,
            "kernel",
            "{kh}×{kw} (dilation {dy}×{dx}, effective {eff_h}×{eff_w}) does not fit the padded input {span_h}×{span_w}"
        );
        Ok(Geometry2d {
            in_h,
            in_w,
            k_h: kh,
            k_w: kw,
            s_y: sy,
            s_x: sx,
            d_y: dy,
            d_x: dx,
            pads: Pads { top, bottom, left, right },
            out_h: (span_h - eff_h) / sy + 1,
            out_w: (span_w - eff_w) / sx + 1,
        })
    }
}

/// Padding before and after along one axis.
fn axis_pads(padding: Padding, input: usize, eff_k: usize, stride: usize, vertical: bool) -> (usize, usize) {
    match padding {
        Padding::Valid => (0, 0),
        Padding::Full => (eff_k - 1, eff_k - 1),
        Padding::Explicit { y, x } => {
            let p = if vertical { y } else { x };
            (p, p)
        }
        Padding::Same => {
            let out = input.div_ceil(stride);
            let total = ((out - 1) * stride + eff_k).saturating_sub(input);
            (total / 2, total - total / 2)
        }
    }
}

/// A [`Window2d`] resolved against an input size: every number needed to place a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Geometry2d {
    /// Input height.
    pub in_h: usize,
    /// Input width.
    pub in_w: usize,
    /// Kernel height.
    pub k_h: usize,
    /// Kernel width.
    pub k_w: usize,
    /// Vertical stride.
    pub s_y: usize,
    /// Horizontal stride.
    pub s_x: usize,
    /// Vertical dilation.
    pub d_y: usize,
    /// Horizontal dilation.
    pub d_x: usize,
    /// Resolved padding.
    pub pads: Pads,
    /// Output height.
    pub out_h: usize,
    /// Output width.
    pub out_w: usize,
}

impl Geometry2d {
    /// Input row under kernel row `ky` of the window at output row `oy`; negative or
    /// `>= in_h` means it falls in the zero padding.
    #[inline]
    pub fn input_row(&self, oy: usize, ky: usize) -> isize {
        (oy * self.s_y + ky * self.d_y) as isize - self.pads.top as isize
    }

    /// Input column under kernel column `kx` of the window at output column `ox`.
    #[inline]
    pub fn input_col(&self, ox: usize, kx: usize) -> isize {
        (ox * self.s_x + kx * self.d_x) as isize - self.pads.left as isize
    }

    /// `true` if `(row, col)` lies inside the (unpadded) input.
    #[inline]
    pub fn inside(&self, row: isize, col: isize) -> bool {
        row >= 0 && col >= 0 && (row as usize) < self.in_h && (col as usize) < self.in_w
    }

    /// Number of output positions.
    pub fn out_len(&self) -> usize {
        self.out_h * self.out_w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_sizes_follow_the_formula() {
        let g = Window2d::square(3).resolve("t", 5, 5).unwrap();
        assert_eq!((g.out_h, g.out_w), (3, 3));
        let g = Window2d::square(3).with_padding(Padding::Same).resolve("t", 5, 5).unwrap();
        assert_eq!((g.out_h, g.out_w, g.pads.top, g.pads.bottom), (5, 5, 1, 1));
        let g = Window2d::square(3).with_padding(Padding::Full).resolve("t", 5, 5).unwrap();
        assert_eq!((g.out_h, g.out_w), (7, 7));
        let g = Window2d::square(3).with_stride(2).with_padding(Padding::Same).resolve("t", 6, 6).unwrap();
        assert_eq!((g.out_h, g.pads.top, g.pads.bottom), (3, 0, 1));
        let g = Window2d::square(3).with_dilation(2).resolve("t", 7, 7).unwrap();
        assert_eq!(g.out_h, 3);
        let g = Window2d::square(2).with_stride(2).resolve("t", 28, 28).unwrap();
        assert_eq!(g.out_h, 14);
    }

    #[test]
    fn impossible_settings_are_errors_that_say_why() {
        let e = Window2d::square(7).resolve("conv2d", 5, 5).unwrap_err();
        assert!(e.to_string().starts_with("conv2d: kernel 7×7"), "{e}");
        let e = Window2d::square(3).with_stride(0).resolve("conv2d", 5, 5).unwrap_err();
        assert_eq!(e.to_string(), "conv2d: stride must be at least 1, got 0×0");
        assert!(Window2d::square(0).resolve("conv2d", 5, 5).is_err());
        assert!(Window2d::square(3).with_dilation(0).resolve("conv2d", 5, 5).is_err());
    }

    #[test]
    fn window_coordinates_include_padding_offset() {
        let g =
            Window2d::square(3).with_padding(Padding::Explicit { y: 1, x: 1 }).resolve("t", 4, 4).unwrap();
        assert_eq!(g.input_row(0, 0), -1);
        assert_eq!(g.input_col(3, 2), 4);
        assert!(!g.inside(-1, 0));
        assert!(g.inside(3, 3));
    }
}
