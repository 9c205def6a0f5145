//! Weight initialization: the lecture's schemes and the variance each one gives a weight.
//!
//! With `n = n_in` inputs to a unit, `Var(Σ wᵢxᵢ) = n·Var(w)·E[x²]` (independent zero-mean
//! weights; `= n·Var(w)·Var(x)` when the inputs are zero-mean too, the lecture's form), so keeping
//! the activation variance constant through a layer asks for `n_in·Var(w) = 1` (LeCun et al.
//! 1998: the lecture's "divide by √n"), `n_in·Var(w) = 2` with ReLU (He et al. 2015, "Delving
//! Deep into Rectifiers"). The backward pass asks for `n_out·Var(w) = 1`; Xavier (Glorot & Bengio
//! 2010, "Understanding the difficulty of training deep feedforward neural networks") takes the
//! compromise `Var(w) = 2/(n_in + n_out)`, so `n_in·Var(w) = 2·n_in/(n_in + n_out)` (1.85 for a
//! 784→64 layer) and only a square layer gets 1. The old "standard" `U[−1/√n, 1/√n]` gives
//! `n·Var(w) = 1/3`, which shrinks the signal layer by layer. [`Init::scheme`] gives these numbers
//! for given fans.
//!
//! A uniform `U[−r, r]` has variance `r²/3`, so each uniform scheme uses `r = √(3·Var)`.

use ndarray::ArrayD;
use serde::Serialize;

use crate::{ensure_arg, Error, Param, Result, Rng};

mod scheme;
pub use scheme::{Family, Keeps, Scheme};

const OP: &str = "init";

/// How to fill a weight tensor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Init {
    /// All zeros (biases; for weights it leaves every unit identical).
    Zeros,
    /// All equal to `value`.
    Constant {
        /// The value.
        value: f32,
    },
    /// `N(0, std²)`.
    Normal {
        /// Standard deviation.
        std: f32,
    },
    /// `U[−r, r]`, variance `r²/3`.
    Uniform {
        /// Half-width.
        r: f32,
    },
    /// `U[−1/√n, 1/√n]` with `n = fan_in`: `Var(w) = 1/(3n)`.
    Standard,
    /// Glorot normal: std `√(2/(n_in + n_out))`.
    XavierNormal,
    /// Glorot uniform: `r = √(6/(n_in + n_out))`, variance `2/(n_in + n_out)`.
    XavierUniform,
    /// He normal: std `√(2/n_in)`.
    HeNormal,
    /// He uniform: `r = √(6/n_in)`, variance `2/n_in`.
    HeUniform,
    /// LeCun normal: std `√(1/n_in)`.
    LecunNormal,
    /// LeCun uniform: `r = √(3/n_in)`, variance `1/n_in`.
    LecunUniform,
}

strict_tagged!(
    Init { Zeros, Standard, XavierNormal, XavierUniform, HeNormal, HeUniform, LecunNormal, LecunUniform }
    { Constant { value: f32 }, Normal { std: f32 }, Uniform { r: f32 } }
);

/// The noise a scheme draws from, resolved for given fans.
enum Noise {
    Constant(f32),
    Normal(f32),
    Uniform(f32),
}

/// `(fan_in, fan_out)` of a weight shape.
///
/// Dense `[out, in]` → `(in, out)`; convolution OIHW `[o, i, kh, kw]` → `(i·kh·kw, o·kh·kw)`
/// (every output sees `i·kh·kw` inputs; every input feeds `o·kh·kw` outputs).
///
/// **Errors** for other ranks and for zero dimensions.
pub fn fans(shape: &[usize]) -> Result<(usize, usize)> {
    ensure_arg!(shape.iter().all(|&d| d >= 1), OP, "shape", "has a zero dimension: {shape:?}");
    let overflow = || Error::arg(OP, "shape", format!("{shape:?} is too large"));
    match *shape {
        [out, inp] => Ok((inp, out)),
        [o, i, kh, kw] => {
            let k = kh.checked_mul(kw).ok_or_else(overflow)?;
            Ok((i.checked_mul(k).ok_or_else(overflow)?, o.checked_mul(k).ok_or_else(overflow)?))
        }
        _ => Err(Error::arg(
            OP,
            "shape",
            format!("must be a dense [out, in] or convolution [o, i, kh, kw] weight, got {shape:?}"),
        )),
    }
}

impl Init {
    /// Whether the scheme depends on `fan_in` / `fan_out` (all but zeros, constant, normal, uniform).
    pub fn needs_fans(&self) -> bool {
        !matches!(self, Init::Zeros | Init::Constant { .. } | Init::Normal { .. } | Init::Uniform { .. })
    }

    /// **Errors** unless `value` is finite and `std`, `r` are finite and `≥ 0`.
    pub fn validate(&self) -> Result<()> {
        match *self {
            Init::Constant { value } => {
                ensure_arg!(value.is_finite(), OP, "value", "must be finite, got {value}")
            }
            Init::Normal { std } => {
                ensure_arg!(std >= 0.0 && std.is_finite(), OP, "std", "must be ≥ 0 and finite, got {std}")
            }
            Init::Uniform { r } => {
                ensure_arg!(r >= 0.0 && r.is_finite(), OP, "r", "must be ≥ 0 and finite, got {r}")
            }
            _ => {}
        }
        Ok(())
    }

    /// The theoretical `Var(w)` for the given fans (`r²/3` for uniforms, `std²` for normals, 0 for
    /// constants). Infinite when a fan the scheme divides by is zero.
    pub fn variance(&self, fan_in: usize, fan_out: usize) -> f32 {
        self.variance_f64(fan_in, fan_out) as f32
    }

