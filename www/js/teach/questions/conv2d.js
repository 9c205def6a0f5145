// Predict first on the 2-D convolution: the output cell the next step computes, the size of the
// output for the current stride, padding and dilation, and in the transposed mode the transposed
// output's rows. All from the core: its output and its geometries for the demo's state (as the
// demo itself draws them).
import { computeModel } from '../../demos/conv2d/model.js';
import { groupCounts } from '../../demos/conv2d/groups-model.js';
import { transposedOptions } from '../../demos/conv2d/transposed-model.js';
import { waiting } from './read.js';

export const QUESTIONS = [
  {
    id: 'next-cell',
    label: 'The next output cell',
    ask({ core, state }) {
      const model = computeModel(core, state);
      const i = state.step;
      if (i >= model.count) return waiting('Which value does the next window give?', 'Every output cell is computed: step back (←) or change a setting for a new question.');
      const { o, r, c } = model.position(i);
      return {
        prompt: `Which value does the next window give: output ${model.d.F > 1 ? `map ${o + 1}, ` : ''}row ${r}, column ${c}? Guess, then press Step ▶ to see it worked out.`,
        value: model.output.data[i],
        tolerance: 0.5,
        unit: '',
        reveal: document.querySelectorAll('#stage .stage-output td.grid-cell')[i] ?? [],
      };
    },
  },
  {
    id: 'output-size',
    label: 'The output size',
    ask({ core, state }) {
      const { geometry: g } = computeModel(core, state);
      const padding = state.padding === 'explicit' ? `${state.pad} on each side` : `“${state.padding}”`;
      return {
        prompt: `A ${g.inH}×${g.inW} input, a ${g.kH}×${g.kW} kernel, stride ${g.sY}, padding ${padding}, dilation ${g.dY}: how many rows has the output?`,
        value: g.outH,
        tolerance: 0,
        unit: 'rows',
        reveal: ['#formula', '#stage .stage-output', '#player .player-status'],
      };
    },
  },
  {
    id: 'group-weights',
    label: 'The weights of a grouped convolution',
    ask({ core, state }) {
      const prompt = 'How many weights has this convolution (biases not counted)?';
      if (!state.grp) return waiting(prompt, 'Open “Groups: standard → grouped → depthwise” below for this question.');
      let c;
      try {
        c = groupCounts(core, state);
      } catch {
        return waiting(prompt, 'This group count does not divide the channels and filters: choose another.');
      }
      const k = Number(state.gk);
      return {
        prompt: `C = ${c.standard.channelsPerFilter} input channels, F = ${c.grouped.filters} filters of ${k}×${k}, g = ${c.groups} group${c.groups > 1 ? 's' : ''}: ${prompt}`,
        value: c.grouped.weights,
        tolerance: 0,
        unit: 'weights',
        reveal: ['#groups-counts', '#groups-compare', '#groups-ratio', '#groups-setting'],
      };
    },
  },
  {
    id: 'transposed-size',
    label: 'The transposed output size',
    ask({ core, state }) {
      const prompt = 'How many rows has the transposed convolution’s output?';
      if (state.op !== 'transposed') return waiting(prompt, 'Choose “Transposed convolution” above for this question.');
      let g;
      try {
        g = core.convTranspose2dGeometry(state.trows, state.tcols, state.tk, state.tk, transposedOptions(state)).height;
      } catch {
        return waiting(prompt, 'This setting has no output: change a setting for a new question.');
      }
      return {
        prompt: `A ${g.input}-row input, a ${g.kernel}×${g.kernel} kernel, stride ${g.stride}, padding ${g.padding}, output padding ${g.outputPadding}, dilation ${g.dilation}: ${prompt}`,
        value: g.output,
        tolerance: 0,
        unit: 'rows',
        reveal: ['#transposed-formula', '#transposed-stage', '#transposed-finals', '#transposed-verdict', '#transposed-matching', '#transposed-player .player-status'],
      };
    },
  },
];
