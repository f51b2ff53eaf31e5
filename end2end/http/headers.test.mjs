// Security and caching headers (issue 15, item 7): a Content-Security-
// Policy whose nonce is fresh on every page and is the one on the page's
// scripts; no-store on everything made for a signed-in person, pages and
// server functions alike, but not on the hashed bundle (the same for
// everyone, kept a year) nor on a guest's page; HSTS and the `__Host-`
// cookie prefix only when the public address is https.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, saveLogs } from '../support/fixture.mjs';
import { call, DEMO } from '../support/client.mjs';
import { freshDatabase, startServer, commandLineCoordinator } from '../support/server.mjs';

const ctx = serverForFile(import.meta.url);

/** A GET with the session cookie (if any): { res, text }. */
async function get(path, session, { url = ctx.url, cookieName = 'mw_session' } = {}) {
  const res = await fetch(`${url}${path}`, {
    redirect: 'manual',
    headers: session ? { cookie: `${cookieName}=${session}` } : {},
  });
  return { res, text: await res.text() };
}

/** The policy's directives by name: { 'script-src': ["'self'", …], … }. */
function directives(res) {
  const policy = res.headers.get('content-security-policy');
  assert.ok(policy, `${res.url} has a Content-Security-Policy`);
  return Object.fromEntries(
    policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]),
  );
}

/** The nonce the policy allows scripts with. */
function policyNonce(res) {
  const sources = directives(res)['script-src'] ?? [];
  const nonces = sources.map((s) => /^'nonce-([A-Za-z0-9+/_=-]+)'$/.exec(s)?.[1]).filter(Boolean);
  assert.equal(nonces.length, 1, `one nonce in script-src: ${sources.join(' ')}`);
  return nonces[0];
}

/** Every `<script>` tag in a page. */
function scriptTags(html) {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
}

/** What every response should carry, whoever it is for. */
function assertCommonHeaders(res) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `${res.url}: nosniff`);
  assert.equal(res.headers.get('referrer-policy'), 'same-origin', `${res.url}: referrer policy`);
  const policy = directives(res);
  assert.deepEqual(policy['frame-ancestors'], ["'none'"], `${res.url}: never framed`);
  assert.deepEqual(policy['object-src'], ["'none'"], `${res.url}: no plugins`);
  assert.deepEqual(policy['base-uri'], ["'none'"], `${res.url}: no <base>`);
  assert.deepEqual(policy['form-action'], ["'self'"], `${res.url}: forms post here only`);
  assert.ok(!res.headers.get('content-security-policy').includes('unsafe-inline'), 'no unsafe-inline');
}

async function signInAs(url, { email, password }, cookieName = 'mw_session') {
  const res = await call(url, 'sign_in', { email, password });
  assert.equal(res.status, 200, `sign-in: ${res.text}`);
  const cookies = res.headers.getSetCookie();
  const match = cookies.map((c) => new RegExp(`^${cookieName}=([0-9a-f]{64});`).exec(c)).find(Boolean);
  assert.ok(match, `a ${cookieName} cookie in ${JSON.stringify(cookies)}`);
  return { token: match[1], res, cookie: cookies.find((c) => c.startsWith(`${cookieName}=`)) };
}

test('a signed-in page: a fresh nonce on its policy and its scripts, no-store', async () => {
  const { token } = await signInAs(ctx.url, DEMO.mentee);
  const first = await get('/resources', token);
  assert.equal(first.res.status, 200);
  assert.notEqual(first.res.headers.get('x-mentorwell-viewer'), 'guest', 'drawn for the signed-in mentee');
  assert.match(first.text, /mentee@example\.org/, 'the page holds the person\'s email (its hydration data)');
  assert.equal(first.res.headers.get('cache-control'), 'no-store');
  assertCommonHeaders(first.res);

  const policy = directives(first.res);
  assert.deepEqual(policy['default-src'], ["'self'"]);
  assert.ok(policy['script-src'].includes("'wasm-unsafe-eval'"), 'the wasm bundle may compile');
  const nonce = policyNonce(first.res);
  assert.ok(nonce.length >= 16, `a nonce of 128 bits or more (${nonce})`);

  // The text-size script, pwa.js, the hydration loader and the data the
  // page hydrates with: every script carries this response's nonce.
  const tags = scriptTags(first.text);
  assert.ok(tags.length >= 3, `the page has its scripts: ${tags.join(' ')}`);
  for (const tag of tags) assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} carries the nonce ${nonce}`);
  assert.ok(tags.some((t) => t.includes('src="/pwa.js"')), 'pwa.js is among them');
  assert.ok(tags.some((t) => t.includes('type="module"')), 'the hydration loader is among them');

  const second = await get('/resources', token);
  const again = policyNonce(second.res);
  assert.notEqual(again, nonce, 'a new nonce on every response');
  for (const tag of scriptTags(second.text)) assert.ok(tag.includes(`nonce="${again}"`), `${tag} carries ${again}`);
});

test('a signed-in server function call is no-store, with the fixed policy', async () => {
  const { token } = await signInAs(ctx.url, DEMO.mentor);
  const res = await call(ctx.url, 'load_page_context', {}, { cookie: token });
  assert.equal(res.status, 200);
  assert.equal(res.json.user.email, DEMO.mentor.email);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assertCommonHeaders({ headers: res.headers, url: '/api/load_page_context' });
  // JSON runs no script: no nonce to match, and none is needed.
  assert.ok(!res.headers.get('content-security-policy').includes('nonce-'));
  // A 404 from a data call made for the person is no-store as well.
  const missing = await call(ctx.url, 'load_resource', { slug: 'no-such-resource' }, { cookie: token });
  assert.equal(missing.headers.get('cache-control'), 'no-store', `load_resource ${missing.status}`);
});

test('signing in and out are no-store; a guest page is not', async () => {
  const { res: signedIn, token } = await signInAs(ctx.url, DEMO.mentee);
  assert.equal(signedIn.headers.get('cache-control'), 'no-store', 'the answer that sets the session');
  const out = await call(ctx.url, 'sign_out', {}, { cookie: token });
  assert.equal(out.headers.get('cache-control'), 'no-store', 'the answer that ends it');

  // The same for everyone, so a browser may keep it (it has no validator,
  // so in practice it asks again).
  const guest = await get('/resources');
  assert.equal(guest.res.status, 200);
  assert.equal(guest.res.headers.get('x-mentorwell-viewer'), 'guest');
  assert.doesNotMatch(guest.res.headers.get('cache-control') ?? '', /no-store/);
  assertCommonHeaders(guest.res);
  const nonce = policyNonce(guest.res);
  for (const tag of scriptTags(guest.text)) assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} carries ${nonce}`);
  // No https here: no HSTS.
  assert.equal(guest.res.headers.get('strict-transport-security'), null);
});

