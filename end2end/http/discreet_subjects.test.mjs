// Email subjects over real SMTP along the request and relationship
// journey: a request sent, offered to a mentor, accepted, and the
// agreement changed by one of the pair. By default no subject names either
// person or says "mentor" or "mentoring"; the mentor who chose descriptive
// titles gets a subject that says what it is. A changed agreement sends
// the other person one email with a link and nothing of what it says.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { call, signIn, tokenIn, uniqueEmail, CONFIRM_SUBJECT, GOOD_PASSWORD, DEMO } from '../support/client.mjs';

let db; let sink; let server;
before(async () => {
  db = await freshDatabase();
  sink = await startSink();
  server = await startServer({ env: { ...db.env, SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), SMTP_TLS: 'none' } });
});
after(async () => {
  await server?.stop();
  await saveLogs(import.meta.url, server);
  await sink?.remove();
  await db?.drop();
});

const dayFromToday = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Waits for a message to `to` with `subject`, and returns it. */
const delivered = (to, subject) => waitFor(async () => (await sink.messages()).find((m) => m.to[0] === to && m.subject === subject),
  { timeout: 20000, what: `"${subject}" to ${to}` });

test('request and relationship emails name nobody and never say mentoring, unless chosen', { timeout: 90_000 }, async () => {
  const coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const name = `Zephyrine Quillfeather ${Date.now() % 100000}`;
  // Registered and confirmed from the email the sink received.
  const account = { email: uniqueEmail(), password: GOOD_PASSWORD, name };
  const reg = await call(server.url, 'register', { display_name: name, email: account.email, password: account.password });
  assert.equal(reg.status, 200, reg.text);
  const confirm = await delivered(account.email, CONFIRM_SUBJECT);
  const confirmed = await call(server.url, 'confirm_email', { token: tokenIn(confirm.body, '/verify-email') });
  assert.equal(confirmed.status, 200, confirmed.text);
  const mentee = await signIn(server.url, account.email, account.password);
  const menteeId = Number(await db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  const tomId = Number(await db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  const tomName = await db.sql(`SELECT display_name FROM users WHERE id = ${tomId}`);
  await db.sql(`UPDATE mentor_profiles SET capacity = capacity + 1 WHERE user_id = ${tomId}`);
  const tom = await signIn(server.url, DEMO.mentor.email, DEMO.mentor.password);

  const request = new URLSearchParams([
    ['goal', 'Plan my next step'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(tomId)],
  ]);
  assert.equal((await call(server.url, 'save_request', request, { cookie: mentee })).status, 200);
  const id = Number(await db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${menteeId} AND state = 'proposed'`));
  await delivered(DEMO.coordinator.email, 'A request is waiting');
  assert.equal((await call(server.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: coordinator })).status, 200);
  await delivered(DEMO.mentor.email, 'Something new to answer');
  assert.equal((await call(server.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })).status, 200);
  await delivered(account.email, 'Good news about your request');

  // The mentee saves the first agreement: the mentor is asked, by a link.
  const marker = `WHERE-WE-MEET-${Date.now().toString(36)}`;
  const terms = (version, meeting) => ({
    id: String(id), version: String(version), frequency: 'monthly', length: 'date', ends_on: dayFromToday(90),
    sessions: '', meeting, contact: 'Work email', hopes: '', protected_time: '', protected_on: '',
  });
  assert.equal((await call(server.url, 'agree_to_agreement', terms(0, marker), { cookie: mentee })).status, 200);
  const asked = await delivered(DEMO.mentor.email, 'Something to look at');
  assert.ok(asked.body.includes(`${server.url}/mentoring/${id}`), asked.body);
  assert.ok(!asked.body.includes(marker) && !asked.body.includes(name), 'nothing of the agreement or the pair');

  // Every subject so far: nobody named, no "mentor" or "mentoring".
  const sinceRegistration = (await sink.messages()).filter((m) => !/^Confirm your email/.test(m.subject));
  assert.ok(sinceRegistration.length >= 4, sinceRegistration.map((m) => m.subject).join(' | '));
  for (const m of sinceRegistration) {
    assert.doesNotMatch(m.subject, /\bmentor(ing|s)?\b/i, m.subject);
    for (const who of [name, tomName, ...name.split(' '), ...tomName.split(' ')]) {
      assert.ok(!m.subject.includes(who), `"${m.subject}" names ${who}`);
    }
  }

  // The mentor chooses descriptive titles; the next change tells him so.
  assert.equal((await call(server.url, 'save_titles', { titles: 'descriptive' }, { cookie: tom })).status, 200);
  assert.equal((await call(server.url, 'agree_to_agreement', terms(1, 'By video'), { cookie: mentee })).status, 200);
  const descriptive = await delivered(DEMO.mentor.email, 'Your mentoring agreement has changed');
  assert.ok(!descriptive.body.includes('By video'), 'the change itself stays in the app');
  // His agreeing, unchanged, asks nobody anything.
  assert.equal((await call(server.url, 'agree_to_agreement', terms(2, 'By video'), { cookie: tom })).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const toMentee = (await sink.messages()).filter((m) => m.to[0] === account.email && /look at|agreement/i.test(m.subject));
  assert.equal(toMentee.length, 0, 'agreeing without a change sends nothing');
});
