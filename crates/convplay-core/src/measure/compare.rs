//! Whether two maps computed in two ways are the same map. The pages' verdicts ("commutes",
//! "equivariant") are read from here, judged with a tolerance relative to the maps' scale, so
//! that float rounding is not taken for a difference and a real difference is not hidden:
//!
//! ```text
//!  difference = max |a[i] − b[i]|       scale = max |value| of a and b
//!  tolerance  = RELATIVE_TOLERANCE · scale            agree ⇔ difference ≤ tolerance
//! ```
//!
//! Two float32 results that only differ in the order their products were added, or in a
//! rotation by 90° sampled at cos 90° ≈ −4.4·10⁻⁸ instead of 0, differ by a few units in the
//! last place of the largest values, far below 10⁻⁵ of them; a real difference (a rotation by
//! 30° of an edge map, a flipped kernel) is of the order of the values themselves.

use serde::Serialize;

use crate::{ensure_shape, Result};

/// The tolerance relative to the maps' scale: 10⁻⁵ (about 84 units in the last place of an f32).
pub const RELATIVE_TOLERANCE: f32 = 1e-5;

/// How far apart two maps are, and whether that is only rounding.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The largest |a[i] − b[i]| (infinite if a value is not finite).
    pub max_abs_difference: f32,
    /// The largest |value| of either map: the maps' scale.
    pub scale: f32,
    /// [`RELATIVE_TOLERANCE`] · `scale`.
    pub tolerance: f32,
    /// `max_abs_difference ≤ tolerance` (and finite): the same map up to float rounding.
    pub agree: bool,
}

/// The tolerance for maps of `scale`: [`RELATIVE_TOLERANCE`] · `scale`.
pub fn tolerance(scale: f32) -> f32 {
    RELATIVE_TOLERANCE * scale
}

/// The verdict for a measured `difference` between maps of `scale`.
pub fn judge(difference: f32, scale: f32) -> Comparison {
    let tolerance = tolerance(scale);
    Comparison {
        max_abs_difference: difference,
        scale,
        tolerance,
        agree: difference.is_finite() && difference <= tolerance,
    }
}

/// The largest |value| of `values` (infinite if one is not finite).
pub fn scale_of<'a>(values: impl IntoIterator<Item = &'a f32>) -> f32 {
    values.into_iter().fold(0.0f32, |m, v| if v.is_finite() { m.max(v.abs()) } else { f32::INFINITY })
}

/// Compare `a` and `b` value by value (see the module's formula).
///
/// **Errors** unless `a` and `b` have the same length.
pub fn compare(op: &'static str, a: &[f32], b: &[f32]) -> Result<Comparison> {
    ensure_shape!(a.len() == b.len(), op, "maps of {} and {} values differ in size", a.len(), b.len());
    let difference = a.iter().zip(b).fold(0.0f32, |m, (x, y)| {
        let d = (x - y).abs();
        if d.is_finite() {
            m.max(d)
        } else {
            f32::INFINITY
        }
    });
    Ok(judge(difference, scale_of(a).max(scale_of(b))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_agrees_and_a_real_difference_does_not() {
        let a = [1.0f32, -4.0, 2.5];
        let b = [1.0 + 2.0 * f32::EPSILON, -4.0, 2.5];
        let c = compare("test", &a, &b).unwrap();
        assert_eq!(c.scale, 4.0);
        assert!((c.tolerance - 4e-5).abs() < 1e-9);
        assert!(c.agree && c.max_abs_difference > 0.0);
        let d = compare("test", &a, &[1.0, -4.0, 2.4]).unwrap();
        assert!(!d.agree && (d.max_abs_difference - 0.1).abs() < 1e-6);
        assert!(compare("test", &a, &[1.0]).is_err());
        assert!(compare("test", &[0.0], &[0.0]).unwrap().agree, "two zero maps agree");
        assert!(
            !compare("test", &[0.0], &[1e-30]).unwrap().agree,
            "scale comes from the maps: 1e-30 vs 0 is not rounding of 0"
        );
        assert!(!compare("test", &[f32::NAN], &[f32::NAN]).unwrap().agree);
    }
}
