// "Copy as PyTorch" on "Why CNNs": the page's chosen CNN and the MLP it is compared with (the
// networks of its training jobs: layers, digit input and seed), with their parameter counts.
import { jobsFor } from '../../demos/why-cnns/models.js';

export function handout({ core, digits, state }) {
  return { kind: 'models', models: jobsFor(core, digits.shape(), state).map((job) => job.model) };
}
