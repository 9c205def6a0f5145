//! What a grouped convolution costs: parameters and multiplications from standard through grouped
//! to depthwise, the 1×1 pointwise convolution, and the depthwise-separable pair.
//!
//! For `C` input channels, `F` filters of `kh × kw`, `g` groups and an `H_out × W_out` output:
//!
//! ```text
//! weights          F · (C/g) · kh · kw        (+ F biases)
//! multiplications  H_out · W_out · F · (C/g) · kh · kw      per image
//!
//! standard     g = 1              C · F · k²
//! depthwise    g = C, F = C       C · k²        (each channel its own k × k filter)
//! pointwise    1 × 1, C → F       C · F
//! separable    depthwise + pointwise            C · k² + C · F
//!
//! separable / standard = (C·k² + C·F) / (C·F·k²) = 1/F + 1/k²   (weights and multiplications)
//! ```
//!
//! e.g. `C = 4, F = 8, k = 3`: standard 288 weights, depthwise 36, pointwise 32, separable 68,
//! 68 / 288 = 1/8 + 1/9 ≈ 0.236. The pointwise step runs on the depthwise output, so both steps
//! and the standard convolution share `H_out × W_out` and the multiplications keep the ratio.

use serde::{Deserialize, Serialize};

use crate::conv::grouped::{group_sizes, valid_groups};
use crate::conv::Conv2dParams;
use crate::geometry::one_or_two;
use crate::limits::{self, product, wide};
use crate::Result;

const OP: &str = "convolutionCounts";

/// The convolution whose costs are counted: `{ channels, filters, kernel, height, width, groups,
/// bias? }` (kernel a number or `[rows, columns]`; `bias` defaults to true; unknown keys are errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CountsSpec {
    /// Input channels `C`.
    pub channels: usize,
    /// Filters `F` (output channels).
    pub filters: usize,
    /// Kernel size `kh × kw`.
    #[serde(deserialize_with = "one_or_two")]
    pub kernel: (usize, usize),
    /// Input height.
    pub height: usize,
    /// Input width.
    pub width: usize,
    /// Groups `g` (divides `C` and `F`).
    pub groups: usize,
    /// Whether each filter has a bias.
    #[serde(default = "yes")]
    pub bias: bool,
}

fn yes() -> bool {
    true
}

/// The cost of one convolution, per image.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cost {
    /// Filters of this convolution.
    pub filters: u64,
    /// Channels each filter reads.
    pub channels_per_filter: u64,
    /// Kernel weights: filters · channels per filter · kh · kw.
    pub weights: u64,
    /// Biases (one per filter, or none).
    pub biases: u64,
    /// Weights + biases.
    pub parameters: u64,
    /// Multiplications for one image: H_out · W_out · weights.
    pub multiplications: u64,
}

/// Cost ratios of the depthwise-separable pair against the standard convolution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ratio {
    /// separable weights / standard weights.
    pub weights: f64,
    /// separable parameters / standard parameters (biases included).
    pub parameters: f64,
    /// separable multiplications / standard multiplications.
    pub multiplications: f64,
    /// `1/F + 1/(kh·kw)`, which the weight and multiplication ratios equal.
    pub formula: f64,
}

/// Which input channels one filter reads: channels `first .. first + count` (its group's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterReads {
    /// The filter.
    pub filter: usize,
    /// Its group.
    pub group: usize,
    /// The first channel it reads.
    pub first: usize,
    /// How many channels it reads (`C/g`).
    pub count: usize,
}

/// [`convolution_counts`]'s result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConvolutionCounts {
    /// Output height.
    pub out_h: usize,
    /// Output width.
    pub out_w: usize,
    /// The groups counted.
    pub groups: usize,
    /// Channels per group `C/g`.
    pub channels_per_group: usize,
    /// Filters per group `F/g`.
    pub filters_per_group: usize,
    /// Every valid group count (common divisors of `C` and `F`), for a slider.
    pub valid_groups: Vec<usize>,
    /// The convolution at `groups`.
    pub grouped: Cost,
    /// The same convolution with `g = 1`.
    pub standard: Cost,
    /// `C` filters, one per channel (`g = C`, multiplier 1).
    pub depthwise: Cost,
    /// 1 × 1 standard convolution, `C → F`, on the depthwise output.
    pub pointwise: Cost,
    /// Depthwise + pointwise.
    pub separable: Cost,
    /// Separable against standard.
    pub ratio: Ratio,
    /// For each filter at `groups`, the channels it reads.
    pub reads: Vec<FilterReads>,
}

fn cost(filters: usize, per_filter: usize, taps: u64, positions: u64, bias: bool) -> Cost {
    let weights = product(&[wide(filters), wide(per_filter), taps]);
    let biases = if bias { wide(filters) } else { 0 };
    Cost {
        filters: wide(filters),
        channels_per_filter: wide(per_filter),
        weights,
        biases,
        parameters: weights.saturating_add(biases),
        multiplications: product(&[positions, weights]),
    }
}

fn sum(a: Cost, b: Cost) -> Cost {
    Cost {
        filters: a.filters + b.filters,
        channels_per_filter: 0,
        weights: a.weights.saturating_add(b.weights),
        biases: a.biases + b.biases,
        parameters: a.parameters.saturating_add(b.parameters),
        multiplications: a.multiplications.saturating_add(b.multiplications),
    }
}

/// The costs of a convolution of `spec` with `params` (stride, padding, dilation) at its groups,
/// and of its standard, depthwise, pointwise and depthwise-separable versions.
///
/// **Errors** if the groups do not divide `C` and `F`, a count is above [`limits::MAX_CHANNELS`],
/// or the kernel does not fit the (padded) input.
pub fn convolution_counts(spec: &CountsSpec, params: &Conv2dParams) -> Result<ConvolutionCounts> {
    let (c, f, g) = (spec.channels, spec.filters, spec.groups);
    limits::at_most(OP, "channels", wide(c), limits::MAX_CHANNELS)?;
    limits::at_most(OP, "filters", wide(f), limits::MAX_CHANNELS)?;
    let (cg, fg) = group_sizes(OP, c, f, g)?;
    let geo = params.window(spec.kernel.0, spec.kernel.1).resolve(OP, spec.height, spec.width)?;
    let positions = product(&[wide(geo.out_h), wide(geo.out_w)]);
    let taps = product(&[wide(spec.kernel.0), wide(spec.kernel.1)]);
    let standard = cost(f, c, taps, positions, spec.bias);
    let depthwise = cost(c, 1, taps, positions, spec.bias);
    let pointwise = cost(f, c, 1, positions, spec.bias);
    let separable = sum(depthwise, pointwise);
    let over = |a: u64, b: u64| a as f64 / b as f64;
    let ratio = Ratio {
        weights: over(separable.weights, standard.weights),
        parameters: over(separable.parameters, standard.parameters),
        multiplications: over(separable.multiplications, standard.multiplications),
        formula: 1.0 / f as f64 + 1.0 / taps as f64,
    };
    let reads =
        (0..f).map(|filter| FilterReads { filter, group: filter / fg, first: filter / fg * cg, count: cg });
    Ok(ConvolutionCounts {
        out_h: geo.out_h,
        out_w: geo.out_w,
        groups: g,
        channels_per_group: cg,
        filters_per_group: fg,
        valid_groups: valid_groups(c, f),
        grouped: cost(f, cg, taps, positions, spec.bias),
        standard,
        depthwise,
        pointwise,
        separable,
        ratio,
        reads: reads.collect(),
    })
}
