// Sign-in throttling: five wrong passwords for an account within fifteen
// minutes stop further attempts, even with the right password, and an
// unknown address is treated exactly like a known one (no way to probe
// which addresses have accounts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, confirmedAccount, uniqueEmail } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);
const WRONG = { Refused: 'The email address or password is not right.' };
const THROTTLED = { Throttled: { minutes: 15 } };

const attempt = (email, password) => call(ctx.url, 'sign_in', { email, password });

test('five wrong passwords, then even the right one is throttled', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  for (let i = 1; i <= 5; i += 1) {
    const res = await attempt(email, `wrong guess ${i}`);
    assert.deepEqual(res.json, WRONG, `attempt ${i}: ${res.text}`);
  }
  const sixth = await attempt(email, password);
  assert.deepEqual(sixth.json, THROTTLED, sixth.text);
  assert.equal(sixth.session, undefined, 'no session while throttled');
  // The address is normalised, so changing its case is no way round it.
  const shouted = await attempt(email.toUpperCase(), password);
  assert.deepEqual(shouted.json, THROTTLED, shouted.text);
});

test('an unknown address gets the same answers in the same order', async () => {
  const email = uniqueEmail('nobody');
  const answers = [];
  for (let i = 1; i <= 6; i += 1) answers.push((await attempt(email, `guess ${i}`)).text);
  assert.deepEqual(answers.map((a) => JSON.parse(a)), [WRONG, WRONG, WRONG, WRONG, WRONG, THROTTLED]);
});

test('the throttle of one account does not lock out another', async () => {
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator);
  const res = await attempt(email, password);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.session);
});

test('a burst of simultaneous guesses gets no more than five checked', async () => {
  // The limit is only worth something if parallel requests cannot each
  // pass the "fewer than five failures?" check before any failure is
  // recorded. Answers other than THROTTLED mean the password was checked.
  const { email } = await confirmedAccount(ctx.url, ctx.coordinator);
  const burst = await Promise.all(Array.from({ length: 15 }, (_, i) => attempt(email, `parallel guess ${i}`)));
  const checked = burst.filter((r) => JSON.stringify(r.json) !== JSON.stringify(THROTTLED));
  assert.ok(checked.length <= 5, `${checked.length} of 15 simultaneous guesses were checked against the password`);
});
