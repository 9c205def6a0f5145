//! How big a teaching playground goes: every limit of the core, stated once.
//!
//! Sized for the lecture's largest example with room to spare (a 1024×1024×3 image is 3,145,728
//! values), and small enough that no call allocates more than a few hundred megabytes or runs for
//! more than a few seconds in a browser tab. Every entry point checks its arguments against these
//! numbers **before** it allocates or loops, with overflow-free arithmetic (`u64`, saturating: the
//! core also runs on 32-bit WebAssembly), and says what went over in words:
//!
//! ```text
//! conv2d: the output would have 4,294,967,296 values; the limit is 16,777,216
//! ```
//!
//! | limit | bounds |
//! | --- | --- |
//! | [`MAX_ELEMENTS`] | values of any tensor the core accepts or allocates (input, weight, output, gradient, image, signal, statistics input, dataset) |
//! | [`MAX_VALUES_PER_EXAMPLE`] | values of a model's input and of each layer's output, per example |
//! | [`MAX_PARAMETERS`] | learnable numbers of a model, and of one drawn weight tensor |
//! | [`MAX_WINDOW_SIDE`] | kernel and pooling window, per side |
//! | [`MAX_EFFECTIVE_WINDOW`] | a window's span with dilation, `dilation·(k − 1) + 1`, per side |
//! | [`MAX_PADDING`], [`MAX_STRIDE`], [`MAX_DILATION`] | explicit padding, stride and dilation, per side |
//! | [`MAX_FILTER_SIDE`] | side of an image filter's kernel built from its settings (a Gaussian of σ = 20) |
//! | [`MAX_MULTIPLY_ADDS`] | work of one call: a convolution, pooling or dense pass, one layer of a model on one batch |
//! | [`MAX_TRACE_TERMS`] | the terms of one convolution trace |
//! | [`MAX_CHANNELS`] | channels of a model's input and filters or channels of a convolution layer |
//! | [`MAX_LAYERS`] | layers of a model or of a receptive-field stack |
//! | [`MAX_BATCH`] | examples per training step or evaluation pass |
//! | [`MAX_STEPS_PER_CALL`], [`MAX_SAMPLES_PER_CALL`] | steps and steps × batch of one `train` call |
//! | [`MAX_IMAGES`], [`MAX_IMAGE_SIDE`] | digits of a digit file; side of a model input or a digit |
//! | [`MAX_DRAWING_SIDE`] | side of a drawing made MNIST-like |
//! | [`MAX_FILE_BYTES`] | a model file or a digit file |
//! | [`MAX_CONFIG_BYTES`] | the text of one configuration or options object |
//! | [`MAX_CODE_LAYERS`], [`MAX_CODE_BYTES`] | layers and bytes of a layer code |
//! | [`MAX_BINS`], [`MAX_SEEDED_INTS`] | histogram bins; seeded whole numbers per call |
//! | [`MAX_SERIES_POINTS`] | points of a series computed for a chart (parameter growth, grid cover, a transform sweep) |
//! | [`MAX_HANDOUT_VALUES`] | numbers a hand-out writes into its script (an input, a kernel, a batch) |
//! | [`MAX_CLASSES`], [`MAX_CLASS_NAME_CHARS`], [`MAX_CLASS_EXAMPLES`] | a student's own dataset: classes, characters of a class name, examples (originals and augmented copies) |
//! | [`MAX_AUGMENT_COPIES`], [`MAX_AUGMENT_SHIFT`], [`MAX_AUGMENT_DEGREES`] | one augmentation: copies of each original, shift in pixels, rotation in degrees |

use crate::{Error, Result};

