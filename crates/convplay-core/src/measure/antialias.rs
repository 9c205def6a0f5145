//! How much a subsampling layer (or a whole model) changes under 1-px shifts of the input, with
//! and without "blur, then subsample" ([`crate::pool::blur_pool2d`], Zhang 2019), over many digits.
//!
//! For a layer with step `s` the shift of `d` pixels is undone by the best whole-cell shift
//! ([`super::shift::undo_subsampled_shift`]) and what is left is measured as
//! `‖f(shift_d x) − undo(f(x))‖ / ‖f(x)‖` (0 for an all-zero map). The **curve** is that change at
//! `d = 0, 1, …, max_shift` against the unshifted digit; the **1-px sensitivity** is its mean over
//! consecutive shifts `d → d + 1` (`d < max_shift`) and over the digits. A model's output (the
//! class probabilities) is compared as it is, with nothing to undo.

use ndarray::{Array2, Array4, ArrayView2, ArrayView3, Axis};
use serde::{Deserialize, Serialize};

use super::shift::undo_subsampled_shift;
use super::transform::shift;
use crate::conv::{conv2d, Conv2dParams};
use crate::model::Model;
use crate::pool::{blur_pool2d, blur_subsample, pool2d, Pool2dConfig, PoolKind};
use crate::{ensure_arg, limits, Padding, Result, Window2d};

const OP: &str = "shiftSensitivity";
/// The largest shift measured, in pixels.
pub const MAX_SHIFT: usize = 16;

/// The subsampling layer measured: `{ kind: "maxPool", size, stride }`, `{ kind: "conv", rows,
/// cols, values, stride }` (one filter, "same" padding) or `{ kind: "convMaxPool", rows, cols,
/// values, size, stride }` (that filter at stride 1, then the max pool).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum SubsampleLayer {
    /// Max pooling over `size × size` windows, every `stride`-th.
    MaxPool {
        /// Window side.
        size: usize,
        /// Step.
        stride: usize,
    },
    /// A one-filter convolution with "same" padding, every `stride`-th position.
    Conv {
        /// Kernel rows.
        rows: usize,
        /// Kernel columns.
        cols: usize,
        /// Kernel weights, row-major.
        values: Vec<f32>,
        /// Step.
        stride: usize,
    },
    /// The filter at stride 1 ("same" padding), then max pooling over `size × size`, every `stride`-th.
    ConvMaxPool {
        /// Kernel rows.
        rows: usize,
        /// Kernel columns.
        cols: usize,
        /// Kernel weights, row-major.
        values: Vec<f32>,
        /// Window side.
        size: usize,
        /// Step.
        stride: usize,
    },
}

fn convolve(x: &Array4<f32>, rows: usize, cols: usize, values: &[f32], step: usize) -> Result<Array4<f32>> {
    ensure_arg!(
        values.len() == rows * cols,
        OP,
        "values",
        "must hold rows × cols = {} weights, got {}",
        rows * cols,
        values.len()
    );
    let k = Array4::from_shape_vec((1, 1, rows, cols), values.to_vec()).expect("checked length");
    let params = Conv2dParams { stride: (step, step), padding: Padding::Same, ..Conv2dParams::default() };
    conv2d(x.view(), k.view(), None, &params)
}

fn max_pool(x: &Array4<f32>, size: usize, stride: usize, blur: bool) -> Result<Array4<f32>> {
    let config = Pool2dConfig { kind: PoolKind::Max, window: Window2d::square(size).with_stride(stride) };
    if blur {
        blur_pool2d(x.view(), &config)
    } else {
        pool2d(x.view(), &config)
    }
}

impl SubsampleLayer {
    fn stride(&self) -> usize {
        match *self {
            SubsampleLayer::MaxPool { stride, .. }
            | SubsampleLayer::Conv { stride, .. }
            | SubsampleLayer::ConvMaxPool { stride, .. } => stride,
        }
    }

    /// The layer on one image; `blur`: at stride 1, then [`blur_subsample`] by the stride.
    pub fn apply(&self, image: ArrayView2<f32>, blur: bool) -> Result<Array2<f32>> {
        let (h, w) = image.dim();
        let x = image.to_owned().into_shape_with_order((1, 1, h, w)).expect("one plane");
        let y: Array4<f32> = match self {
            SubsampleLayer::MaxPool { size, stride } => max_pool(&x, *size, *stride, blur)?,
            SubsampleLayer::Conv { rows, cols, values, stride } if blur => {
                blur_subsample(convolve(&x, *rows, *cols, values, 1)?.view(), (*stride, *stride))?
            }
            SubsampleLayer::Conv { rows, cols, values, stride } => {
                convolve(&x, *rows, *cols, values, *stride)?
            }
            SubsampleLayer::ConvMaxPool { rows, cols, values, size, stride } => {
                max_pool(&convolve(&x, *rows, *cols, values, 1)?, *size, *stride, blur)?
            }
        };
        Ok(y.index_axis_move(Axis(0), 0).index_axis_move(Axis(0), 0))
    }
}

/// The shift sensitivity of one layer or model over a set of digits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftSensitivity {
    /// The shifts measured, in pixels: `0, 1, …, max_shift`.
    pub shifts: Vec<usize>,
    /// Mean relative change at each shift against the unshifted digit (0 at shift 0).
    pub curve: Vec<f32>,
    /// Mean relative change between consecutive 1-px shifts: the number the pages show.
    pub one_pixel: f32,
    /// Digits measured.
    pub digits: usize,
}

