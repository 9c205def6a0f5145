//! The dense (fully connected) layer and the flatten layer that feeds it.
//!
//! ```text
//!  x [batch, in]        Wᵀ [in, out]          y [batch, out]
//!  ┌──────────┐        ┌──────┐               ┌──────┐
//!  │ x₀ ... x │   ·    │      │      +  b  =  │      │     every output sees every input:
//!  └──────────┘        │      │               └──────┘     in·out weights + out biases
//!                      └──────┘
//! ```
//!
//! Forward is `Y = X·Wᵀ + b`; backward is `∂X = ∂Y·W`, `∂W = ∂Yᵀ·X`, `∂b = Σ_batch ∂Y` — three
//! batch-level matrix products (the register-blocked kernel of [`crate::kernels`], with `Wᵀ` and
//! `∂Yᵀ` transposed first so every product reads whole rows).

use ndarray::{Array1, Array2, Array4, ArrayD, ArrayView1, ArrayView2, ArrayView4, Ix1, Ix2};

use crate::conv::fast::kernels::{mul_rows, transpose, Mat, Start};
use crate::layer::{reuse_buffer, Layer, Mode, Param};
use crate::tensor::element_count;
use crate::{ensure_arg, ensure_shape, Result, Rng};

const OP: &str = "dense";

/// Learnable numbers of a dense layer: `in · out` weights plus `out` biases (saturating).
pub fn parameter_count(in_features: usize, out_features: usize) -> usize {
    in_features.saturating_mul(out_features).saturating_add(out_features)
}

/// Gradients of a dense layer.
#[derive(Debug, Clone)]
pub struct DenseGrads {
    /// ∂L/∂input, `[batch, in]`.
    pub input: Array2<f32>,
    /// ∂L/∂weight, `[out, in]`.
    pub weight: Array2<f32>,
    /// ∂L/∂bias, `[out]`.
    pub bias: Array1<f32>,
}

/// Check that `input` `[batch, in]` fits `weight` `[out, in]` (and `bias` `[out]`).
fn check(input: &[usize], weight: &[usize], bias_len: Option<usize>) -> Result<()> {
    ensure_shape!(
        input[1] == weight[1],
        OP,
        "input has {} features but the weight takes {} ([out, in] = {:?})",
        input[1],
        weight[1],
        weight
    );
    if let Some(b) = bias_len {
        ensure_shape!(b == weight[0], OP, "bias has {b} values but the weight has {} outputs", weight[0]);
    }
    Ok(())
}

/// `Y = X·Wᵀ + b` on row-major slices: `x` `[batch, in]`, `w` `[out, in]`, `b` `[out]` → `y`
/// `[batch, out]`; `w_t` is scratch. Shapes already checked.
fn forward_rows(x: &[f32], w: &[f32], b: &[f32], y: &mut [f32], w_t: &mut Vec<f32>) {
    let o = b.len();
    let i = w.len() / o.max(1);
    transpose(w, o, w_t);
    mul_rows(Mat::new(x, x.len() / i.max(1), i), Mat::new(w_t, i, o), Start::Zero, y, o);
    for row in y.chunks_exact_mut(o.max(1)) {
        for (v, bv) in row.iter_mut().zip(b) {
            *v += bv;
        }
    }
}

/// Slices of the gradients of a dense layer (`[batch, in]`, `[out, in]`, `[out]`).
struct GradRows<'a> {
    input: &'a mut [f32],
    weight: &'a mut [f32],
    bias: &'a mut [f32],
}

/// `∂X = ∂Y·W`, `∂W = ∂Yᵀ·X`, `∂b = Σ_batch ∂Y` on row-major slices; `dy_t` is scratch.
fn backward_rows(x: &[f32], w: &[f32], dy: &[f32], g: GradRows, dy_t: &mut Vec<f32>) {
    let o = g.bias.len();
    let (n, i) = (dy.len() / o.max(1), w.len() / o.max(1));
    mul_rows(Mat::new(dy, n, o), Mat::new(w, o, i), Start::Zero, g.input, i);
    transpose(dy, n, dy_t);
    mul_rows(Mat::new(dy_t, o, n), Mat::new(x, n, i), Start::Zero, g.weight, i);
    g.bias.fill(0.0);
    for row in dy.chunks_exact(o.max(1)) {
        for (d, v) in g.bias.iter_mut().zip(row) {
            *d += v;
        }
    }
}