/// Values in any tensor the core accepts or allocates: 16,777,216 (2²⁴, 64 MiB of `f32`).
pub const MAX_ELEMENTS: usize = 1 << 24;
/// Values of a model's input and of each layer's output, per example: 4,194,304 (2²²).
pub const MAX_VALUES_PER_EXAMPLE: usize = 1 << 22;
/// Learnable numbers of a model (and of one drawn weight tensor): 4,194,304 (2²², 16 MiB).
pub const MAX_PARAMETERS: usize = 1 << 22;
/// Side of a kernel or a pooling window: 256.
pub const MAX_WINDOW_SIDE: usize = 256;
/// Span of a window with its dilation, `dilation·(k − 1) + 1`, per side: 1024.
pub const MAX_EFFECTIVE_WINDOW: usize = 1024;
/// Explicit zero padding per side: 256.
pub const MAX_PADDING: usize = 256;
/// Stride: 256.
pub const MAX_STRIDE: usize = 256;
/// Dilation: 64.
pub const MAX_DILATION: usize = 64;
/// Side of an image filter's kernel built from its settings (identity, box, Gaussian): 121, a
/// Gaussian of σ = 20 pixels to ±3σ.
pub const MAX_FILTER_SIDE: usize = 121;
/// Multiply-adds of one call (a convolution, pooling or dense pass, one layer of a model on one
/// batch): 1,073,741,824 (2³⁰, about a second in a browser tab).
pub const MAX_MULTIPLY_ADDS: u64 = 1 << 30;
/// Terms (channels × kernel taps) of one convolution trace: 65,536.
pub const MAX_TRACE_TERMS: usize = 65_536;
/// Channels of a model's input, filters and channels of a convolution layer: 4096.
pub const MAX_CHANNELS: usize = 4096;
/// Layers of a model or of a receptive-field stack: 64.
pub const MAX_LAYERS: usize = 64;
/// Examples per training step or evaluation pass: 4096.
pub const MAX_BATCH: usize = 4096;
/// Optimizer steps of one `train` call: 10,000 (a page trains in short calls).
pub const MAX_STEPS_PER_CALL: usize = 10_000;
/// Examples seen by one `train` call, steps × batch size: 262,144.
pub const MAX_SAMPLES_PER_CALL: usize = 262_144;
/// Images of a digit file or dataset: 65,536.
pub const MAX_IMAGES: usize = 65_536;
/// Side of a model's input and of a digit: 1024.
pub const MAX_IMAGE_SIDE: usize = 1024;
/// Side of a drawing made MNIST-like (a canvas at a high pixel ratio): 4096.
pub const MAX_DRAWING_SIDE: usize = 4096;
/// Bytes of a model file or a digit file: 64 MiB.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// Bytes of the text of one configuration or options object (as JSON): 1 MiB.
pub const MAX_CONFIG_BYTES: usize = 1 << 20;
/// Layers of a layer code such as `"c8k5_relu_mp2_fl_d10"`: 40.
pub const MAX_CODE_LAYERS: usize = 40;
/// Bytes of a layer code: 4096 (a hundred times a long code's).
pub const MAX_CODE_BYTES: usize = 4096;
/// Bins of a histogram: 1000.
pub const MAX_BINS: usize = 1000;
/// Whole numbers of one `seededInts` call: 1,048,576.
pub const MAX_SEEDED_INTS: usize = 1 << 20;
/// Points of a series computed for a chart (parameter growth, grid cover, a transform sweep): 1000.
pub const MAX_SERIES_POINTS: usize = 1000;
/// Numbers a hand-out writes into its script, per tensor (an input, a kernel, a batch): 16,384.
pub const MAX_HANDOUT_VALUES: usize = 16_384;
/// Classes of a student's own dataset: 10.
pub const MAX_CLASSES: usize = 10;
/// Characters (Unicode scalar values) of a class name: 32.
pub const MAX_CLASS_NAME_CHARS: usize = 32;
/// Examples of a student's own dataset, originals and augmented copies together: 4096.
pub const MAX_CLASS_EXAMPLES: usize = 4096;
/// Augmented copies of each original made by one augmentation: 20.
pub const MAX_AUGMENT_COPIES: usize = 20;
/// Largest shift of an augmented copy, in pixels each way: 8.
pub const MAX_AUGMENT_SHIFT: usize = 8;
/// Largest rotation of an augmented copy, in degrees each way: 90.
pub const MAX_AUGMENT_DEGREES: f32 = 90.0;

// The lecture's largest image (1024×1024×3) is one example a model takes, and a tensor the core holds.
const _: () = assert!(1024 * 1024 * 3 <= MAX_VALUES_PER_EXAMPLE && MAX_VALUES_PER_EXAMPLE <= MAX_ELEMENTS);

/// `n` with thousands separators: `4294967296` → `"4,294,967,296"`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The product of `factors`, saturating at `u64::MAX` (never overflows).
pub fn product(factors: &[u64]) -> u64 {
    factors.iter().fold(1u64, |p, &f| p.saturating_mul(f))
}

/// `usize` as `u64` (lossless on every target the core runs on).
pub fn wide(n: usize) -> u64 {
    n as u64
}

/// An [`Error::Limit`] with `message` (which says what went over and the limit).
pub fn over(op: &'static str, arg: &'static str, message: String) -> Error {
    Error::Limit { op, arg, message }
}

/// **Errors** if `what` would have more than `limit` values:
/// `conv2d: the output would have 4,294,967,296 values; the limit is 16,777,216`.
pub fn values(op: &'static str, arg: &'static str, what: &str, n: u64, limit: usize) -> Result<()> {
    if n > wide(limit) {
        return Err(over(
            op,
            arg,
            format!("{what} would have {} values; the limit is {}", thousands(n), thousands(wide(limit))),
        ));
    }
    Ok(())
}

