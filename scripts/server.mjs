// A small static file server for ConvPlay's pages, with no dependencies.
//
// Serves one folder (www/ by default) with the MIME types the pages need (.wasm must be
// application/wasm for streaming compilation), the project's Content-Security-Policy and
// X-Content-Type-Options on every response, 404s, and directory -> index.html. Paths that
// leave the folder are refused.
//
// CLI:    node scripts/server.mjs [--root DIR] [--port N] [--host H]   (PORT env also works)
// Module: const { url, close } = await startServer({ root, port: 0 });
//         `mounts: { '/_fixtures/': dir }` serves extra folders under a URL prefix (tests only).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** Map a URL path to a file inside `base`, or null when it would leave `base`. */
export function resolveInside(base, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter(Boolean);
  // No "..", and no dotfiles (.gitignore and the like are not part of the site).
  if (segments.some((s) => s.startsWith('.'))) return null;
  const file = path.resolve(base, ...segments);
  return file === base || file.startsWith(base + path.sep) ? file : null;
}

function pickBase(urlPath, root, mounts) {
  for (const [prefix, dir] of mounts) {
    if (urlPath.startsWith(prefix)) return { base: dir, rest: urlPath.slice(prefix.length) };
  }
  return { base: root, rest: urlPath };
}

async function handle(req, res, root, mounts) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  // The raw path, not a normalised URL: a request for /../x is refused, not quietly rewritten.
  const urlPath = req.url.split(/[?#]/)[0];
  if (!urlPath.startsWith('/')) return sendText(res, 400, 'Bad request\n');
  const { base, rest } = pickBase(urlPath, root, mounts);
  let file = resolveInside(base, rest);
  if (!file) return sendText(res, 403, 'Forbidden\n');

  let stat = await fs.promises.stat(file).catch(() => null);
  if (stat?.isDirectory()) {
    if (!urlPath.endsWith('/')) {
      return sendText(res, 301, 'Moved\n', { Location: `${urlPath}/` });
    }
    file = path.join(file, 'index.html');
    stat = await fs.promises.stat(file).catch(() => null);
  }
  if (!stat?.isFile()) return sendText(res, 404, `Not found: ${urlPath}\n`);

  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeType(file),
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/**
 * Start serving `root`. Resolves to `{ url, close }`; `port: 0` picks a free port.
 * @param {{root: string, port?: number, host?: string, mounts?: Record<string, string>}} options
 */
export function startServer({ root, port = 8000, host = '127.0.0.1', mounts = {} }) {
  const rootDir = path.resolve(root);
  const mountList = Object.entries(mounts).map(([prefix, dir]) => [prefix, path.resolve(dir)]);
  const server = http.createServer((req, res) => {
    handle(req, res, rootDir, mountList).catch((err) => {
      if (!res.headersSent) sendText(res, 500, `Server error: ${err.message}\n`);
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
      const close = () =>
        new Promise((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
      resolve({ url, close });
    });
  });
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const options = {
    root: path.join(here, '..', 'www'),
    port: Number(process.env.PORT || 8000),
    host: '127.0.0.1',
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--root') options.root = value;
    else if (flag === '--port') options.port = Number(value);
    else if (flag === '--host') options.host = value;
    else throw new Error(`unknown argument ${flag}; use --root DIR, --port N, --host H`);
    i += 1;
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error('the port must be a whole number from 0 to 65535');
  }
  return options;
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (runDirectly) {
  try {
    const options = parseArgs(process.argv.slice(2));
    const { url, close } = await startServer(options);
    console.log(`Serving ${path.resolve(options.root)} at ${url}/  (Ctrl+C stops)`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`server: ${err.message}`);
    process.exit(1);
  }
}
