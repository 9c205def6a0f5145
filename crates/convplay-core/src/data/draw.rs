//! A digit drawn by hand, made to look like an MNIST digit before it reaches the model.
//!
//! MNIST's recipe: the ink's bounding box is scaled (keeping its aspect ratio) to fit a 20×20 box,
//! with area averaging, and placed in a 28×28 field so that its centre of mass is at the centre.
//!
//! ```text
//!  drawing (any size)            bounding box → 20×20 (aspect kept)     28×28, centre of mass
//!  ┌──────────────────┐          ┌────┐                                 ┌────────────┐
//!  │     ┌──┐         │          │ ▓▓ │   area-average                  │            │
//!  │     │▓▓│         │   ───▶   │ ▓  │   ───────────▶                  │    ▓▓      │
//!  │     │▓ │         │          │ ▓▓ │                                 │    ▓   +   │
//!  │     └──┘         │          └────┘                                 │    ▓▓      │
//!  └──────────────────┘                                                 └────────────┘
//! ```
//!
//! The arithmetic follows the page code it replaces step by step (double precision, the resampled
//! box stored as `f32`, rounding half up), so a drawing gives the same 784 values as before.
//!
//! Without re-centring ([`DrawOptions::recentre`] `false`) the whole drawing area is the 28×28
//! field: it is area-averaged to 28×28 and the digit stays where, and as big as, it was drawn.

use serde::{Deserialize, Serialize};

use crate::{ensure_arg, Result};

const OP: &str = "mnistFromDrawing";

/// Side of the box the ink is scaled into.
pub const BOX: usize = 20;
/// Side of an MNIST digit.
pub const SIDE: usize = 28;
/// Largest side of a drawing ([`crate::limits::MAX_DRAWING_SIDE`]).
pub use crate::limits::MAX_DRAWING_SIDE as MAX_SIDE;
/// Ink above this counts for the bounding box.
pub const INK_THRESHOLD: f64 = 0.05;

/// Rows `top..=bottom` and columns `left..=right` (inclusive) holding ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BoundingBox {
    /// First row with ink.
    pub top: usize,
    /// First column with ink.
    pub left: usize,
    /// Last row with ink.
    pub bottom: usize,
    /// Last column with ink.
    pub right: usize,
}

impl BoundingBox {
    /// Columns of the box.
    pub fn width(&self) -> usize {
        self.right - self.left + 1
    }

    /// Rows of the box.
    pub fn height(&self) -> usize {
        self.bottom - self.top + 1
    }
}

/// A point in pixel units, pixel centres at `i + 0.5`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    /// Row coordinate.
    pub y: f64,
    /// Column coordinate.
    pub x: f64,
}

/// The bounding box of the values of `ink` (`height × width`, row-major) above `threshold`, or
/// `None` if there are none.
pub fn bounding_box(ink: &[f32], width: usize, height: usize, threshold: f64) -> Option<BoundingBox> {
    let (mut top, mut left, mut bottom, mut right) = (height, width, None, 0);
    for (y, row) in ink.chunks_exact(width.max(1)).take(height).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            if v as f64 > threshold {
                top = top.min(y);
                left = left.min(x);
                bottom = Some(y);
                right = right.max(x);
            }
        }
    }
    bottom.map(|bottom| BoundingBox { top, left, bottom, right })
}

/// Area-average the region `bbox` of `ink` (rows `width` apart) into an `out_w × out_h` image:
/// each output pixel is the mean of the ink under it, partial pixels weighted by their overlap.
pub fn resample(ink: &[f32], width: usize, bbox: BoundingBox, out_w: usize, out_h: usize) -> Vec<f32> {
    let (bw, bh) = (bbox.width() as f64, bbox.height() as f64);
    let (top, left) = (bbox.top as f64, bbox.left as f64);
    let mut out = vec![0.0f32; out_w * out_h];
    for oy in 0..out_h {
        let y0 = top + (oy as f64 * bh) / out_h as f64;
        let y1 = top + ((oy + 1) as f64 * bh) / out_h as f64;
        for ox in 0..out_w {
            let x0 = left + (ox as f64 * bw) / out_w as f64;
            let x1 = left + ((ox + 1) as f64 * bw) / out_w as f64;
            let (mut sum, mut area) = (0.0f64, 0.0f64);
            for y in y0.floor() as usize..y1.ceil() as usize {
                let wy = (y as f64 + 1.0).min(y1) - (y as f64).max(y0);
                if wy <= 0.0 {
                    continue;
                }
                for x in x0.floor() as usize..x1.ceil() as usize {
                    let wx = (x as f64 + 1.0).min(x1) - (x as f64).max(x0);
                    if wx <= 0.0 {
                        continue;
                    }
                    sum += wx * wy * ink[y * width + x] as f64;
                    area += wx * wy;
                }
            }
            out[oy * out_w + ox] = if area > 0.0 { (sum / area) as f32 } else { 0.0 };
        }
    }
    out
}

