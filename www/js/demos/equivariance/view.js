// The equivariance demo's sections: figures (canvas heatmaps) and measured numbers (DOM text).
// `buildView(controls, { pixels })` creates everything once; `view.update(state, results)`
// redraws from the core's results (measure.js). Nothing is computed here.
import { el, figure, section, stat, stats } from '../../lib/dom.js';
import { drawHeatmap, legend, rangeOf } from '../../lib/heatmap.js';
import { formatCount, formatSignificant } from '../../lib/format.js';

function maps(figs) {
  return el('div', { class: 'eq-maps' }, figs.map((f) => f.node));
}

function paint(fig, map, kind = 'diverging', range) {
  const used = drawHeatmap(fig.canvas, map.data, map.h, map.w, { map: kind, range });
  if (fig.legend) legend(fig.legend, { ...used, map: kind });
}

/** One diverging range shared by several maps, so equal values get equal colours. */
function shared(...list) {
  const hi = Math.max(0, ...list.map((m) => rangeOf(m.data, 'diverging').hi));
  return [-hi, hi];
}

/** A measured number: three significant digits shown, the core's value kept in data-value. */
function show(s, value) {
  s.set(formatSignificant(value, 3), value);
}

function equivarianceSection(v) {
  v.x = figure('x: the test digit');
  v.gx = figure('g(x): shifted', { cls: 'draggable', canvasLabel: 'shifted digit; drag or use arrow keys to shift it' });
  v.gx.canvas.tabIndex = 0;
  v.fx = figure('f(x): feature map', { legend: true });
  v.fgx = figure('f(g(x)): map of the shifted digit', { legend: true });
  v.diff = figure('f(g(x)) − g(f(x))', { legend: true });
  v.inputChange = stat({ id: 'eq-input-change', label: 'Input changed by (‖g(x) − x‖ / ‖x‖)' });
  v.interior = stat({ id: 'eq-interior', label: 'Largest |f(g(x)) − g(f(x))| away from the borders', cls: 'key' });
  v.cells = stat({ id: 'eq-cells', label: 'Cells compared away from the borders' });
  v.all = stat({ id: 'eq-all', label: 'Largest difference including the border cells' });
  v.eqVerdict = el('p', { class: 'verdict', id: 'eq-verdict', 'aria-live': 'polite' });
  return section(
    'Equivariance: shift, then convolve',
    {
      id: 'equivariance',
      intro:
        'g shifts the digit, f convolves it (stride 1, "same" padding). If f is equivariant, f(g(x)) = g(f(x)): ' +
        'convolving the shifted digit gives the shifted feature map. Drag the shifted digit or use the arrow keys on it.',
    },
    [maps([v.x, v.gx, v.fx, v.fgx, v.diff]), stats([v.inputChange, v.interior, v.cells, v.all]), v.eqVerdict],
  );
}

function invarianceSection(v) {
  v.px = figure('2×2 max pool of f(x)', { legend: true });
  v.pgx = figure('2×2 max pool of f(g(x))', { legend: true });
  v.raw = stat({ id: 'inv-raw', label: 'Relative change of the raw feature map', cls: 'key' });
  v.pooled = stat({ id: 'inv-pool', label: 'Relative change after 2×2 max pooling', cls: 'key' });
  v.global = stat({ id: 'inv-global', label: 'Relative change after global max pooling', cls: 'key' });
  v.globalBefore = stat({ id: 'inv-global-before', label: 'Global max of f(x)' });
  v.globalAfter = stat({ id: 'inv-global-after', label: 'Global max of f(g(x))' });
  return section(
    'Invariance: pooling forgets where',
    {
      id: 'invariance',
      intro:
        'Pooling summarizes a neighbourhood. Compare the feature map before and after the shift without undoing it: ' +
        'the raw map changes a lot, the 2×2 max-pooled map less, and the globally pooled value (one max over the whole map) hardly at all.',
    },
    [maps([v.px, v.pgx]), stats([v.raw, v.pooled, v.global, v.globalBefore, v.globalAfter])],
  );
}

