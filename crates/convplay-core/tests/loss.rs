//! Softmax cross-entropy: hand values, stability for huge logits, gradient, probabilities, accuracy.
mod common;

use common::{check_gradient, random};
use convplay_core::loss::{accuracy, argmax_rows, softmax, softmax_cross_entropy};
use convplay_core::Rng;
use ndarray::{array, Array2, ArrayD, Ix2};
use proptest::prelude::*;

#[test]
fn two_classes_by_hand() {
    let e = std::f32::consts::E;
    // Logits [0, 1]: p = [1/(1+e), e/(1+e)]. Label 1 costs −log p₁ = log(1 + e^{−1}),
    // label 0 costs −log p₀ = log(1 + e).
    let z = array![[0.0f32, 1.0], [0.0, 1.0]];
    let (loss, grad) = softmax_cross_entropy(z.view(), &[1, 0]).unwrap();
    let want = ((1.0 + 1.0 / e).ln() + (1.0 + e).ln()) / 2.0;
    assert!((loss - want).abs() < 1e-6, "{loss} vs {want}");
    let (p0, p1) = (1.0 / (1.0 + e), e / (1.0 + e));
    // ∂/∂z = (p − onehot) / batch
    let expect = array![[p0 / 2.0, (p1 - 1.0) / 2.0], [(p0 - 1.0) / 2.0, p1 / 2.0]];
    assert!(grad.iter().zip(expect.iter()).all(|(a, b)| (a - b).abs() < 1e-6), "{grad:?}");
    let (one, _) = softmax_cross_entropy(z.slice(ndarray::s![..1, ..]), &[1]).unwrap();
    assert!((one - 0.313_261_7).abs() < 1e-6);
    // Uniform logits over k classes cost log k.
    let (l, _) = softmax_cross_entropy(Array2::zeros((3, 10)).view(), &[0, 4, 9]).unwrap();
    assert!((l - 10f32.ln()).abs() < 1e-6);
}

#[test]
fn a_sure_network_gets_zeros_not_subnormals_in_its_gradient() {
    // e^−95 and e^−100 are subnormal floats (slow to compute with); the gradient holds 0 there.
    let logits = array![[95.0f32, 0.0, 0.0], [0.0, 100.0, 99.0]];
    let (_, grad) = softmax_cross_entropy(logits.view(), &[0, 1]).unwrap();
    assert!(grad.iter().all(|g| *g == 0.0 || g.is_normal()), "{grad:?}");
    assert_eq!(grad[[0, 1]], 0.0);
    // A probability that is merely small stays: e^−1 / (1 + e^−1) / 2.
    let p = (-1.0f32).exp() / (1.0 + (-1.0f32).exp()) / 2.0;
    assert!((grad[[1, 2]] - p).abs() < 1e-6);
}

#[test]
fn huge_logits_stay_finite() {
    let z = array![[1000.0f32, -1000.0], [1000.0, 1000.0], [-1000.0, -1000.0]];
    let (loss, grad) = softmax_cross_entropy(z.view(), &[1, 0, 1]).unwrap();
    // Row 0: 2000 (confidently wrong); rows 1 and 2: log 2.
    assert!((loss - (2000.0 + 2.0 * 2f32.ln()) / 3.0).abs() < 1e-3, "{loss}");
    assert!(grad.iter().all(|g| g.is_finite()));
    assert!((grad[[0, 0]] - 1.0 / 3.0).abs() < 1e-6 && (grad[[0, 1]] + 1.0 / 3.0).abs() < 1e-6);
    let (loss, _) = softmax_cross_entropy(array![[1000.0f32, -1000.0]].view(), &[0]).unwrap();
    assert_eq!(loss, 0.0);
    let p = softmax(array![[1e30f32, 0.0, -1e30]].view());
    assert_eq!(p, array![[1.0, 0.0, 0.0]]);
}

