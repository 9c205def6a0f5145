//! WebAssembly bindings of `convplay-core`: parse arguments, call the core, turn its errors into
//! JavaScript `Error`s. No maths lives here.
//!
//! Tensors cross the boundary as a flat `Float32Array` plus a shape (`Uint32Array`), and come back
//! as `{ shape: number[], data: Float32Array }`. Option and configuration objects are plain
//! JavaScript objects parsed with `serde-wasm-bindgen`; unknown keys are errors.
use wasm_bindgen::prelude::*;

pub mod conv;
pub mod convert;
pub mod images;
pub mod labs;
pub mod model;
pub mod ops;
pub mod receptive;

/// Install the panic hook so a bug shows as a readable console error.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The crate version, for the pages' footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
