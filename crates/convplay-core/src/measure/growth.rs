//! Why MLPs explode: how a fully connected layer's weights grow with the input while a
//! convolution's stay the same, and how many samples it takes to cover the unit cube `[0, 1]^d`
//! (the lecture's curse of dimensionality, `O(1/ε^d)`).
//!
//! ```text
//!  weights (log)                        samples (log)
//!   │            dense, n_out = n_in/10  │                 •  (1/ε)^d
//!   │          ╱  slope 2: n_in²/10      │             •
//!   │       ╱ ╱ dense, 1000 units        │         •
//!   │    ╱ ╱    slope 1                  │     •
//!   │ ╱ ╱                                │ •
//!   │────────── conv: k·k·C·filters      │
//!   └──────────── n_in (log)             └──────────── d
//! ```
//!
//! Weight counts are doubles, as the page receives them: exact while below 2⁵³, rounded to the
//! nearest double above (10¹² inputs with `n_out = n_in/10` have 10²³ weights), never capped.

use serde::{Deserialize, Serialize};

use super::counts::as_number;
use crate::limits::{self, MAX_SERIES_POINTS};
use crate::{ensure_arg, Result};

const GROWTH: &str = "parameterGrowth";
const COVER: &str = "gridCover";

/// The layers compared as the input grows: `from`…`to` input neurons, `points` of them spaced
/// evenly on a logarithmic axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GrowthOptions {
    /// The smallest input, `n_in` (at least 1).
    pub from: u64,
    /// The largest input (at least `from`, at most 10¹²).
    pub to: u64,
    /// Points of the series, 2 to [`MAX_SERIES_POINTS`].
    pub points: usize,
    /// The shrinking dense layer has `n_out = ⌈n_in / ratio⌉` units (the lecture: 10).
    pub ratio: u64,
    /// The other dense layer has this many units whatever the input (the lecture: 1000).
    pub units: u64,
    /// Filters of the convolution.
    pub filters: u64,
    /// Its kernel side `k`.
    pub kernel: u64,
    /// Channels of the input (1 for grey images).
    pub channels: u64,
}

/// The three layers' weights (biases left out, as the lecture counts) for one input size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GrowthPoint {
    /// Input neurons `n_in`.
    #[serde(serialize_with = "as_number")]
    pub n_in: u64,
    /// Units of the shrinking dense layer, `⌈n_in / ratio⌉`.
    #[serde(serialize_with = "as_number")]
    pub n_out: u64,
    /// Its weights `n_in · n_out` (about `n_in² / ratio`).
    pub dense_weights: f64,
    /// Weights of the dense layer with a fixed number of units, `n_in · units`.
    pub fixed_weights: f64,
    /// Weights of the convolution, `filters · k · k · channels`: the same for every `n_in`.
    pub conv_weights: f64,
}

/// The series for a chart, the point at one input and at ten times that input.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Growth {
    /// `points` inputs from `from` to `to`, spaced evenly on a log axis (rounded, without repeats).
    pub series: Vec<GrowthPoint>,
    /// The layers at the chosen input.
    pub at: GrowthPoint,
    /// The layers at ten times the chosen input.
    pub tenfold: GrowthPoint,
    /// How many times more weights each layer has at ten times the input:
    /// `[dense, fixed, conv]` (about 100, 10 and 1: quadratic, linear, constant).
    pub factors: [f64; 3],
}

/// The three layers for an input of `n_in` neurons.
pub fn growth_point(n_in: u64, o: &GrowthOptions) -> GrowthPoint {
    let n_out = n_in.div_ceil(o.ratio.max(1));
    GrowthPoint {
        n_in,
        n_out,
        dense_weights: n_in as f64 * n_out as f64,
        fixed_weights: n_in as f64 * o.units as f64,
        conv_weights: [o.filters, o.kernel, o.kernel, o.channels].iter().map(|&v| v as f64).product(),
    }
}

/// Largest input of the growth series: 10¹² neurons (a million-by-million image).
pub const MAX_GROWTH_INPUT: u64 = 1_000_000_000_000;

