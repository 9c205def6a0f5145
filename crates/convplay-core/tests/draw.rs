//! A digit drawn by hand, preprocessed the MNIST way (moved from the page's unit tests of
//! `www/js/lib/mnist-preprocess.js`, with the same assertions).

use convplay_core::data::draw::{
    bounding_box, centre_of_mass, digit_from_drawing, mnist_from_drawing, resample, BoundingBox, DrawOptions,
    Point, INK_THRESHOLD,
};

fn canvas(w: usize, h: usize, fill: impl Fn(usize, usize) -> bool) -> Vec<f32> {
    (0..h)
        .flat_map(|y| (0..w).map(move |x| (y, x)))
        .map(|(y, x)| if fill(y, x) { 1.0 } else { 0.0 })
        .collect()
}

fn bbox(ink: &[f32], w: usize, h: usize) -> Option<BoundingBox> {
    bounding_box(ink, w, h, INK_THRESHOLD)
}

#[test]
fn a_blank_drawing_gives_none() {
    assert_eq!(mnist_from_drawing(&vec![0.0; 100 * 100], 100, 100).unwrap(), None);
    assert_eq!(bbox(&[0.0; 4], 2, 2), None);
}

#[test]
fn bounding_box_is_inclusive() {
    let ink = canvas(10, 8, |y, x| (2..=5).contains(&y) && (3..=7).contains(&x));
    assert_eq!(bbox(&ink, 10, 8), Some(BoundingBox { top: 2, left: 3, bottom: 5, right: 7 }));
}

#[test]
fn resampling_a_uniform_region_keeps_its_value_halving_averages_pairs() {
    let ink = [0.5f32; 16];
    let all = BoundingBox { top: 0, left: 0, bottom: 3, right: 3 };
    assert_eq!(resample(&ink, 4, all, 2, 2), vec![0.5, 0.5, 0.5, 0.5]);
    let stripes = [1.0f32, 0.0, 1.0, 0.0];
    let row = BoundingBox { top: 0, left: 0, bottom: 0, right: 3 };
    assert_eq!(resample(&stripes, 4, row, 2, 1), vec![0.5, 0.5]);
}

#[test]
fn centre_of_mass_of_a_single_pixel_is_its_centre() {
    let mut img = [0.0f32; 9];
    img[5] = 1.0; // row 1, col 2
    assert_eq!(centre_of_mass(&img, 3, 3), Point { y: 1.5, x: 2.5 });
}

#[test]
fn a_tall_bar_becomes_20_rows_high_centred_by_mass_in_28x28() {
    // A 40 × 200 bar in the top-left corner of a 280 × 280 drawing.
    let ink = canvas(280, 280, |y, x| (10..210).contains(&y) && (5..45).contains(&x));
    let out = mnist_from_drawing(&ink, 280, 280).unwrap().expect("ink");
    assert_eq!(out.len(), 784);
    let b = bbox(&out, 28, 28).unwrap();
    assert_eq!(b.height(), 20);
    assert_eq!(b.width(), 4);
    let com = centre_of_mass(&out, 28, 28);
    assert!((com.y - 14.0).abs() <= 0.5 && (com.x - 14.0).abs() <= 0.5, "{com:?}");
    assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
}

#[test]
fn a_wide_shape_keeps_its_aspect_ratio() {
    let ink = canvas(100, 100, |y, _| (40..50).contains(&y));
    let out = mnist_from_drawing(&ink, 100, 100).unwrap().expect("ink");
    let b = bbox(&out, 28, 28).unwrap();
    assert_eq!(b.width(), 20);
    assert_eq!(b.height(), 2);
}

#[test]
fn bad_drawings_are_errors_naming_the_argument() {
    let e = mnist_from_drawing(&[0.0; 5], 2, 3).unwrap_err().to_string();
    assert_eq!(e, "mnistFromDrawing: ink must hold 2×3 = 6 values, got 5");
    let e = mnist_from_drawing(&[], 0, 3).unwrap_err().to_string();
    assert!(e.starts_with("mnistFromDrawing: width must be 1 to 4096"), "{e}");
    let e = mnist_from_drawing(&[f32::NAN], 1, 1).unwrap_err().to_string();
    assert_eq!(e, "mnistFromDrawing: ink must hold finite values");
}

