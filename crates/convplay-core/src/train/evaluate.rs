//! Evaluating a model on a dataset: accuracy, mean loss, confusion matrix, every prediction and
//! the misclassified examples, in evaluation mode and in batches.

use ndarray::{Axis, Slice};
use serde::{Deserialize, Serialize};

use crate::data::Dataset;
use crate::model::Model;
use crate::{ensure_arg, ensure_shape, Result};

/// Examples per forward pass when the caller does not say (it matters for batch norm evaluated
/// with the test batch's own statistics).
pub const DEFAULT_EVAL_BATCH: usize = 256;

/// Which examples to evaluate and how many at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EvalOptions {
    /// Evaluate the first `limit` examples (0 = all).
    #[serde(default)]
    pub limit: usize,
    /// Examples per forward pass, 1 to 4096 (default [`DEFAULT_EVAL_BATCH`]).
    #[serde(default)]
    pub batch_size: Option<usize>,
}

/// Accuracy, mean loss and confusion matrix over a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Fraction classified correctly.
    pub accuracy: f32,
    /// Mean cross-entropy.
    pub loss: f32,
    /// Standard error of that mean: the per-example losses' standard deviation over `√count`.
    pub loss_std_error: f32,
    /// Examples evaluated.
    pub count: usize,
    /// `confusion[true · classes + predicted]` counts.
    pub confusion: Vec<u32>,
    /// Predicted class of every example.
    pub predictions: Vec<u8>,
    /// Indices (in order) of the misclassified examples.
    pub wrong: Vec<u32>,
}

/// Accuracy, loss, confusion matrix, predictions and misclassified examples of `model` on the
/// first `options.limit` examples of `data` (all if 0), in evaluation mode.
///
/// **Errors** if the batch size is not 1 to 4096, or the model's outputs do not match the data's
/// classes or its inputs the images.
pub fn evaluate(model: &mut Model, data: &Dataset, options: &EvalOptions) -> Result<Evaluation> {
    let batch = options.batch_size.unwrap_or(DEFAULT_EVAL_BATCH);
    ensure_arg!(
        (1..=crate::limits::MAX_BATCH).contains(&batch),
        "evaluate",
        "batchSize",
        "must be 1 to {}, got {batch}",
        crate::limits::MAX_BATCH
    );
    let k = data.classes();
    ensure_shape!(
        model.classes() == k,
        "evaluate",
        "model has {} outputs but the data has {k} classes",
        model.classes()
    );
    let n = if options.limit == 0 { data.len() } else { options.limit.min(data.len()) };
    model.check_batch("evaluate", "batchSize", batch.min(n.max(1)))?;
    let mut confusion = vec![0u32; k * k];
    let mut predictions = Vec::with_capacity(n);
    let mut wrong = Vec::new();
    let (mut loss_sum, mut loss_squares) = (0.0f64, 0.0f64);
    for start in (0..n).step_by(batch) {
        let end = (start + batch).min(n);
        let probs = model.predict(data.images().slice_axis_move(Axis(0), Slice::from(start..end)))?;
        for (i, (row, &label)) in probs.outer_iter().zip(&data.labels()[start..end]).enumerate() {
            let (pred, _) =
                row.iter()
                    .enumerate()
                    .fold((0, f32::NEG_INFINITY), |b, (i, &p)| if p > b.1 { (i, p) } else { b });
            confusion[label * k + pred] += 1;
            predictions.push(pred as u8);
            if pred != label {
                wrong.push((start + i) as u32);
            }
            let loss = -(row[label].max(1e-12) as f64).ln();
            loss_sum += loss;
            loss_squares += loss * loss;
        }
    }
    let correct: u32 = (0..k).map(|i| confusion[i * k + i]).sum();
    let count = n.max(1) as f32;
    let mean = loss_sum / count as f64;
    let spread = (loss_squares / count as f64 - mean * mean).max(0.0).sqrt();
    Ok(Evaluation {
        accuracy: correct as f32 / count,
        loss: mean as f32,
        loss_std_error: (spread / (count as f64).sqrt()) as f32,
        count: n,
        confusion,
        predictions,
        wrong,
    })
}
