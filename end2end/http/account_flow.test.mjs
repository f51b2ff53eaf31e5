// The account life cycle over HTTP, as a browser without JavaScript (or
// the wasm client) drives it: register, confirm by the emailed link, sign
// in, change password, sign out, reset password. No SMTP server here, so
// the links are read from the coordinators' outbox.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { freshDatabase, startServer, commandLineCoordinator } from '../support/server.mjs';
import {
  call, signIn, currentUser, tokenFromOutbox, confirmedAccount, uniqueEmail,
  CHECK_EMAIL, CONFIRM_SUBJECT, RESET_SUBJECT, GOOD_PASSWORD, DEMO,
} from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

test('register, confirm by the emailed link (once), sign in with a safe session cookie', async () => {
  const email = uniqueEmail('flow');
  const reg = await call(ctx.url, 'register', { display_name: 'Amira Flow', email, password: GOOD_PASSWORD });
  assert.equal(reg.status, 200, reg.text);
  assert.equal(reg.json, CHECK_EMAIL);

  // Not confirmed yet: the right password is still refused, with a reason.
  const early = await call(ctx.url, 'sign_in', { email, password: GOOD_PASSWORD });
  assert.match(early.json?.Refused ?? '', /confirm your email address first/, early.text);
  assert.equal(early.session, undefined, 'no session before confirmation');

  const token = await tokenFromOutbox(ctx.url, ctx.coordinator, email, CONFIRM_SUBJECT, '/verify-email');
  const confirmed = await call(ctx.url, 'confirm_email', { token });
  assert.equal(confirmed.status, 200, confirmed.text);
  const again = await call(ctx.url, 'confirm_email', { token });
  assert.ok(again.json?.Refused, `a used link is refused: ${again.status} ${again.text}`);

  const res = await call(ctx.url, 'sign_in', { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD });
  assert.equal(res.status, 200, res.text);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mw_session='));
  assert.match(cookie, /^mw_session=[0-9a-f]{64};/);
  assert.match(cookie, /;\s*HttpOnly/i);
  assert.match(cookie, /;\s*SameSite=Lax/i);
  assert.doesNotMatch(cookie, /;\s*Secure/i, 'no Secure flag when the public URL is http');
  assert.ok(res.headers.has('serverfnredirect'), 'the client is told to go on to the home page');

  const user = await currentUser(ctx.url, res.session);
  assert.equal(user?.email, email);
  assert.equal(await currentUser(ctx.url, 'f'.repeat(64)), null, 'a made-up session is nobody');
});

test('changing the password ends every other session and hands out a new cookie', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const first = await signIn(ctx.url, email, password);
  const second = await signIn(ctx.url, email, password); // another device
  assert.notEqual(first, second);
  assert.equal((await currentUser(ctx.url, second))?.email, email);

  const newPassword = 'a brand new passphrase';
  const res = await call(ctx.url, 'change_password', { current_password: password, new_password: newPassword },
    { cookie: first });
  assert.equal(res.status, 200, res.text);
  assert.match(res.session ?? '', /^[0-9a-f]{64}$/, 'a new session cookie is set');
  assert.notEqual(res.session, first);

  assert.equal(await currentUser(ctx.url, second), null, 'the other device is signed out');
  assert.equal(await currentUser(ctx.url, first), null, 'the old cookie of this device is retired');
  assert.equal((await currentUser(ctx.url, res.session))?.email, email, 'the new cookie works');

  const oldPassword = await call(ctx.url, 'sign_in', { email, password });
  assert.ok(oldPassword.json?.Refused, `old password refused: ${oldPassword.text}`);
  await signIn(ctx.url, email, newPassword);
});

test('a wrong current password does not change it', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const session = await signIn(ctx.url, email, password);
  const res = await call(ctx.url, 'change_password',
    { current_password: 'not my password', new_password: 'another fine passphrase' }, { cookie: session });
  assert.equal(res.json?.Invalid?.[0]?.field, 'current_password', res.text);
  assert.equal((await currentUser(ctx.url, session))?.email, email, 'still signed in');
  await signIn(ctx.url, email, password);
});

test('signing out ends the session on the server, not just in the browser', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const session = await signIn(ctx.url, email, password);
  const res = await call(ctx.url, 'sign_out', {}, { cookie: session });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.session, '', 'the cookie is cleared');
  // Someone who kept a copy of the cookie gets nothing from it.
  assert.equal(await currentUser(ctx.url, session), null);
});

test('password reset: the link works once, ends sessions, and the new password signs in', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const session = await signIn(ctx.url, email, password);

  const asked = await call(ctx.url, 'request_password_reset', { email });
  assert.equal(asked.status, 200, asked.text);
  const unknown = await call(ctx.url, 'request_password_reset', { email: uniqueEmail('nobody') });
  assert.equal(`${unknown.status} ${unknown.text}`, `${asked.status} ${asked.text}`,
    'an unknown address gets the same answer');

  const token = await tokenFromOutbox(ctx.url, ctx.coordinator, email, RESET_SUBJECT, '/reset-password');
  const newPassword = 'reset to something new';
  const reset = await call(ctx.url, 'reset_password', { token, new_password: newPassword });
  assert.equal(reset.status, 200, reset.text);
  const reused = await call(ctx.url, 'reset_password', { token, new_password: 'and yet another one' });
  assert.match(reused.json?.Refused ?? '', /expired or has already been used/, `${reused.status} ${reused.text}`);

  assert.equal(await currentUser(ctx.url, session), null, 'sessions from before the reset are ended');
  const old = await call(ctx.url, 'sign_in', { email, password });
  assert.ok(old.json?.Refused, `old password refused: ${old.text}`);
  await signIn(ctx.url, email, newPassword);
  const second = await call(ctx.url, 'sign_in', { email, password: 'and yet another one' });
  assert.ok(second.json?.Refused, 'the refused second reset did not set its password');
});

test('behind https (public URL https://…) the session cookie is also Secure, and __Host- prefixed', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  // Demo data is refused on an https site: the account is made as a real
  // installation makes its first.
  const server = await startServer({ env: { ...db.env, MENTORWELL_PUBLIC_URL: 'https://mentorwell.example', MENTORWELL_DEMO_DATA: null } });
  t.after(() => server.stop());
  const lead = await commandLineCoordinator(db, uniqueEmail('lead'));
  const res = await call(server.url, 'sign_in', lead);
  assert.equal(res.status, 200, res.text);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mw_session='));
  assert.ok(cookie, `a __Host-mw_session cookie in ${res.headers.getSetCookie()}`);
  assert.match(cookie, /;\s*Secure/i);
  assert.match(cookie, /;\s*HttpOnly/i);
});