test('the 404 page has its nonce too', async () => {
  const { res, text } = await get('/no/such/page', ctx.coordinator);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const nonce = policyNonce(res);
  for (const tag of scriptTags(text)) assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} carries ${nonce}`);
});

test('hashed bundle files stay public and immutable, even for a signed-in person', async () => {
  const { text } = await get('/', ctx.coordinator);
  const files = [...new Set([...text.matchAll(/\/pkg\/[\w.-]+\.(?:wasm|js|css)\b/g)].map((m) => m[0]))];
  assert.ok(files.length >= 3, `the page names its bundle files: ${files}`);
  for (const file of files) {
    const res = await fetch(`${ctx.url}${file}`, { headers: { cookie: `mw_session=${ctx.coordinator}` } });
    await res.arrayBuffer();
    assert.equal(res.status, 200, file);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
  }
});

test('with an https public address: HSTS, and the session cookie is __Host-', async (t) => {
  const db = await freshDatabase();
  const server = await startServer({
    // Demo data is refused on an https site.
    env: { ...db.env, MENTORWELL_PUBLIC_URL: 'https://mentorwell.example.nhs.uk', MENTORWELL_DEMO_DATA: null },
  });
  t.after(async () => {
    await server.stop();
    await saveLogs(`${import.meta.url}-https`, server);
    await db.drop();
  });
  const lead = await commandLineCoordinator(db, 'lead@example.nhs.uk');
  const { token, res, cookie } = await signInAs(server.url, lead, '__Host-mw_session');
  assert.match(cookie, /; Path=\/(;|$)/, `Path=/ in ${cookie}`);
  assert.match(cookie, /; Secure(;|$)/, `Secure in ${cookie}`);
  assert.doesNotMatch(cookie, /Domain=/i, `no Domain in ${cookie}`);
  assert.ok(!res.headers.getSetCookie().some((c) => c.startsWith('mw_session=')), 'no unprefixed session cookie');
  assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');

  const page = await get('/account', token, { url: server.url, cookieName: '__Host-mw_session' });
  assert.equal(page.res.status, 200);
  assert.notEqual(page.res.headers.get('x-mentorwell-viewer'), 'guest', 'the prefixed cookie signs the person in');
  assert.equal(page.res.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');
  assert.equal(page.res.headers.get('cache-control'), 'no-store');
  assertCommonHeaders(page.res);

  // The unprefixed name could be planted by a neighbouring subdomain: not a session here.
  const planted = await get('/account', token, { url: server.url, cookieName: 'mw_session' });
  assert.equal(planted.res.headers.get('x-mentorwell-viewer'), 'guest');

  const health = await fetch(`${server.url}/healthz`);
  await health.text();
  assert.equal(health.headers.get('strict-transport-security'), 'max-age=31536000; includeSubDomains');

  // A form posted without JavaScript leaves its outcome in a __Host- cookie too.
  const plain = await fetch(`${server.url}/api/sign_in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams({ email: lead.email, password: 'not the password' }),
  });
  await plain.text();
  const flash = plain.headers.getSetCookie().find((c) => /mw_form=/.test(c));
  assert.ok(flash?.startsWith('__Host-mw_form='), `the form cookie is __Host- prefixed: ${flash}`);
});
