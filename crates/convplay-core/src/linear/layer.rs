//! The dense and flatten layers, each built from its configuration.

use ndarray::{Array4, ArrayD, ArrayView1, ArrayView2, ArrayView4, Ix1, Ix2};
use serde::{Deserialize, Serialize};

use super::{backward_rows, forward_rows, parameter_count, GradRows, OP};
use crate::layer::{reuse_buffer, Layer, LayerKind, Mode, Param};
use crate::tensor::element_count;
use crate::{ensure_arg, ensure_shape, Result, Rng};

/// Configuration of a [`Dense`] layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DenseConfig {
    /// Input features (`C·H·W` of the input).
    pub in_features: usize,
    /// Output features.
    pub out_features: usize,
}

impl DenseConfig {
    /// `in_features` → `out_features`.
    pub fn new(in_features: usize, out_features: usize) -> Self {
        DenseConfig { in_features, out_features }
    }

    /// **Errors** if a size is zero or the weight would be too large.
    pub fn validate(&self) -> Result<()> {
        let DenseConfig { in_features: i, out_features: o } = *self;
        ensure_arg!(i >= 1, OP, "inFeatures", "must be at least 1, got {i}");
        ensure_arg!(o >= 1, OP, "outFeatures", "must be at least 1, got {o}");
        element_count(OP, "weight", &[o, i])?;
        Ok(())
    }

    /// **Errors** unless an input of `[c, h, w]` holds `in_features` values.
    pub fn check_input(&self, [c, h, w]: [usize; 3]) -> Result<()> {
        let f = c.saturating_mul(h).saturating_mul(w);
        ensure_shape!(
            f == self.in_features,
            OP,
            "input has {c}×{h}×{w} = {f} features but the layer takes {}",
            self.in_features
        );
        Ok(())
    }

    /// `[out_features, 1, 1]` for an input of `in_features` values.
    ///
    /// **Errors** as [`DenseConfig::validate`] and [`DenseConfig::check_input`].
    pub fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.validate()?;
        self.check_input(input)?;
        Ok([self.out_features, 1, 1])
    }

    /// Learnable numbers: `in · out` weights plus `out` biases ([`parameter_count`]).
    pub fn parameter_count(&self) -> usize {
        parameter_count(self.in_features, self.out_features)
    }

    /// A layer with zero weights and biases (fill them through [`Layer::params_mut`]).
    ///
    /// **Errors** as [`DenseConfig::validate`].
    pub fn init(&self) -> Result<Dense> {
        self.validate()?;
        let (i, o) = (self.in_features, self.out_features);
        Ok(Dense {
            config: *self,
            params: vec![
                Param::new("weight", ArrayD::zeros(vec![o, i]), true),
                Param::new("bias", ArrayD::zeros(vec![o]), false),
            ],
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
            w_t: Vec::new(),
            dy_t: Vec::new(),
        })
    }
}

/// A dense layer (kind `"dense"`): `[N, C, H, W]` with `C·H·W = in` (read row-major, as
/// [`Flatten`] would) → `[N, out, 1, 1]`.
///
/// Parameters: `"weight"` `[out, in]` (weight decay applies) and `"bias"` `[out]` (no decay).
#[derive(Debug, Clone)]
pub struct Dense {
    config: DenseConfig,
    params: Vec<Param>,
    output: Array4<f32>,
    grad_input: Array4<f32>,
    w_t: Vec<f32>,
    dy_t: Vec<f32>,
}

impl Dense {
    /// The configuration.
    pub fn config(&self) -> &DenseConfig {
        &self.config
    }

    /// Input features.
    pub fn in_features(&self) -> usize {
        self.config.in_features
    }

    /// Output features.
    pub fn out_features(&self) -> usize {
        self.config.out_features
    }

    /// The weights, `[out, in]`.
    pub fn weight(&self) -> ArrayView2<'_, f32> {
        self.params[0].value.view().into_dimensionality::<Ix2>().expect("weight is 2-D")
    }

    /// The biases, `[out]`.
    pub fn bias(&self) -> ArrayView1<'_, f32> {
        self.params[1].value.view().into_dimensionality::<Ix1>().expect("bias is 1-D")
    }
}

impl Layer for Dense {
    fn kind(&self) -> &'static str {
        LayerKind::Dense.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let s = input.shape();
        self.config.check_input([s[1], s[2], s[3]])?;
        reuse_buffer(&mut self.output, [s[0], self.config.out_features, 1, 1]);
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
        self.config.check_input([s[1], s[2], s[3]])?;
        let expected = [s[0], self.config.out_features, 1, 1];
        crate::tensor::check_grad_output(OP, grad_output.shape(), &expected)?;
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

/// Configuration of a [`Flatten`] layer: nothing to choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FlattenConfig;

impl FlattenConfig {
    /// `[c·h·w, 1, 1]`.
    pub fn output_shape(&self, [c, h, w]: [usize; 3]) -> Result<[usize; 3]> {
        Ok([c.saturating_mul(h).saturating_mul(w), 1, 1])
    }

    /// Learnable numbers: none.
    pub fn parameter_count(&self) -> usize {
        0
    }

    /// Build the layer.
    pub fn init(&self) -> Result<Flatten> {
        Ok(Flatten { output: Array4::zeros((0, 0, 0, 0)), grad_input: Array4::zeros((0, 0, 0, 0)) })
    }
}

/// Flatten (kind `"flatten"`): `[N, C, H, W]` → `[N, C·H·W, 1, 1]`, row-major; backward reshapes
/// the gradient back.
#[derive(Debug, Clone)]
pub struct Flatten {
    output: Array4<f32>,
    grad_input: Array4<f32>,
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
        LayerKind::Flatten.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        FlattenConfig.output_shape(input)
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
        crate::tensor::check_grad_output("flatten", grad_output.shape(), &expected)?;
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        copy_row_major(&grad_output, &mut self.grad_input);
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
