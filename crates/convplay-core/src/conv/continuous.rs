//! Convolution of two functions of time, where the lecture starts:
//!
//! ```text
//!  y(t) = (x ∗ h)(t) = ∫ x(τ) · h(t − τ) dτ        h(τ) → flip h(−τ) → slide h(t − τ) → multiply → integrate
//! ```
//!
//! The signals are causal (zero before 0): a box `height` on `[0, width)`, and the impulse
//! response of a first-order system `height · e^{−t/τ} u(t)`. For each pair the integral is
//! known exactly ([`exact`]): box ∗ box is a triangle (equal widths `w`, heights `a`, `b`: peak
//! `a·b·w` at `t = w`) or a trapezoid, box ∗ exponential the charge and discharge of an RC
//! circuit, exponential ∗ exponential `a·b·t·e^{−t/τ}` (equal τ). [`integral`] computes it
//! numerically (Simpson's rule on the overlap, where the product is smooth), and
//! [`sampled_sum`] the discrete sum of the signals sampled every `Δ`:
//!
//! ```text
//!  y_Δ(t) = Δ · Σ_k x(kΔ) · h(t − kΔ)       at t = nΔ: Δ · (x[·] ∗ h[·])[n], the convolution sum
//! ```
//!
//! which approaches the integral as `Δ` shrinks (a Riemann sum: its error shrinks like `Δ`).

use serde::{Deserialize, Serialize};

use crate::{ensure_arg, limits, Result};

const OP: &str = "continuousConv";

/// A causal signal of continuous time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Signal {
    /// `height` for `0 ≤ t < width`, 0 elsewhere.
    Box {
        /// Length of the box (0.01 to 100).
        width: f64,
        /// Its value (finite, at most 1000 in size).
        height: f64,
    },
    /// `height · e^{−t/τ}` for `t ≥ 0`, 0 before: the impulse response of a first-order system.
    Exponential {
        /// Time constant τ (0.01 to 100).
        tau: f64,
        /// The value at `t = 0` (finite, at most 1000 in size).
        height: f64,
    },
}

strict_tagged!(Signal {} { Box { width: f64, height: f64 }, Exponential { tau: f64, height: f64 } });

/// Where the plots of an exponential end: `5τ`, where it has fallen below 1% of its start.
pub const EXPONENTIAL_SHOWN: f64 = 5.0;
/// Simpson intervals of [`integral`] on the overlap.
pub const SIMPSON_INTERVALS: usize = 256;

impl Signal {
    /// The value at `t`.
    pub fn at(&self, t: f64) -> f64 {
        match *self {
            Signal::Box { width, height } => {
                if (0.0..width).contains(&t) {
                    height
                } else {
                    0.0
                }
            }
            Signal::Exponential { tau, height } => {
                if t >= 0.0 {
                    height * (-t / tau).exp()
                } else {
                    0.0
                }
            }
        }
    }

    /// Where the signal ends: `width`, or infinity for an exponential.
    pub fn end(&self) -> f64 {
        match *self {
            Signal::Box { width, .. } => width,
            Signal::Exponential { .. } => f64::INFINITY,
        }
    }

    /// Where its plot ends: `width`, or [`EXPONENTIAL_SHOWN`]`·τ`.
    pub fn shown_end(&self) -> f64 {
        match *self {
            Signal::Box { width, .. } => width,
            Signal::Exponential { tau, .. } => EXPONENTIAL_SHOWN * tau,
        }
    }

    /// **Errors** unless the size is 0.01 to 100 and the height finite and at most 1000 in size.
    pub fn check(&self, arg: &'static str) -> Result<()> {
        let (size, height, name) = match *self {
            Signal::Box { width, height } => (width, height, "width"),
            Signal::Exponential { tau, height } => (tau, height, "tau"),
        };
        ensure_arg!((0.01..=100.0).contains(&size), OP, arg, "{name} must be 0.01 to 100, got {size}");
        ensure_arg!(
            height.is_finite() && height.abs() <= 1000.0,
            OP,
            arg,
            "height must be −1000 to 1000, got {height}"
        );
        Ok(())
    }
}

/// `[lo, hi]`: the τ where both `x(τ)` and `h(t − τ)` may be non-zero, or `None`.
pub fn overlap(x: &Signal, h: &Signal, t: f64) -> Option<[f64; 2]> {
    let (lo, hi) = (0.0f64.max(t - h.end()), x.end().min(t));
    (lo < hi).then_some([lo, hi])
}

/// `∫ a·e^{−(t−s)/τ} ds` over `[s0, s1]` times `b`: the box ∗ exponential integral.
fn box_exponential(a: f64, b: f64, tau: f64, width: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let s1 = t.min(width);
    a * b * tau * ((-(t - s1) / tau).exp() - (-t / tau).exp())
}

