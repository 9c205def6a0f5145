//! A small two-class dataset and a trainer on it, for the training and labs tests.

use convplay_core::data::Dataset;
use convplay_core::model::code::parse_layers;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::optim::OptimizerConfig;
use convplay_core::train::{TrainConfig, Trainer};
use ndarray::Array4;

/// `n` 1×6×6 images: class 0 bright on the left half, class 1 on the right.
pub fn halves(n: usize) -> Dataset {
    let images = Array4::from_shape_fn((n, 1, 6, 6), |(i, _, r, c)| {
        let on = (c < 3) == (i % 2 == 0);
        if on {
            0.8 + 0.01 * (r as f32)
        } else {
            0.1 * ((i * 7 + r) % 3) as f32
        }
    });
    Dataset::new(images, (0..n).map(|i| i % 2).collect(), 2).unwrap()
}

/// A trainer of the layer code `code` on 1×6×6 inputs: plain SGD at 0.1, batches of `batch`, seed 1.
pub fn trainer(code: &str, batch: usize) -> Trainer {
    let model =
        Model::new(ModelConfig { input: [1, 6, 6], layers: parse_layers(code).unwrap(), seed: 1 }).unwrap();
    Trainer::new(model, TrainConfig { optimizer: OptimizerConfig::sgd(0.1), batch_size: batch, seed: 1 })
        .unwrap()
}
