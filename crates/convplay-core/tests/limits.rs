//! The limits of `convplay_core::limits`, each answered in words before anything is allocated
//! (the reproductions of issue 12 among them), and a sweep of small geometries in which every
//! convolution and pooling either answers or says why not, never panics.

use convplay_core::conv::signal::{conv1d, Conv1dParams};
use convplay_core::conv::trace::conv2d_trace;
use convplay_core::conv::{conv2d, conv2d_backward, Conv2dParams};
use convplay_core::data::digits::parse_digits;
use convplay_core::data::Dataset;
use convplay_core::init::{draw, Init};
use convplay_core::limits::{self, MAX_ELEMENTS};
use convplay_core::linear::dense;
use convplay_core::measure::receptive_field::{receptive_field_sizes, trace_back};
use convplay_core::model::code::parse_layers;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::describe::describe;
use convplay_core::model::file::{load_model, save_model, MAGIC};
use convplay_core::model::Model;
use convplay_core::optim::OptimizerConfig;
use convplay_core::pool::{gaussian_weights, pool2d, pool2d_backward, pool2d_trace, Pool2dConfig, PoolKind};
use convplay_core::train::{TrainConfig, Trainer};
use convplay_core::{Error, Padding, Window2d};
use ndarray::{Array2, Array4};

fn message<T: std::fmt::Debug>(r: convplay_core::Result<T>) -> String {
    r.unwrap_err().to_string()
}

fn zeros(shape: [usize; 4]) -> Array4<f32> {
    Array4::zeros(shape)
}

fn conv_msg(x: [usize; 4], w: [usize; 4], p: Conv2dParams) -> String {
    message(conv2d(zeros(x).view(), zeros(w).view(), None, &p))
}

fn model(input: [usize; 3], code: &str) -> ModelConfig {
    ModelConfig { input, layers: parse_layers(code).unwrap(), seed: 1 }
}

fn train_config(batch_size: usize) -> TrainConfig {
    TrainConfig { optimizer: OptimizerConfig::sgd(0.1), batch_size, seed: 1 }
}

#[test]
fn convolution_sizes_and_work() {
    let explicit = |y, x| Conv2dParams { padding: Padding::Explicit { y, x }, ..Default::default() };
    assert_eq!(
        conv_msg([1, 1, 5, 5], [1, 1, 3, 3], explicit(4096, 4096)),
        "conv2d: padding must be at most 256 on each side, got 4,096×4,096"
    );
    let dilated = Conv2dParams { dilation: (4096, 4096), ..Default::default() };
    assert_eq!(
        conv_msg([1, 1, 5, 5], [1, 1, 3, 3], dilated),
        "conv2d: dilation must be at most 64 on each side, got 4,096×4,096"
    );
    let wide = Conv2dParams { dilation: (64, 64), padding: Padding::Full, ..Default::default() };
    assert_eq!(
        conv_msg([1, 1, 5, 5], [1, 1, 64, 64], wide),
        "conv2d: kernel 64×64 with dilation 64×64 spans 4,033×4,033 pixels; the limit is 1,024 on each side"
    );
    let strided = Conv2dParams { stride: (0, 300), ..Default::default() };
    assert_eq!(conv_msg([1, 1, 5, 5], [1, 1, 3, 3], strided), "conv2d: stride must be at least 1, got 0×300");
    let full = Conv2dParams { padding: Padding::Full, ..Default::default() };
    assert_eq!(
        conv_msg([1, 1, 5, 5], [1, 1, 257, 3], full),
        "conv2d: kernel must be at most 256 on each side, got 257×3"
    );
    // 32 filters over a 1024×1024 image: 33,554,432 output values.
    assert_eq!(
        conv_msg([1, 1, 1024, 1024], [32, 1, 1, 1], Conv2dParams::default()),
        "conv2d: the output would have 33,554,432 values; the limit is 16,777,216"
    );
    let same = Conv2dParams { padding: Padding::Same, ..Default::default() };
    assert_eq!(
        conv_msg([1, 64, 128, 128], [256, 64, 3, 3], same),
        "conv2d: this convolution would take 2,415,919,104 multiply-adds; the limit is 1,073,741,824 per call"
    );
    // The input itself: 8192 × 8192 is refused where it becomes a tensor.
    let e = convplay_core::tensor::array4("conv2d", "input", &[1, 1, 8192, 8192], Vec::new()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "conv2d: input [1, 1, 8192, 8192] has 67,108,864 values; the limit is 16,777,216"
    );
    let dy = zeros([1, 1, 3, 3]);
    let e = message(conv2d_backward(
        zeros([1, 1, 5, 5]).view(),
        zeros([1, 1, 3, 3]).view(),
        dy.view(),
        &explicit(300, 0),
    ));
    assert_eq!(e, "conv2d: padding must be at most 256 on each side, got 300×0");
}

