//! Measurements the pages show: statistics and histograms, image transforms, shift differences
//! and the undoing of a shift after subsampling, parameter and multiplication counts, receptive
//! fields.

pub mod counts;
pub mod receptive_field;
pub mod shift;
pub mod stats;
pub mod transform;
