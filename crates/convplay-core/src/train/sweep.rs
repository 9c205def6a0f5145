//! A model's answer as its input moves: the probability of the true class for every shift (or
//! rotation) of one image. The lecture's invariant task, f(g(x)) = f(x) ("cat" stays "cat"),
//! measured on the output a classifier is judged by.
//!
//! ```text
//!  P(true class)
//!  1 ┤      ●●●●●●●          CNN: the maps move with the digit, pooling and the dense
//!    │    ●●      ●●●              layers still see the same parts
//!    │  ●●   ○○○     ●●
//!    │ ●    ○   ○      ●     MLP: every shift is a new vector
//!  0 ┼○○○○○○     ○○○○○○○○○
//!    └──────────┼───────────  shift (px)
//!              0
//! ```

use ndarray::{Array4, ArrayView4, ArrayViewMut3, Axis, Slice};
use serde::{Deserialize, Serialize};

use crate::limits::{self, MAX_IMAGE_SIDE, MAX_SERIES_POINTS};
use crate::measure::transform::{rotate_scale, shift};
use crate::model::Model;
use crate::{ensure_arg, Result};

const OP: &str = "transformCurve";

/// Images per forward pass of a sweep.
const CHUNK: usize = 64;

/// What moves the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Transform {
    /// Shift right by the value in pixels (left if negative); zeros move in.
    Right,
    /// Shift down by the value in pixels (up if negative).
    Down,
    /// Rotate counter-clockwise by the value in degrees about the centre (bilinear).
    Rotate,
}

/// The values swept: `−max, −max + step, …, 0, …, max` (`⌊max / step⌋` steps each side).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Sweep {
    /// What moves the image.
    pub transform: Transform,
    /// The largest shift (whole pixels, at most 1024) or rotation (degrees, at most 360).
    pub max: f32,
    /// Between two values: whole pixels (at least 1) for a shift, degrees above 0 for a rotation.
    pub step: f32,
}

/// The model's answer at every value of the sweep.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransformCurve {
    /// The shifts (pixels) or rotations (degrees), from `−max` to `max`.
    pub values: Vec<f32>,
    /// The probability of `class` at each value.
    pub probabilities: Vec<f32>,
    /// The predicted class (the most probable) at each value.
    pub predictions: Vec<u32>,
    /// Values at which the prediction is `class`.
    pub correct: usize,
    /// The run of values around 0 (the image as it is) predicted as `class`, `[lowest, highest]`;
    /// `None` if the image as it is is already misclassified.
    pub kept: Option<[f32; 2]>,
    /// The probability of `class` at 0.
    pub probability_at_zero: f32,
    /// The mean probability of `class` over the sweep.
    pub mean_probability: f32,
}

/// The values of `sweep`, from `−max` to `max`.
///
/// **Errors** if `max` or `step` is not finite, `max` is negative, `step` is not above 0, a shift
/// is not in whole pixels (`step` ≥ 1, `max` ≤ 1024), a rotation's `max` is above 360, or there
/// would be more than [`MAX_SERIES_POINTS`] values.
pub fn sweep_values(sweep: &Sweep) -> Result<Vec<f32>> {
    let Sweep { transform, max, step } = *sweep;
    ensure_arg!(max.is_finite() && max >= 0.0, OP, "sweep.max", "must be a number from 0, got {max}");
    ensure_arg!(step.is_finite() && step > 0.0, OP, "sweep.step", "must be a number above 0, got {step}");
    if transform == Transform::Rotate {
        let within = max <= 360.0;
        ensure_arg!(within, OP, "sweep.max", "must be at most 360 degrees, got {max}");
    } else {
        ensure_arg!(
            max.fract() == 0.0 && step.fract() == 0.0 && max <= MAX_IMAGE_SIDE as f32,
            OP,
            "sweep",
            "of a shift must be whole pixels, max at most {MAX_IMAGE_SIDE}, got max {max} and step {step}"
        );
    }
    // Steps each side; a rounding error of max / step (a decimal step is not exact in f32) does
    // not lose the last value.
    let side = (max as f64 / step as f64 * (1.0 + 1e-6)).floor();
    let count = 2.0 * side + 1.0;
    if count > MAX_SERIES_POINTS as f64 {
        return Err(limits::over(
            OP,
            "sweep",
            format!(
                "the sweep would have {} values; the limit is {MAX_SERIES_POINTS}",
                limits::thousands(count.min(u64::MAX as f64) as u64)
            ),
        ));
    }
    let side = side as i64;
    Ok((-side..=side).map(|k| (k as f64 * step as f64) as f32).collect())
}

