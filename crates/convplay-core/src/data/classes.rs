//! A student's own dataset: 2 to 10 named classes of 28×28 grey examples, each one an original
//! (drawn, uploaded, captured, or taken from the shipped digits) or an augmented copy of one.
//!
//! Pixels are stored as bytes (`0` background, `255` ink, as in the digit file) and read as
//! `value / 255`. Augmented copies ([`ClassSet::augment`], in `classes_augment.rs`) name their
//! original as `source`; removing an original removes its copies. [`ClassSet::split`] holds out a
//! test split of the originals, class by class, and puts each copy where its original went, so no
//! test example has a shifted twin in training. The file format is `classes_file.rs`'s.

use serde::Serialize;

use crate::limits::{thousands, MAX_CLASSES, MAX_CLASS_EXAMPLES, MAX_CLASS_NAME_CHARS};
use crate::{ensure_arg, Error, Result};

/// Side of an example.
pub const SIDE: usize = 28;
/// Pixels of an example, 28 × 28.
pub const PIXELS: usize = SIDE * SIDE;
/// Fewest classes of a dataset.
pub const MIN_CLASSES: usize = 2;

/// One example: its class, its pixels and, for an augmented copy, the original it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Class index, below the number of classes.
    pub label: usize,
    /// For an augmented copy, the index of its original; `None` for an original.
    pub source: Option<usize>,
    /// 28 × 28 bytes, row-major, 0 = background.
    pub pixels: Vec<u8>,
}

impl Example {
    /// `true` for an augmented copy.
    pub fn augmented(&self) -> bool {
        self.source.is_some()
    }

    /// The pixels as `value / 255`, 0 to 1.
    pub fn pixels_f32(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| p as f32 / 255.0).collect()
    }
}

/// Examples per class, originals and augmented copies apart (index = label).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    /// Originals of each class.
    pub original: Vec<usize>,
    /// Augmented copies of each class.
    pub augmented: Vec<usize>,
}

/// A student's dataset: class names and examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSet {
    pub(crate) names: Vec<String>,
    pub(crate) examples: Vec<Example>,
}

