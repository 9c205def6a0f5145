// The URL state of the conv2d page's "Groups" section (groups.js): shown or not, channels C,
// filters per channel (F = C·gmul), kernel side, group count g and the current filter. No imports,
// so state.js can spread it into the page's schema.
/** URL state of the section: shown or not, channels, filters per channel, kernel, groups, filter. */
export const GROUPS_SCHEMA = {
  grp: { type: 'bool', default: false },
  gch: { type: 'enum', values: ['4', '6'], default: '4' },
  gmul: { type: 'enum', values: ['1', '2'], default: '1' },
  gk: { type: 'enum', values: ['1', '3', '5'], default: '3' },
  groups: { type: 'int', min: 1, max: 12, default: 1 },
  gf: { type: 'int', min: 0, max: 11, default: 0 },
};
