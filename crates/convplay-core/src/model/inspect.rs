//! Looking inside a model after a pass: its layers found by kind, what each computed, and the
//! units that stayed at zero (the variance argument is in `variance.rs`).

use std::collections::BTreeMap;

use ndarray::{ArrayView4, ArrayViewD, Axis};
use serde::{Deserialize, Serialize};

use super::Model;
use crate::layer::LayerKind;
use crate::measure::stats::{histogram, row_spread, summarize, Histogram, Summary};
use crate::norm::mean_var;
use crate::{ensure_arg, Error, Layer, Result};

/// Which values of a layer's last passes to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum What {
    /// Its output from the last forward pass.
    Activations,
    /// ∂loss/∂input from the last backward pass.
    Gradients,
}

/// The units of a layer's output that were 0 for every example of the last pass: a ReLU unit
/// that never fires passes no gradient back and does not learn (a "dead" unit).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadUnits {
    /// Units of one example's output (`channels · height · width`; features of a dense layer).
    pub units: usize,
    /// Units whose output was exactly 0 on every example.
    pub dead: usize,
    /// `dead / units`.
    pub fraction: f32,
    /// Examples of the last pass.
    pub examples: usize,
}

/// Summary and histogram of one layer's activations or gradients.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerStats {
    /// Count, mean, variance, extremes.
    pub summary: Summary,
    /// Counts in equal bins over the values' range.
    pub histogram: Histogram,
}

impl Model {
    /// Layer `index`, for messages from `op`.
    ///
    /// **Errors** if `index` is not below the number of layers.
    pub fn layer(&self, op: &'static str, index: usize) -> Result<&dyn Layer> {
        let n = self.layers.len();
        ensure_arg!(index < n, op, "layer", "must be below {n}, got {index}");
        Ok(self.layers[index].as_ref())
    }

    /// `"3 (activation)"`: a layer's index and kind, for messages about the `layer` argument.
    fn named(&self, index: usize) -> String {
        format!("{index} ({})", self.infos[index].kind)
    }

    /// The indices of the layers of `kind`, in order.
    pub fn layer_indices(&self, kind: LayerKind) -> Vec<usize> {
        self.infos.iter().enumerate().filter(|(_, i)| i.kind == kind.name()).map(|(i, _)| i).collect()
    }

