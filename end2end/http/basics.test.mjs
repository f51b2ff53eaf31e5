// What every deployment relies on: health checks for the load balancer,
// a request id on every response (to match a complaint with the log), a
// real 404, the wasm bundle precompressed and cacheable, and status codes
// that tell a person's mistake (4xx) from a server fault (5xx).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serverForFile } from '../support/fixture.mjs';
import { call, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

/** A raw GET (fetch would undo the Content-Encoding): { status, headers, body: Buffer }. */
function rawGet(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${ctx.url}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The bundle's file names, from the page that loads them (they carry a content hash). */
async function bundlePath(extension) {
  const html = await (await fetch(`${ctx.url}/`)).text();
  const match = new RegExp(`/pkg/[\\w.-]+\\.${extension}\\b`).exec(html);
  assert.ok(match, `the home page refers to a .${extension} bundle file`);
  return match[0];
}

test('/healthz and /readyz answer 200', async () => {
  const health = await fetch(`${ctx.url}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(await health.text(), 'ok');
  const ready = await fetch(`${ctx.url}/readyz`);
  assert.equal(ready.status, 200);
  await ready.arrayBuffer();
});

test('an unknown path gets the "Page not found" page with status 404', async () => {
  const res = await fetch(`${ctx.url}/no/such/page`);
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await res.text(), /Page not found/);
});

test('every kind of response carries a distinct x-request-id', async () => {
  const wasm = await bundlePath('wasm');
  const responses = [
    await fetch(`${ctx.url}/`),
    await fetch(`${ctx.url}/healthz`),
    await fetch(`${ctx.url}/readyz`),
    await fetch(`${ctx.url}/no/such/page`),
    await fetch(`${ctx.url}${wasm}`),
    await fetch(`${ctx.url}/pkg/no-such-file.js`),
    await fetch(`${ctx.url}/api/sign_out`), // GET of a server function
    await fetch(`${ctx.url}/api/sign_in`, { method: 'POST', body: 'email=a%40b.org&password=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    await fetch(`${ctx.url}/api/sign_in`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }),
  ];
  const ids = [];
  for (const res of responses) {
    await res.arrayBuffer();
    const id = res.headers.get('x-request-id');
    assert.ok(id, `${res.url} (${res.status}) has an x-request-id`);
    ids.push(id);
  }
  assert.equal(new Set(ids).size, ids.length, 'ids are distinct');
});

test('the wasm bundle is served brotli-compressed, with a Cache-Control header', async () => {
  const path = await bundlePath('wasm');
  const res = await rawGet(path, { 'accept-encoding': 'br' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'br');
  assert.equal(res.headers['content-type'], 'application/wasm');
  assert.ok(res.headers['cache-control'], 'has Cache-Control');
  // Its name carries a content hash, so it may be kept for good.
  assert.match(res.headers['cache-control'], /max-age=31536000/);
  assert.match(res.headers['cache-control'], /immutable/);
  assert.deepEqual([...brotliDecompressSync(res.body).subarray(0, 4)], [0, 0x61, 0x73, 0x6d], 'a wasm module');
});

test('the wasm bundle falls back to gzip, then to no encoding', async () => {
  const path = await bundlePath('wasm');
  const gz = await rawGet(path, { 'accept-encoding': 'gzip' });
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.deepEqual([...gunzipSync(gz.body).subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  const plain = await rawGet(path);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual([...plain.body.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  assert.ok(plain.body.length > gz.body.length);
});

test('the JavaScript and CSS bundles are served with Cache-Control too', async () => {
  for (const ext of ['js', 'css']) {
    const res = await rawGet(await bundlePath(ext), { 'accept-encoding': 'br' });
    assert.equal(res.status, 200, ext);
    assert.equal(res.headers['content-encoding'], 'br', ext);
    assert.ok(res.headers['cache-control'], `${ext} has Cache-Control`);
  }
});

test("a person's mistakes are answered 4xx, not 500 (which monitoring treats as a fault)", async () => {
  const cases = {
    'invalid form (register, short password)':
      await call(ctx.url, 'register', { display_name: 'X', email: 'x@example.org', password: 'short' }),
    'wrong password (sign_in)': await call(ctx.url, 'sign_in', { email: DEMO.mentee.email, password: 'not it' }),
    'not signed in (load_outbox)': await call(ctx.url, 'load_outbox'),
    'wrong role (load_outbox as mentee)': await call(ctx.url, 'load_outbox', {},
      { cookie: (await call(ctx.url, 'sign_in', DEMO.mentee)).session }),
  };
  const statuses = Object.fromEntries(Object.entries(cases).map(([k, r]) => [k, `${r.status} ${r.text}`]));
  const wrong = Object.entries(cases).filter(([, r]) => r.status < 400 || r.status >= 500);
  assert.deepEqual(wrong.map(([k]) => k), [], `statuses: ${JSON.stringify(statuses, null, 1)}`);
});
