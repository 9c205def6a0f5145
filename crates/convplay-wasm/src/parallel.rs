//! Data-parallel training through the trainer handle (core `train::parallel`): the coordinating
//! worker picks the batch (`nextBatch`), every worker computes its shard's gradient
//! (`shardGradients`) on the weights it was sent (`weights` / `setWeights`), and the coordinator
//! applies the shards summed in order (`applyShards`). Gradients cross as `Float32Array`s.

use convplay_core::limits::MAX_BATCH;
use convplay_core::train::{parallel_blocker, ShardGradients};
use js_sys::{Float32Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::convert::{f32s, index, js_err, to_js, u32s, JsResult};
use crate::data::digits_arg;
use crate::train::Trainer;

/// At most this many shards in one step.
const MAX_SHARDS: usize = 64;

#[wasm_bindgen]
impl Trainer {
    /// The next batch's training-digit indices (a `Uint32Array`), as `train` would take them.
    #[wasm_bindgen(js_name = nextBatch)]
    pub fn next_batch(&mut self, digits: &JsValue) -> JsResult<Vec<u32>> {
        let digits = digits_arg("nextBatch", digits)?;
        let batch = self.inner.next_batch(&digits.train).map_err(js_err)?;
        Ok(batch.into_iter().map(|i| i as u32).collect())
    }

    /// The gradient of training digits `indices` as one shard of a batch of `total`, weights
    /// unchanged: `{ grads: Float32Array, lossSum, correct, count }`.
    #[wasm_bindgen(js_name = shardGradients)]
    pub fn shard_gradients(
        &mut self,
        digits: &JsValue,
        indices: &JsValue,
        total: &JsValue,
    ) -> JsResult<JsValue> {
        const OP: &str = "shardGradients";
        let digits = digits_arg(OP, digits)?;
        let indices: Vec<usize> =
            u32s(OP, "indices", indices, MAX_BATCH)?.into_iter().map(|i| i as usize).collect();
        let total = index(OP, "total", total)?;
        let s = self.inner.shard_gradients(&digits.train, &indices, total).map_err(js_err)?;
        let out = Object::new();
        let set = |key: &str, value: JsValue| Reflect::set(&out, &key.into(), &value).map(|_| ());
        set("grads", Float32Array::from(&s.grads[..]).into())
            .and_then(|_| set("lossSum", s.loss_sum.into()))
            .and_then(|_| set("correct", (s.correct as f64).into()))
            .and_then(|_| set("count", (s.count as f64).into()))
            .map_err(|_| JsError::new("shardGradients: could not build the result"))?;
        Ok(out.into())
    }

    /// One optimizer step from N shards: `grads` their gradients one after another (N × the
    /// parameter count), `stats` their `[lossSum, correct, count]` one after another; summed in that
    /// order. Returns `{ loss, accuracy, steps, epochs }` of the whole batch.
    #[wasm_bindgen(js_name = applyShards)]
    pub fn apply_shards(&mut self, grads: &JsValue, stats: &JsValue) -> JsResult<JsValue> {
        const OP: &str = "applyShards";
        let stats = f32s(OP, "stats", stats)?;
        let n = stats.len() / 3;
        if stats.len() % 3 != 0 || !(1..=MAX_SHARDS).contains(&n) {
            let got = stats.len();
            return Err(JsError::new(&format!(
                "{OP}: stats must hold [lossSum, correct, count] for 1 to {MAX_SHARDS} shards, got {got} values"
            )));
        }
        let p = self.inner.model.parameter_count();
        let grads = f32s(OP, "grads", grads)?;
        if grads.len() != n * p {
            let got = grads.len();
            return Err(JsError::new(&format!(
                "{OP}: grads must hold {n} × {p} values (one gradient per parameter per shard), got {got}"
            )));
        }
        let mut shards = Vec::with_capacity(n);
        for (k, s) in stats.chunks_exact(3).enumerate() {
            let (loss_sum, correct, count) = (s[0], s[1], s[2]);
            let whole = |v: f32| v.fract() == 0.0 && (0.0..=MAX_BATCH as f32).contains(&v);
            if !(loss_sum.is_finite()
                && loss_sum >= 0.0
                && whole(correct)
                && whole(count)
                && count >= 1.0
                && correct <= count)
            {
                return Err(JsError::new(&format!(
                    "{OP}: stats of shard {k} must be a finite loss sum ≥ 0, a correct count and an example count from 1 to {MAX_BATCH}, got [{loss_sum}, {correct}, {count}]"
                )));
            }
            shards.push(ShardGradients {
                grads: grads[k * p..(k + 1) * p].to_vec(),
                loss_sum: loss_sum as f64,
                correct: correct as usize,
                count: count as usize,
            });
        }
        to_js(&self.inner.apply_shards(&shards).map_err(js_err)?)
    }

    /// Every parameter's value in one `Float32Array` (layer by layer, weight then bias).
    pub fn weights(&self) -> Vec<f32> {
        self.inner.weights()
    }

    /// Set every parameter from a `Float32Array` laid out as `weights()` gives it.
    #[wasm_bindgen(js_name = setWeights)]
    pub fn set_weights(&mut self, values: &JsValue) -> JsResult<()> {
        let values = f32s("setWeights", "values", values)?;
        self.inner.set_weights(&values).map_err(js_err)
    }

    /// The kind of the first layer that keeps this network on one worker (`"batchNorm"`,
    /// `"dropout"`), or null when it can train data-parallel.
    #[wasm_bindgen(js_name = parallelBlocker)]
    pub fn parallel_blocker(&self) -> Option<String> {
        parallel_blocker(&self.inner).map(str::to_string)
    }
}
