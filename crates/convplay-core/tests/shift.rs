//! Shift differences, difference maps and the undoing of a shift after subsampling (the
//! equivariance demo's measurements).

use convplay_core::measure::shift::{difference, relative_change, shift_difference, undo_subsampled_shift};
use convplay_core::measure::transform::shift;
use convplay_core::tensor::image;
use ndarray::Array2;

#[test]
fn difference_is_b_minus_a() {
    assert_eq!(difference(&[1.0, 2.0, 3.0], &[1.5, 0.0, 3.0]).unwrap(), vec![0.5, -2.0, 0.0]);
    let e = difference(&[1.0], &[1.0, 2.0]).unwrap_err().to_string();
    assert_eq!(e, "differenceMap: a and b must have the same length, got 1 and 2");
}

#[test]
fn relative_change_checks_its_lengths() {
    assert_eq!(relative_change(&[3.0, 4.0], &[3.0, 4.0]).unwrap(), 0.0);
    assert_eq!(relative_change(&[3.0, 4.0], &[0.0, 0.0]).unwrap(), 1.0);
    assert_eq!(relative_change(&[0.0], &[1.0]).unwrap(), f32::INFINITY);
    let e = relative_change(&[1.0], &[1.0, 2.0]).unwrap_err().to_string();
    assert_eq!(e, "relativeChange: a and b must have the same non-zero length, got 1 and 2");
    assert!(relative_change(&[], &[]).is_err());
}

/// A map sampled every `step` pixels from a smooth pattern moved by `(py, px)` pixels.
fn subsampled(py: isize, px: isize, step: usize) -> Array2<f32> {
    Array2::from_shape_fn((8, 8), |(i, j)| {
        let (y, x) = ((i * step) as f32 - py as f32, (j * step) as f32 - px as f32);
        (y * 0.3).sin() + (x * 0.2).cos()
    })
}

#[test]
fn an_even_shift_is_undone_exactly_by_whole_cells() {
    let (a, b) = (subsampled(0, 0, 2), subsampled(4, -2, 2));
    let u = undo_subsampled_shift(a.view(), b.view(), 4, -2, 2, 1).unwrap();
    assert_eq!((u.dy, u.dx), (2, -1));
    assert!(u.measured.max_abs_interior < 1e-5, "{:?}", u.measured);
    assert_eq!(u.measured, shift_difference(a.view(), b.view(), 2, -1, 1).unwrap());
    let undone = shift(a.view(), 2, -1);
    let want: Vec<f32> = undone.iter().zip(b.iter()).map(|(x, y)| y - x).collect();
    assert_eq!(u.difference, want);
}

#[test]
fn an_odd_shift_keeps_the_closer_of_floor_and_ceil() {
    // 3 pixels = 1.5 cells: candidates 1 and 2 on rows; 0 columns.
    let (a, b) = (subsampled(0, 0, 2), subsampled(3, 0, 2));
    let u = undo_subsampled_shift(a.view(), b.view(), 3, 0, 2, 1).unwrap();
    let d1 = shift_difference(a.view(), b.view(), 1, 0, 1).unwrap().max_abs_interior;
    let d2 = shift_difference(a.view(), b.view(), 2, 0, 1).unwrap().max_abs_interior;
    assert!(d1 != d2);
    assert_eq!(u.dy, if d1 <= d2 { 1 } else { 2 });
    assert_eq!(u.measured.max_abs_interior, d1.min(d2));
    // Negative odd shifts round both ways too: −3 pixels is −2 or −1 cells.
    let (a, b) = (subsampled(0, 0, 2), subsampled(0, -3, 2));
    let u = undo_subsampled_shift(a.view(), b.view(), 0, -3, 2, 1).unwrap();
    assert!([-2, -1].contains(&u.dx), "{}", u.dx);
}

#[test]
fn bad_maps_and_steps_are_errors() {
    let (a, b) = (Array2::<f32>::zeros((4, 4)), Array2::<f32>::zeros((4, 5)));
    let e = undo_subsampled_shift(a.view(), b.view(), 1, 1, 2, 0).unwrap_err().to_string();
    assert!(e.starts_with("undoSubsampledShift: maps of"), "{e}");
    let e = undo_subsampled_shift(a.view(), a.view(), 1, 1, 0, 0).unwrap_err().to_string();
    assert_eq!(e, "undoSubsampledShift: step must be 1 to 64, got 0");
    let e = image("undoSubsampledShift", "a", &[0.0; 5], 2, 3).unwrap_err().to_string();
    assert_eq!(e, "undoSubsampledShift: a must hold 2×3 = 6 values, got 5");
    assert_eq!(image("t", "a", &[1.0, 2.0], 1, 2).unwrap()[[0, 1]], 2.0);
}
