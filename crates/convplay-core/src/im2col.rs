//! im2col / col2im: lay every window of a multi-channel input out as a column, so that a whole
//! convolution becomes one matrix product.
//!
//! ```text
//! input [C, H, W]                       cols [C·kh·kw, out_h·out_w]
//!  ┌────────┐                           row (c, ky, kx), column (oy, ox) =
//!  │ ▣▣▣    │  window at (oy, ox)  ───▶    input[c, oy·sy + ky·dy − top, ox·sx + kx·dx − left]
//!  │ ▣▣▣    │                              (0 where that falls in the padding)
//!  └────────┘
//! ```
//! col2im is its adjoint: it adds every column entry back onto the input pixel it came from,
//! which is exactly the input gradient of the convolution.

use ndarray::{ArrayView3, ArrayViewMut2, ArrayViewMut3};

use crate::Geometry2d;

/// Fill `cols` (`[C·kh·kw, out_h·out_w]`, standard layout) with the windows of `input` (`[C, H, W]`).
pub fn im2col(input: ArrayView3<f32>, g: &Geometry2d, mut cols: ArrayViewMut2<f32>) {
    let channels = input.shape()[0];
    let (kh, kw, ow) = (g.k_h, g.k_w, g.out_w);
    let dst = cols.as_slice_mut().expect("cols is contiguous");
    let src = input.as_standard_layout();
    let src = src.as_slice().expect("standard layout");
    let plane = g.in_h * g.in_w;
    let row_len = g.out_len();
    let mut row = 0;
    for c in 0..channels {
        let channel = &src[c * plane..(c + 1) * plane];
        for ky in 0..kh {
            for kx in 0..kw {
                let out_row = &mut dst[row * row_len..(row + 1) * row_len];
                for oy in 0..g.out_h {
                    let seg = &mut out_row[oy * ow..(oy + 1) * ow];
                    let iy = g.input_row(oy, ky);
                    if iy < 0 || iy as usize >= g.in_h {
                        seg.fill(0.0);
                        continue;
                    }
                    let line = &channel[iy as usize * g.in_w..(iy as usize + 1) * g.in_w];
                    for (ox, v) in seg.iter_mut().enumerate() {
                        let ix = g.input_col(ox, kx);
                        *v = if ix >= 0 && (ix as usize) < g.in_w { line[ix as usize] } else { 0.0 };
                    }
                }
                row += 1;
            }
        }
    }
}

/// Add every entry of `cols` back onto the input pixel it was read from (`grad_input += col2im(cols)`).
pub fn col2im_add(cols: &[f32], g: &Geometry2d, mut grad_input: ArrayViewMut3<f32>) {
    let channels = grad_input.shape()[0];
    let dst = grad_input.as_slice_mut().expect("grad_input is contiguous");
    let plane = g.in_h * g.in_w;
    let row_len = g.out_len();
    let mut row = 0;
    for c in 0..channels {
        let channel = &mut dst[c * plane..(c + 1) * plane];
        for ky in 0..g.k_h {
            for kx in 0..g.k_w {
                let col_row = &cols[row * row_len..(row + 1) * row_len];
                for oy in 0..g.out_h {
                    let iy = g.input_row(oy, ky);
                    if iy < 0 || iy as usize >= g.in_h {
                        continue;
                    }
                    let line = &mut channel[iy as usize * g.in_w..(iy as usize + 1) * g.in_w];
                    for (ox, &v) in col_row[oy * g.out_w..(oy + 1) * g.out_w].iter().enumerate() {
                        let ix = g.input_col(ox, kx);
                        if ix >= 0 && (ix as usize) < g.in_w {
                            line[ix as usize] += v;
                        }
                    }
                }
                row += 1;
            }
        }
    }
}
