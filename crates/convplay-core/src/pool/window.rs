//! The per-window computation shared by [`super::pool2d`], [`super::pool2d_backward`], the trace
//! and the [`super::Pool2d`] layer: one window's value, its contribution weights and whole planes.

use super::{PoolKind, NO_SWITCH};
use crate::Geometry2d;

/// The per-window computation, with the Gaussian tables of one kernel size precomputed.
#[derive(Debug, Clone)]
pub(super) struct Pooler {
    pub(super) kind: PoolKind,
    /// Gaussian: log-weight `−d²/(2σ²)` of each tap, row-major.
    pub(super) log_w: Vec<f32>,
    /// Gaussian: weights normalized over the whole window.
    pub(super) full_w: Vec<f32>,
}

impl Pooler {
    /// `kind` must be validated.
    pub(super) fn new(kind: PoolKind, (kh, kw): (usize, usize)) -> Self {
        let (mut log_w, mut full_w) = (Vec::new(), Vec::new());
        if let PoolKind::Gaussian { sigma } = kind {
            let (cy, cx, two_s2) = ((kh as f32 - 1.0) / 2.0, (kw as f32 - 1.0) / 2.0, 2.0 * sigma * sigma);
            log_w = (0..kh * kw)
                .map(|t| -((t / kw) as f32 - cy).powi(2) / two_s2 - ((t % kw) as f32 - cx).powi(2) / two_s2)
                .collect();
            let m = log_w.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            full_w = log_w.iter().map(|&l| (l - m).exp()).collect();
            let sum: f32 = full_w.iter().sum();
            full_w.iter_mut().for_each(|w| *w /= sum);
        }
        Pooler { kind, log_w, full_w }
    }

    /// The output of the window at `(oy, ox)` over one `H × W` plane, with `(tap, plane index)` of
    /// the maximum for max pooling.
    pub(super) fn value(
        &self,
        g: &Geometry2d,
        plane: &[f32],
        oy: usize,
        ox: usize,
    ) -> (f32, Option<(usize, usize)>) {
        match self.kind {
            PoolKind::Max => {
                let mut best: Option<(usize, usize, f32)> = None;
                for_inside(g, oy, ox, |t, i| {
                    let better = match best {
                        None => true,
                        Some((_, _, b)) => plane[i] > b,
                    };
                    if better {
                        best = Some((t, i, plane[i]));
                    }
                });
                best.map_or((0.0, None), |(t, i, v)| (v, Some((t, i))))
            }
            PoolKind::Average => {
                let (mut sum, mut n) = (0.0f32, 0usize);
                for_inside(g, oy, ox, |_, i| {
                    sum += plane[i];
                    n += 1;
                });
                (if n == 0 { 0.0 } else { sum / n as f32 }, None)
            }
            PoolKind::L2 => {
                let mut sq = 0.0f32;
                for_inside(g, oy, ox, |_, i| sq += plane[i] * plane[i]);
                (sq.sqrt(), None)
            }
            PoolKind::Gaussian { .. } => {
                let mut acc = 0.0f32;
                self.weights(g, plane, 0.0, oy, ox, |_, i, w| acc += w * plane[i]);
                (acc, None)
            }
        }
    }

    /// Call `f(tap, plane index, ∂y/∂x)` for every in-bounds tap of the window at `(oy, ox)`,
    /// whose output is `y` (used by L2 only).
    pub(super) fn weights(
        &self,
        g: &Geometry2d,
        plane: &[f32],
        y: f32,
        oy: usize,
        ox: usize,
        mut f: impl FnMut(usize, usize, f32),
    ) {
        match self.kind {
            PoolKind::Max => {
                let arg = self.value(g, plane, oy, ox).1.map(|(t, _)| t);
                for_inside(g, oy, ox, |t, i| f(t, i, if Some(t) == arg { 1.0 } else { 0.0 }));
            }
            PoolKind::Average => {
                let mut n = 0usize;
                for_inside(g, oy, ox, |_, _| n += 1);
                for_inside(g, oy, ox, |t, i| f(t, i, 1.0 / n as f32));
            }
            PoolKind::L2 => for_inside(g, oy, ox, |t, i| f(t, i, if y > 0.0 { plane[i] / y } else { 0.0 })),
            PoolKind::Gaussian { .. } => {
                let (mut m, mut n) = (f32::NEG_INFINITY, 0usize);
                for_inside(g, oy, ox, |t, _| {
                    m = m.max(self.log_w[t]);
                    n += 1;
                });
                if n == self.full_w.len() {
                    for_inside(g, oy, ox, |t, i| f(t, i, self.full_w[t]));
                } else {
                    // Partial window: renormalize over the in-bounds taps (relative to the largest).
                    let mut sum = 0.0f32;
                    for_inside(g, oy, ox, |t, _| sum += (self.log_w[t] - m).exp());
                    for_inside(g, oy, ox, |t, i| f(t, i, (self.log_w[t] - m).exp() / sum));
                }
            }
        }
    }

