//! Conversions at the boundary: flat data plus a shape into arrays, checked.
//!
//! Every array that enters the core from outside (JavaScript, a file) passes through here, so a
//! shape that does not match its data is an error naming the argument, never a panic.

use ndarray::{Array1, Array4, ArrayView2, ArrayView4, Axis};

use crate::{ensure_arg, Result};

pub use crate::limits::MAX_ELEMENTS;

/// Product of `shape`, checked against overflow and [`MAX_ELEMENTS`].
///
/// **Errors** if a dimension is zero or the product is too large: `conv2d: input [8192, 8192, 1, 1]
/// has 67,108,864 values; the limit is 16,777,216`.
pub fn element_count(op: &'static str, arg: &'static str, shape: &[usize]) -> Result<usize> {
    crate::limits::shape_values(op, arg, shape, MAX_ELEMENTS)
}

/// A 4-D array `[d0, d1, d2, d3]` from row-major `data`.
///
/// **Errors** if `shape` has not 4 entries or its product differs from `data.len()`.
pub fn array4(op: &'static str, arg: &'static str, shape: &[usize], data: Vec<f32>) -> Result<Array4<f32>> {
    ensure_arg!(shape.len() == 4, op, arg, "shape must have 4 entries [n, c, h, w], got {shape:?}");
    let n = element_count(op, arg, shape)?;
    ensure_arg!(n == data.len(), op, arg, "shape {shape:?} needs {n} values but {} were given", data.len());
    Array4::from_shape_vec((shape[0], shape[1], shape[2], shape[3]), data)
        .map_err(|e| crate::Error::arg(op, arg, e.to_string()))
}

/// A single-channel `height × width` image viewed over row-major `data`.
///
/// **Errors** if a side is zero, the image is too large, or `data` does not hold `height · width`
/// values.
pub fn image<'a>(
    op: &'static str,
    arg: &'static str,
    data: &'a [f32],
    height: usize,
    width: usize,
) -> Result<ArrayView2<'a, f32>> {
    let n = element_count(op, arg, &[height, width])?;
    ensure_arg!(n == data.len(), op, arg, "must hold {height}×{width} = {n} values, got {}", data.len());
    ArrayView2::from_shape((height, width), data).map_err(|e| crate::Error::arg(op, arg, e.to_string()))
}

/// `data` viewed as `rows` rows of equal length (`[rows, data.len() / rows]`).
///
/// **Errors** if `data` is empty or `rows` does not divide its length.
pub fn rows<'a>(
    op: &'static str,
    arg: &'static str,
    data: &'a [f32],
    rows: usize,
) -> Result<ArrayView2<'a, f32>> {
    ensure_arg!(
        rows >= 1 && !data.is_empty() && data.len() % rows == 0,
        op,
        arg,
        "of {} values is not {rows} rows",
        data.len()
    );
    ArrayView2::from_shape((rows, data.len() / rows), data)
        .map_err(|e| crate::Error::arg(op, arg, e.to_string()))
}

/// A 1-D array of exactly `len` values.
///
/// **Errors** if `data.len() != len`.
pub fn array1(op: &'static str, arg: &'static str, len: usize, data: Vec<f32>) -> Result<Array1<f32>> {
    ensure_arg!(data.len() == len, op, arg, "must have {len} values, got {}", data.len());
    Ok(Array1::from(data))
}

/// **Errors** unless the gradient arriving from the next layer has the shape of this operation's
/// output: "conv2d: gradient of the output has shape [1, 2, 3, 3] but the output has [1, 2, 4, 4]".
pub fn check_grad_output(op: &'static str, grad_output: &[usize], output: &[usize]) -> Result<()> {
    crate::ensure_shape!(
        grad_output == output,
        op,
        "gradient of the output has shape {:?} but the output has {:?}",
        grad_output,
        output
    );
    Ok(())
}

/// The kernel rotated by 180° (both spatial axes reversed): what true convolution slides.
///
/// # Shapes
/// `[out, in, kh, kw]` → `[out, in, kh, kw]`.
pub fn flip_spatial(weight: ArrayView4<f32>) -> Array4<f32> {
    let mut w = weight.to_owned();
    w.invert_axis(Axis(2));
    w.invert_axis(Axis(3));
    w.as_standard_layout().into_owned()
}

/// 0 for a value below the smallest normal `f32` (1.2·10⁻³⁸), the value otherwise.
///
/// Subnormal floats are many times slower to compute with on x86, in WebAssembly too, and training
/// makes them where a value keeps shrinking: the Adam moments and momentum of a parameter whose
/// gradient stays 0 (β times the smallest subnormal rounds back to it, so they never leave), and
/// the loss gradient of a class the network has become sure about (e^−90). Training slowed by more
/// than 40 % over ten minutes. Values that small change nothing, so the optimizer and the loss
/// gradient are written through this.
#[inline]
pub fn flush_subnormal(x: f32) -> f32 {
    if x.abs() < f32::MIN_POSITIVE {
        0.0
    } else {
        x
    }
}

/// `true` if every value is finite.
pub fn all_finite<'a>(values: impl IntoIterator<Item = &'a f32>) -> bool {
    values.into_iter().all(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_must_match_data() {
        let e = array4("conv2d", "input", &[1, 1, 2, 2], vec![0.0; 3]).unwrap_err();
        assert_eq!(e.to_string(), "conv2d: input shape [1, 1, 2, 2] needs 4 values but 3 were given");
        assert!(array4("conv2d", "input", &[1, 0, 2, 2], vec![]).is_err());
        assert!(array4("conv2d", "input", &[1, 2, 2], vec![0.0; 4]).is_err());
        assert!(array4("t", "x", &[usize::MAX, 2, 1, 1], vec![]).is_err());
    }

    #[test]
    fn flip_reverses_both_spatial_axes() {
        let w = array4("t", "w", &[1, 1, 2, 3], vec![1., 2., 3., 4., 5., 6.]).unwrap();
        let f = flip_spatial(w.view());
        assert_eq!(f.iter().copied().collect::<Vec<_>>(), vec![6., 5., 4., 3., 2., 1.]);
    }
}
