//! Model exports: the digit data held in wasm memory, and a trainer handle that trains, evaluates,
//! predicts and shows its insides. Big state stays in wasm; JavaScript gets small results.

use convplay_core::data::digits::{parse_digits, DigitSplits};
use convplay_core::data::Dataset;
use convplay_core::measure::stats::{histogram, summarize};
use convplay_core::model::config::ModelConfig;
use convplay_core::model::file::{load_model, save_model};
use convplay_core::model::Model;
use convplay_core::train::{evaluate, TrainConfig, Trainer as CoreTrainer};
use ndarray::{Array4, ArrayView4};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, tensor_to_js, to_js};

/// Real handwritten digits (train and test splits) parsed from the site's digit file.
#[wasm_bindgen]
pub struct Digits {
    splits: DigitSplits,
}

fn split_arg(op: &'static str, name: &str) -> Result<bool, JsError> {
    match name {
        "train" => Ok(true),
        "test" => Ok(false),
        other => Err(JsError::new(&format!("{op}: split must be \"train\" or \"test\", got {other:?}"))),
    }
}

#[wasm_bindgen]
impl Digits {
    /// Parse the (already un-gzipped) bytes of `digits.bin`.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Digits, JsError> {
        Ok(Digits { splits: parse_digits(bytes).map_err(js_err)? })
    }

    fn split(&self, op: &'static str, name: &str) -> Result<&Dataset, JsError> {
        Ok(if split_arg(op, name)? { &self.splits.train } else { &self.splits.test })
    }

    /// Number of digits in `"train"` or `"test"`.
    pub fn count(&self, split: &str) -> Result<u32, JsError> {
        Ok(self.split("digits.count", split)?.len() as u32)
    }

    /// One digit's pixels (28×28, 0–1) as a `Float32Array`.
    pub fn image(&self, split: &str, index: u32) -> Result<Vec<f32>, JsError> {
        let d = self.split("digits.image", split)?;
        let i = index as usize;
        if i >= d.len() {
            return Err(JsError::new(&format!("digits.image: index must be below {}, got {i}", d.len())));
        }
        Ok(d.images().index_axis(ndarray::Axis(0), i).iter().copied().collect())
    }

    /// One digit's label.
    pub fn label(&self, split: &str, index: u32) -> Result<u32, JsError> {
        let d = self.split("digits.label", split)?;
        d.labels().get(index as usize).map(|&l| l as u32).ok_or_else(|| {
            JsError::new(&format!("digits.label: index must be below {}, got {index}", d.len()))
        })
    }
}

