//! Model exports: the one layer code, a model described without building it, a unit traced back
//! to the input, and what a trainer's model computed in its last passes.

use convplay_core::layer::LayerKind;
use convplay_core::limits::MAX_CODE_BYTES;
use convplay_core::model::code::{parse_layers as core_parse, print_layers as core_print};
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::model::describe::{describe, trace_unit as core_trace};
use convplay_core::model::What;
use wasm_bindgen::prelude::*;

use crate::convert::{boolean, config, enum_arg, index, js_err, text, to_js, JsResult, Tensor};
use crate::data::digits_arg;
use crate::train::Trainer;

/// The layers (`LayerConfig[]`) of a layer code such as `"c8k5_relu_mp2_fl_d10"` (the
/// receptive-field page's older `"c5s1d1pv.p2s2d1pv"` is translated).
#[wasm_bindgen(js_name = parseLayers)]
pub fn parse_layers(code: &JsValue) -> JsResult<JsValue> {
    to_js(&core_parse(&text("parseLayers", "code", code, MAX_CODE_BYTES)?).map_err(js_err)?)
}

/// The canonical layer code of `layers` (`LayerConfig[]`).
#[wasm_bindgen(js_name = printLayers)]
pub fn print_layers(layers: &JsValue) -> JsResult<String> {
    let layers: Vec<LayerConfig> = config("printLayers", "layers", layers)?;
    core_print(&layers).map_err(js_err)
}

/// `{ layers: [{ kind, inputShape, outputShape, parameterCount, receptiveField, pads }],
/// parameterCount, problem }` of a model configuration, without building its weights.
#[wasm_bindgen(js_name = describeModel)]
pub fn describe_model(model_config: &JsValue) -> JsResult<JsValue> {
    let mc: ModelConfig = config("describeModel", "modelConfig", model_config)?;
    to_js(&describe(&mc).map_err(js_err)?)
}

/// The regions `[{ top, left, bottom, right, map: [h, w] }]`, input first, that unit `(row, col)`
/// of layer `layer`'s output sees.
#[wasm_bindgen(js_name = traceUnit)]
pub fn trace_unit(
    model_config: &JsValue,
    layer: &JsValue,
    row: &JsValue,
    col: &JsValue,
) -> JsResult<JsValue> {
    const OP: &str = "traceUnit";
    let mc: ModelConfig = config(OP, "modelConfig", model_config)?;
    let (layer, row, col) = (index(OP, "layer", layer)?, index(OP, "row", row)?, index(OP, "col", col)?);
    to_js(&core_trace(&mc, layer, row, col).map_err(js_err)?)
}

#[wasm_bindgen]
impl Trainer {
    /// Indices of the layers of `kind` (`"conv2d"`, `"pool"`, `"activation"`, `"batchNorm"`,
    /// `"dropout"`, `"flatten"`, `"dense"`), in order.
    #[wasm_bindgen(js_name = layerIndices)]
    pub fn layer_indices(&self, kind: &JsValue) -> JsResult<Vec<u32>> {
        let kind: LayerKind = enum_arg("layerIndices", "kind", kind)?;
        Ok(self.inner.model.layer_indices(kind).into_iter().map(|i| i as u32).collect())
    }

    /// Largest difference between the weight rows (units) of a layer: 0 when every unit is identical.
    #[wasm_bindgen(js_name = unitSpread)]
    pub fn unit_spread(&self, layer: &JsValue) -> JsResult<f32> {
        self.inner.model.unit_spread(index("unitSpread", "layer", layer)?).map_err(js_err)
    }

    /// Per-channel (per-feature for dense data) variance of a layer's last output over the batch
    /// and the positions.
    #[wasm_bindgen(js_name = unitVariances)]
    pub fn unit_variances(&self, layer: &JsValue) -> JsResult<Vec<f32>> {
        self.inner.model.unit_variances(index("unitVariances", "layer", layer)?).map_err(js_err)
    }

    /// One row per conv2d and dense layer from the last pass: `{ layer, kind, fanIn, fanOut,
    /// schemeVariance, weightVariance, schemeFanInTimesVariance, fanInTimesVariance,
    /// schemeFanOutTimesVariance, fanOutTimesVariance, inputMean, inputVariance, inputSecondMoment,
    /// predicted, predictedExact, formsDifference, formsTolerance, formsDiffer, outputVariance }`.
    #[wasm_bindgen(js_name = varianceReport)]
    pub fn variance_report(&self) -> JsResult<JsValue> {
        to_js(&self.inner.model.variance_report().map_err(js_err)?)
    }

