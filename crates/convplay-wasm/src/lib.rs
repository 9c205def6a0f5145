//! WebAssembly bindings of `convplay-core`: parse arguments, call the core, turn its errors into
//! JavaScript `Error`s. No maths lives here.
//!
//! Tensors cross the boundary as a flat `Float32Array` plus a shape (`Uint32Array`), and come back
//! as `{ shape: number[], data: Float32Array }`. Option and configuration objects are plain
//! JavaScript objects parsed with `serde-wasm-bindgen`; unknown keys are errors.
use std::sync::atomic::{AtomicU32, Ordering};

use wasm_bindgen::prelude::*;

pub mod activation;
pub mod antialias;
pub mod classes;
pub mod conv;
pub mod conv_causal;
pub mod conv_grouped;
pub mod conv_transposed;
pub mod convert;
pub mod data;
pub mod dropout;
pub mod export;
pub mod init;
pub mod linear;
pub mod measure;
pub mod model;
pub mod norm;
pub mod parallel;
pub mod pool;
pub mod rng;
pub mod sweep;
pub mod train;

/// Install the panic hook so a bug shows as a readable console error.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

static LIVE_HANDLES: AtomicU32 = AtomicU32::new(0);

/// Held by every `Trainer` and `Digits`: counts the handle while it is alive (until `free()`).
pub(crate) struct Live;

impl Live {
    pub(crate) fn new() -> Live {
        LIVE_HANDLES.fetch_add(1, Ordering::Relaxed);
        Live
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        LIVE_HANDLES.fetch_sub(1, Ordering::Relaxed);
    }
}

/// `Trainer` and `Digits` handles alive now (created and not yet freed), so page tests can find
/// leaked handles.
#[wasm_bindgen(js_name = liveHandles)]
pub fn live_handles() -> u32 {
    LIVE_HANDLES.load(Ordering::Relaxed)
}
