//! Looking inside a model after a pass: its layers found by kind, what each computed, and the
//! lecture's variance argument measured layer by layer.
//!
//! ```text
//! s = Σᵢ wᵢ xᵢ over n = fan_in inputs:   Var(s) = n · Var(w) · E[x²]     (w zero-mean, independent)
//!                                               ≈ n · Var(w) · Var(x)     (x zero-mean too: the lecture)
//! ```

use std::collections::BTreeMap;

use ndarray::{ArrayView4, ArrayViewD, Axis};
use serde::{Deserialize, Serialize};

use super::build::inits;
use super::Model;
use crate::init::fans;
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

/// Summary and histogram of one layer's activations or gradients.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerStats {
    /// Count, mean, variance, extremes.
    pub summary: Summary,
    /// Counts in equal bins over the values' range.
    pub histogram: Histogram,
}

/// The variance argument for one weighted layer (conv2d or dense), from the last forward pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceRow {
    /// Index of the layer.
    pub layer: usize,
    /// `"conv2d"` or `"dense"`.
    pub kind: &'static str,
    /// Inputs per output unit.
    pub fan_in: usize,
    /// Outputs per input unit.
    pub fan_out: usize,
    /// `fan_in · Var(w)` the configured initializer aims at (He normal: 2).
    pub scheme_fan_in_times_variance: f32,
    /// `fan_in · Var(w)` of the actual weights.
    pub fan_in_times_variance: f32,
    /// `Var(x)` of the layer's input.
    pub input_variance: f32,
    /// `E[x²]` of the layer's input.
    pub input_second_moment: f32,
    /// `fan_in · Var(w) · Var(x)`: the lecture's prediction (zero-mean inputs).
    pub predicted: f32,
    /// `fan_in · Var(w) · E[x²]`: the prediction for inputs of any mean.
    pub predicted_exact: f32,
    /// `Var(s)` of the layer's output (before any activation).
    pub output_variance: f32,
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
    fn layer_input(&self, index: usize) -> ArrayView4<'_, f32> {
        if index == 0 {
            self.input.view()
        } else {
            self.layers[index - 1].output()
        }
    }

    /// The last output of layer `index`, checked to exist.
    fn last_output(&self, op: &'static str, index: usize) -> Result<ArrayView4<'_, f32>> {
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

    /// One [`VarianceRow`] per conv2d and dense layer, from the last forward pass: the variance the
    /// initializer aims at, the weights' actual variance, and the input and output variances.
    ///
    /// **Errors** if no forward pass has run yet.
    pub fn variance_report(&self) -> Result<Vec<VarianceRow>> {
        const OP: &str = "varianceReport";
        let mut rows = Vec::new();
        for (i, lc) in self.config.layers.iter().enumerate() {
            let Some((weight_init, _)) = inits(lc) else { continue };
            let output = self.last_output(OP, i)?;
            let w = &self.layers[i].params()[0].value;
            let (fan_in, fan_out) = fans(w.shape())?;
            let weights: Vec<f32> = w.iter().copied().collect();
            let fan_in_times_variance = fan_in as f32 * summarize(&weights).variance;
            let x: Vec<f32> = self.layer_input(i).iter().copied().collect();
            let input_variance = summarize(&x).variance;
            let second = x.iter().map(|&v| v as f64 * v as f64).sum::<f64>() / x.len().max(1) as f64;
            let out: Vec<f32> = output.iter().copied().collect();
            rows.push(VarianceRow {
                layer: i,
                kind: lc.kind().name(),
                fan_in,
                fan_out,
                scheme_fan_in_times_variance: fan_in as f32 * weight_init.variance(fan_in, fan_out),
                fan_in_times_variance,
                input_variance,
                input_second_moment: second as f32,
                predicted: fan_in_times_variance * input_variance,
                predicted_exact: fan_in_times_variance * second as f32,
                output_variance: summarize(&out).variance,
            });
        }
        Ok(rows)
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