/// `image` (`[c, h, w]`) moved by `value` as `transform` says, each channel alike.
fn moved(image: ArrayView4<f32>, transform: Transform, value: f32, mut out: ArrayViewMut3<f32>) {
    for (ch, mut plane) in out.outer_iter_mut().enumerate() {
        let src = image.index_axis(Axis(0), 0).index_axis_move(Axis(0), ch);
        let t = match transform {
            Transform::Right => shift(src, 0, value as isize),
            Transform::Down => shift(src, value as isize, 0),
            Transform::Rotate => rotate_scale(src, value, 1.0).expect("a checked, finite angle at scale 1"),
        };
        plane.assign(&t);
    }
}

/// The probability `model` gives `class` for `image` (one input of the model, flat `[c, h, w]`)
/// moved by every value of `sweep`, in evaluation mode.
///
/// # Shapes
/// `image` `[c · h · w]` of the model's input → `values`, `probabilities`, `predictions`
/// `[2 · ⌊max / step⌋ + 1]`.
///
/// **Errors** if `image` is not one input of the model, `class` is not one of its outputs, or the
/// sweep is invalid ([`sweep_values`]).
pub fn transform_curve(
    model: &mut Model,
    image: &[f32],
    class: usize,
    sweep: &Sweep,
) -> Result<TransformCurve> {
    let x = model.batch_view(OP, image)?;
    ensure_arg!(x.shape()[0] == 1, OP, "image", "must be one image, got {}", x.shape()[0]);
    let classes = model.classes();
    ensure_arg!(class < classes, OP, "label", "must be 0 to {}, got {class}", classes - 1);
    let values = sweep_values(sweep)?;
    let [c, h, w] = model.config().input;
    let chunk = CHUNK.min(values.len());
    model.check_batch(OP, "image", chunk)?;
    let mut batch = Array4::<f32>::zeros((chunk, c, h, w));
    let (mut probabilities, mut predictions) =
        (Vec::with_capacity(values.len()), Vec::with_capacity(values.len()));
    for part in values.chunks(chunk) {
        for (i, &v) in part.iter().enumerate() {
            moved(x, sweep.transform, v, batch.index_axis_mut(Axis(0), i));
        }
        let probs = model.predict(batch.slice_axis(Axis(0), Slice::from(..part.len())))?;
        for row in probs.outer_iter() {
            probabilities.push(row[class]);
            // The first of the largest, as `evaluate` counts.
            let best = row
                .iter()
                .enumerate()
                .fold((0, f32::NEG_INFINITY), |b, (i, &p)| if p > b.1 { (i, p) } else { b });
            predictions.push(best.0 as u32);
        }
    }
    let zero = values.len() / 2;
    let right = |i: usize| predictions[i] as usize == class;
    let kept = right(zero).then(|| {
        let lo = (0..zero).rev().take_while(|&i| right(i)).last().unwrap_or(zero);
        let hi = (zero + 1..values.len()).take_while(|&i| right(i)).last().unwrap_or(zero);
        [values[lo], values[hi]]
    });
    let mean = probabilities.iter().map(|&p| p as f64).sum::<f64>() / probabilities.len() as f64;
    Ok(TransformCurve {
        correct: (0..values.len()).filter(|&i| right(i)).count(),
        kept,
        probability_at_zero: probabilities[zero],
        mean_probability: mean as f32,
        values,
        probabilities,
        predictions,
    })
}
