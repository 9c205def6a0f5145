//! The two views of a transposed convolution: the scatter steps and the gather steps over the
//! zero-inserted input give the forward pass's numbers.
mod common;

use common::random;
use convplay_core::conv::transposed::{conv_transpose2d, ConvTranspose2dParams as P};
use convplay_core::conv::transposed_trace::{
    conv_transpose2d_gradient_check, conv_transpose2d_trace, GatherKind,
};
use convplay_core::tensor::array4;
use convplay_core::Rng;
use ndarray::{s, Array1, ArrayD, Ix1, Ix4};

fn params(s: usize, p: usize, op: usize, d: usize) -> P {
    P { stride: (s, s), padding: (p, p), output_padding: (op, op), dilation: (d, d) }
}

#[test]
fn the_hand_worked_example_step_by_step() {
    let x = array4("t", "x", &[1, 1, 2, 2], vec![1., 2., 3., 4.]).unwrap();
    let k = array4("t", "k", &[1, 1, 3, 3], (1..=9).map(|v| v as f32).collect()).unwrap();
    let t = conv_transpose2d_trace(x.view(), k.view(), None, &params(2, 0, 0, 1), 0, 0).unwrap();
    assert_eq!(t.scatter.len(), 4);
    // The second input cell (value 2) stamps 2·K at columns 2…4; its first tap lands on 3.
    let step = &t.scatter[1];
    assert_eq!((step.row, step.col, step.input, step.origin_row, step.origin_col), (0, 1, 2.0, 0, 2));
    assert_eq!(step.terms.len(), 9);
    let first = step.terms[0];
    assert_eq!(
        (first.out_row, first.out_col, first.weight, first.product, first.running),
        (0, 2, 1.0, 2.0, 5.0)
    );
    // The last stamp (4·K) brings the centre to 36.
    let centre = t.scatter[3].terms[0];
    assert_eq!((centre.out_row, centre.out_col, centre.running), (2, 2, 36.0));
    assert_eq!(t.scatter_output[2 * 5 + 2], 36.0);
    // Gather: 3×3 zero-inserted input padded by 2 on each side → 7×7.
    let g = &t.gather;
    assert_eq!((g.rows, g.cols, g.pad_top, g.pad_bottom), (7, 7, 2, 2));
    let kind = |r: usize, c: usize| g.cells[r * 7 + c].kind;
    assert_eq!(kind(2, 2), GatherKind::Input);
    assert_eq!(g.cells[2 * 7 + 4].value, 2.0);
    assert_eq!(kind(2, 3), GatherKind::Inserted);
    assert_eq!(kind(3, 3), GatherKind::Inserted);
    assert_eq!(kind(1, 2), GatherKind::Padding);
    // Output (0, 0) reads grid rows 0…2 with the kernel rotated: only x[0,0] = 1 meets K[0,0].
    let o = &t.gather.steps[0];
    assert_eq!((o.terms[8].grid_row, o.terms[8].kernel_row, o.terms[8].value), (2, 0, 1.0));
    assert_eq!(o.result, 1.0);
    assert_eq!(t.gather_output, t.scatter_output);
    assert!(t.agreement.all);
}

