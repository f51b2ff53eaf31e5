// The password rules are enforced by the server, whatever the browser
// checked: at least 8 characters, and none of the most common passwords.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import {
  call, signIn, emailsTo, confirmedAccount, uniqueEmail, CHECK_EMAIL, CONFIRM_SUBJECT,
} from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

async function register(password) {
  const email = uniqueEmail('policy');
  const res = await call(ctx.url, 'register', { display_name: 'Pat Policy', email, password });
  return { email, res };
}

/** The message the server gave for the password field, if any. */
const passwordMessage = (res, field = 'password') =>
  res.json?.Invalid?.find((e) => e.field === field)?.message;

for (const [label, password, message] of [
  ['7 characters', 'abcdefg', /at least 8 characters/],
  ['7 accented characters (length counts characters, not bytes)', 'ééééééé', /at least 8 characters/],
  ['"password1"', 'password1', /too common/],
  ['"qwertyuiop"', 'qwertyuiop', /too common/],
  ['"Password1" (common in any case)', 'Password1', /too common/],
]) {
  test(`registration refuses ${label}, and creates no account`, async () => {
    const { email, res } = await register(password);
    assert.match(passwordMessage(res) ?? '', message, `${res.status} ${res.text}`);
    assert.ok(res.status >= 300, `refused with a non-2xx status, got ${res.status}`);
    assert.equal((await emailsTo(ctx.url, ctx.coordinator, email)).length, 0, 'no email sent');
  });
}

test('registration accepts 8 characters that are not common', async () => {
  const { email, res } = await register('mug7tea!');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json, CHECK_EMAIL);
  assert.equal((await emailsTo(ctx.url, ctx.coordinator, email, CONFIRM_SUBJECT)).length, 1);
});

test('changing to a common password is refused too', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const session = await signIn(ctx.url, email, password);
  const res = await call(ctx.url, 'change_password', { current_password: password, new_password: 'qwertyuiop' },
    { cookie: session });
  assert.match(passwordMessage(res, 'new_password') ?? '', /too common/, res.text);
  await signIn(ctx.url, email, password); // unchanged
});
