//! Augmented copies of a student's examples: each original rotated about its centre and shifted
//! by whole pixels, with [`crate::measure::transform`]'s `rotate_scale` (bilinear) and `shift`.
//!
//! The draws are seeded ([`Rng`]): for each original in order, for each copy, `dy` then `dx`
//! uniform in `−maxShift..=maxShift`, then the angle uniform in `[−maxDegrees, maxDegrees)`.

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::data::classes::{to_byte, ClassSet, Example, PIXELS, SIDE};
use crate::limits::{MAX_AUGMENT_COPIES, MAX_AUGMENT_DEGREES, MAX_AUGMENT_SHIFT};
use crate::measure::transform::{rotate_scale, shift};
use crate::{ensure_arg, Result, Rng};

const OP: &str = "ClassSet.augment";

/// How many copies and how far they may move and turn.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AugmentOptions {
    /// Copies of each original, 1 to 20 (default 4).
    #[serde(default = "default_copies")]
    pub copies: usize,
    /// Largest shift in pixels, each way, 0 to 8 (default 2).
    #[serde(default = "default_shift")]
    pub max_shift: usize,
    /// Largest rotation in degrees, each way, 0 to 90 (default 10).
    #[serde(default = "default_degrees")]
    pub max_degrees: f32,
    /// Seed of the draws (default 1).
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_copies() -> usize {
    4
}
fn default_shift() -> usize {
    2
}
fn default_degrees() -> f32 {
    10.0
}
fn default_seed() -> u64 {
    1
}

impl Default for AugmentOptions {
    fn default() -> Self {
        AugmentOptions { copies: 4, max_shift: 2, max_degrees: 10.0, seed: 1 }
    }
}

/// One copy made: its original and the transform drawn for it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Augmentation {
    /// Index of the original.
    pub source: usize,
    /// Index of the copy.
    pub index: usize,
    /// Rows moved (down if positive).
    pub dy: isize,
    /// Columns moved (right if positive).
    pub dx: isize,
    /// Rotation, counter-clockwise, about the centre (before the shift).
    pub degrees: f32,
}

/// `pixels` (28 × 28 bytes) rotated by `degrees` about the centre, then shifted by `dy`, `dx`
/// (zeros move in), rounded back to bytes.
///
/// **Errors** if `pixels` is not 784 bytes or `degrees` is not finite.
pub fn augmented_pixels(pixels: &[u8], dy: isize, dx: isize, degrees: f32) -> Result<Vec<u8>> {
    ensure_arg!(pixels.len() == PIXELS, OP, "pixels", "must hold {PIXELS} values, got {}", pixels.len());
    let image = Array2::from_shape_fn((SIDE, SIDE), |(i, j)| pixels[i * SIDE + j] as f32 / 255.0);
    let turned = rotate_scale(image.view(), degrees, 1.0)?;
    Ok(shift(turned.view(), dy, dx).iter().map(|&v| to_byte(v)).collect())
}

impl AugmentOptions {
    /// **Errors** if a setting is outside its range.
    pub fn check(&self) -> Result<()> {
        let AugmentOptions { copies, max_shift, max_degrees, .. } = *self;
        ensure_arg!(
            (1..=MAX_AUGMENT_COPIES).contains(&copies),
            OP,
            "copies",
            "must be 1 to {MAX_AUGMENT_COPIES}, got {copies}"
        );
        ensure_arg!(
            max_shift <= MAX_AUGMENT_SHIFT,
            OP,
            "maxShift",
            "must be 0 to {MAX_AUGMENT_SHIFT} pixels, got {max_shift}"
        );
        ensure_arg!(
            max_degrees.is_finite() && (0.0..=MAX_AUGMENT_DEGREES).contains(&max_degrees),
            OP,
            "maxDegrees",
            "must be 0 to {MAX_AUGMENT_DEGREES} degrees, got {max_degrees}"
        );
        Ok(())
    }
}

impl ClassSet {
    /// Add `copies` shifted and rotated copies of every original (appended after the examples);
    /// the copies made, in order.
    ///
    /// **Errors** if a setting is out of range or the dataset would hold more than
    /// [`crate::limits::MAX_CLASS_EXAMPLES`] examples (then nothing is added).
    pub fn augment(&mut self, options: &AugmentOptions) -> Result<Vec<Augmentation>> {
        options.check()?;
        let originals: Vec<usize> =
            (0..self.examples.len()).filter(|&i| !self.examples[i].augmented()).collect();
        self.check_room(OP, "copies", originals.len().saturating_mul(options.copies))?;
        let mut rng = Rng::new(options.seed);
        let s = options.max_shift as u32;
        let d = options.max_degrees;
        let mut made = Vec::with_capacity(originals.len() * options.copies);
        let mut copies = Vec::with_capacity(made.capacity());
        for &source in &originals {
            for _ in 0..options.copies {
                let dy = rng.below(2 * s + 1) as isize - s as isize;
                let dx = rng.below(2 * s + 1) as isize - s as isize;
                let degrees = rng.uniform_range(-d, d);
                let original = &self.examples[source];
                let pixels = augmented_pixels(&original.pixels, dy, dx, degrees)?;
                let index = self.examples.len() + copies.len();
                copies.push(Example { label: original.label, source: Some(source), pixels });
                made.push(Augmentation { source, index, dy, dx, degrees });
            }
        }
        self.examples.extend(copies);
        Ok(made)
    }
}
