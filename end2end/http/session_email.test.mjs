// Session emails over real SMTP: booking and cancelling send each of the
// pair a plain-text email with a calendar file attached (REQUEST, then
// CANCEL with the same UID and a higher SEQUENCE), and no agenda. Subjects
// and calendar titles are discreet ("Protected time", naming nobody, the
// entry private) unless the person chose descriptive titles.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDatabase, startServer, waitFor } from '../support/server.mjs';
import { startSink } from '../support/smtp.mjs';
import { saveLogs } from '../support/fixture.mjs';
import { call, signIn, DEMO } from '../support/client.mjs';

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

function field(ics, name) {
  const line = ics.replace(/\r\n /g, '').split('\r\n').find((l) => l.startsWith(`${name}:`));
  return line?.slice(name.length + 1);
}

test('booking and cancelling email both of the pair a calendar file, without the agenda', { timeout: 60_000 }, async () => {
  const priya = await signIn(server.url, DEMO.mentee.email, DEMO.mentee.password);
  const tom = await signIn(server.url, DEMO.mentor.email, DEMO.mentor.password);
  const chose = await call(server.url, 'save_titles', { titles: 'descriptive' }, { cookie: tom });
  assert.equal(chose.status, 200, chose.text);
  const unknown = await call(server.url, 'save_titles', { titles: 'loud' }, { cookie: tom });
  assert.equal(unknown.status, 422, unknown.text);
  const names = await Promise.all([priya, tom].map(async (cookie) =>
    (await call(server.url, 'load_page_context', {}, { cookie })).json.user.display_name));
  const { request_id: withId } = (await call(server.url, 'load_sessions', {}, { cookie: priya })).json.pairs[0];
  const page = await call(server.url, 'load_booking', { with: String(withId) }, { cookie: priya });
  const starts = page.json.weeks[2].days.flatMap((d) => d.slots)[0].starts;
  const booked = await call(server.url, 'book_session',
    { with: String(withId), starts: String(starts), location: 'room', agenda: 'Private: the rota dispute' }, { cookie: priya });
  assert.equal(booked.status, 200, booked.text);

  const invitations = await waitFor(async () => {
    const got = (await sink.messages()).filter((m) => / booked: /.test(m.subject));
    return got.length >= 2 && got;
  }, { timeout: 20000, what: 'two booking emails' });
  assert.deepEqual(invitations.map((m) => m.to[0]).sort(), [DEMO.mentee.email, DEMO.mentor.email].sort());
  const toPriya = invitations.find((m) => m.to[0] === DEMO.mentee.email);
  const toTom = invitations.find((m) => m.to[0] === DEMO.mentor.email);
  // Priya kept the default: nobody named, no "mentoring", a private entry.
  assert.match(toPriya.subject, /^Protected time booked: /);
  const discreet = toPriya.attachments[0].content;
  assert.equal(field(discreet, 'SUMMARY'), 'Protected time');
  assert.equal(field(discreet, 'X-WR-CALNAME'), 'Protected time');
  assert.equal(field(discreet, 'CLASS'), 'PRIVATE');
  for (const text of [toPriya.subject, field(discreet, 'SUMMARY')]) {
    assert.doesNotMatch(text, /mentor/i);
    for (const name of names) assert.ok(!text.includes(name), `${name} named in "${text}"`);
  }
  // Tom chose descriptive titles for his own messages.
  assert.match(toTom.subject, /^Mentoring session booked: /);
  assert.ok(field(toTom.attachments[0].content, 'SUMMARY').startsWith('Mentoring session: '));
  assert.equal(field(toTom.attachments[0].content, 'CLASS'), 'PRIVATE');
  for (const m of invitations) {
    assert.equal(m.attachments.length, 1, 'one calendar file');
    const [file] = m.attachments;
    assert.equal(file.content_type, 'text/calendar');
    assert.equal(file.method, 'REQUEST');
    assert.equal(field(file.content, 'METHOD'), 'REQUEST');
    assert.match(field(file.content, 'DTSTART'), /^\d{8}T\d{6}Z$/);
    assert.ok(!JSON.stringify(m).includes('rota dispute'), 'no agenda in the email');
  }
  const uid = field(invitations[0].attachments[0].content, 'UID');

  // Coordinators see how many sessions, never what they are about.
  const coordinator = await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  const detail = await call(server.url, 'load_request', { request_id: String(withId) }, { cookie: coordinator });
  assert.equal(detail.status, 200, detail.text);
  assert.deepEqual(detail.json.Coordinator.sessions, [0, 1], 'none held, one booked');
  assert.ok(!detail.text.includes('rota dispute'), 'no agenda for coordinators');

  const sessions = (await call(server.url, 'load_sessions', {}, { cookie: tom })).json;
  const id = sessions.upcoming[0].id;
  const cancelled = await call(server.url, 'cancel_session', { id: String(id), reason: 'Called to the ward' }, { cookie: tom });
  assert.equal(cancelled.status, 200, cancelled.text);
  const cancellations = await waitFor(async () => {
    const got = (await sink.messages()).filter((m) => / cancelled: /.test(m.subject));
    return got.length >= 2 && got;
  }, { timeout: 20000, what: 'two cancellation emails' });
  assert.deepEqual(cancellations.map((m) => m.subject.split(' cancelled')[0]).sort(), ['Mentoring session', 'Protected time']);
  for (const m of cancellations) {
    const [file] = m.attachments;
    assert.equal(file.method, 'CANCEL');
    assert.equal(field(file.content, 'UID'), uid, 'the same event');
    assert.equal(field(file.content, 'SEQUENCE'), '1');
    assert.equal(field(file.content, 'STATUS'), 'CANCELLED');
    assert.ok(!JSON.stringify(m).includes('Called to the ward'), 'the reason stays in the app');
  }
});
