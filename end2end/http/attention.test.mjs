// What needs attention, over HTTP: each of the pair can tell the
// coordinators something without words (the mentor a concern or lost
// touch, the mentee a wish for a different mentor), only the side that may
// raise a flag can, the other side never sees it, and coordinators see
// flags (concerns first) and relationships gone quiet, and mark flags
// dealt with. Nobody else sees any of it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, confirmedAccount, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

async function person(label) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `Attention ${label} ${Date.now() % 100000}` });
  const id = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  return { id, session: await signIn(ctx.url, account.email, account.password) };
}

const page = async (path, cookie) =>
  (await fetch(`${ctx.url}${path}`, { headers: { cookie: `mw_session=${cookie}` } })).text();

/** Tom, the demo mentor, accepts a new mentee: { id, tom, mentee }. */
async function relationship() {
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = 50 WHERE user_id = ${tomId}`);
  const mentee = await person('mentee');
  const form = new URLSearchParams([
    ['goal', 'Finding my feet'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(tomId)],
  ]);
  const sent = await call(ctx.url, 'save_request', form, { cookie: mentee.session });
  assert.equal(sent.status, 200, sent.text);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${mentee.id} AND state = 'proposed'`));
  const approved = await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  assert.equal(approved.status, 200, approved.text);
  const accepted = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom });
  assert.equal(accepted.status, 200, accepted.text);
  return { id, tom, mentee };
}

const raise = (id, flag, cookie) => call(ctx.url, 'raise_flag', { id: String(id), flag }, { cookie });
const attention = async (id, cookie) => (await call(ctx.url, 'load_attention', { id: String(id) }, { cookie })).json;
const list = async (cookie = ctx.coordinator) => call(ctx.url, 'load_attention_list', {}, { cookie });

