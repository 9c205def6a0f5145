//! # convplay-core
//!
//! The operations of a first lecture on convolutional networks — convolution (1D signals and 2D
//! volumes, cross-correlation and true convolution), pooling (max, average, L2, Gaussian-weighted),
//! activations, dense layers, softmax cross-entropy, batch normalization, dropout, weight
//! initialization and optimizers — each with a forward and a backward pass, plus a small
//! sequential model that trains on a CPU fast enough to run in a browser tab.
//!
//! ## Conventions
//! - Numbers are `f32`.
//! - Activations are **NCHW**: `[batch, channels, height, width]`. Dense features travel as
//!   `[batch, features, 1, 1]`.
//! - Convolution weights are **OIHW**: `[out_channels, in_channels, kernel_h, kernel_w]`;
//!   dense weights are `[out_features, in_features]`.
//! - "Convolution" in a CNN layer is cross-correlation (no kernel flip), as in every deep learning
//!   framework; [`ConvMode::Convolution`] flips the kernel, as the signal-processing definition does.
//! - Everything random takes a seed ([`Rng`]); the same seed gives the same run everywhere.
//! - Every operation a caller can configure wrongly returns [`Result`]; the error message names
//!   the operation and the argument. Nothing reachable from the public API panics on bad input.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod tagged;

pub mod error;
pub mod geometry;
pub mod layer;
pub mod limits;
pub mod rng;
pub mod tensor;

pub mod activation;
pub mod conv;
pub mod dropout;
pub mod init;
pub mod linear;
pub mod loss;
pub mod norm;
pub mod pool;

pub mod data;
pub mod export;
pub mod measure;
pub mod model;
pub mod optim;
pub mod train;

pub use error::{Error, Result};
pub use geometry::{Geometry2d, Padding, Pads, Window2d};
pub use layer::{Layer, LayerKind, Mode, Param};
pub use rng::Rng;
