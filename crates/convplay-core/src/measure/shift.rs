//! How much a map changed: the measurements of the equivariance demo. A layer `f` is
//! equivariant to a shift `g` when `f(g(x)) = g(f(x))`; these functions undo the shift and
//! measure what is left, away from the borders where zero padding differs.
//!
//! After subsampling (a stride-2 convolution, a 2×2 pool) a shift of `d` pixels is `d / step`
//! cells, and when `step` does not divide `d` no whole-cell shift undoes it:
//!
//! ```text
//!  pixels   0 1 2 3 4 5 6 7        shift by d = 3 pixels
//!  cells    [0 ] [1 ] [2 ] [3 ]    = 1.5 cells: try ⌊1.5⌋ = 1 and ⌈1.5⌉ = 2, keep the closer
//! ```

use ndarray::ArrayView2;
use serde::Serialize;

use super::compare::{judge, scale_of};
use super::transform::shift;
use crate::{ensure_arg, ensure_shape, Result};

/// How far a map is from another one moved by `(dy, dx)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShiftDifference {
    /// max |moved[i+dy, j+dx] − original[i, j]| over cells at least `margin` from every border.
    pub max_abs_interior: f32,
    /// The same over every cell where both are defined.
    pub max_abs: f32,
    /// Cells compared in the interior.
    pub interior_cells: usize,
    /// ‖moved − original‖ / ‖original‖ without undoing the shift (how much the raw map changed).
    pub relative_change: f32,
    /// The largest |value| of either map: the scale the difference is judged against.
    pub scale: f32,
    /// [`super::compare::RELATIVE_TOLERANCE`] · `scale`: a difference up to this is float rounding.
    pub tolerance: f32,
    /// `max_abs_interior ≤ tolerance`: away from the borders the two maps are the same map
    /// moved (the verdict the pages word as "commutes" or "equivariant").
    pub agree: bool,
}

/// Compare `original` with `moved` after undoing a shift of `(dy, dx)`, and judge the largest
/// difference away from the borders against the maps' scale ([`super::compare`]).
///
/// **Errors** if the maps differ in shape.
pub fn shift_difference(
    original: ArrayView2<f32>,
    moved: ArrayView2<f32>,
    dy: isize,
    dx: isize,
    margin: usize,
) -> Result<ShiftDifference> {
    ensure_shape!(
        original.dim() == moved.dim(),
        "shiftDifference",
        "maps of {:?} and {:?} differ",
        original.dim(),
        moved.dim()
    );
    let (h, w) = original.dim();
    let (mut max_in, mut max_all, mut cells) = (0.0f32, 0.0f32, 0usize);
    // A shift or margin beyond the map acts as one of the map's size (and cannot overflow).
    let (dy, dx) = (dy.clamp(-(h as isize), h as isize), dx.clamp(-(w as isize), w as isize));
    let m = margin.min(h.max(w)) as isize;
    for i in 0..h as isize {
        for j in 0..w as isize {
            let (ti, tj) = (i + dy, j + dx);
            if ti < 0 || tj < 0 || ti >= h as isize || tj >= w as isize {
                continue;
            }
            let d = (moved[[ti as usize, tj as usize]] - original[[i as usize, j as usize]]).abs();
            max_all = max_all.max(d);
            let inside = |a: isize, n: usize| a >= m && a < n as isize - m;
            if inside(i, h) && inside(j, w) && inside(ti, h) && inside(tj, w) {
                max_in = max_in.max(d);
                cells += 1;
            }
        }
    }
    let verdict = judge(max_in, scale_of(original.iter()).max(scale_of(moved.iter())));
    Ok(ShiftDifference {
        max_abs_interior: max_in,
        max_abs: max_all,
        interior_cells: cells,
        relative_change: ratio_of_norms(original.iter(), moved.iter()),
        scale: verdict.scale,
        tolerance: verdict.tolerance,
        agree: verdict.agree,
    })
}

/// ‖b − a‖ / ‖a‖ (0 when both are zero, infinite when only `a` is).
///
/// **Errors** unless `a` and `b` have the same non-zero length.
pub fn relative_change(a: &[f32], b: &[f32]) -> Result<f32> {
    ensure_shape!(
        a.len() == b.len() && !a.is_empty(),
        "relativeChange",
        "a and b must have the same non-zero length, got {} and {}",
        a.len(),
        b.len()
    );
    Ok(ratio_of_norms(a.iter(), b.iter()))
}

