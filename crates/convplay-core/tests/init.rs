//! Initializers: empirical variance against theory, the lecture's n·Var(w) = 1/3 for the
//! "standard" scheme, fans of dense and convolution weights, seeded determinism, a fresh draw
//! with its numbers.

use convplay_core::init::{draw, fans, init_param, Init};
use convplay_core::measure::stats::summarize;
use convplay_core::{Error, Param, Rng};
use ndarray::ArrayD;

const ALL: [Init; 11] = [
    Init::Zeros,
    Init::Constant { value: 0.5 },
    Init::Normal { std: 0.3 },
    Init::Uniform { r: 0.2 },
    Init::Standard,
    Init::XavierNormal,
    Init::XavierUniform,
    Init::HeNormal,
    Init::HeUniform,
    Init::LecunNormal,
    Init::LecunUniform,
];

fn filled(init: &Init, shape: &[usize], seed: u64) -> ArrayD<f32> {
    let (fan_in, fan_out) = fans(shape).unwrap();
    let mut w = ArrayD::zeros(shape.to_vec());
    init.fill(&mut w, fan_in, fan_out, &mut Rng::new(seed)).unwrap();
    w
}

#[test]
fn fans_of_dense_and_conv_weights() {
    assert_eq!(fans(&[10, 784]).unwrap(), (784, 10));
    assert_eq!(fans(&[64, 3, 5, 5]).unwrap(), (75, 1600));
    assert_eq!(fans(&[1, 1, 1, 1]).unwrap(), (1, 1));
    for bad in [&[5][..], &[2, 3, 4], &[1, 2, 3, 4, 5], &[], &[0, 3]] {
        match fans(bad).unwrap_err() {
            Error::InvalidArgument { op: "init", arg: "shape", .. } => {}
            e => panic!("{bad:?}: {e}"),
        }
    }
}

#[test]
fn theoretical_variances() {
    let (n_in, n_out) = (100, 300);
    let v = |i: Init| i.variance(n_in, n_out);
    assert_eq!(v(Init::Zeros), 0.0);
    assert!((v(Init::Normal { std: 0.3 }) - 0.09).abs() < 1e-7);
    assert!((v(Init::Uniform { r: 0.3 }) - 0.03).abs() < 1e-7);
    assert!((v(Init::Standard) - 1.0 / 300.0).abs() < 1e-9);
    assert!((v(Init::XavierNormal) - 2.0 / 400.0).abs() < 1e-9);
    assert_eq!(v(Init::XavierNormal), v(Init::XavierUniform));
    assert!((v(Init::HeNormal) - 0.02).abs() < 1e-9);
    assert_eq!(v(Init::HeNormal), v(Init::HeUniform));
    assert!((v(Init::LecunNormal) - 0.01).abs() < 1e-9);
    assert_eq!(v(Init::LecunNormal), v(Init::LecunUniform));
}

#[test]
fn empirical_variance_matches_theory() {
    for shape in [&[128, 64, 3, 3][..], &[300, 500]] {
        let (fan_in, fan_out) = fans(shape).unwrap();
        for (k, init) in ALL.iter().enumerate() {
            let w = filled(init, shape, k as u64);
            let s = summarize(w.as_slice().unwrap());
            let want = init.variance(fan_in, fan_out);
            match init {
                Init::Zeros | Init::Constant { .. } => assert!(s.variance == 0.0 && s.min == s.max),
                _ => {
                    let rel = (s.variance - want).abs() / want;
                    assert!(rel < 0.02, "{init:?} {shape:?}: {} vs {want}", s.variance);
                    assert!(s.mean.abs() < 0.02 * want.sqrt(), "{init:?}: mean {}", s.mean);
                }
            }
        }
    }
}

#[test]
fn uniform_schemes_stay_in_range() {
    let shape = [200, 50, 2, 2];
    let (fan_in, fan_out) = fans(&shape).unwrap();
    for (init, r) in [
        (Init::Standard, 1.0 / (fan_in as f32).sqrt()),
        (Init::XavierUniform, (6.0 / (fan_in + fan_out) as f32).sqrt()),
        (Init::HeUniform, (6.0 / fan_in as f32).sqrt()),
        (Init::LecunUniform, (3.0 / fan_in as f32).sqrt()),
    ] {
        let s = summarize(filled(&init, &shape, 1).as_slice().unwrap());
        assert!(s.min >= -r * 1.000_01 && s.max <= r * 1.000_01, "{init:?}");
        assert!(s.max > 0.99 * r && s.min < -0.99 * r, "{init:?} fills its range");
    }
}