/// The lecture's growth argument for the input `n_in`: the series from `options.from` to
/// `options.to`, the point at `n_in` and at `10 · n_in`, and the factors between them.
///
/// **Errors** if `n_in` or `from` is 0, `to` is below `from` or above 10¹², `points` is not 2 to
/// [`MAX_SERIES_POINTS`], `ratio`, `filters`, `kernel` or `channels` is 0.
pub fn parameter_growth(n_in: u64, o: &GrowthOptions) -> Result<Growth> {
    ensure_arg!((1..=MAX_GROWTH_INPUT).contains(&n_in), GROWTH, "nIn", "must be 1 to 10^12, got {n_in}");
    ensure_arg!(o.from >= 1, GROWTH, "options.from", "must be at least 1, got 0");
    ensure_arg!(
        (o.from..=MAX_GROWTH_INPUT).contains(&o.to),
        GROWTH,
        "options.to",
        "must be from options.from ({}) to 10^12, got {}",
        o.from,
        o.to
    );
    ensure_arg!(o.points >= 2, GROWTH, "options.points", "must be at least 2, got {}", o.points);
    limits::at_most(GROWTH, "options.points", limits::wide(o.points), MAX_SERIES_POINTS)?;
    for (name, v) in [
        ("options.ratio", o.ratio),
        ("options.filters", o.filters),
        ("options.kernel", o.kernel),
        ("options.channels", o.channels),
    ] {
        ensure_arg!(v >= 1, GROWTH, name, "must be at least 1, got 0");
    }
    let (lo, hi) = ((o.from as f64).ln(), (o.to as f64).ln());
    let mut series: Vec<GrowthPoint> = Vec::with_capacity(o.points);
    for i in 0..o.points {
        let t = i as f64 / (o.points - 1) as f64;
        let n = ((lo + t * (hi - lo)).exp().round() as u64).clamp(o.from, o.to);
        if series.last().map_or(true, |p| p.n_in != n) {
            series.push(growth_point(n, o));
        }
    }
    let (at, tenfold) = (growth_point(n_in, o), growth_point(n_in.saturating_mul(10), o));
    let ratio = |a: f64, b: f64| if a == 0.0 { 0.0 } else { b / a };
    let factors = [
        ratio(at.dense_weights, tenfold.dense_weights),
        ratio(at.fixed_weights, tenfold.fixed_weights),
        ratio(at.conv_weights, tenfold.conv_weights),
    ];
    Ok(Growth { series, at, tenfold, factors })
}

/// Samples that cover `[0, 1]^d` for one `d`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverPoint {
    /// The dimension `d`.
    pub d: u32,
    /// `n^d` samples (`n` per axis), exact up to 2⁵³; `None` (`null`) if above the largest
    /// double, about 1.8·10³⁰⁸.
    pub samples: Option<f64>,
    /// `log₁₀` of the samples, `d · log₁₀ n` (finite for every `d`).
    pub log10: f64,
}

/// A grid at spacing ε over `[0, 1]^d`: `n = ⌈1/ε⌉` samples per axis at the centres of `n` equal
/// cells, so every point of the cube is within ε/2 of a sample along each axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GridCover {
    /// The spacing asked for.
    pub epsilon: f64,
    /// Samples per axis, `⌈1/ε⌉`.
    pub per_axis: u32,
    /// The sample positions along one axis, `(i + ½) / n` (the grid of every `d` is their product).
    pub axis: Vec<f64>,
    /// One entry per asked dimension, in the order asked.
    pub points: Vec<CoverPoint>,
}

/// Smallest spacing of [`grid_cover`]: 0.001 (a thousand samples per axis).
pub const MIN_EPSILON: f64 = 0.001;