/// Forward dense layer.
///
/// # Shapes
/// input `[batch, in]`, weight `[out, in]`, bias `[out]` → `[batch, out]`.
///
/// **Errors** if the input's feature count differs from the weight's, or the bias length from
/// the weight's output count (the message names both sizes).
pub fn dense(input: ArrayView2<f32>, weight: ArrayView2<f32>, bias: ArrayView1<f32>) -> Result<Array2<f32>> {
    check(input.shape(), weight.shape(), Some(bias.len()))?;
    let mut y = Array2::zeros((input.nrows(), weight.nrows()));
    let (x, w) = (input.as_standard_layout(), weight.as_standard_layout());
    let (x, w, b) = (x.as_slice().expect("standard"), w.as_slice().expect("standard"), bias.to_vec());
    forward_rows(x, w, &b, y.as_slice_mut().expect("owned"), &mut Vec::new());
    Ok(y)
}

/// Backward dense layer: gradients with respect to input, weight and bias.
///
/// # Shapes
/// input `[batch, in]`, weight `[out, in]`, grad_output `[batch, out]`.
///
/// **Errors** if the shapes do not fit together.
pub fn dense_backward(
    input: ArrayView2<f32>,
    weight: ArrayView2<f32>,
    grad_output: ArrayView2<f32>,
) -> Result<DenseGrads> {
    check(input.shape(), weight.shape(), None)?;
    let expected = [input.nrows(), weight.nrows()];
    ensure_shape!(
        grad_output.shape() == expected,
        OP,
        "gradient of the output has shape {:?} but the output has {:?}",
        grad_output.shape(),
        expected
    );
    let mut g = DenseGrads {
        input: Array2::zeros(input.raw_dim()),
        weight: Array2::zeros(weight.raw_dim()),
        bias: Array1::zeros(weight.nrows()),
    };
    let (x, w, dy) =
        (input.as_standard_layout(), weight.as_standard_layout(), grad_output.as_standard_layout());
    let rows = GradRows {
        input: g.input.as_slice_mut().expect("owned"),
        weight: g.weight.as_slice_mut().expect("owned"),
        bias: g.bias.as_slice_mut().expect("owned"),
    };
    let (x, w, dy) =
        (x.as_slice().expect("standard"), w.as_slice().expect("standard"), dy.as_slice().expect("standard"));
    backward_rows(x, w, dy, rows, &mut Vec::new());
    Ok(g)
}

/// A dense layer (kind `"dense"`): `[N, C, H, W]` with `C·H·W = in` (read row-major, as
/// [`Flatten`] would) → `[N, out, 1, 1]`.
///
/// Parameters: `"weight"` `[out, in]` (weight decay applies) and `"bias"` `[out]` (no decay).
#[derive(Debug, Clone)]
pub struct Dense {
    in_features: usize,
    out_features: usize,
    params: Vec<Param>,
    output: Array4<f32>,
    grad_input: Array4<f32>,
    w_t: Vec<f32>,
    dy_t: Vec<f32>,
}

impl Dense {
    /// A layer with zero weights and biases (fill them through [`Layer::params_mut`]).
    ///
    /// **Errors** if a size is zero or the weight would be too large.
    pub fn new(in_features: usize, out_features: usize) -> Result<Self> {
        ensure_arg!(in_features >= 1, OP, "inFeatures", "must be at least 1, got {in_features}");
        ensure_arg!(out_features >= 1, OP, "outFeatures", "must be at least 1, got {out_features}");
        element_count(OP, "weight", &[out_features, in_features])?;
        Ok(Dense {
            in_features,
            out_features,
            params: vec![
                Param::new("weight", ArrayD::zeros(vec![out_features, in_features]), true),
                Param::new("bias", ArrayD::zeros(vec![out_features]), false),
            ],
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
            w_t: Vec::new(),
            dy_t: Vec::new(),
        })
    }

    /// Input features.
    pub fn in_features(&self) -> usize {
        self.in_features
    }