#[test]
fn a_trace_has_at_most_65536_terms() {
    let same = Conv2dParams { padding: Padding::Same, ..Default::default() };
    let (x, w) = (zeros([1, 2, 1, 1]), zeros([1, 2, 256, 256]));
    let e = message(conv2d_trace(x.view(), w.view(), None, &same, 0, 0, 0, 0));
    assert_eq!(
        e,
        "conv2dTrace: the trace would have 131,072 terms (channels × kernel taps); the limit is 65,536"
    );
    let one = zeros([1, 1, 256, 256]);
    let t = conv2d_trace(zeros([1, 1, 1, 1]).view(), one.view(), None, &same, 0, 0, 0, 0).unwrap();
    assert_eq!(t.terms.len(), 65_536);
    // The reproduction: a 4096 × 4096 kernel is refused by its side before its terms are counted.
    let p = Conv2dParams { padding: Padding::Full, ..Default::default() };
    let big = Array4::<f32>::zeros((1, 1, 4096, 4096));
    let e = message(conv2d_trace(zeros([1, 1, 4, 4]).view(), big.view(), None, &p, 0, 0, 0, 0));
    assert_eq!(e, "conv2d: kernel must be at most 256 on each side, got 4,096×4,096");
}

#[test]
fn signals_pooling_and_dense() {
    let e = message(conv1d(&[1.0; 100], &[1.0; 300], &Conv1dParams::default()));
    assert_eq!(e, "conv1d: kernel must be at most 256 on each side, got 1×300");
    let long = vec![0.0f32; MAX_ELEMENTS + 1];
    assert_eq!(
        message(conv1d(&long, &[1.0], &Conv1dParams::default())),
        "conv1d: x holds 16,777,217 values; the limit is 16,777,216"
    );
    let pool = |kind, size, padding| Pool2dConfig {
        kind,
        window: Window2d::square(size).with_stride(size).with_padding(padding),
    };
    let x = zeros([1, 1, 8, 8]);
    let e = message(pool2d(x.view(), &pool(PoolKind::Max, 2, Padding::Explicit { y: 4096, x: 4096 })));
    assert_eq!(e, "pool2d: padding must be at most 256 on each side, got 4,096×4,096");
    let e = message(pool2d(x.view(), &pool(PoolKind::Gaussian { sigma: 1.0 }, 4096, Padding::Same)));
    assert_eq!(e, "pool2d: kernel must be at most 256 on each side, got 4,096×4,096");
    assert_eq!(
        message(gaussian_weights((4096, 4096), 1.0)),
        "pool2d: kernel must be at most 256 on each side, got 4,096×4,096"
    );
    let wide =
        Pool2dConfig { kind: PoolKind::Average, window: Window2d::square(256).with_padding(Padding::Same) };
    let e = message(pool2d(zeros([1, 1, 256, 256]).view(), &wide));
    assert_eq!(
        e,
        "pool2d: this pooling would take 4,294,967,296 multiply-adds; the limit is 1,073,741,824 per call"
    );
    let e = message(pool2d_backward(zeros([1, 1, 256, 256]).view(), &wide, zeros([1, 1, 256, 256]).view()));
    assert!(e.starts_with("pool2d: this pooling would take"), "{e}");
    assert!(pool2d_trace(zeros([1, 1, 256, 256]).view(), &wide, 0, 0, 0, 0).is_ok(), "one window is cheap");
    let (x, w, b) =
        (Array2::<f32>::zeros((512, 4096)), Array2::<f32>::zeros((1024, 4096)), vec![0.0f32; 1024]);
    let e = message(dense(x.view(), w.view(), ndarray::ArrayView1::from(&b)));
    assert_eq!(
        e,
        "dense: this dense layer would take 2,147,483,648 multiply-adds; the limit is 1,073,741,824 per call"
    );
}

