//! A model's test accuracy when every test image is moved right by `s` pixels (cells moved in from
//! outside are 0), for `s = 0..=max`: how much a network's answers survive a small shift — with
//! plain max pooling (`mp2`) against blur, then subsample (`mp2b`).
//!
//! ```text
//!  accuracy
//!   1 ┤●──●─○
//!     │     ●─○─○      ○ blur, then subsample
//!     │        ●─●     ● max pool
//!   0 └┬──┬──┬──┬──┬── shift (px)
//!      0  1  2  3  4
//! ```

use ndarray::{Array4, Axis, Slice};
use serde::Serialize;

use super::evaluate::{evaluate, EvalOptions};
use crate::data::Dataset;
use crate::measure::transform::shift;
use crate::model::Model;
use crate::{ensure_arg, Result};

/// The largest shift [`shifted_accuracy`] takes (pixels).
pub const MAX_ACCURACY_SHIFT: usize = 8;

/// Accuracy at one shift.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftAccuracy {
    /// Pixels moved right.
    pub shift: usize,
    /// Fraction of the shifted test images classified correctly.
    pub accuracy: f32,
}

/// Accuracy at every shift `0..=max` and the mean over the shifts of at least one pixel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftedAccuracy {
    /// One entry per shift, from 0 to `max`.
    pub shifts: Vec<ShiftAccuracy>,
    /// Mean accuracy over shifts 1 to `max` (the accuracy at 0 if `max` is 0).
    pub mean_shifted: f32,
    /// Test images evaluated at each shift.
    pub count: usize,
}

/// `data`'s first `limit` images (0 = all), every channel moved right by `s` pixels.
fn shifted(data: &Dataset, n: usize, s: usize) -> Result<Dataset> {
    let src = data.images().slice_axis_move(Axis(0), Slice::from(..n));
    let mut out = Array4::zeros(src.raw_dim());
    for (mut o, i) in out.outer_iter_mut().zip(src.outer_iter()) {
        for (mut oc, ic) in o.outer_iter_mut().zip(i.outer_iter()) {
            oc.assign(&shift(ic, 0, s as isize));
        }
    }
    Dataset::new(out, data.labels()[..n].to_vec(), data.classes())
}

/// `model`'s accuracy on the first `limit` images of `data` (0 = all) moved right by `0..=max`
/// pixels, in evaluation mode, the model unchanged ([`evaluate`] at every shift).
///
/// **Errors** if `max` is above [`MAX_ACCURACY_SHIFT`], the data is empty, and as [`evaluate`].
pub fn shifted_accuracy(
    model: &mut Model,
    data: &Dataset,
    max: usize,
    limit: usize,
) -> Result<ShiftedAccuracy> {
    const OP: &str = "shiftedAccuracy";
    ensure_arg!(max <= MAX_ACCURACY_SHIFT, OP, "max", "must be 0 to {MAX_ACCURACY_SHIFT}, got {max}");
    ensure_arg!(!data.is_empty(), OP, "data", "is empty");
    let n = if limit == 0 { data.len() } else { limit.min(data.len()) };
    let options = EvalOptions { limit: 0, batch_size: None };
    let mut shifts = Vec::with_capacity(max + 1);
    for s in 0..=max {
        let moved = shifted(data, n, s)?;
        let accuracy = evaluate(model, &moved, &options)?.accuracy;
        shifts.push(ShiftAccuracy { shift: s, accuracy });
    }
    let moved: Vec<f32> = shifts.iter().skip(1).map(|a| a.accuracy).collect();
    let mean_shifted =
        if moved.is_empty() { shifts[0].accuracy } else { moved.iter().sum::<f32>() / moved.len() as f32 };
    Ok(ShiftedAccuracy { shifts, mean_shifted, count: n })
}
