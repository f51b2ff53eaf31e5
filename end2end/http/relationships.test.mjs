// Relationships over HTTP: a mentor's acceptance starts one that both of
// the pair (and coordinators, without the request's text) can open at
// /mentoring/:id and nobody else can; ending it with "goals met" frees the
// mentor's place in the directory at once, cancels the sessions to come,
// refuses booking with a clear message and lets the mentee ask again. The
// coordinators-only note reaches coordinators and nobody else. The pair's
// agreement: both agree it to make the relationship active; its text never
// reaches coordinators or the server log; a past end date, a stale page,
// control characters and a save after the end are refused.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, confirmedAccount, loadOutbox, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

/** A new confirmed member of staff, signed in: { id, session, email }. */
async function person(label) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `Http ${label} ${Date.now() % 100000}` });
  const id = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  return { id, email: account.email, session: await signIn(ctx.url, account.email, account.password) };
}

function request(goal, extra = {}) {
  return new URLSearchParams([
    ['goal', goal], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'], ['intent', 'submit'],
    ...Object.entries(extra),
  ]);
}

const page = (path, cookie) => fetch(`${ctx.url}${path}`, { headers: cookie ? { cookie: `mw_session=${cookie}` } : {} });

async function freePlaces(mentorId) {
  const res = await call(ctx.url, 'load_mentor', { user_id: String(mentorId) }, { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  return res.json[0].free_places;
}

test('accept, both see it, the mentee ends it with "goals met": a free place, no booking, a new request', async () => {
  const goal = `GOAL-MARKER-${Date.now().toString(36)}`;
  const note = `NOTE-MARKER-${Date.now().toString(36)}`;
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  const active = Number(await ctx.db.sql(`SELECT COUNT(*) FROM relationships WHERE mentor_id = ${tomId} AND state IN ('agreeing', 'active')`));
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = ${active + 2} WHERE user_id = ${tomId}`);
  const mentee = await person('mentee');
  const stranger = await person('stranger');

  const sent = await call(ctx.url, 'save_request', request(goal, { named_mentor: String(tomId) }), { cookie: mentee.session });
  assert.equal(sent.status, 200, sent.text);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${mentee.id} AND state = 'proposed'`));
  const approved = await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  assert.equal(approved.status, 200, approved.text);
  const accepted = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom });
  assert.equal(accepted.status, 200, accepted.text);
  const before = await freePlaces(tomId);

  // Both of the pair see it, and each has a link to it.
  for (const cookie of [mentee.session, tom]) {
    const view = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie });
    assert.equal(view.status, 200, view.text);
    assert.equal(view.json.state, 'Agreeing');
    assert.equal(view.json.mentee_name.startsWith('Http mentee'), true);
    const links = await call(ctx.url, 'my_relationships', {}, { cookie });
    assert.ok(links.json.some((l) => l.id === id), 'linked from their pages');
    const html = await (await page(`/mentoring/${id}`, cookie)).text();
    assert.match(html, /End the mentoring/);
  }
  // Coordinators see dates, state and counts, never the request's text.
  const coordinatorView = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: ctx.coordinator });
  assert.equal(coordinatorView.status, 200, coordinatorView.text);
  assert.equal(coordinatorView.json.viewer, 'Coordinator');
  assert.ok(!coordinatorView.text.includes(goal), 'no request text for coordinators');
  // Anyone else: not found, the same as an id that does not exist.
  for (const which of [id, 987654]) {
    const other = await call(ctx.url, 'load_relationship', { id: String(which) }, { cookie: stranger.session });
    assert.equal(other.status, 404, other.text);
    const html = await page(`/mentoring/${which}`, stranger.session);
    assert.equal(html.status, 404);
    assert.match(await html.text(), /Page not found/);
  }

  // A session booked, then bad input to the end form: messages by field.
  const booking = await call(ctx.url, 'load_booking', { with: String(id) }, { cookie: mentee.session });
  assert.equal(booking.status, 200, booking.text);
  const slot = booking.json.weeks.flatMap((w) => w.days.flatMap((d) => d.slots.map((s) => s.starts)))[3];
  const booked = await call(ctx.url, 'book_session',
    { with: String(id), starts: String(slot), location: 'room', agenda: '' }, { cookie: mentee.session });
  assert.equal(booked.status, 200, booked.text);
  const noReason = await call(ctx.url, 'end_relationship', { id: String(id), note }, { cookie: mentee.session });
  assert.equal(noReason.status, 422, noReason.text);
  assert.deepEqual(noReason.json.Invalid.map((e) => e.field), ['reason']);
  const longNote = await call(ctx.url, 'end_relationship', { id: String(id), reason: 'goals-met', note: 'x'.repeat(1001) }, { cookie: mentee.session });
  assert.equal(longNote.status, 422, longNote.text);
  assert.deepEqual(longNote.json.Invalid.map((e) => e.field), ['note']);
  const byStranger = await call(ctx.url, 'end_relationship', { id: String(id), reason: 'other' }, { cookie: stranger.session });
  assert.equal(byStranger.status, 404, byStranger.text);

  const ended = await call(ctx.url, 'end_relationship', { id: String(id), reason: 'goals-met', note }, { cookie: mentee.session });
  assert.equal(ended.status, 200, ended.text);
  assert.match(ended.json, /has ended/);
  assert.equal(await freePlaces(tomId), before + 1, "the mentor's free place is back at once");

  const again = await call(ctx.url, 'end_relationship', { id: String(id), reason: 'other' }, { cookie: tom });
  assert.equal(again.status, 400);
  assert.equal(again.json.Refused, 'This mentoring relationship has already ended.');
  const mine = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: mentee.session });
  assert.equal(mine.json.state, 'Ended');
  assert.equal(mine.json.end_reason, 'Goals met');
  assert.equal(mine.json.end_note, null, 'the note is for coordinators only');
  for (const cookie of [mentee.session, tom]) {
    const html = await (await page(`/mentoring/${id}`, cookie)).text();
    assert.match(html, /This mentoring relationship has ended/);
    assert.ok(!html.includes('End the mentoring</button>'), 'read-only once ended');
    assert.ok(!html.includes(note), 'neither of the pair sees the note');
  }
  const coordinatorAfter = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: ctx.coordinator });
  assert.equal(coordinatorAfter.json.end_note, note);

  // Booking is refused, saying why; the session to come was cancelled.
  const refused = await call(ctx.url, 'book_session',
    { with: String(id), starts: String(slot + 7 * 86400), location: 'room', agenda: '' }, { cookie: mentee.session });
  assert.equal(refused.status, 400, refused.text);
  assert.match(refused.json.Refused, /relationship has ended/);
  const bookingPage = await call(ctx.url, 'load_booking', { with: String(id) }, { cookie: mentee.session });
  assert.equal(bookingPage.status, 400);
  assert.match(bookingPage.json.Refused, /relationship has ended/);
  const sessions = await call(ctx.url, 'load_sessions', {}, { cookie: mentee.session });
  assert.equal(sessions.json.upcoming.length, 0, sessions.text);
  const { emails } = await loadOutbox(ctx.url, ctx.coordinator);
  assert.ok(emails.some((e) => e.to === mentee.email && e.subject.startsWith('Protected time cancelled')));
  assert.ok(emails.every((e) => !e.body.includes(note) && !e.subject.includes(note)), 'the note is in no email');

  // The mentee can ask again.
  const anew = await call(ctx.url, 'save_request', request('Something new'), { cookie: mentee.session });
  assert.equal(anew.status, 200, anew.text);
});

