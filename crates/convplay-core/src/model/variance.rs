//! The lecture's variance argument measured layer by layer after a pass.
//!
//! ```text
//! s = Σᵢ wᵢ xᵢ over n = n_in inputs:   Var(s) = n · Var(w) · E[x²]     (w zero-mean, independent)
//!                                             = n · Var(w) · Var(x)     (x zero-mean too: the lecture)
//! E[x²] = Var(x) + E[x]², so the lecture's form is low by the fraction E[x]²/E[x²]
//! ```
//!
//! Pixels, sigmoid and ReLU outputs are not zero-mean, so with them the two forms differ at every
//! layer; tanh outputs of a symmetric layer are nearly zero-mean and the forms agree.

use serde::Serialize;

use super::build::inits;
use super::Model;
use crate::init::fans;
use crate::measure::stats::summarize;
use crate::Result;

/// The relative difference `E[x]²/E[x²]` between the two forms above which a page says they
/// differ: 5 %, well above the rounding of the measured moments.
pub const FORMS_TOLERANCE: f32 = 0.05;

/// The variance argument for one weighted layer (conv2d or dense), from the last forward pass.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceRow {
    /// Index of the layer.
    pub layer: usize,
    /// `"conv2d"` or `"dense"`.
    pub kind: &'static str,
    /// Inputs per output unit (`n_in`).
    pub fan_in: usize,
    /// Outputs per input unit (`n_out`).
    pub fan_out: usize,
    /// `Var(w)` the configured initializer aims at.
    pub scheme_variance: f32,
    /// `Var(w)` of the actual (drawn, or trained) weights.
    pub weight_variance: f32,
    /// `n_in · Var(w)` the configured initializer aims at (He normal: 2): the forward factor.
    pub scheme_fan_in_times_variance: f32,
    /// `n_in · Var(w)` of the actual weights.
    pub fan_in_times_variance: f32,
    /// `n_out · Var(w)` the initializer aims at: the backward factor (Xavier: `2·n_out/(n_in + n_out)`).
    pub scheme_fan_out_times_variance: f32,
    /// `n_out · Var(w)` of the actual weights.
    pub fan_out_times_variance: f32,
    /// `E[x]` of the layer's input.
    pub input_mean: f32,
    /// `Var(x)` of the layer's input.
    pub input_variance: f32,
    /// `E[x²]` of the layer's input.
    pub input_second_moment: f32,
    /// `n_in · Var(w) · Var(x)` with the actual weights: the lecture's prediction (zero-mean inputs).
    pub predicted: f32,
    /// `n_in · Var(w) · E[x²]` with the actual weights: the prediction for inputs of any mean.
    pub predicted_exact: f32,
    /// `(predicted_exact − predicted) / predicted_exact = E[x]²/E[x²]` (0 when `E[x²] = 0`).
    pub forms_difference: f32,
    /// [`FORMS_TOLERANCE`].
    pub forms_tolerance: f32,
    /// Whether `forms_difference > forms_tolerance`: the lecture's form is too low here.
    pub forms_differ: bool,
    /// `Var(s)` of the layer's output (before any activation).
    pub output_variance: f32,
}

impl Model {
    /// One [`VarianceRow`] per conv2d and dense layer, from the last forward pass: the variance the
    /// initializer aims at, the weights' actual variance, and the input and output moments.
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
            let weight_variance = summarize(&weights).variance;
            let fan_in_times_variance = fan_in as f32 * weight_variance;
            let x: Vec<f32> = self.layer_input(i).iter().copied().collect();
            let input = summarize(&x);
            let second = x.iter().map(|&v| v as f64 * v as f64).sum::<f64>() / x.len().max(1) as f64;
            let forms_difference =
                if second > 0.0 { ((input.mean as f64).powi(2) / second).min(1.0) as f32 } else { 0.0 };
            let scheme_variance = weight_init.variance(fan_in, fan_out);
            let out: Vec<f32> = output.iter().copied().collect();
            rows.push(VarianceRow {
                layer: i,
                kind: lc.kind().name(),
                fan_in,
                fan_out,
                scheme_variance,
                weight_variance,
                scheme_fan_in_times_variance: fan_in as f32 * scheme_variance,
                fan_in_times_variance,
                scheme_fan_out_times_variance: fan_out as f32 * scheme_variance,
                fan_out_times_variance: fan_out as f32 * weight_variance,
                input_mean: input.mean,
                input_variance: input.variance,
                input_second_moment: second as f32,
                predicted: fan_in_times_variance * input.variance,
                predicted_exact: fan_in_times_variance * second as f32,
                forms_difference,
                forms_tolerance: FORMS_TOLERANCE,
                forms_differ: forms_difference > FORMS_TOLERANCE,
                output_variance: summarize(&out).variance,
            });
        }
        Ok(rows)
    }
}
