// Goals, private session notes and agreed actions over HTTP. Notes are
// their author's alone: the other of the pair, coordinators and strangers
// never get them, on any page, in any email or in the server's log. They
// are kept only for a held session, within a sensible length, and also
// from a form posted without JavaScript. An action agreed at one session
// is carried to the next. Goals reach the mentor only when shared, and
// only the mentee writes them. Once ended, all of it is read-only.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, confirmedAccount, loadOutbox, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

async function person(label) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `Notes ${label} ${Date.now() % 100000}` });
  const id = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  return { id, session: await signIn(ctx.url, account.email, account.password) };
}

const page = async (path, cookie) =>
  (await fetch(`${ctx.url}${path}`, { headers: { cookie: `mw_session=${cookie}` } })).text();

/** Tom, the demo mentor, accepts a new mentee and she books two sessions. */
async function twoSessions() {
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = 50 WHERE user_id = ${tomId}`);
  const mentee = await person('mentee');
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
  return { id, tom, mentee, first: sessions[0], second: sessions[1] };
}

/** Session `session` as if its time had come, then recorded as held by Tom. */
async function hold(session, tom) {
  const past = Math.floor(Date.now() / 1000) - 2 * 86400;
  await ctx.db.sql(`UPDATE mentoring_sessions SET starts_at = ${past}, ends_at = ${past + 3600}, holds_until = ${past + 3600} WHERE id = ${session}`);
  // Its five-minute blocks held the old time; the past needs none.
  await ctx.db.sql(`DELETE FROM session_blocks WHERE session_id = ${session}`);
  const marked = await call(ctx.url, 'mark_session', { id: String(session), outcome: 'held' }, { cookie: tom });
  assert.equal(marked.status, 200, marked.text);
}

const notes = (id, session, model, parts, cookie, headers) => call(ctx.url, 'save_session_notes', {
  id: String(id), session: String(session), model,
  ...Object.fromEntries(Object.entries(parts).map(([k, v]) => [`parts[${k}]`, v])),
}, { cookie, headers });

const load = (id, session, cookie, template) =>
  call(ctx.url, 'load_session_notes', { id: String(id), session: String(session), ...(template ? { template } : {}) }, { cookie });

test('notes are their author\'s alone; an action agreed at one session is carried to the next', async () => {
  const { id, tom, mentee, first, second } = await twoSessions();
  const stranger = await person('stranger');
  const stamp = Date.now().toString(36);
  const [hers, his, action] = [`HER-NOTE-${stamp}`, `HIS-NOTE-${stamp}`, `ACTION-${stamp}`];

  // Not held yet: no notes, no actions, said plainly.
  const early = await notes(id, first, 'free', { notes: hers }, mentee.session);
  assert.equal(early.status, 400, early.text);
  assert.match(early.text, /has not been recorded as held/);
  assert.equal((await call(ctx.url, 'add_session_action', { id: String(id), session: String(first), action }, { cookie: tom })).status, 400);

  await hold(first, tom);
  const saved = await notes(id, first, 'grow', { goal: hers, will: 'ask for fewer nights' }, mentee.session);
  assert.equal(saved.status, 200, saved.text);
  assert.equal((await notes(id, first, 'free', { notes: his }, tom)).status, 200);

  // Each reads back their own only, in the template they used.
  const herPage = (await load(id, first, mentee.session)).json;
  assert.equal(herPage.model, 'grow');
  assert.deepEqual(herPage.boxes.map((b) => b.key), ['goal', 'reality', 'options', 'will']);
  assert.equal(herPage.boxes[0].text, hers);
  const hisPage = await load(id, first, tom);
  assert.equal(hisPage.json.boxes[0].text, his);
  assert.ok(!hisPage.text.includes(hers), 'her notes never reach him');
  // Changing template keeps what was written.
  const asClear = (await load(id, first, mentee.session, 'clear')).json;
  assert.deepEqual(asClear.boxes.map((b) => b.key), ['contract', 'listen', 'explore', 'action', 'review', 'goal', 'will']);
  assert.equal(asClear.boxes[5].text, hers);
  // The pages as served: each sees their own words, never the other's.
  const herHtml = await page(`/mentoring/${id}/sessions/${first}`, mentee.session);
  assert.ok(herHtml.includes(hers) && !herHtml.includes(his));
  const hisHtml = await page(`/mentoring/${id}/sessions/${first}`, tom);
  assert.ok(hisHtml.includes(his) && !hisHtml.includes(hers));
  // Coordinators and strangers: not found, as for a session that does not exist.
  for (const cookie of [ctx.coordinator, stranger.session]) {
    assert.equal((await load(id, first, cookie)).status, 404);
    assert.equal((await notes(id, first, 'free', { notes: 'x' }, cookie)).status, 404);
  }
  assert.equal((await load(id, 999999, mentee.session)).status, 404);

  // Too long: refused beside the part, nothing replaced.
  const long = await notes(id, first, 'grow', { goal: 'short', reality: 'x'.repeat(4001) }, mentee.session);
  assert.equal(long.status, 422, long.text);
  assert.match(long.text, /notes-reality/);
  assert.equal((await load(id, first, mentee.session)).json.boxes[0].text, hers);

  // Posted without JavaScript: saved, and back to the page.
  const plain = await notes(id, first, 'free', { notes: `${his} again` }, tom,
    { accept: 'text/html', referer: `${ctx.url}/mentoring/${id}/sessions/${first}`, 'sec-fetch-site': 'same-origin' });
  assert.ok([302, 303].includes(plain.status), `${plain.status} ${plain.text}`);
  assert.equal((await load(id, first, tom)).json.boxes[0].text, `${his} again`);

  // An action agreed at the first session shows on the second's page.
  const added = await call(ctx.url, 'add_session_action', { id: String(id), session: String(first), action }, { cookie: tom });
  assert.equal(added.status, 200, added.text);
  const next = (await load(id, second, mentee.session)).json;
  assert.deepEqual(next.carried.map((a) => a.body), [action]);
  assert.match(await page(`/mentoring/${id}/sessions/${second}`, mentee.session), new RegExp(action));
  const pair = (await call(ctx.url, 'load_pair_sessions', { id: String(id) }, { cookie: tom })).json;
  assert.deepEqual(pair.open_actions.map((a) => a.body), [action]);
  assert.equal(pair.minutes_held, 60);
  assert.equal(pair.next.id, second);
  // Done: no longer carried.
  const done = await call(ctx.url, 'mark_session_action', { id: String(id), action_id: String(next.carried[0].id), done: 'yes' }, { cookie: mentee.session });
  assert.equal(done.status, 200, done.text);
  assert.deepEqual((await load(id, second, mentee.session)).json.carried, []);

  // Nothing the pair wrote reached a coordinator's page, an email or the log.
  const coordinatorPages = [await page(`/mentoring/${id}`, ctx.coordinator), await page('/coordinator/relationships', ctx.coordinator)];
  const outbox = JSON.stringify(await loadOutbox(ctx.url, ctx.coordinator));
  for (const secret of [hers, his, action]) {
    for (const html of coordinatorPages) assert.ok(!html.includes(secret), `${secret} on a coordinator's page`);
    assert.ok(!outbox.includes(secret), `${secret} in an email`);
    assert.ok(!ctx.server.logs().includes(secret), `${secret} in the server log`);
  }

  // Ended: readable, no longer changeable.
  assert.equal((await call(ctx.url, 'end_relationship', { id: String(id), reason: 'goals-met' }, { cookie: mentee.session })).status, 200);
  const after = await notes(id, first, 'free', { notes: 'late' }, mentee.session);
  assert.equal(after.status, 400);
  assert.match(after.text, /has ended/);
  assert.equal((await load(id, first, mentee.session)).json.boxes[0].text, hers);
  assert.equal((await load(id, first, mentee.session)).json.editable, false);
});

