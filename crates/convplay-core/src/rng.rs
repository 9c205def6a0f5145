//! Seeded random numbers: the same seed gives the same numbers on every platform, natively and
//! in wasm, so a whole class can reproduce one run.
//!
//! Two kinds: [`Rng`], a stream (each draw depends on the ones before: training, initialization,
//! dropout masks), and [`seeded_int`], counter-based (a value depends only on `(seed, stream,
//! index)`: a page's fill keeps the values a grid already had when the grid grows).

use rand_core::{Rng as _, SeedableRng};
use rand_pcg::Pcg32;

use crate::{ensure_arg, Result};

pub use crate::limits::MAX_SEEDED_INTS;

/// Seeded PCG-32 with the few draws this crate needs.
#[derive(Debug, Clone)]
pub struct Rng {
    inner: Pcg32,
    spare_normal: Option<f32>,
}

impl Rng {
    /// A generator whose whole stream is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng { inner: Pcg32::seed_from_u64(seed), spare_normal: None }
    }

    /// A raw 32-bit draw.
    pub fn next_u32(&mut self) -> u32 {
        self.inner.next_u32()
    }

    /// Uniform in `[0, 1)`, with 24 bits of resolution.
    pub fn uniform(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / 16_777_216.0)
    }

    /// Uniform in `[lo, hi)`.
    pub fn uniform_range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.uniform()
    }

    /// Standard normal N(0, 1) by the Box–Muller transform.
    pub fn normal(&mut self) -> f32 {
        if let Some(z) = self.spare_normal.take() {
            return z;
        }
        // 1 - uniform() lies in (0, 1], so the logarithm is finite.
        let u1 = 1.0 - self.uniform() as f64;
        let u2 = self.uniform() as f64;
        let r = (-2.0 * u1.ln()).sqrt();
        let theta = std::f64::consts::TAU * u2;
        self.spare_normal = Some((r * theta.sin()) as f32);
        (r * theta.cos()) as f32
    }

    /// An integer uniform in `0..n` (`n > 0`), without modulo bias.
    pub fn below(&mut self, n: u32) -> u32 {
        debug_assert!(n > 0);
        let zone = u32::MAX - (u32::MAX - n + 1) % n;
        loop {
            let v = self.next_u32();
            if v <= zone {
                return v % n;
            }
        }
    }

    /// Fisher–Yates shuffle in place.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below((i + 1) as u32) as usize;
            items.swap(i, j);
        }
    }
}

/// A 32-bit hash of three 32-bit words: a multiply-xorshift mix (MurmurHash3's finalizer
/// constants), written with wrapping `i32`/`u32` arithmetic exactly as the pages' JavaScript wrote
/// it with `Math.imul` and `>>>`, so old links reproduce their fills.
fn mix(a: u32, b: u32, c: u32) -> u32 {
    let mut h = (a ^ 0x9e37_79b9).wrapping_mul(0x85eb_ca6b)
        ^ b.wrapping_add(0x632b_e5ab).wrapping_mul(0xc2b2_ae35)
        ^ c.wrapping_add(0x27d4_eb2f).wrapping_mul(0x1656_67b1);
    h ^= h >> 16;
    h = h.wrapping_mul(0x7feb_352d);
    h ^= h >> 15;
    h = h.wrapping_mul(0x846c_a68b);
    h ^= h >> 16;
    h
}

/// The whole number in `lo..=hi` at `index` of stream `stream` under `seed`: `lo + mix(seed,
/// stream, index) mod (hi − lo + 1)` (a small modulo bias, kept for the same values as before).
///
/// **Errors** if `hi < lo`.
pub fn seeded_int(seed: i32, stream: i32, index: u32, lo: i32, hi: i32) -> Result<i32> {
    ensure_arg!(lo <= hi, "seededInts", "hi", "must be at least lo ({lo}), got {hi}");
    let span = hi as i64 - lo as i64 + 1;
    Ok((lo as i64 + mix(seed as u32, stream as u32, index) as i64 % span) as i32)
}

/// [`seeded_int`] at indices `0..count`.
///
/// **Errors** if `hi < lo` or `count` is above [`MAX_SEEDED_INTS`].
pub fn seeded_ints(seed: i32, stream: i32, count: usize, lo: i32, hi: i32) -> Result<Vec<i32>> {
    ensure_arg!(
        count <= MAX_SEEDED_INTS,
        "seededInts",
        "count",
        "must be at most {MAX_SEEDED_INTS}, got {count}"
    );
    (0..count as u32).map(|i| seeded_int(seed, stream, i, lo, hi)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
        assert_ne!(Rng::new(7).next_u32(), Rng::new(8).next_u32());
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut r = Rng::new(1);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal() as f64).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.01, "{var}");
    }

    #[test]
    fn uniform_has_variance_one_twelfth() {
        let mut r = Rng::new(2);
        let n = 200_000;
        let xs: Vec<f64> = (0..n).map(|_| r.uniform() as f64).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005);
        assert!((var - 1.0 / 12.0).abs() < 0.002);
    }

    #[test]
    fn shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..50).collect();
        Rng::new(3).shuffle(&mut v);
        let mut s = v.clone();
        s.sort();
        assert_eq!(s, (0..50).collect::<Vec<_>>());
        assert_ne!(v, s);
    }
}
