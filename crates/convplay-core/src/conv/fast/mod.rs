//! The fast paths behind every convolution, one sample at a time.
//!
//! - [`direct`]: windows read in place from the image, when they move one pixel at a time along a
//!   row (horizontal stride 1: every LeNet-style layer);
//! - [`im2col`]: windows laid out as the columns of a matrix, for the other strides;
//! - [`gemm`]: the register-blocked matrix product both feed (it also serves the dense layers).
//!
//! [`Workspace`] holds the scratch of those paths and runs the forward and backward passes of a
//! batch sample by sample. The free functions [`crate::conv::conv2d`] and
//! [`crate::conv::conv2d_backward`] and the [`crate::conv::Conv2d`] layer all call it, so they
//! compute the same numbers the same way:
//!
//! ```text
//! forward, per sample:   y[O, len]      = b + W[O, C·kh·kw] · windows(x)[C·kh·kw, len]
//! backward, per sample:  dWᵀ[C·kh·kw, O] += windows(x) · dYᵀ
//!                        db[O]          += Σ_len dY
//!                        dx[C, H, W]     = col2im(Wᵀ · dY)
//! ```

pub mod direct;
pub mod gemm;
pub mod im2col;

use direct::Taps;
use gemm::{mul_rows, transpose, Mat, Start};
use im2col::{col2im_add, im2col};

use crate::Geometry2d;

/// The scratch of a convolution's passes over one geometry, kept between calls by the layer.
///
/// With the im2col path, [`Workspace::forward`] can keep the windows of every sample of the batch
/// (`keep`), so that backward reads them instead of laying them out again.
#[derive(Debug, Clone, Default)]
pub(crate) struct Workspace {
    geometry: Option<Geometry2d>,
    channels: usize,
    direct: bool,
    taps: Taps,
    /// im2col path: the windows, `[slots, C·kh·kw, len]`.
    cols: Vec<f32>,
    /// Samples whose windows `cols` keeps from the last forward (0: one slot, laid out per use).
    kept: usize,
    w_t: Vec<f32>,
    dw_t: Vec<f32>,
    dy_t: Vec<f32>,
    dcols: Vec<f32>,
}

impl Workspace {
    /// Get ready for inputs of `channels` channels over geometry `g`; with `keep`, the windows of
    /// `keep` samples are kept by forward for backward (im2col path only).
    pub(crate) fn prepare(&mut self, g: Geometry2d, channels: usize, keep: usize) {
        self.geometry = Some(g);
        self.channels = channels;
        self.direct = Taps::applies_to(&g);
        if self.direct {
            self.taps.prepare(&g, channels);
            self.kept = 0;
        } else {
            self.kept = keep;
            self.cols.resize(keep.max(1) * self.taps_len() * g.out_len(), 0.0);
        }
    }

    /// The geometry of the last [`Workspace::prepare`], if any.
    pub(crate) fn geometry(&self) -> Option<Geometry2d> {
        self.geometry
    }

    fn g(&self) -> Geometry2d {
        self.geometry.expect("workspace prepared")
    }

    /// `C·kh·kw`: the taps of one window, over every input channel.
    fn taps_len(&self) -> usize {
        self.geometry.map_or(0, |g| self.channels * g.k_h * g.k_w)
    }

    /// The windows of sample `i` as `[C·kh·kw, len]`: its own slot when kept, else the one slot.
    fn slot(&mut self, i: usize) -> &mut [f32] {
        let size = self.taps_len() * self.g().out_len();
        let s = if self.kept > 0 { i } else { 0 };
        &mut self.cols[s * size..(s + 1) * size]
    }

    /// Forward of a batch: `x` `[N, C, H, W]`, `w` `[O, C·kh·kw]` (the kernel as slid), `bias`
    /// `[O]` → `y` `[N, O, out_h·out_w]`, all row-major.
    pub(crate) fn forward(&mut self, w: &[f32], bias: Option<&[f32]>, x: &[f32], y: &mut [f32]) {
        let g = self.g();
        let (ckk, len) = (self.taps_len(), g.out_len());
        let o = w.len() / ckk.max(1);
        let start = bias.map_or(Start::Zero, Start::Bias);
        let xs = x.chunks_exact((self.channels * g.in_h * g.in_w).max(1));
        for (i, (x, y)) in xs.zip(y.chunks_exact_mut((o * len).max(1))).enumerate() {
            if self.direct {
                self.taps.forward(&g, Mat::new(w, o, ckk), start, x, y);
            } else {
                let cols = self.slot(i);
                im2col(x, &g, cols);
                mul_rows(Mat::new(w, o, ckk), Mat::new(cols, ckk, len), start, y, len);
            }
        }
    }

