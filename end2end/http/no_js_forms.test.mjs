// Forms posted by the browser itself (JavaScript off): the server answers
// with a redirect back to the form and carries the outcome in a short-lived
// HttpOnly cookie. What was typed comes back, passwords never do.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, currentUser, uniqueEmail, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

/** A form post as a browser makes it: Accept: text/html, and a Referer. */
const formPost = (fn, fields, page) => call(ctx.url, fn, fields, {
  headers: { accept: 'text/html,application/xhtml+xml', referer: `${ctx.url}${page}`, 'sec-fetch-site': 'same-origin' },
});

/** The form outcome cookie, decoded from hex JSON. */
function flashOf(res) {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mw_form='));
  assert.ok(cookie, 'an mw_form cookie is set');
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /Max-Age=60\b/);
  const hex = /^mw_form=([0-9a-f]*)/.exec(cookie)[1];
  return { raw: cookie, json: JSON.parse(Buffer.from(hex, 'hex').toString('utf8')) };
}

test('a refused registration goes back to the form with what was typed, but not the password', async () => {
  const email = uniqueEmail('nojs');
  const password = 'short7!';
  const res = await formPost('register', { display_name: 'Noor Script', email, password }, '/register');
  assert.equal(res.status, 302);
  assert.ok(res.headers.get('location').startsWith(`${ctx.url}/register`), res.headers.get('location'));
  const flash = flashOf(res);
  // The form is named by its server function's path, as the page reads it.
  assert.equal(flash.json.form, '/api/register');
  assert.deepEqual(flash.json.values, [['display_name', 'Noor Script'], ['email', email]]);
  assert.equal(flash.json.error.Invalid[0].field, 'password');
  // Not in the cookie, and not in the URL the browser is sent to (history, logs).
  for (const where of [JSON.stringify(flash.json), decodeURIComponent(res.headers.get('location'))]) {
    assert.ok(!where.includes(password), `the password appears in: ${where}`);
  }
  const redirected = Buffer.from(
    new URL(res.headers.get('location')).searchParams.get('__err') ?? '', 'base64').toString();
  assert.ok(!redirected.includes(password));

  // The page the browser lands on shows the message and keeps the typed fields.
  const page = await fetch(res.headers.get('location'), { headers: { cookie: flash.raw.split(';')[0] } });
  const html = await page.text();
  assert.match(html, /Use at least 8 characters/);
  assert.ok(html.includes(`value="${email}"`), 'the email field is filled in again');
});

test('a wrong sign-in goes back to the form without the password', async () => {
  const password = 'my secret attempt';
  const res = await formPost('sign_in', { email: DEMO.mentee.email, password }, '/sign-in');
  assert.equal(res.status, 302);
  assert.equal(res.session, undefined);
  const flash = flashOf(res);
  assert.equal(flash.json.error.Refused, 'The email address or password is not right.');
  assert.ok(!flash.raw.includes(Buffer.from(password).toString('hex')), 'password not in the cookie');
  assert.ok(!decodeURIComponent(res.headers.get('location')).includes(password));
});

test('a good sign-in by plain form post redirects home with the session cookie', async () => {
  const res = await formPost('sign_in', DEMO.mentee, '/sign-in');
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), '/');
  assert.match(res.session ?? '', /^[0-9a-f]{64}$/);
  assert.equal((await currentUser(ctx.url, res.session))?.email, DEMO.mentee.email);
});