/// `(x ∗ h)(t)` in closed form.
pub fn exact(x: &Signal, h: &Signal, t: f64) -> f64 {
    use Signal::{Box, Exponential};
    match (*x, *h) {
        (Box { width: w1, height: a }, Box { width: w2, height: b }) => {
            a * b * (t.min(w1) - 0.0f64.max(t - w2)).max(0.0)
        }
        (Box { width, height: a }, Exponential { tau, height: b })
        | (Exponential { tau, height: b }, Box { width, height: a }) => box_exponential(a, b, tau, width, t),
        (Exponential { tau: t1, height: a }, Exponential { tau: t2, height: b }) => {
            if t <= 0.0 {
                return 0.0;
            }
            // ∫₀ᵗ e^{−s/τ₁} e^{−(t−s)/τ₂} ds = e^{−t/τ₂} (1 − e^{−kt}) / k, k = 1/τ₁ − 1/τ₂; near k = 0
            // its series, so equal time constants give t·e^{−t/τ}.
            let k = 1.0 / t1 - 1.0 / t2;
            let kt = k * t;
            let factor =
                if kt.abs() < 1e-4 { t * (1.0 - kt / 2.0 + kt * kt / 6.0) } else { -(-kt).exp_m1() / k };
            a * b * (-t / t2).exp() * factor
        }
    }
}

/// `(x ∗ h)(t)` by Simpson's rule with [`SIMPSON_INTERVALS`] intervals on the [`overlap`].
pub fn integral(x: &Signal, h: &Signal, t: f64) -> f64 {
    let Some([lo, hi]) = overlap(x, h, t) else { return 0.0 };
    let n = SIMPSON_INTERVALS;
    let step = (hi - lo) / n as f64;
    // The product's limits at the ends of the overlap: evaluated a hair inside, so a box's
    // half-open end counts with its value.
    let inset = (hi - lo) * 1e-12;
    let f = |s: f64| {
        let s = s.clamp(lo + inset, hi - inset);
        x.at(s) * h.at(t - s)
    };
    let inner: f64 = (1..n).map(|i| f(lo + i as f64 * step) * if i % 2 == 1 { 4.0 } else { 2.0 }).sum();
    (f(lo) + inner + f(hi)) * step / 3.0
}

/// `Δ · Σ_k x(kΔ) · h(t − kΔ)` over `k = 0 … ⌊t/Δ⌋` (see the module's formula).
pub fn sampled_sum(x: &Signal, h: &Signal, t: f64, step: f64) -> f64 {
    if t < 0.0 {
        return 0.0;
    }
    // A hair over t / Δ, so that t = nΔ computed in floating point includes its k = n.
    let last = (t / step * (1.0 + 1e-12)).floor() as u64;
    (0..=last).map(|k| x.at(k as f64 * step) * h.at(t - k as f64 * step)).sum::<f64>() * step
}

/// What to compute: the time `t`, the step `Δ` and the points of each curve.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct ContinuousOptions {
    /// Where the flipped `h` has slid to (finite, at most 10,000 in size).
    pub t: f64,
    /// The sampling step `Δ` (0.001 to 100).
    pub step: f64,
    /// Points of each curve (2 to 4096).
    pub points: usize,
}

impl Default for ContinuousOptions {
    fn default() -> Self {
        ContinuousOptions { t: 1.0, step: 0.25, points: 401 }
    }
}

/// One row of the convergence table: the discrete sum at the sample time for a step.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Convergence {
    /// `Δ`.
    pub step: f64,
    /// [`sampled_sum`] at the sample time.
    pub sum: f64,
    /// `sum − exact` at the sample time.
    pub error: f64,
}

/// Steps of the convergence table: `Δ, Δ/2, …, Δ/32`.
pub const CONVERGENCE_ROWS: usize = 6;