test('an end form posted without JavaScript goes back to the page with the message beside the field', async () => {
  const mentee = await person('nojs');
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = capacity + 1 WHERE user_id = ${tomId}`);
  assert.equal((await call(ctx.url, 'save_request', request('No script', { named_mentor: String(tomId) }), { cookie: mentee.session })).status, 200);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${mentee.id} AND state = 'proposed'`));
  await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  assert.equal((await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })).status, 200);

  const res = await call(ctx.url, 'end_relationship', { id: String(id), note: 'typed' }, {
    cookie: mentee.session,
    headers: { accept: 'text/html', referer: `${ctx.url}/mentoring/${id}`, 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(res.status, 302);
  const flash = res.headers.getSetCookie().find((c) => c.startsWith('mw_form=')).split(';')[0];
  const html = await (await fetch(res.headers.get('location'), { headers: { cookie: `mw_session=${mentee.session}; ${flash}` } })).text();
  assert.match(html, /Choose why the mentoring is ending/);
  assert.match(html, />typed<\/textarea>/, 'what was typed is kept');
  assert.equal(await ctx.db.sql(`SELECT state FROM relationships WHERE id = ${id}`), 'agreeing');
});

/** A new mentee matched with Tom, who has accepted: { id, mentee, tom }. */
async function matchedWithTom(label, goal) {
  const mentee = await person(label);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = capacity + 1 WHERE user_id = ${tomId}`);
  const sent = await call(ctx.url, 'save_request', request(goal, { named_mentor: String(tomId) }), { cookie: mentee.session });
  assert.equal(sent.status, 200, sent.text);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${mentee.id} AND state = 'proposed'`));
  assert.equal((await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator })).status, 200);
  assert.equal((await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })).status, 200);
  return { id, mentee, tom };
}

