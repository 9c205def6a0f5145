//! Data-parallel training (train/parallel.rs): a batch split into shards whose gradients are
//! summed in shard order gives the weights of one worker's step, to rounding; one shard gives them
//! exactly; batch norm and dropout networks are refused; bad shards are errors.

use std::io::Read;

use convplay_core::data::digits::{parse_digits, DigitSplits};
use convplay_core::model::code::parse_layers;
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::optim::OptimizerConfig;
use convplay_core::train::{parallel_blocker, ShardGradients, TrainConfig, Trainer};

fn digits() -> DigitSplits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.bin.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    parse_digits(&bytes).unwrap()
}

fn trainer(code: &str, optimizer: OptimizerConfig) -> Trainer {
    let model =
        Model::new(ModelConfig { input: [1, 28, 28], layers: parse_layers(code).unwrap(), seed: 5 }).unwrap();
    Trainer::new(model, TrainConfig { optimizer, batch_size: 12, seed: 9 }).unwrap()
}

/// `steps` steps of the coordinator `lead` with `workers - 1` helpers, shards of the batch split
/// as evenly as possible in order.
fn train_parallel(lead: &mut Trainer, helpers: &mut [Trainer], data: &DigitSplits, steps: usize) -> f32 {
    let mut loss = 0.0;
    for _ in 0..steps {
        let batch = lead.next_batch(&data.train).unwrap();
        let workers = helpers.len() + 1;
        let w = lead.weights();
        let mut shards: Vec<ShardGradients> = Vec::new();
        for s in 0..workers {
            let part = &batch[s * batch.len() / workers..(s + 1) * batch.len() / workers];
            let t = if s == 0 { &mut *lead } else { &mut helpers[s - 1] };
            if s > 0 {
                t.set_weights(&w).unwrap();
            }
            shards.push(t.shard_gradients(&data.train, part, batch.len()).unwrap());
        }
        loss = lead.apply_shards(&shards).unwrap().loss;
    }
    loss
}

const CNN: &str = "c4k5_relu_mp2_c8k3_relu_mp2_fl_d16_relu_d10";

#[test]
fn two_and_three_workers_reach_one_workers_weights_to_rounding() {
    let data = digits();
    for optimizer in
        [OptimizerConfig::Sgd { lr: 0.05, momentum: 0.9, weight_decay: 1e-4 }, OptimizerConfig::adam(0.003)]
    {
        let mut one = trainer(CNN, optimizer.clone());
        let p = one.train(&data.train, 50).unwrap();
        for workers in [2, 3] {
            let mut lead = trainer(CNN, optimizer.clone());
            let mut helpers: Vec<Trainer> = (1..workers).map(|_| trainer(CNN, optimizer.clone())).collect();
            let loss = train_parallel(&mut lead, &mut helpers, &data, 50);
            assert_eq!((lead.steps(), lead.epochs()), (one.steps(), one.epochs()));
            let worst =
                one.weights().iter().zip(lead.weights()).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
            // Stated tolerance: 50 steps, weights within 1e-4 (the same batches; only the order of
            // the batch's sum differs).
            assert!(worst <= 1e-4, "{optimizer:?}, {workers} workers: weights differ by {worst}");
            assert!(loss.is_finite() && p.loss.is_finite());
        }
    }
}

#[test]
fn one_shard_is_exactly_one_workers_step() {
    let data = digits();
    let mut one = trainer(CNN, OptimizerConfig::sgd(0.05));
    let mut lead = trainer(CNN, OptimizerConfig::sgd(0.05));
    for _ in 0..10 {
        let a = one.step(&data.train).unwrap();
        let batch = lead.next_batch(&data.train).unwrap();
        let shard = lead.shard_gradients(&data.train, &batch, batch.len()).unwrap();
        let b = lead.apply_shards(&[shard]).unwrap();
        assert_eq!(a.accuracy, b.accuracy);
        assert!((a.loss - b.loss).abs() <= 1e-6 * a.loss.abs());
    }
    assert_eq!(one.weights(), lead.weights());
}

#[test]
fn batch_norm_and_dropout_networks_train_on_one_worker() {
    let data = digits();
    assert_eq!(parallel_blocker(&trainer(CNN, OptimizerConfig::sgd(0.1))), None);
    for (code, kind) in [("c4k5_bn_relu_fl_d10", "batchNorm"), ("c4k5_relu_fl_do20_d10", "dropout")] {
        let mut t = trainer(code, OptimizerConfig::sgd(0.1));
        assert_eq!(parallel_blocker(&t), Some(kind));
        let e = t.shard_gradients(&data.train, &[0, 1], 2).unwrap_err().to_string();
        assert!(e.contains(kind) && e.contains("one worker"), "{e}");
    }
}

#[test]
fn bad_shards_and_weights_are_errors_that_change_nothing() {
    let data = digits();
    let mut t = trainer(CNN, OptimizerConfig::sgd(0.1));
    let before = t.weights();
    let n = data.train.len();
    assert!(t.shard_gradients(&data.train, &[], 4).unwrap_err().to_string().contains("indices"));
    assert!(t.shard_gradients(&data.train, &[0, 1, 2], 2).unwrap_err().to_string().contains("1 to 2"));
    assert!(t.shard_gradients(&data.train, &[n], 2).unwrap_err().to_string().contains("below"));
    assert!(t.apply_shards(&[]).unwrap_err().to_string().contains("shards"));
    let short = ShardGradients { grads: vec![0.0; 3], loss_sum: 0.0, correct: 0, count: 1 };
    assert!(t.apply_shards(&[short]).unwrap_err().to_string().contains("gradients each"));
    let mut nan = ShardGradients { grads: vec![0.0; before.len()], loss_sum: 0.0, correct: 0, count: 1 };
    nan.grads[0] = f32::NAN;
    assert!(t.apply_shards(&[nan]).is_err());
    assert!(t.set_weights(&before[1..]).unwrap_err().to_string().contains("values"));
    let mut inf = before.clone();
    inf[3] = f32::INFINITY;
    assert!(t.set_weights(&inf).unwrap_err().to_string().contains("finite"));
    assert_eq!(t.weights(), before);
    assert_eq!(t.steps(), 0);
}