test('goals: the mentee writes them, the mentor sees only the shared ones, coordinators none', async () => {
  const { id, tom, mentee } = await twoSessions();
  const stamp = Date.now().toString(36);
  const [secret, shared] = [`GOAL-PRIVATE-${stamp}`, `GOAL-SHARED-${stamp}`];
  const add = (goal, share, cookie) => call(ctx.url, 'add_goal', { id: String(id), goal, ...(share ? { shared: 'yes' } : {}) }, { cookie });

  assert.equal((await add(secret, false, mentee.session)).status, 200);
  assert.equal((await add(shared, true, mentee.session)).status, 200);
  const empty = await add('   ', false, mentee.session);
  assert.equal(empty.status, 422);
  assert.match(empty.text, /Write the goal/);
  assert.equal((await add('x'.repeat(301), false, mentee.session)).status, 422);
  const byMentor = await add('mine', false, tom);
  assert.equal(byMentor.status, 400, byMentor.text);
  assert.match(byMentor.text, /Only the mentee/);

  const hers = (await call(ctx.url, 'load_goals', { id: String(id) }, { cookie: mentee.session })).json;
  assert.deepEqual(hers.goals.map((g) => [g.body, g.shared, g.state]), [[secret, false, 'Open'], [shared, true, 'Open']]);
  const his = await call(ctx.url, 'load_goals', { id: String(id) }, { cookie: tom });
  assert.deepEqual(his.json.goals.map((g) => g.body), [shared]);
  assert.ok(!his.text.includes(secret));
  assert.ok(!(await page(`/mentoring/${id}`, tom)).includes(secret), 'not on his page');
  assert.ok((await page(`/mentoring/${id}`, tom)).includes(shared), 'the shared one is');
  assert.equal((await call(ctx.url, 'load_goals', { id: String(id) }, { cookie: ctx.coordinator })).status, 404);
  assert.ok(!(await page(`/mentoring/${id}`, ctx.coordinator)).includes(shared), 'coordinators never see goals');

  // Moved on and shared: now the mentor sees it, achieved.
  const changed = await call(ctx.url, 'change_goal', { id: String(id), goal_id: String(hers.goals[0].id), state: 'achieved', shared: 'yes' }, { cookie: mentee.session });
  assert.equal(changed.status, 200, changed.text);
  const now = (await call(ctx.url, 'load_goals', { id: String(id) }, { cookie: tom })).json.goals;
  assert.deepEqual(now.map((g) => [g.body, g.state]), [[secret, 'Achieved'], [shared, 'Open']]);
  assert.equal((await call(ctx.url, 'change_goal', { id: String(id), goal_id: String(hers.goals[0].id), state: 'done' }, { cookie: mentee.session })).status, 422);
  assert.ok(!ctx.server.logs().includes(secret), 'not in the log');
});