/** `days` from today, as the form's date field sends it. */
const dayFromToday = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function agreement(id, version, fields = {}) {
  return {
    id: String(id), version: String(version), frequency: 'monthly', length: 'date', ends_on: dayFromToday(90),
    sessions: '', meeting: 'Library', contact: 'Work email', hopes: '', ...fields,
  };
}

test('the agreement: both agree it, coordinators and the log never see its text, bad input is refused by field', async () => {
  const stamp = Date.now().toString(36);
  const goal = `AGR-GOAL-${stamp}`;
  const marker = `AGR-TEXT-${stamp}`;
  const hopes = `AGR-HOPES-${stamp}`;
  const { id, mentee, tom } = await matchedWithTom('agreeing', goal);

  // The first draft: monthly, six months, the goal she shared as her hopes.
  const draft = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: mentee.session });
  assert.equal(draft.json.state, 'Agreeing');
  assert.equal(draft.json.agreement.version, 0);
  assert.equal(draft.json.agreement.fields.frequency, 'monthly');
  assert.equal(draft.json.agreement.fields.hopes, goal);
  const links = await call(ctx.url, 'my_relationships', {}, { cookie: tom });
  assert.equal(links.json.find((l) => l.id === id).to_agree, true, 'the mentor has an agreement to confirm');
  assert.match(await (await page('/', tom)).text(), /agreement to confirm/);

  // A past end date is refused beside the field, with and without script.
  const fields = { meeting: marker, contact: `${marker} by email`, hopes, protected_time: 'yes', protected_on: dayFromToday(-3) };
  const past = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, { ...fields, ends_on: '2020-01-31' }), { cookie: mentee.session });
  assert.equal(past.status, 422, past.text);
  assert.deepEqual(past.json.Invalid, [{ field: 'ends_on', message: 'The end date cannot be in the past.' }]);
  const plain = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, { ...fields, ends_on: '2020-01-31' }), {
    cookie: mentee.session,
    headers: { accept: 'text/html', referer: `${ctx.url}/mentoring/${id}`, 'sec-fetch-site': 'same-origin' },
  });
  assert.equal(plain.status, 302);
  const flash = plain.headers.getSetCookie().find((c) => c.startsWith('mw_form=')).split(';')[0];
  const back = await (await fetch(plain.headers.get('location'), { headers: { cookie: `mw_session=${mentee.session}; ${flash}` } })).text();
  assert.match(back, /id="ends_on-error"[^>]*>.*The end date cannot be in the past\./s);
  assert.ok(back.includes(`value="${marker}"`), 'what was typed is kept');
  assert.ok(back.includes(`>${hopes}</textarea>`), 'the hopes typed are kept');

  // Control characters and overlong text, by field.
  const control = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, { meeting: 'Room\u0007 1' }), { cookie: mentee.session });
  assert.equal(control.status, 422, control.text);
  assert.deepEqual(control.json.Invalid.map((e) => e.field), ['meeting']);
  const long = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, { contact: 'x'.repeat(201), hopes: 'y'.repeat(2001) }), { cookie: mentee.session });
  assert.equal(long.status, 422, long.text);
  assert.deepEqual(long.json.Invalid.map((e) => e.field), ['contact', 'hopes']);

  // The mentee agrees; the mentor agrees the same version: active.
  const hers = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, fields), { cookie: mentee.session });
  assert.equal(hers.status, 200, hers.text);
  assert.match(hers.json, /asked your mentor to agree/);
  const mentorView = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: tom });
  assert.equal(mentorView.json.agreement.version, 1);
  assert.equal(mentorView.json.agreement.mentee_agreed, true);
  assert.equal(mentorView.json.agreement.fields.protected_time, '', 'protected time is the mentee\'s own');
  const stale = await call(ctx.url, 'agree_to_agreement', agreement(id, 0, { meeting: 'By phone' }), { cookie: tom });
  assert.equal(stale.status, 400, stale.text);
  assert.match(stale.json.Refused, /changed the agreement while you were editing it/);
  const his = await call(ctx.url, 'agree_to_agreement', agreement(id, 1, { ...fields, protected_time: '', protected_on: '' }), { cookie: tom });
  assert.equal(his.status, 200, his.text);
  assert.equal(his.json, 'You have both agreed. Your agreement is in place.');
  assert.equal((await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: mentee.session })).json.state, 'Active');
  const events = await ctx.db.sql(`SELECT COUNT(*) FROM relationship_events WHERE relationship_id = ${id} AND event LIKE 'agree%' AND reason = '' AND note = ''`);
  assert.equal(Number(events), 4, 'agreeing is recorded, without content');

  // Coordinators: the state and dates, never the agreement or the hopes.
  const coordinatorView = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: ctx.coordinator });
  assert.equal(coordinatorView.status, 200, coordinatorView.text);
  assert.equal(coordinatorView.json.state, 'Active');
  assert.equal(coordinatorView.json.agreement, null);
  const coordinatorPage = await (await page(`/mentoring/${id}`, ctx.coordinator)).text();
  assert.match(coordinatorPage, /Under way/);
  for (const text of [coordinatorView.text, coordinatorPage]) {
    for (const secret of [marker, hopes, goal]) assert.ok(!text.includes(secret), `${secret} shown to a coordinator`);
  }
  // The pair see it.
  assert.ok((await (await page(`/mentoring/${id}`, tom)).text()).includes(marker));

  // Once ended, the agreement is read-only and a save is refused.
  assert.equal((await call(ctx.url, 'end_relationship', { id: String(id), reason: 'other' }, { cookie: tom })).status, 200);
  const late = await call(ctx.url, 'agree_to_agreement', agreement(id, 1, fields), { cookie: mentee.session });
  assert.equal(late.status, 400, late.text);
  assert.equal(late.json.Refused, 'This mentoring relationship has already ended.');
  const endedPage = await (await page(`/mentoring/${id}`, mentee.session)).text();
  assert.ok(endedPage.includes(marker) && !endedPage.includes('Save and agree'), 'read-only once ended');

  // Nothing the pair wrote reached the server's log.
  const log = ctx.server.logs();
  for (const secret of [marker, hopes, goal]) assert.ok(!log.includes(secret), `${secret} in the server log`);
});