/// Samples needed to cover `[0, 1]^d` at spacing `epsilon`, for each `d` of `dims`:
/// `(1/ε)^d` (per axis `⌈1/ε⌉`; at ε = 0.1, d = 3: 1,000).
///
/// **Errors** if `epsilon` is not in [0.001, 1], `dims` is empty or longer than
/// [`MAX_SERIES_POINTS`], or a dimension is 0.
pub fn grid_cover(epsilon: f64, dims: &[u32]) -> Result<GridCover> {
    ensure_arg!(
        epsilon.is_finite() && (MIN_EPSILON..=1.0).contains(&epsilon),
        COVER,
        "epsilon",
        "must be 0.001 to 1, got {epsilon}"
    );
    ensure_arg!(!dims.is_empty(), COVER, "dims", "must list at least one dimension");
    limits::at_most(COVER, "dims", limits::wide(dims.len()), MAX_SERIES_POINTS)?;
    ensure_arg!(dims.iter().all(|&d| d >= 1), COVER, "dims", "must be at least 1 each, got 0");
    // 1/ε rounded up, forgiving the rounding of a decimal ε (1/0.1 is 10, not 11).
    let per_axis = (1.0 / epsilon - 1e-9).ceil().max(1.0) as u32;
    let n = per_axis as f64;
    let axis = (0..per_axis).map(|i| (i as f64 + 0.5) / n).collect();
    let points = dims
        .iter()
        .map(|&d| {
            // n^d by repeated multiplication (exact while below 2⁵³); past 1,100 dimensions any
            // n ≥ 2 is beyond a double.
            let samples = if n == 1.0 {
                1.0
            } else if d <= 1100 {
                n.powi(d as i32)
            } else {
                f64::INFINITY
            };
            CoverPoint { d, samples: samples.is_finite().then_some(samples), log10: d as f64 * n.log10() }
        })
        .collect();
    Ok(GridCover { epsilon, per_axis, axis, points })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lecture() -> GrowthOptions {
        GrowthOptions {
            from: 10,
            to: 10_000_000,
            points: 61,
            ratio: 10,
            units: 1000,
            filters: 1,
            kernel: 3,
            channels: 1,
        }
    }

    #[test]
    fn the_lectures_growth_numbers() {
        let g = parameter_growth(1_000_000, &lecture()).unwrap();
        // 1000×1000 grey image, 1000 hidden units: 10⁹ weights.
        assert_eq!(g.at.fixed_weights, 1e9);
        // n_out = n_in / 10: n_in² / 10.
        assert_eq!(g.at.n_out, 100_000);
        assert_eq!(g.at.dense_weights, 1e11);
        assert_eq!(g.at.conv_weights, 9.0);
        assert_eq!(g.tenfold.conv_weights, 9.0);
        assert_eq!(g.factors, [100.0, 10.0, 1.0]);
        assert_eq!(g.series.first().unwrap().n_in, 10);
        assert_eq!(g.series.last().unwrap().n_in, 10_000_000);
        assert!(g.series.windows(2).all(|w| w[0].n_in < w[1].n_in));
        // A 28×28 digit: ⌈784/10⌉ = 79 units.
        assert_eq!(growth_point(784, &lecture()).dense_weights, (784 * 79) as f64);
    }

    #[test]
    fn growth_arguments_are_checked() {
        let o = lecture();
        assert!(parameter_growth(0, &o).is_err());
        assert!(parameter_growth(MAX_GROWTH_INPUT + 1, &o).is_err());
        assert!(parameter_growth(5, &GrowthOptions { to: 5, ..o }).is_err());
        assert!(parameter_growth(5, &GrowthOptions { points: 1, ..o }).is_err());
        assert!(parameter_growth(5, &GrowthOptions { points: MAX_SERIES_POINTS + 1, ..o }).is_err());
        assert!(parameter_growth(5, &GrowthOptions { ratio: 0, ..o }).is_err());
        assert!(parameter_growth(5, &GrowthOptions { kernel: 0, ..o }).is_err());
        // A single input size repeats: one point.
        let one = parameter_growth(5, &GrowthOptions { from: 5, to: 5, ..o }).unwrap();
        assert_eq!(one.series.len(), 1);
        // Never capped: 10¹³ inputs with n_out = n_in/10 have 10²⁵ weights, 10¹² ones 10²³.
        let huge = parameter_growth(MAX_GROWTH_INPUT, &o).unwrap();
        assert_eq!(huge.at.dense_weights, 1e23);
        assert_eq!(huge.tenfold.dense_weights, 1e25);
        assert!((huge.factors[0] - 100.0).abs() < 1e-9);
        assert!(growth_point(u64::MAX, &o).dense_weights.is_finite());
    }

    #[test]
    fn the_lectures_cover_numbers() {
        let c = grid_cover(0.1, &[1, 2, 3, 10]).unwrap();
        assert_eq!(c.per_axis, 10);
        let samples: Vec<_> = c.points.iter().map(|p| p.samples.unwrap()).collect();
        assert_eq!(samples, [10.0, 100.0, 1000.0, 1e10]);
        assert!((c.points[2].log10 - 3.0).abs() < 1e-12);
        assert_eq!(c.axis.len(), 10);
        assert!((c.axis[0] - 0.05).abs() < 1e-12 && (c.axis[9] - 0.95).abs() < 1e-12);
        // Spacing 0.3: 4 per axis (cells of 0.25 ≤ 0.3).
        assert_eq!(grid_cover(0.3, &[2]).unwrap().points[0].samples, Some(16.0));
        assert_eq!(grid_cover(0.5, &[1]).unwrap().axis, vec![0.25, 0.75]);
        // Beyond a double: no count, still its logarithm.
        let far = grid_cover(0.1, &[784]).unwrap().points[0];
        assert_eq!(far.samples, None);
        assert!((far.log10 - 784.0).abs() < 1e-9);
    }

    #[test]
    fn cover_arguments_are_checked() {
        assert!(grid_cover(0.0, &[1]).is_err());
        assert!(grid_cover(f64::NAN, &[1]).is_err());
        assert!(grid_cover(1.5, &[1]).is_err());
        assert!(grid_cover(0.1, &[]).is_err());
        assert!(grid_cover(0.1, &[0]).is_err());
        assert!(grid_cover(0.1, &vec![1; MAX_SERIES_POINTS + 1]).is_err());
        assert_eq!(grid_cover(1.0, &[5]).unwrap().points[0].samples, Some(1.0));
    }
}