/// A model with its optimizer, trained step by step from JavaScript.
#[wasm_bindgen]
pub struct Trainer {
    inner: CoreTrainer,
    train_subset: Option<Dataset>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Progress {
    loss: f32,
    accuracy: f32,
    steps: u64,
    epochs: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TensorStats {
    summary: convplay_core::measure::stats::Summary,
    histogram: convplay_core::measure::stats::Histogram,
}

#[wasm_bindgen]
impl Trainer {
    /// Build a model from `modelConfig` and a trainer from `trainConfig` (`{ optimizer, batchSize, seed }`).
    #[wasm_bindgen(constructor)]
    pub fn new(model_config: JsValue, train_config: JsValue) -> Result<Trainer, JsError> {
        let mc: ModelConfig = config("model", "config", model_config)?;
        let tc: TrainConfig = config("train", "config", train_config)?;
        let model = Model::new(mc).map_err(js_err)?;
        Ok(Trainer { inner: CoreTrainer::new(model, tc).map_err(js_err)?, train_subset: None })
    }

    /// Load a model saved by [`Trainer::save`] and train it further with `trainConfig`.
    pub fn load(bytes: &[u8], train_config: JsValue) -> Result<Trainer, JsError> {
        let tc: TrainConfig = config("train", "config", train_config)?;
        let model = load_model(bytes).map_err(js_err)?;
        Ok(Trainer { inner: CoreTrainer::new(model, tc).map_err(js_err)?, train_subset: None })
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

    /// Train only on the first `n` training digits (0 = all), for sample-complexity experiments.
    #[wasm_bindgen(js_name = limitTrainingSet)]
    pub fn limit_training_set(&mut self, digits: &Digits, n: u32) {
        self.train_subset = (n > 0).then(|| digits.splits.train.take(n as usize));
    }

    /// Take `steps` optimizer steps; returns the mean loss and accuracy over them.
    /// A NaN or infinite loss stops training with an error saying so.
    pub fn train(&mut self, digits: &Digits, steps: u32) -> Result<JsValue, JsError> {
        let data = self.train_subset.as_ref().unwrap_or(&digits.splits.train);
        let (mut loss, mut acc) = (0.0f32, 0.0f32);
        let steps = steps.clamp(1, 100_000);
        for _ in 0..steps {
            let s = self.inner.step(data).map_err(js_err)?;
            loss += s.loss;
            acc += s.accuracy;
        }
        to_js(&Progress {
            loss: loss / steps as f32,
            accuracy: acc / steps as f32,
            steps: self.inner.steps(),
            epochs: self.inner.epochs(),
        })
    }

    /// One optimizer step on the batch given as flat pixels `[n, c, h, w]` and `n` labels; returns
    /// `{ loss, accuracy, steps, epochs }` with the loss and accuracy before the update.
    #[wasm_bindgen(js_name = trainOn)]
    pub fn train_on(&mut self, pixels: &[f32], labels: &[u8]) -> Result<JsValue, JsError> {
        let x = self.images_arg("trainOn", pixels)?;
        if labels.len() != x.shape()[0] {
            return Err(JsError::new(&format!(
                "trainOn: labels must hold one label per image ({}), got {}",
                x.shape()[0],
                labels.len()
            )));
        }
        let classes = self.inner.model.classes();
        if let Some(&l) = labels.iter().find(|&&l| l as usize >= classes) {
            return Err(JsError::new(&format!("trainOn: labels must be below {classes}, got {l}")));
        }
        let labels: Vec<usize> = labels.iter().map(|&l| l as usize).collect();
        let s = self.inner.step_on(x, &labels).map_err(js_err)?;
        to_js(&Progress {
            loss: s.loss,
            accuracy: s.accuracy,
            steps: self.inner.steps(),
            epochs: self.inner.epochs(),
        })
    }

    fn images_arg<'a>(&self, op: &str, pixels: &'a [f32]) -> Result<ArrayView4<'a, f32>, JsError> {
        let [c, h, w] = self.inner.model.config().input;
        let per = c * h * w;
        if pixels.is_empty() || pixels.len() % per != 0 {
            return Err(JsError::new(&format!(
                "{op}: pixels must hold a whole number of {c}×{h}×{w} images, got {} values",
                pixels.len()
            )));
        }
        ArrayView4::from_shape((pixels.len() / per, c, h, w), pixels).map_err(js_err)
    }

    /// Forward and backward on the first `count` training digits without updating the weights;
    /// afterwards `activations`, `inputGradients`, `layerStats` and `parameter(…, true)` show that pass.
    pub fn probe(&mut self, digits: &Digits, count: u32) -> Result<JsValue, JsError> {
        let data = self.train_subset.as_ref().unwrap_or(&digits.splits.train);
        let s = self.inner.probe(data, count as usize).map_err(js_err)?;
        to_js(&Progress {
            loss: s.loss,
            accuracy: s.accuracy,
            steps: self.inner.steps(),
            epochs: self.inner.epochs(),
        })
    }

    /// Largest difference between the weight rows (units) of a layer: 0 when every unit is identical.
    #[wasm_bindgen(js_name = unitSpread)]
    pub fn unit_spread(&self, layer: u32) -> Result<f32, JsError> {
        let l = self.layer("unitSpread", layer)?;
        let w = l.params().first().ok_or_else(|| {
            JsError::new(&format!("unitSpread: layer {layer} ({}) has no weights", l.kind()))
        })?;
        let values: Vec<f32> = w.value.iter().copied().collect();
        convplay_core::measure::stats::row_spread(&values, w.value.shape()[0]).map_err(js_err)
    }

    /// A batch-norm layer's running statistics `{ runningMean, runningVar }` (empty for other layers).
    pub fn buffers(&self, layer: u32) -> Result<JsValue, JsError> {
        let l = self.layer("buffers", layer)?;
        let map: std::collections::BTreeMap<&str, Vec<f32>> =
            l.buffers().into_iter().map(|(k, v)| (k, v.to_vec())).collect();
        to_js(&map)
    }

    /// Statistics of a layer's last forward pass: for batch norm `{ batchMean, batchVar, usedMean,
    /// usedVar }` — the used ones are the running statistics in evaluation mode.
    pub fn statistics(&self, layer: u32) -> Result<JsValue, JsError> {
        let l = self.layer("statistics", layer)?;
        let map: std::collections::BTreeMap<&str, Vec<f32>> =
            l.statistics().into_iter().map(|(k, v)| (k, v.to_vec())).collect();
        to_js(&map)
    }

    /// Evaluate batch norm with `"running"` statistics or the test batch's own (`"batch"`).
    #[wasm_bindgen(js_name = setEvalStatistics)]
    pub fn set_eval_statistics(&mut self, which: &str) -> Result<(), JsError> {
        use convplay_core::norm::EvalStatistics;
        let s = match which {
            "running" => EvalStatistics::Running,
            "batch" => EvalStatistics::Batch,
            other => {
                return Err(JsError::new(&format!(
                    "setEvalStatistics: must be \"running\" or \"batch\", got {other:?}"
                )))
            }
        };
        self.inner.model.set_eval_statistics(s);
        Ok(())
    }

    /// Change the learning rate.
    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, lr: f32) -> Result<(), JsError> {
        self.inner.set_learning_rate(lr).map_err(js_err)
    }

