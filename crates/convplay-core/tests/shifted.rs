//! Test accuracy on shifted images: at shift 0 it is `evaluate`'s, every shift is the accuracy on
//! images moved by the core's shift transform, the model is left unchanged, and bad arguments
//! are errors naming the argument.
mod common;

use common::training::{halves, trainer};
use convplay_core::data::Dataset;
use convplay_core::measure::transform::shift;
use convplay_core::train::{evaluate, shifted_accuracy, EvalOptions, MAX_ACCURACY_SHIFT};
use ndarray::Array4;

fn trained() -> convplay_core::train::Trainer {
    let mut t = trainer("c4k3_relu_mp2_fl_d2", 8);
    t.train(&halves(64), 40).unwrap();
    t
}

/// The first `n` images of `data` moved right by `s` pixels, one at a time.
fn moved(data: &Dataset, n: usize, s: usize) -> Dataset {
    let src = data.images();
    let (_, c, h, w) = src.dim();
    let mut out = Array4::zeros((n, c, h, w));
    for i in 0..n {
        for ch in 0..c {
            let m = shift(src.slice(ndarray::s![i, ch, .., ..]), 0, s as isize);
            out.slice_mut(ndarray::s![i, ch, .., ..]).assign(&m);
        }
    }
    Dataset::new(out, data.labels()[..n].to_vec(), data.classes()).unwrap()
}

#[test]
fn shift_zero_is_evaluate_and_the_model_is_unchanged() {
    let mut t = trained();
    let data = halves(40);
    let before = convplay_core::model::file::save_model(&t.model).unwrap();
    let r = shifted_accuracy(&mut t.model, &data, 2, 0).unwrap();
    assert_eq!(convplay_core::model::file::save_model(&t.model).unwrap(), before);
    let e = evaluate(&mut t.model, &data, &EvalOptions::default()).unwrap();
    assert_eq!(r.shifts[0].accuracy, e.accuracy);
    assert!(e.accuracy > 0.9, "the halves are learnt: {}", e.accuracy);
    assert_eq!(r.count, 40);
}

#[test]
fn shifts_zero_to_two_on_a_tiny_dataset() {
    let mut t = trained();
    let data = halves(10);
    let r = shifted_accuracy(&mut t.model, &data, 2, 6).unwrap();
    assert_eq!(r.shifts.iter().map(|a| a.shift).collect::<Vec<_>>(), vec![0, 1, 2]);
    assert_eq!(r.count, 6);
    for a in &r.shifts {
        let e = evaluate(&mut t.model, &moved(&data, 6, a.shift), &EvalOptions::default()).unwrap();
        assert_eq!(a.accuracy, e.accuracy, "shift {}", a.shift);
        assert_eq!(a.accuracy * 6.0, (a.accuracy * 6.0).round(), "a fraction of 6 images");
    }
    let mean = (r.shifts[1].accuracy + r.shifts[2].accuracy) / 2.0;
    assert!((r.mean_shifted - mean).abs() < 1e-6);
    // Shift 0 alone: the mean is that accuracy.
    let zero = shifted_accuracy(&mut t.model, &data, 0, 0).unwrap();
    assert_eq!(zero.shifts.len(), 1);
    assert_eq!(zero.mean_shifted, zero.shifts[0].accuracy);
}

#[test]
fn errors_name_the_argument() {
    let mut t = trained();
    let data = halves(4);
    let e = shifted_accuracy(&mut t.model, &data, MAX_ACCURACY_SHIFT + 1, 0).unwrap_err().to_string();
    assert!(e.contains("max") && e.contains("shiftedAccuracy"), "{e}");
    let empty = Dataset::new(Array4::zeros((0, 1, 6, 6)), vec![], 2).unwrap();
    let e = shifted_accuracy(&mut t.model, &empty, 2, 0).unwrap_err().to_string();
    assert!(e.contains("data"), "{e}");
    assert!(shifted_accuracy(&mut t.model, &data, MAX_ACCURACY_SHIFT, 1).is_ok());
}
