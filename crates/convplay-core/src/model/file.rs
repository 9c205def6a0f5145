//! Saving and loading a trained model: architecture and weights in one file.
//!
//! ```text
//! offset  size       field
//! 0       8          ASCII "CPMODEL1"
//! 8       4  u32 LE  length L of the JSON header
//! 12      L          UTF-8 JSON: { "config": ModelConfig,
//!                                  "tensors": [ { "layer": 0, "name": "weight", "shape": [6, 1, 5, 5] }, … ] }
//! 12+L    …          the tensors' values, f32 little-endian, in header order, row-major
//! ```
//! `tensors` lists every layer's parameters (`weight`, `bias`, `gamma`, `beta`) and buffers
//! (`runningMean`, `runningVar`) in layer order. Loading rebuilds the model from `config` and
//! checks every tensor's layer, name and shape before any value is used, so a file that does not
//! match is rejected whole.

use serde::{Deserialize, Serialize};

use crate::model::config::ModelConfig;
use crate::model::Model;
use crate::{limits, Error, Result};

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"CPMODEL1";
/// What its format errors say they were reading.
const WHAT: &str = "model file";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    config: ModelConfig,
    tensors: Vec<TensorEntry>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TensorEntry {
    layer: usize,
    name: String,
    shape: Vec<usize>,
}

/// Every tensor of `model` as (entry, values), in file order.
fn tensors(model: &Model) -> Vec<(TensorEntry, Vec<f32>)> {
    let mut out = Vec::new();
    for (i, layer) in model.layers().iter().enumerate() {
        for p in layer.params() {
            let values = p.value.iter().copied().collect();
            out.push((
                TensorEntry { layer: i, name: p.name.to_string(), shape: p.value.shape().to_vec() },
                values,
            ));
        }
        for (name, values) in layer.buffers() {
            out.push((
                TensorEntry { layer: i, name: name.to_string(), shape: vec![values.len()] },
                values.to_vec(),
            ));
        }
    }
    out
}

/// Serialize `model` (architecture and every weight) into the documented format.
pub fn save_model(model: &Model) -> Result<Vec<u8>> {
    let (entries, values): (Vec<_>, Vec<_>) = tensors(model).into_iter().unzip();
    let header = serde_json::to_vec(&Header { config: model.config().clone(), tensors: entries })
        .map_err(|e| Error::format(WHAT, format!("could not encode the header: {e}")))?;
    let n: usize = values.iter().map(Vec::len).sum();
    let mut bytes = Vec::with_capacity(12 + header.len() + 4 * n);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&header);
    for v in values.iter().flatten() {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    Ok(bytes)
}

/// Rebuild a model from bytes written by [`save_model`].
///
/// **Errors** with [`Error::Format`] naming what does not match: magic, header, a tensor's layer,
/// name or shape, the file length, or a non-finite value; with [`Error::Limit`] for a file above
/// [`limits::MAX_FILE_BYTES`]. The architecture is checked against the model limits (parameters,
/// input and layer sizes) before any weight is allocated.
pub fn load_model(bytes: &[u8]) -> Result<Model> {
    limits::file_bytes(WHAT, bytes.len())?;
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(Error::format(WHAT, "this is not a ConvPlay model file (missing \"CPMODEL1\" header)"));
    }
    let len = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
    let body = bytes
        .get(12..12usize.saturating_add(len))
        .ok_or_else(|| Error::format(WHAT, "the header is truncated"))?;
    // Read as text, like every other configuration, so the JSON reader is compiled once.
    let text = std::str::from_utf8(body)
        .map_err(|e| Error::format(WHAT, format!("the header is not valid: it is not UTF-8 text ({e})")))?;
    let header: Header = serde_json::from_str(text)
        .map_err(|e| Error::format(WHAT, format!("the header is not valid: {e}")))?;
    let mut model = Model::new(header.config)
        .map_err(|e| Error::format(WHAT, format!("its architecture is invalid: {e}")))?;
    let expected: Vec<TensorEntry> = tensors(&model).into_iter().map(|(e, _)| e).collect();
    if header.tensors != expected {
        return Err(Error::format(
            WHAT,
            format!(
                "its tensors do not match the architecture (expected {} tensors: {})",
                expected.len(),
                expected
                    .iter()
                    .map(|e| format!("layer {} {} {:?}", e.layer, e.name, e.shape))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let data = &bytes[12 + len..];
    let total: usize = expected.iter().map(|e| e.shape.iter().product::<usize>()).sum();
    if data.len() != 4 * total {
        return Err(Error::format(
            WHAT,
            format!("expected {} bytes of weights, found {}", 4 * total, data.len()),
        ));
    }
    let mut values = data.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    if !data.chunks_exact(4).all(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]).is_finite()) {
        return Err(Error::format(WHAT, "it contains NaN or infinite weights"));
    }
    for layer in model.layers_mut() {
        for p in layer.params_mut() {
            p.value.iter_mut().for_each(|v| *v = values.next().unwrap_or(0.0));
        }
        let names: Vec<(&'static str, usize)> = layer.buffers().iter().map(|(n, v)| (*n, v.len())).collect();
        for (name, n) in names {
            let buf: Vec<f32> = values.by_ref().take(n).collect();
            layer.set_buffer(name, &buf)?;
        }
    }
    Ok(model)
}