#[test]
fn weights_drawn_and_receptive_fields() {
    let e = message(draw(&Init::HeNormal, &[16384, 16384], 1));
    assert_eq!(e, "initWeights: shape [16384, 16384] has 268,435,456 values; the limit is 4,194,304");
    assert!(draw(&Init::HeNormal, &[2048, 2048], 1).is_ok(), "exactly the limit");
    let stride0 = Window2d::square(3).with_stride(0);
    assert_eq!(
        message(receptive_field_sizes(&[Window2d::square(3), stride0])),
        "receptiveFieldSizes: stride must be at least 1, got 0×0 (layer 2)"
    );
    let huge = Window2d::square(u32::MAX as usize);
    assert_eq!(
        message(receptive_field_sizes(&[huge])),
        "receptiveFieldSizes: kernel must be at most 256 on each side, got 4,294,967,295×4,294,967,295 (layer 1)"
    );
    let strided = [Window2d::square(2).with_stride(256); 4];
    assert_eq!(
        message(receptive_field_sizes(&strided)),
        "receptiveFieldSizes: after layer 4 a unit would see or step 4,294,967,296 pixels; the limit is 16,777,216"
    );
    assert_eq!(receptive_field_sizes(&strided[..3]).unwrap()[2].jump, (16_777_216, 16_777_216));
    let many = vec![Window2d::square(1); 65];
    assert_eq!(
        message(trace_back((8, 8), &many, 0, 0, 0)),
        "receptiveField: layers must be at most 64, got 65"
    );
    assert_eq!(
        message(receptive_field_sizes(&many)),
        "receptiveFieldSizes: layers must be at most 64, got 65"
    );
    let e = message(trace_back((1 << 20, 1 << 20), &[Window2d::square(3)], 0, 0, 0));
    assert_eq!(
        e,
        "receptiveField: input [1048576, 1048576] has 1,099,511,627,776 values; the limit is 16,777,216"
    );
}

#[test]
fn models_are_checked_before_any_weight_exists() {
    let input = |input| message(Model::new(model(input, "fl_d10")));
    assert_eq!(input([65536, 65536, 1]), "model: input channels must be at most 4,096, got 65,536");
    assert_eq!(
        input([1, 65536, 65536]),
        "model: input must be at most 1,024 on each side, got 65,536×65,536"
    );
    assert_eq!(
        input([8, 1024, 1024]),
        "model: input [8, 1024, 1024] has 8,388,608 values; the limit is 4,194,304"
    );
    // The site's `fl_d9999_…`: 408 million parameters, refused at the first layer over the limit,
    // which a description still shows.
    let c = model([1, 28, 28], "fl_d9999_d9999_d9999_d9999_d9999_d10");
    let d = describe(&c).unwrap();
    assert_eq!((d.layers.len(), d.parameter_count), (2, 7_849_215));
    let p = d.problem.unwrap();
    assert_eq!(p.layer, 1);
    assert_eq!(
        p.message,
        "model: layer 2 (dense) brings the model to 7,849,215 learnable parameters; the limit is 4,194,304"
    );
    assert_eq!(message(Model::new(c)), p.message);
    let two = model([1, 128, 128], "fl_d16384_d16384_d10");
    assert_eq!(
        message(Model::new(two)),
        "model: layer 2 (dense): dense: weight [16384, 16384] has 268,435,456 values; the limit is 16,777,216"
    );
    assert!(Model::new(ModelConfig::lenet5()).is_ok(), "LeNet-5 fits");
    // A layer whose one image is too much work.
    let e = message(Model::new(model([64, 128, 128], "c256k3ps_relu_fl_d10")));
    assert_eq!(
        e,
        "model: layer 1 (conv2d) on one image would take 2,415,919,104 multiply-adds; the limit is 1,073,741,824 per call"
    );
}