function breaksSection(v, controls) {
  v.sa = figure('subsampled f(x)', { legend: true });
  v.sb = figure('subsampled f(g(x))', { legend: true });
  v.sdiff = figure('difference after the best whole-cell shift', { legend: true });
  v.undo = stat({ id: 'br-undo', label: 'Best whole-cell shift of the small map' });
  v.brInterior = stat({ id: 'br-interior', label: 'Largest difference away from the borders', cls: 'key' });
  v.brVerdict = el('p', { class: 'verdict', id: 'br-verdict', 'aria-live': 'polite' });
  v.rx = figure('g(x): rotated and scaled');
  v.rfgx = figure('f(g(x))', { legend: true });
  v.rgfx = figure('g(f(x))', { legend: true });
  v.rdiff = figure('f(g(x)) − g(f(x))', { legend: true });
  v.rotInterior = stat({ id: 'rot-interior', label: 'Largest difference away from the borders', cls: 'key' });
  v.rotRel = stat({ id: 'rot-rel', label: 'Relative difference ‖f(g(x)) − g(f(x))‖ / ‖g(f(x))‖', cls: 'key' });
  v.rotShift = stat({ id: 'rot-shift', label: 'For comparison, the same for the shift' });
  v.rotTolerance = stat({ id: 'rot-tolerance', label: "Float rounding tolerance (10⁻⁵ × the maps' largest |value|)" });
  v.rotVerdict = el('p', { class: 'verdict', id: 'rot-verdict', 'aria-live': 'polite' });
  return section(
    'Where it breaks',
    {
      id: 'breaks',
      intro:
        'Subsampling (stride 2, or 2×2 pooling) keeps every second cell. A shift by an even number of pixels is a whole number of cells; ' +
        'an odd shift falls between cells and no shift of the small map undoes it (aliasing).',
    },
    [
      controls.sample,
      maps([v.sa, v.sb, v.sdiff]),
      stats([v.undo, v.brInterior]),
      v.brVerdict,
      controls.blur,
      el('h3', { text: 'Rotation and scale' }),
      el('p', {
        text:
          'The lecture: convolution is not equivariant to scale or rotation. Rotate or scale the digit (g) and compare ' +
          'f(g(x)) with g(f(x)). A kernel that detects vertical edges does not turn with the image.',
      }),
      controls.rotation,
      maps([v.rx, v.rfgx, v.rgfx, v.rdiff]),
      stats([v.rotInterior, v.rotTolerance, v.rotRel, v.rotShift]),
      v.rotVerdict,
    ],
  );
}

function mlpSection(v, controls, pixels) {
  v.hBefore = figure('hidden activations for x', { cls: 'strip', legend: true });
  v.hAfter = figure('hidden activations for g(x)', { cls: 'strip', legend: true });
  v.mlpInput = stat({ id: 'mlp-input', label: 'Input vector changed by' });
  v.mlpChange = stat({ id: 'mlp-change', label: 'Hidden activations changed by (relative)', cls: 'key' });
  v.mlpParams = stat({ id: 'mlp-params', label: 'Parameters of this dense layer' });
  return section(
    'The same experiment on an MLP',
    {
      id: 'mlp',
      intro:
        `An MLP's first layer sees the digit as one vector of ${formatCount(pixels)} numbers. Shifting the digit makes a new vector, ` +
        'and every hidden unit is a weighted sum of all of it: the hidden activations change completely, and since hidden ' +
        'units have no positions there is no shift to undo.',
    },
    [
      controls.mlp,
      el('div', { class: 'strips' }, [v.hBefore.node, v.hAfter.node]),
      stats([v.mlpInput, v.mlpChange, v.mlpParams]),
      el('p', { class: 'hint', id: 'why-invariant-link' }, ['On the answer itself — a trained CNN and MLP, the probability of the true class as the digit moves: ', el('a', { href: 'why-cnns.html#why-invariant', text: 'the invariant task' }), '.']),
    ],
  );
}

