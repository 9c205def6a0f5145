//! `convplay_core::rng`: counter-based seeded whole numbers for the pages' fills.

use convplay_core::rng::seeded_ints as core_seeded_ints;
use wasm_bindgen::prelude::*;

use crate::convert::{index, int32, js_err, JsResult};

/// `count` whole numbers in `[lo, hi]`, each fixed by `(seed, stream, index)` alone, so a grid
/// that grows keeps its values and a link reproduces its fill. `seed`, `stream`, `lo` and `hi` are
/// 32-bit whole numbers.
#[wasm_bindgen(js_name = seededInts)]
pub fn seeded_ints(
    seed: &JsValue,
    stream: &JsValue,
    count: &JsValue,
    lo: &JsValue,
    hi: &JsValue,
) -> JsResult<Vec<i32>> {
    const OP: &str = "seededInts";
    let (seed, stream, count) =
        (int32(OP, "seed", seed)?, int32(OP, "stream", stream)?, index(OP, "count", count)?);
    core_seeded_ints(seed, stream, count, int32(OP, "lo", lo)?, int32(OP, "hi", hi)?).map_err(js_err)
}
