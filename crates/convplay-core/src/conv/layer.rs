//! The convolution layer of a CNN: learnable filters and biases, buffers kept for backward.

use ndarray::{Array4, ArrayD, ArrayView4, Ix4};
use serde::{Deserialize, Serialize};

use crate::conv::fast::{Grads, Workspace};
use crate::conv::{Conv2dGrads, Conv2dParams, ConvMode};
use crate::layer::{reuse_buffer, Layer, Mode, Param};
use crate::limits::MAX_CHANNELS;
use crate::{ensure_arg, ensure_shape, Error, Padding, Result, Rng};

/// Configuration of a [`Conv2d`] layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Conv2dConfig {
    /// Channels of the input volume.
    pub in_channels: usize,
    /// Number of filters (channels of the output volume).
    pub out_channels: usize,
    /// Kernel height and width.
    pub kernel: (usize, usize),
    /// Stride (rows, columns).
    #[serde(default = "one_one")]
    pub stride: (usize, usize),
    /// Zero padding.
    #[serde(default)]
    pub padding: Padding,
    /// Dilation (rows, columns).
    #[serde(default = "one_one")]
    pub dilation: (usize, usize),
}

fn one_one() -> (usize, usize) {
    (1, 1)
}

impl Conv2dConfig {
    /// Square kernel, stride 1, no padding.
    pub fn new(in_channels: usize, out_channels: usize, kernel: usize) -> Self {
        Conv2dConfig {
            in_channels,
            out_channels,
            kernel: (kernel, kernel),
            stride: (1, 1),
            padding: Padding::Valid,
            dilation: (1, 1),
        }
    }

    /// The cross-correlation parameters of this layer.
    pub fn params(&self) -> Conv2dParams {
        Conv2dParams {
            stride: self.stride,
            padding: self.padding,
            dilation: self.dilation,
            mode: ConvMode::CrossCorrelation,
        }
    }

    /// Learnable numbers: `out · (in · kh · kw + 1)` (weights shared across positions, one bias per filter).
    pub fn parameter_count(&self) -> u64 {
        crate::measure::counts::conv_parameters(
            self.in_channels as u64,
            self.out_channels as u64,
            self.kernel.0 as u64,
            self.kernel.1 as u64,
        )
    }

    /// **Errors** unless channels and filters are 1 to [`MAX_CHANNELS`], the kernel 1 to 64 per
    /// side, and stride, dilation and padding within the [`crate::limits`].
    pub fn validate(&self) -> Result<()> {
        const OP: &str = "conv2d";
        let Conv2dConfig { in_channels: c, out_channels: o, kernel: (kh, kw), .. } = *self;
        ensure_arg!(
            (1..=MAX_CHANNELS).contains(&c),
            OP,
            "inChannels",
            "must be 1 to {MAX_CHANNELS}, got {c}"
        );
        ensure_arg!(
            (1..=MAX_CHANNELS).contains(&o),
            OP,
            "outChannels",
            "must be 1 to {MAX_CHANNELS}, got {o}"
        );
        ensure_arg!(
            (1..=64).contains(&kh) && (1..=64).contains(&kw),
            OP,
            "kernel",
            "must be 1 to 64 on each side, got {kh}×{kw}"
        );
        self.params().window(kh, kw).validate(OP)
    }

    /// `[out_channels, out_h, out_w]` for an input of `[in_channels, h, w]` — the layer's one shape
    /// rule, shared by the built layer and a model's description.
    ///
    /// **Errors** if the configuration is invalid, the channels differ or the window does not fit.
    pub fn output_shape(&self, [c, h, w]: [usize; 3]) -> Result<[usize; 3]> {
        self.validate()?;
        let weight = [self.out_channels, self.in_channels, self.kernel.0, self.kernel.1];
        let g = self.params().geometry(&[1, c, h, w], &weight, None)?;
        Ok([self.out_channels, g.out_h, g.out_w])
    }

    /// A layer with zero weights and biases (fill them with an initializer).
    ///
    /// **Errors** as [`Conv2dConfig::validate`].
    pub fn init(&self) -> Result<Conv2d> {
        Conv2d::new(*self)
    }
}

