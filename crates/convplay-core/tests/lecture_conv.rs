//! Convolution as the lecture writes it: I ∗ K = K ∗ I against the definition, the index
//! formula of a trace, continuous-time convolution against its closed forms, and the separable
//! Gaussian blur against the 2-D filter.

use convplay_core::conv::commute::both_orders;
use convplay_core::conv::continuous::{
    continuous_conv, exact, integral, sampled_sum, ContinuousOptions, Signal,
};
use convplay_core::conv::filters::{filter_kernel, gaussian_blur, separable_cost, FilterKind};
use convplay_core::conv::signal::{conv1d, Conv1dParams};
use convplay_core::conv::trace::conv2d_trace;
use convplay_core::conv::{conv2d, Conv2dParams, ConvMode};
use convplay_core::{Padding, Rng};
use ndarray::{Array2, Array4, ArrayView4};

fn random(shape: (usize, usize, usize, usize), rng: &mut Rng) -> Array4<f32> {
    Array4::from_shape_fn(shape, |_| rng.uniform_range(-1.0, 1.0))
}

/// The definition, summed in f64: `(A ∗ B)[r, s] = Σ A[c, m, n] B[c, r − m, s − n]`, or for
/// cross-correlation `Σ A[c, i + m, j + n] B[c, m, n]` with `i = r − (Hb − 1)`, `j = s − (Wb − 1)`.
fn by_definition(a: &Array4<f32>, b: &Array4<f32>, mode: ConvMode) -> Vec<f64> {
    let (c, ha, wa) = (a.shape()[1], a.shape()[2] as isize, a.shape()[3] as isize);
    let (hb, wb) = (b.shape()[2] as isize, b.shape()[3] as isize);
    let get = |t: &Array4<f32>, ch: usize, y: isize, x: isize, h: isize, w: isize| {
        if y >= 0 && x >= 0 && y < h && x < w {
            t[[0, ch, y as usize, x as usize]] as f64
        } else {
            0.0
        }
    };
    let mut out = Vec::new();
    for r in 0..ha + hb - 1 {
        for s in 0..wa + wb - 1 {
            let mut sum = 0.0;
            for ch in 0..c {
                match mode {
                    ConvMode::Convolution => {
                        for m in 0..ha {
                            for n in 0..wa {
                                sum += get(a, ch, m, n, ha, wa) * get(b, ch, r - m, s - n, hb, wb);
                            }
                        }
                    }
                    ConvMode::CrossCorrelation => {
                        let (i, j) = (r - (hb - 1), s - (wb - 1));
                        for m in 0..hb {
                            for n in 0..wb {
                                sum += get(a, ch, i + m, j + n, ha, wa) * get(b, ch, m, n, hb, wb);
                            }
                        }
                    }
                }
            }
            out.push(sum);
        }
    }
    out
}

#[test]
fn both_orders_follow_the_definition_and_only_convolution_commutes() {
    let mut rng = Rng::new(7);
    for (c, h, w, kh, kw) in
        [(1, 3, 4, 2, 2), (1, 5, 5, 3, 3), (2, 4, 6, 3, 1), (3, 2, 2, 4, 5), (1, 1, 1, 1, 1)]
    {
        let (i, k) = (random((1, c, h, w), &mut rng), random((1, c, kh, kw), &mut rng));
        for mode in [ConvMode::Convolution, ConvMode::CrossCorrelation] {
            let both = both_orders(i.view(), k.view(), mode).unwrap();
            assert_eq!(both.input_kernel.shape(), &[1, 1, h + kh - 1, w + kw - 1]);
            for (got, want) in [
                (&both.input_kernel, by_definition(&i, &k, mode)),
                (&both.kernel_input, by_definition(&k, &i, mode)),
            ] {
                for (g, w) in got.iter().zip(&want) {
                    assert!((*g as f64 - w).abs() < 1e-5, "{mode:?} {c}×{h}×{w} ∗ {kh}×{kw}: {g} vs {w}");
                }
            }
            let symmetric = (h, w, kh, kw) == (1, 1, 1, 1);
            match mode {
                ConvMode::Convolution => assert!(both.same.agree, "{:?}", both.same),
                ConvMode::CrossCorrelation => {
                    assert_eq!(both.same.agree, symmetric, "{:?}", both.same);
                    assert!(both.turned.agree, "K ⋆ I is I ⋆ K turned by 180°: {:?}", both.turned);
                }
            }
        }
    }
}