#[test]
fn gradient_matches_finite_differences() {
    let mut rng = Rng::new(5);
    for (n, k) in [(1, 2), (4, 3), (5, 10)] {
        let z = random(&[n, k], &mut rng).mapv(|v| 3.0 * v);
        let labels: Vec<usize> = (0..n).map(|_| rng.below(k as u32) as usize).collect();
        let (_, grad) = softmax_cross_entropy(z.view().into_dimensionality().unwrap(), &labels).unwrap();
        check_gradient(&format!("cross-entropy {n}×{k}"), &z, &grad.into_dyn(), |z: &ArrayD<f32>| {
            softmax_cross_entropy(z.view().into_dimensionality().unwrap(), &labels).unwrap().0 as f64
        });
    }
}

#[test]
fn argmax_and_accuracy() {
    let z = array![[0.1f32, 0.7, 0.2], [2.0, 2.0, -1.0], [-3.0, -2.0, -1.0], [0.0, 0.0, 0.0]];
    assert_eq!(argmax_rows(z.view()), vec![1, 0, 2, 0]); // first wins on ties
    assert_eq!(accuracy(z.view(), &[1, 0, 0, 0]).unwrap(), 0.75);
    assert_eq!(accuracy(z.view(), &[2, 2, 0, 1]).unwrap(), 0.0);
    assert!(argmax_rows(Array2::<f32>::zeros((0, 3)).view()).is_empty());
}

#[test]
fn bad_labels_are_errors_naming_them() {
    let z = Array2::<f32>::zeros((3, 10));
    let e = softmax_cross_entropy(z.view(), &[0, 1]).unwrap_err();
    assert_eq!(e.to_string(), "softmaxCrossEntropy: labels has 2 entries but logits has 3 rows");
    let e = softmax_cross_entropy(z.view(), &[0, 12, 1]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "softmaxCrossEntropy: labels contains 12 at position 1 but there are only 10 classes (0 to 9)"
    );
    let e = accuracy(z.view(), &[0, 1, 10]).unwrap_err();
    assert!(e.to_string().starts_with("accuracy: labels contains 10"), "{e}");
    assert!(softmax_cross_entropy(Array2::zeros((0, 3)).view(), &[]).is_err());
    assert!(softmax_cross_entropy(Array2::zeros((2, 0)).view(), &[0, 0]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn probabilities_sum_to_one_and_loss_is_consistent(n in 1usize..5, k in 1usize..12, scale in 0.1f32..200.0, seed in 0u64..1000) {
        let mut rng = Rng::new(seed);
        let z = random(&[n, k], &mut rng).mapv(|v| v * scale).into_dimensionality::<Ix2>().unwrap();
        let p = softmax(z.view());
        for row in p.rows() {
            prop_assert!((row.sum() - 1.0).abs() < 1e-5);
            prop_assert!(row.iter().all(|&v| (0.0..=1.0).contains(&v)));
        }
        // Shifting every logit of a row changes nothing.
        let shifted = softmax(z.mapv(|v| v + 50.0).view());
        prop_assert!(p.iter().zip(shifted.iter()).all(|(a, b)| (a - b).abs() < 1e-4));
        let labels: Vec<usize> = (0..n).map(|_| rng.below(k as u32) as usize).collect();
        let (loss, grad) = softmax_cross_entropy(z.view(), &labels).unwrap();
        prop_assert!(loss.is_finite() && loss >= 0.0);
        // Loss is the mean of −log p_label (where p_label does not underflow), gradient rows sum to 0.
        let direct: f32 = labels.iter().enumerate().map(|(i, &l)| -p[[i, l]].max(f32::MIN_POSITIVE).ln()).sum::<f32>() / n as f32;
        if p.iter().all(|&v| v > 1e-30) {
            prop_assert!((loss - direct).abs() < 1e-3 * (1.0 + loss), "{} vs {}", loss, direct);
        }
        for row in grad.rows() {
            prop_assert!(row.sum().abs() < 1e-5);
        }
        let acc = accuracy(z.view(), &labels).unwrap();
        prop_assert!((0.0..=1.0).contains(&acc));
    }
}
