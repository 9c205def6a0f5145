//! A small general matrix product (GEMM) for the shapes of a CNN layer, where one side is skinny
//! (6 or 16 filters, 25 or 150 taps) and a general library GEMM spends most of its time packing.
//!
//! The kernel reads its operands in place (rows of a slice, see [`Mat`]; no packing) and
//! keeps a block of up to 4 rows × 8 columns of the result in registers: each step broadcasts one
//! value of `A` per row and multiplies it into 8 consecutive values of a row of `B`. The fixed-size
//! inner loops are written so the compiler turns them into SIMD (SSE natively, SIMD128 on wasm)
//! without any `unsafe`.
//!
//! ```text
//! mul_rows:   C[m, p] (= 0 | bias[m] | C[m, p]) + Σ_k A[m, k] · B[k, p]
//! ```

/// A matrix view over a slice: `rows` rows of `cols` consecutive values each, row `r` starting at
/// `r · stride` or at `starts[r]`. With a table of starts, the rows of an im2col matrix can be read
/// straight from the image (row `(c, ky, kx)` of output row `oy` starts at the pixel under that tap),
/// so the convolution needs no im2col copy.
#[derive(Debug, Clone, Copy)]
pub struct Mat<'a> {
    /// The values.
    pub data: &'a [f32],
    /// Row count.
    pub rows: usize,
    /// Values per row used.
    pub cols: usize,
    /// Where each row starts.
    pub starts: Starts<'a>,
}

/// Where the rows of a [`Mat`] start.
#[derive(Debug, Clone, Copy)]
pub enum Starts<'a> {
    /// Row `r` at `r · stride`.
    Stride(usize),
    /// Row `r` at `table[r]`.
    Table(&'a [usize]),
}

impl<'a> Mat<'a> {
    /// A dense `rows × cols` matrix.
    pub fn new(data: &'a [f32], rows: usize, cols: usize) -> Self {
        Mat { data, rows, cols, starts: Starts::Stride(cols) }
    }

    /// A matrix whose rows are `stride` apart.
    pub fn strided(data: &'a [f32], rows: usize, cols: usize, stride: usize) -> Self {
        Mat { data, rows, cols, starts: Starts::Stride(stride) }
    }

    /// A matrix whose row `r` starts at `starts[r]` (`starts` has `rows` entries).
    pub fn gathered(data: &'a [f32], cols: usize, starts: &'a [usize]) -> Self {
        Mat { data, rows: starts.len(), cols, starts: Starts::Table(starts) }
    }

    #[inline(always)]
    fn start(&self, r: usize) -> usize {
        match self.starts {
            Starts::Stride(s) => r * s,
            Starts::Table(t) => t[r],
        }
    }

    fn row(&self, r: usize) -> &'a [f32] {
        let s = self.start(r);
        &self.data[s..s + self.cols]
    }

    fn check(&self) {
        let last = match self.starts {
            Starts::Stride(s) => self.rows.checked_sub(1).map(|r| r * s),
            Starts::Table(t) => t.iter().copied().max(),
        };
        assert!(last.map_or(true, |l| l + self.cols <= self.data.len()), "matrix view out of bounds");
    }
}

/// What the result starts from before `A · B` is added.
#[derive(Debug, Clone, Copy)]
pub enum Start<'a> {
    /// `C = A · B`.
    Zero,
    /// `C[m, p] = bias[m] + (A · B)[m, p]`.
    Bias(&'a [f32]),
    /// `C += A · B`.
    Accumulate,
}

