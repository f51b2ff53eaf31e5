// Ending well at the agreed end, over HTTP with the clock moved on
// (MENTORWELL_CLOCK_OFFSET_SECONDS, on further servers sharing the one
// database): two weeks before the agreed end date both of the pair see the
// prompt to extend or end it on /mentoring/:id and get one discreet email;
// coordinators see no prompt. After the grace period the service's own
// sweep ends it as "the agreed time is up", and the page says who.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile, saveLogs } from '../support/fixture.mjs';
import { startServer, waitFor } from '../support/server.mjs';
import { call, signIn, confirmedAccount, loadOutbox, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);
const DAY = 86_400;

/** `days` from today, as the form's date field sends it. */
const dayFromToday = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const page = async (url, path, cookie) =>
  (await fetch(`${url}${path}`, { headers: { cookie: `mw_session=${cookie}` } })).text();

/** A server on the same database whose clock is `days` ahead, stopped after `body`. */
async function later(days, body) {
  const server = await startServer({ env: { ...ctx.db.env, MENTORWELL_CLOCK_OFFSET_SECONDS: String(days * DAY) } });
  try {
    return await body(server.url);
  } finally {
    await server.stop();
    await saveLogs(`${import.meta.url}-${days}`, server);
  }
}

test('two weeks before the agreed end both are prompted, once; after the grace period the service ends it', { timeout: 120_000 }, async () => {
  // A new mentee matched with the demo mentor; both agree an end in 20 days.
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: `Http ending ${Date.now() % 100000}` });
  const menteeId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${account.email}'`));
  const mentee = await signIn(ctx.url, account.email, account.password);
  const tomId = Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = capacity + 1 WHERE user_id = ${tomId}`);
  const request = new URLSearchParams([
    ['goal', 'Plan my next step'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(tomId)],
  ]);
  assert.equal((await call(ctx.url, 'save_request', request, { cookie: mentee })).status, 200);
  const id = Number(await ctx.db.sql(`SELECT id FROM mentoring_requests WHERE mentee_id = ${menteeId} AND state = 'proposed'`));
  assert.equal((await call(ctx.url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: ctx.coordinator })).status, 200);
  assert.equal((await call(ctx.url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom })).status, 200);
  const endsOn = dayFromToday(20);
  const link = `/mentoring/${id}\n`;
  const terms = (version) => ({
    id: String(id), version: String(version), frequency: 'monthly', length: 'date', ends_on: endsOn, sessions: '',
    meeting: 'Library', contact: 'Work email', hopes: '', protected_time: '', protected_on: '',
  });
  assert.equal((await call(ctx.url, 'agree_to_agreement', terms(0), { cookie: mentee })).status, 200);
  const both = await call(ctx.url, 'agree_to_agreement', terms(1), { cookie: tom });
  assert.equal(both.json, 'You have both agreed. Your agreement is in place.');

  // Today: nothing to prompt.
  const now = await call(ctx.url, 'load_relationship', { id: String(id) }, { cookie: mentee });
  assert.equal(now.json.end_prompt, null);
  assert.doesNotMatch(await page(ctx.url, `/mentoring/${id}`, mentee), /Your agreed time ends on/);

  // A week on (13 days before the end): the prompt, to both, on the page.
  await later(7, async (url) => {
    const people = [
      await signIn(url, account.email, account.password),
      await signIn(url, DEMO.mentor.email, DEMO.mentor.password),
    ];
    for (const cookie of people) {
      const html = await page(url, `/mentoring/${id}`, cookie);
      assert.match(html, /Your agreed time ends on \d+ \w+ \d{4}: extend it \(change the end date in the agreement, which the other agrees again\) or end it\./);
      assert.match(html, /Extend it in the agreement/);
    }
    const coordinator = await signIn(url, DEMO.coordinator.email, DEMO.coordinator.password);
    const theirs = await call(url, 'load_relationship', { id: String(id) }, { cookie: coordinator });
    assert.equal(theirs.json.end_prompt, null, 'coordinators get no prompt');
    assert.doesNotMatch(await page(url, `/mentoring/${id}`, coordinator), /Your agreed time/);
    // The sweep runs as the server starts: one email to each.
    const prompts = await waitFor(async () => {
      const got = (await loadOutbox(url, coordinator)).emails.filter((e) => e.subject === 'Looking ahead' && e.body.includes(link));
      return got.length >= 2 && got;
    }, { what: 'the two prompts' });
    assert.deepEqual(prompts.map((e) => e.to).sort(), [account.email, DEMO.mentor.email].sort());
    for (const e of prompts) {
      assert.ok(e.body.includes(`/mentoring/${id}`), e.body);
      assert.ok(!e.body.includes(account.name) && !e.body.includes('Tom'), 'nobody named');
    }
  });

  // After the end date, in the grace period: the page says it has ended
  // and when the service will close it if neither of them does.
  await later(30, async (url) => {
    const cookie = await signIn(url, account.email, account.password);
    const html = await page(url, `/mentoring/${id}`, cookie);
    assert.match(html, /Your agreed time ended on \d+ \w+ \d{4}/);
    assert.match(html, /If you do neither, the service will close it on \d+ \w+ \d{4}\./);
  });

  // Past the grace period (14 days by default): the service ends it.
  await later(36, async (url) => {
    await waitFor(async () => (await ctx.db.sql(`SELECT state FROM relationships WHERE id = ${id}`)) === 'ended', { what: 'the ending' });
    const cookie = await signIn(url, account.email, account.password);
    const view = await call(url, 'load_relationship', { id: String(id) }, { cookie });
    assert.equal(view.json.state, 'Ended');
    assert.equal(view.json.end_reason, 'The agreed time is up');
    assert.equal(view.json.ended_by, 'the service');
    assert.equal(view.json.end_prompt, null);
    const html = await page(url, `/mentoring/${id}`, cookie);
    assert.match(html, /Ended by/);
    assert.match(html, /the service/);
    const coordinator = await signIn(url, DEMO.coordinator.email, DEMO.coordinator.password);
    const closed = await waitFor(async () => {
      const got = (await loadOutbox(url, coordinator)).emails.filter((e) => e.subject === 'Closed as agreed' && e.body.includes(link));
      return got.length >= 2 && got;
    }, { what: 'the two closing emails' });
    assert.deepEqual(closed.map((e) => e.to).sort(), [account.email, DEMO.mentor.email].sort());
  });
  assert.equal(Number(await ctx.db.sql(`SELECT COUNT(*) FROM relationship_events WHERE relationship_id = ${id} AND event = 'end' AND actor_role = 'system'`)), 1);
});
