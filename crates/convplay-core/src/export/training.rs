//! The training page's hand-out: its network as an `nn.Sequential` (shapes from the core's
//! description of the model, the same initialization), its optimizer, and a training loop over
//! MNIST with the page's batch size and seed. `CONVPLAY_DRY_RUN=1` stops after one step on random
//! images, so the script can be checked without downloading MNIST.

use super::layers::{activation_module, init_line};
use super::pytorch::{header, PY_POOL};
use super::{expected, py_float, OP};
use crate::dropout::DropoutKind;
use crate::init::{Family, Init};
use crate::model::config::{LayerConfig, ModelConfig};
use crate::model::describe::{describe, Description};
use crate::norm::EvalStatistics;
use crate::optim::OptimizerConfig;
use crate::pool::PoolKind;
use crate::{ensure_arg, limits, Error, Pads, Result};

const MAX_STEPS: usize = 1_000_000;

pub(super) const PY_MODULES: &str = r#"
class Pool2d(nn.Module):
    """Pooling as ConvPlay computes it (see pool above)."""

    def __init__(self, kind, size, stride, dilation, pads, sigma=1.0):
        super().__init__()
        self.args = (kind, size, stride, dilation, pads, sigma)

    def forward(self, x):
        return pool(x, *self.args)


class BlurPool2d(Pool2d):
    """Blur, then subsample (Zhang 2019): pool with stride 1, blur with [1 2 1]/4 ⊗ [1 2 1]/4
    (cells outside the map skipped, the weights renormalized), keep every stride-th cell."""

    def forward(self, x):
        kind, size, stride, dilation, pads, sigma = self.args
        stage = pool(x, kind, size, 1, dilation, pads, sigma)
        taps = torch.tensor([0.25, 0.5, 0.25])
        blur = (taps[:, None] * taps[None, :]).reshape(1, 1, 3, 3)
        c = stage.shape[1]
        summed = F.conv2d(stage, blur.expand(c, 1, 3, 3), padding=1, groups=c)
        weight = F.conv2d(torch.ones_like(stage[:, :1]), blur, padding=1)
        return (summed / weight)[:, :, ::stride, ::stride]

"#;

/// The uniform-noise dropout module (Li et al. 2018), for the networks and the dropout hand-out.
pub(super) const PY_UNIFORM_NOISE: &str = r#"
class UniformNoise(nn.Module):
    """Multiply by 1 + u, u ~ U[-β, β], in training (Li et al. 2018); the identity in evaluation."""

    def __init__(self, beta):
        super().__init__()
        self.beta = beta

    def forward(self, x):
        if not self.training:
            return x
        return x * (1 + (torch.rand_like(x) * 2 - 1) * self.beta)
"#;

/// A bias filled as the core fills it: PyTorch's fan-based schemes need a 2-D tensor, so the
/// scheme's distribution is written out with the core's numbers for the layer's fans.
fn bias_line(init: Init, target: &str, fan_in: usize, fan_out: usize) -> Result<String> {
    if init == Init::Zeros {
        return Ok(format!("nn.init.zeros_({target})"));
    }
    let scheme = init.scheme(fan_in, fan_out)?;
    let spread = py_float(scheme.spread);
    Ok(match scheme.family {
        Family::Constant => format!("nn.init.constant_({target}, {spread})"),
        Family::Normal => format!("nn.init.normal_({target}, 0.0, {spread})"),
        Family::Uniform => format!("nn.init.uniform_({target}, -{spread}, {spread})"),
    })
}

fn shape([c, h, w]: [usize; 3], flat: bool) -> String {
    if flat {
        format!("{}", c * h * w)
    } else {
        format!("{c}×{h}×{w}")
    }
}