#[test]
fn whole_numbers_commute_exactly() {
    let i = Array4::from_shape_vec((1, 1, 3, 4), (1..=12).map(|v| v as f32).collect()).unwrap();
    let k = Array4::from_shape_vec((1, 1, 2, 2), vec![1.0, 2.0, 0.0, -1.0]).unwrap();
    let conv = both_orders(i.view(), k.view(), ConvMode::Convolution).unwrap();
    assert_eq!(conv.same.max_abs_difference, 0.0);
    let xcorr = both_orders(i.view(), k.view(), ConvMode::CrossCorrelation).unwrap();
    assert!(xcorr.same.max_abs_difference > 1.0 && !xcorr.same.agree);
}

#[test]
fn every_term_of_a_trace_follows_the_lecture_index_formula() {
    let mut rng = Rng::new(3);
    let input = random((1, 2, 6, 7), &mut rng);
    let weight = random((1, 2, 3, 2), &mut rng);
    for mode in [ConvMode::Convolution, ConvMode::CrossCorrelation] {
        for padding in [Padding::Valid, Padding::Same, Padding::Full, Padding::Explicit { y: 1, x: 2 }] {
            for (stride, dilation) in [((1, 1), (1, 1)), ((2, 1), (1, 2)), ((1, 3), (2, 1))] {
                let p = Conv2dParams { stride, padding, dilation, mode };
                let Ok(out) = conv2d(input.view(), weight.view(), None, &p) else { continue };
                let (oh, ow) = (out.shape()[2], out.shape()[3]);
                for (r, c) in [(0, 0), (oh - 1, ow - 1), (oh / 2, ow / 2)] {
                    let t = conv2d_trace(input.view(), weight.view(), None, &p, 0, 0, r, c).unwrap();
                    for term in &t.terms {
                        let (m, n) = (
                            (dilation.0 * term.kernel_row) as isize,
                            (dilation.1 * term.kernel_col) as isize,
                        );
                        let want = match mode {
                            ConvMode::Convolution => (t.index_row - m, t.index_col - n),
                            ConvMode::CrossCorrelation => (t.index_row + m, t.index_col + n),
                        };
                        assert_eq!((term.input_row, term.input_col), want, "{p:?} at ({r}, {c})");
                    }
                }
            }
        }
    }
    // The lecture's 5×5 example in convolution mode: output (0, 0) is s[2, 2] = Σ I[2 − m, 2 − n] K[m, n].
    let t = conv2d_trace(
        input.view(),
        weight.view(),
        None,
        &Conv2dParams { mode: ConvMode::Convolution, ..Default::default() },
        0,
        0,
        0,
        0,
    )
    .unwrap();
    assert_eq!((t.index_row, t.index_col), (2, 1));
}

const fn boxed(width: f64, height: f64) -> Signal {
    Signal::Box { width, height }
}
const fn decay(tau: f64, height: f64) -> Signal {
    Signal::Exponential { tau, height }
}

#[test]
fn box_with_box_is_a_triangle_of_height_width_times_the_heights() {
    let (w, a) = (2.0, 1.5);
    let x = boxed(w, a);
    assert_eq!(exact(&x, &x, w), w * a * a);
    assert_eq!(exact(&x, &x, w / 2.0), w * a * a / 2.0);
    assert_eq!(exact(&x, &x, 2.0 * w), 0.0);
    assert_eq!(exact(&x, &x, -0.1), 0.0);
    // Unequal widths: a trapezoid with a flat top of the narrower width times the heights.
    assert_eq!(exact(&boxed(1.0, 2.0), &boxed(3.0, 0.5), 2.0), 1.0);
    assert!((integral(&x, &x, w) - w * a * a).abs() < 1e-12);
}

