//! How a trained model does on the examples it was trained on against examples it never saw: the
//! train/test gap, which a regularizer narrows, with its sampling error; and two models' gaps
//! compared, "narrower", "wider" or "the same" within that error.
//!
//! ```text
//! accuracy gap = accuracy_train − accuracy_test     error √(a(1 − a)/n) per split
//! loss gap     = loss_test − loss_train             error σ(losses)/√n per split
//! two gaps differ when |gap_b − gap_a| > 2·√(e_a² + e_b²)     (e = the gap's error, both splits)
//! ```

use serde::{Deserialize, Serialize};

use super::evaluate::{evaluate, EvalOptions};
use crate::data::Dataset;
use crate::model::Model;
use crate::{ensure_arg, Result};

/// Standard errors a difference of gaps must exceed to count as one.
pub const GAP_SIGMAS: f32 = 2.0;

/// Accuracy and loss on one split, each with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Score {
    /// Examples evaluated.
    pub count: usize,
    /// Fraction classified correctly.
    pub accuracy: f32,
    /// `√(a(1 − a)/n)`.
    pub accuracy_std_error: f32,
    /// Mean cross-entropy.
    pub loss: f32,
    /// The per-example losses' standard deviation over `√n`.
    pub loss_std_error: f32,
}

/// A model's scores on training and test examples and the gap between them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Generalization {
    /// On the training examples.
    pub train: Score,
    /// On the test examples.
    pub test: Score,
    /// `accuracy_train − accuracy_test`.
    pub accuracy_gap: f32,
    /// Its standard error, `√(e_train² + e_test²)`.
    pub accuracy_gap_error: f32,
    /// `loss_test − loss_train`.
    pub loss_gap: f32,
    /// Its standard error.
    pub loss_gap_error: f32,
}

/// How one gap compares with another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    /// Smaller by more than the tolerance.
    Narrower,
    /// Larger by more than the tolerance.
    Wider,
    /// Within the tolerance.
    Same,
}

/// One gap against a base model's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// `gap_other − gap_base`.
    pub difference: f32,
    /// [`GAP_SIGMAS`] · `√(e_base² + e_other²)`.
    pub tolerance: f32,
    /// `difference` against `tolerance`.
    pub verdict: Verdict,
}

/// Both gaps of a model against a base model's.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GapComparison {
    /// The accuracy gaps.
    pub accuracy: Gap,
    /// The loss gaps.
    pub loss: Gap,
}

fn score(model: &mut Model, data: &Dataset, limit: usize) -> Result<Score> {
    let e = evaluate(model, data, &EvalOptions { limit, batch_size: None })?;
    let a = e.accuracy as f64;
    let n = e.count.max(1) as f64;
    Ok(Score {
        count: e.count,
        accuracy: e.accuracy,
        accuracy_std_error: (a * (1.0 - a) / n).max(0.0).sqrt() as f32,
        loss: e.loss,
        loss_std_error: e.loss_std_error,
    })
}

fn both(a: f32, b: f32) -> f32 {
    ((a as f64).powi(2) + (b as f64).powi(2)).sqrt() as f32
}

/// `model` in evaluation mode on the first `train_limit` examples of `train` and the first
/// `test_limit` of `test` (0 = all): the scores and the gaps (see the top of this file).
///
/// **Errors** as [`evaluate`], and if either split is empty.
pub fn generalization(
    model: &mut Model,
    train: &Dataset,
    test: &Dataset,
    train_limit: usize,
    test_limit: usize,
) -> Result<Generalization> {
    const OP: &str = "generalization";
    ensure_arg!(!train.is_empty(), OP, "train", "has no examples");
    ensure_arg!(!test.is_empty(), OP, "test", "has no examples");
    let (train, test) = (score(model, train, train_limit)?, score(model, test, test_limit)?);
    Ok(Generalization {
        train,
        test,
        accuracy_gap: train.accuracy - test.accuracy,
        accuracy_gap_error: both(train.accuracy_std_error, test.accuracy_std_error),
        loss_gap: test.loss - train.loss,
        loss_gap_error: both(train.loss_std_error, test.loss_std_error),
    })
}

impl Generalization {
    /// **Errors** unless every number is finite, accuracies are in [0, 1], losses and errors ≥ 0 and
    /// each split holds at least one example (a result given back by a caller).
    pub fn validate(&self, op: &'static str, arg: &'static str) -> Result<()> {
        for s in [&self.train, &self.test] {
            ensure_arg!(s.count >= 1, op, arg, "must hold at least one example per split");
            ensure_arg!(
                (0.0..=1.0).contains(&s.accuracy),
                op,
                arg,
                "accuracy must be in [0, 1], got {}",
                s.accuracy
            );
            let rest = [s.accuracy_std_error, s.loss, s.loss_std_error];
            ensure_arg!(
                rest.iter().all(|v| v.is_finite() && *v >= 0.0),
                op,
                arg,
                "losses and errors must be finite and ≥ 0"
            );
        }
        let gaps = [self.accuracy_gap, self.accuracy_gap_error, self.loss_gap, self.loss_gap_error];
        ensure_arg!(gaps.iter().all(|v| v.is_finite()), op, arg, "gaps must be finite");
        Ok(())
    }
}

fn judge(base: f32, base_error: f32, other: f32, other_error: f32) -> Gap {
    let difference = other - base;
    let tolerance = GAP_SIGMAS * both(base_error, other_error);
    let verdict = if difference < -tolerance {
        Verdict::Narrower
    } else if difference > tolerance {
        Verdict::Wider
    } else {
        Verdict::Same
    };
    Gap { difference, tolerance, verdict }
}

/// `other`'s accuracy and loss gaps against `base`'s: narrower, wider or the same within
/// [`GAP_SIGMAS`] standard errors.
pub fn compare_gaps(base: &Generalization, other: &Generalization) -> GapComparison {
    GapComparison {
        accuracy: judge(
            base.accuracy_gap,
            base.accuracy_gap_error,
            other.accuracy_gap,
            other.accuracy_gap_error,
        ),
        loss: judge(base.loss_gap, base.loss_gap_error, other.loss_gap, other.loss_gap_error),
    }
}
