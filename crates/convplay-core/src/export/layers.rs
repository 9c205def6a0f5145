//! The labs' hand-outs: batch normalization (Algorithm 1 written out, then `nn.BatchNorm1d` in
//! training and evaluation mode), dropout's variance shift (`nn.Dropout`, uniform noise written
//! out) and a deep network initialized by a scheme (`nn.init`).

use ndarray::Array4;

use super::pytorch::header;
use super::training::PY_UNIFORM_NOISE;
use super::{check_values, expected, py_float, py_list, show, OP};
use crate::activation::Activation;
use crate::dropout::{uniform_noise_variance_shift, variance_shift, DropoutKind};
use crate::init::Init;
use crate::layer::{Layer, Mode};
use crate::norm::{algorithm1, BatchNormConfig, EvalStatistics};
use crate::{ensure_arg, limits, Result, Rng};

pub(super) fn batch_norm(values: &[f32], gamma: f32, beta: f32, eps: f32, momentum: f32) -> Result<String> {
    let m = values.len();
    check_values("values", values, &[m.max(1)])?;
    let steps = algorithm1(values, gamma, beta, eps)?;
    let config = BatchNormConfig { channels: 1, eps, momentum, eval_statistics: EvalStatistics::Running };
    config.validate()?;
    let mut s = header(
        "batch normalization of one feature over a mini-batch",
        &["import torch", "from torch import nn"],
    );
    s += &format!(
        "\nx = torch.tensor({}, dtype=torch.float32)  # one feature, a mini-batch of {m}\ngamma, beta, eps, momentum = {}, {}, {}, {}\n",
        py_list(values, 8),
        py_float(gamma),
        py_float(beta),
        py_float(eps),
        py_float(momentum)
    );
    s += r#"
# Algorithm 1 (Ioffe & Szegedy 2015), written out
mean = x.mean()
var = x.var(unbiased=False)  # the mini-batch variance, divided by m
x_hat = (x - mean) / torch.sqrt(var + eps)
y = gamma * x_hat + beta
print("mean", show(mean))
print("variance", show(var))
print("x_hat", show(*x_hat))
print("y", show(*y))
"#;
    let list = |v: &[f32]| v.iter().map(|x| show(*x)).collect::<Vec<_>>().join(" ");
    let mut lines = vec![
        format!("mean {}", show(steps.mean)),
        format!("variance {}", show(steps.variance)),
        format!("x_hat {}", list(&steps.x_hat)),
        format!("y {}", list(&steps.y)),
    ];
    if m > 1 {
        // One training step of the layer moves the running averages; evaluation then uses them.
        let mut layer = config.init()?;
        let x = Array4::from_shape_vec([m, 1, 1, 1], values.to_vec())
            .map_err(|_| crate::Error::arg(OP, "values", "could not be read"))?;
        let mut rng = Rng::new(0);
        layer.forward(x.view(), Mode::Train, &mut rng)?;
        let (rm, rv) = (layer.running_mean()[0], layer.running_var()[0]);
        layer.forward(x.view(), Mode::Eval, &mut rng)?;
        let eval: Vec<f32> = layer.output().iter().map(|v| gamma * v + beta).collect();
        lines.push(format!("running mean {}", show(rm)));
        lines.push(format!("running variance {}", show(rv)));
        lines.push(format!("eval y {}", list(&eval)));
        s += r#"
# The same with PyTorch's layer. Training mode normalizes by the batch's own statistics and moves
# the running averages (the variance there is the unbiased one, divided by m − 1):
bn = nn.BatchNorm1d(1, eps=eps, momentum=momentum)
with torch.no_grad():
    bn.weight.fill_(gamma)
    bn.bias.fill_(beta)
bn.train()
assert torch.allclose(bn(x[:, None])[:, 0], y, atol=1e-4)
print("running mean", show(bn.running_mean[0]))
print("running variance", show(bn.running_var[0]))
# Evaluation mode normalizes by the running averages instead: the same input gives other numbers.
bn.eval()
with torch.no_grad():
    print("eval y", show(*bn(x[:, None])[:, 0]))
"#;
    } else {
        s += "\n# PyTorch refuses to train batch norm on one value per channel (its variance is 0).\n";
    }
    s += "\n";
    s += &expected(&lines, None);
    Ok(s)
}

