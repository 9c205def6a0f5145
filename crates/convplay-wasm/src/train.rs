//! The trainer handle: a model with its optimizer, built from configurations or a model file,
//! trained in calls of several steps, evaluated and asked for predictions. Big state stays in
//! wasm; JavaScript gets small results.

use convplay_core::limits::MAX_STEPS_PER_CALL;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::file::{load_model, save_model};
use convplay_core::model::Model;
use convplay_core::norm::EvalStatistics;
use convplay_core::train::{
    self as core_train, EvalOptions, Generalization, TrainConfig, Trainer as CoreTrainer,
};
use wasm_bindgen::prelude::*;

use crate::convert::{
    bytes, config, enum_arg, f32s, index, js_err, number, optional, to_js, whole, JsResult,
};
use crate::data::{digits_arg, split_arg};
use crate::Live;

/// A model with its optimizer, trained step by step from JavaScript.
#[wasm_bindgen]
pub struct Trainer {
    pub(crate) inner: CoreTrainer,
    _live: Live,
}

impl Trainer {
    fn with(op: &'static str, model: Model, train_config: &JsValue) -> JsResult<Trainer> {
        let tc: TrainConfig = config(op, "trainConfig", train_config)?;
        Ok(Trainer { inner: CoreTrainer::new(model, tc).map_err(js_err)?, _live: Live::new() })
    }
}

#[wasm_bindgen]
impl Trainer {
    /// Build a model from `modelConfig` and a trainer from `trainConfig` (`{ optimizer, batchSize, seed }`).
    #[wasm_bindgen(constructor)]
    pub fn new(model_config: &JsValue, train_config: &JsValue) -> JsResult<Trainer> {
        let tc: TrainConfig = config("Trainer", "trainConfig", train_config)?;
        let mc: ModelConfig = config("Trainer", "modelConfig", model_config)?;
        let model = Model::new(mc).map_err(js_err)?;
        Ok(Trainer { inner: CoreTrainer::new(model, tc).map_err(js_err)?, _live: Live::new() })
    }

    /// Load a model saved by [`Trainer::save`] (a `Uint8Array`) and train it further with
    /// `trainConfig`.
    pub fn load(file: &JsValue, train_config: &JsValue) -> JsResult<Trainer> {
        let file = bytes("Trainer.load", "bytes", file)?;
        Trainer::with("Trainer.load", load_model(&file).map_err(js_err)?, train_config)
    }

    /// The model file (architecture and weights) as bytes.
    pub fn save(&self) -> JsResult<Vec<u8>> {
        save_model(&self.inner.model).map_err(js_err)
    }

    /// The model's configuration object.
    #[wasm_bindgen(js_name = modelConfig)]
    pub fn model_config(&self) -> JsResult<JsValue> {
        to_js(self.inner.model.config())
    }

    /// Per-layer `{ kind, inputShape, outputShape, parameterCount }`.
    #[wasm_bindgen(js_name = layerInfos)]
    pub fn layer_infos(&self) -> JsResult<JsValue> {
        to_js(&self.inner.model.layer_infos())
    }

    /// Total learnable numbers.
    #[wasm_bindgen(js_name = parameterCount)]
    pub fn parameter_count(&self) -> u32 {
        self.inner.model.parameter_count() as u32
    }

    /// Train (and probe) only on the first `n` training digits (0 = all), for sample-complexity
    /// experiments.
    #[wasm_bindgen(js_name = limitTrainingSet)]
    pub fn limit_training_set(&mut self, digits: &JsValue, n: &JsValue) -> JsResult<()> {
        const OP: &str = "limitTrainingSet";
        let (digits, n) = (digits_arg(OP, digits)?, index(OP, "n", n)?);
        self.inner.limit_training_set(&digits.train, n);
        Ok(())
    }

    /// Take `steps` optimizer steps (1 to 10,000); returns `{ loss, accuracy, steps, epochs }` with
    /// the mean loss and accuracy over them. A NaN or infinite loss stops training with an error.
    pub fn train(&mut self, digits: &JsValue, steps: &JsValue) -> JsResult<JsValue> {
        let digits = digits_arg("train", digits)?;
        let steps = whole("train", "steps", steps, 1, MAX_STEPS_PER_CALL as u64)? as usize;
        to_js(&self.inner.train(&digits.train, steps).map_err(js_err)?)
    }

    /// One optimizer step on the batch given as flat pixels `[n, c, h, w]` and `n` labels; returns
    /// `{ loss, accuracy, steps, epochs }` with the loss and accuracy before the update.
    #[wasm_bindgen(js_name = trainOn)]
    pub fn train_on(&mut self, pixels: &JsValue, labels: &JsValue) -> JsResult<JsValue> {
        let (pixels, labels) = (f32s("trainOn", "pixels", pixels)?, bytes("trainOn", "labels", labels)?);
        let x = self.inner.model.batch_view("trainOn", &pixels).map_err(js_err)?;
        let labels: Vec<usize> = labels.iter().map(|&l| l as usize).collect();
        to_js(&self.inner.step_on(x, &labels).map_err(js_err)?)
    }

    /// Forward and backward on the first `count` training digits without changing the model (the
    /// weights, batch norm's running averages and the random generator stay as they were);
    /// afterwards `activations`, `inputGradients`, `layerStats`, `unitVariances`, `varianceReport`,
    /// `deadUnits` and `parameter(…, true)` show that pass.
    pub fn probe(&mut self, digits: &JsValue, count: &JsValue) -> JsResult<JsValue> {
        let (digits, count) = (digits_arg("probe", digits)?, index("probe", "count", count)?);
        to_js(&self.inner.probe(&digits.train, count).map_err(js_err)?)
    }

