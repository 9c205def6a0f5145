//! Convolution without the im2col copy, for windows that step one pixel at a time along a row
//! (horizontal stride 1, any padding, vertical stride and dilation).
//!
//! Within one output row `oy`, the im2col matrix row of tap `(c, ky, kx)` is a run of `out_w`
//! consecutive pixels of the (zero-padded) image, starting under that tap. [`Taps`] keeps the start
//! of every tap's run and hands the matrix product of [`super::gemm`] a [`Mat`] that reads those runs in
//! place, so forward and the weight gradient read the image itself:
//!
//! ```text
//! y[o, oy, :]   = bias[o] + Σ_k W[o, k] · run_k(oy)          (forward)
//! dWᵀ[k, o]    += Σ_oy Σ_ox run_k(oy)[ox] · dY[o, oy, ox]     (weight gradient)
//! ```

use crate::conv::fast::gemm::{mul_rows, Mat, Start};
use crate::Geometry2d;

/// The tap offsets of one geometry and a buffer for one zero-padded sample.
#[derive(Debug, Clone, Default)]
pub(crate) struct Taps {
    key: Option<(Geometry2d, usize)>,
    starts: Vec<usize>,
    padded: Vec<f32>,
    width: usize,
}

impl Taps {
    /// `true` if the windows of `g` move one pixel at a time along a row.
    pub(crate) fn applies_to(g: &Geometry2d) -> bool {
        g.s_x == 1
    }

    /// Prepare the offsets for `channels` input channels of geometry `g`.
    pub(crate) fn prepare(&mut self, g: &Geometry2d, channels: usize) {
        if self.key == Some((*g, channels)) {
            return;
        }
        let p = g.pads;
        let (hp, wp) = (g.in_h + p.top + p.bottom, g.in_w + p.left + p.right);
        self.width = wp;
        self.starts.clear();
        for c in 0..channels {
            for ky in 0..g.k_h {
                for kx in 0..g.k_w {
                    self.starts.push(c * hp * wp + ky * g.d_y * wp + kx * g.d_x);
                }
            }
        }
        self.padded.clear();
        if p.top + p.bottom + p.left + p.right > 0 {
            self.padded.resize(channels * hp * wp, 0.0);
        }
        self.key = Some((*g, channels));
    }

    /// Forward of one sample `x` (`[C, H, W]`): `y` (`[O, out_h·out_w]`) `= start + W · im2col(x)`.
    pub(crate) fn forward(&mut self, g: &Geometry2d, w: Mat, start: Start, x: &[f32], y: &mut [f32]) {
        let Taps { starts, padded, width, .. } = self;
        let image = pad_into(g, *width, padded, x);
        for oy in 0..g.out_h {
            let runs = Mat::gathered(&image[oy * g.s_y * *width..], g.out_w, starts);
            mul_rows(w, runs, start, &mut y[oy * g.out_w..], g.out_len());
        }
    }

    /// Weight gradient of one sample: `dw_t` (`[taps, o_pad]`) `+= im2col(x) · dy_t`, with `dy_t`
    /// the output gradient as `[out_h·out_w, o_pad]`.
    pub(crate) fn weight_grad(
        &mut self,
        g: &Geometry2d,
        x: &[f32],
        dy_t: &[f32],
        o_pad: usize,
        dw_t: &mut [f32],
    ) {
        let Taps { starts, padded, width, .. } = self;
        let image = pad_into(g, *width, padded, x);
        let ow = g.out_w;
        for oy in 0..g.out_h {
            let runs = Mat::gathered(&image[oy * g.s_y * *width..], ow, starts);
            let dy_rows = Mat::strided(&dy_t[oy * ow * o_pad..], ow, o_pad, o_pad);
            mul_rows(runs, dy_rows, Start::Accumulate, dw_t, o_pad);
        }
    }
}

/// The image the runs are read from: `x` itself, or `x` copied into the zero-padded buffer
/// (`padded` is empty when there is no padding; its border stays zero).
fn pad_into<'a>(g: &Geometry2d, width: usize, padded: &'a mut [f32], x: &'a [f32]) -> &'a [f32] {
    if padded.is_empty() {
        return x;
    }
    let p = g.pads;
    let plane = (g.in_h + p.top + p.bottom) * width;
    for (src, dst) in x.chunks_exact(g.in_h * g.in_w).zip(padded.chunks_exact_mut(plane)) {
        for (line, out) in src.chunks_exact(g.in_w).zip(dst[p.top * width..].chunks_exact_mut(width)) {
            out[p.left..p.left + g.in_w].copy_from_slice(line);
        }
    }
    padded
}
