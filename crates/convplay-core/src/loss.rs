//! Softmax, cross-entropy and accuracy: from logits to a loss and its gradient.
//!
//! ```text
//!  logits z ──softmax──▶ p_k = e^{z_k − m} / Σ_j e^{z_j − m}      (m = max_j z_j: no overflow)
//!  loss    = mean over the batch of  −log p_label = log Σ_j e^{z_j} − z_label
//!  ∂loss/∂z = (p − onehot(label)) / batch
//! ```
//!
//! The loss is computed as `m + log Σ e^{z_j − m} − z_label` (log-sum-exp), so logits of ±1000
//! give a finite loss instead of `∞ − ∞`.

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

use crate::tensor::flush_subnormal;
use crate::{ensure_arg, Result};

/// Largest value of a row (NaN entries ignored, `−∞` for an empty row).
fn row_max(row: &ArrayView1<f32>) -> f32 {
    row.iter().copied().fold(f32::NEG_INFINITY, f32::max)
}

/// Row-wise softmax, numerically stable (the row maximum is subtracted before `exp`).
///
/// # Shapes
/// `[batch, classes]` → `[batch, classes]`; each row sums to 1.
pub fn softmax(logits: ArrayView2<f32>) -> Array2<f32> {
    let mut p = Array2::zeros(logits.raw_dim());
    for (z, mut out) in logits.outer_iter().zip(p.outer_iter_mut()) {
        let m = row_max(&z);
        let mut sum = 0.0f32;
        for (o, &v) in out.iter_mut().zip(z.iter()) {
            *o = (v - m).exp();
            sum += *o;
        }
        out.mapv_inplace(|e| e / sum);
    }
    p
}

/// Check that `labels` has one entry per row of `logits`, each below the class count.
fn check_labels(op: &'static str, logits: &ArrayView2<f32>, labels: &[usize]) -> Result<()> {
    let (n, k) = logits.dim();
    ensure_arg!(n >= 1 && k >= 1, op, "logits", "must be at least 1×1 [batch, classes], got {n}×{k}");
    ensure_arg!(labels.len() == n, op, "labels", "has {} entries but logits has {n} rows", labels.len());
    if let Some((i, &bad)) = labels.iter().enumerate().find(|(_, &l)| l >= k) {
        return Err(crate::Error::arg(
            op,
            "labels",
            format!("contains {bad} at position {i} but there are only {k} classes (0 to {})", k - 1),
        ));
    }
    Ok(())
}

/// Mean softmax cross-entropy over the batch and its gradient with respect to the logits.
///
/// Returns `(loss, grad)` with `grad = (softmax(logits) − onehot(labels)) / batch`.
///
/// # Shapes
/// logits `[batch, classes]`, `labels.len() == batch` → `(scalar, [batch, classes])`.
///
/// **Errors** if `logits` is empty, `labels` has the wrong length, or a label is not below the
/// class count (the message names `labels`, the bad value and the class count).
pub fn softmax_cross_entropy(logits: ArrayView2<f32>, labels: &[usize]) -> Result<(f32, Array2<f32>)> {
    check_labels("softmaxCrossEntropy", &logits, labels)?;
    let n = logits.nrows();
    let scale = 1.0 / n as f32;
    let mut grad = Array2::zeros(logits.raw_dim());
    let mut total = 0.0f64;
    for ((z, mut g), &label) in logits.outer_iter().zip(grad.outer_iter_mut()).zip(labels) {
        let m = row_max(&z);
        let mut sum = 0.0f32;
        for (o, &v) in g.iter_mut().zip(z.iter()) {
            *o = (v - m).exp();
            sum += *o;
        }
        total += (m + sum.ln() - z[label]) as f64;
        g.mapv_inplace(|e| flush_subnormal(e / sum * scale));
        g[label] -= scale;
    }
    Ok(((total / n as f64) as f32, grad))
}

/// Index of the largest logit of each row (the predicted class; the first on ties).
///
/// # Shapes
/// `[batch, classes]` → `batch` indices.
pub fn argmax_rows(logits: ArrayView2<f32>) -> Vec<usize> {
    logits
        .axis_iter(Axis(0))
        .map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate().skip(1) {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

/// Fraction of rows whose [`argmax_rows`] equals the label, in `[0, 1]`.
///
/// # Shapes
/// logits `[batch, classes]`, `labels.len() == batch` → scalar.
///
/// **Errors** as [`softmax_cross_entropy`].
pub fn accuracy(logits: ArrayView2<f32>, labels: &[usize]) -> Result<f32> {
    check_labels("accuracy", &logits, labels)?;
    let hits = argmax_rows(logits).iter().zip(labels).filter(|(p, l)| p == l).count();
    Ok(hits as f32 / labels.len() as f32)
}
