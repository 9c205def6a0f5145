//! How a pooling is configured: [`Pool2dConfig`] (the kind and the window), built from the
//! settings pages and model files write ([`PoolSettings`]); `init()` builds the layer.

use serde::{Deserialize, Serialize};

use super::{Pool2d, PoolKind, OP};
use crate::geometry::one_or_two;
use crate::{ensure_arg, ensure_shape, limits, Geometry2d, Padding, Result, Window2d};

/// What pooling computes and over which windows: the settings of the free functions and of the
/// [`Pool2d`] layer ([`Pool2dConfig::init`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Pool2dConfig {
    /// Max, average, L2 or Gaussian.
    pub kind: PoolKind,
    /// Window size, stride, dilation and padding.
    pub window: Window2d,
}

impl Pool2dConfig {
    /// Check the kind's own settings (Gaussian `sigma`).
    ///
    /// **Errors** if `sigma` is not positive and finite.
    pub fn validate(&self) -> Result<()> {
        if let PoolKind::Gaussian { sigma } = self.kind {
            ensure_arg!(
                sigma.is_finite() && sigma > 0.0,
                OP,
                "sigma",
                "must be positive and finite, got {sigma}"
            );
        }
        Ok(())
    }

    /// Validate and resolve the window against an input of shape `[N, C, H, W]`.
    ///
    /// **Errors** if the shape is not 4-D, `sigma` is invalid or the window does not fit.
    pub fn geometry(&self, input_shape: &[usize]) -> Result<Geometry2d> {
        ensure_shape!(
            input_shape.len() == 4,
            OP,
            "input must be [batch, channels, height, width], got {input_shape:?}"
        );
        self.validate()?;
        self.window.resolve(OP, input_shape[2], input_shape[3])
    }

    /// [`Pool2dConfig::geometry`], then the limits of one call over `[N, C, H, W]`: the output at
    /// most [`limits::MAX_ELEMENTS`] values and the window visits at most
    /// [`limits::MAX_MULTIPLY_ADDS`].
    ///
    /// **Errors** as [`Pool2dConfig::geometry`], or `pool2d: the output would have … values; the
    /// limit is 16,777,216`.
    pub fn checked(&self, input_shape: &[usize]) -> Result<Geometry2d> {
        let g = self.geometry(input_shape)?;
        let w = |n: usize| n as u64;
        let out = limits::product(&[w(input_shape[0]), w(input_shape[1]), w(g.out_h), w(g.out_w)]);
        limits::values(OP, "input", "the output", out, limits::MAX_ELEMENTS)?;
        limits::work(OP, "size", "this pooling", limits::product(&[out, w(g.k_h), w(g.k_w)]))?;
        Ok(g)
    }

    /// Check what a pooling layer needs beyond [`Pool2dConfig::validate`]: a kernel of 1 to 64 per
    /// side, and stride, dilation and padding within the [`crate::limits`].
    ///
    /// **Errors** naming the first setting out of range.
    pub fn validate_layer(&self) -> Result<()> {
        self.validate()?;
        let (kh, kw) = self.window.kernel;
        ensure_arg!(
            (1..=64).contains(&kh) && (1..=64).contains(&kw),
            OP,
            "kernel",
            "must be 1 to 64 on each side, got {kh}×{kw}"
        );
        self.window.validate(OP)
    }

    /// `[channels, out_h, out_w]` of a pooling layer for an input of `[channels, h, w]` — the
    /// layer's one shape rule, shared by the built layer and a model's description.
    ///
    /// **Errors** as [`Pool2dConfig::validate_layer`], or if the window does not fit.
    pub fn output_shape(&self, [c, h, w]: [usize; 3]) -> Result<[usize; 3]> {
        self.validate_layer()?;
        let g = self.geometry(&[1, c, h, w])?;
        Ok([c, g.out_h, g.out_w])
    }

    /// The pooling layer.
    ///
    /// **Errors** as [`Pool2dConfig::validate_layer`].
    pub fn init(&self) -> Result<Pool2d> {
        Pool2d::new(*self)
    }
}

/// Pooling as a page writes it, the same shape as a model's pool layer: `{ pool: { kind }, size,
/// stride?, dilation?, padding? }`, sizes a number or `[rows, columns]`; the stride defaults to
/// the size (windows that tile), the dilation to 1, the padding to none.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PoolSettings {
    /// Max, average, L2 or Gaussian.
    pub pool: PoolKind,
    /// Window size.
    #[serde(deserialize_with = "one_or_two")]
    pub size: (usize, usize),
    /// Step between windows (default: the size).
    #[serde(default, deserialize_with = "some_one_or_two")]
    pub stride: Option<(usize, usize)>,
    /// Spacing between taps (default 1).
    #[serde(default, deserialize_with = "some_one_or_two")]
    pub dilation: Option<(usize, usize)>,
    /// Zero padding (skipped cells, see [`super`]).
    #[serde(default)]
    pub padding: Padding,
}

fn some_one_or_two<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<(usize, usize)>, D::Error> {
    one_or_two(d).map(Some)
}

impl From<PoolSettings> for Pool2dConfig {
    fn from(s: PoolSettings) -> Self {
        let window = Window2d {
            kernel: s.size,
            stride: s.stride.unwrap_or(s.size),
            dilation: s.dilation.unwrap_or((1, 1)),
            padding: s.padding,
        };
        Pool2dConfig { kind: s.pool, window }
    }
}
