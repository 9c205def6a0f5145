//! The 8- and 4-column blocks with relaxed SIMD's fused multiply-add (`f32x4.relaxed_madd`):
//! the same loop as [`Block::cols_with`], each `acc + a·b` rounded once instead of twice. Built
//! only into the second wasm build (`+relaxed-simd`); the SIMD128 build never sees it. The
//! relaxed intrinsics are stable since Rust 1.82, so that build needs 1.82 (the rest keeps 1.80).

use super::{Block, Start};
use core::arch::wasm32::{f32x4, f32x4_extract_lane, f32x4_relaxed_madd, f32x4_splat, v128};

#[inline(always)]
fn load(q: &[f32]) -> v128 {
    f32x4(q[0], q[1], q[2], q[3])
}

#[inline(always)]
fn store(v: v128, q: &mut [f32]) {
    q[..4].copy_from_slice(&[
        f32x4_extract_lane::<0>(v),
        f32x4_extract_lane::<1>(v),
        f32x4_extract_lane::<2>(v),
        f32x4_extract_lane::<3>(v),
    ]);
}

#[allow(clippy::needless_range_loop)]
#[inline(always)]
pub(super) fn cols_with<const MB: usize, const PW: usize>(
    block: &Block,
    c: &mut [f32],
    p: usize,
    b_start: impl Fn(usize) -> usize,
) {
    // PW is 4 or 8: one or two vectors per row of the block.
    let (a, b, k) = (block.a, block.b, block.a.cols);
    let ar: [&[f32]; MB] = std::array::from_fn(|i| a.row(block.r0 + i));
    let at = |i: usize| (block.r0 + i) * block.c_stride + p;
    let mut acc: [[v128; 2]; MB] = std::array::from_fn(|i| {
        std::array::from_fn(|v| match block.start {
            Start::Zero => f32x4_splat(0.0),
            Start::Bias(bias) => f32x4_splat(bias[block.r0 + i]),
            Start::Accumulate if 4 * v < PW => load(&c[at(i) + 4 * v..at(i) + 4 * v + 4]),
            Start::Accumulate => f32x4_splat(0.0),
        })
    });
    for kk in 0..k {
        let s = b_start(kk) + p;
        let row = &b.data[s..s + PW];
        let b0 = load(&row[0..4]);
        let b1 = if PW == 8 { load(&row[4..8]) } else { b0 };
        for i in 0..MB {
            let av = f32x4_splat(ar[i][kk]);
            acc[i][0] = f32x4_relaxed_madd(av, b0, acc[i][0]);
            if PW == 8 {
                acc[i][1] = f32x4_relaxed_madd(av, b1, acc[i][1]);
            }
        }
    }
    for (i, row) in acc.iter().enumerate() {
        for (v, &x) in row.iter().enumerate().take(PW / 4) {
            store(x, &mut c[at(i) + 4 * v..at(i) + 4 * v + 4]);
        }
    }
}