    /// [`Init::variance`] in `f64`.
    fn variance_f64(&self, fan_in: usize, fan_out: usize) -> f64 {
        let (n_in, n_sum) = (fan_in as f64, fan_in as f64 + fan_out as f64);
        match *self {
            Init::Zeros | Init::Constant { .. } => 0.0,
            Init::Normal { std } => (std as f64).powi(2),
            Init::Uniform { r } => (r as f64).powi(2) / 3.0,
            Init::Standard => 1.0 / (3.0 * n_in),
            Init::XavierNormal | Init::XavierUniform => 2.0 / n_sum,
            Init::HeNormal | Init::HeUniform => 2.0 / n_in,
            Init::LecunNormal | Init::LecunUniform => 1.0 / n_in,
        }
    }

    /// **Errors** when the scheme is invalid, or needs fans and `fan_in` (Xavier: `fan_in + fan_out`)
    /// is zero.
    fn check_fans(&self, fan_in: usize, fan_out: usize) -> Result<()> {
        self.validate()?;
        if self.needs_fans() {
            let n = match self {
                Init::XavierNormal | Init::XavierUniform => fan_in.saturating_add(fan_out),
                _ => fan_in,
            };
            ensure_arg!(
                n >= 1,
                OP,
                "fanIn",
                "must be at least 1 for {self:?}, got fan_in {fan_in}, fan_out {fan_out}"
            );
        }
        Ok(())
    }

    fn noise(&self, fan_in: usize, fan_out: usize) -> Noise {
        let var = self.variance(fan_in, fan_out);
        match *self {
            Init::Zeros => Noise::Constant(0.0),
            Init::Constant { value } => Noise::Constant(value),
            Init::Normal { std } => Noise::Normal(std),
            Init::Uniform { r } => Noise::Uniform(r),
            Init::XavierNormal | Init::HeNormal | Init::LecunNormal => Noise::Normal(var.sqrt()),
            Init::Standard | Init::XavierUniform | Init::HeUniform | Init::LecunUniform => {
                Noise::Uniform((3.0 * var).sqrt())
            }
        }
    }

    /// Fill `values` with independent draws of this scheme.
    ///
    /// # Shapes
    /// `values` may have any shape; the fans are given (see [`fans`]).
    ///
    /// **Errors** when the scheme is invalid, or needs fans and `fan_in` (Xavier: `fan_in + fan_out`)
    /// is zero.
    pub fn fill(&self, values: &mut ArrayD<f32>, fan_in: usize, fan_out: usize, rng: &mut Rng) -> Result<()> {
        self.check_fans(fan_in, fan_out)?;
        match self.noise(fan_in, fan_out) {
            Noise::Constant(c) => values.fill(c),
            Noise::Normal(std) => values.map_inplace(|w| *w = std * rng.normal()),
            Noise::Uniform(r) => values.map_inplace(|w| *w = rng.uniform_range(-r, r)),
        }
        Ok(())
    }
}

/// Initialize `param.value` with `init`, taking the fans from its shape (see [`fans`]).
///
/// A parameter that is not a dense or convolution weight (a 1-D bias, γ, β) accepts only the
/// schemes that need no fans: zeros, constant, normal, uniform.
///
/// **Errors** when the scheme is invalid or needs fans the parameter's shape does not have.
pub fn init_param(param: &mut Param, init: &Init, rng: &mut Rng) -> Result<()> {
    let (fan_in, fan_out) = match fans(param.value.shape()) {
        Ok(f) => f,
        Err(_) if !init.needs_fans() => (0, 0),
        Err(_) => {
            return Err(Error::arg(
                OP,
                "init",
                format!(
                    "{init:?} needs fan-in and fan-out, which parameter {:?} of shape {:?} does not have",
                    param.name,
                    param.value.shape()
                ),
            ))
        }
    };
    init.fill(&mut param.value, fan_in, fan_out, rng)
}

/// A fresh weight tensor drawn from a scheme, with the numbers the lecture puts next to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Draw {
    /// The weights, row-major in the given shape.
    pub values: Vec<f32>,
    /// Inputs of one unit (see [`fans`]).
    pub fan_in: usize,
    /// Outputs one input feeds.
    pub fan_out: usize,
    /// The scheme's `Var(w)` for these fans ([`Init::variance`]).
    pub variance: f32,
    /// `n·Var(w)` with `n = fan_in`: 1 for LeCun, 2 for He, 1/3 for the old standard scheme.
    pub fan_in_times_variance: f32,
    /// `Var(w)` of the drawn values (population variance).
    pub measured_variance: f32,
    /// `n·Var(w)` of the drawn values.
    pub measured_fan_in_times_variance: f32,
}

/// Draw a weight tensor of `shape` (dense `[out, in]` or convolution `[o, i, kh, kw]`) from
/// `init` with a generator seeded by `seed`.
///
/// **Errors** if the scheme is invalid, or the shape is not a weight shape or holds more than
/// [`crate::limits::MAX_PARAMETERS`] values (a layer's weight of a model the core would build).
pub fn draw(init: &Init, shape: &[usize], seed: u64) -> Result<Draw> {
    init.validate()?;
    let (fan_in, fan_out) = fans(shape)?;
    crate::limits::shape_values("initWeights", "shape", shape, crate::limits::MAX_PARAMETERS)?;
    let mut values = ArrayD::zeros(shape);
    init.fill(&mut values, fan_in, fan_out, &mut Rng::new(seed))?;
    let variance = init.variance(fan_in, fan_out);
    let values = values.into_raw_vec_and_offset().0;
    let measured_variance = crate::measure::stats::summarize(&values).variance;
    Ok(Draw {
        values,
        fan_in,
        fan_out,
        variance,
        fan_in_times_variance: fan_in as f32 * variance,
        measured_variance,
        measured_fan_in_times_variance: fan_in as f32 * measured_variance,
    })
}
