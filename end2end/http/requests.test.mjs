// Requests for mentoring over HTTP: bad input loses nothing, a double
// submission makes one request, only those who must see a request can,
// each view is recorded, the request's text never reaches logs or emails,
// and races between coordinators or between one mentor's answers end
// with exactly one winner.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, confirmedAccount, loadOutbox, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

/** A new confirmed member of staff, signed in: { id, session, email }. */
async function person(role) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `Http ${role} ${Date.now() % 100000}` });
  const id = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  if (role !== 'mentee') {
    await ctx.db.sql(`INSERT INTO user_roles (user_id, role, granted_at) VALUES (${id}, '${role}', 0)`);
  }
  return { id, email: account.email, session: await signIn(ctx.url, account.email, account.password) };
}

async function userId(email) {
  return Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${email}'`));
}

function form(fields) {
  const pairs = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of [value].flat()) pairs.push([name, String(v)]);
  }
  return pairs;
}

function request(goal, extra = {}) {
  return form({ goal, 'topics[]': ['stress'], organisation: '', share_with_mentor: '1', intent: 'submit', ...extra });
}

async function send(session, goal, extra) {
  return call(ctx.url, 'save_request', request(goal, extra), { cookie: session });
}

async function openRequestId(menteeId) {
  return Number(await ctx.db.sql(
    `SELECT id FROM mentoring_requests WHERE mentee_id = ${menteeId} AND state NOT IN ('withdrawn', 'active')`));
}

test('empty, over-long and unknown input is refused by field, and the draft keeps what was typed', async () => {
  const mentee = await person('mentee');
  const empty = await call(ctx.url, 'save_request', form({ goal: '', organisation: '', intent: 'submit' }), { cookie: mentee.session });
  assert.equal(empty.status, 422, empty.text);
  assert.deepEqual(empty.json.Invalid.map((e) => e.field), ['goal', 'topics']);

  const long = 'x'.repeat(2500);
  const bad = await send(mentee.session, long, { 'topics[]': ['astrology'] });
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(bad.json.Invalid.map((e) => e.field), ['goal', 'topics']);
  const mine = await call(ctx.url, 'load_my_request', {}, { cookie: mentee.session });
  assert.equal(mine.json.current.fields.goal, long, 'nothing typed is lost');
  assert.equal(mine.json.current.state, 'Draft', 'an invalid request is not sent');

  const lapsed = await userId('lapsed.mentor@demo.mentorwell.invalid');
  const named = await send(mentee.session, 'Career advice', { named_mentor: String(lapsed) });
  assert.equal(named.status, 422, named.text);
  assert.equal(named.json.Invalid[0].field, 'named_mentor');
  assert.match(named.json.Invalid[0].message, /not in the directory/);
});

