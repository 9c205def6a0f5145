//! The digits that excite a filter most: the largest value of its feature map on each digit, in
//! evaluation mode, largest first.

use ndarray::{Axis, Slice};
use serde::Serialize;

use super::Model;
use crate::data::Dataset;
use crate::{ensure_arg, limits, Mode, Result};

/// Digits pushed through the model at once.
const SCAN_BATCH: usize = 256;

/// One digit and how strongly it excites a filter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Excitation {
    /// Index of the digit in the data.
    pub index: usize,
    /// Its label.
    pub label: usize,
    /// The largest value of the filter's feature map on it (evaluation mode).
    pub value: f32,
}

impl Model {
    /// The `k` images among the first `limit` of `data` (0 = all) on which channel `channel` of layer
    /// `layer`'s output reaches its largest values (evaluation mode), largest first, ties by index.
    ///
    /// **Errors** naming the argument: `layer` or `channel` out of range, `k` 0 or above
    /// [`limits::MAX_BATCH`], `digits` empty or of another image shape.
    pub fn top_activations(
        &mut self,
        data: &Dataset,
        layer: usize,
        channel: usize,
        k: usize,
        limit: usize,
    ) -> Result<Vec<Excitation>> {
        const OP: &str = "topActivations";
        self.check_unit(OP, layer, channel, 0, 0)?;
        ensure_arg!(k >= 1, OP, "k", "must be at least 1, got 0");
        limits::at_most(OP, "k", k as u64, limits::MAX_BATCH)?;
        ensure_arg!(!data.is_empty(), OP, "digits", "hold no images");
        let images = data.images();
        ensure_arg!(
            images.shape()[1..] == self.config.input[..],
            OP,
            "digits",
            "do not fit the model's input"
        );
        let n = if limit == 0 { data.len() } else { limit.min(data.len()) };
        let mut chunk = SCAN_BATCH.min(n);
        while chunk > 1 && self.check_batch(OP, "limit", chunk).is_err() {
            chunk /= 2;
        }
        self.check_batch(OP, "limit", chunk)?;
        let mut scored: Vec<Excitation> = Vec::with_capacity(n);
        for start in (0..n).step_by(chunk) {
            let end = (start + chunk).min(n);
            self.forward(images.slice_axis(Axis(0), Slice::from(start..end)), Mode::Eval)?;
            let out = self.layers[layer].output();
            for (i, example) in out.axis_iter(Axis(0)).enumerate() {
                let value =
                    example.index_axis(Axis(0), channel).iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
                scored.push(Excitation { index: start + i, label: data.labels()[start + i], value });
            }
        }
        scored.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.index.cmp(&b.index)));
        scored.truncate(k);
        Ok(scored)
    }
}
