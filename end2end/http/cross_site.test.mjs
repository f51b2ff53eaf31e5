// Forged requests: another website's form posting to Mentorwell is
// refused before it reaches the app, and no GET request (a mail scanner
// opening a link, an <img> on another site) changes anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import {
  call, signIn, currentUser, tokenFromOutbox, uniqueEmail, DEMO,
  CROSS_SITE_REFUSAL, CONFIRM_SUBJECT, GOOD_PASSWORD,
} from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);
const { email, password } = DEMO.mentee;

for (const [label, headers] of [
  ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ['Origin: https://evil.example (older browsers)', { origin: 'https://evil.example' }],
  ['Origin: null (sandboxed frame)', { origin: 'null' }],
]) {
  test(`a sign-in POST with ${label} is refused with 403 and no session`, async () => {
    const res = await call(ctx.url, 'sign_in', { email, password }, { headers });
    assert.equal(res.status, 403, res.text);
    assert.equal(res.text, CROSS_SITE_REFUSAL);
    assert.equal(res.session, undefined);
    assert.ok(res.headers.get('x-request-id'), 'refusals carry a request id too');
  });
}

for (const [label, headers] of [
  ['Sec-Fetch-Site: same-origin', { 'sec-fetch-site': 'same-origin' }],
  ['Sec-Fetch-Site: none (typed into the address bar)', { 'sec-fetch-site': 'none' }],
  ['an Origin matching the host', { origin: 'ORIGIN' }],
  ['neither header (curl, scripts)', {}],
]) {
  test(`a sign-in POST with ${label} is let through`, async () => {
    const h = { ...headers };
    if (h.origin === 'ORIGIN') h.origin = ctx.url;
    const res = await call(ctx.url, 'sign_in', { email, password }, { headers: h });
    assert.equal(res.status, 200, res.text);
    assert.match(res.session ?? '', /^[0-9a-f]{64}$/);
  });
}

test('a forged sign-out from another site does not end the session', async () => {
  const session = await signIn(ctx.url, email, password);
  const res = await call(ctx.url, 'sign_out', {}, { cookie: session, headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(res.status, 403);
  assert.equal((await currentUser(ctx.url, session))?.email, email);
});

test('GET requests change nothing: sign-out and email confirmation need a POST', async () => {
  // A session survives GET /api/sign_out.
  const session = await signIn(ctx.url, email, password);
  const getSignOut = await fetch(`${ctx.url}/api/sign_out`, { headers: { cookie: `mw_session=${session}` } });
  await getSignOut.arrayBuffer();
  assert.notEqual(getSignOut.status, 200, 'GET /api/sign_out is not served as the server function');
  assert.equal((await currentUser(ctx.url, session))?.email, email, 'still signed in after GET /api/sign_out');

  // Opening the emailed link (as a mail scanner would) shows a button but
  // does not confirm; nor does a GET of the server function itself.
  const newcomer = uniqueEmail('scanner');
  const reg = await call(ctx.url, 'register', { display_name: 'Sam Scan', email: newcomer, password: GOOD_PASSWORD });
  assert.equal(reg.status, 200, reg.text);
  const token = await tokenFromOutbox(ctx.url, ctx.coordinator, newcomer, CONFIRM_SUBJECT, '/verify-email');
  const page = await fetch(`${ctx.url}/verify-email?token=${token}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<form[^>]*method="post"/i, 'the page offers a POST form');
  const getFn = await fetch(`${ctx.url}/api/confirm_email?token=${token}`);
  await getFn.arrayBuffer();
  const forged = await call(ctx.url, 'confirm_email', { token }, { headers: { origin: 'https://evil.example' } });
  assert.equal(forged.status, 403);

  const stillUnconfirmed = await call(ctx.url, 'sign_in', { email: newcomer, password: GOOD_PASSWORD });
  assert.match(stillUnconfirmed.json?.Refused ?? '', /confirm your email address first/, stillUnconfirmed.text);

  // The same token still works by POST: the GETs above did not use it up.
  const confirmed = await call(ctx.url, 'confirm_email', { token });
  assert.equal(confirmed.status, 200, confirmed.text);
  await signIn(ctx.url, newcomer, GOOD_PASSWORD);
});