/// `C = start + A · B`: `a` is `m × k`, `b` is `k × n`, `c` is `m × n` with rows `c_stride` apart.
///
/// # Panics
/// If the views are out of bounds or the inner sizes differ (callers check shapes first).
pub fn mul_rows(a: Mat, b: Mat, start: Start, c: &mut [f32], c_stride: usize) {
    let (m, n) = (a.rows, b.cols);
    assert!(b.rows == a.cols, "mul_rows: inner sizes differ");
    if let Start::Bias(bias) = start {
        assert!(bias.len() == m, "mul_rows: one bias per row");
    }
    a.check();
    b.check();
    assert!(m == 0 || (m - 1) * c_stride + n <= c.len(), "mul_rows: output out of bounds");
    let mut r = 0;
    while r < m {
        let block = Block { a, b, start, c_stride, r0: r };
        match m - r {
            1 => block.rows::<1>(c),
            2 => block.rows::<2>(c),
            3 => block.rows::<3>(c),
            _ => block.rows::<4>(c),
        }
        r += 4.min(m - r);
    }
}

struct Block<'a> {
    a: Mat<'a>,
    b: Mat<'a>,
    start: Start<'a>,
    c_stride: usize,
    r0: usize,
}

impl Block<'_> {
    /// Rows `r0 .. r0 + MB` of the result: 8 columns at a time, then 4, then one by one.
    fn rows<const MB: usize>(&self, c: &mut [f32]) {
        let n = self.b.cols;
        let mut p = 0;
        while p + 8 <= n {
            self.cols::<MB, 8>(c, p);
            p += 8;
        }
        if p + 4 <= n {
            self.cols::<MB, 4>(c, p);
            p += 4;
        }
        while p < n {
            self.cols::<MB, 1>(c, p);
            p += 1;
        }
    }

    #[inline(always)]
    fn cols<const MB: usize, const PW: usize>(&self, c: &mut [f32], p: usize) {
        #[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
        if PW % 4 == 0 {
            match self.b.starts {
                Starts::Stride(s) => fma::cols_with::<MB, PW>(self, c, p, |kk| kk * s),
                Starts::Table(t) => fma::cols_with::<MB, PW>(self, c, p, |kk| t[kk]),
            }
            return;
        }
        match self.b.starts {
            Starts::Stride(s) => self.cols_with::<MB, PW>(c, p, |kk| kk * s),
            Starts::Table(t) => self.cols_with::<MB, PW>(c, p, |kk| t[kk]),
        }
    }

    // `kk` indexes the rows of A and the row starts of B alike.
    #[allow(clippy::needless_range_loop)]
    #[inline(always)]
    fn cols_with<const MB: usize, const PW: usize>(
        &self,
        c: &mut [f32],
        p: usize,
        b_start: impl Fn(usize) -> usize,
    ) {
        let (a, b, k) = (self.a, self.b, self.a.cols);
        let ar: [&[f32]; MB] = std::array::from_fn(|i| a.row(self.r0 + i));
        let at = |i: usize| (self.r0 + i) * self.c_stride + p;
        let mut acc: [[f32; PW]; MB] = std::array::from_fn(|i| match self.start {
            Start::Zero => [0.0; PW],
            Start::Bias(bias) => [bias[self.r0 + i]; PW],
            Start::Accumulate => c[at(i)..at(i) + PW].try_into().expect("PW values"),
        });
        for kk in 0..k {
            let s = b_start(kk) + p;
            let bv: &[f32; PW] = b.data[s..s + PW].try_into().expect("PW values");
            for i in 0..MB {
                let av = ar[i][kk];
                for j in 0..PW {
                    acc[i][j] += av * bv[j];
                }
            }
        }
        for (i, row) in acc.iter().enumerate() {
            c[at(i)..at(i) + PW].copy_from_slice(row);
        }
    }
}

/// The 8- and 4-column blocks with relaxed SIMD's fused multiply-add (gemm/fma.rs), built only
/// into the second wasm build (`+relaxed-simd`).
#[cfg(all(target_arch = "wasm32", target_feature = "relaxed-simd"))]
#[allow(clippy::incompatible_msrv)]
mod fma;

