//! `I ∗ K = K ∗ I`: true convolution commutes, cross-correlation does not.
//!
//! Both orders are the **full** operation, every placement where the two overlap: only then is
//! there a `K ∗ I` when `K` is smaller than `I` (the "kernel" `I` slides over `K` padded by
//! `I`'s size − 1). For `A` of `[C, Ha, Wa]` and `B` of `[C, Hb, Wb]` the result has
//! `(Ha + Hb − 1) × (Wa + Wb − 1)` values, row `r` and column `s` counting from 0, terms outside
//! `A` or `B` being 0 and the channels summed:
//!
//! ```text
//!  convolution        (A ∗ B)[r, s] = Σ_c Σ_m Σ_n A[c, m, n] · B[c, r − m, s − n]
//!  cross-correlation  (A ⋆ B)[r, s] = Σ_c Σ_m Σ_n A[c, i + m, j + n] · B[c, m, n],
//!                                     i = r − (Hb − 1), j = s − (Wb − 1)   (every lag, as the lecture's
//!                                     s[i, j] = Σ I[i + m, j + n] K[m, n] with i from −(Hb − 1) to Ha − 1)
//! ```
//!
//! Substituting `m → r − m` shows `A ∗ B = B ∗ A` cell by cell. For cross-correlation the lag
//! of `B ⋆ A` is the negative of `A ⋆ B`'s: `K ⋆ I` is `I ⋆ K` turned by 180°, so the two differ
//! unless `I ⋆ K` is symmetric under a half turn.
//!
//! ```text
//!  I ⋆ K                K ⋆ I = I ⋆ K turned by 180°
//!  ┌ p q r ┐            ┌ u t s ┐
//!  │ s t u │     ──▶    │ r q p │   (on a 2 × 3 result)
//! ```

use ndarray::{Array4, ArrayView4};
use serde::Serialize;

use crate::conv::{forward, Conv2dParams, ConvMode};
use crate::measure::compare::{compare, Comparison};
use crate::{ensure_arg, ensure_shape, limits, Padding, Result};

const OP: &str = "conv2dBothOrders";

/// `I ∗ K` and `K ∗ I`, and how they compare.
#[derive(Debug, Clone, PartialEq)]
pub struct BothOrders {
    /// `I ∗ K` (or `I ⋆ K`), `[1, 1, H + kh − 1, W + kw − 1]`.
    pub input_kernel: Array4<f32>,
    /// `K ∗ I` (or `K ⋆ I`), the same shape.
    pub kernel_input: Array4<f32>,
    /// `I ∗ K` against `K ∗ I`, cell by cell.
    pub same: Comparison,
    /// `K ∗ I` against `I ∗ K` turned by 180° (they agree for cross-correlation).
    pub turned: Comparison,
}

/// The measured part of [`BothOrders`], as the pages read it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderVerdicts {
    /// See [`BothOrders::same`].
    pub same: Comparison,
    /// See [`BothOrders::turned`].
    pub turned: Comparison,
}

impl BothOrders {
    /// The two comparisons.
    pub fn verdicts(&self) -> OrderVerdicts {
        OrderVerdicts { same: self.same, turned: self.turned }
    }
}

/// Compute `I ∗ K` and `K ∗ I` in `mode` (see the module's definition).
///
/// # Shapes
/// `input` `[1, channels, height, width]`, `kernel` `[1, channels, kh, kw]` (one image, one
/// filter) → both results `[1, 1, height + kh − 1, width + kw − 1]`.
///
/// **Errors** if the batch or the filter count is not 1, the channels differ, a side of the
/// input is over [`limits::MAX_WINDOW_SIDE`] (in `K ∗ I` it is the kernel), or a result is over
/// the limits of a convolution.
pub fn both_orders(input: ArrayView4<f32>, kernel: ArrayView4<f32>, mode: ConvMode) -> Result<BothOrders> {
    let (i, k) = (input.shape(), kernel.shape());
    ensure_shape!(i[0] == 1, OP, "input must hold one image [1, channels, height, width], got {i:?}");
    ensure_shape!(k[0] == 1, OP, "kernel must hold one filter [1, channels, kh, kw], got {k:?}");
    ensure_shape!(i[1] == k[1], OP, "kernel has {} channels but input has {}", k[1], i[1]);
    let side = limits::MAX_WINDOW_SIDE;
    ensure_arg!(
        i[2] <= side && i[3] <= side,
        OP,
        "input",
        "is the kernel of K ∗ I, so its sides must be at most {side}, got {}×{}",
        i[2],
        i[3]
    );
    let params = Conv2dParams { padding: Padding::Full, mode, ..Conv2dParams::default() };
    let input_kernel = forward(OP, input, kernel, None, &params)?;
    let kernel_input = forward(OP, kernel, input, None, &params)?;
    let (ik, ki) = (flat(&input_kernel), flat(&kernel_input));
    let same = compare(OP, ik, ki)?;
    let turned_ik: Vec<f32> = ik.iter().rev().copied().collect();
    let turned = compare(OP, &turned_ik, ki)?;
    Ok(BothOrders { input_kernel, kernel_input, same, turned })
}

fn flat(a: &Array4<f32>) -> &[f32] {
    a.as_slice().expect("a convolution's output is in standard layout")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view<'a>(shape: (usize, usize, usize, usize), v: &'a [f32]) -> ArrayView4<'a, f32> {
        ArrayView4::from_shape(shape, v).unwrap()
    }

    #[test]
    fn a_row_and_a_column_by_hand() {
        // I = [1 2 3], K = [1 10]: I ∗ K = [1 12 23 30] both ways; I ⋆ K = [10 21 32 3], K ⋆ I reversed.
        let (i, k) = ([1.0, 2.0, 3.0], [1.0, 10.0]);
        let c = both_orders(view((1, 1, 1, 3), &i), view((1, 1, 1, 2), &k), ConvMode::Convolution).unwrap();
        assert_eq!(flat(&c.input_kernel), &[1.0, 12.0, 23.0, 30.0]);
        assert_eq!(c.input_kernel, c.kernel_input);
        assert!(c.same.agree && c.same.max_abs_difference == 0.0);
        let x =
            both_orders(view((1, 1, 1, 3), &i), view((1, 1, 1, 2), &k), ConvMode::CrossCorrelation).unwrap();
        assert_eq!(flat(&x.input_kernel), &[10.0, 21.0, 32.0, 3.0]);
        assert_eq!(flat(&x.kernel_input), &[3.0, 32.0, 21.0, 10.0]);
        assert!(!x.same.agree && x.same.max_abs_difference == 11.0);
        assert!(x.turned.agree && x.turned.max_abs_difference == 0.0);
    }

    #[test]
    fn shapes_are_checked() {
        let v = [0.0; 8];
        let e =
            both_orders(view((2, 1, 2, 2), &v), view((1, 1, 2, 2), &v), ConvMode::Convolution).unwrap_err();
        assert!(e.to_string().starts_with("conv2dBothOrders: input must hold one image"), "{e}");
        let e =
            both_orders(view((1, 2, 2, 2), &v), view((1, 1, 2, 2), &v), ConvMode::Convolution).unwrap_err();
        assert_eq!(e.to_string(), "conv2dBothOrders: kernel has 1 channels but input has 2");
        let wide = vec![0.0; 257];
        let e = both_orders(view((1, 1, 1, 257), &wide), view((1, 1, 1, 1), &v[..1]), ConvMode::Convolution)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "conv2dBothOrders: input is the kernel of K ∗ I, so its sides must be at most 256, got 1×257"
        );
    }
}
