//! A student's dataset as one file ([`ClassSet::to_bytes`], [`parse_classes`]), documented in
//! `docs/classes-format.md`. All numbers little-endian.
//!
//! ```text
//! offset    size       field
//! 0         8          ASCII "CPCLASS1"
//! 8         2  u16     version (1)
//! 10        1  u8      k, the number of classes (2–10)
//! 11        …          k names, each: u8 byte length (1–128), then that many bytes of UTF-8
//!                      (1–32 characters, no spaces at either end, no control characters, all different)
//! h         4  u32     n, the number of examples (0–4096)
//! h+4       2  u16     rows (28)
//! h+6       2  u16     cols (28)
//! h+8       6·n        per example: label u8 (below k), flags u8 (bit 0: augmented; the others 0),
//!                      source u32 (an augmented copy: the index of its original, an earlier or
//!                      later example that is an original of the same class; an original: 0xFFFFFFFF)
//! h+8+6n    n·784      pixels, u8, row-major, example after example, 0 = background, 255 = ink
//! ```
//!
//! The file ends there: a longer or shorter file is an error, and so is anything above the limits
//! (checked on the header, before the examples are read).

use crate::data::classes::{check_name, ClassSet, Example, MIN_CLASSES, PIXELS, SIDE};
use crate::limits::{self, thousands, MAX_CLASSES, MAX_CLASS_EXAMPLES, MAX_CLASS_NAME_CHARS};
use crate::{Error, Result};

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"CPCLASS1";
/// The version this core writes and reads.
pub const VERSION: u16 = 1;
/// Flag bit of an augmented copy.
pub const AUGMENTED: u8 = 1;
/// `source` of an original.
pub const NO_SOURCE: u32 = u32::MAX;
const WHAT: &str = "dataset file";
const RECORD: usize = 6;
/// Largest file: the header with the longest names, and every example.
pub const MAX_BYTES: usize =
    8 + 2 + 1 + MAX_CLASSES * (1 + 4 * MAX_CLASS_NAME_CHARS) + 8 + MAX_CLASS_EXAMPLES * (RECORD + PIXELS);

impl ClassSet {
    /// The dataset as a file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(64 + self.examples.len() * (RECORD + PIXELS));
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&VERSION.to_le_bytes());
        b.push(self.names.len() as u8);
        for name in &self.names {
            b.push(name.len() as u8); // at most 32 characters of at most 4 bytes
            b.extend_from_slice(name.as_bytes());
        }
        b.extend_from_slice(&(self.examples.len() as u32).to_le_bytes());
        b.extend_from_slice(&(SIDE as u16).to_le_bytes());
        b.extend_from_slice(&(SIDE as u16).to_le_bytes());
        for e in &self.examples {
            b.push(e.label as u8);
            b.push(if e.augmented() { AUGMENTED } else { 0 });
            b.extend_from_slice(&e.source.map_or(NO_SOURCE, |s| s as u32).to_le_bytes());
        }
        for e in &self.examples {
            b.extend_from_slice(&e.pixels);
        }
        b
    }
}

/// Reads the file front to back; every shortfall says where the file ends.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        match self.at.checked_add(n).filter(|&end| end <= self.bytes.len()) {
            Some(end) => {
                let s = &self.bytes[self.at..end];
                self.at = end;
                Ok(s)
            }
            None => {
                Err(bad(format!("the file is cut short: it ends at byte {} inside {what}", self.bytes.len())))
            }
        }
    }
    fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &str) -> Result<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

fn bad(message: String) -> Error {
    Error::format(WHAT, message)
}

/// **Errors** ([`Error::Limit`]) if a file of `len` bytes is longer than any dataset file
/// ([`MAX_BYTES`]): callers check a file's size with it before they copy the file.
pub fn check_file_size(len: usize) -> Result<()> {
    limits::at_most(WHAT, "bytes", len as u64, MAX_BYTES).map_err(|_| {
        limits::over(
            WHAT,
            "bytes",
            format!(
                "the file has {} bytes; a dataset file has at most {}",
                thousands(len as u64),
                thousands(MAX_BYTES as u64)
            ),
        )
    })?;
    Ok(())
}