/// `src` (`rows × cols`, row-major) transposed into `dst` (`cols × rows`, resized).
pub fn transpose(src: &[f32], rows: usize, dst: &mut Vec<f32>) {
    let cols = src.len() / rows.max(1);
    dst.resize(src.len(), 0.0);
    for (r, line) in src.chunks_exact(cols.max(1)).enumerate() {
        for (c, &v) in line.iter().enumerate() {
            dst[c * rows + r] = v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_rows(a: &[f32], m: usize, k: usize, b: &[f32], n: usize, bias: Option<&[f32]>) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for p in 0..n {
                let mut s = bias.map_or(0.0, |b| b[i]);
                for q in 0..k {
                    s += a[i * k + q] * b[q * n + p];
                }
                c[i * n + p] = s;
            }
        }
        c
    }

    fn values(len: usize, seed: u64) -> Vec<f32> {
        let mut rng = crate::Rng::new(seed);
        (0..len).map(|_| rng.uniform() * 2.0 - 1.0).collect()
    }

    #[test]
    fn mul_rows_matches_the_definition_for_every_block_remainder() {
        for (m, k, n) in [(1, 1, 1), (6, 25, 576), (16, 150, 64), (5, 3, 13), (7, 2, 9), (3, 4, 8)] {
            let (a, b, bias) = (values(m * k, 1), values(k * n, 2), values(m, 3));
            let mut c = vec![f32::NAN; m * n];
            mul_rows(Mat::new(&a, m, k), Mat::new(&b, k, n), Start::Bias(&bias), &mut c, n);
            let want = naive_rows(&a, m, k, &b, n, Some(&bias));
            for (x, y) in c.iter().zip(&want) {
                assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{m}×{k}×{n}: {x} vs {y}");
            }
        }
    }

    #[test]
    fn mul_rows_reads_strided_columns_and_writes_strided_rows() {
        // B is the middle 5 columns of a 3 × 9 matrix; C rows are 7 apart.
        let (a, big) = (values(2 * 3, 4), values(3 * 9, 5));
        let b: Vec<f32> = (0..3).flat_map(|r| big[r * 9 + 2..r * 9 + 7].to_vec()).collect();
        let mut c = vec![0.0; 2 * 7];
        mul_rows(Mat::new(&a, 2, 3), Mat::strided(&big[2..], 3, 5, 9), Start::Zero, &mut c, 7);
        let want = naive_rows(&a, 2, 3, &b, 5, None);
        for r in 0..2 {
            for p in 0..5 {
                assert!((c[r * 7 + p] - want[r * 5 + p]).abs() < 1e-5);
            }
            assert_eq!(&c[r * 7 + 5..r * 7 + 7], &[0.0, 0.0], "outside the 5 columns untouched");
        }
    }

    #[test]
    fn mul_rows_accumulates_onto_the_result() {
        for (m, k, n) in [(6, 576, 25), (16, 64, 150), (3, 5, 13)] {
            let (a, b) = (values(m * k, 6), values(k * n, 7));
            let mut c = vec![1.0; m * n];
            mul_rows(Mat::new(&a, m, k), Mat::new(&b, k, n), Start::Accumulate, &mut c, n);
            let want = naive_rows(&a, m, k, &b, n, None);
            for (x, y) in c.iter().zip(&want) {
                assert!((x - 1.0 - y).abs() <= 1e-4 * (1.0 + y.abs()), "{m}×{k}×{n}: {x} vs 1 + {y}");
            }
        }
    }

    #[test]
    fn gathered_rows_read_an_image_as_its_im2col_matrix() {
        // A 2×2 kernel over a 3×4 image: the 4 taps' rows for output row 1 start at the pixel under
        // each tap; the product equals the valid cross-correlation of that row.
        let img = values(12, 8);
        let w = values(4, 9);
        let starts = [4, 5, 8, 9]; // (ky, kx) = (0,0) (0,1) (1,0) (1,1) for output row oy = 1
        let mut c = vec![0.0; 3];
        mul_rows(Mat::new(&w, 1, 4), Mat::gathered(&img, 3, &starts), Start::Zero, &mut c, 3);
        for (ox, got) in c.iter().enumerate() {
            let want = w[0] * img[4 + ox] + w[1] * img[5 + ox] + w[2] * img[8 + ox] + w[3] * img[9 + ox];
            assert!((got - want).abs() < 1e-5);
        }
    }
}
