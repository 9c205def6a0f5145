//! The backward pass of one pooling window: a one-hot ∂L/∂y read at the window's cells.
use convplay_core::pool::{pool2d_backward_window, Pool2dConfig, PoolKind};
use convplay_core::tensor::array4;
use convplay_core::Window2d;

const EX: [f32; 16] = [1., 3., 2., 0., 4., 2., 1., 1., 0., 0., 5., 6., 1., 2., 7., 8.];

fn run(
    kind: PoolKind,
    size: usize,
    stride: usize,
    r: usize,
    c: usize,
) -> convplay_core::pool::PoolBackwardWindow {
    let x = array4("t", "input", &[1, 1, 4, 4], EX.to_vec()).unwrap();
    let window = Window2d::square(size).with_stride(stride);
    pool2d_backward_window(x.view(), &Pool2dConfig { kind, window }, 0, 0, r, c).unwrap()
}

fn grads(w: &convplay_core::pool::PoolBackwardWindow) -> Vec<f32> {
    w.cells.iter().map(|c| c.grad).collect()
}

#[test]
fn max_sends_everything_to_the_argmax_and_average_a_quarter_each() {
    let m = run(PoolKind::Max, 2, 2, 1, 1);
    assert_eq!(grads(&m), [0., 0., 0., 1.]);
    assert_eq!((m.argmax, m.sum, m.result, m.inside, m.overlap), (Some(3), 1.0, 8.0, 4, false));
    let a = run(PoolKind::Average, 2, 2, 0, 0);
    assert_eq!(grads(&a), [0.25; 4]);
    assert_eq!(a.sum, 1.0);
}

#[test]
fn l2_gives_value_over_norm_and_gaussian_its_weights() {
    let l = run(PoolKind::L2, 2, 2, 0, 0);
    let norm = 30f32.sqrt();
    for (g, v) in grads(&l).iter().zip([1., 3., 4., 2.]) {
        assert!((g - v / norm).abs() < 1e-6);
    }
    assert!((l.sum - 10. / norm).abs() < 1e-5);
    let g = run(PoolKind::Gaussian { sigma: 1.0 }, 3, 1, 1, 1);
    let w = convplay_core::pool::gaussian_weights((3, 3), 1.0).unwrap();
    for (a, b) in grads(&g).iter().zip(w.iter()) {
        assert!((a - b).abs() < 1e-6);
    }
    assert!((g.sum - 1.0).abs() < 1e-5 && g.overlap);
}

#[test]
fn overlap_is_stride_below_the_window_and_out_of_range_cells_are_named() {
    assert!(run(PoolKind::Max, 3, 1, 0, 0).overlap);
    assert!(!run(PoolKind::Max, 2, 2, 0, 0).overlap);
    let x = array4("t", "input", &[1, 1, 4, 4], EX.to_vec()).unwrap();
    let p = Pool2dConfig { kind: PoolKind::Max, window: Window2d::square(2).with_stride(2) };
    let e = pool2d_backward_window(x.view(), &p, 0, 0, 2, 0).unwrap_err();
    assert_eq!(e.to_string(), "pool2dTrace: outRow must be below 2, got 2");
}