    /// `{ accuracy, loss, confusion, predictions }` on the first `limit` digits of a split (0 = all),
    /// in evaluation mode, `batchSize` images at a time (default 256; it matters for batch norm
    /// evaluated with the test batch's own statistics).
    pub fn evaluate(
        &mut self,
        digits: &Digits,
        split: &str,
        limit: u32,
        batch_size: Option<u32>,
    ) -> Result<JsValue, JsError> {
        let d = digits.split("evaluate", split)?;
        let b = batch_size.unwrap_or(256).clamp(1, 4096) as usize;
        let e = if limit > 0 && (limit as usize) < d.len() {
            evaluate(&mut self.inner.model, &d.take(limit as usize), b)
        } else {
            evaluate(&mut self.inner.model, d, b)
        };
        to_js(&e.map_err(js_err)?)
    }

    /// Class probabilities for `n` images given as flat pixels `[n, c, h, w]`.
    pub fn predict(&mut self, pixels: &[f32]) -> Result<Vec<f32>, JsError> {
        let x = self.images_arg("predict", pixels)?;
        let p = self.inner.model.predict(x).map_err(js_err)?;
        Ok(p.iter().copied().collect())
    }

    fn layer(&self, op: &'static str, index: u32) -> Result<&dyn convplay_core::Layer, JsError> {
        let layers = self.inner.model.layers();
        layers
            .get(index as usize)
            .map(|l| l.as_ref())
            .ok_or_else(|| JsError::new(&format!("{op}: layer must be below {}, got {index}", layers.len())))
    }

    /// A layer's output from the last forward pass, `{ shape, data }`.
    pub fn activations(&self, layer: u32) -> Result<JsValue, JsError> {
        let out = self.layer("activations", layer)?.output();
        let a: Array4<f32> = out.as_standard_layout().into_owned();
        tensor_to_js(a.shape(), a.as_slice().unwrap_or(&[]))
    }

    /// ∂loss/∂input of a layer from the last backward pass, `{ shape, data }`.
    #[wasm_bindgen(js_name = inputGradients)]
    pub fn input_gradients(&self, layer: u32) -> Result<JsValue, JsError> {
        let g = self.layer("inputGradients", layer)?.grad_input();
        let a: Array4<f32> = g.as_standard_layout().into_owned();
        tensor_to_js(a.shape(), a.as_slice().unwrap_or(&[]))
    }

    /// A parameter of a layer by name (`"weight"`, `"bias"`, `"gamma"`, `"beta"`), `{ shape, data }`;
    /// `grad = true` gives its gradient instead.
    pub fn parameter(&self, layer: u32, name: &str, grad: bool) -> Result<JsValue, JsError> {
        let l = self.layer("parameter", layer)?;
        let p = l.params().iter().find(|p| p.name == name).ok_or_else(|| {
            JsError::new(&format!("parameter: layer {layer} ({}) has no parameter {name:?}", l.kind()))
        })?;
        let v = if grad { &p.grad } else { &p.value };
        tensor_to_js(v.shape(), &v.iter().copied().collect::<Vec<_>>())
    }

    /// Summary and histogram of a layer's activations (`what = "activations"`) or input
    /// gradients (`"gradients"`) from the last passes.
    #[wasm_bindgen(js_name = layerStats)]
    pub fn layer_stats(&self, layer: u32, what: &str, bins: u32) -> Result<JsValue, JsError> {
        let l = self.layer("layerStats", layer)?;
        let values: Vec<f32> = match what {
            "activations" => l.output().iter().copied().collect(),
            "gradients" => l.grad_input().iter().copied().collect(),
            other => {
                return Err(JsError::new(&format!(
                    "layerStats: what must be \"activations\" or \"gradients\", got {other:?}"
                )))
            }
        };
        let h = histogram(&values, bins as usize, None).map_err(js_err)?;
        to_js(&TensorStats { summary: summarize(&values), histogram: h })
    }
}
