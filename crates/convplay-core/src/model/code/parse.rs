//! Reading the layer code, token by token (both grammars).

use super::{default_batch_norm, Bad, ACTIVATIONS, INITS, POOLS};
use crate::dropout::DropoutKind;
use crate::init::Init;
use crate::model::config::LayerConfig;
use crate::pool::PoolKind;
use crate::Padding;

/// The unparsed rest of a token.
struct Cursor<'a>(&'a str);

impl Cursor<'_> {
    fn tag(&mut self, t: &str) -> bool {
        match self.0.strip_prefix(t) {
            Some(rest) => {
                self.0 = rest;
                true
            }
            None => false,
        }
    }

    /// A number of 1 to 6 digits.
    fn number(&mut self) -> std::result::Result<usize, Bad> {
        let digits = self.0.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 {
            return Err(Bad::NotACode);
        }
        let (n, rest) = self.0.split_at(digits);
        self.0 = rest;
        n.parse().map_err(|_| Bad::NotACode)
    }

    /// A size (1 or more).
    fn size(&mut self) -> std::result::Result<usize, Bad> {
        match self.number()? {
            0 => Err(Bad::SizeZero),
            n => Ok(n),
        }
    }

    /// `{tag}{size}` if the tag is next.
    fn option(&mut self, tag: &str) -> std::result::Result<Option<usize>, Bad> {
        if self.tag(tag) {
            self.size().map(Some)
        } else {
            Ok(None)
        }
    }

    /// `v`, `s`, `f` or a number (after the `p`).
    fn padding_code(&mut self) -> std::result::Result<Padding, Bad> {
        for (t, p) in [("v", Padding::Valid), ("s", Padding::Same), ("f", Padding::Full)] {
            if self.tag(t) {
                return Ok(p);
            }
        }
        self.number().map(|n| Padding::Explicit { y: n, x: n })
    }

    fn padding(&mut self) -> std::result::Result<Padding, Bad> {
        if self.tag("p") {
            self.padding_code()
        } else {
            Ok(Padding::Valid)
        }
    }

    fn init(&mut self) -> std::result::Result<Init, Bad> {
        if !self.tag("i") {
            return Ok(Init::HeNormal);
        }
        let code: String = self.0.chars().take(2).collect();
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(Bad::NotACode);
        }
        self.0 = &self.0[2..];
        INITS.iter().find(|(c, _)| *c == code).map(|&(_, init)| init).ok_or(Bad::UnknownInit(code))
    }

    fn end<T>(&self, value: T) -> std::result::Result<T, Bad> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(Bad::NotACode)
        }
    }
}

/// One token of the code.
pub(super) fn token(t: &str) -> std::result::Result<LayerConfig, Bad> {
    if let Some(&(_, activation)) = ACTIVATIONS.iter().find(|(c, _)| *c == t) {
        return Ok(LayerConfig::Activation { activation });
    }
    match t {
        "bn" => return Ok(default_batch_norm()),
        "fl" => return Ok(LayerConfig::Flatten {}),
        _ => {}
    }
    let mut c = Cursor(t);
    if c.tag("c") {
        let out_channels = c.size()?;
        if !c.tag("k") {
            return Err(Bad::NotACode);
        }
        let kernel = c.size()?;
        let stride = c.option("s")?.unwrap_or(1);
        let dilation = c.option("d")?.unwrap_or(1);
        let padding = c.padding()?;
        let weight_init = c.init()?;
        return c.end(LayerConfig::Conv2d {
            out_channels,
            kernel,
            stride,
            padding,
            dilation,
            weight_init,
            bias_init: Init::Zeros,
        });
    }
    if let Some(&(_, pool)) = POOLS.iter().find(|(p, _)| c.tag(p)) {
        let size = c.size()?;
        let stride = c.option("s")?.filter(|&s| s != size);
        let dilation = c.option("d")?.unwrap_or(1);
        let padding = c.padding()?;
        let antialias = c.tag("b");
        return c.end(LayerConfig::Pool { pool, size, stride, padding, dilation, antialias });
    }
    if c.tag("do") {
        let percent = c.number()?;
        if percent > 99 {
            return Err(Bad::AllDropped);
        }
        return c.end(LayerConfig::Dropout { dropout: DropoutKind::Inverted { p: percent as f32 / 100.0 } });
    }
    if c.tag("d") {
        let out_features = c.size()?;
        let weight_init = c.init()?;
        return c.end(LayerConfig::Dense { out_features, weight_init, bias_init: Init::Zeros });
    }
    Err(Bad::NotACode)
}

/// One part of the receptive-field page's older code: `c{kernel}s{stride}d{dilation}p{padding}`
/// (a one-filter convolution) or `p{size}s{stride}d{dilation}p{padding}` (a max pool).
pub(super) fn legacy_token(t: &str) -> std::result::Result<LayerConfig, Bad> {
    let mut c = Cursor(t);
    let conv = if c.tag("c") {
        true
    } else if c.tag("p") {
        false
    } else {
        return Err(Bad::NotACode);
    };
    let kernel = c.size()?;
    let stride = c.option("s")?.ok_or(Bad::NotACode)?;
    let dilation = c.option("d")?.ok_or(Bad::NotACode)?;
    if !c.tag("p") {
        return Err(Bad::NotACode);
    }
    let padding = c.padding_code()?;
    c.end(if conv {
        LayerConfig::Conv2d {
            out_channels: 1,
            kernel,
            stride,
            padding,
            dilation,
            weight_init: Init::HeNormal,
            bias_init: Init::Zeros,
        }
    } else {
        let stride = Some(stride).filter(|&s| s != kernel);
        LayerConfig::Pool { pool: PoolKind::Max, size: kernel, stride, padding, dilation, antialias: false }
    })
}