fn ratio_of_norms<'a>(a: impl Iterator<Item = &'a f32> + Clone, b: impl Iterator<Item = &'a f32>) -> f32 {
    let num: f64 = a.clone().zip(b).map(|(x, y)| ((y - x) as f64).powi(2)).sum();
    let den: f64 = a.map(|x| (*x as f64).powi(2)).sum();
    if den == 0.0 {
        if num == 0.0 {
            0.0
        } else {
            f32::INFINITY
        }
    } else {
        (num / den).sqrt() as f32
    }
}

/// `b − a`, value by value: the difference map the demo draws.
///
/// **Errors** unless `a` and `b` have the same length.
pub fn difference(a: &[f32], b: &[f32]) -> Result<Vec<f32>> {
    ensure_shape!(
        a.len() == b.len(),
        "differenceMap",
        "a and b must have the same length, got {} and {}",
        a.len(),
        b.len()
    );
    Ok(a.iter().zip(b).map(|(x, y)| y - x).collect())
}

/// The whole-cell shift that best undoes a shift of `(dy, dx)` pixels on a grid subsampled by
/// `step`, and what is left.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UndoneShift {
    /// Cell rows undone.
    pub dy: isize,
    /// Cell columns undone.
    pub dx: isize,
    /// [`shift_difference`] of the two maps under that shift.
    pub measured: ShiftDifference,
    /// `b − shift(a)`, row-major.
    pub difference: Vec<f32>,
}

/// The whole-cell shifts next to `d / step`: `⌊d / step⌋` and `⌈d / step⌉` (one when equal).
fn candidates(d: isize, step: isize) -> Vec<isize> {
    let (lo, hi) = (d.div_euclid(step), -(-d).div_euclid(step));
    if lo == hi {
        vec![lo]
    } else {
        vec![lo, hi]
    }
}

/// Undo a shift of `(dy, dx)` pixels between `a` (before) and `b` (after) on maps subsampled by
/// `step`: try the whole-cell shifts `⌊d/step⌋`, `⌈d/step⌉` on each axis, keep the one with the
/// smallest [`ShiftDifference::max_abs_interior`] (the first on ties, rows then columns, floor
/// first), and return it with its difference map.
///
/// **Errors** if the maps differ in shape or `step` is not 1 to 64.
pub fn undo_subsampled_shift(
    a: ArrayView2<f32>,
    b: ArrayView2<f32>,
    dy: isize,
    dx: isize,
    step: usize,
    margin: usize,
) -> Result<UndoneShift> {
    const OP: &str = "undoSubsampledShift";
    ensure_shape!(a.dim() == b.dim(), OP, "maps of {:?} and {:?} differ", a.dim(), b.dim());
    ensure_arg!((1..=64).contains(&step), OP, "step", "must be 1 to 64, got {step}");
    let (h, w) = a.dim();
    let (dy, dx) = (dy.clamp(-(h as isize), h as isize), dx.clamp(-(w as isize), w as isize));
    let mut best: Option<(isize, isize, ShiftDifference)> = None;
    for cy in candidates(dy, step as isize) {
        for cx in candidates(dx, step as isize) {
            let measured = shift_difference(a, b, cy, cx, margin)?;
            if best.map_or(true, |(_, _, m)| measured.max_abs_interior < m.max_abs_interior) {
                best = Some((cy, cx, measured));
            }
        }
    }
    let (dy, dx, measured) = best.expect("at least one candidate per axis");
    let undone = shift(a, dy, dx);
    let difference = undone.iter().zip(b.iter()).map(|(x, y)| y - x).collect();
    Ok(UndoneShift { dy, dx, measured, difference })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::Array2;

    #[test]
    fn shift_then_compare_is_zero() {
        let a = Array2::from_shape_fn((6, 6), |(i, j)| (i * 6 + j) as f32);
        let b = shift(a.view(), 2, -1);
        assert_eq!(b[[2, 0]], a[[0, 1]]);
        assert_eq!(b[[0, 0]], 0.0);
        let d = shift_difference(a.view(), b.view(), 2, -1, 0).unwrap();
        assert_eq!(d.max_abs, 0.0);
        assert!(d.relative_change > 0.1);
    }
}
