//! WebAssembly bindings of `convplay-core`: parse arguments, call the core, turn its errors into
//! JavaScript `Error`s. No maths lives here.
use wasm_bindgen::prelude::*;

/// Install the panic hook so a bug shows as a readable console error.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}
