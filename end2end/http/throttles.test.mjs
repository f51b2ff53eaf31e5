// Registration, reset requests and resets are throttled per client address
// (and reset requests per email too), in the database so every instance
// counts together. Only attempts that pass the form's checks count.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, uniqueEmail, DEMO, GOOD_PASSWORD } from '../support/client.mjs';
import { addressFor } from '../support/bursts.mjs';

const ctx = serverForFile(import.meta.url, { env: { MENTORWELL_TRUST_PROXY: '1' } });
const from = (address) => ({ headers: { 'x-forwarded-for': address } });

async function sequentially(n, send) {
  const answers = [];
  for (let i = 0; i < n; i += 1) answers.push(await send(i));
  return answers;
}

test('a hundred registrations from one address, then the next is throttled and creates nothing', { timeout: 120_000 }, async () => {
  const address = addressFor(70_001);
  // An address already registered: counted, but answered without hashing.
  const taken = await sequentially(100, () =>
    call(ctx.url, 'register', { display_name: 'Again', email: DEMO.mentee.email, password: GOOD_PASSWORD }, from(address)));
  assert.ok(taken.every((a) => a.status === 422), JSON.stringify(taken.map((a) => a.status)));
  const email = uniqueEmail('throttled');
  const next = await call(ctx.url, 'register', { display_name: 'Late', email, password: GOOD_PASSWORD }, from(address));
  assert.equal(next.status, 429, next.text);
  assert.equal(next.json?.Throttled?.minutes, 15, next.text);
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), '0');
  // Another address is not affected.
  const other = await call(ctx.url, 'register', { display_name: 'Elsewhere', email, password: GOOD_PASSWORD }, from(addressFor(70_002)));
  assert.equal(other.status, 200, other.text);
});

test('a form with mistakes does not count against the address', async () => {
  const address = addressFor(70_003);
  const answers = await sequentially(120, () =>
    call(ctx.url, 'register', { display_name: '', email: 'not-an-email', password: 'x' }, from(address)));
  assert.ok(answers.every((a) => a.status === 422));
  const good = await call(ctx.url, 'register', { display_name: 'Fine', email: uniqueEmail('fine'), password: GOOD_PASSWORD }, from(address));
  assert.equal(good.status, 200, good.text);
});

test('three reset emails to one person in fifteen minutes, then refused without sending', async () => {
  const before = Number(await ctx.db.sql(`SELECT COUNT(*) FROM outbox WHERE to_address = '${DEMO.mentor.email}'`));
  const answers = await sequentially(4, (i) => call(ctx.url, 'request_password_reset', { email: DEMO.mentor.email }, from(addressFor(71_000 + i))));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 429]);
  assert.equal(answers[3].json?.Throttled?.minutes, 15);
  const after = Number(await ctx.db.sql(`SELECT COUNT(*) FROM outbox WHERE to_address = '${DEMO.mentor.email}'`));
  assert.equal(after - before, 3, 'reset emails written');
  // Someone else's reset is unaffected.
  const other = await call(ctx.url, 'request_password_reset', { email: DEMO.mentee.email }, from(addressFor(71_000)));
  assert.equal(other.status, 200, other.text);
});

test('a hundred reset requests from one address, then the next is throttled', { timeout: 60_000 }, async () => {
  const address = addressFor(72_000);
  const answers = await sequentially(100, (i) => call(ctx.url, 'request_password_reset', { email: `nobody-${i}@example.nhs.uk` }, from(address)));
  assert.ok(answers.every((a) => a.status === 200));
  const next = await call(ctx.url, 'request_password_reset', { email: 'nobody-else@example.nhs.uk' }, from(address));
  assert.equal(next.status, 429, next.text);
  assert.equal(next.json?.Throttled?.minutes, 15, next.text);
});

test('a hundred resets with made-up tokens from one address, then the next is throttled', { timeout: 60_000 }, async () => {
  const address = addressFor(73_000);
  const answers = await sequentially(100, (i) => call(ctx.url, 'reset_password', { token: `guess-${i}`, new_password: GOOD_PASSWORD }, from(address)));
  assert.ok(answers.every((a) => a.status === 400), JSON.stringify(answers.slice(0, 3).map((a) => a.text)));
  const next = await call(ctx.url, 'reset_password', { token: 'guess-last', new_password: GOOD_PASSWORD }, from(address));
  assert.equal(next.status, 429, next.text);
});

// A hospital shares one address: fifty failed sign-ins to accounts that do
// not exist pause guessing from it, but not a colleague signing in to a
// real account, and failures on a real account count against that account.
test('fifty sign-ins to unknown accounts from one address pause guessing, not colleagues', { timeout: 60_000 }, async () => {
  const address = addressFor(74_000);
  const guesses = await sequentially(50, (i) =>
    call(ctx.url, 'sign_in', { email: `nobody-${i}@example.nhs.uk`, password: 'not the password' }, from(address)));
  assert.ok(guesses.every((a) => a.status === 400), JSON.stringify(guesses.slice(0, 3).map((a) => a.text)));
  const next = await call(ctx.url, 'sign_in', { email: 'nobody-more@example.nhs.uk', password: 'not the password' }, from(address));
  assert.equal(next.status, 429, next.text);
  const typo = await call(ctx.url, 'sign_in', { email: DEMO.mentor.email, password: 'not the password' }, from(address));
  assert.equal(typo.status, 400, `a wrong password on a real account is answered as such: ${typo.text}`);
  const colleague = await call(ctx.url, 'sign_in', DEMO.mentee, from(address));
  assert.equal(colleague.status, 200, colleague.text);
});
