//! A student's dataset made into something to train on: the built-in starting point from the
//! shipped digits ([`ClassSet::starter`]) and the stratified train/test split ([`ClassSet::split`]).

use crate::data::classes::{to_byte, ClassSet, Example, MIN_CLASSES, SIDE};
use crate::data::digits::{DigitSplits, Split};
use crate::data::Dataset;
use crate::limits::{MAX_CLASSES, MAX_CLASS_EXAMPLES};
use crate::{ensure_arg, Error, Result, Rng};

/// The smallest and largest share of originals held out by [`ClassSet::split`], in percent.
pub const TEST_PERCENT: (f64, f64) = (1.0, 90.0);

impl ClassSet {
    /// The built-in starting point: the first `per_class` training digits of each of `labels`
    /// (2 to 10 different digits), named `"0"`, `"1"`, … in the order given.
    ///
    /// **Errors** if the labels are not 2 to 10 different digits of the file, `per_class` is 0 or
    /// the set would be above [`MAX_CLASS_EXAMPLES`], the digits are not 28×28, or the training
    /// split holds none of a label.
    pub fn starter(digits: &DigitSplits, labels: &[usize], per_class: usize) -> Result<Self> {
        const OP: &str = "ClassSet.starter";
        let train = digits.get(Split::Train);
        let k = labels.len();
        ensure_arg!(
            (MIN_CLASSES..=MAX_CLASSES).contains(&k),
            OP,
            "labels",
            "must list {MIN_CLASSES} to {MAX_CLASSES} digits, got {k}"
        );
        for (i, &l) in labels.iter().enumerate() {
            ensure_arg!(
                l < train.classes(),
                OP,
                "labels",
                "must be digits 0 to {}, got {l}",
                train.classes() - 1
            );
            ensure_arg!(
                !labels[..i].contains(&l),
                OP,
                "labels",
                "must be different digits; {l} is listed twice"
            );
        }
        ensure_arg!(per_class >= 1, OP, "perClass", "must be at least 1, got 0");
        let most = MAX_CLASS_EXAMPLES / k;
        ensure_arg!(
            per_class <= most,
            OP,
            "perClass",
            "must be at most {most} for {k} classes, got {per_class}"
        );
        ensure_arg!(
            digits.shape() == [1, SIDE, SIDE],
            OP,
            "digits",
            "must be 28×28 grey digits, got {:?}",
            digits.shape()
        );
        let mut set = ClassSet::new(&labels.iter().map(|l| l.to_string()).collect::<Vec<_>>())?;
        let mut taken = vec![0; k];
        let images = train.images();
        for (i, &digit) in train.labels().iter().enumerate() {
            let Some(class) = labels.iter().position(|&l| l == digit) else { continue };
            if taken[class] < per_class {
                taken[class] += 1;
                let pixels = images.index_axis(ndarray::Axis(0), i).iter().map(|&v| to_byte(v)).collect();
                set.examples.push(Example { label: class, source: None, pixels });
            }
        }
        if let Some(class) = taken.iter().position(|&t| t == 0) {
            return Err(Error::arg(
                OP,
                "labels",
                format!("name {}, but the training digits hold none", labels[class]),
            ));
        }
        Ok(set)
    }

    /// A train and a test split for a [`crate::train::Trainer`]: in each class, `test_percent` of
    /// the originals (rounded, at least one, at least one left for training; drawn with `seed`) are
    /// held out for testing; the other originals and every augmented copy of them train. Copies of
    /// a test original are in neither split. Examples keep their order within a split.
    ///
    /// **Errors** if `test_percent` is not 1 to 90 or a class has fewer than 2 originals.
    pub fn split(&self, test_percent: f64, seed: u64) -> Result<DigitSplits> {
        const OP: &str = "ClassSet.split";
        let (lo, hi) = TEST_PERCENT;
        ensure_arg!(
            test_percent.is_finite() && (lo..=hi).contains(&test_percent),
            OP,
            "testPercent",
            "must be {lo} to {hi}, got {test_percent}"
        );
        let counts = self.counts();
        if let Some(c) = counts.original.iter().position(|&n| n < 2) {
            return Err(Error::arg(
                OP,
                "examples",
                format!(
                    "are too few: class {:?} has {} original example{}; each class needs at least 2, one to train on and one to test",
                    self.names[c],
                    counts.original[c],
                    if counts.original[c] == 1 { "" } else { "s" }
                ),
            ));
        }
        let mut rng = Rng::new(seed);
        let mut held_out = vec![false; self.examples.len()];
        for class in 0..self.classes() {
            let mut originals: Vec<usize> = (0..self.examples.len())
                .filter(|&i| self.examples[i].label == class && !self.examples[i].augmented())
                .collect();
            rng.shuffle(&mut originals);
            let n = originals.len();
            let test = ((n as f64 * test_percent / 100.0).round() as usize).clamp(1, n - 1);
            originals[..test].iter().for_each(|&i| held_out[i] = true);
        }
        let (mut train, mut test) = (Vec::new(), Vec::new());
        for (i, e) in self.examples.iter().enumerate() {
            match e.source {
                None if held_out[i] => test.push(e),
                None => train.push(e),
                Some(s) if !held_out[s] => train.push(e),
                Some(_) => {}
            }
        }
        let dataset = |examples: Vec<&Example>| {
            let pixels: Vec<u8> = examples.iter().flat_map(|e| e.pixels.iter().copied()).collect();
            let labels: Vec<u8> = examples.iter().map(|e| e.label as u8).collect();
            Dataset::from_u8(&pixels, &labels, [1, SIDE, SIDE], self.classes())
        };
        Ok(DigitSplits { train: dataset(train)?, test: dataset(test)? })
    }
}