    /// Backward of a batch: `∂L/∂W`, `∂L/∂b` and, when wanted, `∂L/∂x` into `grads`, for `dy`
    /// (`[N, O, out_h·out_w]`) the gradient of the output. `x` must be the input of the last
    /// forward when its windows were kept.
    pub(crate) fn backward(&mut self, w: &[f32], x: &[f32], dy: &[f32], grads: Grads) {
        let g = self.g();
        let (ckk, len) = (self.taps_len(), g.out_len());
        let o = w.len() / ckk.max(1);
        let o_pad = padded_filters(o);
        transpose(w, o, &mut self.w_t);
        self.dw_t.clear();
        self.dw_t.resize(ckk * o_pad, 0.0);
        self.dcols.resize(ckk * len, 0.0);
        if self.dy_t.len() != len * o_pad {
            self.dy_t.clear();
            self.dy_t.resize(len * o_pad, 0.0); // padded columns stay 0
        }
        let Grads { weight: dw, bias: db, mut input } = grads;
        db.fill(0.0);
        let plane = self.channels * g.in_h * g.in_w;
        let xs = x.chunks_exact(plane.max(1));
        for (i, (x, dy)) in xs.zip(dy.chunks_exact((o * len).max(1))).enumerate() {
            for (f, row) in dy.chunks_exact(len.max(1)).enumerate() {
                for (v, dst) in row.iter().zip(self.dy_t[f..].iter_mut().step_by(o_pad)) {
                    *dst = *v;
                }
            }
            if self.direct {
                self.taps.weight_grad(&g, x, &self.dy_t, o_pad, &mut self.dw_t);
            } else {
                if self.kept == 0 {
                    im2col(x, &g, self.slot(i));
                }
                let size = ckk * len;
                let s = if self.kept > 0 { i } else { 0 };
                let cols = Mat::new(&self.cols[s * size..(s + 1) * size], ckk, len);
                mul_rows(cols, Mat::new(&self.dy_t, len, o_pad), Start::Accumulate, &mut self.dw_t, o_pad);
            }
            for (b, row) in db.iter_mut().zip(dy.chunks_exact(len.max(1))) {
                *b += sum(row);
            }
            if let Some(dx) = input.as_deref_mut() {
                let dx = &mut dx[i * plane..(i + 1) * plane];
                mul_rows(
                    Mat::new(&self.w_t, ckk, o),
                    Mat::new(dy, o, len),
                    Start::Zero,
                    &mut self.dcols,
                    len,
                );
                dx.fill(0.0);
                col2im_add(&self.dcols, &g, dx);
            }
        }
        for (f, row) in dw.chunks_exact_mut(ckk.max(1)).enumerate() {
            for (k, v) in row.iter_mut().enumerate() {
                *v = self.dw_t[k * o_pad + f];
            }
        }
    }
}

/// Where [`Workspace::backward`] writes (each overwritten): `weight` `[O, C·kh·kw]`, `bias` `[O]`
/// and, if wanted, `input` `[N, C, H, W]`.
pub(crate) struct Grads<'a> {
    pub(crate) weight: &'a mut [f32],
    pub(crate) bias: &'a mut [f32],
    pub(crate) input: Option<&'a mut [f32]>,
}

/// The filter count rounded up to a multiple of 4, so the kernel runs full vectors over `dWᵀ`.
fn padded_filters(o: usize) -> usize {
    o.div_ceil(4) * 4
}

/// `Σ values`, in eight interleaved partial sums (so the adds run as SIMD, not one long chain).
fn sum(values: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = values.chunks_exact(8);
    let rest: f32 = chunks.remainder().iter().sum();
    for c in chunks {
        for (l, v) in lanes.iter_mut().zip(c) {
            *l += v;
        }
    }
    lanes.iter().sum::<f32>() + rest
}