pub(super) fn dropout(kind: DropoutKind, seed: u64) -> Result<String> {
    kind.validate()?;
    let (shift, layer, class, title) = match kind {
        DropoutKind::Inverted { p } => (
            variance_shift(p, 0.0, 1.0)?,
            format!("nn.Dropout(p={})", py_float(p)),
            String::new(),
            format!("inverted dropout, p = {}", show(p)),
        ),
        DropoutKind::UniformNoise { beta } => (
            uniform_noise_variance_shift(beta, 0.0, 1.0)?,
            format!("UniformNoise(beta={})", py_float(beta)),
            PY_UNIFORM_NOISE.to_string(),
            format!("uniform-noise dropout, β = {}", show(beta)),
        ),
    };
    let mut s = header(
        &format!("{title}: the variance shift between training and test"),
        &["import torch", "from torch import nn"],
    );
    s += &class;
    s += &format!(
        r#"
torch.manual_seed({seed})
x = torch.randn(1_000_000)  # a layer's inputs: mean 0, variance 1
layer = {layer}
layer.train()
train = layer(x)  # training: random units dropped (or scaled), the kept ones scaled up
layer.eval()
test = layer(x)  # evaluation: the identity
print("train/test variance", show(train.var() / test.var()))
print("train variance", show(train.var()))
print("test variance", show(test.var()))
print("train mean", show(train.mean()), "test mean", show(test.mean()))

"#
    );
    s += &expected(&[format!("train/test variance {}", show(shift.train_over_test))], Some(2.0));
    Ok(s)
}

/// The `nn.init` line that fills `target` (a weight of `fan_in` inputs per unit) by `init`.
pub(super) fn init_line(init: Init, target: &str, fan_in: usize) -> String {
    match init {
        Init::Zeros => format!("nn.init.zeros_({target})"),
        Init::Constant { value } => format!("nn.init.constant_({target}, {})", py_float(value)),
        Init::Normal { std } => format!("nn.init.normal_({target}, 0.0, {})", py_float(std)),
        Init::Uniform { r } => format!("nn.init.uniform_({target}, -{0}, {0})", py_float(r)),
        Init::Standard => format!("nn.init.uniform_({target}, -1 / math.sqrt({fan_in}), 1 / math.sqrt({fan_in}))  # standard: U[-1/√n, 1/√n]"),
        Init::XavierNormal => format!("nn.init.xavier_normal_({target})"),
        Init::XavierUniform => format!("nn.init.xavier_uniform_({target})"),
        Init::HeNormal => format!("nn.init.kaiming_normal_({target}, nonlinearity=\"relu\")  # He: std √(2/n_in)"),
        Init::HeUniform => format!("nn.init.kaiming_uniform_({target}, nonlinearity=\"relu\")  # He: U[-√(6/n_in), √(6/n_in)]"),
        Init::LecunNormal => format!("nn.init.kaiming_normal_({target}, nonlinearity=\"linear\")  # LeCun: std √(1/n_in)"),
        Init::LecunUniform => format!("nn.init.kaiming_uniform_({target}, nonlinearity=\"linear\")  # LeCun: U[-√(3/n_in), √(3/n_in)]"),
    }
}

/// The PyTorch module of an activation.
pub(super) fn activation_module(a: Activation) -> String {
    match a {
        Activation::Identity => "nn.Identity()".into(),
        Activation::Relu => "nn.ReLU()".into(),
        Activation::LeakyRelu { slope } => format!("nn.LeakyReLU({})", py_float(slope)),
        Activation::Tanh => "nn.Tanh()".into(),
        Activation::Sigmoid => "nn.Sigmoid()".into(),
    }
}

pub(super) fn init(
    init: Init,
    activation: Activation,
    depth: usize,
    width: usize,
    seed: u64,
) -> Result<String> {
    activation.validate()?;
    ensure_arg!(depth >= 1, OP, "depth", "must be at least 1, got {depth}");
    limits::at_most(OP, "depth", depth as u64, limits::MAX_LAYERS)?;
    ensure_arg!(width >= 1, OP, "width", "must be at least 1, got {width}");
    limits::at_most(OP, "width", width as u64, limits::MAX_CHANNELS)?;
    let scheme = init.scheme(width, width)?;
    let mut s = header(
        &format!("a {depth}-layer network of width {width}, initialized by a scheme"),
        &["import math", "import torch", "from torch import nn"],
    );
    s += &format!(
        r#"
torch.manual_seed({seed})
layers = []
for _ in range({depth}):
    linear = nn.Linear({width}, {width})
    {}
    nn.init.zeros_(linear.bias)
    layers += [linear, {}]
net = nn.Sequential(*layers)

# n_in·Var(w): how much a layer multiplies the variance of its input (times E[x²]).
w = torch.cat([m.weight.flatten() for m in net if isinstance(m, nn.Linear)])
print("n_in·Var(w)", show({width} * w.var(unbiased=False)))

# The activations' variance, layer by layer, for inputs of variance 1.
x = torch.randn(1000, {width})
with torch.no_grad():
    for i, m in enumerate(net):
        x = m(x)
        if i % 2 == 1:
            print(f"layer {{i // 2 + 1}} activation variance", show(x.var()))

"#,
        init_line(init, "linear.weight", width),
        activation_module(activation)
    );
    // Sampling error of the mean of w² over depth·width² weights, with room (constants are exact).
    let samples = (depth * width * width) as f32;
    let within = (500.0 * (2.0 / samples).sqrt()).clamp(2.0, 100.0);
    s += &expected(&[format!("n_in·Var(w) {}", show(scheme.fan_in_times_variance))], Some(within));
    Ok(s)
}
