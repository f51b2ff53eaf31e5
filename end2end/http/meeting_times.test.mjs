// When a mentee can usually meet, after matching: she changes her days and
// times of day; the booking page then marks exactly the free times that
// fall in them (on her own clock); her mentor reads them in a few words,
// and nothing else of her request; nobody else may change them, and a day
// not on the list is refused beside its field with nothing changed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, confirmedAccount, signIn, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url, {
  setup: async (c) => {
    c.priya = await signIn(c.url, DEMO.mentee.email, DEMO.mentee.password);
    c.tom = await signIn(c.url, DEMO.mentor.email, DEMO.mentor.password);
    c.coordinator = await signIn(c.url, DEMO.coordinator.email, DEMO.coordinator.password);
    const sessions = await call(c.url, 'load_sessions', {}, { cookie: c.priya });
    assert.equal(sessions.status, 200, sessions.text);
    c.with = sessions.json.pairs[0].request_id;
  },
});

const save = (fields, cookie) =>
  call(ctx.url, 'save_meeting_times', [['with', String(ctx.with)], ...fields], { cookie });

async function booking(cookie = ctx.priya) {
  const page = await call(ctx.url, 'load_booking', { with: String(ctx.with) }, { cookie });
  assert.equal(page.status, 200, page.text);
  return page.json;
}

/** Weekday and minutes after midnight of an instant in London. */
function london(unix) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(unix * 1000));
  const part = (type) => parts.find((p) => p.type === type).value;
  return { weekday: part('weekday'), minutes: Number(part('hour')) * 60 + Number(part('minute')) };
}

test('Tuesday evenings: exactly the free times on Tuesdays from 17:00 to 22:00 are marked', async () => {
  const before = await booking();
  assert.equal(before.said, 'any day; any time of day');
  assert.ok(before.weeks.flatMap((w) => w.days).flatMap((d) => d.slots).every((s) => !s.suits), 'nothing named, nothing marked');

  const saved = await save([['days[]', 'tue'], ['times[]', 'evening']], ctx.priya);
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.json, 'Saved. Your mentor sees when you can usually meet.');

  const after = await booking();
  assert.deepEqual([after.days, after.times, after.said], [['tue'], ['evening'], 'Tuesdays; evenings']);
  const slots = after.weeks.flatMap((w) => w.days).flatMap((d) => d.slots);
  let marked = 0;
  for (const s of slots) {
    const at = london(s.starts);
    const evening = at.weekday === 'Tue' && at.minutes >= 17 * 60 && at.minutes < 22 * 60;
    assert.equal(s.suits, evening, `${s.time} on ${at.weekday}`);
    if (s.suits) marked += 1;
  }
  // Tom is free on Tuesdays from 18:00 to 20:00.
  assert.ok(marked >= 2, `some Tuesday evenings are free: ${marked}`);
});

test('her mentor reads her days and times, and nothing else of her request; a coordinator not even that', async () => {
  assert.equal((await save([['days[]', 'mon'], ['days[]', 'tue'], ['days[]', 'wed'], ['days[]', 'thu'], ['days[]', 'fri'], ['times[]', 'night'], ['times[]', 'evening']], ctx.priya)).status, 200);
  const his = await call(ctx.url, 'load_relationship', { id: String(ctx.with) }, { cookie: ctx.tom });
  assert.equal(his.status, 200, his.text);
  assert.equal(his.json.can_meet, 'weekdays; evenings or nights');
  const hers = await call(ctx.url, 'load_relationship', { id: String(ctx.with) }, { cookie: ctx.priya });
  assert.equal(hers.json.can_meet, 'weekdays; evenings or nights');
  const coordinators = await call(ctx.url, 'load_relationship', { id: String(ctx.with) }, { cookie: ctx.coordinator });
  assert.equal(coordinators.status, 200, coordinators.text);
  assert.equal(coordinators.json.can_meet, null);
});

test('only the mentee may change them; a stranger is told it is not theirs', async () => {
  const before = (await booking()).said;
  const tom = await save([['days[]', 'sat']], ctx.tom);
  assert.equal(tom.status, 400, tom.text);
  assert.equal(tom.json.Refused, 'Only the mentee says when they can usually meet.');
  const stranger = await confirmedAccount(ctx.url, ctx.coordinator);
  const theirs = await save([['days[]', 'sat']], await signIn(ctx.url, stranger.email, stranger.password));
  assert.equal(theirs.status, 400, theirs.text);
  assert.match(theirs.json.Refused, /only with the mentor you are matched with/);
  assert.equal((await booking()).said, before, 'nothing changed');
});

test('a day or time not on the list is refused beside its field, and nothing changes', async () => {
  const before = await booking();
  const bad = await save([['days[]', 'someday'], ['times[]', 'evening']], ctx.priya);
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(bad.json.Invalid.map((e) => [e.field, e.message]), [['days', 'Choose only from the options shown.']]);
  const after = await booking();
  assert.deepEqual([after.days, after.times], [before.days, before.times]);
  const signedOut = await save([['days[]', 'tue']]);
  assert.notEqual(signedOut.status, 200);
});
