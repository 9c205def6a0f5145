//! Shift differences, difference maps and the undoing of a shift after subsampling (the
//! equivariance demo's measurements).

use convplay_core::conv::filters::{filter_kernel, FilterKind};
use convplay_core::conv::{conv2d, Conv2dParams};
use convplay_core::measure::compare::RELATIVE_TOLERANCE;
use convplay_core::measure::shift::{difference, relative_change, shift_difference, undo_subsampled_shift};
use convplay_core::measure::transform::{rotate_scale, shift};
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

/// A digit-like blob: a ring and a bar on a 28×28 map, values 0 to 1.
fn blob() -> Array2<f32> {
    Array2::from_shape_fn((28, 28), |(i, j)| {
        let (y, x) = (i as f32 - 12.0, j as f32 - 15.0);
        let ring = (-((y * y + x * x).sqrt() - 7.0).powi(2) / 4.0).exp();
        let bar = if (5..22).contains(&i) && (19..22).contains(&j) { 0.8 } else { 0.0 };
        ring + bar
    })
}

/// f(g(x)) against g(f(x)) for g a rotation by `degrees` and f a same-padded filter.
fn rotation_verdict(kind: FilterKind, degrees: f32) -> convplay_core::measure::shift::ShiftDifference {
    let k = filter_kernel(kind).unwrap();
    let params = Conv2dParams { padding: convplay_core::Padding::Same, ..Default::default() };
    let f = |img: &Array2<f32>| -> Array2<f32> {
        let x = img.view().into_shape_with_order((1, 1, 28, 28)).unwrap();
        let w = ndarray::ArrayView4::from_shape((1, 1, k.rows, k.cols), &k.values).unwrap();
        conv2d(x, w, None, &params).unwrap().into_shape_with_order((28, 28)).unwrap()
    };
    let x = blob();
    let fgx = f(&rotate_scale(x.view(), degrees, 1.0).unwrap());
    let gfx = rotate_scale(f(&x).view(), degrees, 1.0).unwrap();
    shift_difference(gfx.view(), fgx.view(), 0, 0, 1).unwrap()
}

#[test]
fn a_quarter_turn_commutes_with_the_laplacian_up_to_rounding_and_30_degrees_does_not() {
    // cos 90° is −4.4·10⁻⁸ in f32, so the rotated maps differ from exact ones by rounding only.
    let quarter = rotation_verdict(FilterKind::Laplacian, 90.0);
    assert!(quarter.max_abs_interior > 0.0, "rounding is measured, not hidden: {quarter:?}");
    assert!(quarter.agree, "{quarter:?}");
    assert!(quarter.max_abs_interior <= quarter.tolerance);
    assert_eq!(quarter.tolerance, RELATIVE_TOLERANCE * quarter.scale);
    let thirty = rotation_verdict(FilterKind::Laplacian, 30.0);
    assert!(!thirty.agree && thirty.max_abs_interior > 100.0 * thirty.tolerance, "{thirty:?}");
    // A vertical-edge detector does not turn with the image, even by a quarter turn.
    assert!(!rotation_verdict(FilterKind::SobelX, 90.0).agree);
    // A shift undone exactly: difference 0, agree.
    let a = blob();
    let d = shift_difference(a.view(), shift(a.view(), 2, 3).view(), 2, 3, 0).unwrap();
    assert_eq!((d.max_abs_interior, d.agree), (0.0, true));
}
