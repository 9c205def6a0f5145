//! Blur, then subsample (blur-pool): a hand-checked fixture, the shape of the plain pooling, a
//! constant map kept constant, the backward pass against finite differences, the layer code
//! `mp2b` and the model file's `antialias`, and the shift measurement with and without the blur.

use convplay_core::layer::{Layer, Mode};
use convplay_core::model::code::{parse_layers, print_layers};
use convplay_core::model::config::{LayerConfig, ModelConfig};
use convplay_core::pool::{
    blur_pool2d, blur_subsample, blur_subsample_backward, pool2d, BlurPool2d, Pool2dConfig, PoolKind,
};
use convplay_core::{Padding, Rng, Window2d};
use ndarray::Array4;

fn max(k: usize, s: usize) -> Pool2dConfig {
    Pool2dConfig { kind: PoolKind::Max, window: Window2d::square(k).with_stride(s) }
}

fn close(got: &[f32], want: &[f32], tol: f32) {
    assert_eq!(got.len(), want.len());
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "at {i}: {g} vs {w}");
    }
}

/// The pooling module's 4×4 example.
fn fixture() -> Array4<f32> {
    let v = [1., 3., 2., 0., 4., 2., 1., 1., 0., 0., 5., 6., 1., 2., 7., 8.];
    Array4::from_shape_vec((1, 1, 4, 4), v.to_vec()).unwrap()
}

#[test]
fn hand_checked_fixture() {
    // Max 2×2 with stride 1: [[4 3 2] [4 5 6] [2 7 8]]. Blur centred on rows/cols 0 and 2; the
    // taps outside are skipped, so each axis weighs (2/3, 1/3) at 0 and (1/3, 2/3) at 2:
    // [0,0] = (4·4 + 2·3 + 2·4 + 1·5)/9 = 35/9, [0,1] = (2·3 + 4·2 + 1·5 + 2·6)/9 = 31/9,
    // [1,0] = (2·4 + 1·5 + 4·2 + 2·7)/9 = 35/9, [1,1] = (5 + 2·6 + 2·7 + 4·8)/9 = 7.
    let y = blur_pool2d(fixture().view(), &max(2, 2)).unwrap();
    assert_eq!(y.shape(), &[1, 1, 2, 2]);
    close(y.as_slice().unwrap(), &[35. / 9., 31. / 9., 35. / 9., 7.], 1e-6);
    let plain = pool2d(fixture().view(), &max(2, 2)).unwrap();
    assert_eq!(plain.as_slice().unwrap(), &[4., 2., 2., 8.]);
}

#[test]
fn shape_is_the_plain_poolings_and_constants_stay() {
    for (h, k, s) in [(28, 2, 2), (27, 2, 2), (14, 3, 2), (9, 3, 3), (5, 1, 2), (8, 2, 1)] {
        let x = Array4::from_elem((2, 3, h, h), 1.5f32);
        let plain = pool2d(x.view(), &max(k, s)).unwrap();
        let blurred = blur_pool2d(x.view(), &max(k, s)).unwrap();
        assert_eq!(plain.shape(), blurred.shape(), "{h} {k} {s}");
        assert!(blurred.iter().all(|v| (v - 1.5).abs() < 1e-6));
    }
}

fn spread(n: usize) -> Vec<f32> {
    // Distinct values at least 0.1 apart, so a nudge of 0.01 never changes a maximum.
    (0..n).map(|i| ((i * 37) % n) as f32 * 0.1 - 1.0).collect()
}

#[test]
fn backward_matches_finite_differences() {
    for (k, s, pad) in [(2, 2, Padding::Valid), (3, 2, Padding::Same), (2, 3, Padding::Valid)] {
        let config = Pool2dConfig {
            kind: PoolKind::Max,
            window: Window2d::square(k).with_stride(s).with_padding(pad),
        };
        let x = Array4::from_shape_vec((1, 2, 7, 6), spread(84)).unwrap();
        let mut layer = BlurPool2d::new(config).unwrap();
        layer.forward(x.view(), Mode::Train, &mut Rng::new(0)).unwrap();
        let out = layer.output().to_owned();
        let r = Array4::from_shape_fn(out.raw_dim(), |(_, c, i, j)| 0.3 + (c + 2 * i + 3 * j) as f32 * 0.1);
        layer.backward(x.view(), r.view()).unwrap();
        let grad = layer.grad_input().to_owned();
        let loss = |x: &Array4<f32>| -> f64 {
            let y = blur_pool2d(x.view(), &config).unwrap();
            y.iter().zip(r.iter()).map(|(a, b)| f64::from(*a) * f64::from(*b)).sum()
        };
        let h = 0.01f32;
        for idx in 0..x.len() {
            let (mut up, mut down) = (x.clone(), x.clone());
            up.as_slice_mut().unwrap()[idx] += h;
            down.as_slice_mut().unwrap()[idx] -= h;
            let fd = (loss(&up) - loss(&down)) / (2.0 * f64::from(h));
            let g = f64::from(grad.as_slice().unwrap()[idx]);
            assert!((fd - g).abs() < 1e-3, "k{k} s{s} at {idx}: finite difference {fd} vs {g}");
        }
    }
}