#[test]
fn batches_and_calls_of_a_trainer() {
    // `?layers=c999k1_relu_fl_d10&batch=256` is refused for its 7,834,168 parameters; averaged before
    // the dense layer, its first layer still holds 200 million values on a batch of 256.
    let e = message(Model::new(model([1, 28, 28], "c999k1_relu_fl_d10")));
    assert_eq!(
        e,
        "model: layer 4 (dense) brings the model to 7,834,168 learnable parameters; the limit is 4,194,304"
    );
    let m = Model::new(model([1, 28, 28], "c999k1_relu_ap28_fl_d10")).unwrap();
    assert_eq!(
        message(Trainer::new(m, train_config(256))),
        "train: layer 1 (conv2d) on a batch of 256 would have 200,503,296 values; the limit is 16,777,216"
    );
    let m = Model::new(model([1, 28, 28], "c999k1_relu_ap28_fl_d10")).unwrap();
    assert!(Trainer::new(m, train_config(16)).is_ok(), "a batch of 16 fits");
    let mut m = Model::new(model([1, 28, 28], "c999k1_relu_ap28_fl_d10")).unwrap();
    let e = message(m.predict(Array4::<f32>::zeros((64, 1, 28, 28)).view()));
    assert_eq!(
        e,
        "model: layer 1 (conv2d) on a batch of 64 would have 50,125,824 values; the limit is 16,777,216"
    );
    let e = message(m.predict(Array4::<f32>::zeros((4097, 1, 1, 1)).view()));
    assert!(e.starts_with("model: input batch has shape [4097, 1, 1, 1]"), "{e}");
    let e = message(m.predict(Array4::<f32>::zeros((4097, 1, 28, 28)).view()));
    assert_eq!(e, "model: batch must be at most 4,096, got 4,097");
    let data = Dataset::new(Array4::zeros((40, 1, 28, 28)), (0..40).map(|i| i % 10).collect(), 10).unwrap();
    let mut t = Trainer::new(Model::new(model([1, 28, 28], "fl_d10")).unwrap(), train_config(32)).unwrap();
    assert_eq!(
        message(t.train(&data, 10_000)),
        "train: 10,000 steps of 32 images would be 320,000 images; the limit is 262,144 per call"
    );
    assert_eq!(message(t.train(&data, u32::MAX as usize)), "train: steps must be 1 to 10000, got 4294967295");
    let mut t = Trainer::new(Model::new(model([1, 28, 28], "fl_d10")).unwrap(), train_config(4096)).unwrap();
    assert!(t.train(&data, 64).is_ok(), "64 × 4,096 = 262,144: exactly the limit");
    assert!(t.train(&data, 65).is_err());
    assert_eq!(t.steps(), 64);
}

