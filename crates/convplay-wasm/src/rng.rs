//! `convplay_core::rng`: counter-based seeded whole numbers for the pages' fills.

use convplay_core::rng::seeded_ints as core_seeded_ints;
use wasm_bindgen::prelude::*;

use crate::convert::js_err;

/// `count` whole numbers in `[lo, hi]`, each fixed by `(seed, stream, index)` alone, so a grid
/// that grows keeps its values and a link reproduces its fill. `seed` and `stream` are read as
/// 32-bit integers (JavaScript's `| 0`).
#[wasm_bindgen(js_name = seededInts)]
pub fn seeded_ints(seed: i32, stream: i32, count: u32, lo: i32, hi: i32) -> Result<Vec<i32>, JsError> {
    core_seeded_ints(seed, stream, count as usize, lo, hi).map_err(js_err)
}
