// The headless Chromium every browser run uses (page tests, benchmark): Debian's build, never a
// downloaded one, with the flags it needs as root on a machine without a display or outside
// network access. `CHROMIUM` overrides the path.
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
