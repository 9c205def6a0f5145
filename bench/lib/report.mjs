// The human table and summary lines of a benchmark run (plain text, fixed-width columns).

export const fmt = (x, digits = 0) =>
  x == null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A ratio as "3.2×" with sensible precision. */
export const ratio = (a, b) => {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  const r = a / b;
  return `${r >= 100 ? fmt(r, 0) : r >= 10 ? fmt(r, 1) : fmt(r, 2)}×`;
};

/** Lay out rows (arrays of strings) under headers; `align` per column: 'l' or 'r'. */
export function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (s, i) => (align[i] === 'r' ? String(s).padStart(widths[i]) : String(s).padEnd(widths[i]));
  const line = (cells) => cells.map(cell).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