#[test]
fn standard_init_gives_n_var_one_third() {
    // The lecture's derivation: Var(U[−1/√n, 1/√n]) = (2/√n)²/12 = 1/(3n).
    let w = filled(&Init::Standard, &[500, 1000], 42);
    let n_var = 1000.0 * summarize(w.as_slice().unwrap()).variance;
    assert!((n_var - 1.0 / 3.0).abs() < 0.01, "n·Var(w) = {n_var}");
}

#[test]
fn xavier_uniform_and_normal_agree() {
    let shape = [256, 256];
    let a = summarize(filled(&Init::XavierUniform, &shape, 1).as_slice().unwrap()).variance;
    let b = summarize(filled(&Init::XavierNormal, &shape, 2).as_slice().unwrap()).variance;
    assert!((a - b).abs() / b < 0.02 && (a - 2.0 / 512.0).abs() < 1e-4, "{a} vs {b}");
}

#[test]
fn seeded_determinism() {
    for init in ALL {
        assert_eq!(filled(&init, &[8, 4, 3, 3], 7), filled(&init, &[8, 4, 3, 3], 7), "{init:?}");
    }
    assert_ne!(filled(&Init::HeNormal, &[8, 4], 7), filled(&Init::HeNormal, &[8, 4], 8));
}

#[test]
fn init_param_uses_fans_and_rejects_fan_schemes_on_biases() {
    let mut rng = Rng::new(3);
    let mut weight = Param::new("weight", ArrayD::zeros(vec![400, 250]), true);
    init_param(&mut weight, &Init::HeNormal, &mut rng).unwrap();
    let v = summarize(weight.value.as_slice().unwrap()).variance;
    assert!((v - 2.0 / 250.0).abs() / (2.0 / 250.0) < 0.02, "{v}");

    let mut bias = Param::new("bias", ArrayD::zeros(vec![16]), false);
    init_param(&mut bias, &Init::Constant { value: 0.1 }, &mut rng).unwrap();
    assert!(bias.value.iter().all(|&b| b == 0.1));
    init_param(&mut bias, &Init::Normal { std: 1.0 }, &mut rng).unwrap();
    assert!(bias.value.iter().any(|&b| b != 0.1));
    match init_param(&mut bias, &Init::XavierUniform, &mut rng).unwrap_err() {
        Error::InvalidArgument { op: "init", arg: "init", message } => {
            assert!(message.contains("bias"), "{message}")
        }
        e => panic!("{e}"),
    }
}

#[test]
fn bad_parameters_are_errors() {
    let arg = |i: Init| match i.validate().unwrap_err() {
        Error::InvalidArgument { op, arg, .. } => (op, arg),
        e => panic!("{e}"),
    };
    assert_eq!(arg(Init::Normal { std: -1.0 }), ("init", "std"));
    assert_eq!(arg(Init::Normal { std: f32::NAN }), ("init", "std"));
    assert_eq!(arg(Init::Uniform { r: f32::INFINITY }), ("init", "r"));
    assert_eq!(arg(Init::Constant { value: f32::NAN }), ("init", "value"));
    let mut w = ArrayD::zeros(vec![3, 3]);
    let mut rng = Rng::new(0);
    assert!(Init::Normal { std: -1.0 }.fill(&mut w, 3, 3, &mut rng).is_err());
    assert!(Init::HeNormal.fill(&mut w, 0, 3, &mut rng).is_err());
    assert!(Init::XavierNormal.fill(&mut w, 0, 3, &mut rng).is_ok());
    assert!(Init::Zeros.fill(&mut w, 0, 0, &mut rng).is_ok());
}

#[test]
fn a_draw_carries_its_fans_and_the_lectures_n_var() {
    let d = draw(&Init::Standard, &[100, 1000], 1).unwrap();
    assert_eq!((d.fan_in, d.fan_out, d.values.len()), (1000, 100, 100_000));
    assert!((d.fan_in_times_variance - 1.0 / 3.0).abs() < 1e-4);
    assert_eq!(d.variance, Init::Standard.variance(1000, 100));
    assert_eq!(d.values, filled(&Init::Standard, &[100, 1000], 1).into_raw_vec_and_offset().0);
    let he = draw(&Init::HeNormal, &[6, 1, 5, 5], 7).unwrap();
    assert_eq!((he.fan_in, he.fan_out), (25, 150));
    assert!((he.fan_in_times_variance - 2.0).abs() < 1e-6);
    assert!(draw(&Init::Normal { std: -1.0 }, &[2, 2], 1).is_err());
    assert!(draw(&Init::HeNormal, &[2, 0], 1).is_err());
    let e = draw(&Init::HeNormal, &[1 << 15, 1 << 15], 1).unwrap_err().to_string();
    assert_eq!(e, "initWeights: shape [32768, 32768] has 1,073,741,824 values; the limit is 4,194,304");
}

