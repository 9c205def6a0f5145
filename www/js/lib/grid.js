// A 2-D numeric grid as an accessible <table> of DOM-text cells, optionally editable.
//
//   const grid = createGrid({
//     label: 'Input 5×5',                    // accessible name of the table
//     rows: 5, cols: 5,
//     values: [[3, 3, 2, 1, 0], …],          // or (r, c) => number | string | null ('' shown empty)
//     editable: true,                        // or (r, c) => boolean
//     onChange: (r, c, value) => { … },      // after an edit; value is a number
//     onCellClick: (r, c) => { … },          // optional: cells become clickable/focusable
//     cellClass: (r, c) => 'win',            // optional extra classes per cell
//     note: (r, c) => '×2',                  // optional small annotation shown in the cell
//     cellLabel: (r, c) => 'row 1, column 2',// optional accessible name prefix per cell
//     rowHeaders: ['0', '1'], colHeaders: […],   // optional header cells
//     format: formatValue,                   // number → text
//   });
//   parent.append(grid.element);
//   grid.render({ values, cellClass });       // update: merges options, repaints in place
//
// Keyboard (interactive grids): arrows move between cells, Home/End to the row's ends;
// Enter or F2 edits; typing a digit, '-', '.' starts an edit with that character; in the editor
// Enter commits, Escape cancels, Tab commits and moves on. Mouse or touch: tap a cell to edit.
// Handled keys do not bubble, so a demo's own shortcuts (space, arrows) work everywhere else.
// Cells hold <span class="grid-value"> (and <span class="grid-note">) so tests can read text.
import { el } from './dom.js';
import { formatValue, parseNumber } from './format.js';

const START_KEYS = /^[0-9.+\-−]$/;

