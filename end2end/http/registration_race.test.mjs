// Twenty registrations of one address at the same moment: the unique email
// must hold under a real race (two requests may both find the address
// free). As the issue asks, the others are told the address is already
// registered, as a field error (4xx), never a server error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, loadOutbox, uniqueEmail, CHECK_EMAIL, CONFIRM_SUBJECT, GOOD_PASSWORD } from '../support/client.mjs';

const ALREADY = 'This email address is already registered. Sign in, or reset your password if you have forgotten it.';

const email = uniqueEmail('race');
let responses;
let accountsBefore;
const ctx = serverForFile(import.meta.url, {
  async setup() {
    accountsBefore = await accountCount();
    responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(ctx.url, 'register', { display_name: `Racer ${i}`, email, password: GOOD_PASSWORD })),
    );
  },
});

async function accountCount() {
  const res = await call(ctx.url, 'load_service_figures', {}, { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  return res.json.accounts;
}

test('exactly one account and one confirmation email come out of the race', async () => {
  assert.equal(await accountCount(), accountsBefore + 1, 'accounts created');
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), '1', 'rows in users');
  const { emails } = await loadOutbox(ctx.url, ctx.coordinator);
  const confirmations = emails.filter((e) => e.to === email && e.subject === CONFIRM_SUBJECT);
  assert.equal(confirmations.length, 1, 'confirmation emails to the raced address');
});

test('no registration in the race fails on the server side (no 5xx)', () => {
  const serverErrors = responses.filter((r) => r.status >= 500);
  assert.equal(
    serverErrors.length,
    0,
    `a duplicate address is not a server error; got: ${[...new Set(serverErrors.map((r) => `${r.status} ${r.text}`))]}`,
  );
});

test('one registration succeeds and the other nineteen are told the address is already registered', () => {
  const counts = {};
  for (const r of responses) {
    const key = r.status === 200 ? `200 ${r.text}` : `${r.status} ${r.json?.Invalid?.[0]?.field}: ${r.json?.Invalid?.[0]?.message}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  assert.deepEqual(
    counts,
    { [`200 ${JSON.stringify(CHECK_EMAIL)}`]: 1, [`422 email: ${ALREADY}`]: 19 },
    'answers (with how many got each)',
  );
});
