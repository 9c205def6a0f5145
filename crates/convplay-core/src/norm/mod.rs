//! Normalization: batch norm as a layer, and Algorithm 1 of Ioffe & Szegedy (2015) step by step.

mod algorithm1;
mod batch_norm;
mod config;

pub use crate::layer::EvalStatistics;
pub(crate) use algorithm1::mean_var;
pub use algorithm1::{algorithm1, Algorithm1Steps};
pub use batch_norm::BatchNorm;
pub use config::BatchNormConfig;
