//! Data: labelled image sets, the site's real handwritten digits, a drawn digit made to look like
//! one of them, and a student's own classes (`classes*`: examples, augmentation, split, file).

pub mod classes;
mod classes_augment;
pub mod classes_file;
pub mod classes_image;
mod classes_split;
pub mod digits;
pub mod draw;

pub use classes_augment::{augmented_pixels, AugmentOptions, Augmentation};
pub use classes_split::TEST_PERCENT;

use ndarray::{Array4, ArrayView4, Axis};

use crate::{ensure_shape, limits, Result};

/// Labelled images `[N, C, H, W]` with class indices.
#[derive(Debug, Clone)]
pub struct Dataset {
    images: Array4<f32>,
    labels: Vec<usize>,
    classes: usize,
}

impl Dataset {
    /// A dataset from images and labels.
    ///
    /// **Errors** if the counts differ or a label is not below `classes`.
    pub fn new(images: Array4<f32>, labels: Vec<usize>, classes: usize) -> Result<Self> {
        ensure_shape!(
            images.shape()[0] == labels.len(),
            "dataset",
            "{} images but {} labels",
            images.shape()[0],
            labels.len()
        );
        if let Some(&l) = labels.iter().find(|&&l| l >= classes) {
            return Err(crate::Error::arg(
                "dataset",
                "labels",
                format!("contain {l}, but there are {classes} classes"),
            ));
        }
        Ok(Dataset { images, labels, classes })
    }

    /// From bytes: pixels `0..=255` scaled to `[0, 1]`, one image of `shape` `[C, H, W]` per label.
    pub fn from_u8(pixels: &[u8], labels: &[u8], shape: [usize; 3], classes: usize) -> Result<Self> {
        let [c, h, w] = shape;
        let per_image = limits::shape_values("dataset", "shape", &shape, limits::MAX_ELEMENTS)?;
        ensure_shape!(
            Some(pixels.len()) == labels.len().checked_mul(per_image),
            "dataset",
            "{} pixels do not make {} images of {c}×{h}×{w}",
            pixels.len(),
            labels.len()
        );
        let data: Vec<f32> = pixels.iter().map(|&p| p as f32 / 255.0).collect();
        let images = Array4::from_shape_vec((labels.len(), c, h, w), data)
            .map_err(|e| crate::Error::arg("dataset", "pixels", e.to_string()))?;
        Dataset::new(images, labels.iter().map(|&l| l as usize).collect(), classes)
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// `true` if there are no examples.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// All images.
    pub fn images(&self) -> ArrayView4<'_, f32> {
        self.images.view()
    }

    /// All labels.
    pub fn labels(&self) -> &[usize] {
        &self.labels
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// The first `n` examples (or all, if fewer).
    pub fn take(&self, n: usize) -> Dataset {
        let n = n.min(self.len());
        Dataset {
            images: self.images.slice_axis(Axis(0), ndarray::Slice::from(..n)).to_owned(),
            labels: self.labels[..n].to_vec(),
            classes: self.classes,
        }
    }

    /// Copy the examples at `indices` into `images` / `labels` (resized if needed).
    pub fn gather(&self, indices: &[usize], images: &mut Array4<f32>, labels: &mut Vec<usize>) {
        let s = self.images.shape();
        crate::layer::reuse_buffer(images, [indices.len(), s[1], s[2], s[3]]);
        labels.clear();
        for (k, &i) in indices.iter().enumerate() {
            images.index_axis_mut(Axis(0), k).assign(&self.images.index_axis(Axis(0), i));
            labels.push(self.labels[i]);
        }
    }
}