    /// Pool one plane into `out`; with `switches`, record `offset + argmax index` (max only).
    pub(super) fn forward_plane(
        &self,
        g: &Geometry2d,
        plane: &[f32],
        out: &mut [f32],
        mut switches: Option<&mut [u32]>,
        offset: usize,
    ) {
        for oy in 0..g.out_h {
            for ox in 0..g.out_w {
                let o = oy * g.out_w + ox;
                let (y, arg) = self.value(g, plane, oy, ox);
                out[o] = y;
                if let Some(s) = switches.as_deref_mut() {
                    s[o] = arg.map_or(NO_SWITCH, |(_, i)| (offset + i) as u32);
                }
            }
        }
    }

    /// Add the input gradient of one plane to `dx`; `out` is the forward output (recomputed if `None`).
    pub(super) fn backward_plane(
        &self,
        g: &Geometry2d,
        plane: &[f32],
        out: Option<&[f32]>,
        dy: &[f32],
        dx: &mut [f32],
    ) {
        for oy in 0..g.out_h {
            for ox in 0..g.out_w {
                let o = oy * g.out_w + ox;
                let y = match (self.kind, out) {
                    (PoolKind::L2, Some(out)) => out[o],
                    (PoolKind::L2, None) => self.value(g, plane, oy, ox).0,
                    _ => 0.0,
                };
                let d = dy[o];
                self.weights(g, plane, y, oy, ox, |_, i, w| dx[i] += d * w);
            }
        }
    }
}

/// `true` when the windows tile the input: stride = kernel, no dilation, no padding (the usual
/// 2×2 max pool), so [`max_tiles`] can replace the general window walk.
pub(super) fn tiles(g: &Geometry2d) -> bool {
    let p = g.pads;
    g.s_y == g.k_h
        && g.s_x == g.k_w
        && g.d_y == 1
        && g.d_x == 1
        && p.top + p.bottom + p.left + p.right == 0
        && g.out_h * g.k_h <= g.in_h
        && g.out_w * g.k_w <= g.in_w
}

/// Max pooling of one plane whose windows tile it (see [`tiles`]): the same values and switches
/// as [`Pooler::forward_plane`] (first maximum in row-major order wins), without the general walk.
pub(super) fn max_tiles(g: &Geometry2d, plane: &[f32], out: &mut [f32], switches: &mut [u32], offset: usize) {
    if (g.k_h, g.k_w) == (2, 2) {
        return max_tiles_2x2(g, plane, out, switches, offset);
    }
    let (kh, kw, w) = (g.k_h, g.k_w, g.in_w);
    let band_len = kh * w;
    let bands = plane.chunks_exact(band_len).take(g.out_h);
    let rows = out.chunks_exact_mut(g.out_w).zip(switches.chunks_exact_mut(g.out_w));
    for (oy, (band, (out_row, sw_row))) in bands.zip(rows).enumerate() {
        for (ox, (y, sw)) in out_row.iter_mut().zip(sw_row.iter_mut()).enumerate() {
            let x0 = ox * kw;
            let (mut best, mut at) = (band[x0], x0);
            for ky in 0..kh {
                for (kx, &v) in band[ky * w + x0..ky * w + x0 + kw].iter().enumerate() {
                    if v > best {
                        (best, at) = (v, ky * w + x0 + kx);
                    }
                }
            }
            *y = best;
            *sw = (offset + oy * band_len + at) as u32;
        }
    }
}

/// [`max_tiles`] for the 2×2 windows of nearly every CNN: two input rows at a time.
fn max_tiles_2x2(g: &Geometry2d, plane: &[f32], out: &mut [f32], switches: &mut [u32], offset: usize) {
    let w = g.in_w;
    let rows = out.chunks_exact_mut(g.out_w).zip(switches.chunks_exact_mut(g.out_w));
    for (oy, (band, (out_row, sw_row))) in plane.chunks_exact(2 * w).zip(rows).enumerate() {
        let (top, bottom) = band.split_at(w);
        let base = offset + 2 * oy * w;
        let pairs = top.chunks_exact(2).zip(bottom.chunks_exact(2));
        for (ox, ((t, b), (y, sw))) in pairs.zip(out_row.iter_mut().zip(sw_row.iter_mut())).enumerate() {
            // Same order as the general walk: the first maximum in row-major order wins.
            let (mut best, mut at) = (t[0], 0);
            if t[1] > best {
                (best, at) = (t[1], 1);
            }
            if b[0] > best {
                (best, at) = (b[0], w);
            }
            if b[1] > best {
                (best, at) = (b[1], w + 1);
            }
            *y = best;
            *sw = (base + 2 * ox + at) as u32;
        }
    }
}

/// Call `f(tap, plane index)` for every tap of the window at `(oy, ox)` that lies inside the input;
/// `tap = ky·kw + kx`, `plane index = iy·W + ix`.
#[inline]
pub(super) fn for_inside(g: &Geometry2d, oy: usize, ox: usize, mut f: impl FnMut(usize, usize)) {
    for ky in 0..g.k_h {
        let iy = g.input_row(oy, ky);
        if iy < 0 || iy as usize >= g.in_h {
            continue;
        }
        for kx in 0..g.k_w {
            let ix = g.input_col(ox, kx);
            if g.inside(iy, ix) {
                f(ky * g.k_w + kx, iy as usize * g.in_w + ix as usize);
            }
        }
    }
}