    /// Output features.
    pub fn out_features(&self) -> usize {
        self.out_features
    }

    /// The weights, `[out, in]`.
    pub fn weight(&self) -> ArrayView2<'_, f32> {
        self.params[0].value.view().into_dimensionality::<Ix2>().expect("weight is 2-D")
    }

    /// The biases, `[out]`.
    pub fn bias(&self) -> ArrayView1<'_, f32> {
        self.params[1].value.view().into_dimensionality::<Ix1>().expect("bias is 1-D")
    }

    fn check_features(&self, [c, h, w]: [usize; 3]) -> Result<()> {
        let f = c.saturating_mul(h).saturating_mul(w);
        ensure_shape!(
            f == self.in_features,
            OP,
            "input has {c}×{h}×{w} = {f} features but the layer takes {}",
            self.in_features
        );
        Ok(())
    }
}

impl Layer for Dense {
    fn kind(&self) -> &'static str {
        "dense"
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.check_features(input)?;
        Ok([self.out_features, 1, 1])
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let s = input.shape();
        self.check_features([s[1], s[2], s[3]])?;
        reuse_buffer(&mut self.output, [s[0], self.out_features, 1, 1]);
        let x = input.as_standard_layout();
        let (w, b) = (&self.params[0].value, &self.params[1].value);
        forward_rows(
            x.as_slice().expect("standard layout"),
            w.as_slice().expect("contiguous"),
            b.as_slice().expect("contiguous"),
            self.output.as_slice_mut().expect("owned"),
            &mut self.w_t,
        );
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let s = input.shape();
        self.check_features([s[1], s[2], s[3]])?;
        let expected = [s[0], self.out_features, 1, 1];
        ensure_shape!(
            grad_output.shape() == expected,
            OP,
            "gradient of the output has shape {:?} but the output has {:?}",
            grad_output.shape(),
            expected
        );
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
        let (wp, bp) = self.params.split_at_mut(1);
        let Param { value: w, grad: dw, .. } = &mut wp[0];
        let grads = GradRows {
            input: self.grad_input.as_slice_mut().expect("owned"),
            weight: dw.as_slice_mut().expect("contiguous"),
            bias: bp[0].grad.as_slice_mut().expect("contiguous"),
        };
        let (x, dy) = (x.as_slice().expect("standard layout"), dy.as_slice().expect("standard layout"));
        backward_rows(x, w.as_slice().expect("contiguous"), dy, grads, &mut self.dy_t);
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }
}

/// Flatten (kind `"flatten"`): `[N, C, H, W]` → `[N, C·H·W, 1, 1]`, row-major; backward reshapes
/// the gradient back.
#[derive(Debug, Clone)]
pub struct Flatten {
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl Default for Flatten {
    fn default() -> Self {
        Flatten::new()
    }
}

impl Flatten {
    /// A flatten layer.
    pub fn new() -> Self {
        Flatten { output: Array4::zeros((0, 0, 0, 0)), grad_input: Array4::zeros((0, 0, 0, 0)) }
    }
}

/// Copy `src` into `dst` in logical (row-major) order; both hold the same number of values.
fn copy_row_major(src: &ArrayView4<f32>, dst: &mut Array4<f32>) {
    let dst = dst.as_slice_mut().expect("owned");
    match src.as_slice() {
        Some(s) => dst.copy_from_slice(s),
        None => dst.iter_mut().zip(src.iter()).for_each(|(d, &v)| *d = v),
    }
}

impl Layer for Flatten {
    fn kind(&self) -> &'static str {
        "flatten"
    }

    fn output_shape(&self, [c, h, w]: [usize; 3]) -> Result<[usize; 3]> {
        Ok([c * h * w, 1, 1])
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let s = input.shape();
        reuse_buffer(&mut self.output, [s[0], s[1] * s[2] * s[3], 1, 1]);
        copy_row_major(&input, &mut self.output);
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let s = input.shape();
        let expected = [s[0], s[1] * s[2] * s[3], 1, 1];
        ensure_shape!(
            grad_output.shape() == expected,
            "flatten",
            "gradient of the output has shape {:?} but the output has {:?}",
            grad_output.shape(),
            expected
        );
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        copy_row_major(&grad_output, &mut self.grad_input);
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
