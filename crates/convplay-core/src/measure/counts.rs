//! Parameter and multiplication counts: the lecture's MLP-versus-CNN arithmetic.
//!
//! Counts are `u64` so that the lecture's large examples (a 320×280 image fully connected to a
//! 320×280 output: 8·10⁹ multiplications) do not overflow on 32-bit targets such as wasm.

use serde::{Serialize, Serializer};

/// Learnable numbers of a dense layer: `in · out` weights plus `out` biases.
pub fn dense_parameters(in_features: u64, out_features: u64) -> u64 {
    in_features.saturating_mul(out_features).saturating_add(out_features)
}

/// Learnable numbers of a convolution layer: `out · (in · kh · kw + 1)` — shared across positions,
/// independent of the image size.
pub fn conv_parameters(in_channels: u64, out_channels: u64, kh: u64, kw: u64) -> u64 {
    out_channels.saturating_mul(in_channels.saturating_mul(kh).saturating_mul(kw).saturating_add(1))
}

/// The lecture's comparison for one layer on an `h × w × c` input.
///
/// Serialized with every count as a double-precision number, what a JavaScript or JSON reader
/// holds: exact up to 2⁵³, the nearest double beyond (the saturated `u64::MAX` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LayerComparison {
    /// Weights of one fully connected hidden unit: `h · w · c`.
    #[serde(serialize_with = "as_number")]
    pub weights_per_dense_unit: u64,
    /// Weights of a fully connected layer with `units` hidden units (biases excluded, as the lecture counts).
    #[serde(serialize_with = "as_number")]
    pub dense_weights: u64,
    /// Weights of a convolution layer with `filters` filters of `k × k × c` (biases excluded).
    #[serde(serialize_with = "as_number")]
    pub conv_weights: u64,
    /// Multiplications to compute one `h × w` output map fully connected: `(h·w)·(h·w·c)`.
    #[serde(serialize_with = "as_number")]
    pub dense_multiplications: u64,
    /// Multiplications to compute one `h × w` output map by a `k × k × c` convolution ("same" padding).
    #[serde(serialize_with = "as_number")]
    pub conv_multiplications: u64,
}

pub(crate) fn as_number<S: Serializer>(count: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(*count as f64)
}

/// Compare a fully connected layer and a convolution on the same input (the lecture's numbers:
/// 1000×1000×1 with 1000 units → 10⁹ weights; 32×32×3 → 3,072 weights per unit; 320×280 output
/// map → 320·280·320·280 vs 320·280·3·3 multiplications).
pub fn compare(h: u64, w: u64, c: u64, units: u64, filters: u64, k: u64) -> LayerComparison {
    let per_unit = h.saturating_mul(w).saturating_mul(c);
    let map = h.saturating_mul(w);
    LayerComparison {
        weights_per_dense_unit: per_unit,
        dense_weights: per_unit.saturating_mul(units),
        conv_weights: filters.saturating_mul(k.saturating_mul(k).saturating_mul(c)),
        dense_multiplications: map.saturating_mul(per_unit),
        conv_multiplications: map.saturating_mul(k.saturating_mul(k).saturating_mul(c)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lectures_numbers() {
        assert_eq!(compare(1000, 1000, 1, 1000, 1, 3).dense_weights, 1_000_000_000);
        assert_eq!(compare(32, 32, 3, 1, 1, 5).weights_per_dense_unit, 3072);
        assert_eq!(compare(1024, 1024, 3, 1, 1, 5).weights_per_dense_unit, 3_145_728);
        let c = compare(320, 280, 1, 1, 1, 3);
        assert_eq!(c.dense_multiplications, 320 * 280 * 320 * 280);
        assert_eq!(c.conv_multiplications, 320 * 280 * 3 * 3);
        assert_eq!(conv_parameters(1, 6, 5, 5), 156);
        assert_eq!(dense_parameters(256, 120), 30_840);
    }
}
