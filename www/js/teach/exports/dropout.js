// "Copy as PyTorch" on dropout: inverted dropout at the page's p, its variance shift measured.
export function handout({ state }) {
  return { kind: 'dropout', dropout: { kind: 'inverted', p: state.p }, seed: state.seed };
}
