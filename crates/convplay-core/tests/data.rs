//! The digit file and datasets: format errors say which file they read, splits by name.

use convplay_core::data::digits::parse_digits;
use convplay_core::Error;

/// A digit file of `n` tiny `rows × cols` digits, the first `train` for training.
fn digit_file(n: u32, train: u32, rows: u16, cols: u16) -> Vec<u8> {
    let mut b = b"CPDIGIT1".to_vec();
    b.extend_from_slice(&n.to_le_bytes());
    b.extend_from_slice(&train.to_le_bytes());
    b.extend_from_slice(&rows.to_le_bytes());
    b.extend_from_slice(&cols.to_le_bytes());
    b.extend((0..n).map(|i| (i % 10) as u8));
    b.extend((0..n as usize * rows as usize * cols as usize).map(|i| (i % 256) as u8));
    b
}

#[test]
fn a_bad_digit_file_reads_digit_file_not_model_file() {
    let e = parse_digits(b"nonsense, not digits").unwrap_err();
    assert!(matches!(e, Error::Format { what: "digit file", .. }), "{e:?}");
    assert_eq!(e.to_string(), "digit file: this is not a ConvPlay digit file (missing \"CPDIGIT1\" header)");
    let mut short = digit_file(4, 3, 2, 2);
    short.pop();
    let e = parse_digits(&short).unwrap_err().to_string();
    assert!(e.starts_with("digit file: expected 40 bytes for 4 digits of 2×2, found 39"), "{e}");
    assert!(!e.contains("model file"), "{e}");
    let d = parse_digits(&digit_file(4, 3, 2, 2)).unwrap();
    assert_eq!((d.train.len(), d.test.len()), (3, 1));
}