/// **Errors** if a given `arg` holds more than `limit` values: `conv2d: input holds 20,000,000
/// values; the limit is 16,777,216`.
pub fn given(op: &'static str, arg: &'static str, n: u64, limit: usize) -> Result<()> {
    if n > wide(limit) {
        return Err(over(
            op,
            arg,
            format!("{arg} holds {} values; the limit is {}", thousands(n), thousands(wide(limit))),
        ));
    }
    Ok(())
}

/// The number of values of `shape`, checked: **errors** if a dimension is zero, or if the product
/// is above `limit`: `initWeights: shape [32768, 32768] has 1,073,741,824 values; the limit is
/// 4,194,304`.
pub fn shape_values(op: &'static str, arg: &'static str, shape: &[usize], limit: usize) -> Result<usize> {
    if shape.contains(&0) {
        return Err(Error::arg(op, arg, format!("has a zero dimension in shape {shape:?}")));
    }
    let n = shape.iter().fold(1u64, |p, &d| p.saturating_mul(wide(d)));
    if n > wide(limit) {
        return Err(over(
            op,
            arg,
            format!("{arg} {shape:?} has {} values; the limit is {}", thousands(n), thousands(wide(limit))),
        ));
    }
    Ok(n as usize)
}

/// **Errors** if `what` would take more than [`MAX_MULTIPLY_ADDS`]: `dense: the output would take
/// 4,398,046,511,104 multiply-adds; the limit is 1,073,741,824 per call`.
pub fn work(op: &'static str, arg: &'static str, what: &str, n: u64) -> Result<()> {
    if n > MAX_MULTIPLY_ADDS {
        return Err(over(
            op,
            arg,
            format!(
                "{what} would take {} multiply-adds; the limit is {} per call",
                thousands(n),
                thousands(MAX_MULTIPLY_ADDS)
            ),
        ));
    }
    Ok(())
}

/// **Errors** if a file of `len` bytes is above [`MAX_FILE_BYTES`]: `model file: the file has
/// 100,000,000 bytes; the limit is 67,108,864`.
pub fn file_bytes(what: &'static str, len: usize) -> Result<()> {
    if len > MAX_FILE_BYTES {
        let (n, limit) = (thousands(wide(len)), thousands(wide(MAX_FILE_BYTES)));
        return Err(over(what, "bytes", format!("the file has {n} bytes; the limit is {limit}")));
    }
    Ok(())
}

/// **Errors** unless `value` is at most `limit`: `conv2d: dilation must be at most 64, got 4,096`.
pub fn at_most(op: &'static str, arg: &'static str, value: u64, limit: usize) -> Result<()> {
    if value > wide(limit) {
        return Err(over(
            op,
            arg,
            format!("{arg} must be at most {}, got {}", thousands(wide(limit)), thousands(value)),
        ));
    }
    Ok(())
}

/// **Errors** unless both sides of `(rows, columns)` are at most `limit`: `conv2d: padding must be
/// at most 256 on each side, got 4,096×4,096`.
pub fn sides(op: &'static str, arg: &'static str, (h, w): (usize, usize), limit: usize) -> Result<()> {
    if h > limit || w > limit {
        return Err(over(
            op,
            arg,
            format!(
                "{arg} must be at most {} on each side, got {}×{}",
                thousands(wide(limit)),
                thousands(wide(h)),
                thousands(wide(w))
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(4_294_967_296), "4,294,967,296");
        assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn the_house_messages() {
        let e = values("conv2d", "input", "the output", 1 << 32, MAX_ELEMENTS).unwrap_err();
        assert_eq!(
            e.to_string(),
            "conv2d: the output would have 4,294,967,296 values; the limit is 16,777,216"
        );
        let e = work("dense", "weight", "the output", 1 << 42).unwrap_err();
        assert_eq!(
            e.to_string(),
            "dense: the output would take 4,398,046,511,104 multiply-adds; the limit is 1,073,741,824 per call"
        );
        let e = sides("conv2d", "padding", (4096, 4096), MAX_PADDING).unwrap_err();
        assert_eq!(e.to_string(), "conv2d: padding must be at most 256 on each side, got 4,096×4,096");
        let e = at_most("conv2d", "dilation", 4096, MAX_DILATION).unwrap_err();
        assert_eq!(e.to_string(), "conv2d: dilation must be at most 64, got 4,096");
        let e = given("conv2d", "input", 20_000_000, MAX_ELEMENTS).unwrap_err();
        assert_eq!(e.to_string(), "conv2d: input holds 20,000,000 values; the limit is 16,777,216");
        assert!(values("conv2d", "input", "the output", MAX_ELEMENTS as u64, MAX_ELEMENTS).is_ok());
        assert_eq!(product(&[1 << 40, 1 << 40]), u64::MAX);
    }
}
