// How the 1-D demo shows its values: the stems' colours and markers (site.css's colour-blind-safe
// custom properties), the decimals (4, so binomial weights like 1/16 = 0.0625 show exactly), and
// table cells for the kit's table() (numbers formatted, text kept as it is).
import { formatValue } from '../../lib/format.js';

/** Decimals shown by this demo. */
export const DECIMALS = { decimals: 4 };

/** Stem colours and markers; the legend swatch of each is `swatch-<key>` (conv.css). */
export const STYLE = {
  x: { color: '--cat-blue', marker: 'circle' },
  h: { color: '--cat-vermillion', marker: 'square' },
  product: { color: '--cat-green', marker: 'diamond' },
  y: { color: '--cat-black', marker: 'circle' },
};

/** A value as shown in this demo's tables and grids. */
export const valueText = (v) => (typeof v === 'number' ? formatValue(v, DECIMALS) : String(v ?? ''));

/** A table cell `{ text, cls }` for a number (formatted) or a text. */
export const cell = (v, cls) => ({ text: valueText(v), cls });

/** The column headings 0 … length−1 after `corner`. */
export const indexHead = (corner, length) => [corner, ...Array.from({ length }, (_, i) => String(i))];
