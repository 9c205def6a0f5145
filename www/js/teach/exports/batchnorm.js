// "Copy as PyTorch" on batch normalization: Algorithm 1 on the page's mini-batch with its γ, β
// and ε, then nn.BatchNorm1d in training and evaluation mode.
export function handout({ state }) {
  return { kind: 'batchNorm', values: [...state.values], gamma: state.gamma, beta: state.beta, eps: state.eps };
}
