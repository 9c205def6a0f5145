//! The activation layer: an [`Activation`] applied element-wise, built from an [`ActivationConfig`].

use ndarray::{Array4, ArrayView4};
use serde::{Deserialize, Serialize};

use super::Activation;
use crate::layer::{reuse_buffer, Layer, LayerKind, Mode};
use crate::{ensure_shape, Result, Rng};

/// Configuration of an [`ActivationLayer`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivationConfig {
    /// The function.
    pub activation: Activation,
}

impl ActivationConfig {
    /// A layer applying `activation`.
    pub fn new(activation: Activation) -> Self {
        ActivationConfig { activation }
    }

    /// The output shape (the input's), after checking the function's parameters.
    ///
    /// **Errors** if the leaky-ReLU slope is not finite.
    pub fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.activation.validate()?;
        Ok(input)
    }

    /// Learnable numbers: none.
    pub fn parameter_count(&self) -> usize {
        0
    }

    /// Build the layer.
    ///
    /// **Errors** if the activation's parameters are invalid.
    pub fn init(&self) -> Result<ActivationLayer> {
        self.activation.validate()?;
        Ok(ActivationLayer {
            config: *self,
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
        })
    }
}

/// An activation layer (kind `"activation"`).
#[derive(Debug, Clone)]
pub struct ActivationLayer {
    config: ActivationConfig,
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl ActivationLayer {
    /// The function.
    pub fn activation(&self) -> Activation {
        self.config.activation
    }
}

impl Layer for ActivationLayer {
    fn kind(&self) -> &'static str {
        LayerKind::Activation.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let s = input.shape();
        reuse_buffer(&mut self.output, [s[0], s[1], s[2], s[3]]);
        let x = input.as_standard_layout();
        let y = self.output.as_slice_mut().expect("owned");
        self.config.activation.forward_slice(x.as_slice().expect("standard layout"), y)
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let activation = self.config.activation;
        ensure_shape!(
            input.shape() == self.output.shape() && grad_output.shape() == self.output.shape(),
            activation.name(),
            "backward got shapes {:?} / {:?} but the last forward produced {:?}",
            input.shape(),
            grad_output.shape(),
            self.output.shape()
        );
        let s = input.shape();
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
        activation.backward_slice(
            x.as_slice().expect("standard layout"),
            self.output.as_slice().expect("owned"),
            dy.as_slice().expect("standard layout"),
            self.grad_input.as_slice_mut().expect("owned"),
        )
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