#[test]
fn the_integral_matches_every_closed_form() {
    let signals =
        [boxed(1.0, 1.0), boxed(2.5, -0.5), decay(1.0, 1.0), decay(0.5, 2.0), decay(0.5 + 1e-9, 1.0)];
    for x in &signals {
        for h in &signals {
            for t in [-1.0, 0.0, 0.3, 1.0, 1.7, 2.5, 4.0, 9.0] {
                let (e, i) = (exact(x, h, t), integral(x, h, t));
                assert!(
                    (e - i).abs() < 1e-8 * (1.0 + e.abs()),
                    "{x:?} ∗ {h:?} at {t}: exact {e}, integral {i}"
                );
                assert!((exact(h, x, t) - e).abs() < 1e-12, "commutes");
            }
        }
    }
    // e^{−t/τ} ∗ e^{−t/τ} = t e^{−t/τ}; a box into an RC circuit charges to τ(1 − e^{−t/τ}).
    assert!((exact(&decay(1.0, 1.0), &decay(1.0, 1.0), 2.0) - 2.0 * (-2.0f64).exp()).abs() < 1e-15);
    assert!((exact(&boxed(10.0, 1.0), &decay(0.5, 1.0), 1.0) - 0.5 * (1.0 - (-2.0f64).exp())).abs() < 1e-15);
}

#[test]
fn the_discrete_sum_approaches_the_integral_as_the_step_shrinks() {
    for (x, h, t) in [
        (boxed(1.0, 1.0), boxed(1.0, 1.0), 1.0),
        (boxed(1.0, 1.0), decay(0.5, 1.0), 1.3),
        (decay(1.0, 2.0), decay(0.5, 1.0), 0.9),
    ] {
        let c = continuous_conv(&x, &h, &ContinuousOptions { t, step: 0.5, points: 11 }).unwrap();
        let errors: Vec<f64> = c.convergence.iter().map(|r| r.error.abs()).collect();
        assert!(errors.windows(2).all(|p| p[1] <= p[0] + 1e-12), "{x:?} ∗ {h:?}: {errors:?}");
        assert!(errors[5] < errors[0] / 8.0, "{errors:?}");
        assert_eq!(c.convergence[3].step, 0.0625);
        assert_eq!(c.convergence[0].sum, c.sum);
    }
    // At t = nΔ the discrete sum is Δ times the convolution sum of the samples.
    let (x, h) = (boxed(1.0, 1.0), decay(0.7, 1.0));
    let c = continuous_conv(&x, &h, &ContinuousOptions { t: 1.0, step: 0.25, points: 5 }).unwrap();
    for (n, (&t, &y)) in c.sample_times.iter().zip(&c.samples).enumerate() {
        assert!((sampled_sum(&x, &h, t, 0.25) - y).abs() < 1e-12, "n = {n}");
    }
    let xs: Vec<f32> = c.sample_times.iter().map(|&t| x.at(t) as f32).collect();
    let hs: Vec<f32> = c.sample_times.iter().map(|&t| h.at(t) as f32).collect();
    let y = conv1d(&xs, &hs, &Conv1dParams::default()).unwrap();
    for (n, (&s, &v)) in c.samples.iter().zip(&y).enumerate() {
        assert!((s - (v * 0.25) as f64).abs() < 1e-6, "the page's conv1d of the samples, n = {n}");
    }
    assert_eq!(c.span, [-3.5, 4.5]);
    assert_eq!(c.times.len(), 5);
    assert_eq!(c.slid[4], h.at(1.0 - 4.5));
    // Every curve is drawn at `times`: x(τ), h(t − τ), their product and y.
    for curve in [&c.x, &c.slid, &c.product, &c.curve] {
        assert_eq!(curve.len(), c.times.len());
    }
    for (i, &s) in c.times.iter().enumerate() {
        assert_eq!(c.x[i], x.at(s), "x(τ) at τ = {s}");
        assert_eq!(c.product[i], x.at(s) * h.at(1.0 - s));
    }
}