    /// Evaluate batch norm with `"running"` statistics or the test batch's own (`"batch"`).
    #[wasm_bindgen(js_name = setEvalStatistics)]
    pub fn set_eval_statistics(&mut self, statistics: &JsValue) -> JsResult<()> {
        let s: EvalStatistics = enum_arg("setEvalStatistics", "statistics", statistics)?;
        self.inner.model.set_eval_statistics(s);
        Ok(())
    }

    /// Change the learning rate.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, lr: &JsValue) -> JsResult<()> {
        self.inner.set_learning_rate(number("setLearningRate", "lr", lr)?).map_err(js_err)
    }

    /// `{ accuracy, loss, confusion, predictions, wrong }` on the first `limit` digits of a split
    /// (0 = all), in evaluation mode, `batchSize` images at a time (the core's default if
    /// `undefined`; it matters for batch norm evaluated with the test batch's own statistics).
    /// `wrong` lists the indices of the misclassified digits in order.
    pub fn evaluate(
        &mut self,
        digits: &JsValue,
        split: &JsValue,
        limit: &JsValue,
        batch_size: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "evaluate";
        let digits = digits_arg(OP, digits)?;
        let (split, limit) = (split_arg(OP, split)?, index(OP, "limit", limit)?);
        let batch_size = optional(batch_size).map(|b| index(OP, "batchSize", b)).transpose()?;
        let options = EvalOptions { limit, batch_size };
        to_js(&core_train::evaluate(&mut self.inner.model, digits.get(split), &options).map_err(js_err)?)
    }

    /// The train/test gap: `{ train, test, accuracyGap, accuracyGapError, lossGap, lossGapError }`
    /// on the first `trainLimit` training and `testLimit` test digits (0 = all), each split
    /// `{ count, accuracy, accuracyStdError, loss, lossStdError }`, in evaluation mode.
    pub fn generalization(
        &mut self,
        digits: &JsValue,
        train_limit: &JsValue,
        test_limit: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "generalization";
        let digits = digits_arg(OP, digits)?;
        let (train, test) = (index(OP, "trainLimit", train_limit)?, index(OP, "testLimit", test_limit)?);
        let g = core_train::generalization(&mut self.inner.model, &digits.train, &digits.test, train, test);
        to_js(&g.map_err(js_err)?)
    }

    /// Accuracy on the first `limit` test digits (0 = all) moved right by 0 to `max` pixels (at
    /// most 8), in evaluation mode, the model unchanged: `{ shifts: [{ shift, accuracy }],
    /// meanShifted, count }` (`meanShifted` over the shifts of at least 1 px).
    #[wasm_bindgen(js_name = shiftedAccuracy)]
    pub fn shifted_accuracy(
        &mut self,
        digits: &JsValue,
        max: &JsValue,
        limit: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "shiftedAccuracy";
        let digits = digits_arg(OP, digits)?;
        let (max, limit) = (index(OP, "max", max)?, index(OP, "limit", limit)?);
        let r = core_train::shifted_accuracy(&mut self.inner.model, &digits.test, max, limit);
        to_js(&r.map_err(js_err)?)
    }

    /// Class probabilities for `n` images given as flat pixels `[n, c, h, w]`.
    pub fn predict(&mut self, pixels: &JsValue) -> JsResult<Vec<f32>> {
        let pixels = f32s("predict", "pixels", pixels)?;
        let x = self.inner.model.batch_view("predict", &pixels).map_err(js_err)?;
        Ok(self.inner.model.predict(x).map_err(js_err)?.iter().copied().collect())
    }

    /// How much this model's class probabilities change under 1-px shifts of the first `count`
    /// test digits (right by 0 to `maxShift` pixels): `{ shifts, curve, onePixel, digits }`.
    #[wasm_bindgen(js_name = shiftSensitivity)]
    pub fn shift_sensitivity(
        &mut self,
        digits: &JsValue,
        count: &JsValue,
        max_shift: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "Trainer.shiftSensitivity";
        let images = crate::antialias::test_digits(OP, digits, count)?;
        let d = index(OP, "maxShift", max_shift)?;
        let m = convplay_core::measure::antialias::model_shift_sensitivity(
            &mut self.inner.model,
            images.view(),
            d,
        );
        to_js(&m.map_err(js_err)?)
    }
}

/// Training steps of the sample-complexity experiment for `trainingSetSize` examples in batches
/// of `batchSize`: `min(300, max(100, ⌈5n / batch⌉))`.
#[wasm_bindgen(js_name = sampleComplexitySteps)]
pub fn sample_complexity_steps(training_set_size: &JsValue, batch_size: &JsValue) -> JsResult<u32> {
    const OP: &str = "sampleComplexitySteps";
    let (n, batch) = (index(OP, "trainingSetSize", training_set_size)?, index(OP, "batchSize", batch_size)?);
    Ok(core_train::sample_complexity_steps(n, batch).map_err(js_err)? as u32)
}

/// `other`'s train/test gaps (results of `Trainer.generalization`) against `base`'s: `{ accuracy,
/// loss }`, each `{ difference, tolerance, verdict: "narrower" | "wider" | "same" }`.
#[wasm_bindgen(js_name = compareGaps)]
pub fn compare_gaps(base: &JsValue, other: &JsValue) -> JsResult<JsValue> {
    const OP: &str = "compareGaps";
    let base: Generalization = config(OP, "base", base)?;
    let other: Generalization = config(OP, "other", other)?;
    base.validate(OP, "base").map_err(js_err)?;
    other.validate(OP, "other").map_err(js_err)?;
    to_js(&core_train::compare_gaps(&base, &other))
}