/// The centre of mass of `img` (`height × width`), or the image centre if it has no mass.
pub fn centre_of_mass(img: &[f32], width: usize, height: usize) -> Point {
    let (mut m, mut sy, mut sx) = (0.0f64, 0.0f64, 0.0f64);
    for (y, row) in img.chunks_exact(width.max(1)).take(height).enumerate() {
        for (x, &v) in row.iter().enumerate() {
            let v = v as f64;
            m += v;
            sy += v * (y as f64 + 0.5);
            sx += v * (x as f64 + 0.5);
        }
    }
    if m > 0.0 {
        Point { y: sy / m, x: sx / m }
    } else {
        Point { y: height as f64 / 2.0, x: width as f64 / 2.0 }
    }
}

/// How a drawing becomes a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DrawOptions {
    /// `true` (the default): MNIST's recipe, the ink's bounding box into 20×20 and its centre of
    /// mass at the centre. `false`: the whole drawing area scaled to 28×28 as it is, so a digit
    /// drawn off-centre stays off-centre.
    #[serde(default = "recentre_by_default")]
    pub recentre: bool,
}

fn recentre_by_default() -> bool {
    true
}

impl Default for DrawOptions {
    fn default() -> Self {
        DrawOptions { recentre: true }
    }
}

/// JavaScript's `Math.round`: halves go up.
fn round_half_up(v: f64) -> f64 {
    (v + 0.5).floor()
}

/// A drawing (`ink` in `[0, 1]`, `height × width`, row-major; 0 = background) as a 28×28
/// MNIST-style digit, or `None` if it holds no ink.
///
/// # Shapes
/// `ink` `[height, width]` → `[28, 28]` (784 values in `[0, 1]`).
///
/// **Errors** if a side is 0 or above 4096, `ink` does not hold `width · height` values, or a value
/// is not finite.
pub fn mnist_from_drawing(ink: &[f32], width: usize, height: usize) -> Result<Option<Vec<f32>>> {
    digit_from_drawing(ink, width, height, &DrawOptions::default())
}

/// A drawing as a 28×28 digit, re-centred as MNIST's are ([`mnist_from_drawing`]) or, with
/// `options.recentre` false, the whole `height × width` area area-averaged to 28×28 as drawn;
/// `None` if it holds no ink.
///
/// # Shapes
/// `ink` `[height, width]` → `[28, 28]` (784 values in `[0, 1]`).
///
/// **Errors** as [`mnist_from_drawing`].
pub fn digit_from_drawing(
    ink: &[f32],
    width: usize,
    height: usize,
    options: &DrawOptions,
) -> Result<Option<Vec<f32>>> {
    ensure_arg!((1..=MAX_SIDE).contains(&width), OP, "width", "must be 1 to {MAX_SIDE}, got {width}");
    ensure_arg!((1..=MAX_SIDE).contains(&height), OP, "height", "must be 1 to {MAX_SIDE}, got {height}");
    ensure_arg!(
        ink.len() == width * height,
        OP,
        "ink",
        "must hold {width}×{height} = {} values, got {}",
        width * height,
        ink.len()
    );
    ensure_arg!(ink.iter().all(|v| v.is_finite()), OP, "ink", "must hold finite values");
    let Some(bbox) = bounding_box(ink, width, height, INK_THRESHOLD) else {
        return Ok(None);
    };
    if !options.recentre {
        let whole = BoundingBox { top: 0, left: 0, bottom: height - 1, right: width - 1 };
        let mut out = resample(ink, width, whole, SIDE, SIDE);
        out.iter_mut().for_each(|v| *v = v.clamp(0.0, 1.0));
        return Ok(Some(out));
    }
    let (bw, bh) = (bbox.width() as f64, bbox.height() as f64);
    let scale = BOX as f64 / bw.max(bh);
    let fit = |side: f64| round_half_up(side * scale).clamp(1.0, BOX as f64) as usize;
    let (w, h) = (fit(bw), fit(bh));
    let small = resample(ink, width, bbox, w, h);
    let com = centre_of_mass(&small, w, h);
    let half = SIDE as f64 / 2.0;
    let (oy, ox) = (round_half_up(half - com.y) as isize, round_half_up(half - com.x) as isize);
    let mut out = vec![0.0f32; SIDE * SIDE];
    for (y, row) in small.chunks_exact(w).enumerate() {
        let ty = y as isize + oy;
        if !(0..SIDE as isize).contains(&ty) {
            continue;
        }
        for (x, &v) in row.iter().enumerate() {
            let tx = x as isize + ox;
            if (0..SIDE as isize).contains(&tx) {
                out[ty as usize * SIDE + tx as usize] = v.clamp(0.0, 1.0);
            }
        }
    }
    Ok(Some(out))
}
