// A mentoring pair made over HTTP the way the service makes one: a new
// member of staff asks for Tom (the demo mentor), a coordinator approves,
// Tom accepts, and she books two sessions a week or more apart.

import assert from 'node:assert/strict';
import { call, signIn, confirmedAccount, DEMO } from './client.mjs';

/** A new confirmed member of staff, signed in: { id, email, session }. */
export async function person(ctx, label) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `${label} ${Date.now() % 100000}` });
  const id = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  return { id, email: account.email, session: await signIn(ctx.url, account.email, account.password) };
}

/** Tom and a new mentee with two sessions booked: { id, tom, mentee, first, second }. */
export async function twoSessions(ctx, label = 'Pair mentee') {
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = 50 WHERE user_id = ${tomId}`);
  const mentee = await person(ctx, label);
  const form = new URLSearchParams([
    ['goal', 'Finding my feet'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(tomId)],
  ]);
  assert.equal((await call(ctx.url, 'save_request', form, { cookie: mentee.session })).status, 200);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${mentee.id} AND state = 'proposed'`));
  assert.equal((await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator })).status, 200);
  assert.equal((await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })).status, 200);
  const booking = await call(ctx.url, 'load_booking', { with: String(id) }, { cookie: mentee.session });
  const slots = booking.json.weeks.flatMap((w) => w.days.flatMap((d) => d.slots.map((s) => s.starts)));
  const later = slots.find((s) => s > slots[0] + 7 * 86400);
  const sessions = [];
  for (const starts of [slots[0], later]) {
    const booked = await call(ctx.url, 'book_session', { with: String(id), starts: String(starts), location: 'room', agenda: '' }, { cookie: mentee.session });
    assert.equal(booked.status, 200, booked.text);
    sessions.push(Number(await ctx.db.sql(`SELECT id FROM mentoring_sessions WHERE request_id = ${id} AND starts_at = ${starts}`)));
  }
  return { id, tom, tomId, mentee, first: sessions[0], second: sessions[1] };
}

/** Session `session` as if its time had come, then recorded as held by Tom. */
export async function hold(ctx, session, tom) {
  const past = Math.floor(Date.now() / 1000) - 2 * 86400;
  await ctx.db.sql(`UPDATE mentoring_sessions SET starts_at = ${past}, ends_at = ${past + 3600}, holds_until = ${past + 3600} WHERE id = ${session}`);
  // Its five-minute blocks held the old time; the past needs none.
  await ctx.db.sql(`DELETE FROM session_blocks WHERE session_id = ${session}`);
  const marked = await call(ctx.url, 'mark_session', { id: String(session), outcome: 'held' }, { cookie: tom });
  assert.equal(marked.status, 200, marked.text);
}
