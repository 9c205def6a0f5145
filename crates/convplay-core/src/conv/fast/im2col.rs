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

use crate::Geometry2d;

/// Fill `cols` (`[C·kh·kw, out_h·out_w]`, row-major) with the windows of `input` (`[C, H, W]`,
/// row-major).
pub fn im2col(input: &[f32], g: &Geometry2d, cols: &mut [f32]) {
    let channels = input.len() / (g.in_h * g.in_w).max(1);
    let (kh, kw, ow) = (g.k_h, g.k_w, g.out_w);
    let (src, dst) = (input, cols);
    let plane = g.in_h * g.in_w;
    let row_len = g.out_len();
    let mut row = 0;
    for c in 0..channels {
        let channel = &src[c * plane..(c + 1) * plane];
        for ky in 0..kh {
            for kx in 0..kw {
                let out_row = &mut dst[row * row_len..(row + 1) * row_len];
                let (lo, hi) = inside_cols(g, kx);
                row += 1;
                if lo == hi {
                    // This kernel column lies in the padding at every output column (a kernel
                    // wider than the input with "same" or "full" padding): no pixel to copy.
                    out_row.fill(0.0);
                    continue;
                }
                for oy in 0..g.out_h {
                    let seg = &mut out_row[oy * ow..(oy + 1) * ow];
                    let iy = g.input_row(oy, ky);
                    if iy < 0 || iy as usize >= g.in_h {
                        seg.fill(0.0);
                        continue;
                    }
                    let line = &channel[iy as usize * g.in_w..(iy as usize + 1) * g.in_w];
                    seg[..lo].fill(0.0);
                    seg[hi..].fill(0.0);
                    if g.s_x == 1 {
                        // Consecutive outputs read consecutive pixels: one copy per row.
                        let x0 = g.input_col(lo, kx) as usize;
                        seg[lo..hi].copy_from_slice(&line[x0..x0 + hi - lo]);
                    } else {
                        for (ox, v) in seg.iter_mut().enumerate().take(hi).skip(lo) {
                            *v = line[g.input_col(ox, kx) as usize];
                        }
                    }
                }
            }
        }
    }
}

/// Add every entry of `cols` back onto the input pixel it was read from (`grad_input += col2im(cols)`,
/// `grad_input` `[C, H, W]` row-major).
pub fn col2im_add(cols: &[f32], g: &Geometry2d, grad_input: &mut [f32]) {
    let channels = grad_input.len() / (g.in_h * g.in_w).max(1);
    let dst = grad_input;
    let plane = g.in_h * g.in_w;
    let row_len = g.out_len();
    let mut row = 0;
    for c in 0..channels {
        let channel = &mut dst[c * plane..(c + 1) * plane];
        for ky in 0..g.k_h {
            for kx in 0..g.k_w {
                let col_row = &cols[row * row_len..(row + 1) * row_len];
                let (lo, hi) = inside_cols(g, kx);
                row += 1;
                if lo == hi {
                    continue; // the column lies in the padding: nothing flows back
                }
                for oy in 0..g.out_h {
                    let iy = g.input_row(oy, ky);
                    if iy < 0 || iy as usize >= g.in_h {
                        continue;
                    }
                    let line = &mut channel[iy as usize * g.in_w..(iy as usize + 1) * g.in_w];
                    let seg = &col_row[oy * g.out_w + lo..oy * g.out_w + hi];
                    if g.s_x == 1 {
                        let x0 = g.input_col(lo, kx) as usize;
                        add_into(&mut line[x0..x0 + hi - lo], seg);
                    } else {
                        for (ox, &v) in (lo..hi).zip(seg) {
                            line[g.input_col(ox, kx) as usize] += v;
                        }
                    }
                }
            }
        }
    }
}

/// The output columns `lo..hi` whose kernel column `kx` falls inside the input (not in the padding):
/// `0 <= ox·sx + kx·dx − left < in_w`.
fn inside_cols(g: &Geometry2d, kx: usize) -> (usize, usize) {
    let (offset, sx) = ((kx * g.d_x) as isize - g.pads.left as isize, g.s_x as isize);
    // Smallest ox with ox·sx + offset >= 0, and the count of ox with ox·sx + offset < in_w.
    let lo = if offset >= 0 { 0 } else { ((-offset + sx - 1) / sx) as usize };
    let last = g.in_w as isize - 1 - offset;
    let hi = if last < 0 { 0 } else { (last / sx + 1) as usize };
    let hi = hi.min(g.out_w);
    (lo.min(hi), hi)
}

/// `dst[i] += src[i]`, four at a time (one SIMD add) and then the rest.
fn add_into(dst: &mut [f32], src: &[f32]) {
    let mut d = dst.chunks_exact_mut(4);
    let mut s = src.chunks_exact(4);
    for (d4, s4) in (&mut d).zip(&mut s) {
        let (d4, s4): (&mut [f32; 4], &[f32; 4]) =
            (d4.try_into().expect("4 values"), s4.try_into().expect("4 values"));
        for i in 0..4 {
            d4[i] += s4[i];
        }
    }
    for (x, &y) in d.into_remainder().iter_mut().zip(s.remainder()) {
        *x += y;
    }
}
