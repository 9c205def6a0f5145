//! The trainer handle: a model with its optimizer, built from configurations or a model file,
//! trained in calls of several steps, evaluated and asked for predictions. Big state stays in
//! wasm; JavaScript gets small results.

use convplay_core::model::config::ModelConfig;
use convplay_core::model::file::{load_model, save_model};
use convplay_core::model::Model;
use convplay_core::norm::EvalStatistics;
use convplay_core::train::{self as core_train, EvalOptions, TrainConfig, Trainer as CoreTrainer};
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js};
use crate::data::{split_arg, Digits};
use crate::Live;

/// A model with its optimizer, trained step by step from JavaScript.
#[wasm_bindgen]
pub struct Trainer {
    pub(crate) inner: CoreTrainer,
    _live: Live,
}

impl Trainer {
    fn with(model: Model, train_config: JsValue) -> Result<Trainer, JsError> {
        let tc: TrainConfig = config("train", "config", train_config)?;
        Ok(Trainer { inner: CoreTrainer::new(model, tc).map_err(js_err)?, _live: Live::new() })
    }
}

#[wasm_bindgen]
impl Trainer {
    /// Build a model from `modelConfig` and a trainer from `trainConfig` (`{ optimizer, batchSize, seed }`).
    #[wasm_bindgen(constructor)]
    pub fn new(model_config: JsValue, train_config: JsValue) -> Result<Trainer, JsError> {
        let mc: ModelConfig = config("model", "config", model_config)?;
        Trainer::with(Model::new(mc).map_err(js_err)?, train_config)
    }

    /// Load a model saved by [`Trainer::save`] and train it further with `trainConfig`.
    pub fn load(bytes: &[u8], train_config: JsValue) -> Result<Trainer, JsError> {
        Trainer::with(load_model(bytes).map_err(js_err)?, train_config)
    }

    /// The model file (architecture and weights) as bytes.
    pub fn save(&self) -> Result<Vec<u8>, JsError> {
        save_model(&self.inner.model).map_err(js_err)
    }

    /// The model's configuration object.
    #[wasm_bindgen(js_name = modelConfig)]
    pub fn model_config(&self) -> Result<JsValue, JsError> {
        to_js(self.inner.model.config())
    }

    /// Per-layer `{ kind, inputShape, outputShape, parameterCount }`.
    #[wasm_bindgen(js_name = layerInfos)]
    pub fn layer_infos(&self) -> Result<JsValue, JsError> {
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
    pub fn limit_training_set(&mut self, digits: &Digits, n: u32) {
        self.inner.limit_training_set(&digits.splits.train, n as usize);
    }

    /// Take `steps` optimizer steps (1 to 10,000); returns `{ loss, accuracy, steps, epochs }` with
    /// the mean loss and accuracy over them. A NaN or infinite loss stops training with an error.
    pub fn train(&mut self, digits: &Digits, steps: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.train(&digits.splits.train, steps as usize).map_err(js_err)?)
    }

    /// One optimizer step on the batch given as flat pixels `[n, c, h, w]` and `n` labels; returns
    /// `{ loss, accuracy, steps, epochs }` with the loss and accuracy before the update.
    #[wasm_bindgen(js_name = trainOn)]
    pub fn train_on(&mut self, pixels: &[f32], labels: &[u8]) -> Result<JsValue, JsError> {
        let x = self.inner.model.batch_view("trainOn", pixels).map_err(js_err)?;
        let labels: Vec<usize> = labels.iter().map(|&l| l as usize).collect();
        to_js(&self.inner.step_on(x, &labels).map_err(js_err)?)
    }

    /// Forward and backward on the first `count` training digits without updating the weights;
    /// afterwards `activations`, `inputGradients`, `layerStats`, `unitVariances`, `varianceReport`
    /// and `parameter(…, true)` show that pass.
    pub fn probe(&mut self, digits: &Digits, count: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.probe(&digits.splits.train, count as usize).map_err(js_err)?)
    }

    /// Evaluate batch norm with `"running"` statistics or the test batch's own (`"batch"`).
    #[wasm_bindgen(js_name = setEvalStatistics)]
    pub fn set_eval_statistics(&mut self, statistics: JsValue) -> Result<(), JsError> {
        let s: EvalStatistics = config("setEvalStatistics", "statistics", statistics)?;
        self.inner.model.set_eval_statistics(s);
        Ok(())
    }

    /// Change the learning rate.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<(), JsError> {
        self.inner.set_learning_rate(lr).map_err(js_err)
    }

    /// `{ accuracy, loss, confusion, predictions, wrong }` on the first `limit` digits of a split
    /// (0 = all), in evaluation mode, `batchSize` images at a time (the core's default if
    /// `undefined`; it matters for batch norm evaluated with the test batch's own statistics).
    /// `wrong` lists the indices of the misclassified digits in order.
    pub fn evaluate(
        &mut self,
        digits: &Digits,
        split: JsValue,
        limit: u32,
        batch_size: Option<u32>,
    ) -> Result<JsValue, JsError> {
        let data = digits.splits.get(split_arg("evaluate", split)?);
        let options = EvalOptions { limit: limit as usize, batch_size: batch_size.map(|b| b as usize) };
        to_js(&core_train::evaluate(&mut self.inner.model, data, &options).map_err(js_err)?)
    }

    /// Class probabilities for `n` images given as flat pixels `[n, c, h, w]`.
    pub fn predict(&mut self, pixels: &[f32]) -> Result<Vec<f32>, JsError> {
        let x = self.inner.model.batch_view("predict", pixels).map_err(js_err)?;
        Ok(self.inner.model.predict(x).map_err(js_err)?.iter().copied().collect())
    }
}

/// Training steps of the sample-complexity experiment for `trainingSetSize` examples in batches
/// of `batchSize`: `min(300, max(100, ⌈5n / batch⌉))`.
#[wasm_bindgen(js_name = sampleComplexitySteps)]
pub fn sample_complexity_steps(training_set_size: u32, batch_size: u32) -> Result<u32, JsError> {
    Ok(core_train::sample_complexity_steps(training_set_size as usize, batch_size as usize).map_err(js_err)?
        as u32)
}