#[test]
fn blur_subsample_backward_is_the_transpose() {
    let x = Array4::from_shape_vec((1, 1, 5, 4), spread(20)).unwrap();
    let y = blur_subsample(x.view(), (2, 2)).unwrap();
    let r = Array4::from_shape_fn(y.raw_dim(), |(_, _, i, j)| (i * 3 + j) as f32 - 1.0);
    let dx = blur_subsample_backward([1, 1, 5, 4], (2, 2), r.view()).unwrap();
    let lhs: f32 = y.iter().zip(r.iter()).map(|(a, b)| a * b).sum();
    let rhs: f32 = x.iter().zip(dx.iter()).map(|(a, b)| a * b).sum();
    assert!((lhs - rhs).abs() < 1e-5);
    assert!(blur_subsample(x.view(), (0, 2)).unwrap_err().to_string().contains("stride"));
    assert!(blur_subsample_backward([1, 1, 5, 4], (2, 2), x.view()).is_err());
}

#[test]
fn layer_code_and_model_file() {
    let layers = parse_layers("c4k3_relu_mp2b_ap3s2psb_fl_d10").unwrap();
    assert_eq!(
        layers[2],
        LayerConfig::Pool {
            pool: PoolKind::Max,
            size: 2,
            stride: None,
            padding: Padding::Valid,
            dilation: 1,
            antialias: true
        }
    );
    assert!(matches!(layers[3], LayerConfig::Pool { antialias: true, padding: Padding::Same, .. }));
    assert_eq!(print_layers(&layers).unwrap(), "c4k3_relu_mp2b_ap3s2psb_fl_d10");
    let json = serde_json::to_string(&layers[2]).unwrap();
    assert!(json.contains("\"antialias\":true"), "{json}");
    let plain = serde_json::to_string(&parse_layers("mp2").unwrap()[0]).unwrap();
    assert!(!plain.contains("antialias"), "false is left out of files: {plain}");
    let back: LayerConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, layers[2]);
    let config = ModelConfig { input: [1, 12, 12], layers, seed: 1 };
    let mut model = convplay_core::model::Model::new(config).unwrap();
    assert_eq!(model.layers()[2].kind(), "pool");
    let x = Array4::from_elem((2, 1, 12, 12), 0.5f32);
    assert_eq!(model.forward(x.view(), Mode::Eval).unwrap().shape(), &[2, 10]);
}

/// Eight 16×16 "digits": strokes of distinct brightness inside a zero border of 4.
fn digits() -> ndarray::Array3<f32> {
    ndarray::Array3::from_shape_fn((8, 16, 16), |(n, i, j)| {
        let inside = (4..12).contains(&i) && (4..10).contains(&j);
        let stroke = (i + n) % 3 == 0 || (j * (n + 1)) % 4 == 1;
        if inside && stroke {
            0.2 + ((i * 7 + j * 3 + n) % 9) as f32 * 0.1
        } else {
            0.0
        }
    })
}

#[test]
fn blur_reduces_shift_sensitivity_of_max_pool_and_strided_conv() {
    use convplay_core::measure::antialias::{compare_blur, layer_shift_sensitivity, SubsampleLayer};
    let d = digits();
    let pool = SubsampleLayer::MaxPool { size: 2, stride: 2 };
    let plain = layer_shift_sensitivity(d.view(), &pool, 4, false).unwrap();
    assert_eq!(plain.shifts, vec![0, 1, 2, 3, 4]);
    assert_eq!(plain.curve[0], 0.0);
    assert!(plain.curve[2] < 1e-6, "a whole-cell shift is undone exactly: {:?}", plain.curve);
    assert!(plain.curve[1] > 0.1, "{:?}", plain.curve);
    let c = compare_blur(d.view(), &pool, 4).unwrap();
    assert!(c.reduced && c.ratio < 0.8, "max pool: {} → {}", c.plain.one_pixel, c.blurred.one_pixel);
    assert_eq!(c.plain, plain);
    let sobel = vec![-1., 0., 1., -2., 0., 2., -1., 0., 1.];
    let conv = SubsampleLayer::Conv { rows: 3, cols: 3, values: sobel, stride: 2 };
    let c = compare_blur(d.view(), &conv, 4).unwrap();
    assert!(c.reduced && c.ratio < 0.8, "conv: {} → {}", c.plain.one_pixel, c.blurred.one_pixel);
    let e = layer_shift_sensitivity(d.view(), &pool, 0, false).unwrap_err().to_string();
    assert!(e.contains("maxShift"), "{e}");
    let both = SubsampleLayer::ConvMaxPool { rows: 1, cols: 1, values: vec![1.0], size: 2, stride: 2 };
    assert_eq!(compare_blur(d.view(), &both, 4).unwrap(), compare_blur(d.view(), &pool, 4).unwrap());
    let bad = SubsampleLayer::Conv { rows: 3, cols: 3, values: vec![1.0], stride: 2 };
    assert!(compare_blur(d.view(), &bad, 2).unwrap_err().to_string().contains("values"));
}

#[test]
fn model_shift_sensitivity_with_and_without_antialias() {
    use convplay_core::measure::antialias::model_shift_sensitivity;
    let d = digits();
    let run = |code: &str| {
        let config = ModelConfig { input: [1, 16, 16], layers: parse_layers(code).unwrap(), seed: 3 };
        let mut model = convplay_core::model::Model::new(config).unwrap();
        model_shift_sensitivity(&mut model, d.view(), 3).unwrap()
    };
    let plain = run("c4k3_relu_mp2_fl_d10");
    let blurred = run("c4k3_relu_mp2b_fl_d10");
    assert_eq!(plain.digits, 8);
    assert!(plain.one_pixel > 0.0 && blurred.one_pixel > 0.0);
    assert!(blurred.one_pixel.is_finite() && plain.curve.len() == 4);
}
