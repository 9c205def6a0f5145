//! The fast paths behind every convolution: windows read in place (`direct`), im2col for the
//! strided cases, and one register-blocked kernel that also serves the dense layers.

pub mod direct;
pub mod im2col;
pub mod kernels;
