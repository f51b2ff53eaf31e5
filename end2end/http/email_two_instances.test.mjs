// Two instances on one database each run an email sender. Claims must
// keep them apart: every email delivered exactly once, none by both.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor, sleep } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { call, uniqueEmail, GOOD_PASSWORD } from '../support/client.mjs';

const COUNT = 20;
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

test(`${COUNT} emails with two senders on one database: each delivered exactly once`, async (t) => {
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const sink = await startSink({ delay: 0.05 });
  cleanups.push(() => sink.remove());
  const env = { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_TLS: 'none' };
  const a = await startServer({ env });
  cleanups.push(async () => { await a.stop(); await saveLogs(`${import.meta.url}-a`, a); });
  const b = await startServer({ env });
  cleanups.push(async () => { await b.stop(); await saveLogs(`${import.meta.url}-b`, b); });

  // Half the registrations through each instance, all at once.
  const addresses = Array.from({ length: COUNT }, (_, i) => uniqueEmail(`pair${i}`));
  const answers = await Promise.all(addresses.map((email, i) =>
    call((i % 2 ? a : b).url, 'register', { display_name: 'Two Senders', email, password: GOOD_PASSWORD })));
  assert.deepEqual(answers.map((r) => r.status), addresses.map(() => 200));

  await waitFor(async () => (await sink.messages()).length >= COUNT, { timeout: 30000, what: `${COUNT} emails` });
  await sleep(3000);
  const received = await sink.messages();
  const perAddress = addresses.map((email) => received.filter((m) => m.to.includes(email)).length);
  assert.deepEqual(perAddress, addresses.map(() => 1), 'emails received per address');
  assert.equal(new Set(received.map((m) => m.message_id)).size, COUNT);
  const sentBy = (s) => (s.logs().match(/email sent/g) ?? []).length;
  t.diagnostic(`instance A sent ${sentBy(a)}, instance B sent ${sentBy(b)}`);
  assert.equal(sentBy(a) + sentBy(b), COUNT);
});