/// A pixel value 0 to 1 as a byte (rounded, values outside clamped).
pub fn to_byte(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// `name` trimmed, if it is a class name: 1 to 32 characters, no control characters.
///
/// **Errors** naming `op` and saying what is wrong.
pub fn check_name(op: &'static str, name: &str) -> Result<String> {
    let t = name.trim();
    let n = t.chars().count();
    ensure_arg!(n >= 1, op, "name", "must not be empty");
    ensure_arg!(
        n <= MAX_CLASS_NAME_CHARS,
        op,
        "name",
        "must be at most {MAX_CLASS_NAME_CHARS} characters long, got {n}"
    );
    ensure_arg!(
        !t.chars().any(char::is_control),
        op,
        "name",
        "must not hold control characters (a line break, a tab)"
    );
    Ok(t.to_string())
}

impl ClassSet {
    /// An empty dataset with these class names (trimmed).
    ///
    /// **Errors** unless there are 2 to 10 names, each 1 to 32 characters, all different.
    pub fn new(names: &[String]) -> Result<Self> {
        const OP: &str = "ClassSet";
        ensure_arg!(
            (MIN_CLASSES..=MAX_CLASSES).contains(&names.len()),
            OP,
            "names",
            "must hold {MIN_CLASSES} to {MAX_CLASSES} class names, got {}",
            names.len()
        );
        let mut set = ClassSet { names: Vec::with_capacity(names.len()), examples: Vec::new() };
        for name in names {
            let name = set.fresh_name(OP, name, None)?;
            set.names.push(name);
        }
        Ok(set)
    }

    /// `name` checked and trimmed, and not the name of another class than `except`.
    fn fresh_name(&self, op: &'static str, name: &str, except: Option<usize>) -> Result<String> {
        let name = check_name(op, name)?;
        if let Some(i) = self.names.iter().position(|n| *n == name).filter(|&i| Some(i) != except) {
            return Err(Error::arg(op, "name", format!("{name:?} is already the name of class {i}")));
        }
        Ok(name)
    }

    /// The class names, in label order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.names.len()
    }

    /// Number of examples, originals and augmented copies.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// `true` if there are no examples.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// All examples, in order.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// The example at `index`.
    ///
    /// **Errors** if `index` is not below [`ClassSet::len`].
    pub fn example(&self, index: usize) -> Result<&Example> {
        self.check_index("ClassSet.example", index)?;
        Ok(&self.examples[index])
    }

    fn check_index(&self, op: &'static str, index: usize) -> Result<()> {
        let n = self.examples.len();
        ensure_arg!(index < n, op, "index", "must be below the {n} examples, got {index}");
        Ok(())
    }

    fn check_label(&self, op: &'static str, label: usize) -> Result<()> {
        let k = self.names.len();
        ensure_arg!(label < k, op, "label", "must be 0 to {}, the {k} classes, got {label}", k - 1);
        Ok(())
    }

    /// Originals and augmented copies of each class.
    pub fn counts(&self) -> ClassCounts {
        let mut c = ClassCounts { original: vec![0; self.classes()], augmented: vec![0; self.classes()] };
        for e in &self.examples {
            let row = if e.augmented() { &mut c.augmented } else { &mut c.original };
            row[e.label] += 1;
        }
        c
    }

    /// Room for `more` examples.
    pub(crate) fn check_room(&self, op: &'static str, arg: &'static str, more: usize) -> Result<()> {
        let total = self.examples.len().saturating_add(more);
        if total > MAX_CLASS_EXAMPLES {
            return Err(crate::limits::over(
                op,
                arg,
                format!(
                    "the dataset would hold {} examples; the limit is {}",
                    thousands(total as u64),
                    thousands(MAX_CLASS_EXAMPLES as u64)
                ),
            ));
        }
        Ok(())
    }

    /// Add an original of class `label` (784 values 0 to 1, stored as bytes); its index.
    ///
    /// **Errors** if the label is not a class, `pixels` does not hold 784 finite values, or the
    /// dataset is full ([`MAX_CLASS_EXAMPLES`]).
    pub fn add(&mut self, label: usize, pixels: &[f32]) -> Result<usize> {
        const OP: &str = "ClassSet.add";
        self.check_label(OP, label)?;
        ensure_arg!(
            pixels.len() == PIXELS,
            OP,
            "pixels",
            "must hold 28×28 = {PIXELS} values, got {}",
            pixels.len()
        );
        ensure_arg!(pixels.iter().all(|v| v.is_finite()), OP, "pixels", "must hold finite values");
        self.check_room(OP, "pixels", 1)?;
        self.examples.push(Example {
            label,
            source: None,
            pixels: pixels.iter().map(|&v| to_byte(v)).collect(),
        });
        Ok(self.examples.len() - 1)
    }

    /// Keep the examples `keep` says yes to, renumbering the sources; the number removed.
    pub(crate) fn retain(&mut self, keep: impl Fn(usize, &Example) -> bool) -> usize {
        let mut new_index = vec![None; self.examples.len()];
        let mut next = 0;
        for (i, e) in self.examples.iter().enumerate() {
            if keep(i, e) && e.source.map_or(true, |s| keep(s, &self.examples[s])) {
                new_index[i] = Some(next);
                next += 1;
            }
        }
        let before = self.examples.len();
        let old = std::mem::take(&mut self.examples);
        self.examples = old
            .into_iter()
            .enumerate()
            .filter(|(i, _)| new_index[*i].is_some())
            .map(|(_, mut e)| {
                e.source = e.source.and_then(|s| new_index[s]);
                e
            })
            .collect();
        before - self.examples.len()
    }

    /// Remove the example at `index` (an original with its augmented copies); the number removed.
    /// Later examples move down.
    ///
    /// **Errors** if `index` is not below [`ClassSet::len`].
    pub fn remove(&mut self, index: usize) -> Result<usize> {
        self.check_index("ClassSet.remove", index)?;
        Ok(self.retain(|i, _| i != index))
    }

    /// Remove every augmented copy; the number removed.
    pub fn clear_augmented(&mut self) -> usize {
        self.retain(|_, e| !e.augmented())
    }

    /// Add an empty class named `name`; its label.
    ///
    /// **Errors** if there are 10 classes already or the name is not a fresh class name.
    pub fn add_class(&mut self, name: &str) -> Result<usize> {
        const OP: &str = "ClassSet.addClass";
        ensure_arg!(
            self.classes() < MAX_CLASSES,
            OP,
            "name",
            "cannot be added: a dataset holds at most {MAX_CLASSES} classes"
        );
        let name = self.fresh_name(OP, name, None)?;
        self.names.push(name);
        Ok(self.names.len() - 1)
    }

    /// Rename class `label`.
    ///
    /// **Errors** if the label is not a class or the name is not a fresh class name.
    pub fn rename_class(&mut self, label: usize, name: &str) -> Result<()> {
        const OP: &str = "ClassSet.renameClass";
        self.check_label(OP, label)?;
        self.names[label] = self.fresh_name(OP, name, Some(label))?;
        Ok(())
    }

    /// Remove class `label` and its examples (the classes above move down a label); the number of
    /// examples removed.
    ///
    /// **Errors** if the label is not a class or only 2 classes are left.
    pub fn remove_class(&mut self, label: usize) -> Result<usize> {
        const OP: &str = "ClassSet.removeClass";
        self.check_label(OP, label)?;
        ensure_arg!(
            self.classes() > MIN_CLASSES,
            OP,
            "label",
            "cannot be removed: a dataset keeps at least {MIN_CLASSES} classes"
        );
        let removed = self.retain(|_, e| e.label != label);
        self.names.remove(label);
        self.examples.iter_mut().filter(|e| e.label > label).for_each(|e| e.label -= 1);
        Ok(removed)
    }
}
