//! Native throughput of the benchmark network (LeNet-5, valid convolutions, 44,426 parameters):
//! training samples/s with plain SGD at batch 32, and inference images/s at batch 32.
//! `cargo bench -p convplay-core --bench lenet`

use std::time::Instant;

use convplay_core::model::Model;
use convplay_core::model_config::ModelConfig;
use convplay_core::optim::{Optimizer, OptimizerConfig};
use convplay_core::Rng;
use ndarray::Array4;

fn main() {
    let mut model = Model::new(ModelConfig::lenet5()).expect("LeNet-5 builds");
    assert_eq!(model.parameter_count(), 44_426);
    let mut rng = Rng::new(1);
    let x = Array4::from_shape_fn((32, 1, 28, 28), |_| rng.uniform());
    let labels: Vec<usize> = (0..32).map(|i| i % 10).collect();
    let mut sgd = Optimizer::new(OptimizerConfig::sgd(0.01)).expect("valid");
    let rounds = 7;
    let steps = 100;
    let mut train = Vec::new();
    let mut infer = Vec::new();
    for _ in 0..3 {
        model.train_step(x.view(), &labels, &mut sgd).expect("step");
    }
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..steps {
            model.train_step(x.view(), &labels, &mut sgd).expect("step");
        }
        train.push((steps * 32) as f64 / t.elapsed().as_secs_f64());
        let t = Instant::now();
        for _ in 0..steps {
            model.predict(x.view()).expect("predict");
        }
        infer.push((steps * 32) as f64 / t.elapsed().as_secs_f64());
    }
    train.sort_by(|a, b| a.total_cmp(b));
    infer.sort_by(|a, b| a.total_cmp(b));
    println!("LeNet-5, batch 32, median of {rounds} rounds of {steps} steps (native)");
    println!("training   {:>9.0} samples/s", train[rounds / 2]);
    println!("inference  {:>9.0} images/s", infer[rounds / 2]);
}