#[test]
fn continuous_settings_out_of_range_are_errors() {
    let o = ContinuousOptions::default();
    let e = continuous_conv(&boxed(0.0, 1.0), &boxed(1.0, 1.0), &o).unwrap_err().to_string();
    assert_eq!(e, "continuousConv: x width must be 0.01 to 100, got 0");
    let e = continuous_conv(&boxed(1.0, 1.0), &decay(1.0, f64::NAN), &o).unwrap_err().to_string();
    assert_eq!(e, "continuousConv: h height must be −1000 to 1000, got NaN");
    let e = continuous_conv(&boxed(1.0, 1.0), &boxed(1.0, 1.0), &ContinuousOptions { step: 0.0, ..o })
        .unwrap_err();
    assert_eq!(e.to_string(), "continuousConv: step must be 0.001 to 100, got 0");
    let big =
        continuous_conv(&decay(100.0, 1.0), &decay(100.0, 1.0), &ContinuousOptions { step: 0.001, ..o });
    assert!(big.unwrap_err().to_string().contains("multiply-adds; the limit is 1,073,741,824"));
    // The page's widest setting fits: two exponentials of τ = 10 sampled every 0.05.
    assert!(
        continuous_conv(&decay(10.0, 1.0), &decay(10.0, 1.0), &ContinuousOptions { step: 0.05, ..o }).is_ok()
    );
    let e = continuous_conv(&boxed(1.0, 1.0), &boxed(1.0, 1.0), &ContinuousOptions { points: 1, ..o })
        .unwrap_err();
    assert_eq!(e.to_string(), "continuousConv: points must be 2 to 4096, got 1");
}

#[test]
fn the_separable_blur_is_the_2d_gaussian_inside_and_keeps_a_flat_picture_flat() {
    let (h, w) = (24, 30);
    let img = Array2::from_shape_fn((h, w), |(y, x)| ((y * 7 + x * 3) % 11) as f32 / 10.0);
    let b = gaussian_blur(img.view(), 1.5).unwrap();
    let k = filter_kernel(FilterKind::Gaussian { sigma: 1.5, size: None }).unwrap();
    assert_eq!(b.size, k.rows);
    let full = conv2d(
        img.view().into_shape_with_order((1, 1, h, w)).unwrap(),
        ArrayView4::from_shape((1, 1, k.rows, k.cols), &k.values).unwrap(),
        None,
        &Conv2dParams { padding: Padding::Same, ..Default::default() },
    )
    .unwrap();
    let r = k.rows / 2;
    for y in r..h - r {
        for x in r..w - r {
            assert!((full[[0, 0, y, x]] - b.data[y * w + x]).abs() < 1e-5, "({y}, {x})");
        }
    }
    let flat = Array2::from_elem((17, 40), 0.75f32);
    let blurred = gaussian_blur(flat.view(), 20.0).unwrap();
    assert_eq!(blurred.size, 121);
    assert!(blurred.data.iter().all(|v| (v - 0.75).abs() < 1e-5), "borders do not darken");
    assert_eq!(blurred.cost, separable_cost(17, 40, 121));
    assert!(gaussian_blur(flat.view(), 20.5).is_err());
    assert!(gaussian_blur(flat.view(), 0.0).is_err());
    let k = filter_kernel(FilterKind::Gaussian { sigma: 20.0, size: None }).unwrap();
    assert_eq!((k.rows, k.cols), (121, 121));
    let e = filter_kernel(FilterKind::Box { size: 122 }).unwrap_err().to_string();
    assert_eq!(e, "filterKernel: size must be 1 to 121, got 122");
}