test('sending twice makes one request and says it was already sent', async () => {
  const mentee = await person('mentee');
  const [a, b] = await Promise.all([send(mentee.session, 'First go'), send(mentee.session, 'First go')]);
  const statuses = [a.status, b.status].sort();
  assert.deepEqual(statuses, [200, 400], `${a.text} ${b.text}`);
  const refused = a.status === 400 ? a : b;
  assert.match(refused.json.Refused, /already been sent/);
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM mentoring_requests WHERE mentee_id = ${mentee.id}`), '1');
});

test('only the mentee, coordinators and the offered mentor see a request; each view is recorded', async () => {
  const marker = `MARKER-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const mentee = await person('mentee');
  const other = await person('mentee');
  const unrelated = await person('mentor');
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = await userId(DEMO.mentor.email);
  const sent = await send(mentee.session, `Please help: ${marker}`, { named_mentor: String(tomId) });
  assert.equal(sent.status, 200, sent.text);
  const id = await openRequestId(mentee.id);
  const views = async () => Number(await ctx.db.sql(`SELECT COUNT(*) FROM request_views WHERE request_id = ${id}`));
  const before = await views();

  for (const stranger of [other.session, unrelated.session, tom]) {
    const res = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: stranger });
    assert.equal(res.status, 404, res.text);
    assert.ok(!res.text.includes(marker), 'no request text for a stranger');
  }
  const page = await fetch(`${ctx.url}/requests/${id}`, { headers: { cookie: `mw_session=${other.session}` } });
  assert.equal(page.status, 404);
  assert.ok(!(await page.text()).includes(marker));
  assert.equal(await views(), before, 'refused looks are not views');

  const own = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: mentee.session });
  assert.equal(own.status, 200, own.text);
  assert.ok(own.text.includes(marker));
  const detail = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: ctx.coordinator });
  assert.equal(detail.status, 200, detail.text);
  const d = detail.json.Coordinator;
  assert.equal(d.fields.goal, `Please help: ${marker}`);
  assert.equal(d.suggestions[0].mentor_id, tomId, 'the named mentor leads');
  assert.ok(d.suggestions[0].reasons.length > 0, 'with reasons');
  assert.equal(await views(), before + 2);
  const roles = (await ctx.db.sql(`SELECT viewer_role FROM request_views WHERE request_id = ${id} ORDER BY id`)).split('\n');
  assert.deepEqual(roles.slice(-2), ['mentee', 'coordinator']);

  const approved = await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  assert.equal(approved.status, 200, approved.text);
  const offers = await call(ctx.url, 'load_offers', {}, { cookie: tom });
  assert.ok(offers.text.includes(marker), 'the offered mentor sees what the mentee shared');
  const unrelatedOffers = await call(ctx.url, 'load_offers', {}, { cookie: unrelated.session });
  assert.ok(!unrelatedOffers.text.includes(marker));
  const accepted = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom });
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(await ctx.db.sql(`SELECT viewer_role FROM request_views WHERE request_id = ${id} ORDER BY id DESC LIMIT 1`), 'mentor');

  const who = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: ctx.coordinator });
  assert.ok(who.json.Coordinator.views.some(([, role]) => role === 'mentor'), 'coordinators see who viewed it');

  // The text went nowhere else: not in any email, not in the server's log.
  const { emails } = await loadOutbox(ctx.url, ctx.coordinator);
  assert.ok(emails.some((e) => e.subject === 'Good news about your request'), 'the mentee was told');
  for (const e of emails) assert.ok(!`${e.subject} ${e.body}`.includes(marker), `email "${e.subject}" carries no request text`);
  assert.ok(!ctx.server.logs().includes(marker), 'the log carries no request text');
});

test('a mentor who declines gives a reason only coordinators see', async () => {
  const mentee = await person('mentee');
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = await userId(DEMO.mentor.email);
  assert.equal((await send(mentee.session, 'Decline me', { named_mentor: String(tomId) })).status, 200);
  const id = await openRequestId(mentee.id);
  await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  const reason = `Too close to my own team ${Date.now()}`;
  const declined = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'decline', reason }, { cookie: tom });
  assert.equal(declined.status, 200, declined.text);
  const own = await call(ctx.url, 'load_my_request', {}, { cookie: mentee.session });
  assert.equal(own.json.current.state, 'Submitted');
  assert.ok(!own.text.includes(reason), 'the mentee never sees the reason');
  const detail = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: ctx.coordinator });
  assert.ok(detail.json.Coordinator.history.some((e) => e.note === reason), 'coordinators do');
  assert.ok(!detail.json.Coordinator.suggestions.some((s) => s.mentor_id === tomId), 'Tom is not suggested again');
});

test('two coordinators approving different mentors at once make exactly one match', async () => {
  const second = await person('coordinator');
  const mentee = await person('mentee');
  assert.equal((await send(mentee.session, 'Race for me')).status, 200);
  const id = await openRequestId(mentee.id);
  const detail = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: ctx.coordinator });
  const [first, other] = detail.json.Coordinator.suggestions;
  assert.ok(first.proposed && other, 'two mentors to choose from');
  const [a, b] = await Promise.all([
    call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(first.mentor_id) }, { cookie: ctx.coordinator }),
    call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(other.mentor_id), reason: 'Nearer to them' }, { cookie: second.session }),
  ]);
  assert.deepEqual([a.status, b.status].sort(), [200, 400], `${a.text} ${b.text}`);
  const loser = a.status === 400 ? a : b;
  assert.match(loser.json.Refused, /already been offered|changed this request/);
  const winner = a.status === 200 ? first.mentor_id : other.mentor_id;
  assert.equal(await ctx.db.sql(`SELECT state || ':' || mentor_id FROM mentoring_requests WHERE id = ${id}`), `offered:${winner}`);
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM request_events WHERE request_id = ${id} AND event = 'approve'`), '1');
});

test('a mentor with one free place accepting two offers at once gets one, and a clear refusal', async () => {
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = await userId(DEMO.mentor.email);
  const active = Number(await ctx.db.sql(`SELECT COUNT(*) FROM mentoring_requests WHERE mentor_id = ${tomId} AND state = 'active'`));
  const ids = [];
  for (const label of ['one', 'two']) {
    const mentee = await person('mentee');
    assert.equal((await send(mentee.session, `Capacity ${label}`, { named_mentor: String(tomId) })).status, 200);
    const id = await openRequestId(mentee.id);
    const ok = await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
    assert.equal(ok.status, 200, ok.text);
    ids.push(id);
  }
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = ${active + 1} WHERE user_id = ${tomId}`);
  const answers = await Promise.all(ids.map((id) =>
    call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })));
  assert.deepEqual(answers.map((r) => r.status).sort(), [200, 400], answers.map((r) => r.text).join(' '));
  const refused = answers.find((r) => r.status === 400);
  assert.match(refused.json.Refused, /no free places/);
  assert.equal(
    await ctx.db.sql(`SELECT COUNT(*) FROM mentoring_requests WHERE mentor_id = ${tomId} AND state = 'active'`),
    String(active + 1));
});

