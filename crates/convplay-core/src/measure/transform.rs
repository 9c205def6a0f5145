//! Geometric transforms of single-channel images: shift, rotate and scale (bilinear), and grey
//! levels from canvas pixels. How much a map changed once a transform is undone is
//! [`super::shift`]'s.

use ndarray::{Array2, ArrayView2};

use crate::{ensure_arg, Result};

/// `image` moved by `dy` rows and `dx` columns; cells moved in from outside are 0.
pub fn shift(image: ArrayView2<f32>, dy: isize, dx: isize) -> Array2<f32> {
    let (h, w) = image.dim();
    // A shift beyond the image moves everything out, as one of the image's size does.
    let (dy, dx) = (dy.clamp(-(h as isize), h as isize), dx.clamp(-(w as isize), w as isize));
    Array2::from_shape_fn((h, w), |(i, j)| {
        let (si, sj) = (i as isize - dy, j as isize - dx);
        if si >= 0 && sj >= 0 && (si as usize) < h && (sj as usize) < w {
            image[[si as usize, sj as usize]]
        } else {
            0.0
        }
    })
}

fn bilinear(image: ArrayView2<f32>, y: f32, x: f32) -> f32 {
    let (h, w) = image.dim();
    let (y0, x0) = (y.floor(), x.floor());
    let (fy, fx) = (y - y0, x - x0);
    let at = |r: f32, c: f32| {
        if r < 0.0 || c < 0.0 || r >= h as f32 || c >= w as f32 {
            0.0
        } else {
            image[[r as usize, c as usize]]
        }
    };
    (1.0 - fy) * ((1.0 - fx) * at(y0, x0) + fx * at(y0, x0 + 1.0))
        + fy * ((1.0 - fx) * at(y0 + 1.0, x0) + fx * at(y0 + 1.0, x0 + 1.0))
}

/// Rotate by `degrees` (counter-clockwise) and scale by `factor` about the image centre, sampling
/// bilinearly; the output has the input's size.
///
/// **Errors** if `factor` is not in [0.1, 10] or `degrees` is not finite.
pub fn rotate_scale(image: ArrayView2<f32>, degrees: f32, factor: f32) -> Result<Array2<f32>> {
    ensure_arg!(degrees.is_finite(), "transform", "degrees", "must be a finite number, got {degrees}");
    ensure_arg!(
        factor.is_finite() && (0.1..=10.0).contains(&factor),
        "transform",
        "scale",
        "must be 0.1 to 10, got {factor}"
    );
    let (h, w) = image.dim();
    let (cy, cx) = ((h as f32 - 1.0) / 2.0, (w as f32 - 1.0) / 2.0);
    let (s, c) = degrees.to_radians().sin_cos();
    Ok(Array2::from_shape_fn((h, w), |(i, j)| {
        let (y, x) = ((i as f32 - cy) / factor, (j as f32 - cx) / factor);
        // Inverse rotation maps each output pixel to where it came from.
        bilinear(image, cy + c * y - s * x, cx + s * y + c * x)
    }))
}

/// Grey levels in [0, 1] (Rec. 601 luma) from RGBA bytes of a `width × height` image.
///
/// **Errors** if `rgba.len() != 4 · width · height`.
pub fn rgba_to_gray(rgba: &[u8], width: usize, height: usize) -> Result<Vec<f32>> {
    ensure_arg!(
        width.checked_mul(height).and_then(|n| n.checked_mul(4)) == Some(rgba.len()),
        "rgbaToGray",
        "rgba",
        "must hold 4 bytes per pixel of {width}×{height}, got {}",
        rgba.len()
    );
    Ok(rgba
        .chunks_exact(4)
        .map(|p| (0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32) / 255.0)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_by_zero_is_identity_and_360_too() {
        let a = Array2::from_shape_fn((5, 7), |(i, j)| (i + 2 * j) as f32);
        assert_eq!(rotate_scale(a.view(), 0.0, 1.0).unwrap(), a);
        let r = rotate_scale(a.view(), 90.0, 1.0).unwrap();
        assert!((r[[2, 3]] - a[[2, 3]]).abs() < 1e-5, "centre stays");
        assert!(rotate_scale(a.view(), 0.0, 0.0).is_err());
        assert_eq!(rgba_to_gray(&[255, 255, 255, 255], 1, 1).unwrap(), vec![1.0]);
        assert!(rgba_to_gray(&[0; 7], 1, 2).is_err());
    }
}