/// Plain against blurred, on the same digits.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlurComparison {
    /// Without the blur (the layer as it is).
    pub plain: ShiftSensitivity,
    /// With "blur, then subsample".
    pub blurred: ShiftSensitivity,
    /// `blurred.one_pixel / plain.one_pixel` (1 when both are 0).
    pub ratio: f32,
    /// `blurred.one_pixel < plain.one_pixel`: the blur made the layer less shift-sensitive.
    pub reduced: bool,
}

fn rel(a: ArrayView2<f32>, b: ArrayView2<f32>, d: usize, step: Option<usize>) -> Result<f32> {
    let norm = a.iter().map(|v| v * v).sum::<f32>().sqrt();
    let diff: Vec<f32> = match step {
        Some(s) => undo_subsampled_shift(a, b, 0, d as isize, s, 0)?.difference,
        None => a.iter().zip(b.iter()).map(|(x, y)| y - x).collect(),
    };
    let dn = diff.iter().map(|v| v * v).sum::<f32>().sqrt();
    Ok(if norm > 0.0 {
        dn / norm
    } else if dn > 0.0 {
        1.0
    } else {
        0.0
    })
}

fn check(images: &ArrayView3<f32>, max_shift: usize) -> Result<()> {
    ensure_arg!(!images.is_empty(), OP, "images", "must hold at least one digit");
    limits::at_most(OP, "images", images.len_of(Axis(0)) as u64, limits::MAX_IMAGES)?;
    ensure_arg!(
        (1..=MAX_SHIFT).contains(&max_shift),
        OP,
        "maxShift",
        "must be 1 to {MAX_SHIFT}, got {max_shift}"
    );
    let (n, h, w) = images.dim();
    let work = limits::product(&[n as u64, (max_shift + 1) as u64, h as u64, w as u64, 64]);
    limits::work(OP, "images", "this measurement", work)
}

/// Measure `f` over `images` `[n, h, w]`, shifted right by 0 to `max_shift` pixels.
fn measure(
    images: ArrayView3<f32>,
    max_shift: usize,
    step: Option<usize>,
    mut f: impl FnMut(ArrayView2<f32>) -> Result<Array2<f32>>,
) -> Result<ShiftSensitivity> {
    check(&images, max_shift)?;
    let n = images.len_of(Axis(0));
    let (mut curve, mut one) = (vec![0.0f64; max_shift + 1], 0.0f64);
    for image in images.outer_iter() {
        let outs: Vec<Array2<f32>> =
            (0..=max_shift).map(|d| f(shift(image, 0, d as isize).view())).collect::<Result<_>>()?;
        for d in 1..=max_shift {
            curve[d] += f64::from(rel(outs[0].view(), outs[d].view(), d, step)?);
            one += f64::from(rel(outs[d - 1].view(), outs[d].view(), 1, step)?);
        }
    }
    Ok(ShiftSensitivity {
        shifts: (0..=max_shift).collect(),
        curve: curve.iter().map(|c| (c / n as f64) as f32).collect(),
        one_pixel: (one / (n * max_shift) as f64) as f32,
        digits: n,
    })
}

/// The shift sensitivity of `layer` over `images` `[n, h, w]`, without (`blur` false) or with
/// "blur, then subsample".
///
/// **Errors** if there are no images or more than [`limits::MAX_IMAGES`], `max_shift` is not 1 to
/// [`MAX_SHIFT`], the layer does not fit the images or its kernel is not `rows × cols`.
pub fn layer_shift_sensitivity(
    images: ArrayView3<f32>,
    layer: &SubsampleLayer,
    max_shift: usize,
    blur: bool,
) -> Result<ShiftSensitivity> {
    ensure_arg!((1..=64).contains(&layer.stride()), OP, "stride", "must be 1 to 64, got {}", layer.stride());
    measure(images, max_shift, Some(layer.stride()), |x| layer.apply(x, blur))
}

/// [`layer_shift_sensitivity`] without and with the blur, and how they compare.
///
/// **Errors** as [`layer_shift_sensitivity`].
pub fn compare_blur(
    images: ArrayView3<f32>,
    layer: &SubsampleLayer,
    max_shift: usize,
) -> Result<BlurComparison> {
    let plain = layer_shift_sensitivity(images, layer, max_shift, false)?;
    let blurred = layer_shift_sensitivity(images, layer, max_shift, true)?;
    let ratio = if plain.one_pixel > 0.0 {
        blurred.one_pixel / plain.one_pixel
    } else if blurred.one_pixel > 0.0 {
        f32::INFINITY
    } else {
        1.0
    };
    Ok(BlurComparison { reduced: blurred.one_pixel < plain.one_pixel, plain, blurred, ratio })
}

/// The shift sensitivity of a model's class probabilities (evaluation mode) over `images`
/// `[n, h, w]`, for a model of one input channel of that size. Build the model with and without
/// `antialias` on its pools to compare.
///
/// **Errors** as [`layer_shift_sensitivity`], or if the images do not fit the model's input.
pub fn model_shift_sensitivity(
    model: &mut Model,
    images: ArrayView3<f32>,
    max_shift: usize,
) -> Result<ShiftSensitivity> {
    let (_, h, w) = images.dim();
    let input = model.config().input;
    ensure_arg!(
        input == [1, h, w],
        OP,
        "images",
        "must be 1×{}×{} digits for this model, got {h}×{w}",
        input[1],
        input[2]
    );
    measure(images, max_shift, None, |x| {
        let batch = x.to_owned().into_shape_with_order((1, 1, h, w)).expect("one image");
        model.predict(batch.view())
    })
}
