//! Looking at one unit of a trained model: its **effective receptive field** (Luo et al. 2016) —
//! how strongly each input pixel moves the unit, `|∂a/∂x|` averaged over a batch of digits — beside
//! its theoretical receptive field.
//!
//! ```text
//! map[r, c] = (1/N) · Σₙ Σ_channels |∂a(xₙ)/∂xₙ[channel, r, c]|          (evaluation mode)
//! extent   = rows (columns) from the 2.5 % to the 97.5 % point of the map's mass on that axis
//! spread   = √(Σ map·(r − r̄)² / Σ map), the same for columns; radius = √(spread_r² + spread_c²)
//! ```

use ndarray::{Array4, ArrayD, ArrayView4, Axis, Slice};
use serde::Serialize;

use super::describe::{describe, trace_unit};
use super::Model;
use crate::data::Dataset;
use crate::{ensure_arg, Mode, Result};

/// Share of the map's mass that the extent holds (2.5 % left out on each side).
pub const EXTENT_MASS: f64 = 0.95;

/// Rows and columns of the input, inclusive, and their count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extent {
    /// First row.
    pub top: usize,
    /// First column.
    pub left: usize,
    /// Last row.
    pub bottom: usize,
    /// Last column.
    pub right: usize,
    /// `[bottom − top + 1, right − left + 1]`.
    pub size: [usize; 2],
}

/// The theoretical receptive field of a unit of a layer before the first flatten or dense layer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Theoretical {
    /// The closed-form size on an unbounded input (`receptiveFieldSizes`).
    pub size: [usize; 2],
    /// The input pixels the unit can see, clipped to the input (`traceUnit`).
    pub region: Extent,
    /// Share of the effective field's mass inside `region` (1 up to rounding).
    pub inside: f64,
}

/// The effective receptive field of one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EffectiveField {
    /// The unit: layer, channel (feature of a dense layer), row and column of the layer's output.
    pub layer: usize,
    /// See `layer`.
    pub channel: usize,
    /// See `layer`.
    pub row: usize,
    /// See `layer`.
    pub col: usize,
    /// Digits averaged over.
    pub count: usize,
    /// `[height, width]` of the input, the map's shape.
    pub shape: [usize; 2],
    /// Mean over the digits of `|∂unit/∂pixel|` (summed over input channels), row-major.
    pub map: Vec<f32>,
    /// Σ map.
    pub total: f64,
    /// The largest value of the map.
    pub peak: f32,
    /// [`EXTENT_MASS`].
    pub mass: f64,
    /// Mass-weighted centre `[row, col]`; `None` when the map is 0 (the unit never moved).
    pub centre: Option<[f64; 2]>,
    /// The rows and columns holding [`EXTENT_MASS`] of the mass; `None` when the map is 0.
    pub extent: Option<Extent>,
    /// Standard deviation of the mass `[rows, columns]`, in pixels; `None` when the map is 0.
    pub spread: Option<[f64; 2]>,
    /// `√(spread_rows² + spread_cols²)`; `None` when the map is 0.
    pub radius: Option<f64>,
    /// The theoretical field; `None` for a flatten or dense layer and those after it (whole input).
    pub theoretical: Option<Theoretical>,
}

impl Model {
    /// Check that `(channel, row, col)` is a unit of layer `layer`'s output, for `op`.
    pub(super) fn check_unit(
        &self,
        op: &'static str,
        layer: usize,
        channel: usize,
        row: usize,
        col: usize,
    ) -> Result<()> {
        let n = self.layers.len();
        ensure_arg!(layer < n, op, "layer", "must be below {n}, got {layer}");
        let [c, h, w] = self.infos[layer].output_shape;
        let named = format!("{layer}, {}", self.infos[layer].kind);
        ensure_arg!(channel < c, op, "channel", "must be below {c} (layer {named}), got {channel}");
        ensure_arg!(row < h, op, "row", "must be below {h} (layer {named}), got {row}");
        ensure_arg!(col < w, op, "col", "must be below {w} (layer {named}), got {col}");
        Ok(())
    }

