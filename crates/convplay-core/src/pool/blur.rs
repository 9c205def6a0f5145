//! Blur, then subsample (Zhang 2019, "Making Convolutional Networks Shift-Invariant Again"):
//! a strided pooling (or convolution) read as "pool with stride 1, then keep every s-th value",
//! with a small low-pass blur put before the keeping so a 1-px shift of the input changes the
//! output smoothly instead of jumping between sampling phases.
//!
//! ```text
//!  blur-pool(k, s) = subsample_s ∘ blur ∘ pool(k, stride 1)
//!  blur = [1 2 1]/4 ⊗ [1 2 1]/4, the 3×3 binomial filter, centred on every kept cell
//!  1/16 · ┌ 1 2 1 ┐
//!         │ 2 4 2 │     output[i, j] = Σ blur[a, b] · stage[s·i + a − 1, s·j + b − 1]
//!         └ 1 2 1 ┘
//! ```
//!
//! The 3-tap binomial is chosen over Zhang's 4-tap `[1 3 3 1]/8` because it is centred on a
//! sample, so the output has exactly the size of the plain pooling: `⌊(H' − 1)/s⌋ + 1` of a
//! stride-1 stage of `H'` rows is the strided pooling's `⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1`.
//! **Cells outside the stage are skipped** and the weights renormalized over the cells inside,
//! as every pooling here treats padding: a constant map stays constant, to the border.

use ndarray::{Array4, ArrayView4};

use super::{Pool2d, Pool2dConfig};
use crate::layer::{reuse_buffer, Layer, LayerKind, Mode};
use crate::{ensure_arg, Error, Result, Rng};

const OP: &str = "blurPool2d";

/// The 1-D binomial taps `[1 2 1] / 4`; the 2-D blur is their outer product.
pub const BINOMIAL: [f32; 3] = [0.25, 0.5, 0.25];

/// Rows or columns kept by subsampling `n` by `s` with centred taps: `⌊(n − 1)/s⌋ + 1`.
fn kept(n: usize, s: usize) -> usize {
    if n == 0 {
        0
    } else {
        (n - 1) / s + 1
    }
}

/// For each kept index along one axis: the in-bounds taps `(source index, normalized weight)`.
fn taps(n: usize, s: usize) -> Vec<Vec<(usize, f32)>> {
    (0..kept(n, s))
        .map(|o| {
            let c = (o * s) as isize;
            let inside: Vec<(usize, f32)> = (-1..=1isize)
                .filter(|d| (0..n as isize).contains(&(c + d)))
                .map(|d| ((c + d) as usize, BINOMIAL[(d + 1) as usize]))
                .collect();
            let total: f32 = inside.iter().map(|&(_, w)| w).sum();
            inside.into_iter().map(|(i, w)| (i, w / total)).collect()
        })
        .collect()
}

fn check_stride(stride: (usize, usize)) -> Result<()> {
    let (sy, sx) = stride;
    ensure_arg!(
        (1..=crate::limits::MAX_STRIDE).contains(&sy) && (1..=crate::limits::MAX_STRIDE).contains(&sx),
        OP,
        "stride",
        "must be 1 to {} on each side, got {sy}×{sx}",
        crate::limits::MAX_STRIDE
    );
    Ok(())
}

/// Blur every plane with the binomial 3×3 filter and keep every `stride`-th value (the blur is
/// separable: its weight at a tap is the product of the row and column weights, each
/// renormalized over the taps inside).
///
/// # Shapes
/// `[N, C, H, W]` → `[N, C, ⌊(H − 1)/sy⌋ + 1, ⌊(W − 1)/sx⌋ + 1]`.
///
/// **Errors** if the input is not 4-D or a stride side is not 1 to [`crate::limits::MAX_STRIDE`].
pub fn blur_subsample(input: ArrayView4<f32>, stride: (usize, usize)) -> Result<Array4<f32>> {
    check_stride(stride)?;
    let (n, c, h, w) = input.dim();
    let (rows, cols) = (taps(h, stride.0), taps(w, stride.1));
    let mut out = Array4::zeros((n, c, rows.len(), cols.len()));
    for ((b, ch, i, j), v) in out.indexed_iter_mut() {
        let mut acc = 0.0;
        for &(y, wy) in &rows[i] {
            for &(x, wx) in &cols[j] {
                acc += wy * wx * input[[b, ch, y, x]];
            }
        }
        *v = acc;
    }
    Ok(out)
}