function verdicts(v, state, r) {
  const m = r.eq.measured;
  const border = m.maxAbs > 0 ? ' Near the borders it differs: the digit met the zero padding.' : '';
  v.eqVerdict.textContent =
    m.maxAbsInterior === 0
      ? `Exactly 0 away from the borders (margin ${r.kernel.margin}, the kernel's radius): f(g(x)) = g(f(x)).${border}`
      : m.agree
        ? `Equal up to float rounding away from the borders (${formatSignificant(m.maxAbsInterior, 3)}, within the tolerance ${formatSignificant(m.tolerance, 3)}): f(g(x)) = g(f(x)).${border}`
        : 'Not zero: this should not happen for a stride-1 convolution.';
  const moved = `${state.dx} px right and ${state.dy} px down`;
  const what = `${state.sample === 'stride2' ? 'stride-2 convolution' : '2×2 max pooling'}${state.blur ? ' (blurred, then subsampled)' : ''}`;
  v.brVerdict.textContent =
    r.sub.measured.maxAbsInterior === 0
      ? `Exactly 0: a shift of ${moved} is a whole number of cells of the ${what}'s grid. Try an odd shift.`
      : `Not 0: with the ${what}, a shift of ${moved} is not a whole number of cells, so the map changes, not just moves.`;
  const transforms = [state.angle !== 0 ? `rotating by ${state.angle}°` : '', state.scale !== 1 ? `scaling by ${state.scale}` : ''];
  const g = transforms.filter(Boolean).join(' and ') || 'g';
  const rot = r.rot.measured;
  const measured = `the largest difference away from the borders is ${formatSignificant(rot.maxAbsInterior, 3)}, the tolerance ${formatSignificant(rot.tolerance, 3)}`;
  v.rotVerdict.textContent =
    rot.maxAbsInterior === 0
      ? 'Exactly 0: with no rotation and scale 1, g does nothing. Move a slider.'
      : rot.agree
        ? `Commutes, up to float rounding: ${measured}. ${g[0].toUpperCase()}${g.slice(1)} leaves this kernel unchanged, so the order does not matter.`
        : `Does not commute: ${measured}. ${g[0].toUpperCase()}${g.slice(1)} does not commute with this convolution.`;
}

/** Build the sections; `controls` holds control nodes placed inside sections. Returns the view. */
export function buildView(controls, { pixels }) {
  const v = {};
  v.nodes = [equivarianceSection(v), invarianceSection(v), breaksSection(v, controls), mlpSection(v, controls, pixels)];

  v.update = (state, r) => {
    const image = (data) => ({ ...r.side, data });
    paint(v.x, image(r.image), 'gray', [0, 1]);
    paint(v.gx, image(r.eq.moved), 'gray', [0, 1]);
    const range = shared(r.eq.fx, r.eq.fgx);
    paint(v.fx, r.eq.fx, 'diverging', range);
    paint(v.fgx, r.eq.fgx, 'diverging', range);
    paint(v.diff, r.eq.diff);
    const m = r.eq.measured;
    show(v.inputChange, r.eq.inputChange);
    show(v.interior, m.maxAbsInterior);
    v.cells.set(String(m.interiorCells), m.interiorCells);
    show(v.all, m.maxAbs);

    const prange = shared(r.inv.px, r.inv.pgx);
    paint(v.px, r.inv.px, 'diverging', prange);
    paint(v.pgx, r.inv.pgx, 'diverging', prange);
    show(v.raw, r.inv.raw);
    show(v.pooled, r.inv.pooled);
    show(v.global, r.inv.global);
    show(v.globalBefore, r.inv.globalBefore);
    show(v.globalAfter, r.inv.globalAfter);

    const b = r.sub;
    const srange = shared(b.a, b.b);
    paint(v.sa, b.a, 'diverging', srange);
    paint(v.sb, b.b, 'diverging', srange);
    paint(v.sdiff, b.diff);
    v.undo.set(`${b.undo.dx} right, ${b.undo.dy} down`);
    show(v.brInterior, b.measured.maxAbsInterior);

    const rrange = shared(r.rot.fgx, r.rot.gfx);
    paint(v.rx, image(r.rot.turned), 'gray', [0, 1]);
    paint(v.rfgx, r.rot.fgx, 'diverging', rrange);
    paint(v.rgfx, r.rot.gfx, 'diverging', rrange);
    paint(v.rdiff, r.rot.diff);
    show(v.rotInterior, r.rot.measured.maxAbsInterior);
    show(v.rotRel, r.rot.measured.relativeChange);
    show(v.rotShift, m.maxAbsInterior);
    show(v.rotTolerance, r.rot.measured.tolerance);

    const hrange = shared({ data: r.mlp.before }, { data: r.mlp.after });
    paint(v.hBefore, { h: 1, w: r.mlp.before.length, data: r.mlp.before }, 'diverging', hrange);
    paint(v.hAfter, { h: 1, w: r.mlp.after.length, data: r.mlp.after }, 'diverging', hrange);
    show(v.mlpInput, r.eq.inputChange);
    show(v.mlpChange, r.mlp.change);
    v.mlpParams.set(formatCount(r.mlp.parameters), r.mlp.parameters);
    verdicts(v, state, r);
    v.x.canvas.setAttribute('aria-label', `test digit ${state.digit}, a ${r.label}`);
    v.gx.canvas.setAttribute(
      'aria-label',
      `the digit shifted by ${state.dx} pixels right and ${state.dy} down; drag it or use the arrow keys to shift it`,
    );
  };
  return v;
}
