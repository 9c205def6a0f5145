//! Measurements the pages show: statistics and histograms, image transforms and shift
//! differences, parameter and multiplication counts, receptive fields.

pub mod counts;
pub mod receptive_field;
pub mod stats;
pub mod transform;