/// A 2-D convolution layer (cross-correlation, as in every CNN framework).
#[derive(Debug, Clone)]
pub struct Conv2d {
    config: Conv2dConfig,
    params: Vec<Param>,
    work: Workspace,
    output: Array4<f32>,
    grads: Conv2dGrads,
    input_gradient: bool,
}

impl Conv2d {
    /// A layer with zero weights and biases (fill them with an initializer).
    ///
    /// **Errors** if a size is zero or too large.
    pub fn new(config: Conv2dConfig) -> Result<Self> {
        config.validate()?;
        let Conv2dConfig { in_channels: c, out_channels: o, kernel: (kh, kw), .. } = config;
        let weight = Param::new("weight", ArrayD::zeros(vec![o, c, kh, kw]), true);
        let bias = Param::new("bias", ArrayD::zeros(vec![o]), false);
        Ok(Conv2d {
            config,
            params: vec![weight, bias],
            work: Workspace::default(),
            output: Array4::zeros((0, 0, 0, 0)),
            grads: Conv2dGrads {
                input: Array4::zeros((0, 0, 0, 0)),
                weight: Array4::zeros((o, c, kh, kw)),
                bias: ndarray::Array1::zeros(o),
            },
            input_gradient: true,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Conv2dConfig {
        &self.config
    }

    /// The filters, `[out, in, kh, kw]`.
    pub fn weight(&self) -> ArrayView4<'_, f32> {
        self.params[0].value.view().into_dimensionality::<Ix4>().expect("weight is 4-D")
    }
}

impl Layer for Conv2d {
    fn kind(&self) -> &'static str {
        "conv2d"
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let p = self.config.params();
        let g = p.geometry(input.shape(), self.params[0].value.shape(), Some(self.config.out_channels))?;
        let (n, c, o) = (input.shape()[0], self.config.in_channels, self.config.out_channels);
        self.work.prepare(g, c, n); // keeps the im2col windows of the batch for backward
        reuse_buffer(&mut self.output, [n, o, g.out_h, g.out_w]);
        let x = input.as_standard_layout();
        self.work.forward(
            self.params[0].value.as_slice().expect("weight is contiguous"),
            Some(self.params[1].value.as_slice().expect("bias is contiguous")),
            x.as_slice().expect("standard layout"),
            self.output.as_slice_mut().expect("owned"),
        );
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        self.work.geometry().ok_or_else(|| Error::shape("conv2d", "backward called before forward"))?;
        ensure_shape!(
            grad_output.shape() == self.output.shape() && input.shape()[0] == self.output.shape()[0],
            "conv2d",
            "backward got shapes {:?} / {:?} that differ from the last forward",
            input.shape(),
            grad_output.shape()
        );
        let s = input.shape();
        reuse_buffer(&mut self.grads.input, [s[0], s[1], s[2], s[3]]);
        if !self.input_gradient {
            self.grads.input.as_slice_mut().expect("owned").fill(0.0);
        }
        let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
        let grads = Grads {
            weight: self.grads.weight.as_slice_mut().expect("contiguous"),
            bias: self.grads.bias.as_slice_mut().expect("contiguous"),
            input: self.input_gradient.then(|| self.grads.input.as_slice_mut().expect("owned")),
        };
        self.work.backward(
            self.params[0].value.as_slice().expect("contiguous"),
            x.as_slice().expect("standard layout"),
            dy.as_slice().expect("standard layout"),
            grads,
        );
        let (dw, db) =
            (self.grads.weight.as_slice().expect("owned"), self.grads.bias.as_slice().expect("owned"));
        self.params[0].grad.as_slice_mut().expect("contiguous").copy_from_slice(dw);
        self.params[1].grad.as_slice_mut().expect("contiguous").copy_from_slice(db);
        Ok(())
    }

    fn set_input_gradient(&mut self, needed: bool) {
        self.input_gradient = needed;
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grads.input.view()
    }

    fn params(&self) -> &[Param] {
        &self.params
    }

    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }
}