/** Create a grid; returns `{ element, render(update), focusCell(r, c), get rows, get cols }`. */
export function createGrid(options) {
  const opts = { label: 'Grid', rows: 0, cols: 0, values: null, editable: false, format: formatValue, ...options };
  const table = el('table', { class: 'grid' });
  let cells = [];
  let shape = '';
  let active = { r: 0, c: 0 };
  let editing = null; // { r, c, input }

  const valueAt = (r, c) => (typeof opts.values === 'function' ? opts.values(r, c) : opts.values?.[r]?.[c]);
  const isEditable = (r, c) => (typeof opts.editable === 'function' ? opts.editable(r, c) : Boolean(opts.editable));
  const interactive = () => Boolean(opts.editable || opts.onCellClick);
  const textOf = (v) => (v === null || v === undefined || v === '' ? '' : typeof v === 'number' ? opts.format(v) : String(v));

  function build() {
    table.replaceChildren();
    cells = [];
    if (opts.colHeaders) {
      const corner = opts.rowHeaders ? el('td', { class: 'grid-corner' }) : null;
      const heads = opts.colHeaders.map((h) => el('th', { class: 'grid-head', scope: 'col', text: h }));
      table.append(el('thead', {}, [el('tr', {}, [corner, ...heads])]));
    }
    const body = el('tbody');
    for (let r = 0; r < opts.rows; r += 1) {
      const tr = el('tr');
      if (opts.rowHeaders) tr.append(el('th', { class: 'grid-head', scope: 'row', text: opts.rowHeaders[r] ?? '' }));
      const row = [];
      for (let c = 0; c < opts.cols; c += 1) {
        const value = el('span', { class: 'grid-value' });
        const note = el('span', { class: 'grid-note' });
        const td = el('td', { class: 'grid-cell', dataset: { row: String(r), col: String(c) } }, [value, note]);
        tr.append(td);
        row.push({ td, value, note });
      }
      cells.push(row);
      body.append(tr);
    }
    table.append(body);
    active = { r: Math.min(active.r, opts.rows - 1), c: Math.min(active.c, opts.cols - 1) };
  }

  function paint() {
    table.setAttribute('aria-label', opts.label);
    if (interactive()) table.setAttribute('role', 'grid');
    else table.removeAttribute('role');
    for (let r = 0; r < opts.rows; r += 1) {
      for (let c = 0; c < opts.cols; c += 1) {
        const { td, value, note } = cells[r][c];
        const text = textOf(valueAt(r, c));
        if (!(editing && editing.r === r && editing.c === c)) value.textContent = text;
        const noteText = opts.note ? opts.note(r, c) ?? '' : '';
        note.textContent = noteText;
        const extra = opts.cellClass ? opts.cellClass(r, c) ?? '' : '';
        const editableHere = isEditable(r, c);
        td.className = `grid-cell${editableHere ? ' editable' : ''}${extra ? ` ${extra}` : ''}`;
        if (interactive()) td.tabIndex = r === active.r && c === active.c ? 0 : -1;
        else td.removeAttribute('tabindex');
        if (opts.cellLabel) td.setAttribute('aria-label', `${opts.cellLabel(r, c)}: ${text || 'empty'}${noteText ? ` ${noteText}` : ''}`);
        if (editableHere) td.setAttribute('aria-readonly', 'false');
        else if (interactive()) td.setAttribute('aria-readonly', 'true');
      }
    }
  }

  function render(update = {}) {
    const wasFocused = table.contains(document.activeElement) && !editing;
    Object.assign(opts, update);
    const nextShape = `${opts.rows}×${opts.cols}|${opts.rowHeaders ?? ''}|${opts.colHeaders ?? ''}`;
    if (nextShape !== shape) {
      if (editing) editing = null;
      build();
      shape = nextShape;
    }
    paint();
    if (wasFocused && !table.contains(document.activeElement)) focusCell(active.r, active.c);
  }

  function focusCell(r, c) {
    if (!cells.length) return;
    active = { r: Math.max(0, Math.min(opts.rows - 1, r)), c: Math.max(0, Math.min(opts.cols - 1, c)) };
    if (interactive()) {
      for (const row of cells) for (const cell of row) cell.td.tabIndex = -1;
      cells[active.r][active.c].td.tabIndex = 0;
    }
    cells[active.r][active.c].td.focus();
  }

  function startEdit(r, c, initial) {
    if (!isEditable(r, c) || editing) return;
    const { td, value } = cells[r][c];
    const input = el('input', {
      class: 'grid-input',
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      'aria-label': `${opts.cellLabel ? opts.cellLabel(r, c) : `Row ${r + 1}, column ${c + 1}`}: new value`,
    });
    input.value = initial ?? value.textContent;
    editing = { r, c, input };
    value.replaceChildren(input);
    input.focus();
    if (initial === undefined) input.select();

    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true, true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false, true);
      } else if (event.key === 'Tab') {
        finish(true, false);
      }
    });
    input.addEventListener('blur', () => finish(true, false));
    input.addEventListener('input', () => input.removeAttribute('aria-invalid'));
    td.classList.add('editing');
  }

  function finish(commit, refocus) {
    if (!editing) return;
    const { r, c, input } = editing;
    const parsed = commit ? parseNumber(input.value) : null;
    if (commit && parsed === null && input.value.trim() !== '' && refocus) {
      input.setAttribute('aria-invalid', 'true'); // say so and stay in the editor
      return;
    }
    editing = null;
    const { td, value } = cells[r][c] ?? {};
    if (td) {
      td.classList.remove('editing');
      value.textContent = textOf(valueAt(r, c));
      if (refocus) focusCell(r, c);
    }
    if (parsed !== null && opts.onChange) opts.onChange(r, c, parsed);
  }

  table.addEventListener('keydown', (event) => {
    const td = event.target.closest?.('td.grid-cell');
    if (!td || editing || !interactive() || event.altKey || event.ctrlKey || event.metaKey) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    let handled = true;
    if (moves[event.key]) focusCell(r + moves[event.key][0], c + moves[event.key][1]);
    else if (event.key === 'Home') focusCell(r, 0);
    else if (event.key === 'End') focusCell(r, opts.cols - 1);
    else if ((event.key === 'Enter' || event.key === 'F2') && isEditable(r, c)) startEdit(r, c);
    else if (event.key === 'Enter' && opts.onCellClick) opts.onCellClick(r, c);
    else if ((event.key === 'Backspace' || event.key === 'Delete') && isEditable(r, c)) startEdit(r, c, '');
    else if (START_KEYS.test(event.key) && isEditable(r, c)) startEdit(r, c, event.key);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  });

  table.addEventListener('click', (event) => {
    const td = event.target.closest?.('td.grid-cell');
    if (!td || event.target.closest('input')) return;
    const r = Number(td.dataset.row);
    const c = Number(td.dataset.col);
    if (interactive()) focusCell(r, c);
    if (isEditable(r, c)) startEdit(r, c);
    else if (opts.onCellClick) opts.onCellClick(r, c);
  });

  render();
  return {
    element: table,
    render,
    focusCell,
    get rows() { return opts.rows; },
    get cols() { return opts.cols; },
  };
}