test('each side raises only its own flags, the other side never sees them, coordinators deal with them', async () => {
  const { id, tom, mentee } = await relationship();
  const stranger = await person('stranger');

  // The support routes are on the page for both of the pair.
  for (const cookie of [tom, mentee.session]) {
    assert.match(await page(`/mentoring/${id}`, cookie), /This needs more than mentoring[\s\S]*Samaritans/);
  }
  // Only the side a flag belongs to may raise it; nobody else at all.
  assert.equal((await raise(id, 'concern', mentee.session)).status, 404);
  assert.equal((await raise(id, 'new-mentor', tom)).status, 404);
  assert.equal((await raise(id, 'concern', stranger.session)).status, 404);
  assert.equal((await raise(id, 'concern', ctx.coordinator)).status, 404);
  const unknown = await raise(id, 'gossip', tom);
  assert.equal(unknown.status, 422, unknown.text);

  const asked = await raise(id, 'new-mentor', mentee.session);
  assert.equal(asked.status, 200, asked.text);
  assert.match(asked.json, /different mentor/);
  const concern = await raise(id, 'concern', tom);
  assert.equal(concern.status, 200, concern.text);
  assert.equal((await raise(id, 'concern', tom)).status, 200, 'a second press changes nothing');

  // Each sees their own, never the other's.
  assert.deepEqual((await attention(id, mentee.session)).raised.map(([f]) => f), ['NewMentor']);
  assert.deepEqual((await attention(id, tom)).raised.map(([f]) => f), ['Concern']);
  assert.deepEqual((await attention(id, tom)).can_raise, ['LostTouch']);
  assert.doesNotMatch(await page(`/mentoring/${id}`, tom), /different mentor/);
  assert.doesNotMatch(await page(`/mentoring/${id}`, mentee.session), /concerned/i);
  assert.equal((await call(ctx.url, 'load_attention', { id: String(id) }, { cookie: stranger.session })).status, 404);

  // Coordinators: concerns first, names and dates, and nobody else may look.
  const waiting = await list();
  assert.equal(waiting.status, 200, waiting.text);
  const ours = waiting.json.flags.filter((f) => f.relationship_id === id);
  assert.deepEqual(ours.map((f) => f.priority), [true, false]);
  assert.equal(waiting.json.flags[0].priority, true, 'concerns lead the list');
  assert.match(ours[0].mentee_name, /^Attention mentee/);
  for (const cookie of [tom, mentee.session]) {
    assert.equal((await list(cookie)).status, 403);
    assert.equal((await call(ctx.url, 'deal_with_flag', { flag_id: String(ours[0].id) }, { cookie })).status, 403);
  }
  const html = await page('/coordinator/relationships', ctx.coordinator);
  assert.match(html, /Priority[\s\S]*The mentor is concerned for the mentee&#x27;s well-being|Priority[\s\S]*The mentor is concerned for the mentee's well-being/);

  const dealt = await call(ctx.url, 'deal_with_flag', { flag_id: String(ours[0].id) }, { cookie: ctx.coordinator });
  assert.equal(dealt.status, 200, dealt.text);
  assert.equal(dealt.json, 'Marked as dealt with.');
  const twice = await call(ctx.url, 'deal_with_flag', { flag_id: String(ours[0].id) }, { cookie: ctx.coordinator });
  assert.equal(twice.json, 'Another coordinator had already dealt with it.');
  const after = (await list()).json.flags.filter((f) => f.relationship_id === id);
  assert.deepEqual(after.map((f) => f.id), [ours[1].id]);
  assert.deepEqual((await attention(id, tom)).can_raise, ['Concern', 'LostTouch'], 'a new concern can be raised');
});

test('a relationship with nothing held or booked for six weeks is on the coordinators\' gone-quiet list', async () => {
  const { id, tom } = await relationship();
  assert.ok(!(await list()).json.quiet.some((q) => q.relationship_id === id), 'not quiet on its first day');
  await ctx.db.sql(`UPDATE relationships SET started_at = started_at - ${43 * 86400} WHERE id = ${id}`);
  const quiet = (await list()).json.quiet.find((q) => q.relationship_id === id);
  assert.ok(quiet, 'listed once quiet');
  assert.equal(quiet.last_session_on, null);
  assert.equal(quiet.quiet_since, quiet.started_on);
  assert.match(await page('/coordinator/relationships', ctx.coordinator), /Gone quiet/);
  // Ended: off the list, and only a concern may still be raised.
  const ended = await call(ctx.url, 'end_relationship', { id: String(id), reason: 'lost-touch' }, { cookie: tom });
  assert.equal(ended.status, 200, ended.text);
  assert.ok(!(await list()).json.quiet.some((q) => q.relationship_id === id));
  assert.equal((await raise(id, 'lost-touch', tom)).status, 400);
  assert.deepEqual((await attention(id, tom)).can_raise, ['Concern']);
});

test("the mentor's record counts the last twelve months' mentees, sessions held and time, for the mentor only", async () => {
  const { id, tom, mentee } = await relationship();
  const before = await call(ctx.url, 'load_mentor_record', {}, { cookie: tom });
  assert.equal(before.status, 200, before.text);
  assert.equal(before.json.expected_mentees, 2);
  const line = before.json.lines.find((l) => l.id === id);
  assert.deepEqual([line.sessions_held, line.minutes_held, line.ended_on], [0, 0, null]);
  assert.match(line.with_name, /^Attention mentee/);

  // A session booked, then (as if its time had come) held: an hour.
  const booking = await call(ctx.url, 'load_booking', { with: String(id) }, { cookie: mentee.session });
  const slot = booking.json.weeks.flatMap((w) => w.days.flatMap((d) => d.slots.map((s) => s.starts)))[0];
  const booked = await call(ctx.url, 'book_session',
    { with: String(id), starts: String(slot), location: 'room', agenda: '' }, { cookie: mentee.session });
  assert.equal(booked.status, 200, booked.text);
  const past = Math.floor(Date.now() / 1000) - 30 * 86400;
  await ctx.db.sql(`UPDATE mentoring_sessions SET state = 'held', starts_at = ${past}, ends_at = ${past + 3600}, holds_until = ${past + 3600} WHERE request_id = ${id}`);
  const after = (await call(ctx.url, 'load_mentor_record', {}, { cookie: tom })).json;
  const held = after.lines.find((l) => l.id === id);
  assert.deepEqual([held.sessions_held, held.minutes_held], [1, 60]);
  assert.match(await page('/profile', tom), /Your mentoring record[\s\S]*1 hour/);

  // Not a mentor: nothing to see.
  assert.equal((await call(ctx.url, 'load_mentor_record', {}, { cookie: mentee.session })).status, 403);
});
