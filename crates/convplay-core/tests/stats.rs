//! Summaries and histograms by hand.

use convplay_core::measure::stats::{histogram, histogram_between, summarize, Summary};
use convplay_core::Error;

#[test]
fn summary_by_hand() {
    let s = summarize(&[1.0, 2.0, 3.0, 4.0]);
    let want = Summary {
        count: 4,
        mean: 2.5,
        variance: 1.25,
        std: 1.25f32.sqrt(),
        min: 1.0,
        max: 4.0,
        non_finite: 0,
        non_zero: 4,
    };
    assert_eq!(s, want);
}

#[test]
fn summary_excludes_non_finite_values() {
    let s = summarize(&[f32::NAN, -1.0, f32::INFINITY, 1.0, f32::NEG_INFINITY]);
    assert_eq!((s.count, s.non_finite, s.mean, s.variance, s.min, s.max), (2, 3, 0.0, 1.0, -1.0, 1.0));
    let empty = summarize(&[]);
    assert_eq!((empty.count, empty.mean, empty.std, empty.non_finite), (0, 0.0, 0.0, 0));
    let nan = summarize(&[f32::NAN]);
    assert_eq!((nan.count, nan.non_finite, nan.min, nan.max), (0, 1, 0.0, 0.0));
}

#[test]
fn summary_accumulates_in_f64() {
    // 1e4 copies of 1e4 + {−1, 1}: f32 running sums would lose the ±1.
    let values: Vec<f32> = (0..10_000).map(|i| 10_000.0 + if i % 2 == 0 { -1.0 } else { 1.0 }).collect();
    let s = summarize(&values);
    assert_eq!((s.mean, s.variance, s.std), (10_000.0, 1.0, 1.0));
}

#[test]
fn histogram_by_hand() {
    let h = histogram(&[0.0, 0.1, 0.5, 0.9, 1.0, 0.25], 4, None).unwrap();
    assert_eq!((h.lo, h.hi), (0.0, 1.0));
    // Bins [0, .25) [.25, .5) [.5, .75) [.75, 1]; the maximum falls in the last bin.
    assert_eq!(h.counts, vec![2, 1, 1, 2]);
    assert_eq!(h.fractions, vec![2.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, 2.0 / 6.0]);
    assert_eq!(h.bin_width(), 0.25);
    assert_eq!(h.total(), 6);
}

#[test]
fn histogram_clamps_values_outside_the_range() {
    let h =
        histogram(&[-5.0, -1.0, 0.0, 0.99, 1.0, 7.0, f32::NAN, f32::INFINITY], 2, Some((-1.0, 1.0))).unwrap();
    assert_eq!(h.counts, vec![2, 4]);
    let sum: f32 = h.fractions.iter().sum();
    assert!((sum - 1.0).abs() < 1e-6);
}

#[test]
fn degenerate_ranges() {
    let h = histogram(&[3.0, 3.0, 3.0], 5, None).unwrap();
    assert_eq!((h.lo, h.hi), (2.5, 3.5));
    assert_eq!(h.counts, vec![0, 0, 3, 0, 0]);
    let h = histogram(&[1.0, 2.0], 3, Some((2.0, 2.0))).unwrap();
    assert_eq!((h.lo, h.hi, h.counts.clone()), (1.5, 2.5, vec![1, 1, 0]));
    let h = histogram(&[], 3, None).unwrap();
    assert_eq!((h.lo, h.hi, h.counts, h.fractions), (0.0, 1.0, vec![0; 3], vec![0.0; 3]));
    let h = histogram(&[f32::NAN], 1, None).unwrap();
    assert_eq!((h.counts, h.fractions), (vec![0], vec![0.0]));
}

#[test]
fn bad_arguments_are_errors() {
    let arg = |e: Error| match e {
        Error::InvalidArgument { op, arg, .. } => (op, arg),
        e => panic!("{e}"),
    };
    assert_eq!(arg(histogram(&[1.0], 0, None).unwrap_err()), ("histogram", "bins"));
    assert_eq!(arg(histogram(&[1.0], 1001, None).unwrap_err()), ("histogram", "bins"));
    assert_eq!(arg(histogram(&[1.0], 10, Some((1.0, 0.0))).unwrap_err()), ("histogram", "range"));
    assert_eq!(arg(histogram(&[1.0], 10, Some((f32::NAN, 0.0))).unwrap_err()), ("histogram", "range"));
    assert_eq!(histogram(&[1.0], 1000, None).unwrap().counts.len(), 1000);
}

#[test]
fn a_range_comes_as_both_ends_or_neither() {
    let values = [0.0, 0.5, 1.0, 3.0];
    assert_eq!(histogram_between(&values, 2, None, None).unwrap(), histogram(&values, 2, None).unwrap());
    let between = histogram_between(&values, 2, Some(0.0), Some(1.0)).unwrap();
    assert_eq!(between, histogram(&values, 2, Some((0.0, 1.0))).unwrap());
    for (lo, hi) in [(Some(0.0), None), (None, Some(1.0))] {
        let e = histogram_between(&values, 2, lo, hi).unwrap_err();
        assert_eq!(e.to_string(), "histogram: lo and hi must be given together");
    }
}

#[test]
fn summary_counts_the_values_that_are_not_zero() {
    let s = convplay_core::measure::stats::summarize(&[0.0, 1.5, 0.0, -2.0, f32::NAN]);
    assert_eq!(s.non_zero, 3, "NaN is not zero either");
    assert_eq!(s.non_finite, 1);
}

#[test]
fn agreement_is_judged_at_float32_precision() {
    use convplay_core::measure::stats::agreement;
    let a = agreement(&[1.0, 100.0, 3.0], &[1.0 + 1e-7, 100.0 + 5e-4, 3.1]).unwrap();
    assert_eq!(a.same, vec![true, true, false]);
    assert!(!a.all);
    assert!((a.max_abs_difference - 0.1).abs() < 1e-6);
    assert!(agreement(&[1.0], &[1.0, 2.0])
        .unwrap_err()
        .to_string()
        .contains("agreement: b must have the length of a (1), got 2"));
}