fn model_file(config_json: &str) -> Vec<u8> {
    let header = format!(r#"{{"config":{config_json},"tensors":[]}}"#);
    let mut b = MAGIC.to_vec();
    b.extend_from_slice(&(header.len() as u32).to_le_bytes());
    b.extend_from_slice(header.as_bytes());
    b
}

fn digit_file(count: u32, train: u32, rows: u16, cols: u16) -> Vec<u8> {
    let mut b = b"CPDIGIT1".to_vec();
    b.extend_from_slice(&count.to_le_bytes());
    b.extend_from_slice(&train.to_le_bytes());
    b.extend_from_slice(&rows.to_le_bytes());
    b.extend_from_slice(&cols.to_le_bytes());
    b
}

#[test]
fn files_with_lying_headers() {
    let e = message(load_model(&model_file(
        r#"{"input":[1,65536,65536],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":10}]}"#,
    )));
    assert_eq!(e, "model file: its architecture is invalid: model: input must be at most 1,024 on each side, got 65,536×65,536");
    let e = message(load_model(&model_file(
        r#"{"input":[1,128,128],"layers":[{"kind":"flatten"},{"kind":"dense","outFeatures":16384},{"kind":"dense","outFeatures":16384}]}"#,
    )));
    assert!(
        e.ends_with(
            "layer 2 (dense): dense: weight [16384, 16384] has 268,435,456 values; the limit is 16,777,216"
        ),
        "{e}"
    );
    let big = vec![0u8; limits::MAX_FILE_BYTES + 1];
    assert_eq!(
        message(load_model(&big)),
        "model file: the file has 67,108,865 bytes; the limit is 67,108,864"
    );
    assert_eq!(
        message(parse_digits(&big)),
        "digit file: the file has 67,108,865 bytes; the limit is 67,108,864"
    );
    let e = message(parse_digits(&digit_file(65_536, 60_000, 256, 256)));
    assert_eq!(
        e,
        "digit file: 65,536 digits of 256×256 would have 4,294,967,296 values; the limit is 16,777,216"
    );
    let e = message(parse_digits(&digit_file(65_537, 1, 1, 1)));
    assert_eq!(e, "digit file: count must be at most 65,536, got 65,537");
    let e = message(parse_digits(&digit_file(1, 1, 2048, 1)));
    assert_eq!(e, "digit file: digit must be at most 1,024 on each side, got 2,048×1");
    // A file that keeps its word still loads.
    let m = Model::new(model([1, 4, 4], "fl_d2")).unwrap();
    assert!(load_model(&save_model(&m).unwrap()).is_ok());
}

#[test]
fn a_layer_code_has_a_length() {
    let code = "relu_".repeat(2000);
    assert_eq!(message(parse_layers(&code)), "layer code: code length must be at most 4,096, got 10,000");
}

#[test]
fn limit_errors_name_their_argument() {
    let explicit = Conv2dParams { padding: Padding::Explicit { y: 999, x: 0 }, ..Default::default() };
    let r = conv2d(zeros([1, 1, 2, 2]).view(), zeros([1, 1, 1, 1]).view(), None, &explicit);
    assert!(matches!(r, Err(Error::Limit { op: "conv2d", arg: "padding", .. })), "{r:?}");
}

/// Every input gradient and output of a convolution, summed term by term from the window
/// arithmetic alone (no im2col, no fast path).
fn naive(x: &Array4<f32>, w: &Array4<f32>, dy: &Array4<f32>, p: &Conv2dParams) -> (Array4<f32>, Array4<f32>) {
    let (c, o) = (x.shape()[1], w.shape()[0]);
    let g = p.geometry(x.shape(), w.shape(), None).unwrap();
    let mut y = Array4::zeros((1, o, g.out_h, g.out_w));
    let mut dx = Array4::zeros(x.raw_dim());
    for f in 0..o {
        for oy in 0..g.out_h {
            for ox in 0..g.out_w {
                for ch in 0..c {
                    for ky in 0..g.k_h {
                        for kx in 0..g.k_w {
                            let (iy, ix) = (g.input_row(oy, ky), g.input_col(ox, kx));
                            if g.inside(iy, ix) {
                                let (iy, ix) = (iy as usize, ix as usize);
                                y[[0, f, oy, ox]] += x[[0, ch, iy, ix]] * w[[f, ch, ky, kx]];
                                dx[[0, ch, iy, ix]] += dy[[0, f, oy, ox]] * w[[f, ch, ky, kx]];
                            }
                        }
                    }
                }
            }
        }
    }
    (y, dx)
}

#[test]
fn every_small_geometry_answers_and_agrees_with_the_window_sums() {
    let paddings = [
        Padding::Valid,
        Padding::Same,
        Padding::Full,
        Padding::Explicit { y: 1, x: 2 },
        Padding::Explicit { y: 3, x: 0 },
    ];
    let (mut computed, mut refused) = (0, 0);
    for (h, w) in [(1, 1), (1, 8), (2, 2), (3, 1), (4, 6), (8, 8)] {
        let x = Array4::from_shape_fn((1, 2, h, w), |(_, c, i, j)| (c * 31 + i * 7 + j) as f32 % 5.0 - 2.0);
        for (kh, kw) in [(1, 1), (2, 3), (3, 3), (5, 2), (7, 7)] {
            let k = Array4::from_shape_fn((2, 2, kh, kw), |(o, c, i, j)| {
                (o * 13 + c * 5 + i * 3 + j) as f32 % 7.0 - 3.0
            });
            for padding in paddings {
                for s in 1..=3 {
                    for d in 1..=3 {
                        let p = Conv2dParams {
                            stride: (s, s.max(2) - 1),
                            padding,
                            dilation: (d, d),
                            ..Default::default()
                        };
                        let Ok(y) = conv2d(x.view(), k.view(), None, &p) else {
                            refused += 1;
                            continue;
                        };
                        let dy = y.mapv(|v| v * 0.5 - 1.0);
                        let (y_ref, dx_ref) = naive(&x, &k, &dy, &p);
                        let g = conv2d_backward(x.view(), k.view(), dy.view(), &p).unwrap();
                        let close = |a: &Array4<f32>, b: &Array4<f32>| {
                            a.iter().zip(b).all(|(u, v)| (u - v).abs() < 1e-3)
                        };
                        assert!(close(&y, &y_ref), "forward {h}×{w} k{kh}×{kw} {padding:?} s{s} d{d}");
                        assert!(
                            close(&g.input, &dx_ref),
                            "input gradient {h}×{w} k{kh}×{kw} {padding:?} s{s} d{d}"
                        );
                        let t =
                            conv2d_trace(x.view(), k.view(), None, &p, 0, 1, y.shape()[2] - 1, 0).unwrap();
                        assert!((t.result - y[[0, 1, y.shape()[2] - 1, 0]]).abs() < 1e-3);
                        for kind in [
                            PoolKind::Max,
                            PoolKind::Average,
                            PoolKind::L2,
                            PoolKind::Gaussian { sigma: 1.0 },
                        ] {
                            let window = p.window(kh, kw);
                            let c = Pool2dConfig { kind, window };
                            let out = pool2d(x.view(), &c).unwrap();
                            let back = pool2d_backward(x.view(), &c, out.view()).unwrap();
                            assert_eq!(back.shape(), x.shape());
                            let t = pool2d_trace(x.view(), &c, 0, 1, 0, out.shape()[3] - 1).unwrap();
                            assert!((t.result - out[[0, 1, 0, out.shape()[3] - 1]]).abs() < 1e-4);
                        }
                        computed += 1;
                    }
                }
            }
        }
    }
    assert!(computed > 800 && refused > 100, "{computed} computed, {refused} refused");
}
