//! An uploaded or captured picture as a 28×28 example: grey, background made 0 and the ink bright
//! (as in MNIST), then scaled and centred as a drawing is ([`crate::data::draw`]).
//!
//! ```text
//!  RGBA, any size        grey (transparent = white)   ink: background → 0, the    bounding box → 20×20,
//!  dark on light or      Rec. 601 luma                brightest ink → 1           area-averaged, centre of
//!  light on dark                                                                  mass at the centre (draw.rs)
//! ```
//!
//! The background is the median grey of the border pixels: if it is light (≥ 0.5) the picture is
//! dark on light and is inverted. Ink is then `(value − background) / (brightest − background)`,
//! so the background is 0 whatever its grey and the strongest stroke is 1; what lies within
//! [`NOISE_FLOOR`] of the background (paper texture, shading, camera noise) is made 0 too:
//! `ink = clamp((ink − floor) / (1 − floor), 0, 1)`. Pure black on white stays 0 and 1.

use crate::data::draw::{digit_from_drawing, DrawOptions};
use crate::limits::MAX_DRAWING_SIDE;
use crate::{ensure_arg, Error, Result};

const OP: &str = "exampleFromImage";
/// The brightest ink must stand this far above the background, or the picture is blank.
pub const MIN_CONTRAST: f32 = 0.1;
/// Ink below this share of the way from the background to the brightest stroke counts as background.
pub const NOISE_FLOOR: f32 = 0.2;

/// Grey levels of an RGBA picture, transparent pixels read as white.
fn grey(rgba: &[u8]) -> Vec<f32> {
    rgba.chunks_exact(4)
        .map(|p| {
            let luma = (0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32) / 255.0;
            let a = p[3] as f32 / 255.0;
            a * luma + (1.0 - a)
        })
        .collect()
}

/// The median of the border pixels of a `height × width` grid.
pub fn border_median(values: &[f32], width: usize, height: usize) -> f32 {
    let mut border: Vec<f32> = (0..height)
        .flat_map(|y| (0..width).map(move |x| (y, x)))
        .filter(|&(y, x)| y == 0 || x == 0 || y + 1 == height || x + 1 == width)
        .map(|(y, x)| values[y * width + x])
        .collect();
    border.sort_by(f32::total_cmp);
    border[border.len() / 2]
}

/// A picture (`rgba`, 4 bytes a pixel, `height × width`, row-major) as 784 values in `[0, 1]`:
/// background 0, ink bright, scaled into 20×20 and centred in 28×28 by its centre of mass.
///
/// **Errors** if a side is 0 or above 4096, `rgba` does not hold `4 · width · height` bytes, or no
/// pixel stands out from the background by [`MIN_CONTRAST`].
pub fn example_from_image(rgba: &[u8], width: usize, height: usize) -> Result<Vec<f32>> {
    ensure_arg!(
        (1..=MAX_DRAWING_SIDE).contains(&width),
        OP,
        "width",
        "must be 1 to {MAX_DRAWING_SIDE}, got {width}"
    );
    ensure_arg!(
        (1..=MAX_DRAWING_SIDE).contains(&height),
        OP,
        "height",
        "must be 1 to {MAX_DRAWING_SIDE}, got {height}"
    );
    ensure_arg!(
        rgba.len() == width * height * 4,
        OP,
        "rgba",
        "must hold 4 bytes per pixel of {width}×{height} = {}, got {}",
        width * height * 4,
        rgba.len()
    );
    let mut ink = grey(rgba);
    let background = border_median(&ink, width, height);
    let light = background >= 0.5;
    if light {
        ink.iter_mut().for_each(|v| *v = 1.0 - *v);
    }
    let background = if light { 1.0 - background } else { background };
    let brightest = ink.iter().copied().fold(0.0f32, f32::max);
    if brightest - background < MIN_CONTRAST {
        return Err(Error::arg(
            OP,
            "rgba",
            "is blank: no pixel stands out from the background (its border's colour)".to_string(),
        ));
    }
    let span = brightest - background;
    let floor = NOISE_FLOOR;
    ink.iter_mut().for_each(|v| *v = (((*v - background) / span - floor) / (1.0 - floor)).clamp(0.0, 1.0));
    digit_from_drawing(&ink, width, height, &DrawOptions::default())?.ok_or_else(|| {
        Error::arg(OP, "rgba", "is blank: no pixel stands out from the background".to_string())
    })
}
