// Placeholder for the 2-D convolution demo: mounts the shell and checks that the core loads.
import { mountShell, onReady } from '../shell.js';
import { loadCore } from '../wasm.js';

const { content } = mountShell({
  title: 'Convolution in 2D',
  description: "The sliding kernel in 2D — the lecture's 5×5 example, step by step.",
});

onReady(async () => {
  const core = await loadCore();
  const note = document.createElement('p');
  note.id = 'core-status';
  const version = typeof core.version === 'function' ? ` ${core.version()}` : '';
  note.textContent = `This demo is on its way. The WebAssembly core${version} is loaded.`;
  content.append(note);
});
