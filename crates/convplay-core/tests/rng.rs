//! Counter-based seeded whole numbers against the pages' JavaScript they replace.

use convplay_core::rng::{seeded_int, seeded_ints, MAX_SEEDED_INTS};

/// Values printed by the conv2d demo's `seededInt` / `seededInts` (`www/js/demos/conv2d/state.js`,
/// `mix` with `Math.imul` and `>>>`) under node:
///
/// ```js
/// import { seededInt, seededInts } from './www/js/demos/conv2d/state.js';
/// for (const c of CASES) console.log(JSON.stringify(c), seededInt(...c));
/// console.log(JSON.stringify(seededInts(3, 1, 8, 0, 3)), JSON.stringify(seededInts(1, 2, 9, 0, 2)));
/// ```
#[test]
fn the_same_values_as_the_page_code() {
    #[rustfmt::skip]
    let cases: [(i64, i32, u32, i32, i32, i32); 10] = [
        (1, 1, 0, 0, 3, 2),
        (1, 1, 1, 0, 3, 3),
        (1, 2, 5, 0, 2, 2),
        (0, 0, 0, -99, 99, 68),
        (999_999, 3, 17, 0, 1_000_000, 774_422),
        (-5, 7, 3, -3, 3, -2),
        (4_294_967_295, 1, 2, 0, 9, 0), // `seed | 0` is −1
        (123_456, 1, 100, i32::MIN, i32::MAX, 77_123_975),
        (42, 0, 0, 0, 0, 0),
        (7, 1, 12, 10, 20, 19),
    ];
    for (seed, stream, index, lo, hi, want) in cases {
        assert_eq!(seeded_int(seed as i32, stream, index, lo, hi).unwrap(), want, "{seed} {stream} {index}");
    }
    assert_eq!(seeded_ints(3, 1, 8, 0, 3).unwrap(), vec![0, 2, 0, 2, 2, 2, 1, 0]);
    assert_eq!(seeded_ints(1, 2, 9, 0, 2).unwrap(), vec![2, 1, 1, 2, 1, 2, 1, 2, 0]);
}

#[test]
fn a_value_depends_only_on_seed_stream_and_index() {
    let long = seeded_ints(9, 1, 50, -5, 5).unwrap();
    assert_eq!(seeded_ints(9, 1, 20, -5, 5).unwrap(), long[..20]);
    assert!(long.iter().all(|v| (-5..=5).contains(v)));
    assert_ne!(seeded_ints(9, 2, 50, -5, 5).unwrap(), long);
}

#[test]
fn an_empty_range_or_a_huge_count_is_an_error() {
    assert_eq!(
        seeded_int(1, 1, 0, 3, 2).unwrap_err().to_string(),
        "seededInts: hi must be at least lo (3), got 2"
    );
    assert!(seeded_ints(1, 1, MAX_SEEDED_INTS + 1, 0, 1).unwrap_err().to_string().contains("count"));
    assert_eq!(seeded_ints(1, 1, 0, 0, 1).unwrap(), Vec::<i32>::new());
}