pub(super) fn model(
    config: &ModelConfig,
    optimizer: &OptimizerConfig,
    batch: usize,
    steps: usize,
) -> Result<String> {
    let description = describe(config)?;
    if let Some(problem) = description.problem {
        return Err(Error::arg(OP, "model", format!("layer {}: {}", problem.layer + 1, problem.message)));
    }
    optimizer.validate()?;
    ensure_arg!(batch >= 1, OP, "batchSize", "must be at least 1, got {batch}");
    limits::at_most(OP, "batchSize", batch as u64, limits::MAX_BATCH)?;
    ensure_arg!((1..=MAX_STEPS).contains(&steps), OP, "steps", "must be 1 to 1,000,000, got {steps}");

    let (modules, inits, _) = sequential(config, &description)?;

    let [c, h, w] = config.input;
    let seed = config.seed;
    let optim = match *optimizer {
        OptimizerConfig::Sgd { lr, momentum, weight_decay } => format!(
            "torch.optim.SGD(net.parameters(), lr={}, momentum={}, weight_decay={})",
            py_float(lr),
            py_float(momentum),
            py_float(weight_decay)
        ),
        OptimizerConfig::Adam { lr, beta1, beta2, eps, weight_decay } => format!(
            "torch.optim.Adam(net.parameters(), lr={}, betas=({}, {}), eps={}, weight_decay={})",
            py_float(lr),
            py_float(beta1),
            py_float(beta2),
            py_float(eps),
            py_float(weight_decay)
        ),
    };
    let mut transforms = Vec::new();
    if (h, w) != (28, 28) {
        transforms.push(format!("transforms.Resize(({h}, {w}))"));
    }
    if c != 1 {
        transforms.push(format!("transforms.Grayscale({c})"));
    }
    transforms.push("transforms.ToTensor()".into());

    let mut s = header(
        "the training page's network, optimizer and an MNIST training loop",
        &[
            "import math",
            "import os",
            "import torch",
            "import torch.nn.functional as F",
            "from torch import nn",
        ],
    );
    s += &format!("\n{PY_POOL}{PY_MODULES}\n{PY_UNIFORM_NOISE}\n");
    s += &format!(
        "torch.manual_seed({seed})  # the page's seed (PyTorch's random numbers differ from the page's)\nnet = nn.Sequential(  # input {c}×{h}×{w}\n    {}\n)\n\n# Initialization as on the page\nwith torch.no_grad():\n    {}\nprint(\"parameters\", sum(p.numel() for p in net.parameters()))\n\n",
        modules.join("\n    "),
        inits.join("\n    ")
    );
    s += &format!(
        r#"optimizer = {optim}
BATCH_SIZE, STEPS = {batch}, {steps}

if os.environ.get("CONVPLAY_DRY_RUN"):  # a quick check without MNIST: one step on random images
    images, labels = torch.rand(BATCH_SIZE, {c}, {h}, {w}), torch.randint(0, 10, (BATCH_SIZE,))
    loss = F.cross_entropy(net(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    raise SystemExit(0)

from torchvision import datasets, transforms  # pip install torchvision

to_input = transforms.Compose([{}])  # pixels in [0, 1], as on the page
train = datasets.MNIST("data", train=True, download=True, transform=to_input)
test = datasets.MNIST("data", train=False, download=True, transform=to_input)
loader = torch.utils.data.DataLoader(train, batch_size=BATCH_SIZE, shuffle=True, generator=torch.Generator().manual_seed({seed}))
step = 0
net.train()
while step < STEPS:
    for images, labels in loader:
        loss = F.cross_entropy(net(images), labels)  # softmax cross-entropy, as on the page
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
        if step % 100 == 0:
            print(f"step {{step}}: loss {{loss.item():.4f}}")
        if step == STEPS:
            break

net.eval()
correct = 0
with torch.no_grad():
    for images, labels in torch.utils.data.DataLoader(test, batch_size=1000):
        correct += (net(images).argmax(1) == labels).sum().item()
print(f"test accuracy {{correct / len(test):.4f}}")

"#,
        transforms.join(", ")
    );
    s += &expected(&[format!("parameters {}", description.parameter_count)], None);
    Ok(s)
}

/// The layers of `config` as `nn.Sequential` entries (shapes from `description`), the lines that
/// initialize them as the core does, and the index of the last entry of each layer.
pub(super) fn sequential(
    config: &ModelConfig,
    description: &Description,
) -> Result<(Vec<String>, Vec<String>, Vec<usize>)> {
    let (mut modules, mut inits, mut ends) = (Vec::<String>::new(), Vec::<String>::new(), Vec::new());
    let mut flat = false;
    for (lc, d) in config.layers.iter().zip(&description.layers) {
        let (input, output) = (d.info.input_shape, d.info.output_shape);
        let pads = d.pads.unwrap_or_default();
        let symmetric = pads.top == pads.bottom && pads.left == pads.right;
        let to = |m: String, flat_after: bool| format!("{m},  # → {}", shape(output, flat_after));
        match *lc {
            LayerConfig::Conv2d {
                out_channels, kernel, stride, dilation, weight_init, bias_init, ..
            } => {
                let mut padding = format!("({}, {})", pads.top, pads.left);
                if !symmetric {
                    modules.push(format!(
                        "nn.ZeroPad2d(({}, {}, {}, {})),  # (left, right, top, bottom)",
                        pads.left, pads.right, pads.top, pads.bottom
                    ));
                    padding = "0".into();
                }
                let fan_in = input[0] * kernel * kernel;
                let i = modules.len();
                inits.push(init_line(weight_init, &format!("net[{i}].weight"), fan_in));
                inits.push(bias_line(
                    bias_init,
                    &format!("net[{i}].bias"),
                    fan_in,
                    out_channels * kernel * kernel,
                )?);
                modules.push(to(format!("nn.Conv2d({}, {out_channels}, {kernel}, stride={stride}, padding={padding}, dilation={dilation})", input[0]), false));
            }
            LayerConfig::Pool { pool, size, stride, dilation, antialias, .. } => {
                let stride = stride.unwrap_or(size);
                let none = pads == Pads::default() && !antialias;
                let class = if antialias { "BlurPool2d" } else { "Pool2d" };
                let m = match pool {
                    PoolKind::Max if none => {
                        format!("nn.MaxPool2d({size}, stride={stride}, dilation={dilation})")
                    }
                    PoolKind::Average if none && dilation == 1 => {
                        format!("nn.AvgPool2d({size}, stride={stride})")
                    }
                    kind => {
                        let (name, sigma) = match kind {
                            PoolKind::Max => ("max", 1.0),
                            PoolKind::Average => ("average", 1.0),
                            PoolKind::L2 => ("l2", 1.0),
                            PoolKind::Gaussian { sigma } => ("gaussian", sigma),
                        };
                        let Pads { top, bottom, left, right } = pads;
                        format!("{class}(\"{name}\", {size}, {stride}, {dilation}, ({left}, {right}, {top}, {bottom}), {})", py_float(sigma))
                    }
                };
                modules.push(to(m, false));
            }
            LayerConfig::Activation { activation } => {
                modules.push(format!("{},", activation_module(activation)))
            }
            LayerConfig::BatchNorm { momentum, eps, eval_statistics } => {
                let (kind, n) = if flat { ("1d", input[0] * input[1] * input[2]) } else { ("2d", input[0]) };
                let track =
                    if eval_statistics == EvalStatistics::Batch { ", track_running_stats=False" } else { "" };
                modules.push(format!(
                    "nn.BatchNorm{kind}({n}, eps={}, momentum={}{track}),",
                    py_float(eps),
                    py_float(momentum)
                ));
            }
            LayerConfig::Dropout { dropout } => modules.push(match dropout {
                DropoutKind::Inverted { p } => format!("nn.Dropout(p={}),", py_float(p)),
                DropoutKind::UniformNoise { beta } => format!("UniformNoise({}),", py_float(beta)),
            }),
            LayerConfig::Flatten {} => {
                flat = true;
                modules.push(to("nn.Flatten()".into(), true));
            }
            LayerConfig::Dense { out_features, weight_init, bias_init } => {
                if !flat {
                    modules.push("nn.Flatten(),".into());
                    flat = true;
                }
                let fan_in = input[0] * input[1] * input[2];
                let i = modules.len();
                inits.push(init_line(weight_init, &format!("net[{i}].weight"), fan_in));
                inits.push(bias_line(bias_init, &format!("net[{i}].bias"), fan_in, out_features)?);
                modules.push(to(format!("nn.Linear({fan_in}, {out_features})"), true));
            }
        }
        ends.push(modules.len() - 1);
    }

    Ok((modules, inits, ends))
}