/// A ring of soft ink, 60 × 45, against the page code it replaces. Produced by this script (run
/// with node from the repository root, when `www/js/lib/mnist-preprocess.js` still existed):
///
/// ```js
/// import { toMnist } from './www/js/lib/mnist-preprocess.js';
/// const [W, H] = [60, 45];
/// const ink = new Float32Array(W * H);
/// for (let y = 0; y < H; y += 1) for (let x = 0; x < W; x += 1) {
///   const [dy, dx] = [y - 20, (x - 33) * 0.8];
///   const d = Math.sqrt(dy * dy + dx * dx);
///   ink[y * W + x] = Math.max(0, 1 - Math.abs(d - 12) / 4);
/// }
/// const out = toMnist(ink, W, H);
/// let [n, s, m] = [0, 0, 0];
/// out.forEach((v, i) => { if (v !== 0) n += 1; s += v; m += (i + 1) * v; });
/// console.log(n, s, m, out[177], out[372]);
/// // 232 99.84905757382512 39190.75509772636 0.042283594608306885 0.16415029764175415
/// ```
#[test]
fn soft_ink_gives_the_same_values_as_the_page_code() {
    let (w, h) = (60usize, 45usize);
    let ink: Vec<f32> = (0..h * w)
        .map(|i| {
            let (dy, dx) = ((i / w) as f64 - 20.0, ((i % w) as f64 - 33.0) * 0.8);
            let d = (dy * dy + dx * dx).sqrt();
            (1.0 - (d - 12.0).abs() / 4.0).max(0.0) as f32
        })
        .collect();
    let out = mnist_from_drawing(&ink, w, h).unwrap().expect("ink");
    let nonzero = out.iter().filter(|&&v| v != 0.0).count();
    let sum: f64 = out.iter().map(|&v| v as f64).sum();
    let moment: f64 = out.iter().enumerate().map(|(i, &v)| (i + 1) as f64 * v as f64).sum();
    assert_eq!(nonzero, 232);
    assert_eq!(sum, 99.84905757382512);
    assert_eq!(moment, 39190.75509772636);
    assert_eq!(out[177] as f64, 0.042283594608306885);
    assert_eq!(out[372] as f64, 0.16415029764175415);
}

#[test]
fn without_recentring_the_digit_stays_where_it_was_drawn() {
    // A 40×40 square of ink in the top-left corner of a 280×280 drawing: 4×4 pixels of 28×28, at
    // rows and columns 0–3, full ink; nothing anywhere else.
    let ink = canvas(280, 280, |y, x| y < 40 && x < 40);
    let keep = DrawOptions { recentre: false };
    let out = digit_from_drawing(&ink, 280, 280, &keep).unwrap().expect("ink");
    assert_eq!(out.len(), 784);
    for y in 0..28 {
        for x in 0..28 {
            assert_eq!(out[y * 28 + x], if y < 4 && x < 4 { 1.0 } else { 0.0 }, "({y}, {x})");
        }
    }
    // Re-centred (the default), the same square moves to the middle.
    let centred = digit_from_drawing(&ink, 280, 280, &DrawOptions::default()).unwrap().unwrap();
    assert_eq!(centred, mnist_from_drawing(&ink, 280, 280).unwrap().unwrap());
    assert_eq!(centred[0], 0.0);
    assert_eq!(centred[14 * 28 + 14], 1.0);
    // The centre of mass of the kept one is where the square was: (2, 2).
    let c = centre_of_mass(&out, 28, 28);
    assert!((c.y - 2.0).abs() < 1e-9 && (c.x - 2.0).abs() < 1e-9, "{c:?}");
    // Blank stays None, and the same checks apply.
    assert_eq!(digit_from_drawing(&[0.0; 16], 4, 4, &keep).unwrap(), None);
    assert!(digit_from_drawing(&[0.0; 5], 2, 3, &keep).is_err());
    // An option object reads strictly; recentre defaults to true.
    let read: DrawOptions = serde_json::from_str("{}").unwrap();
    assert!(read.recentre);
    assert!(serde_json::from_str::<DrawOptions>(r#"{"recenter":false}"#).is_err());
}
