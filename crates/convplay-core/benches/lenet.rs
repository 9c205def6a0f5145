//! Native throughput of the benchmark network (LeNet-5, valid convolutions, 44,426 parameters):
//! training samples/s with plain SGD at batch 32, inference images/s at batch 32, and batch-1
//! latency. `cargo bench -p convplay-core --bench lenet [-- --json]`
//!
//! With `CONVPLAY_DIGITS` set to an un-gzipped digit file (`www/data/digits.bin.gz`, gunzipped),
//! the batches are real digits; otherwise uniform noise of the same shape.

use std::time::Instant;

use convplay_core::data::digits::parse_digits;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::optim::{Optimizer, OptimizerConfig};
use convplay_core::Rng;
use ndarray::{Array4, Axis, Slice};

const BATCH: usize = 32;

fn batches() -> (Vec<Array4<f32>>, Vec<Vec<usize>>, &'static str) {
    if let Ok(path) = std::env::var("CONVPLAY_DIGITS") {
        let bytes = std::fs::read(&path).expect("CONVPLAY_DIGITS names a readable digit file");
        let train = parse_digits(&bytes).expect("a valid digit file").train;
        let n = train.len() / BATCH;
        let xs = (0..n)
            .map(|b| train.images().slice_axis(Axis(0), Slice::from(b * BATCH..(b + 1) * BATCH)).to_owned())
            .collect();
        let ys = (0..n).map(|b| train.labels()[b * BATCH..(b + 1) * BATCH].to_vec()).collect();
        return (xs, ys, "digits");
    }
    let mut rng = Rng::new(1);
    let x = Array4::from_shape_fn((BATCH, 1, 28, 28), |_| rng.uniform());
    (vec![x], vec![(0..BATCH).map(|i| i % 10).collect()], "noise")
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let mut model = Model::new(ModelConfig::lenet5()).expect("LeNet-5 builds");
    assert_eq!(model.parameter_count(), 44_426);
    let (xs, ys, source) = batches();
    let mut sgd = Optimizer::new(OptimizerConfig::sgd(0.01)).expect("valid");
    let (rounds, steps) = (7, 200);
    let (mut train, mut infer, mut latency) = (Vec::new(), Vec::new(), Vec::new());
    let mut k = 0;
    for _ in 0..20 {
        model.train_step(xs[k % xs.len()].view(), &ys[k % ys.len()], &mut sgd).expect("step");
        k += 1;
    }
    let one = xs[0].slice_axis(Axis(0), Slice::from(0..1)).to_owned();
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..steps {
            model.train_step(xs[k % xs.len()].view(), &ys[k % ys.len()], &mut sgd).expect("step");
            k += 1;
        }
        train.push((steps * BATCH) as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for i in 0..steps {
            model.predict(xs[i % xs.len()].view()).expect("predict");
        }
        infer.push((steps * BATCH) as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..steps {
            model.predict(one.view()).expect("predict");
        }
        latency.push(t.elapsed().as_secs_f64() * 1000.0 / steps as f64);
    }
    let (train, infer, latency) = (median(train), median(infer), median(latency));
    if json {
        println!(
            "{{\"framework\":\"convplay-native\",\"parameters\":{},\"input\":\"{source}\",\"trainSamplesPerSec\":{train:.1},\"inferImagesPerSec\":{infer:.1},\"latencyMs\":{latency:.4}}}",
            model.parameter_count()
        );
    } else {
        println!("LeNet-5 ({source}), batch {BATCH}, median of {rounds} rounds of {steps} steps (native)");
        println!("training   {train:>9.0} samples/s");
        println!("inference  {infer:>9.0} images/s");
        println!("batch 1    {latency:>9.4} ms");
    }
}