#[test]
fn both_views_give_the_forward_output() {
    let cases = [
        params(1, 0, 0, 1),
        params(2, 0, 0, 1),
        params(2, 1, 1, 1),
        params(3, 1, 2, 1),
        params(2, 4, 1, 1), // padding beyond d·(k − 1): the gather grid cuts the zero-inserted input
        params(1, 1, 1, 2),
        P { stride: (2, 3), padding: (0, 1), output_padding: (1, 0), dilation: (1, 2) },
    ];
    let mut rng = Rng::new(11);
    for p in cases {
        let to4 = |a: ArrayD<f32>| a.into_dimensionality::<Ix4>().unwrap();
        let x = to4(random(&[2, 2, 4, 5], &mut rng));
        let w = to4(random(&[2, 3, 3, 3], &mut rng));
        let b: Array1<f32> = random(&[3], &mut rng).into_dimensionality::<Ix1>().unwrap();
        let y = conv_transpose2d(x.view(), w.view(), Some(b.view()), &p).unwrap();
        for (n, o) in [(0, 0), (1, 2)] {
            let t = conv_transpose2d_trace(x.view(), w.view(), Some(b.view()), &p, n, o).unwrap();
            let forward: Vec<f32> = y.slice(s![n, o, .., ..]).iter().copied().collect();
            assert_eq!(t.scatter_output, forward, "{p:?}: scatter is the forward pass, term for term");
            assert!(t.agreement.all, "{p:?}: gather differs by {}", t.agreement.max_abs_difference);
            assert_eq!(t.bias, b[o]);
            // Every input value appears once in the grid, where the formula puts it.
            let g = &t.gather;
            let inputs = g.cells.iter().filter(|c| c.kind == GatherKind::Input).count();
            let visible = |ax: usize, size: usize, stride: usize| {
                (0..size)
                    .filter(|i| {
                        let r = (i * stride) as isize + [g.pad_top, g.pad_left][ax];
                        r >= 0 && (r as usize) < [g.rows, g.cols][ax]
                    })
                    .count()
            };
            assert_eq!(inputs, 2 * visible(0, 4, p.stride.0) * visible(1, 5, p.stride.1), "{p:?}");
            // Each scatter step's terms plus the cut ones are the whole kernel.
            assert!(t.scatter.iter().all(|s| s.terms.len() + s.cut == 9));
        }
    }
}

#[test]
fn trace_arguments_are_checked() {
    let x = array4("t", "x", &[1, 1, 2, 2], vec![1., 2., 3., 4.]).unwrap();
    let k = array4("t", "k", &[1, 1, 3, 3], vec![1.; 9]).unwrap();
    let p = params(2, 0, 0, 1);
    let e = conv_transpose2d_trace(x.view(), k.view(), None, &p, 1, 0).unwrap_err().to_string();
    assert_eq!(e, "convTranspose2dTrace: batch must be below 1, got 1");
    let e = conv_transpose2d_trace(x.view(), k.view(), None, &p, 0, 1).unwrap_err().to_string();
    assert_eq!(e, "convTranspose2dTrace: outChannel must be below 1, got 1");
    let big = ndarray::Array4::<f32>::zeros((1, 1, 100, 100));
    let e = conv_transpose2d_trace(big.view(), k.view(), None, &p, 0, 0).unwrap_err().to_string();
    assert!(e.contains("the scatter view would have 90,000 terms; the limit is 65,536"), "{e}");
}

#[test]
fn finite_differences_agree_with_the_input_gradient() {
    let mut rng = Rng::new(5);
    let to4 = |a: ArrayD<f32>| a.into_dimensionality::<Ix4>().unwrap();
    let x = to4(random(&[1, 2, 3, 3], &mut rng));
    let w = to4(random(&[2, 2, 3, 3], &mut rng));
    let p = params(2, 1, 1, 1);
    let y = conv_transpose2d(x.view(), w.view(), None, &p).unwrap();
    let dy = to4(random(y.shape(), &mut rng));
    for at in [[0, 0, 0, 0], [0, 1, 2, 1], [0, 0, 1, 2]] {
        let c = conv_transpose2d_gradient_check(x.view(), w.view(), None, dy.view(), &p, at, 0.01).unwrap();
        assert!(c.agree, "{at:?}: {} vs {}", c.quotient, c.gradient);
    }
    let e = conv_transpose2d_gradient_check(x.view(), w.view(), None, dy.view(), &p, [0, 2, 0, 0], 0.01);
    assert_eq!(e.unwrap_err().to_string(), "convTranspose2dGradientCheck: channel must be below 2, got 2");
    let e = conv_transpose2d_gradient_check(x.view(), w.view(), None, dy.view(), &p, [0, 0, 0, 0], 0.0);
    assert!(e.unwrap_err().to_string().contains("h must be in (0, 1000]"));
}
