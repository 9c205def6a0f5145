//! The "detector" stage: an element-wise non-linearity after each convolution or dense layer.
//!
//! ```text
//!  relu          leakyRelu (slope a)    tanh               sigmoid
//!      │  /          │  /                │   ___            │    ___
//!      │ /           │ /                 │  /               │  /
//!  ────┼/────    ────┼/────           ───┼─/───         ────┼─/─────
//!      │          __/│                 _/│              ___/│
//!  y = max(0,x)  y = x>0 ? x : a·x    y = tanh x         y = 1/(1+e^−x)
//!  y' = [x>0]    y' = x>0 ? 1 : a     y' = 1 − y²        y' = y(1 − y)
//! ```
//!
//! The derivative is expressed from the input `x` and/or the output `y`, whichever is cheaper, so
//! backward reuses the forward's output instead of recomputing `tanh` or `exp`.

use ndarray::{Array4, ArrayView4};
use serde::Serialize;

use crate::{ensure_arg, ensure_shape, Result};

mod layer;
pub use layer::{ActivationConfig, ActivationLayer};

const OP: &str = "activation";

/// An element-wise activation function.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Activation {
    /// `y = x` (no non-linearity: stacked linear layers collapse into one).
    Identity,
    /// `y = max(0, x)`; the derivative at exactly 0 is taken as 0.
    Relu,
    /// `y = x` for `x > 0`, else `slope · x`.
    LeakyRelu {
        /// Slope for negative inputs (typically 0.01); must be finite.
        slope: f32,
    },
    /// `y = tanh(x)`, in `(−1, 1)`.
    Tanh,
    /// `y = 1 / (1 + e^−x)`, in `(0, 1)`.
    Sigmoid,
}

strict_tagged!(Activation { Identity, Relu, Tanh, Sigmoid } { LeakyRelu { slope: f32 } });

impl Activation {
    /// Check the parameters.
    ///
    /// **Errors** if the leaky-ReLU `slope` is not finite.
    pub fn validate(&self) -> Result<()> {
        if let Activation::LeakyRelu { slope } = *self {
            ensure_arg!(slope.is_finite(), OP, "slope", "must be finite, got {slope}");
        }
        Ok(())
    }

    /// `"identity"`, `"relu"`, `"leakyRelu"`, `"tanh"` or `"sigmoid"` (as serialized).
    pub fn name(&self) -> &'static str {
        match self {
            Activation::Identity => "identity",
            Activation::Relu => "relu",
            Activation::LeakyRelu { .. } => "leakyRelu",
            Activation::Tanh => "tanh",
            Activation::Sigmoid => "sigmoid",
        }
    }

    /// `f(x)`.
    #[inline]
    pub fn apply(&self, x: f32) -> f32 {
        match *self {
            Activation::Identity => x,
            Activation::Relu => {
                if x > 0.0 {
                    x
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    x
                } else {
                    slope * x
                }
            }
            Activation::Tanh => x.tanh(),
            Activation::Sigmoid => sigmoid(x),
        }
    }

    /// `f'(x)`, given the input `x` and the output `y = f(x)` (tanh and sigmoid use only `y`;
    /// ReLU and leaky ReLU only `x`).
    #[inline]
    pub fn derivative(&self, x: f32, y: f32) -> f32 {
        match *self {
            Activation::Identity => 1.0,
            Activation::Relu => {
                if x > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu { slope } => {
                if x > 0.0 {
                    1.0
                } else {
                    slope
                }
            }
            Activation::Tanh => 1.0 - y * y,
            Activation::Sigmoid => y * (1.0 - y),
        }
    }

    /// `output[i] = f(input[i])`.
    ///
    /// **Errors** if the slices differ in length.
    pub fn forward_slice(&self, input: &[f32], output: &mut [f32]) -> Result<()> {
        ensure_shape!(
            input.len() == output.len(),
            OP,
            "input has {} values but output has {}",
            input.len(),
            output.len()
        );
        match *self {
            // The hot case gets its own loop: a compare and select the compiler vectorizes.
            Activation::Relu => {
                for (y, &x) in output.iter_mut().zip(input) {
                    *y = if x > 0.0 { x } else { 0.0 };
                }
            }
            act => {
                for (y, &x) in output.iter_mut().zip(input) {
                    *y = act.apply(x);
                }
            }
        }
        Ok(())
    }

    /// `grad_input[i] = grad_output[i] · f'(input[i])`, with `output` the forward's result.
    ///
    /// **Errors** if the slices differ in length.
    pub fn backward_slice(
        &self,
        input: &[f32],
        output: &[f32],
        grad_output: &[f32],
        grad_input: &mut [f32],
    ) -> Result<()> {
        let n = input.len();
        ensure_shape!(
            output.len() == n && grad_output.len() == n && grad_input.len() == n,
            OP,
            "input, output, gradient of the output and gradient of the input have {}, {}, {} and {} values",
            n,
            output.len(),
            grad_output.len(),
            grad_input.len()
        );
        if *self == Activation::Relu {
            for ((dx, &x), &dy) in grad_input.iter_mut().zip(input).zip(grad_output) {
                *dx = if x > 0.0 { dy } else { 0.0 };
            }
            return Ok(());
        }
        for (((dx, &x), &y), &dy) in grad_input.iter_mut().zip(input).zip(output).zip(grad_output) {
            *dx = dy * self.derivative(x, y);
        }
        Ok(())
    }
}

/// The logistic function `1 / (1 + e^−x)`, stable for large `|x|` (never computes `e^{+large}`).
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Apply `activation` element-wise.
///
/// # Shapes
/// `[batch, channels, height, width]` → the same.
///
/// **Errors** if the activation's parameters are invalid.
pub fn activate(activation: Activation, input: ArrayView4<f32>) -> Result<Array4<f32>> {
    activation.validate()?;
    Ok(input.mapv(|x| activation.apply(x)))
}

/// ∂loss/∂input of [`activate`]: `grad_output · f'(input)`.
///
/// # Shapes
/// `input` and `grad_output` `[N, C, H, W]` (equal) → `[N, C, H, W]`.
///
/// **Errors** if the parameters are invalid or the two shapes differ.
pub fn activate_backward(
    activation: Activation,
    input: ArrayView4<f32>,
    grad_output: ArrayView4<f32>,
) -> Result<Array4<f32>> {
    activation.validate()?;
    crate::tensor::check_grad_output(OP, grad_output.shape(), input.shape())?;
    let mut dx = grad_output.to_owned();
    ndarray::Zip::from(&mut dx)
        .and(&input)
        .for_each(|d, &x| *d *= activation.derivative(x, activation.apply(x)));
    Ok(dx)
}
