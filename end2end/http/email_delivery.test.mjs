// Email over real SMTP: registrations put verification emails in the
// outbox, and the background sender delivers each exactly once to the
// mail server, with a working link and a Message-ID fixed per outbox row.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor, sleep } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import {
  call, signIn, loadOutbox, tokenIn, uniqueEmail, DEMO, CONFIRM_SUBJECT, GOOD_PASSWORD,
} from '../support/client.mjs';

let db; let sink; let server; let coordinator;
before(async () => {
  db = await freshDatabase();
  sink = await startSink();
  server = await startServer({ env: { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_TLS: 'none' } });
  coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
});
after(async () => {
  await server?.stop();
  await saveLogs(import.meta.url, server);
  await sink?.remove();
  await db?.drop();
});

test('three registrations: three verification emails arrive over SMTP, each exactly once', async () => {
  const addresses = [uniqueEmail('smtp-a'), uniqueEmail('smtp-b'), uniqueEmail('smtp-c')];
  for (const email of addresses) {
    const res = await call(server.url, 'register', { display_name: 'Mel Mail', email, password: GOOD_PASSWORD });
    assert.equal(res.status, 200, res.text);
  }
  await waitFor(async () => (await sink.messages()).length >= 3, { timeout: 20000, what: '3 emails at the SMTP sink' });
  await sleep(3000); // longer than the sender's idle poll: a duplicate would show up by now
  const messages = await sink.messages();

  assert.deepEqual(messages.map((m) => m.to.join(',')).sort(), [...addresses].sort(), 'one email per address');
  const { emails, delivering } = await loadOutbox(server.url, coordinator);
  assert.equal(delivering, true);
  for (const email of addresses) {
    const [message] = messages.filter((m) => m.to.includes(email));
    assert.equal(message.subject, CONFIRM_SUBJECT);
    assert.match(message.body, new RegExp(`${server.url}/verify-email\\?token=[0-9a-f]{64}`));
    // The Message-ID is the outbox row's, so a resend is recognisably the same email.
    const [row] = emails.filter((e) => e.to === email);
    assert.equal(message.message_id, `<outbox-${row.id}-${row.created_at}@mentorwell.invalid>`);
    assert.equal(row.sent, true, `outbox row ${row.id} is marked sent`);
    assert.equal(row.attempts, 1);
    assert.equal(row.body, '', 'with SMTP set up the outbox page does not show the body (it holds a link)');
  }
});

test('the emailed link confirms the account', async () => {
  const email = uniqueEmail('smtp-link');
  await call(server.url, 'register', { display_name: 'Lin Link', email, password: GOOD_PASSWORD });
  const message = await waitFor(
    async () => (await sink.messages()).find((m) => m.to.includes(email)),
    { timeout: 20000, what: `the email to ${email}` },
  );
  const res = await call(server.url, 'confirm_email', { token: tokenIn(message.body, '/verify-email') });
  assert.equal(res.status, 200, res.text);
  await signIn(server.url, email, GOOD_PASSWORD);
});
