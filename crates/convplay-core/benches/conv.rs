//! Native micro-benchmark of the convolution layer, forward and backward, on LeNet-5's two
//! convolutions at batch 32 (windows read in place), a "same" 3×3 layer, and a stride-2 layer
//! (windows through im2col): `cargo bench -p convplay-core --bench conv`.
//!
//! Prints the median of several timed rounds after a warm-up, as milliseconds per batch and
//! GFLOP/s (2 FLOP per multiply-add; backward counts the weight and the input gradient).

use std::time::Instant;

use convplay_core::conv::layer::{Conv2d, Conv2dConfig};
use convplay_core::{Layer, Mode, Rng};
use ndarray::Array4;

fn median_ms(mut f: impl FnMut(), rounds: usize) -> f64 {
    for _ in 0..3 {
        f();
    }
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[rounds / 2]
}

fn bench(name: &str, batch: usize, cfg: Conv2dConfig, hw: usize) {
    let mut rng = Rng::new(1);
    let mut layer = Conv2d::new(cfg).expect("valid config");
    for p in layer.params_mut() {
        p.value.mapv_inplace(|_| rng.normal() * 0.1);
    }
    let x = Array4::from_shape_fn((batch, cfg.in_channels, hw, hw), |_| rng.uniform());
    let [o, oh, ow] = layer.output_shape([cfg.in_channels, hw, hw]).expect("fits");
    let macs = (batch * o * oh * ow * cfg.in_channels * cfg.kernel.0 * cfg.kernel.1) as f64;
    let dy = Array4::from_shape_fn((batch, o, oh, ow), |_| rng.normal());
    let fwd = median_ms(|| layer.forward(x.view(), Mode::Train, &mut rng).expect("forward"), 21);
    let bwd = median_ms(|| layer.backward(x.view(), dy.view()).expect("backward"), 21);
    println!(
        "{name:<34} forward {fwd:7.3} ms ({:5.1} GFLOP/s)   backward {bwd:7.3} ms ({:5.1} GFLOP/s)",
        2.0 * macs / fwd / 1e6,
        4.0 * macs / bwd / 1e6
    );
}

fn main() {
    println!("convolution layer, batch 32, median of 21 rounds");
    bench("LeNet conv1 1→6, 5×5 on 28×28", 32, Conv2dConfig::new(1, 6, 5), 28);
    bench("LeNet conv2 6→16, 5×5 on 12×12", 32, Conv2dConfig::new(6, 16, 5), 12);
    bench(
        "3×3 same 16→32 on 28×28",
        32,
        Conv2dConfig { padding: convplay_core::Padding::Same, ..Conv2dConfig::new(16, 32, 3) },
        28,
    );
    bench(
        "5×5 stride 2 6→16 28×28, im2col",
        32,
        Conv2dConfig { stride: (2, 2), ..Conv2dConfig::new(6, 16, 5) },
        28,
    );
}
