// kill -9 in the middle of sending: no email may be lost, and an email
// sent twice (the mail server had it, the dead server had not recorded it)
// must carry the same Message-ID both times, so mail systems see one message.
// The sink, like a real relay, counts a message only once it has answered
// "250 OK"; a resend can then only follow a crash in the few milliseconds
// between that answer and the outbox row being marked sent.
// The restarted server runs 200 s ahead so the dead one's claims (120 s) expire.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor, sleep } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { call, signIn, loadOutbox, uniqueEmail, DEMO, GOOD_PASSWORD } from '../support/client.mjs';

const COUNT = 20;
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

test(`${COUNT} emails, the server killed -9 mid-send and restarted: all delivered, none under two ids`, async (t) => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  // The sink records each message, then waits before answering "250 OK":
  // a kill in that pause is the "delivered but not recorded" case.
  const sink = await startSink({ delay: 0.3 });
  cleanups.push(() => sink.remove());
  const env = { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_TLS: 'none' };

  const first = await startServer({ env });
  cleanups.push(async () => { await first.stop(); await saveLogs(`${import.meta.url}-first`, first); });
  const addresses = Array.from({ length: COUNT }, (_, i) => uniqueEmail(`crash${i}`));
  const answers = await Promise.all(addresses.map((email) =>
    call(first.url, 'register', { display_name: 'Kim Kill', email, password: GOOD_PASSWORD })));
  assert.deepEqual(answers.map((r) => r.status), addresses.map(() => 200));

  await waitFor(async () => (await sink.messages()).length >= 4, { timeout: 20000, what: 'sending to be under way' });
  await first.kill9();
  const atKill = (await sink.messages()).length;
  assert.ok(atKill < COUNT, `the kill must land mid-send (${atKill} of ${COUNT} already received)`);

  const second = await startServer({ env: { ...env, MENTORWELL_CLOCK_OFFSET_SECONDS: '200' } });
  cleanups.push(async () => { await second.stop(); await saveLogs(`${import.meta.url}-second`, second); });
  const coordinator = await signIn(second.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const rows = await waitFor(async () => {
    const mine = (await loadOutbox(second.url, coordinator)).emails.filter((e) => addresses.includes(e.to));
    return mine.length === COUNT && mine.every((e) => e.sent) && mine;
  }, { timeout: 60000, interval: 500, what: 'every outbox row marked sent after the restart' });
  await sleep(3000); // anything still in flight arrives

  const received = (await sink.messages()).filter((m) => m.to.some((to) => addresses.includes(to)));
  const expected = new Map(rows.map((r) => [`<outbox-${r.id}-${r.created_at}@mentorwell.invalid>`, r.to]));
  const distinct = new Set(received.map((m) => m.message_id));
  const duplicates = received.length - distinct.size;
  t.diagnostic(`${atKill} received before the kill; ${received.length} messages in all, ` +
    `${distinct.size} distinct Message-IDs, ${duplicates} resent under the same id`);

  // Nothing lost, nothing invented: the ids received are exactly the outbox rows.
  assert.deepEqual([...distinct].sort(), [...expected.keys()].sort());
  for (const m of received) assert.deepEqual(m.to, [expected.get(m.message_id)], `${m.message_id} went to its own address`);
  // No address got two different messages (a resend under a new id).
  for (const email of addresses) {
    const ids = new Set(received.filter((m) => m.to.includes(email)).map((m) => m.message_id));
    assert.equal(ids.size, 1, `${email} received ${ids.size} distinct messages`);
  }
  // At most the one email in flight at the kill can have been sent twice.
  assert.ok(duplicates <= 1, `${duplicates} duplicates; only the one in flight at the kill may repeat`);
});
