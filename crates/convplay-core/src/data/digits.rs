//! The handwritten-digit file the site ships (`www/data/digits.bin.gz`, un-gzipped by the
//! browser before it reaches the core).
//!
//! ```text
//! offset  size             field
//! 0       8                ASCII "CPDIGIT1"
//! 8       4  u32 LE        count       (10,000)
//! 12      4  u32 LE        train       (8,000: the first `train` digits; the rest is the test split)
//! 16      2  u16 LE        rows        (28)
//! 18      2  u16 LE        cols        (28)
//! 20      count            labels, one byte each, 0–9
//! 20+count count·rows·cols pixels, u8, row-major, 0 = background, 255 = ink
//! ```

use ndarray::{ArrayView3, Axis};
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::{ensure_arg, limits, Error, Result};

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"CPDIGIT1";
const HEADER: usize = 20;

/// Both splits of a digit file.
#[derive(Debug, Clone)]
pub struct DigitSplits {
    /// The training split.
    pub train: Dataset,
    /// The held-out test split.
    pub test: Dataset,
}

/// One of the two splits of a digit file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Split {
    /// The training digits.
    Train,
    /// The held-out test digits.
    Test,
}

impl DigitSplits {
    /// The digits of one split.
    pub fn get(&self, split: Split) -> &Dataset {
        match split {
            Split::Train => &self.train,
            Split::Test => &self.test,
        }
    }

    /// `[channels, height, width]` of one digit.
    pub fn shape(&self) -> [usize; 3] {
        let s = self.train.images().shape().to_vec();
        [s[1], s[2], s[3]]
    }

    /// One digit's pixels `[channels, height, width]`, 0 to 1.
    ///
    /// **Errors** if `index` is not below the split's count.
    pub fn image(&self, split: Split, index: usize) -> Result<ArrayView3<'_, f32>> {
        let d = self.get(split);
        ensure_arg!(index < d.len(), "digits.image", "index", "must be below {}, got {index}", d.len());
        Ok(d.images().index_axis_move(Axis(0), index))
    }

    /// One digit's label.
    ///
    /// **Errors** if `index` is not below the split's count.
    pub fn label(&self, split: Split, index: usize) -> Result<usize> {
        let d = self.get(split);
        ensure_arg!(index < d.len(), "digits.label", "index", "must be below {}, got {index}", d.len());
        Ok(d.labels()[index])
    }
}

/// Parse a digit file into its train and test splits (pixels scaled to `[0, 1]`).
///
/// **Errors** with a message saying what is wrong if the bytes are not such a file: wrong magic,
/// truncated, inconsistent counts, or a label above 9; or if it is above the [`limits`]: more than
/// [`limits::MAX_FILE_BYTES`] bytes, [`limits::MAX_IMAGES`] digits, [`limits::MAX_IMAGE_SIDE`]
/// pixels a side or [`limits::MAX_ELEMENTS`] pixels in all (checked on the header, before anything
/// is allocated).
pub fn parse_digits(bytes: &[u8]) -> Result<DigitSplits> {
    const WHAT: &str = "digit file";
    let bad = |m: String| Error::format(WHAT, m);
    limits::file_bytes(WHAT, bytes.len())?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err(bad("this is not a ConvPlay digit file (missing \"CPDIGIT1\" header)".into()));
    }
    let u32_at = |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]) as usize;
    let u16_at = |o: usize| u16::from_le_bytes([bytes[o], bytes[o + 1]]) as usize;
    let (count, train, rows, cols) = (u32_at(8), u32_at(12), u16_at(16), u16_at(18));
    if count == 0 || train > count || rows == 0 || cols == 0 {
        return Err(bad(format!("implausible header: {count} digits, {train} for training, {rows}×{cols}")));
    }
    limits::at_most(WHAT, "count", count as u64, limits::MAX_IMAGES)?;
    limits::sides(WHAT, "digit", (rows, cols), limits::MAX_IMAGE_SIDE)?;
    let pixels = limits::product(&[count as u64, rows as u64, cols as u64]);
    let what = format!("{} digits of {rows}×{cols}", limits::thousands(count as u64));
    limits::values(WHAT, "count", &what, pixels, limits::MAX_ELEMENTS)?;
    let expected = HEADER + count + count * rows * cols; // at most 20 + 2¹⁶ + 2²⁴: no overflow
    if bytes.len() != expected {
        return Err(bad(format!(
            "expected {expected} bytes for {count} digits of {rows}×{cols}, found {}",
            bytes.len()
        )));
    }
    let labels = &bytes[HEADER..HEADER + count];
    if let Some(i) = labels.iter().position(|&l| l > 9) {
        return Err(bad(format!("digit {i} has label {}, not 0–9", labels[i])));
    }
    let pixels = &bytes[HEADER + count..];
    let plane = rows * cols;
    let split = |from: usize, to: usize| {
        Dataset::from_u8(&pixels[from * plane..to * plane], &labels[from..to], [1, rows, cols], 10)
    };
    Ok(DigitSplits { train: split(0, train)?, test: split(train, count)? })
}
