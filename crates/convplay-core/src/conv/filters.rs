//! Image filters of the lecture and beyond, as kernels: identity, box, Gaussian (built from σ),
//! sharpen, the `[−1 1]` derivatives, Sobel, Laplacian, emboss.
//!
//! The Gaussian `G(x, y; σ) = exp(−(x² + y²) / 2σ²) / 2πσ²` is separable: the 2-D kernel is the
//! outer product of two 1-D kernels, so filtering with it equals a horizontal pass followed by a
//! vertical one, at `2k` instead of `k²` multiplications per pixel ([`separable_cost`]).

use ndarray::ArrayView2;
use serde::Serialize;

use crate::limits::{self, MAX_FILTER_SIDE};
use crate::{ensure_arg, Result};

/// Which filter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum FilterKind {
    /// A 1 in the centre: the image unchanged.
    Identity {
        /// Odd side length.
        size: usize,
    },
    /// The rectangular (mean) filter: all `1 / size²`.
    Box {
        /// Side length.
        size: usize,
    },
    /// 2-D Gaussian from σ, normalized to sum 1; `size` defaults to `2·⌈3σ⌉ + 1`.
    Gaussian {
        /// Standard deviation in pixels.
        sigma: f32,
        /// Odd side length (optional).
        #[serde(default)]
        size: Option<usize>,
    },
    /// 1-D Gaussian from σ (a row), normalized to sum 1.
    Gaussian1d {
        /// Standard deviation in samples.
        sigma: f32,
        /// Odd length (optional).
        #[serde(default)]
        size: Option<usize>,
    },
    /// `2·identity − box`: differences accentuated, constant areas untouched.
    Sharpen,
    /// `[−1 1]`: horizontal derivative (responds to vertical edges).
    DerivativeX,
    /// `[−1 1]ᵀ`: vertical derivative (responds to horizontal edges).
    DerivativeY,
    /// Sobel, horizontal gradient.
    SobelX,
    /// Sobel, vertical gradient.
    SobelY,
    /// The 4-neighbour Laplacian.
    Laplacian,
    /// Emboss.
    Emboss,
}

strict_tagged!(
    FilterKind { Sharpen, DerivativeX, DerivativeY, SobelX, SobelY, Laplacian, Emboss }
    {
        Identity { size: usize },
        Box { size: usize },
        Gaussian { sigma: f32, #[serde(default)] size: Option<usize> },
        Gaussian1d { sigma: f32, #[serde(default)] size: Option<usize> },
    }
);

/// A filter kernel, row-major.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterKernel {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// `rows · cols` values.
    pub values: Vec<f32>,
    /// Sum of the values (1 for smoothing filters, 0 for derivatives).
    pub sum: f32,
}

const OP: &str = "filterKernel";

/// 1-D Gaussian weights of length `size` (odd), normalized to sum 1.
pub fn gaussian_1d(sigma: f32, size: Option<usize>) -> Result<Vec<f32>> {
    gaussian_weights(OP, sigma, size)
}

/// [`gaussian_1d`] with `op` naming the caller in messages.
fn gaussian_weights(op: &'static str, sigma: f32, size: Option<usize>) -> Result<Vec<f32>> {
    ensure_arg!(
        sigma.is_finite() && sigma > 0.0 && sigma <= 20.0,
        op,
        "sigma",
        "must be in (0, 20], got {sigma}"
    );
    let n = size.unwrap_or(2 * (3.0 * sigma).ceil() as usize + 1);
    ensure_arg!(
        n % 2 == 1 && n <= MAX_FILTER_SIDE,
        OP,
        "size",
        "must be odd and at most {MAX_FILTER_SIDE}, got {n}"
    );
    let c = (n / 2) as f32;
    let w: Vec<f32> = (0..n).map(|i| (-((i as f32 - c).powi(2)) / (2.0 * sigma * sigma)).exp()).collect();
    let s: f32 = w.iter().sum();
    Ok(w.into_iter().map(|v| v / s).collect())
}

/// The kernel of `kind`.
///
/// **Errors** for sizes that are zero, even where an odd size is needed, or above
/// [`MAX_FILTER_SIDE`] (121), and for σ
/// outside (0, 20].
pub fn filter_kernel(kind: FilterKind) -> Result<FilterKernel> {
    let square = |n: usize, v: Vec<f32>| (n, n, v);
    let (rows, cols, values) = match kind {
        FilterKind::Identity { size } => {
            ensure_arg!(
                size % 2 == 1 && size <= MAX_FILTER_SIDE,
                OP,
                "size",
                "must be odd and at most {MAX_FILTER_SIDE}, got {size}"
            );
            let mut v = vec![0.0; size * size];
            v[size * size / 2] = 1.0;
            square(size, v)
        }
        FilterKind::Box { size } => {
            ensure_arg!(
                (1..=MAX_FILTER_SIDE).contains(&size),
                OP,
                "size",
                "must be 1 to {MAX_FILTER_SIDE}, got {size}"
            );
            square(size, vec![1.0 / (size * size) as f32; size * size])
        }
        FilterKind::Gaussian { sigma, size } => {
            let g = gaussian_1d(sigma, size)?;
            let n = g.len();
            square(n, g.iter().flat_map(|a| g.iter().map(move |b| a * b)).collect())
        }
        FilterKind::Gaussian1d { sigma, size } => {
            let g = gaussian_1d(sigma, size)?;
            (1, g.len(), g)
        }
        FilterKind::Sharpen => {
            let mut v = vec![-1.0 / 9.0; 9];
            v[4] += 2.0;
            square(3, v)
        }
        FilterKind::DerivativeX => (1, 2, vec![-1.0, 1.0]),
        FilterKind::DerivativeY => (2, 1, vec![-1.0, 1.0]),
        FilterKind::SobelX => square(3, vec![-1., 0., 1., -2., 0., 2., -1., 0., 1.]),
        FilterKind::SobelY => square(3, vec![-1., -2., -1., 0., 0., 0., 1., 2., 1.]),
        FilterKind::Laplacian => square(3, vec![0., 1., 0., 1., -4., 1., 0., 1., 0.]),
        FilterKind::Emboss => square(3, vec![-2., -1., 0., -1., 1., 1., 0., 1., 2.]),
    };
    let sum = values.iter().sum();
    Ok(FilterKernel { rows, cols, values, sum })
}

/// Multiplications to filter an `h × w` image with a `k × k` kernel directly vs. as two 1-D passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeparableCost {
    /// `h · w · k²`.
    pub direct: u64,
    /// `h · w · 2k`.
    pub separable: u64,
}

