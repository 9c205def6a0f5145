// Predict first on pooling: the pooled value of the traced window ("Inside one window"), for each
// kind — the core's pool2dTrace result the page shows (#trace-<kind>-result, its data-value).
import { KINDS } from '../../demos/pooling/window.js';
import { shownNumber, waiting } from './read.js';

const TOLERANCE = { max: 0.01, average: 0.01, l2: 0.05, gaussian: 0.05 };

export const QUESTIONS = KINDS.map((kind) => ({
  id: `pool-${kind.id}`,
  label: `${kind.name} pooling of the window`,
  ask() {
    const where = document.getElementById('trace-where')?.textContent ?? '';
    const prompt = `${where} What does ${kind.name.toLowerCase()} pooling (${kind.what}) give for it?`.trim();
    const value = shownNumber(`#trace-${kind.id}-result`);
    if (value === null) return waiting(prompt, 'The feature map is being computed…');
    return { prompt, value, tolerance: TOLERANCE[kind.id], unit: '', reveal: [`#trace-${kind.id}-result`, `#trace-${kind.id} .grid-note`] };
  },
}));
