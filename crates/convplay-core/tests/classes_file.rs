//! The dataset file ("CPCLASS1", docs/classes-format.md): written and read back unchanged, and
//! every damaged file rejected with a message saying what is wrong, never a panic.

use convplay_core::data::classes::{ClassSet, PIXELS};
use convplay_core::data::classes_file::{parse_classes, MAX_BYTES};
use convplay_core::data::AugmentOptions;
use convplay_core::Error;

/// Two classes ("cat", "dög"), three originals and copies of the first and the third.
fn small() -> ClassSet {
    let mut s = ClassSet::new(&["cat".to_string(), "dög".to_string()]).unwrap();
    for (label, seed) in [(0, 1), (1, 2), (1, 3)] {
        let pixels: Vec<f32> = (0..PIXELS).map(|i| ((i * seed) % 256) as f32 / 255.0).collect();
        s.add(label, &pixels).unwrap();
    }
    s.augment(&AugmentOptions { copies: 1, ..Default::default() }).unwrap();
    s.remove(4).unwrap(); // the copy of example 1: example 5 becomes 4, its source stays 2
    s
}

fn message(bytes: &[u8]) -> String {
    let e = parse_classes(bytes).expect_err("a damaged file");
    assert!(
        matches!(e, Error::Format { what: "dataset file", .. } | Error::Limit { op: "dataset file", .. }),
        "{e:?}"
    );
    e.to_string()
}

/// Offset of the example count in `small()`'s file: magic, version, k, "cat", "dög".
const COUNT_AT: usize = 8 + 2 + 1 + (1 + 3) + (1 + 4);

#[test]
fn a_dataset_comes_back_unchanged() {
    let s = small();
    let bytes = s.to_bytes();
    assert_eq!(&bytes[..8], b"CPCLASS1");
    assert_eq!(bytes.len(), COUNT_AT + 8 + 6 * 5 + 5 * PIXELS);
    assert_eq!(u32::from_le_bytes(bytes[COUNT_AT..COUNT_AT + 4].try_into().unwrap()), 5);
    let back = parse_classes(&bytes).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.counts().augmented, [1, 1]);
    assert_eq!(back.examples()[4].source, Some(2));
    // The empty dataset too, and the largest one stays within MAX_BYTES.
    let empty = ClassSet::new(&["a".to_string(), "b".to_string()]).unwrap();
    assert_eq!(parse_classes(&empty.to_bytes()).unwrap(), empty);
    const { assert!(MAX_BYTES < 4 << 20) };
}

#[test]
fn a_file_cut_at_any_byte_is_rejected() {
    let bytes = small().to_bytes();
    for cut in 0..bytes.len() {
        let m = message(&bytes[..cut]);
        assert!(m.contains("cut short") || m.contains("missing \"CPCLASS1\""), "cut at {cut}: {m}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        message(&longer),
        format!(
            "dataset file: the file is too long: 5 examples take {} bytes, found {}",
            thousands(bytes.len()),
            thousands(bytes.len() + 1)
        )
    );
    assert_eq!(
        message(&bytes[..bytes.len() - 1]),
        "dataset file: the file is cut short: 5 examples take 3,978 bytes, found 3,977"
    );
    assert_eq!(
        message(&bytes[..20]),
        "dataset file: the file is cut short: it ends at byte 20 inside the example count"
    );
}

fn thousands(n: usize) -> String {
    convplay_core::limits::thousands(n as u64)
}

/// `small()`'s file with `edit` applied.
fn edited(edit: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut b = small().to_bytes();
    edit(&mut b);
    message(&b)
}

#[test]
fn every_damaged_field_is_named() {
    let records = COUNT_AT + 8;
    let cases: Vec<(String, &str)> = vec![
        (edited(|b| b[0] = b'X'), "this is not a ConvPlay dataset file (missing \"CPCLASS1\" header)"),
        (message(b"CPDIGIT1 and then some"), "this is not a ConvPlay dataset file"),
        (edited(|b| b[8] = 2), "version 2 is not supported; this page reads version 1"),
        (edited(|b| b[10] = 1), "it names 1 classes; a dataset has 2 to 10"),
        (edited(|b| b[10] = 11), "it names 11 classes"),
        (edited(|b| b[11] = 0), "the name of class 0 must not be empty"),
        (edited(|b| b[12] = b' '), "the name of class 0 has spaces at its start or end"),
        (edited(|b| b[13] = b'\n'), "the name of class 0 must not hold control characters"),
        (edited(|b| b[17] = 0xff), "the name of class 1 is not UTF-8 text"),
        (edited(|b| b[16..20].copy_from_slice(b"cat\0")), "the name of class 1 must not hold control"),
        (
            edited(|b| {
                b.splice(15..20, *b"\x03cat");
            }),
            "classes 0 and 1 have the same name \"cat\"",
        ),
        (
            edited(|b| b[COUNT_AT..COUNT_AT + 4].copy_from_slice(&7u32.to_le_bytes())),
            "the file is cut short: 7 examples take",
        ),
        (
            edited(|b| b[COUNT_AT..COUNT_AT + 4].copy_from_slice(&4u32.to_le_bytes())),
            "the file is too long: 4 examples take",
        ),
        (
            edited(|b| b[COUNT_AT..COUNT_AT + 4].copy_from_slice(&u32::MAX.to_le_bytes())),
            "it holds 4,294,967,295 examples; the limit is 4,096",
        ),
        (edited(|b| b[COUNT_AT + 4] = 29), "its examples are 29×28; they must be 28×28"),
        (edited(|b| b[records] = 2), "example 0 has label 2, but there are 2 classes"),
        (edited(|b| b[records + 1] = 4), "example 0 has unknown flags 0x04"),
        (edited(|b| b[records + 2] = 0), "example 0 is an original but names example"),
        (
            edited(|b| b[records + 6 * 3 + 2] = 9),
            "example 3 is an augmented copy of example 9, which is not an original of its class",
        ),
        (
            edited(|b| b[records + 6 * 3 + 2] = 1),
            "example 3 is an augmented copy of example 1, which is not an original of its class",
        ),
        (
            edited(|b| b[records + 6 * 3 + 2] = 4),
            "example 3 is an augmented copy of example 4, which is not an original",
        ),
    ];
    for (got, want) in cases {
        assert!(got.starts_with("dataset file: "), "{got}");
        assert!(got.contains(want), "{got:?} should say {want:?}");
    }
    let huge = vec![0u8; MAX_BYTES + 1];
    assert!(message(&huge).contains(&format!("a dataset file has at most {}", thousands(MAX_BYTES))));
}

#[test]
fn arbitrary_bytes_never_panic() {
    let good = small().to_bytes();
    let mut rng = convplay_core::Rng::new(7);
    for _ in 0..3000 {
        let mut b = good.clone();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(COUNT_AT as u32 + 8 + 36) as usize;
            b[at] = rng.next_u32() as u8;
        }
        if let Ok(s) = parse_classes(&b) {
            assert_eq!(parse_classes(&s.to_bytes()).unwrap(), s);
        }
    }
}
