//! The pooling layer: [`Pool2d`], with max pooling's argmax "switches" kept for a cheap backward.

use ndarray::{Array4, ArrayView4};

use super::window::{max_tiles, tiles, Pooler};
use super::{Pool2dConfig, PoolKind, NO_SWITCH, OP};
use crate::layer::{reuse_buffer, Layer, LayerKind, Mode};
use crate::{ensure_arg, ensure_shape, Error, Geometry2d, Result, Rng};

/// A pooling layer (kind `"pool"`). Max pooling remembers its argmax "switches".
#[derive(Debug, Clone)]
pub struct Pool2d {
    config: Pool2dConfig,
    pooler: Pooler,
    geometry: Option<Geometry2d>,
    switches: Vec<u32>,
    output: Array4<f32>,
    grad_input: Array4<f32>,
}

impl Pool2d {
    /// A pooling layer.
    ///
    /// **Errors** if `sigma` is invalid, a kernel side is not 1 to 64, or stride, dilation or
    /// padding is out of range.
    pub fn new(config: Pool2dConfig) -> Result<Self> {
        config.validate_layer()?;
        Ok(Pool2d {
            config,
            pooler: Pooler::new(config.kind, config.window.kernel),
            geometry: None,
            switches: Vec::new(),
            output: Array4::zeros((0, 0, 0, 0)),
            grad_input: Array4::zeros((0, 0, 0, 0)),
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Pool2dConfig {
        &self.config
    }

    /// Max pooling: for each output of the last forward (flat, NCHW order), the flat NCHW index of
    /// the input cell it copied, or [`NO_SWITCH`] for an all-padding window. Empty for other kinds.
    pub fn switches(&self) -> &[u32] {
        &self.switches
    }
}

impl Layer for Pool2d {
    fn kind(&self) -> &'static str {
        LayerKind::Pool.name()
    }

    fn output_shape(&self, input: [usize; 3]) -> Result<[usize; 3]> {
        self.config.output_shape(input)
    }

    fn forward(&mut self, input: ArrayView4<f32>, _mode: Mode, _rng: &mut Rng) -> Result<()> {
        let g = self.config.geometry(input.shape())?;
        ensure_arg!(
            input.len() < NO_SWITCH as usize,
            OP,
            "input",
            "has {} values, more than pooling indexes",
            input.len()
        );
        let (n, c) = (input.shape()[0], input.shape()[1]);
        reuse_buffer(&mut self.output, [n, c, g.out_h, g.out_w]);
        let is_max = self.config.kind == PoolKind::Max;
        self.switches.clear();
        if is_max {
            self.switches.resize(self.output.len(), NO_SWITCH);
        }
        let x = input.as_standard_layout();
        let (plane_len, out_len) = (g.in_h * g.in_w, g.out_len());
        let planes = x.as_slice().expect("standard").chunks_exact(plane_len);
        let outs = self.output.as_slice_mut().expect("owned").chunks_exact_mut(out_len);
        let fast = is_max && tiles(&g);
        for (p, (plane, o)) in planes.zip(outs).enumerate() {
            let sw = if is_max { Some(&mut self.switches[p * out_len..(p + 1) * out_len]) } else { None };
            match sw {
                Some(sw) if fast => max_tiles(&g, plane, o, sw, p * plane_len),
                sw => self.pooler.forward_plane(&g, plane, o, sw, p * plane_len),
            }
        }
        self.geometry = Some(g);
        Ok(())
    }

    fn output(&self) -> ArrayView4<'_, f32> {
        self.output.view()
    }

    fn backward(&mut self, input: ArrayView4<f32>, grad_output: ArrayView4<f32>) -> Result<()> {
        let g = self.geometry.ok_or_else(|| Error::shape(OP, "backward called before forward"))?;
        let s = input.shape();
        ensure_shape!(
            grad_output.shape() == self.output.shape()
                && s[..2] == self.output.shape()[..2]
                && s[2..] == [g.in_h, g.in_w],
            OP,
            "backward got shapes {:?} / {:?} that differ from the last forward",
            s,
            grad_output.shape()
        );
        reuse_buffer(&mut self.grad_input, [s[0], s[1], s[2], s[3]]);
        self.grad_input.as_slice_mut().expect("owned").fill(0.0);
        let dx = self.grad_input.as_slice_mut().expect("owned");
        if self.config.kind == PoolKind::Max {
            for (&sw, &d) in self.switches.iter().zip(grad_output.iter()) {
                if sw != NO_SWITCH {
                    dx[sw as usize] += d;
                }
            }
            return Ok(());
        }
        let (x, dy) = (input.as_standard_layout(), grad_output.as_standard_layout());
        let (plane_len, out_len) = (g.in_h * g.in_w, g.out_len());
        let planes = x.as_slice().expect("standard").chunks_exact(plane_len);
        let outs = self.output.as_slice().expect("owned").chunks_exact(out_len);
        let dys = dy.as_slice().expect("standard").chunks_exact(out_len);
        for (((plane, o), d), dxp) in planes.zip(outs).zip(dys).zip(dx.chunks_exact_mut(plane_len)) {
            self.pooler.backward_plane(&g, plane, Some(o), d, dxp);
        }
        Ok(())
    }

    fn grad_input(&self) -> ArrayView4<'_, f32> {
        self.grad_input.view()
    }
}