/// See [`SeparableCost`].
pub fn separable_cost(h: u64, w: u64, k: u64) -> SeparableCost {
    let px = h.saturating_mul(w);
    SeparableCost { direct: px.saturating_mul(k.saturating_mul(k)), separable: px.saturating_mul(2 * k) }
}

/// An image blurred by [`gaussian_blur`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Blurred {
    /// The blurred image, row-major, the input's size.
    pub data: Vec<f32>,
    /// The 1-D Gaussian's length `k` (each pass multiplies `k` weights per pixel).
    pub size: usize,
    /// Multiplications of the direct 2-D filter and of the two passes done here.
    pub cost: SeparableCost,
}

/// Blur `image` with the Gaussian of `sigma` as two 1-D passes, rows then columns
/// ([`separable_cost`]: `2k` instead of `k²` multiplications per pixel). Each output pixel is the
/// weighted average of the pixels **inside** the picture: weights that fall outside are left out
/// and the rest divided by their sum (in each pass, which is the same as in 2-D because the
/// Gaussian is separable), so the borders do not darken when σ is a good part of the picture.
///
/// **Errors** for σ outside (0, 20] (as [`gaussian_1d`]), or above [`limits::MAX_MULTIPLY_ADDS`].
pub fn gaussian_blur(image: ArrayView2<f32>, sigma: f32) -> Result<Blurred> {
    let g = gaussian_weights("gaussianBlur", sigma, None)?;
    let (h, w) = image.dim();
    let cost = separable_cost(h as u64, w as u64, g.len() as u64);
    limits::work("gaussianBlur", "sigma", "the two passes", cost.separable)?;
    let r = (g.len() / 2) as isize;
    // One pass along a line of `n` values read by `at(i)`.
    let pass = |n: usize, at: &dyn Fn(usize) -> f32, out: &mut dyn FnMut(usize, f32)| {
        for i in 0..n as isize {
            let (mut sum, mut weight) = (0.0f32, 0.0f32);
            for (t, &gt) in g.iter().enumerate() {
                let j = i + t as isize - r;
                if j >= 0 && j < n as isize {
                    sum += gt * at(j as usize);
                    weight += gt;
                }
            }
            out(i as usize, sum / weight);
        }
    };
    let mut rows = vec![0.0f32; h * w];
    for y in 0..h {
        pass(w, &|x| image[[y, x]], &mut |x, v| rows[y * w + x] = v);
    }
    let mut data = vec![0.0f32; h * w];
    for x in 0..w {
        pass(h, &|y| rows[y * w + x], &mut |y, v| data[y * w + x] = v);
    }
    Ok(Blurred { data, size: g.len(), cost })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaussian_is_normalized_symmetric_and_separable() {
        let k = filter_kernel(FilterKind::Gaussian { sigma: 1.0, size: None }).unwrap();
        assert_eq!((k.rows, k.cols), (7, 7));
        assert!((k.sum - 1.0).abs() < 1e-5);
        let g = gaussian_1d(1.0, None).unwrap();
        assert!((k.values[3 * 7 + 2] - g[3] * g[2]).abs() < 1e-7);
        assert_eq!(g[0], g[6]);
        assert!(filter_kernel(FilterKind::Gaussian { sigma: 0.0, size: None }).is_err());
        assert!(filter_kernel(FilterKind::Gaussian { sigma: 1.0, size: Some(4) }).is_err());
    }

    #[test]
    fn derivatives_and_sharpen_by_hand() {
        assert_eq!(filter_kernel(FilterKind::DerivativeX).unwrap().values, vec![-1.0, 1.0]);
        let s = filter_kernel(FilterKind::Sharpen).unwrap();
        assert!((s.sum - 1.0).abs() < 1e-6, "constant areas untouched");
        assert_eq!(filter_kernel(FilterKind::SobelX).unwrap().sum, 0.0);
        assert_eq!(separable_cost(100, 100, 7), SeparableCost { direct: 490_000, separable: 140_000 });
    }
}