#[test]
fn what_each_scheme_keeps_per_layer() {
    use convplay_core::init::{Family, Keeps};
    // Xavier on 784→64: n_in·Var(w) = 2·784/848 = 1.849, n_out·Var(w) = 2·64/848 = 0.151.
    let x = Init::XavierNormal.scheme(784, 64).unwrap();
    assert!((x.fan_in_times_variance - 2.0 * 784.0 / 848.0).abs() < 1e-6, "{x:?}");
    assert!((x.fan_out_times_variance - 2.0 * 64.0 / 848.0).abs() < 1e-6);
    assert_eq!((x.keeps, x.kept_value, x.family), (Keeps::MeanFanTimesVariance, 1.0, Family::Normal));
    // A square layer: Xavier = LeCun, both n·Var(w) = 1 either way.
    for init in [Init::XavierUniform, Init::LecunNormal] {
        let s = init.scheme(64, 64).unwrap();
        assert!(
            (s.fan_in_times_variance - 1.0).abs() < 1e-6 && (s.fan_out_times_variance - 1.0).abs() < 1e-6
        );
    }
    // LeCun keeps n_in·Var(w) = 1 (the lecture's "divide by √n"), He 2, standard 1/3, at any fans.
    for (init, kept) in [(Init::LecunNormal, 1.0), (Init::HeUniform, 2.0), (Init::Standard, 1.0 / 3.0)] {
        for (i, o) in [(784, 64), (64, 10), (75, 1600)] {
            let s = init.scheme(i, o).unwrap();
            assert_eq!(s.keeps, Keeps::FanInTimesVariance);
            assert!((s.fan_in_times_variance - kept).abs() < 1e-6 && (s.kept_value - kept).abs() < 1e-6);
            assert!((s.fan_out_times_variance - kept * o as f32 / i as f32).abs() < 1e-5);
        }
    }
    // Fixed distributions keep Var(w): n·Var(w) grows with n.
    let n = Init::Normal { std: 0.01 }.scheme(784, 64).unwrap();
    assert_eq!((n.keeps, n.family), (Keeps::Variance, Family::Normal));
    assert!((n.kept_value - 1e-4).abs() < 1e-10 && (n.fan_in_times_variance - 0.0784).abs() < 1e-6);
    assert_eq!(Init::Zeros.scheme(3, 4).unwrap().fan_in_times_variance, 0.0);
}

#[test]
fn uniform_variance_is_r_squared_over_three() {
    use convplay_core::init::Family;
    // Standard on n = 784: r = 1/√784 = 1/28, Var = r²/3, n·Var = 1/3; the draws agree.
    let s = Init::Standard.scheme(784, 64).unwrap();
    assert_eq!(s.family, Family::Uniform);
    assert!((s.spread - 1.0 / 28.0).abs() < 1e-7, "{s:?}");
    assert_eq!(s.variance_per_squared_half_width, Some(1.0 / 3.0));
    assert!((s.variance - s.spread * s.spread / 3.0).abs() < 1e-9);
    assert!((s.fan_in_times_variance - 1.0 / 3.0).abs() < 1e-6);
    let d = draw(&Init::Standard, &[64, 784], 3).unwrap();
    let w = summarize(d.values.as_slice());
    assert!((w.variance / (s.spread * s.spread) - 1.0 / 3.0).abs() < 0.01, "{}", w.variance);
    assert_eq!(d.measured_variance, w.variance);
    assert_eq!(d.measured_fan_in_times_variance, 784.0 * w.variance);
    // Every uniform scheme: r = √(3·Var); normals: σ = √Var, no r²/3.
    for init in ALL {
        let s = init.scheme(30, 20).unwrap();
        assert!((s.variance - init.variance(30, 20)).abs() <= 1e-7 * s.variance.max(1.0));
        match s.family {
            Family::Uniform => assert!((s.spread * s.spread / 3.0 - s.variance).abs() < 1e-6),
            Family::Normal => assert!((s.spread * s.spread - s.variance).abs() < 1e-6),
            Family::Constant => assert_eq!(s.variance, 0.0),
        }
    }
    assert!(Init::HeNormal.scheme(0, 5).is_err());
    assert!(Init::XavierNormal.scheme(0, 0).is_err());
    assert!(Init::Normal { std: -1.0 }.scheme(3, 3).is_err());
}
