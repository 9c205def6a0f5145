//! A student's dataset under random edits: whatever is added, augmented, removed and renamed, every
//! copy names an original of its class, the counts add up, the file reads back the same, and every
//! split holds each original exactly once, stratified, with no copy of a test original anywhere.

use convplay_core::data::classes::{ClassSet, PIXELS};
use convplay_core::data::classes_file::parse_classes;
use convplay_core::data::AugmentOptions;
use convplay_core::Rng;
use proptest::prelude::*;

/// One edit: 0 add, 1 augment, 2 remove, 3 add a class, 4 remove a class, 5 clear copies, 6 rename.
fn apply(set: &mut ClassSet, op: u8, a: usize, rng: &mut Rng) {
    let k = set.classes();
    match op {
        0 => {
            let pixels: Vec<f32> = (0..PIXELS).map(|_| rng.uniform()).collect();
            set.add(a % k, &pixels).unwrap();
        }
        1 => {
            let o = AugmentOptions {
                copies: 1 + a % 3,
                max_shift: a % 4,
                max_degrees: (a % 30) as f32,
                seed: a as u64,
            };
            let before = set.len();
            match set.augment(&o) {
                Ok(made) => assert_eq!(set.len(), before + made.len()),
                Err(_) => assert_eq!(set.len(), before, "a refused augmentation adds nothing"),
            }
        }
        2 if !set.is_empty() => {
            let i = a % set.len();
            let copies = set.examples().iter().filter(|e| e.source == Some(i)).count();
            let removed = set.remove(i).unwrap();
            assert_eq!(removed, 1 + copies, "an original goes with its copies, a copy alone");
        }
        3 => {
            let _ = set.add_class(&format!("class {a}"));
        }
        4 => {
            let _ = set.remove_class(a % k);
        }
        5 => {
            set.clear_augmented();
            assert!(set.examples().iter().all(|e| !e.augmented()));
        }
        _ => {
            let _ = set.rename_class(a % k, &format!("renamed {a}"));
        }
    }
}

fn check_invariants(set: &ClassSet) {
    let counts = set.counts();
    assert_eq!(counts.original.iter().sum::<usize>() + counts.augmented.iter().sum::<usize>(), set.len());
    for e in set.examples() {
        assert!(e.label < set.classes());
        if let Some(s) = e.source {
            let o = &set.examples()[s];
            assert!(!o.augmented() && o.label == e.label, "a copy names an original of its class");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_edits_keep_the_dataset_whole(
        k in 2usize..5, per in 2usize..6, ops in proptest::collection::vec((0u8..7, 0usize..1000), 0..25),
        percent in 1.0f64..90.0, seed in 0u64..1000,
    ) {
        let names: Vec<String> = (0..k).map(|i| format!("c{i}")).collect();
        let mut set = ClassSet::new(&names).unwrap();
        let mut rng = Rng::new(seed);
        for i in 0..k * per {
            let pixels: Vec<f32> = (0..PIXELS).map(|_| rng.uniform()).collect();
            set.add(i % k, &pixels).unwrap();
        }
        for (op, a) in ops {
            apply(&mut set, op, a, &mut rng);
            check_invariants(&set);
        }
        let back = parse_classes(&set.to_bytes()).unwrap();
        prop_assert_eq!(&back, &set);
        match set.split(percent, seed) {
            Err(e) => prop_assert!(set.counts().original.iter().any(|&n| n < 2), "{}", e),
            Ok(sp) => {
                let counts = set.counts();
                let bytes = |d: &convplay_core::data::Dataset| -> Vec<Vec<u8>> {
                    d.images().outer_iter().map(|im| im.iter().map(|&v| (v * 255.0).round() as u8).collect()).collect()
                };
                let (train, test) = (bytes(&sp.train), bytes(&sp.test));
                for c in 0..set.classes() {
                    let n = counts.original[c];
                    let t = sp.test.labels().iter().filter(|&&l| l == c).count();
                    prop_assert_eq!(t, ((n as f64 * percent / 100.0).round() as usize).clamp(1, n - 1));
                }
                // Each original once, in one split; copies only with a training original.
                let mut in_test = vec![false; set.len()];
                let mut ti = 0;
                let mut tr = 0;
                for (i, e) in set.examples().iter().enumerate() {
                    let held = e.source.is_none() && ti < test.len() && test[ti] == e.pixels;
                    if held { in_test[i] = true; ti += 1; }
                }
                prop_assert_eq!(ti, test.len(), "the test split is originals in order");
                for (i, e) in set.examples().iter().enumerate() {
                    let trains = match e.source { None => !in_test[i], Some(s) => !in_test[s] };
                    if trains { prop_assert_eq!(&train[tr], &e.pixels); tr += 1; }
                }
                prop_assert_eq!(tr, train.len(), "the training split is everything else but copies of test originals");
                prop_assert_eq!(sp.train.classes(), set.classes());
            }
        }
    }
}
