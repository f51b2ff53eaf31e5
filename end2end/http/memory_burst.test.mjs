// Bursts that once took the server to gigabytes without anyone signing in:
// 200 password resets with made-up tokens (each used to hash the new
// password before looking at the token) and 200 registrations from 200
// addresses at once (each hashing at the same moment). The token is now
// checked first and hashing waits for one of a few slots, so memory stays
// under the goal. Figures are printed; `scripts/bench.sh` measures the
// same with a minute's wait after the burst.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, uniqueEmail, GOOD_PASSWORD } from '../support/client.mjs';
import { memoryDuringBurst, describeMemory, addressFor, statusCounts } from '../support/bursts.mjs';

const BURST = 200;
const GOAL_MIB = 300;
// The benchmark waits a minute after each burst; the test command less.
const SETTLE_MS = Number(process.env.MENTORWELL_BURST_SETTLE_MS || 5000);
const EXPIRED = 'This reset link has expired or has already been used. Ask for a new one.';

// Each request comes from its own address, so the per-address throttle does
// not hide the hashing: this is the worst case for memory.
const ctx = serverForFile(import.meta.url, { env: { MENTORWELL_TRUST_PROXY: '1' } });
const from = (i) => ({ headers: { 'x-forwarded-for': addressFor(i) } });

test(`${BURST} resets with made-up tokens at once: refused, and memory stays under ${GOAL_MIB} MiB`, { timeout: 120_000 }, async () => {
  const figures = await memoryDuringBurst(ctx.server, BURST, (i) =>
    call(ctx.url, 'reset_password', { token: `made-up-${i}`, new_password: GOOD_PASSWORD }, from(i)), { settleMs: SETTLE_MS });
  console.log(`# bad-token resets x${BURST}: ${describeMemory(figures)} (goal: peak under ${GOAL_MIB} MiB)`);
  assert.deepEqual(statusCounts(figures.answers), { 400: BURST });
  assert.ok(figures.answers.every((a) => a.json?.Refused === EXPIRED), figures.answers[0].text);
  assert.ok(figures.peak < GOAL_MIB, describeMemory(figures));
});

test(`${BURST} registrations at once from ${BURST} addresses: each created or told to retry, memory under ${GOAL_MIB} MiB`, { timeout: 180_000 }, async () => {
  const emails = Array.from({ length: BURST }, () => uniqueEmail('burst'));
  const figures = await memoryDuringBurst(ctx.server, BURST, (i) =>
    call(ctx.url, 'register', { display_name: `Burst ${i}`, email: emails[i], password: GOOD_PASSWORD }, from(i)), { settleMs: SETTLE_MS });
  console.log(`# registrations x${BURST}: ${describeMemory(figures)} (goal: peak under ${GOAL_MIB} MiB); answers ${JSON.stringify(statusCounts(figures.answers))}`);
  for (const answer of figures.answers) {
    assert.ok([200, 503].includes(answer.status), `${answer.status} ${answer.text}`);
    if (answer.status === 503) assert.ok(Number(answer.headers.get('retry-after')) > 0, 'a busy answer says when to retry');
  }
  const created = Number(await ctx.db.sql("SELECT COUNT(*) FROM users WHERE email LIKE 'burst-%'"));
  assert.equal(created, figures.answers.filter((a) => a.status === 200).length, 'every 200 is an account, and no other');
  assert.ok(figures.peak < GOAL_MIB, describeMemory(figures));
  assert.ok(figures.after < figures.before + 64, `memory goes back after the burst: ${describeMemory(figures)}`);
});