    /// `{ units, dead, fraction, examples }`: the units of a layer's last output that were 0 on
    /// every example of the pass (dead ReLU units).
    #[wasm_bindgen(js_name = deadUnits)]
    pub fn dead_units(&self, layer: &JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.model.dead_units(index("deadUnits", "layer", layer)?).map_err(js_err)?)
    }

    /// A batch-norm layer's running statistics `{ runningMean, runningVar }` (empty for other layers).
    pub fn buffers(&self, layer: &JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.model.buffers(index("buffers", "layer", layer)?).map_err(js_err)?)
    }

    /// Statistics of a layer's last forward pass: for batch norm `{ batchMean, batchVar, usedMean,
    /// usedVar }` — the used ones are the running statistics in evaluation mode.
    pub fn statistics(&self, layer: &JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.model.statistics(index("statistics", "layer", layer)?).map_err(js_err)?)
    }

    /// A layer's output from the last forward pass, `{ shape, data }`.
    pub fn activations(&self, layer: &JsValue) -> JsResult<JsValue> {
        let l =
            self.inner.model.layer("activations", index("activations", "layer", layer)?).map_err(js_err)?;
        Tensor::from_array(&l.output()).to_js()
    }

    /// ∂loss/∂input of a layer from the last backward pass, `{ shape, data }`.
    #[wasm_bindgen(js_name = inputGradients)]
    pub fn input_gradients(&self, layer: &JsValue) -> JsResult<JsValue> {
        const OP: &str = "inputGradients";
        let l = self.inner.model.layer(OP, index(OP, "layer", layer)?).map_err(js_err)?;
        Tensor::from_array(&l.grad_input()).to_js()
    }

    /// A parameter of a layer by name (`"weight"`, `"bias"`, `"gamma"`, `"beta"`), `{ shape, data }`;
    /// `grad = true` gives its gradient instead.
    pub fn parameter(&self, layer: &JsValue, name: &JsValue, grad: &JsValue) -> JsResult<JsValue> {
        const OP: &str = "parameter";
        let (layer, name, grad) =
            (index(OP, "layer", layer)?, text(OP, "name", name, 64)?, boolean(OP, "grad", grad)?);
        Tensor::from_array(&self.inner.model.parameter(layer, &name, grad).map_err(js_err)?).to_js()
    }

    /// `{ summary, histogram }` of a layer's activations (`what = "activations"`) or input
    /// gradients (`"gradients"`) from the last passes.
    #[wasm_bindgen(js_name = layerStats)]
    pub fn layer_stats(&self, layer: &JsValue, what: &JsValue, bins: &JsValue) -> JsResult<JsValue> {
        const OP: &str = "layerStats";
        let (layer, what, bins) =
            (index(OP, "layer", layer)?, enum_arg::<What>(OP, "what", what)?, index(OP, "bins", bins)?);
        to_js(&self.inner.model.layer_stats(layer, what, bins).map_err(js_err)?)
    }

    /// The effective receptive field of unit `(channel, row, col)` of layer `layer`'s output:
    /// `|∂unit/∂input|` averaged over the first `count` test digits in evaluation mode, without
    /// changing the model: `{ layer, channel, row, col, count, shape, map, total, peak, mass, centre,
    /// extent: { top, left, bottom, right, size }, spread, radius, theoretical: { size, region,
    /// inside } | null }` (`centre`, `extent`, `spread`, `radius` null when the map is 0).
    #[wasm_bindgen(js_name = effectiveField)]
    pub fn effective_field(
        &mut self,
        digits: &JsValue,
        layer: &JsValue,
        channel: &JsValue,
        row: &JsValue,
        col: &JsValue,
        count: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "effectiveField";
        let digits = digits_arg(OP, digits)?;
        let unit = (
            index(OP, "layer", layer)?,
            index(OP, "channel", channel)?,
            index(OP, "row", row)?,
            index(OP, "col", col)?,
        );
        let count = index(OP, "count", count)?;
        to_js(&self.inner.model.effective_field(&digits.test, unit, count).map_err(js_err)?)
    }

    /// The `k` test digits among the first `limit` (0 = all) on which channel `channel` of layer
    /// `layer` reaches its largest value, largest first: `[{ index, label, value }]`.
    #[wasm_bindgen(js_name = topActivations)]
    pub fn top_activations(
        &mut self,
        digits: &JsValue,
        layer: &JsValue,
        channel: &JsValue,
        k: &JsValue,
        limit: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "topActivations";
        let digits = digits_arg(OP, digits)?;
        let (layer, channel) = (index(OP, "layer", layer)?, index(OP, "channel", channel)?);
        let (k, limit) = (index(OP, "k", k)?, index(OP, "limit", limit)?);
        to_js(&self.inner.model.top_activations(&digits.test, layer, channel, k, limit).map_err(js_err)?)
    }
}
