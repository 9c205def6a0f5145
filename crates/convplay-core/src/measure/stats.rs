//! Summary statistics and histograms of activations, weights and gradients, for the labs'
//! per-layer plots (the lecture's "activation distributions per layer" figures for each
//! initialization).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::{ensure_arg, Result};

const OP: &str = "histogram";

pub use crate::limits::MAX_BINS;

/// Count, moments and extremes of the finite values of a tensor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Number of finite values.
    pub count: usize,
    /// Mean of the finite values (0 when there are none).
    pub mean: f32,
    /// Population variance `(1/n) Σ (x − mean)²` of the finite values (0 when there are none).
    pub variance: f32,
    /// `√variance`.
    pub std: f32,
    /// Smallest finite value (0 when there are none).
    pub min: f32,
    /// Largest finite value (0 when there are none).
    pub max: f32,
    /// Number of NaN and infinite values, excluded from everything above.
    pub non_finite: usize,
    /// Number of values that are not exactly 0 (e.g. the inputs a gradient reaches).
    pub non_zero: usize,
}

/// Count, mean, population variance, extremes and non-finite count of `values` (f64 accumulation,
/// two passes).
pub fn summarize(values: &[f32]) -> Summary {
    let (mut count, mut sum) = (0usize, 0.0f64);
    let (mut min, mut max) = (f32::INFINITY, f32::NEG_INFINITY);
    for &v in values.iter().filter(|v| v.is_finite()) {
        count += 1;
        sum += v as f64;
        min = min.min(v);
        max = max.max(v);
    }
    let non_finite = values.len() - count;
    let non_zero = values.iter().filter(|&&v| v != 0.0).count();
    if count == 0 {
        return Summary {
            count,
            mean: 0.0,
            variance: 0.0,
            std: 0.0,
            min: 0.0,
            max: 0.0,
            non_finite,
            non_zero,
        };
    }
    let mean = sum / count as f64;
    let sq: f64 = values.iter().filter(|v| v.is_finite()).map(|&v| (v as f64 - mean).powi(2)).sum();
    let variance = sq / count as f64;
    Summary {
        count,
        mean: mean as f32,
        variance: variance as f32,
        std: variance.sqrt() as f32,
        min,
        max,
        non_finite,
        non_zero,
    }
}

/// Whether two results computed in different ways are the same number, value by value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    /// `same[i]`: a[i] and b[i] agree to float32 precision.
    pub same: Vec<bool>,
    /// Every pair agrees.
    pub all: bool,
    /// The largest |a[i] − b[i]|.
    pub max_abs_difference: f32,
}

/// Compare `a` and `b` value by value: they agree where |a − b| ≤ 1e-5 · max(1, |a|, |b|), the
/// rounding of float32 sums of the same products added in another order.
///
/// **Errors** if the lengths differ.
pub fn agreement(a: &[f32], b: &[f32]) -> Result<Agreement> {
    ensure_arg!(
        a.len() == b.len(),
        "agreement",
        "b",
        "must have the length of a ({}), got {}",
        a.len(),
        b.len()
    );
    let same: Vec<bool> =
        a.iter().zip(b).map(|(&x, &y)| (x - y).abs() <= 1e-5 * 1f32.max(x.abs()).max(y.abs())).collect();
    let max_abs_difference = a.iter().zip(b).map(|(&x, &y)| (x - y).abs()).fold(0.0, f32::max);
    Ok(Agreement { all: same.iter().all(|&s| s), same, max_abs_difference })
}

/// Counts of values in equal-width bins over `[lo, hi]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Histogram {
    /// Left edge of the first bin.
    pub lo: f32,
    /// Right edge of the last bin.
    pub hi: f32,
    /// Values per bin; bin `i` covers `[lo + i·w, lo + (i+1)·w)`, the last one also `hi`.
    pub counts: Vec<u32>,
    /// `counts / total` (sums to 1; all zero when no value was counted).
    pub fractions: Vec<f32>,
}

