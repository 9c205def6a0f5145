//! The gather view of a transposed convolution (see [`crate::conv::transposed_trace`]): the
//! input with `s − 1` zeros inserted between its cells, padded by `d·(k − 1) − p` (plus the output
//! padding at the bottom and right), read by a stride-1 direct convolution with the kernel rotated
//! by 180°.

use ndarray::ArrayView4;
use serde::Serialize;

use crate::conv::transposed::{ConvTranspose2dGeometry, TransposedAxis};

/// What a cell of the gather view's grid holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GatherKind {
    /// An input value.
    Input,
    /// One of the `s − 1` zeros inserted between input cells.
    Inserted,
    /// Zero padding around (and output padding below and right of) the zero-inserted input.
    Padding,
}

/// A cell of the gather view's grid.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatherCell {
    /// Input, inserted zero or padding.
    pub kind: GatherKind,
    /// The input row it holds (input cells only).
    pub input_row: Option<usize>,
    /// The input column it holds.
    pub input_col: Option<usize>,
    /// Its value (0 unless an input cell).
    pub value: f32,
}

/// One multiply of a gather window: `grid[c, row, col] · W[c, o, k − 1 − window_row, …]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatherTerm {
    /// Input channel.
    pub channel: usize,
    /// Row in the gather grid (`out_row + window_row·d`).
    pub grid_row: usize,
    /// Column in the gather grid.
    pub grid_col: usize,
    /// Kernel row as stored (the rotated kernel's `k − 1 − window_row`).
    pub kernel_row: usize,
    /// Kernel column as stored.
    pub kernel_col: usize,
    /// The grid value (0 for inserted zeros and padding).
    pub value: f32,
    /// The weight.
    pub weight: f32,
    /// `value · weight`.
    pub product: f32,
}

/// One output cell of the gather view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatherStep {
    /// Output row (= the window's top row in the grid).
    pub out_row: usize,
    /// Output column.
    pub out_col: usize,
    /// Channel by channel, kernel row by row.
    pub terms: Vec<GatherTerm>,
    /// Σ products.
    pub sum: f32,
    /// `sum + bias`.
    pub result: f32,
}

/// The gather view: the grid and one step per output cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GatherView {
    /// Grid rows: `H_out + d·(k − 1)`.
    pub rows: usize,
    /// Grid columns.
    pub cols: usize,
    /// Padding above: `d·(k − 1) − p` (negative: rows cut from the zero-inserted input).
    pub pad_top: isize,
    /// Padding below: `d·(k − 1) − p + output_padding`.
    pub pad_bottom: isize,
    /// Padding left.
    pub pad_left: isize,
    /// Padding right.
    pub pad_right: isize,
    /// The grid, `[channel][row][col]` flattened.
    pub cells: Vec<GatherCell>,
    /// One step per output cell, row by row.
    pub steps: Vec<GatherStep>,
}

/// The gather-grid cell at `r` along one axis: `Some(Some(i))` input `i`, `Some(None)` an
/// inserted zero, `None` padding.
fn source(r: usize, ax: &TransposedAxis) -> Option<Option<usize>> {
    let u = r as isize - pad_before(ax);
    let last = ((ax.input - 1) * ax.stride) as isize;
    if u < 0 || u > last {
        return None;
    }
    Some((u as usize % ax.stride == 0).then_some(u as usize / ax.stride))
}

fn pad_before(ax: &TransposedAxis) -> isize {
    (ax.dilation * (ax.kernel - 1)) as isize - ax.padding as isize
}

/// The gather view of sample `batch`, output channel `o` (its bias `b`), for sizes `g` checked by
/// the caller.
pub(crate) fn gather_view(
    input: ArrayView4<f32>,
    weight: ArrayView4<f32>,
    g: &ConvTranspose2dGeometry,
    [batch, o]: [usize; 2],
    b: f32,
) -> GatherView {
    let s = input.shape();
    let (hy, hx) = (&g.height, &g.width);
    let (oh, ow) = (hy.output, hx.output);
    let (gh, gw) = (oh + hy.dilation * (hy.kernel - 1), ow + hx.dilation * (hx.kernel - 1));
    let mut cells = Vec::with_capacity(s[1] * gh * gw);
    for c in 0..s[1] {
        for r in 0..gh {
            for col in 0..gw {
                cells.push(match (source(r, hy), source(col, hx)) {
                    (Some(Some(i)), Some(Some(j))) => GatherCell {
                        kind: GatherKind::Input,
                        input_row: Some(i),
                        input_col: Some(j),
                        value: input[[batch, c, i, j]],
                    },
                    (Some(_), Some(_)) => GatherCell {
                        kind: GatherKind::Inserted,
                        input_row: None,
                        input_col: None,
                        value: 0.0,
                    },
                    _ => {
                        GatherCell { kind: GatherKind::Padding, input_row: None, input_col: None, value: 0.0 }
                    }
                });
            }
        }
    }
    let mut steps = Vec::with_capacity(oh * ow);
    for out_row in 0..oh {
        for out_col in 0..ow {
            let mut terms = Vec::with_capacity(s[1] * hy.kernel * hx.kernel);
            for c in 0..s[1] {
                for wy in 0..hy.kernel {
                    for wx in 0..hx.kernel {
                        let (grid_row, grid_col) = (out_row + wy * hy.dilation, out_col + wx * hx.dilation);
                        let (kernel_row, kernel_col) = (hy.kernel - 1 - wy, hx.kernel - 1 - wx);
                        let value = cells[(c * gh + grid_row) * gw + grid_col].value;
                        let weight = weight[[c, o, kernel_row, kernel_col]];
                        let product = value * weight;
                        terms.push(GatherTerm {
                            channel: c,
                            grid_row,
                            grid_col,
                            kernel_row,
                            kernel_col,
                            value,
                            weight,
                            product,
                        });
                    }
                }
            }
            let sum: f32 = terms.iter().map(|t| t.product).sum();
            steps.push(GatherStep { out_row, out_col, terms, sum, result: sum + b });
        }
    }
    let (top, left) = (pad_before(hy), pad_before(hx));
    GatherView {
        rows: gh,
        cols: gw,
        pad_top: top,
        pad_bottom: top + hy.output_padding as isize,
        pad_left: left,
        pad_right: left + hx.output_padding as isize,
        cells,
        steps,
    }
}
