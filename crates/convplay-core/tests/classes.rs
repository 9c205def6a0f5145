//! A student's own dataset: names, adding and removing examples and classes, the starter from
//! the shipped digits, augmentation against the transforms themselves, the stratified split
//! without leakage, pictures made into examples (hand-checked), and the layer code for k classes.

use std::io::Read;

use convplay_core::data::classes::{ClassSet, PIXELS};
use convplay_core::data::classes_image::example_from_image;
use convplay_core::data::digits::{parse_digits, DigitSplits};
use convplay_core::data::{augmented_pixels, AugmentOptions};
use convplay_core::measure::transform::{rotate_scale, shift};
use convplay_core::model::code::layers_for_classes;
use ndarray::Array2;

fn digits() -> DigitSplits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.bin.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    parse_digits(&bytes).unwrap()
}

fn names(n: &[&str]) -> Vec<String> {
    n.iter().map(|s| s.to_string()).collect()
}

/// An example whose pixel `i` is `(i + seed) % 256`.
fn pattern(seed: usize) -> Vec<f32> {
    (0..PIXELS).map(|i| ((i + seed) % 256) as f32 / 255.0).collect()
}

fn err<T>(r: convplay_core::Result<T>) -> String {
    r.err().expect("an error").to_string()
}

#[test]
fn names_are_two_to_ten_trimmed_unique_and_short() {
    let s = ClassSet::new(&names(&["  cat ", "dog"])).unwrap();
    assert_eq!(s.names(), ["cat", "dog"]);
    assert!(err(ClassSet::new(&names(&["one"]))).contains("names must hold 2 to 10 class names, got 1"));
    assert!(err(ClassSet::new(&names(&["a"; 11]))).contains("got 11"));
    assert_eq!(
        err(ClassSet::new(&names(&["a", "a "]))),
        "ClassSet: name \"a\" is already the name of class 0"
    );
    assert!(err(ClassSet::new(&names(&["a", "  "]))).contains("must not be empty"));
    assert!(
        err(ClassSet::new(&names(&["a", &"x".repeat(33)]))).contains("at most 32 characters long, got 33")
    );
    assert!(ClassSet::new(&names(&["a", &"é".repeat(32)])).is_ok(), "32 characters, 64 bytes");
    assert!(err(ClassSet::new(&names(&["a", "b\nc"]))).contains("control characters"));
}

