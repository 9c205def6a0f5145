//! Shared test helpers: finite-difference gradient checks and tolerances for every op.
#![allow(dead_code)]

pub mod training;

use convplay_core::Rng;
use ndarray::{ArrayD, IxDyn};

/// Central-difference step for f32 ops (evaluated in f32, compared in f64).
pub const FD_EPS: f32 = 1e-2;
/// Relative tolerance of analytic vs numeric gradients.
pub const GRAD_RTOL: f64 = 2e-2;
/// Absolute tolerance floor (for gradients near zero).
pub const GRAD_ATOL: f64 = 2e-3;
/// Forward comparisons against hand-worked values.
pub const FWD_TOL: f32 = 1e-5;

/// Random tensor with entries uniform in [-1, 1).
pub fn random(shape: &[usize], rng: &mut Rng) -> ArrayD<f32> {
    ArrayD::from_shape_fn(IxDyn(shape), |_| rng.uniform_range(-1.0, 1.0))
}

/// Check `analytic` (∂L/∂x at `x`) against central differences of `loss(x)`.
///
/// `loss` must be a scalar function of `x` (typically `sum(op(x) * r)` for a fixed random `r`).
/// Panics with the worst offending index when the check fails.
pub fn check_gradient(
    what: &str,
    x: &ArrayD<f32>,
    analytic: &ArrayD<f32>,
    mut loss: impl FnMut(&ArrayD<f32>) -> f64,
) {
    assert_eq!(x.shape(), analytic.shape(), "{what}: gradient shape");
    let mut probe = x.clone();
    for (i, (&xi, &gi)) in x.iter().zip(analytic.iter()).enumerate() {
        let flat = probe.as_slice_mut().expect("contiguous");
        flat[i] = xi + FD_EPS;
        let plus = loss(&probe);
        let flat = probe.as_slice_mut().expect("contiguous");
        flat[i] = xi - FD_EPS;
        let minus = loss(&probe);
        let flat = probe.as_slice_mut().expect("contiguous");
        flat[i] = xi;
        let numeric = (plus - minus) / (2.0 * FD_EPS as f64);
        let diff = (numeric - gi as f64).abs();
        let bound = GRAD_ATOL + GRAD_RTOL * numeric.abs().max((gi as f64).abs());
        assert!(
            diff <= bound,
            "{what}: gradient at flat index {i}: analytic {gi}, numeric {numeric} (diff {diff} > {bound})"
        );
    }
}

/// `sum(a * b)` in f64.
pub fn dot(a: &ArrayD<f32>, b: &ArrayD<f32>) -> f64 {
    a.iter().zip(b.iter()).map(|(&x, &y)| x as f64 * y as f64).sum()
}