/// Parse a dataset file.
///
/// **Errors** ([`Error::Format`] or [`Error::Limit`], `dataset file: …`) saying what is wrong: not
/// such a file, another version, cut short or too long, a class count, name, example count or
/// size out of range, a label that is not a class, unknown flags, or a source that is not an
/// original of the same class.
pub fn parse_classes(bytes: &[u8]) -> Result<ClassSet> {
    check_file_size(bytes.len())?;
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad("this is not a ConvPlay dataset file (missing \"CPCLASS1\" header)".into()));
    }
    let mut r = Reader { bytes, at: MAGIC.len() };
    let version = r.u16("the header")?;
    if version != VERSION {
        return Err(bad(format!("version {version} is not supported; this page reads version {VERSION}")));
    }
    let k = r.u8("the header")? as usize;
    if !(MIN_CLASSES..=MAX_CLASSES).contains(&k) {
        return Err(bad(format!("it names {k} classes; a dataset has {MIN_CLASSES} to {MAX_CLASSES}")));
    }
    let mut names: Vec<String> = Vec::with_capacity(k);
    for c in 0..k {
        let what = format!("the name of class {c}");
        let len = r.u8(&what)? as usize;
        let raw = r.take(len, &what)?;
        let name =
            std::str::from_utf8(raw).map_err(|_| bad(format!("the name of class {c} is not UTF-8 text")))?;
        let trimmed = check_name("", name).map_err(|e| bad(format!("the name of class {c} {}", tail(&e))))?;
        if trimmed != name {
            return Err(bad(format!("the name of class {c} has spaces at its start or end")));
        }
        if let Some(i) = names.iter().position(|n| *n == trimmed) {
            return Err(bad(format!("classes {i} and {c} have the same name {trimmed:?}")));
        }
        names.push(trimmed);
    }
    let n = r.u32("the example count")? as usize;
    limits::at_most(WHAT, "examples", n as u64, MAX_CLASS_EXAMPLES).map_err(|_| {
        let (n, max) = (thousands(n as u64), thousands(MAX_CLASS_EXAMPLES as u64));
        limits::over(WHAT, "examples", format!("it holds {n} examples; the limit is {max}"))
    })?;
    let (rows, cols) = (r.u16("the image size")? as usize, r.u16("the image size")? as usize);
    if (rows, cols) != (SIDE, SIDE) {
        return Err(bad(format!("its examples are {rows}×{cols}; they must be {SIDE}×{SIDE}")));
    }
    let expected = r.at + n * (RECORD + PIXELS); // n ≤ 4096: no overflow
    if bytes.len() != expected {
        let how = if bytes.len() < expected { "cut short" } else { "too long" };
        return Err(bad(format!(
            "the file is {how}: {n} examples take {} bytes, found {}",
            thousands(expected as u64),
            thousands(bytes.len() as u64)
        )));
    }
    let mut records = Vec::with_capacity(n);
    for i in 0..n {
        let (label, flags, source) =
            (r.u8("the examples")? as usize, r.u8("the examples")?, r.u32("the examples")?);
        if label >= k {
            return Err(bad(format!("example {i} has label {label}, but there are {k} classes")));
        }
        if flags & !AUGMENTED != 0 {
            return Err(bad(format!("example {i} has unknown flags {flags:#04x}")));
        }
        records.push((label, flags & AUGMENTED != 0, source));
    }
    let mut examples = Vec::with_capacity(n);
    for (i, &(label, augmented, source)) in records.iter().enumerate() {
        let source = match (augmented, source) {
            (false, NO_SOURCE) => None,
            (false, s) => {
                return Err(bad(format!("example {i} is an original but names example {s} as its source")))
            }
            (true, s) => {
                let s = s as usize;
                if s >= n || records[s].1 || records[s].0 != label {
                    return Err(bad(format!(
                        "example {i} is an augmented copy of example {s}, which is not an original of its class"
                    )));
                }
                Some(s)
            }
        };
        examples.push(Example { label, source, pixels: r.take(PIXELS, "the pixels")?.to_vec() });
    }
    Ok(ClassSet { names, examples })
}

/// An argument error's message without its `op: name ` prefix (the check's own words).
fn tail(e: &Error) -> String {
    match e {
        Error::InvalidArgument { message, .. } => message.clone(),
        other => other.to_string(),
    }
}