/// ∂loss/∂input of [`blur_subsample`] given ∂loss/∂output: each output's gradient spread back
/// over its taps by their weights (the blur is linear).
///
/// **Errors** if a stride side is out of range or `grad_output` does not have the output's shape.
pub fn blur_subsample_backward(
    input_shape: [usize; 4],
    stride: (usize, usize),
    grad_output: ArrayView4<f32>,
) -> Result<Array4<f32>> {
    check_stride(stride)?;
    let [n, c, h, w] = input_shape;
    let (rows, cols) = (taps(h, stride.0), taps(w, stride.1));
    crate::tensor::check_grad_output(OP, grad_output.shape(), &[n, c, rows.len(), cols.len()])?;
    let mut dx = Array4::zeros((n, c, h, w));
    for ((b, ch, i, j), &d) in grad_output.indexed_iter() {
        for &(y, wy) in &rows[i] {
            for &(x, wx) in &cols[j] {
                dx[[b, ch, y, x]] += wy * wx * d;
            }
        }
    }
    Ok(dx)
}

/// The stride-1 pooling stage of a blur-pool with `config`'s window.
fn stage_config(config: &Pool2dConfig) -> Pool2dConfig {
    let mut stage = *config;
    stage.window.stride = (1, 1);
    stage
}

/// Blur-pool over a batch: `config`'s pooling with stride 1, then [`blur_subsample`] by
/// `config`'s stride. The output has the plain pooling's shape.
///
/// **Errors** as [`super::pool2d`] with stride 1, or as [`blur_subsample`].
pub fn blur_pool2d(input: ArrayView4<f32>, config: &Pool2dConfig) -> Result<Array4<f32>> {
    config.validate_layer()?;
    let stage = super::pool2d(input, &stage_config(config))?;
    blur_subsample(stage.view(), config.window.stride)
}

/// A blur-pool layer (kind `"pool"` with `antialias: true`): pooling with stride 1, the binomial
/// blur, then subsampling by the stride.
#[derive(Debug, Clone)]
pub struct BlurPool2d {
    config: Pool2dConfig,
    stage: Pool2d,
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl BlurPool2d {
    /// A blur-pool layer; `config.window.stride` is the subsampling step.
    ///
    /// **Errors** as [`Pool2dConfig::validate_layer`].
    pub fn new(config: Pool2dConfig) -> Result<Self> {
        config.validate_layer()?;
        Ok(BlurPool2d {
            config,
            stage: Pool2d::new(stage_config(&config))?,
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
        })
    }

    /// The configuration (the stride is the subsampling step).
    pub fn config(&self) -> &Pool2dConfig {
        &self.config
    }
}

impl Layer for BlurPool2d {
    fn kind(&self) -> &'static str {
        LayerKind::Pool.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    fn forward(&mut self, input: ArrayView4<f32>, mode: Mode, rng: &mut Rng) -> Result<()> {
        stage_config(&self.config).checked(input.shape())?;
        self.stage.forward(input, mode, rng)?;
        self.output = blur_subsample(self.stage.output(), self.config.window.stride)?;
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let s = self.stage.output().dim();
        if s.0 == 0 && self.output.is_empty() {
            return Err(Error::shape(OP, "backward called before forward"));
        }
        let d_stage = blur_subsample_backward([s.0, s.1, s.2, s.3], self.config.window.stride, grad_output)?;
        self.stage.backward(input, d_stage.view())?;
        let g = self.stage.grad_input();
        let sh = g.shape();
        reuse_buffer(&mut self.grad_input, [sh[0], sh[1], sh[2], sh[3]]);
        self.grad_input.assign(&g);
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
