//! End to end: the built-in "0 vs 1 vs 7", augmented, split and saved and read back, trains a
//! small CNN (the editor's code made to give 3 outputs) to well above chance on its test split.

use std::io::Read;

use convplay_core::data::classes::ClassSet;
use convplay_core::data::classes_file::parse_classes;
use convplay_core::data::digits::{parse_digits, DigitSplits};
use convplay_core::data::AugmentOptions;
use convplay_core::model::code::{layers_for_classes, parse_layers};
use convplay_core::model::config::ModelConfig;
use convplay_core::model::Model;
use convplay_core::optim::OptimizerConfig;
use convplay_core::train::{evaluate, EvalOptions, TrainConfig, Trainer};

fn digits() -> DigitSplits {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.bin.gz");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut bytes).unwrap();
    parse_digits(&bytes).unwrap()
}

#[test]
fn the_starter_trains_better_than_chance_on_its_held_out_split() {
    let mut set = ClassSet::starter(&digits(), &[0, 1, 7], 40).unwrap();
    set.augment(&AugmentOptions { copies: 2, ..Default::default() }).unwrap();
    let set = parse_classes(&set.to_bytes()).unwrap();
    let data = set.split(25.0, 3).unwrap();
    assert_eq!((data.train.len(), data.test.len()), (3 * 30 * 3, 3 * 10));
    let code = layers_for_classes("c4k5_relu_mp2_fl_d10", set.classes()).unwrap();
    assert_eq!(code, "c4k5_relu_mp2_fl_d3");
    let model = Model::new(ModelConfig { input: [1, 28, 28], layers: parse_layers(&code).unwrap(), seed: 1 })
        .unwrap();
    let config = TrainConfig { optimizer: OptimizerConfig::adam(0.01), batch_size: 16, seed: 1 };
    let mut t = Trainer::new(model, config).unwrap();
    t.train(&data.train, 60).unwrap();
    let e = evaluate(&mut t.model, &data.test, &EvalOptions::default()).unwrap();
    assert_eq!(e.confusion.len(), 9, "a 3 × 3 confusion matrix");
    assert!(e.accuracy > 0.8, "test accuracy {} (chance 1/3)", e.accuracy);
}
