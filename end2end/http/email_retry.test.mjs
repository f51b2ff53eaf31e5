// A mail server that is down, or answers "try again later", must not lose
// email: the sender records the failure, backs off (30 s, then 60 s …) and
// delivers once the mail server is back, exactly once.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, freePort, waitFor, sleep } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { call, signIn, loadOutbox, uniqueEmail, DEMO, GOOD_PASSWORD } from '../support/client.mjs';

/** Starts a server; stops it, saves its log and cleans up when the test ends. */
async function serve(t, env) {
  const server = await startServer({ env });
  t.after(async () => {
    await server.stop();
    await saveLogs(`${import.meta.url}-${t.name}`, server);
  });
  return server;
}

async function registerSome(url, n, label) {
  const addresses = Array.from({ length: n }, () => uniqueEmail(label));
  for (const email of addresses) {
    const res = await call(url, 'register', { display_name: 'Rory Retry', email, password: GOOD_PASSWORD });
    assert.equal(res.status, 200, res.text);
  }
  return addresses;
}

const rowsFor = async (url, session, addresses) =>
  (await loadOutbox(url, session)).emails.filter((e) => addresses.includes(e.to));

test('with the mail server down, emails wait and are delivered once it is back', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  const smtpPort = await freePort(); // nothing listens here yet
  const env = { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_TLS: 'none' };

  const first = await serve(t, env);
  const coordinator = await signIn(first.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const addresses = await registerSome(first.url, 2, 'down');
  // Both tried and failed, neither lost.
  await waitFor(async () => {
    const rows = await rowsFor(first.url, coordinator, addresses);
    return rows.length === 2 && rows.every((r) => r.attempts >= 1 && !r.sent);
  }, { timeout: 15000, what: 'a failed first attempt for both emails' });
  assert.match(first.logs(), /email not sent; will retry/);

  const sink = await startSink({ port: smtpPort });
  t.after(() => sink.remove());
  // Restart with the clock 200 s ahead instead of sleeping through the backoff.
  await first.stop();
  const second = await serve(t, { ...env, MENTORWELL_CLOCK_OFFSET_SECONDS: '200' });
  await waitFor(async () => (await sink.messages()).length >= 2, { timeout: 20000, what: 'both emails delivered' });
  await sleep(3000);

  const received = (await sink.messages()).map((m) => m.to.join(','));
  assert.deepEqual(received.sort(), [...addresses].sort(), 'each email delivered exactly once');
  const coordinator2 = await signIn(second.url, DEMO.coordinator.email, DEMO.coordinator.password);
  for (const row of await rowsFor(second.url, coordinator2, addresses)) {
    assert.equal(row.sent, true, `row ${row.id} marked sent`);
  }
});

test('a "451 try again later" is retried by the running server after the backoff, and delivered once', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  const sink = await startSink({ failFirst: 2 });
  t.after(() => sink.remove());
  const server = await serve(t, { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_TLS: 'none' });
  const coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const addresses = await registerSome(server.url, 2, 'greylisted');

  await waitFor(async () => (await rowsFor(server.url, coordinator, addresses)).every((r) => r.attempts === 1 && !r.sent),
    { timeout: 15000, what: 'both emails refused once' });
  const refusedAt = Date.now();
  // The first retry is due 30 s later; allow for the sender's 2 s poll.
  await waitFor(async () => (await sink.messages()).length >= 2, { timeout: 60000, interval: 500, what: 'the retries' });
  const waited = (Date.now() - refusedAt) / 1000;
  assert.ok(waited > 20, `retried after the backoff, not at once (${waited.toFixed(1)} s)`);
  await sleep(3000);

  const received = (await sink.messages()).map((m) => m.to.join(','));
  assert.deepEqual(received.sort(), [...addresses].sort(), 'each email delivered exactly once');
  for (const row of await rowsFor(server.url, coordinator, addresses)) {
    assert.equal(row.sent, true, `row ${row.id} marked sent`);
    assert.equal(row.attempts, 2, `row ${row.id}: one refusal and one delivery`);
  }
});
