//! Model exports: the one layer code, a model described without building it, a unit traced back
//! to the input, and what a trainer's model computed in its last passes.

use convplay_core::layer::LayerKind;
use convplay_core::model::code::{parse_layers as core_parse, print_layers as core_print};
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::model::describe::{describe, trace_unit as core_trace};
use convplay_core::model::What;
use wasm_bindgen::prelude::*;

use crate::convert::{config, js_err, to_js, Tensor};
use crate::train::Trainer;

/// The layers (`LayerConfig[]`) of a layer code such as `"c8k5_relu_mp2_fl_d10"` (the
/// receptive-field page's older `"c5s1d1pv.p2s2d1pv"` is translated).
#[wasm_bindgen(js_name = parseLayers)]
pub fn parse_layers(code: &str) -> Result<JsValue, JsError> {
    to_js(&core_parse(code).map_err(js_err)?)
}

/// The canonical layer code of `layers` (`LayerConfig[]`).
#[wasm_bindgen(js_name = printLayers)]
pub fn print_layers(layers: JsValue) -> Result<String, JsError> {
    let layers: Vec<LayerConfig> = config("printLayers", "layers", layers)?;
    core_print(&layers).map_err(js_err)
}

/// `{ layers: [{ kind, inputShape, outputShape, parameterCount, receptiveField, pads }],
/// parameterCount, problem }` of a model configuration, without building its weights.
#[wasm_bindgen(js_name = describeModel)]
pub fn describe_model(model_config: JsValue) -> Result<JsValue, JsError> {
    let mc: ModelConfig = config("describeModel", "modelConfig", model_config)?;
    to_js(&describe(&mc).map_err(js_err)?)
}

/// The regions `[{ top, left, bottom, right, map: [h, w] }]`, input first, that unit `(row, col)`
/// of layer `layer`'s output sees.
#[wasm_bindgen(js_name = traceUnit)]
pub fn trace_unit(model_config: JsValue, layer: u32, row: u32, col: u32) -> Result<JsValue, JsError> {
    let mc: ModelConfig = config("traceUnit", "modelConfig", model_config)?;
    to_js(&core_trace(&mc, layer as usize, row as usize, col as usize).map_err(js_err)?)
}

#[wasm_bindgen]
impl Trainer {
    /// Indices of the layers of `kind` (`"conv2d"`, `"pool"`, `"activation"`, `"batchNorm"`,
    /// `"dropout"`, `"flatten"`, `"dense"`), in order.
    #[wasm_bindgen(js_name = layerIndices)]
    pub fn layer_indices(&self, kind: JsValue) -> Result<Vec<u32>, JsError> {
        let kind: LayerKind = config("layerIndices", "kind", kind)?;
        Ok(self.inner.model.layer_indices(kind).into_iter().map(|i| i as u32).collect())
    }

    /// Largest difference between the weight rows (units) of a layer: 0 when every unit is identical.
    #[wasm_bindgen(js_name = unitSpread)]
    pub fn unit_spread(&self, layer: u32) -> Result<f32, JsError> {
        self.inner.model.unit_spread(layer as usize).map_err(js_err)
    }

    /// Per-channel (per-feature for dense data) variance of a layer's last output over the batch
    /// and the positions.
    #[wasm_bindgen(js_name = unitVariances)]
    pub fn unit_variances(&self, layer: u32) -> Result<Vec<f32>, JsError> {
        self.inner.model.unit_variances(layer as usize).map_err(js_err)
    }

    /// One row per conv2d and dense layer from the last pass: `{ layer, kind, fanIn, fanOut,
    /// schemeFanInTimesVariance, fanInTimesVariance, inputVariance, inputSecondMoment, predicted,
    /// predictedExact, outputVariance }`.
    #[wasm_bindgen(js_name = varianceReport)]
    pub fn variance_report(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.model.variance_report().map_err(js_err)?)
    }

    /// A batch-norm layer's running statistics `{ runningMean, runningVar }` (empty for other layers).
    pub fn buffers(&self, layer: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.model.buffers(layer as usize).map_err(js_err)?)
    }

    /// Statistics of a layer's last forward pass: for batch norm `{ batchMean, batchVar, usedMean,
    /// usedVar }` — the used ones are the running statistics in evaluation mode.
    pub fn statistics(&self, layer: u32) -> Result<JsValue, JsError> {
        to_js(&self.inner.model.statistics(layer as usize).map_err(js_err)?)
    }

    /// A layer's output from the last forward pass, `{ shape, data }`.
    pub fn activations(&self, layer: u32) -> Result<JsValue, JsError> {
        Tensor::from_array(&self.inner.model.layer("activations", layer as usize).map_err(js_err)?.output())
            .to_js()
    }

    /// ∂loss/∂input of a layer from the last backward pass, `{ shape, data }`.
    #[wasm_bindgen(js_name = inputGradients)]
    pub fn input_gradients(&self, layer: u32) -> Result<JsValue, JsError> {
        let l = self.inner.model.layer("inputGradients", layer as usize).map_err(js_err)?;
        Tensor::from_array(&l.grad_input()).to_js()
    }

    /// A parameter of a layer by name (`"weight"`, `"bias"`, `"gamma"`, `"beta"`), `{ shape, data }`;
    /// `grad = true` gives its gradient instead.
    pub fn parameter(&self, layer: u32, name: &str, grad: bool) -> Result<JsValue, JsError> {
        Tensor::from_array(&self.inner.model.parameter(layer as usize, name, grad).map_err(js_err)?).to_js()
    }

    /// `{ summary, histogram }` of a layer's activations (`what = "activations"`) or input
    /// gradients (`"gradients"`) from the last passes.
    #[wasm_bindgen(js_name = layerStats)]
    pub fn layer_stats(&self, layer: u32, what: JsValue, bins: u32) -> Result<JsValue, JsError> {
        let what: What = config("layerStats", "what", what)?;
        to_js(&self.inner.model.layer_stats(layer as usize, what, bins as usize).map_err(js_err)?)
    }
}
