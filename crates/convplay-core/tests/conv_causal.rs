//! Causal and dilated 1-D convolution: the definition, the past-only property, agreement with
//! the ordinary convolution sum, finite-difference gradients, and the WaveNet stack's receptive
//! field and dependency tree.
mod common;

use common::check_gradient;
use convplay_core::conv::causal::{
    causal_stack, conv1d_causal, conv1d_causal_backward, CausalParams, StackSpec,
};
use convplay_core::conv::signal::{conv1d, Conv1dParams};
use convplay_core::Rng;
use ndarray::{ArrayD, IxDyn};

fn signal(n: usize, rng: &mut Rng) -> Vec<f32> {
    (0..n).map(|_| rng.uniform_range(-1.0, 1.0)).collect()
}

/// The definition, written out.
fn direct(x: &[f32], h: &[f32], d: usize, lead: usize) -> Vec<f32> {
    (0..x.len())
        .map(|n| {
            (0..h.len())
                .map(|k| {
                    let m = n as isize + lead as isize - (k * d) as isize;
                    if m >= 0 && (m as usize) < x.len() {
                        h[k] * x[m as usize]
                    } else {
                        0.0
                    }
                })
                .sum()
        })
        .collect()
}

#[test]
fn matches_the_definition() {
    let mut rng = Rng::new(3);
    for (k, d) in [(1, 1), (2, 1), (2, 4), (3, 2), (5, 3)] {
        let (x, h) = (signal(17, &mut rng), signal(k, &mut rng));
        let p = CausalParams { dilation: d, causal: true };
        assert_eq!(conv1d_causal(&x, &h, &p).unwrap(), direct(&x, &h, d, 0));
        let p = CausalParams { dilation: d, causal: false };
        assert_eq!(conv1d_causal(&x, &h, &p).unwrap(), direct(&x, &h, d, (d * (k - 1)).div_ceil(2)));
    }
}

#[test]
fn causal_is_the_first_samples_of_the_full_convolution_sum() {
    // y = x * h with full padding, cut to len(x): the lecture's convolution sum.
    let (x, h) = ([1., 2., 3., 1., 2.], [1., 0.5, 0.25]);
    let full = conv1d(&x, &h, &Conv1dParams::default()).unwrap();
    assert_eq!(conv1d_causal(&x, &h, &CausalParams::default()).unwrap(), full[..5].to_vec());
}

#[test]
fn a_future_sample_never_changes_a_causal_output() {
    let mut rng = Rng::new(9);
    let (x, h) = (signal(20, &mut rng), signal(3, &mut rng));
    let p = CausalParams { dilation: 3, causal: true };
    let y = conv1d_causal(&x, &h, &p).unwrap();
    for future in 0..20 {
        let mut x2 = x.clone();
        x2[future] += 5.0;
        let y2 = conv1d_causal(&x2, &h, &p).unwrap();
        assert_eq!(y[..future], y2[..future], "outputs before {future} moved");
        assert_ne!(y[future], y2[future]);
    }
    // Centred: output 0 already sees sample 3 (lead ⌈3·2/2⌉ = 3).
    let p = CausalParams { dilation: 3, causal: false };
    let (a, mut x2) = (conv1d_causal(&x, &h, &p).unwrap(), x.clone());
    x2[3] += 5.0;
    assert_ne!(a[0], conv1d_causal(&x2, &h, &p).unwrap()[0]);
}

#[test]
fn gradients_match_finite_differences() {
    let mut rng = Rng::new(21);
    for causal in [true, false] {
        let (x, h, r) = (signal(12, &mut rng), signal(3, &mut rng), signal(12, &mut rng));
        let p = CausalParams { dilation: 2, causal };
        let g = conv1d_causal_backward(&x, &h, &r, &p).unwrap();
        let dyn1 = |v: &[f32]| ArrayD::from_shape_vec(IxDyn(&[v.len()]), v.to_vec()).unwrap();
        let loss = |x: &[f32], h: &[f32]| {
            conv1d_causal(x, h, &p)
                .unwrap()
                .iter()
                .zip(&r)
                .map(|(a, b)| (*a as f64) * (*b as f64))
                .sum::<f64>()
        };
        check_gradient("x", &dyn1(&x), &dyn1(&g.x), |v| loss(v.as_slice().unwrap(), &h));
        check_gradient("h", &dyn1(&h), &dyn1(&g.h), |v| loss(&x, v.as_slice().unwrap()));
    }
    assert!(conv1d_causal_backward(&[1., 2.], &[1.], &[1.], &CausalParams::default()).is_err());
}

#[test]
fn receptive_field_doubles_with_dilation() {
    let x: Vec<f32> = (0..32).map(|i| i as f32).collect();
    let spec = StackSpec { kernel: vec![0.5, 0.5], dilations: vec![1, 2, 4, 8], causal: true };
    let s = causal_stack(&x, &spec, 31).unwrap();
    let fields: Vec<usize> = s.levels.iter().map(|l| l.receptive_field).collect();
    assert_eq!(fields, vec![1, 2, 4, 8, 16]);
    // The tree: 1, 2, 4, 8 samples per layer, then the 16 input samples 16..=31.
    let sizes: Vec<usize> = s.levels.iter().rev().map(|l| l.depends.len()).collect();
    assert_eq!(sizes, vec![1, 2, 4, 8, 16]);
    assert_eq!((s.first, s.last, s.past_only), (16, 31, true));
    // Averaging a ramp by 2 four times lags it by (1 + 2 + 4 + 8)/2 = 7.5.
    assert!((s.levels[4].values[31] - 23.5).abs() < 1e-5);
    // Each level is conv1d_causal of the one below.
    for l in 1..5 {
        let p = CausalParams { dilation: spec.dilations[l - 1], causal: true };
        assert_eq!(s.levels[l].values, conv1d_causal(&s.levels[l - 1].values, &spec.kernel, &p).unwrap());
    }
    // Without dilation the same four layers see only 5 samples.
    let plain = StackSpec { dilations: vec![1, 1, 1, 1], ..spec.clone() };
    assert_eq!(causal_stack(&x, &plain, 31).unwrap().receptive_field, 5);
    // Centred layers reach into the future.
    let centred = StackSpec { causal: false, ..spec };
    let s = causal_stack(&x, &centred, 10).unwrap();
    assert!(!s.past_only && s.last > 10);
}

#[test]
fn bad_stacks_are_errors_in_words() {
    let spec = StackSpec { kernel: vec![1., 1.], dilations: vec![], causal: true };
    assert!(causal_stack(&[1.; 4], &spec, 0).unwrap_err().to_string().contains("at least one layer"));
    let spec = StackSpec { kernel: vec![1., 1.], dilations: vec![1, 0], causal: true };
    assert!(causal_stack(&[1.; 4], &spec, 0).is_err());
    let spec = StackSpec { kernel: vec![], dilations: vec![1], causal: true };
    assert!(causal_stack(&[1.; 4], &spec, 0).is_err());
    let spec = StackSpec { kernel: vec![1.; 8], dilations: vec![1; 64], causal: true };
    assert!(causal_stack(&vec![1.; 1000], &spec, 0).unwrap_err().to_string().contains("edges"));
    assert!(conv1d_causal(&[1.], &[1.], &CausalParams { dilation: 65, causal: true }).is_err());
}