    /// The effective receptive field of unit `(channel, row, col)` of layer `layer`'s output over the
    /// first `count` images of `data`, in evaluation mode. The weights, batch norm's running averages,
    /// the random generator and every parameter gradient stay as they were; the layers then hold
    /// this batch's activations.
    ///
    /// **Errors** naming the argument: `layer`, `channel`, `row`, `col` out of range, `count` 0 or
    /// above the batch limits ([`Model::check_batch`]), `data` empty or of another image shape.
    pub fn effective_field(
        &mut self,
        data: &Dataset,
        (layer, channel, row, col): (usize, usize, usize, usize),
        count: usize,
    ) -> Result<EffectiveField> {
        const OP: &str = "effectiveField";
        self.check_unit(OP, layer, channel, row, col)?;
        ensure_arg!(count >= 1, OP, "count", "must be at least 1, got 0");
        ensure_arg!(!data.is_empty(), OP, "digits", "hold no images");
        let n = count.min(data.len());
        self.check_batch(OP, "count", n)?;
        let images = data.images();
        let [_, h, w] = self.config.input;
        ensure_arg!(
            images.shape()[1..] == self.config.input[..],
            OP,
            "digits",
            "do not fit the model's input"
        );
        let map =
            self.input_sensitivity(images.slice_axis(Axis(0), Slice::from(..n)), (layer, channel, row, col))?;
        let theoretical = self.theoretical(layer, row, col)?;
        Ok(EffectiveField::from_map(map, [h, w], (layer, channel, row, col), n, theoretical))
    }

    /// Mean over the batch of Σ_channels |∂unit/∂input|, `[h·w]`.
    fn input_sensitivity(
        &mut self,
        images: ArrayView4<f32>,
        (layer, channel, row, col): (usize, usize, usize, usize),
    ) -> Result<Vec<f64>> {
        let saved: Vec<Vec<ArrayD<f32>>> =
            self.layers.iter().map(|l| l.params().iter().map(|p| p.grad.clone()).collect()).collect();
        let rng = self.rng.clone();
        let result = self.unit_backward(images, (layer, channel, row, col));
        self.rng = rng;
        for (l, grads) in self.layers.iter_mut().zip(saved) {
            for (p, g) in l.params_mut().iter_mut().zip(grads) {
                p.grad = g;
            }
        }
        result?;
        let grad = self.layers[0].grad_input();
        let (n, h, w) = (grad.shape()[0], grad.shape()[2], grad.shape()[3]);
        let mut map = vec![0.0f64; h * w];
        for example in grad.axis_iter(Axis(0)) {
            for plane in example.axis_iter(Axis(0)) {
                for (m, g) in map.iter_mut().zip(plane.iter()) {
                    *m += g.abs() as f64;
                }
            }
        }
        map.iter_mut().for_each(|m| *m /= n as f64);
        Ok(map)
    }

    /// Forward in evaluation mode, then back-propagate a 1 at the unit (for every example) from
    /// layer `layer` down to the input.
    fn unit_backward(
        &mut self,
        images: ArrayView4<f32>,
        (layer, channel, row, col): (usize, usize, usize, usize),
    ) -> Result<()> {
        self.forward(images, Mode::Eval)?;
        let [c, h, w] = self.infos[layer].output_shape;
        let mut seed = Array4::<f32>::zeros((images.shape()[0], c, h, w));
        for i in 0..images.shape()[0] {
            seed[[i, channel, row, col]] = 1.0;
        }
        self.layers[0].set_input_gradient(true);
        for i in (0..=layer).rev() {
            let (before, rest) = self.layers.split_at_mut(i);
            let (current, after) = rest.split_first_mut().expect("index in range");
            let x = if i == 0 { self.input.view() } else { before[i - 1].output() };
            let dy = if i == layer { seed.view() } else { after[0].grad_input() };
            current.backward(x, dy)?;
        }
        Ok(())
    }