test('without consent the offered mentor sees only practical details until they accept', async () => {
  const marker = `PRIVATE-${Date.now().toString(36)}`;
  const mentee = await person('mentee');
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = await userId(DEMO.mentor.email);
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = 10 WHERE user_id = ${tomId}`);
  const sent = await send(mentee.session, marker, { named_mentor: String(tomId), share_with_mentor: [], 'modes[]': ['video'] });
  assert.equal(sent.status, 200, sent.text);
  const id = await openRequestId(mentee.id);
  // Choosing someone other than the suggested mentor needs a reason.
  const detail = await call(ctx.url, 'load_request', { request_id: String(id) }, { cookie: ctx.coordinator });
  const other = detail.json.Coordinator.suggestions.find((s) => !s.proposed);
  const noReason = await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(other.mentor_id) }, { cookie: ctx.coordinator });
  assert.equal(noReason.status, 422, noReason.text);
  assert.equal(noReason.json.Invalid[0].field, 'reason');
  await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator });
  const offers = await call(ctx.url, 'load_offers', {}, { cookie: tom });
  const offer = offers.json.offers.find((o) => o.id === id);
  assert.equal(offer.shared, null, 'nothing shared without consent');
  assert.ok(!offers.text.includes(marker));
  assert.ok(offer.practical.some(([term, value]) => term === 'Ways of meeting' && value === 'Video'));

  // Withdrawn while offered: the offer leaves the mentor's inbox and they are told.
  const withdrawn = await call(ctx.url, 'withdraw_request', { request_id: String(id) }, { cookie: mentee.session });
  assert.equal(withdrawn.status, 200, withdrawn.text);
  const after = await call(ctx.url, 'load_offers', {}, { cookie: tom });
  assert.ok(!after.json.offers.some((o) => o.id === id));
  const { emails } = await loadOutbox(ctx.url, ctx.coordinator);
  assert.ok(emails.some((e) => e.to === DEMO.mentor.email && e.subject === 'Nothing to answer after all'));
  const again = await call(ctx.url, 'withdraw_request', { request_id: String(id) }, { cookie: mentee.session });
  assert.equal(again.status, 400);
  assert.match(again.json.Refused, /withdrawn/);
  // Tom answering the offer he had open is told why it went, not "not found".
  const late = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom });
  assert.equal(late.status, 400, late.text);
  assert.match(late.json.Refused, /withdrew this request/);
  // Anyone it was never offered to still learns nothing about it.
  const stranger = await person('mentor');
  const notMine = await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: stranger.session });
  assert.equal(notMine.status, 404, notMine.text);
});

test('coordinators set the support routes staff see; nobody else can', async () => {
  const routes = `Staff support line: call 0115 000 ${Date.now() % 10000}`;
  const mentee = await person('mentee');
  const refused = await call(ctx.url, 'save_support_routes', { routes }, { cookie: mentee.session });
  assert.equal(refused.status, 403);
  const empty = await call(ctx.url, 'save_support_routes', { routes: '  ' }, { cookie: ctx.coordinator });
  assert.equal(empty.status, 422);
  const saved = await call(ctx.url, 'save_support_routes', { routes }, { cookie: ctx.coordinator });
  assert.equal(saved.status, 200, saved.text);
  const mine = await call(ctx.url, 'load_my_request', {}, { cookie: mentee.session });
  assert.equal(mine.json.support_routes, routes);
});
