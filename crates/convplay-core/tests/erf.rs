//! The effective receptive field of one unit (|∂unit/∂input| averaged over digits) and the digits
//! that excite a filter most: hand-checked on one convolution, against finite differences on a
//! deeper stack, the model left as it was, and errors that name the argument.
mod common;

use common::random;
use convplay_core::data::Dataset;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::{Mode, Rng};
use ndarray::{Array4, ArrayD, Ix4};

fn model(json: &str) -> Model {
    Model::new(serde_json::from_str::<ModelConfig>(json).unwrap()).unwrap()
}

fn data(n: usize, h: usize, w: usize, seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let images = random(&[n, 1, h, w], &mut rng).into_dimensionality::<Ix4>().unwrap();
    Dataset::new(images, (0..n).map(|i| i % 10).collect(), 10).unwrap()
}

const ONE_CONV: &str = r#"{"input":[1,8,8],"seed":3,"layers":[{"kind":"conv2d","outChannels":2,"kernel":3},
    {"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#;

const DEEP: &str = r#"{"input":[1,12,12],"seed":5,"layers":[{"kind":"conv2d","outChannels":3,"kernel":3},
    {"kind":"activation","activation":{"kind":"tanh"}},{"kind":"pool","pool":{"kind":"average"},"size":2},
    {"kind":"batchNorm"},{"kind":"dropout","dropout":{"kind":"inverted","p":0.5}},
    {"kind":"conv2d","outChannels":2,"kernel":3},{"kind":"activation","activation":{"kind":"tanh"}},
    {"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#;

#[test]
fn one_convolution_sees_the_absolute_kernel_at_its_window() {
    let mut m = model(ONE_CONV);
    let kernel = [1.0f32, -2.0, 3.0, -4.0, 5.0, -6.0, 7.0, -8.0, 9.0];
    let w = &mut m.layers_mut()[0].params_mut()[0].value;
    for (i, k) in kernel.iter().enumerate() {
        w.as_slice_mut().unwrap()[9 + i] = *k; // filter 1
    }
    let f = m.effective_field(&data(4, 8, 8, 1), (0, 1, 2, 3), 4).unwrap();
    // By hand: rows 2–4, columns 3–5 hold |kernel|, everything else 0.
    let mut expected = [0.0f32; 64];
    for r in 0..3 {
        for c in 0..3 {
            expected[(2 + r) * 8 + 3 + c] = kernel[r * 3 + c].abs();
        }
    }
    assert_eq!(f.map, expected.to_vec());
    assert_eq!(f.total, 45.0);
    assert_eq!(f.peak, 9.0);
    assert_eq!((f.count, f.shape), (4, [8, 8]));
    let e = f.extent.unwrap();
    assert_eq!((e.top, e.left, e.bottom, e.right, e.size), (2, 3, 4, 5, [3, 3]));
    // Row sums 6, 15, 24: centre 153/45 = 3.4, variance 22.8/45.
    let [r0, c0] = f.centre.unwrap();
    assert!((r0 - 3.4).abs() < 1e-12 && (c0 - (3.0 * 12.0 + 4.0 * 15.0 + 5.0 * 18.0) / 45.0).abs() < 1e-12);
    assert!((f.spread.unwrap()[0] - (22.8f64 / 45.0).sqrt()).abs() < 1e-9);
    let t = f.theoretical.unwrap();
    assert_eq!(t.size, [3, 3]);
    assert_eq!((t.region.top, t.region.left, t.region.bottom, t.region.right), (2, 3, 4, 5));
    assert_eq!(t.inside, 1.0);
}

/// The unit's value on one image in evaluation mode.
fn unit(m: &mut Model, image: &Array4<f32>, (layer, ch, r, c): (usize, usize, usize, usize)) -> f64 {
    m.forward(image.view(), Mode::Eval).unwrap();
    m.layers()[layer].output()[[0, ch, r, c]] as f64
}

#[test]
fn the_map_is_the_finite_difference_gradient_averaged_over_the_digits() {
    let mut m = model(DEEP);
    let d = data(3, 12, 12, 7);
    let u = (6, 1, 1, 2);
    let f = m.effective_field(&d, u, 3).unwrap();
    let h = 1e-2f32;
    let mut worst = 0.0f64;
    for p in [0usize, 13, 26, 40, 57, 70, 88, 100, 143] {
        let mut mean = 0.0;
        for n in 0..3 {
            let mut x = d.images().slice_axis(ndarray::Axis(0), ndarray::Slice::from(n..n + 1)).to_owned();
            let (r, c) = (p / 12, p % 12);
            x[[0, 0, r, c]] += h;
            let up = unit(&mut m, &x, u);
            x[[0, 0, r, c]] -= 2.0 * h;
            let down = unit(&mut m, &x, u);
            mean += ((up - down) / (2.0 * h as f64)).abs() / 3.0;
        }
        worst = worst.max((mean - f.map[p] as f64).abs());
    }
    assert!(worst < 2e-3, "finite differences differ by {worst}");
    // conv 3×3, pool 2 (jump 2), conv 3×3: 3 + 1 + 2·2 = 8 pixels.
    let t = f.theoretical.unwrap();
    assert_eq!(t.size, [8, 8]);
    assert!((t.inside - 1.0).abs() < 1e-9, "{}", t.inside);
    let e = f.extent.unwrap();
    assert!(e.size[0] <= 8 && e.size[1] <= 8 && f.radius.unwrap() > 0.0);
}

#[test]
fn the_model_is_left_as_it_was() {
    let mut m = model(DEEP);
    let d = data(8, 12, 12, 9);
    let before: Vec<Vec<(ArrayD<f32>, ArrayD<f32>)>> = m
        .layers()
        .iter()
        .map(|l| l.params().iter().map(|p| (p.value.clone(), p.grad.clone())).collect())
        .collect();
    let buffers: Vec<Vec<Vec<f32>>> =
        m.layers().iter().map(|l| l.buffers().into_iter().map(|(_, v)| v.to_vec()).collect()).collect();
    let p0 = m.predict(d.images()).unwrap();
    m.effective_field(&d, (5, 0, 2, 2), 8).unwrap();
    m.top_activations(&d, 5, 1, 3, 0).unwrap();
    let after: Vec<Vec<(ArrayD<f32>, ArrayD<f32>)>> = m
        .layers()
        .iter()
        .map(|l| l.params().iter().map(|p| (p.value.clone(), p.grad.clone())).collect())
        .collect();
    let buffers_after: Vec<Vec<Vec<f32>>> =
        m.layers().iter().map(|l| l.buffers().into_iter().map(|(_, v)| v.to_vec()).collect()).collect();
    assert_eq!(before, after);
    assert_eq!(buffers, buffers_after);
    assert_eq!(p0, m.predict(d.images()).unwrap());
}

#[test]
fn dense_units_see_the_whole_input_and_top_digits_are_the_largest_maxima() {
    let mut m = model(DEEP);
    let d = data(30, 12, 12, 11);
    let f = m.effective_field(&d, (8, 4, 0, 0), 10).unwrap();
    assert!(f.theoretical.is_none() && f.total > 0.0);
    let top = m.top_activations(&d, 5, 1, 9, 0).unwrap();
    let mut all: Vec<(f32, usize)> = (0..30)
        .map(|i| {
            let x = d.images().slice_axis(ndarray::Axis(0), ndarray::Slice::from(i..i + 1)).to_owned();
            m.forward(x.view(), Mode::Eval).unwrap();
            let v = m.layers()[5]
                .output()
                .index_axis(ndarray::Axis(1), 1)
                .iter()
                .fold(f32::MIN, |a, &b| a.max(b));
            (v, i)
        })
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    assert_eq!(
        top.iter().map(|e| e.index).collect::<Vec<_>>(),
        all[..9].iter().map(|a| a.1).collect::<Vec<_>>()
    );
    assert!(top.iter().zip(&all).all(|(e, a)| (e.value - a.0).abs() < 1e-5 && e.label == e.index % 10));
    assert_eq!(m.top_activations(&d, 5, 1, 5, 4).unwrap().len(), 4);
}

#[test]
fn bad_arguments_are_named() {
    let mut m = model(DEEP);
    let d = data(4, 12, 12, 1);
    let err = |r: convplay_core::Result<_>| {
        r.map(|_: convplay_core::model::EffectiveField| ()).unwrap_err().to_string()
    };
    assert!(err(m.effective_field(&d, (9, 0, 0, 0), 1)).contains("layer must be below 9, got 9"));
    assert!(err(m.effective_field(&d, (0, 3, 0, 0), 1)).contains("channel must be below 3"));
    assert!(err(m.effective_field(&d, (0, 0, 10, 0), 1)).contains("row must be below 10"));
    assert!(err(m.effective_field(&d, (0, 0, 0, 10), 1)).contains("col must be below 10"));
    assert!(err(m.effective_field(&d, (0, 0, 0, 0), 0)).contains("count must be at least 1"));
    let big = data(4097, 12, 12, 1);
    let e = err(m.effective_field(&big, (0, 0, 0, 0), 5000));
    assert!(e.contains("count must be at most 4,096"), "{e}");
    let other = data(2, 8, 8, 1);
    assert!(err(m.effective_field(&other, (0, 0, 0, 0), 1)).contains("digits"));
    let e = m.top_activations(&d, 0, 0, 0, 0).unwrap_err().to_string();
    assert!(e.contains("topActivations") && e.contains("k must be at least 1"), "{e}");
    let e = m.top_activations(&d, 0, 0, 4097, 0).unwrap_err().to_string();
    assert!(e.contains("k must be at most 4,096"), "{e}");
    let e = m.top_activations(&d, 0, 5, 1, 0).unwrap_err().to_string();
    assert!(e.contains("channel must be below 3"), "{e}");
}
