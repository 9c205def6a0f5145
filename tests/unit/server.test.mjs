// The static server (scripts/server.mjs) over real HTTP on an ephemeral port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { startServer, CONTENT_SECURITY_POLICY } from '../../scripts/server.mjs';

let dir;
let server;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convplay-server-'));
  const root = path.join(dir, 'site');
  fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
  fs.mkdirSync(path.join(root, 'demos'));
  fs.writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>');
  fs.writeFileSync(path.join(root, 'demos', 'index.html'), '<h1>demos</h1>');
  fs.writeFileSync(path.join(root, 'pkg', 'core.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, '.gitignore'), '*');
  for (const ext of ['js', 'mjs', 'json', 'css', 'png', 'svg', 'bin', 'gz']) fs.writeFileSync(path.join(root, `f.${ext}`), 'x');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  fs.mkdirSync(path.join(dir, 'fixtures'));
  fs.writeFileSync(path.join(dir, 'fixtures', 'f.json'), '{}');
  server = await startServer({ root, port: 0, mounts: { '/_fixtures/': path.join(dir, 'fixtures') } });
});

after(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (fetch would normalise ../ away before sending). */
function get(rawPath, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves files with the right MIME types and security headers', async () => {
  const types = {
    '/pkg/core.wasm': 'application/wasm',
    '/f.js': 'text/javascript; charset=utf-8',
    '/f.mjs': 'text/javascript; charset=utf-8',
    '/f.json': 'application/json; charset=utf-8',
    '/f.css': 'text/css; charset=utf-8',
    '/f.png': 'image/png',
    '/f.svg': 'image/svg+xml',
    '/f.bin': 'application/octet-stream',
    '/f.gz': 'application/gzip',
    '/index.html': 'text/html; charset=utf-8',
  };
  for (const [urlPath, type] of Object.entries(types)) {
    const res = await get(urlPath);
    assert.equal(res.status, 200, urlPath);
    assert.equal(res.headers['content-type'], type, urlPath);
    assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY, urlPath);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', urlPath);
  }
});

test('a directory serves its index.html; without the slash it redirects', async () => {
  assert.equal((await get('/')).body, '<h1>home</h1>');
  assert.equal((await get('/demos/')).body, '<h1>demos</h1>');
  const res = await get('/demos?x=1');
  assert.equal(res.status, 301);
  assert.equal(res.headers.location, '/demos/');
});

test('missing files are 404 with the security headers', async () => {
  const res = await get('/nope.html');
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
});

test('paths that leave the root, and dotfiles, are refused', async () => {
  for (const bad of ['/../secret.txt', '/%2e%2e/secret.txt', '/pkg/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/.gitignore', '/%00', '/%E0%A4%A']) {
    const res = await get(bad);
    assert.equal(res.status, 403, bad);
    assert.doesNotMatch(res.body, /secret/, bad);
  }
});

test('mounted folders are served under their prefix, and cannot be left either', async () => {
  assert.equal((await get('/_fixtures/f.json')).body, '{}');
  assert.equal((await get('/_fixtures/../secret.txt')).status, 403);
});

test('HEAD has headers and no body; other methods are refused', async () => {
  const head = await get('/f.css', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], '1');
  assert.equal((await get('/f.css', 'POST')).status, 405);
});