impl Histogram {
    /// Width of one bin.
    pub fn bin_width(&self) -> f32 {
        (self.hi - self.lo) / self.counts.len().max(1) as f32
    }

    /// Number of values counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&c| c as u64).sum()
    }
}

/// Histogram of the finite values of `values` in `bins` equal bins.
///
/// `range` defaults to the finite values' `min..max`. Values outside the range are counted in the
/// first or last bin. A degenerate range (`lo == hi`, e.g. all values equal) is widened to
/// `[lo − 0.5, hi + 0.5]` as NumPy does; with no finite values it is `[0, 1]`. NaN and infinities
/// are not counted (see [`Summary::non_finite`]).
///
/// **Errors** unless `1 ≤ bins ≤ 1000` and a given range is finite with `lo ≤ hi`.
pub fn histogram(values: &[f32], bins: usize, range: Option<(f32, f32)>) -> Result<Histogram> {
    ensure_arg!((1..=MAX_BINS).contains(&bins), OP, "bins", "must be 1 to {MAX_BINS}, got {bins}");
    let (lo, hi) = match range {
        Some((lo, hi)) => {
            ensure_arg!(lo.is_finite() && hi.is_finite(), OP, "range", "must be finite, got ({lo}, {hi})");
            ensure_arg!(
                matches!(lo.partial_cmp(&hi), Some(Ordering::Less | Ordering::Equal)),
                OP,
                "range",
                "must have lo ≤ hi, got ({lo}, {hi})"
            );
            (lo, hi)
        }
        None => {
            let s = summarize(values);
            if s.count == 0 {
                (0.0, 1.0)
            } else {
                (s.min, s.max)
            }
        }
    };
    let (lo, hi) = if lo < hi { (lo, hi) } else { (lo - 0.5, hi + 0.5) };
    let mut counts = vec![0u32; bins];
    let (lo64, scale) = (lo as f64, bins as f64 / (hi as f64 - lo as f64));
    let last = (bins - 1) as f64;
    for &v in values.iter().filter(|v| v.is_finite()) {
        let i = ((v as f64 - lo64) * scale).floor().clamp(0.0, last) as usize;
        counts[i] = counts[i].saturating_add(1);
    }
    let total: u64 = counts.iter().map(|&c| c as u64).sum();
    let fractions =
        counts.iter().map(|&c| if total == 0 { 0.0 } else { (c as f64 / total as f64) as f32 }).collect();
    Ok(Histogram { lo, hi, counts, fractions })
}

/// [`histogram`] with the range given as two optional ends, as a page passes them: both or
/// neither (the data's range).
///
/// **Errors** as [`histogram`], or if only one end is given.
pub fn histogram_between(values: &[f32], bins: usize, lo: Option<f32>, hi: Option<f32>) -> Result<Histogram> {
    let range = match (lo, hi) {
        (Some(lo), Some(hi)) => Some((lo, hi)),
        (None, None) => None,
        _ => return Err(crate::Error::arg(OP, "lo and hi", "must be given together")),
    };
    histogram(values, bins, range)
}

/// Largest difference between any two rows of a `rows × (len / rows)` matrix, column by column:
/// 0 means every unit of a layer has identical weights (the symmetry zero initialization never breaks).
///
/// **Errors** if `rows` is 0 or does not divide `values.len()`.
pub fn row_spread(values: &[f32], rows: usize) -> crate::Result<f32> {
    crate::ensure_arg!(
        rows >= 1 && values.len() % rows == 0,
        "rowSpread",
        "rows",
        "must divide {} values, got {rows}",
        values.len()
    );
    let cols = values.len() / rows;
    let mut spread = 0.0f32;
    for c in 0..cols {
        let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
        for r in 0..rows {
            let v = values[r * cols + c];
            lo = lo.min(v);
            hi = hi.max(v);
        }
        spread = spread.max(hi - lo);
    }
    Ok(spread)
}
