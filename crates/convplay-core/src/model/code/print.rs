//! Writing the layer code: one token per layer, defaults left out.

use super::{default_batch_norm, ACTIVATIONS, INITS, POOLS};
use crate::dropout::DropoutKind;
use crate::init::Init;
use crate::model::config::LayerConfig;
use crate::pool::PoolKind;
use crate::Padding;

/// The token of one layer, or why it has none.
pub(super) fn print_layer(lc: &LayerConfig) -> std::result::Result<String, String> {
    let opt =
        |tag: &str, v: usize, default: usize| if v == default { String::new() } else { format!("{tag}{v}") };
    match *lc {
        LayerConfig::Conv2d { out_channels, kernel, stride, padding, dilation, weight_init, bias_init } => {
            zero_bias(bias_init)?;
            Ok(format!(
                "c{out_channels}k{kernel}{}{}{}{}",
                opt("s", stride, 1),
                opt("d", dilation, 1),
                print_padding(padding)?,
                print_init(weight_init)?
            ))
        }
        LayerConfig::Pool { pool, size, stride, padding, dilation, antialias } => {
            let (code, _) = POOLS.iter().find(|(_, p)| *p == pool).ok_or_else(|| match pool {
                PoolKind::Gaussian { sigma } => format!("Gaussian pooling is written for σ = 1, not {sigma}"),
                other => format!("{other:?} pooling has no code"),
            })?;
            Ok(format!(
                "{code}{size}{}{}{}{}",
                opt("s", stride.unwrap_or(size), size),
                opt("d", dilation, 1),
                print_padding(padding)?,
                if antialias { "b" } else { "" }
            ))
        }
        LayerConfig::Activation { activation } => {
            ACTIVATIONS.iter().find(|(_, a)| *a == activation).map(|(c, _)| c.to_string()).ok_or_else(|| {
                format!("the activation {activation:?} has no code (leaky ReLU: slope 0.01 only)")
            })
        }
        LayerConfig::BatchNorm { .. } if *lc == default_batch_norm() => Ok("bn".into()),
        LayerConfig::BatchNorm { .. } => Err("only batch norm with its default settings has a code".into()),
        LayerConfig::Dropout { dropout: DropoutKind::Inverted { p } } => {
            let percent = (p * 100.0).round();
            if (0.0..=99.0).contains(&percent) && percent / 100.0 == p {
                Ok(format!("do{percent}"))
            } else {
                Err(format!("dropout p = {p} is not a whole percentage below 100"))
            }
        }
        LayerConfig::Dropout { .. } => Err("only inverted dropout has a code".into()),
        LayerConfig::Flatten {} => Ok("fl".into()),
        LayerConfig::Dense { out_features, weight_init, bias_init } => {
            zero_bias(bias_init)?;
            Ok(format!("d{out_features}{}", print_init(weight_init)?))
        }
    }
}

fn print_padding(padding: Padding) -> std::result::Result<String, String> {
    Ok(match padding {
        Padding::Valid => String::new(),
        Padding::Same => "ps".into(),
        Padding::Full => "pf".into(),
        Padding::Explicit { y, x } if y == x => format!("p{y}"),
        Padding::Explicit { y, x } => return Err(format!("padding {y}×{x} differs between the axes")),
    })
}

fn print_init(init: Init) -> std::result::Result<String, String> {
    match INITS.iter().find(|(_, i)| *i == init) {
        Some((_, Init::HeNormal)) => Ok(String::new()),
        Some((code, _)) => Ok(format!("i{code}")),
        None => Err(format!("the weight initializer {init:?} has no code")),
    }
}

fn zero_bias(init: Init) -> std::result::Result<(), String> {
    if init == Init::Zeros {
        Ok(())
    } else {
        Err(format!("biases start at zero in a layer code, not {init:?}"))
    }
}