    /// The input layer `index` saw in the last forward pass: the previous layer's output, or the
    /// model's input batch for the first layer.
    pub(super) fn layer_input(&self, index: usize) -> ArrayView4<'_, f32> {
        if index == 0 {
            self.input.view()
        } else {
            self.layers[index - 1].output()
        }
    }

    /// The last output of layer `index`, checked to exist.
    pub(super) fn last_output(&self, op: &'static str, index: usize) -> Result<ArrayView4<'_, f32>> {
        let out = self.layer(op, index)?.output();
        if out.is_empty() {
            return Err(Error::arg(
                op,
                "layer",
                format!(
                    "{} has no output yet: run a pass (probe, train or evaluate) first",
                    self.named(index)
                ),
            ));
        }
        Ok(out)
    }

    /// Largest difference between the weight rows (units) of a layer: 0 when every unit is identical.
    ///
    /// **Errors** if the layer does not exist or has no weights.
    pub fn unit_spread(&self, layer: usize) -> Result<f32> {
        const OP: &str = "unitSpread";
        let w = self
            .layer(OP, layer)?
            .params()
            .first()
            .ok_or_else(|| Error::arg(OP, "layer", format!("{} has no weights", self.named(layer))))?;
        let values: Vec<f32> = w.value.iter().copied().collect();
        row_spread(&values, w.value.shape()[0])
    }

    /// The units of layer `layer`'s last output that were 0 on every example (see [`DeadUnits`]).
    ///
    /// **Errors** if the layer does not exist or has not run yet.
    pub fn dead_units(&self, layer: usize) -> Result<DeadUnits> {
        let out = self.last_output("deadUnits", layer)?;
        let examples = out.shape()[0];
        let units = out.len() / examples.max(1);
        let mut alive = vec![false; units];
        for example in out.outer_iter() {
            for (a, &v) in alive.iter_mut().zip(example.iter()) {
                *a |= v != 0.0;
            }
        }
        let dead = alive.iter().filter(|&&a| !a).count();
        let fraction = if units == 0 { 0.0 } else { dead as f32 / units as f32 };
        Ok(DeadUnits { units, dead, fraction, examples })
    }

    /// Per-channel variance (per feature for dense data `[N, F, 1, 1]`) of layer `layer`'s last
    /// output, over the batch and the positions: biased, accumulated in f64.
    ///
    /// **Errors** if the layer does not exist or has not run yet.
    pub fn unit_variances(&self, layer: usize) -> Result<Vec<f32>> {
        let out = self.last_output("unitVariances", layer)?;
        Ok(out.axis_iter(Axis(1)).map(|channel| mean_var(channel.iter()).1 as f32).collect())
    }

    /// Summary and histogram (`bins` bins over the values' range) of layer `layer`'s last output
    /// or input gradient.
    ///
    /// **Errors** if the layer does not exist or `bins` is out of range.
    pub fn layer_stats(&self, layer: usize, what: What, bins: usize) -> Result<LayerStats> {
        let l = self.layer("layerStats", layer)?;
        let values: Vec<f32> = match what {
            What::Activations => l.output().iter().copied().collect(),
            What::Gradients => l.grad_input().iter().copied().collect(),
        };
        Ok(LayerStats { histogram: histogram(&values, bins, None)?, summary: summarize(&values) })
    }

    /// A parameter of layer `layer` by name (`"weight"`, `"bias"`, `"gamma"`, `"beta"`), or its
    /// gradient from the last backward pass.
    ///
    /// **Errors** if the layer does not exist or has no parameter of that name.
    pub fn parameter(&self, layer: usize, name: &str, grad: bool) -> Result<ArrayViewD<'_, f32>> {
        let l = self.layer("parameter", layer)?;
        let p = l.params().iter().find(|p| p.name == name).ok_or_else(|| {
            Error::arg(
                "parameter",
                "name",
                format!("{name:?} is not a parameter of layer {}", self.named(layer)),
            )
        })?;
        Ok(if grad { p.grad.view() } else { p.value.view() })
    }

    /// A layer's saved state by name (batch norm: `runningMean`, `runningVar`; empty for others).
    ///
    /// **Errors** if the layer does not exist.
    pub fn buffers(&self, layer: usize) -> Result<BTreeMap<&'static str, Vec<f32>>> {
        let l = self.layer("buffers", layer)?;
        Ok(l.buffers().into_iter().map(|(k, v)| (k, v.to_vec())).collect())
    }

    /// A layer's statistics of its last forward pass by name (batch norm: `batchMean`,
    /// `batchVar`, `usedMean`, `usedVar`; empty for others).
    ///
    /// **Errors** if the layer does not exist.
    pub fn statistics(&self, layer: usize) -> Result<BTreeMap<&'static str, Vec<f32>>> {
        let l = self.layer("statistics", layer)?;
        Ok(l.statistics().into_iter().map(|(k, v)| (k, v.to_vec())).collect())
    }

    /// A batch of images `[n, c, h, w]` of this model's input size, from flat pixels.
    ///
    /// **Errors** unless `pixels` holds a whole number (at least one) of images.
    pub fn batch_view<'a>(&self, op: &'static str, pixels: &'a [f32]) -> Result<ArrayView4<'a, f32>> {
        let [c, h, w] = self.config.input;
        let per = c * h * w;
        ensure_arg!(
            !pixels.is_empty() && pixels.len() % per == 0,
            op,
            "pixels",
            "must hold a whole number of {c}×{h}×{w} images, got {} values",
            pixels.len()
        );
        ArrayView4::from_shape((pixels.len() / per, c, h, w), pixels)
            .map_err(|e| Error::arg(op, "pixels", e.to_string()))
    }
}
