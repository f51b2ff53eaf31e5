// Email is encrypted in transit: STARTTLS by default (or TLS from the first
// byte), the relay's certificate checked against SMTP_CA_FILE, and plain
// SMTP refused unless SMTP_TLS=none names a relay on this machine.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor, sleep } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { makeCertificates } from '../support/tls.mjs';
import { call, signIn, loadOutbox, uniqueEmail, DEMO, CONFIRM_SUBJECT, GOOD_PASSWORD } from '../support/client.mjs';

let certs;
before(async () => { certs = await makeCertificates(); });
after(() => certs?.remove());

/** A fresh database, a sink and a server on them, all gone when the test ends. */
async function setUp(t, sinkOptions, env) {
  const db = await freshDatabase();
  t.after(() => db.drop());
  const sink = await startSink(sinkOptions);
  t.after(() => sink.remove());
  const server = await startServer({
    env: { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), ...env },
  });
  t.after(async () => {
    await server.stop();
    await saveLogs(`${import.meta.url}-${t.name}`, server);
  });
  return { db, sink, server };
}

async function register(url, label) {
  const email = uniqueEmail(label);
  const res = await call(url, 'register', { display_name: 'Tam Transit', email, password: GOOD_PASSWORD });
  assert.equal(res.status, 200, res.text);
  return email;
}

async function arrives(sink, email) {
  return waitFor(async () => (await sink.messages()).find((m) => m.to.includes(email)),
    { timeout: 20000, what: `the email to ${email}` });
}

test('by default email goes over STARTTLS, trusting the relay through SMTP_CA_FILE', async (t) => {
  const keys = { cert: certs.cert, key: certs.key };
  const { sink, server } = await setUp(t, { starttls: keys }, { SMTP_CA_FILE: certs.caCert });
  assert.match(server.logs(), new RegExp(`delivering email to 127\\.0\\.0\\.1:${sink.port} with STARTTLS`));
  const email = await register(server.url, 'starttls');
  const message = await arrives(sink, email);
  assert.match(message.tls ?? 'plain', /^TLSv1\.[23]$/, 'the message came over TLS');
  assert.equal(message.subject, CONFIRM_SUBJECT);
  assert.match(message.body, /\/verify-email\?token=[0-9a-f]{64}/);
  const coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const [row] = (await loadOutbox(server.url, coordinator)).emails.filter((e) => e.to === email);
  assert.equal(row.sent, true);
});

test('SMTP_TLS=tls speaks TLS from the first byte', async (t) => {
  const keys = { cert: certs.cert, key: certs.key };
  const { sink, server } = await setUp(t, { tls: keys }, { SMTP_TLS: 'tls', SMTP_CA_FILE: certs.caCert });
  assert.match(server.logs(), /with TLS/);
  const message = await arrives(sink, await register(server.url, 'implicit'));
  assert.match(message.tls ?? 'plain', /^TLSv1\.[23]$/);
});

/** Waits for the email to be tried and fail; returns its outbox error. */
async function refused(db, server, sink, email) {
  const coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const row = await waitFor(async () => {
    const [r] = (await loadOutbox(server.url, coordinator)).emails.filter((e) => e.to === email);
    return r && r.attempts >= 1 && r;
  }, { timeout: 20000, what: `a failed attempt to send to ${email}` });
  await sleep(1000);
  assert.equal(row.sent, false, 'not sent');
  assert.deepEqual(await sink.messages(), [], 'nothing reached the relay');
  // The log says why, by outbox id, without the address or the body.
  const log = server.logs();
  assert.ok(log.split('\n').some((line) => line.includes('email not sent') && line.includes(`outbox_id=${row.id}`)),
    'the failure is logged with its outbox id');
  assert.ok(!log.includes(email), 'the address stays out of the log');
  assert.ok(!/verify-email\?token/.test(log), 'the link stays out of the log');
  return db.sql(`SELECT last_error FROM outbox WHERE id = ${row.id}`);
}

test('a relay that does not offer STARTTLS gets no email unless plain SMTP is configured', async (t) => {
  const { db, sink, server } = await setUp(t, {}, {});
  const email = await register(server.url, 'plain-refused');
  const error = await refused(db, server, sink, email);
  assert.match(error, /STARTTLS/i);
});

test('a relay whose certificate is not trusted gets no email', async (t) => {
  const keys = { cert: certs.cert, key: certs.key };
  const { db, sink, server } = await setUp(t, { starttls: keys }, {});
  const email = await register(server.url, 'untrusted');
  const error = await refused(db, server, sink, email);
  assert.match(error, /certificate|issuer/i);
});

test('SMTP_TLS=none delivers in plain to a relay on this machine', async (t) => {
  const { sink, server } = await setUp(t, {}, { SMTP_TLS: 'none' });
  assert.match(server.logs(), /with plain SMTP \(loopback\)/);
  const message = await arrives(sink, await register(server.url, 'plain-loopback'));
  assert.equal(message.tls, null);
});

test('unsafe or broken SMTP settings stop the server at start, saying why', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  const cases = [
    [{ SMTP_HOST: '192.0.2.10', SMTP_TLS: 'none' }, /Cannot start: SMTP_TLS=none .*not SMTP_HOST=192\.0\.2\.10/],
    [{ SMTP_HOST: 'smtp.example.nhs.uk', SMTP_TLS: 'none' }, /only for a relay on this machine/],
    [{ SMTP_HOST: '127.0.0.1', SMTP_TLS: 'sometimes' }, /SMTP_TLS=sometimes: use starttls, tls or none/],
    [{ SMTP_HOST: '127.0.0.1', SMTP_CA_FILE: `${certs.dir}/missing.pem` }, /Cannot start: SMTP_CA_FILE .*missing\.pem/],
    [{ SMTP_HOST: '127.0.0.1', SMTP_CA_FILE: certs.key }, /SMTP_CA_FILE .*no PEM certificate/],
  ];
  for (const [env, message] of cases) {
    await assert.rejects(startServer({ env: { ...db.env, ...env } }), (err) => {
      assert.match(err.message, /server exited early/);
      assert.match(err.message, message);
      return true;
    }, JSON.stringify(env));
  }
});