#[test]
fn add_remove_and_classes() {
    let mut s = ClassSet::new(&names(&["a", "b", "c"])).unwrap();
    assert_eq!(s.add(0, &pattern(0)).unwrap(), 0);
    assert_eq!(s.add(2, &pattern(1)).unwrap(), 1);
    assert_eq!(s.add(2, &pattern(2)).unwrap(), 2);
    assert_eq!(s.example(1).unwrap().pixels_f32(), pattern(1), "bytes k/255 come back exactly");
    assert!(err(s.add(3, &pattern(0))).contains("label must be 0 to 2, the 3 classes, got 3"));
    assert!(err(s.add(0, &[0.0; 10])).contains("must hold 28×28 = 784 values, got 10"));
    assert!(err(s.add(0, &[f32::NAN; PIXELS])).contains("finite"));
    assert_eq!(s.counts().original, [1, 0, 2]);
    // Removing an original takes its copies with it, and later sources are renumbered.
    let made = s.augment(&AugmentOptions { copies: 2, ..Default::default() }).unwrap();
    assert_eq!(made.len(), 6);
    assert_eq!(s.counts().augmented, [2, 0, 4]);
    assert_eq!(s.remove(1).unwrap(), 3, "the original and its 2 copies");
    assert_eq!(s.len(), 6);
    for e in s.examples().iter().filter(|e| e.augmented()) {
        let src = &s.examples()[e.source.unwrap()];
        assert!(!src.augmented() && src.label == e.label);
    }
    assert_eq!(s.counts().augmented, [2, 0, 2]);
    let copy = s.examples().iter().position(|e| e.augmented()).unwrap();
    assert_eq!(s.remove(copy).unwrap(), 1, "a copy goes alone");
    assert!(err(s.remove(99)).contains("index must be below the 5 examples, got 99"));
    assert_eq!(s.clear_augmented(), 3);
    assert_eq!(
        s.counts(),
        convplay_core::data::classes::ClassCounts { original: vec![1, 0, 1], augmented: vec![0, 0, 0] }
    );
    // Classes: add, rename, remove (labels above move down, at least 2 stay).
    assert_eq!(s.add_class("d").unwrap(), 3);
    assert!(err(s.add_class("b")).contains("already the name of class 1"));
    s.rename_class(1, "bee").unwrap();
    s.rename_class(1, "bee").unwrap();
    assert!(err(s.rename_class(1, "a")).contains("already the name of class 0"));
    assert_eq!(s.remove_class(0).unwrap(), 1);
    assert_eq!(s.names(), ["bee", "c", "d"]);
    assert_eq!(s.examples()[0].label, 1, "the example of c moved from label 2 to 1");
    s.remove_class(2).unwrap();
    assert!(err(s.remove_class(0)).contains("keeps at least 2 classes"));
    let mut full = ClassSet::new(&names(&["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])).unwrap();
    assert!(err(full.add_class("x")).contains("at most 10 classes"));
}

#[test]
fn the_starter_is_the_first_training_digits_of_each_label() {
    let d = digits();
    let s = ClassSet::starter(&d, &[0, 1, 7], 20).unwrap();
    assert_eq!(s.names(), ["0", "1", "7"]);
    assert_eq!(s.counts().original, [20, 20, 20]);
    let want: Vec<usize> = (0..d.train.len()).filter(|&i| d.train.labels()[i] == 7).take(20).collect();
    let sevens: Vec<_> = s.examples().iter().filter(|e| e.label == 2).collect();
    for (e, &i) in sevens.iter().zip(&want) {
        let image: Vec<f32> = d.train.images().index_axis(ndarray::Axis(0), i).iter().copied().collect();
        assert_eq!(e.pixels_f32(), image, "digit {i} exactly (the file's bytes)");
    }
    assert!(err(ClassSet::starter(&d, &[0], 5)).contains("2 to 10 digits"));
    assert!(err(ClassSet::starter(&d, &[0, 0], 5)).contains("0 is listed twice"));
    assert!(err(ClassSet::starter(&d, &[0, 10], 5)).contains("digits 0 to 9, got 10"));
    assert!(err(ClassSet::starter(&d, &[0, 1], 0)).contains("perClass must be at least 1"));
    assert!(err(ClassSet::starter(&d, &[0, 1], 2049)).contains("at most 2048 for 2 classes"));
}

#[test]
fn augmented_copies_are_the_transforms_of_their_originals() {
    let mut s = ClassSet::starter(&digits(), &[0, 1, 7], 4).unwrap();
    let o = AugmentOptions { copies: 3, max_shift: 3, max_degrees: 20.0, seed: 5 };
    let made = s.augment(&o).unwrap();
    assert_eq!(made.len(), 36);
    assert_eq!(s.counts().augmented, [12, 12, 12]);
    assert!(made.iter().any(|a| a.dy != 0) && made.iter().any(|a| a.degrees.abs() > 1.0));
    for a in &made {
        assert!(a.dy.abs() <= 3 && a.dx.abs() <= 3 && a.degrees.abs() <= 20.0);
        let (copy, original) = (&s.examples()[a.index], &s.examples()[a.source]);
        assert_eq!((copy.source, copy.label), (Some(a.source), original.label));
        // Directly with measure::transform: rotate about the centre, then shift.
        let image = Array2::from_shape_vec((28, 28), original.pixels_f32()).unwrap();
        let want = shift(rotate_scale(image.view(), a.degrees, 1.0).unwrap().view(), a.dy, a.dx);
        for (got, want) in copy.pixels_f32().iter().zip(want.iter()) {
            assert!((got - want).abs() <= 0.5 / 255.0 + 1e-6, "{got} vs {want}");
        }
        assert_eq!(copy.pixels, augmented_pixels(&original.pixels, a.dy, a.dx, a.degrees).unwrap());
    }
    let again = s.augment(&o).unwrap();
    assert_eq!(again.len(), 36, "only originals are augmented");
    assert_eq!(
        (again[0].dy, again[0].dx, again[0].degrees),
        (made[0].dy, made[0].dx, made[0].degrees),
        "seeded"
    );
    let bad = |o: AugmentOptions| err(s.clone().augment(&o));
    assert!(bad(AugmentOptions { copies: 0, ..o }).contains("copies must be 1 to 20, got 0"));
    assert!(bad(AugmentOptions { max_shift: 9, ..o }).contains("maxShift must be 0 to 8"));
    assert!(bad(AugmentOptions { max_degrees: f32::NAN, ..o }).contains("maxDegrees"));
    let mut big = ClassSet::starter(&digits(), &[0, 1], 200).unwrap();
    let e = err(big.augment(&AugmentOptions { copies: 20, ..Default::default() }));
    assert_eq!(e, "ClassSet.augment: the dataset would hold 8,400 examples; the limit is 4,096");
    assert_eq!(big.len(), 400, "nothing added");
}

#[test]
fn the_split_is_stratified_over_originals_and_copies_never_leak() {
    let mut s = ClassSet::starter(&digits(), &[0, 1, 7], 10).unwrap();
    s.add(0, &pattern(3)).unwrap(); // class 0: 11 originals
    s.augment(&AugmentOptions { copies: 2, ..Default::default() }).unwrap();
    let sp = s.split(30.0, 9).unwrap();
    // round(11·0.3) = 3 and round(10·0.3) = 3 test originals per class; every copy of the rest trains.
    let count = |d: &convplay_core::data::Dataset, c| d.labels().iter().filter(|&&l| l == c).count();
    assert_eq!([count(&sp.test, 0), count(&sp.test, 1), count(&sp.test, 2)], [3, 3, 3]);
    assert_eq!([count(&sp.train, 0), count(&sp.train, 1), count(&sp.train, 2)], [8 * 3, 7 * 3, 7 * 3]);
    assert_eq!((sp.train.classes(), sp.test.classes(), sp.shape()), (3, 3, [1, 28, 28]));
    // No test image is an original or a copy in training: compare pixels, and the copies of a test
    // original (which it alone could produce) are nowhere.
    let rows = |d: &convplay_core::data::Dataset| -> Vec<Vec<u8>> {
        d.images().outer_iter().map(|im| im.iter().map(|&v| (v * 255.0).round() as u8).collect()).collect()
    };
    let (train, test) = (rows(&sp.train), rows(&sp.test));
    for t in &test {
        assert!(!train.contains(t), "a test image is in training");
        let i = s.examples().iter().position(|e| e.pixels == *t && !e.augmented()).expect("an original");
        for copy in s.examples().iter().filter(|e| e.source == Some(i)) {
            assert!(!train.contains(&copy.pixels), "a copy of test original {i} is in training");
        }
    }
    // Seeded: the same seed the same split, another seed another.
    assert_eq!(rows(&s.split(30.0, 9).unwrap().test), test);
    assert_ne!(rows(&s.split(30.0, 10).unwrap().test), test);
    // At least one each way, whatever the percent.
    let sp = s.split(1.0, 1).unwrap();
    assert_eq!(sp.test.len(), 3);
    assert_eq!(s.split(90.0, 1).unwrap().test.len(), 10 + 9 + 9, "round(9.9) of 11, round(9) of 10");
    assert!(err(s.split(0.0, 1)).contains("testPercent must be 1 to 90, got 0"));
    assert!(err(s.split(f64::NAN, 1)).contains("testPercent"));
    let mut few = ClassSet::new(&names(&["cat", "dog"])).unwrap();
    few.add(0, &pattern(0)).unwrap();
    few.add(0, &pattern(1)).unwrap();
    few.add(1, &pattern(2)).unwrap();
    assert_eq!(
        err(few.split(20.0, 1)),
        "ClassSet.split: examples are too few: class \"dog\" has 1 original example; each class needs at least 2, one to train on and one to test"
    );
}

/// RGBA of a `w × h` picture of `background` with the rectangle `rows × cols` of `ink`.
fn picture(
    w: usize,
    h: usize,
    background: [u8; 4],
    ink: [u8; 4],
    rows: std::ops::Range<usize>,
    cols: std::ops::Range<usize>,
) -> Vec<u8> {
    (0..h)
        .flat_map(|y| (0..w).map(move |x| (y, x)))
        .flat_map(|(y, x)| if rows.contains(&y) && cols.contains(&x) { ink } else { background })
        .collect()
}

/// The 28×28 output as rows of 0/1 (asserting it holds nothing else) and its ink rectangle.
fn ink_box(v: &[f32]) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    assert!(v.iter().all(|&x| x == 0.0 || x == 1.0), "{v:?}");
    let on: Vec<(usize, usize)> = (0..784).filter(|&i| v[i] == 1.0).map(|i| (i / 28, i % 28)).collect();
    let (r0, r1) = (on.iter().map(|p| p.0).min().unwrap(), on.iter().map(|p| p.0).max().unwrap());
    let (c0, c1) = (on.iter().map(|p| p.1).min().unwrap(), on.iter().map(|p| p.1).max().unwrap());
    assert_eq!(on.len(), (r1 - r0 + 1) * (c1 - c0 + 1), "a full rectangle");
    (r0..r1 + 1, c0..c1 + 1)
}

#[test]
fn pictures_become_examples_by_hand() {
    // Dark on light: a black 2×2 square on white in 8×8. Inverted, background 0, the square's
    // 2×2 box scaled to 20×20 (all ink 1), centre of mass (10, 10) moved to (14, 14): rows and
    // columns 4 to 23.
    let white = [255, 255, 255, 255];
    let v = example_from_image(&picture(8, 8, white, [0, 0, 0, 255], 3..5, 2..4), 8, 8).unwrap();
    assert_eq!(ink_box(&v), (4..24, 4..24));
    // Light on dark: a white 2-row × 4-column bar on black in 10×6 (w × h). Scale 20/4 = 5: 10 × 20,
    // centre of mass (5, 10) to (14, 14): rows 9 to 18, columns 4 to 23.
    let v = example_from_image(&picture(10, 6, [0, 0, 0, 255], white, 1..3, 5..9), 10, 6).unwrap();
    assert_eq!(ink_box(&v), (9..19, 4..24));
    // Grey on grey: background 0.8, ink 0.2 → the background is 0, the ink 1, as above.
    let v = example_from_image(&picture(8, 8, [204, 204, 204, 255], [51, 51, 51, 255], 3..5, 2..4), 8, 8)
        .unwrap();
    assert_eq!(ink_box(&v), (4..24, 4..24));
    // Transparent reads as white: black ink on a transparent background is dark on light.
    let v = example_from_image(&picture(8, 8, [0, 0, 0, 0], [0, 0, 0, 255], 3..5, 2..4), 8, 8).unwrap();
    assert_eq!(ink_box(&v), (4..24, 4..24));
    // Paper texture: specks 10 % of the way to black scattered over the white are under the noise
    // floor (20 %) and vanish; the result is the clean square's.
    let mut specked = picture(8, 8, white, [0, 0, 0, 255], 3..5, 2..4);
    for i in [0, 9, 18, 47, 60, 63] {
        specked[i * 4..i * 4 + 3].fill(230);
    }
    let v = example_from_image(&specked, 8, 8).unwrap();
    assert_eq!(ink_box(&v), (4..24, 4..24));
    // Blank and malformed pictures are errors in words.
    let e = err(example_from_image(&picture(4, 4, white, [250, 250, 250, 255], 1..2, 1..2), 4, 4));
    assert!(e.contains("is blank: no pixel stands out from the background"), "{e}");
    assert!(
        err(example_from_image(&[0; 12], 2, 2)).contains("must hold 4 bytes per pixel of 2×2 = 16, got 12")
    );
    assert!(err(example_from_image(&[], 0, 2)).contains("width must be 1 to 4096, got 0"));
}

#[test]
fn the_layer_code_for_k_classes() {
    assert_eq!(layers_for_classes("c8k5_relu_mp2_fl_d10", 3).unwrap(), "c8k5_relu_mp2_fl_d3");
    assert_eq!(layers_for_classes("fl_d64_relu_d10", 10).unwrap(), "fl_d64_relu_d10");
    assert_eq!(layers_for_classes("fl_d10i xn".replace(' ', "").as_str(), 2).unwrap(), "fl_d2ixn");
    let e = err(layers_for_classes("c8k5_relu", 3));
    assert!(
        e.contains("must end with a dense layer (such as d3)") && e.contains("its last layer is activation"),
        "{e}"
    );
    assert!(err(layers_for_classes("c8k5_fl_d10", 1)).contains("k must be 2 to 10 classes, got 1"));
    assert!(err(layers_for_classes("c8x", 3)).contains("layer code: layer 1 \"c8x\" is not a layer code"));
}