    /// The theoretical field of a unit of layer `layer`, `None` for flatten, dense and what follows.
    fn theoretical(&self, layer: usize, row: usize, col: usize) -> Result<Option<Theoretical>> {
        let description = describe(&self.config)?;
        let Some(field) = description.layers.get(layer).and_then(|l| l.receptive_field) else {
            return Ok(None);
        };
        if self.infos[..=layer].iter().any(|i| i.kind == "flatten" || i.kind == "dense") {
            return Ok(None);
        }
        let regions = trace_unit(&self.config, layer, row, col)?;
        let r = regions[0];
        Ok(Some(Theoretical {
            size: [field.size.0, field.size.1],
            region: Extent {
                top: r.top,
                left: r.left,
                bottom: r.bottom,
                right: r.right,
                size: [r.bottom - r.top + 1, r.right - r.left + 1],
            },
            inside: 0.0,
        }))
    }
}

impl EffectiveField {
    fn from_map(
        map: Vec<f64>,
        [h, w]: [usize; 2],
        (layer, channel, row, col): (usize, usize, usize, usize),
        count: usize,
        theoretical: Option<Theoretical>,
    ) -> Self {
        let total: f64 = map.iter().sum();
        let at = |r: usize, c: usize| map[r * w + c];
        let rows: Vec<f64> = (0..h).map(|r| (0..w).map(|c| at(r, c)).sum()).collect();
        let cols: Vec<f64> = (0..w).map(|c| (0..h).map(|r| at(r, c)).sum()).collect();
        let moved = total > 0.0;
        let centre = moved.then(|| [mean(&rows) / total, mean(&cols) / total]);
        let spread = centre.map(|[r0, c0]| [deviation(&rows, r0, total), deviation(&cols, c0, total)]);
        let extent = moved.then(|| {
            let (top, bottom) = quantile_span(&rows, total);
            let (left, right) = quantile_span(&cols, total);
            Extent { top, left, bottom, right, size: [bottom - top + 1, right - left + 1] }
        });
        let theoretical = theoretical.map(|mut t| {
            let g = t.region;
            let inside: f64 = (g.top..=g.bottom)
                .flat_map(|r| (g.left..=g.right).map(move |c| (r, c)))
                .map(|(r, c)| at(r, c))
                .sum();
            t.inside = if moved { inside / total } else { 1.0 };
            t
        });
        EffectiveField {
            layer,
            channel,
            row,
            col,
            count,
            shape: [h, w],
            peak: map.iter().fold(0.0f64, |m, &v| m.max(v)) as f32,
            map: map.iter().map(|&v| v as f32).collect(),
            total,
            mass: EXTENT_MASS,
            centre,
            extent,
            spread,
            radius: spread.map(|[a, b]| (a * a + b * b).sqrt()),
            theoretical,
        }
    }
}

/// Σ i·mᵢ.
fn mean(marginal: &[f64]) -> f64 {
    marginal.iter().enumerate().map(|(i, m)| i as f64 * m).sum()
}

/// √(Σ mᵢ·(i − centre)² / total).
fn deviation(marginal: &[f64], centre: f64, total: f64) -> f64 {
    (marginal.iter().enumerate().map(|(i, m)| m * (i as f64 - centre).powi(2)).sum::<f64>() / total).sqrt()
}

/// The first index whose cumulative mass reaches (1 − [`EXTENT_MASS`])/2 of `total`, and the first
/// that reaches (1 + [`EXTENT_MASS`])/2.
fn quantile_span(marginal: &[f64], total: f64) -> (usize, usize) {
    let (lo, hi) = ((1.0 - EXTENT_MASS) / 2.0 * total, (1.0 + EXTENT_MASS) / 2.0 * total);
    let mut cum = 0.0;
    let (mut first, mut last) = (None, marginal.len() - 1);
    for (i, m) in marginal.iter().enumerate() {
        cum += m;
        if first.is_none() && cum >= lo && *m > 0.0 {
            first = Some(i);
        }
        if cum >= hi {
            last = i;
            break;
        }
    }
    let first = first.unwrap_or(0);
    (first, last.max(first))
}
