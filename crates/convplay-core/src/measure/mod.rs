//! Measurements the pages show: whether two maps agree up to rounding, statistics and histograms,
//! image transforms, shift differences and the undoing of a shift after subsampling, parameter and
//! multiplication counts and how they grow with the input, receptive fields, and the shift
//! sensitivity of a layer or model with and without blur-pool.

pub mod antialias;
pub mod compare;
pub mod counts;
pub mod growth;
pub mod receptive_field;
pub mod shift;
pub mod stats;
pub mod transform;