/// Everything the continuous-time section shows for `x`, `h` and the options.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContinuousConv {
    /// The time.
    pub t: f64,
    /// [`exact`] at `t`.
    pub exact: f64,
    /// [`integral`] at `t`.
    pub integral: f64,
    /// [`overlap`] at `t`.
    pub overlap: Option<[f64; 2]>,
    /// `Δ`.
    pub step: f64,
    /// `n`: the sample nearest `t`, `round(t / Δ)` (negative before 0, where every sum is 0).
    pub sample: i64,
    /// `nΔ`, where the discrete sum is compared with the integral.
    pub sample_time: f64,
    /// [`exact`] at `nΔ`.
    pub sample_exact: f64,
    /// The discrete sum at `nΔ`: `Δ · (x[·] ∗ h[·])[n]` ([`sampled_sum`]).
    pub sum: f64,
    /// The time axis of the plots: from `−(end of h)` to the end of `x ∗ h` (exponentials to 5τ).
    pub span: [f64; 2],
    /// `points` times over `span` (τ in the flip-and-slide plot, t in the result's).
    pub times: Vec<f64>,
    /// `x(τ)` at `times`.
    pub x: Vec<f64>,
    /// `h(t − τ)` at `times`: `h` flipped and slid to `t`.
    pub slid: Vec<f64>,
    /// `x(τ) · h(t − τ)` at `times`: what is integrated.
    pub product: Vec<f64>,
    /// `(x ∗ h)` at `times`, exact.
    pub curve: Vec<f64>,
    /// `nΔ` for `n = 0 … ⌊span end / Δ⌋`.
    pub sample_times: Vec<f64>,
    /// `Δ · (x[·] ∗ h[·])[n] = Δ · Σ_k x[k]·h[n − k]`: the convolution sum of the sampled signals
    /// (what [`crate::conv::signal::conv1d`] computes), times `Δ`.
    pub samples: Vec<f64>,
    /// The discrete sum at `nΔ` for `Δ, Δ/2, …` ([`CONVERGENCE_ROWS`] rows; `nΔ` is on every
    /// one of their grids, so each row is a convolution sum of samples).
    pub convergence: Vec<Convergence>,
}

/// Compute [`ContinuousConv`].
///
/// **Errors** if a signal is out of range ([`Signal::check`]), `t`, `step` or `points` is out of
/// range, or the sampled signals' convolution is over [`limits::MAX_MULTIPLY_ADDS`].
pub fn continuous_conv(x: &Signal, h: &Signal, o: &ContinuousOptions) -> Result<ContinuousConv> {
    x.check("x")?;
    h.check("h")?;
    ensure_arg!(o.t.is_finite() && o.t.abs() <= 10_000.0, OP, "t", "must be −10,000 to 10,000, got {}", o.t);
    ensure_arg!((0.001..=100.0).contains(&o.step), OP, "step", "must be 0.001 to 100, got {}", o.step);
    ensure_arg!((2..=4096).contains(&o.points), OP, "points", "must be 2 to 4096, got {}", o.points);
    let span = [-h.shown_end(), x.shown_end() + h.shown_end()];
    let n = (span[1] / o.step).floor() as u64 + 1;
    limits::work(OP, "step", "the convolution of the sampled signals", n.saturating_mul(n))?;
    // The convergence sums visit t / (Δ/32) samples at most.
    let finest = o.step / (1u64 << (CONVERGENCE_ROWS - 1)) as f64;
    limits::work(
        OP,
        "step",
        "the convergence sums",
        ((o.t.max(0.0) / finest) as u64 + 1) * CONVERGENCE_ROWS as u64,
    )?;

    let times: Vec<f64> =
        (0..o.points).map(|i| span[0] + (span[1] - span[0]) * i as f64 / (o.points - 1) as f64).collect();
    let slid: Vec<f64> = times.iter().map(|&s| h.at(o.t - s)).collect();
    let xs: Vec<f64> = times.iter().map(|&s| x.at(s)).collect();
    let product = xs.iter().zip(&slid).map(|(a, b)| a * b).collect();
    let curve = times.iter().map(|&s| exact(x, h, s)).collect();

    let sample_times: Vec<f64> = (0..n).map(|k| k as f64 * o.step).collect();
    let (x_samples, h_samples): (Vec<f64>, Vec<f64>) =
        sample_times.iter().map(|&t| (x.at(t), h.at(t))).unzip();
    // The convolution sum of the samples (causal: k from 0 to n), times Δ.
    let samples = (0..n as usize)
        .map(|m| (0..=m).map(|k| x_samples[k] * h_samples[m - k]).sum::<f64>() * o.step)
        .collect();

    let sample = (o.t / o.step).round() as i64;
    let sample_time = sample as f64 * o.step;
    let sample_exact = exact(x, h, sample_time);
    let convergence = (0..CONVERGENCE_ROWS)
        .map(|i| {
            let step = o.step / (1u64 << i) as f64;
            let sum = sampled_sum(x, h, sample_time, step);
            Convergence { step, sum, error: sum - sample_exact }
        })
        .collect();
    Ok(ContinuousConv {
        t: o.t,
        exact: exact(x, h, o.t),
        integral: integral(x, h, o.t),
        overlap: overlap(x, h, o.t),
        step: o.step,
        sample,
        sample_time,
        sample_exact,
        sum: sampled_sum(x, h, sample_time, o.step),
        span,
        times,
        x: xs,
        slid,
        product,
        curve,
        sample_times,
        samples,
        convergence,
    })
}
