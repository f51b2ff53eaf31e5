// Sessions over HTTP: fifty requests at once for one slot, twenty rounds
// (one booking each, the rest told the slot has just been taken, never a
// 5xx); bad input refused and nothing changed; a calendar feed that
// stops working when replaced or revoked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, confirmedAccount, signIn, uniqueEmail, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url, {
  setup: async (c) => {
    c.priya = await signIn(c.url, DEMO.mentee.email, DEMO.mentee.password);
    c.tom = await signIn(c.url, DEMO.mentor.email, DEMO.mentor.password);
    const sessions = await call(c.url, 'load_sessions', {}, { cookie: c.priya });
    assert.equal(sessions.status, 200, sessions.text);
    c.with = sessions.json.pairs[0].request_id;
  },
});

const TAKEN = 'Sorry, this slot has just been taken. Please choose another time.';

/** Free times per week, as the booking page lists them. */
async function freeWeeks(cookie = ctx.priya) {
  const page = await call(ctx.url, 'load_booking', { with: String(ctx.with) }, { cookie });
  assert.equal(page.status, 200, page.text);
  return page.json.weeks.map((w) => w.days.flatMap((d) => d.slots.map((s) => s.starts)));
}

async function sessionsOf(cookie) {
  return (await call(ctx.url, 'load_sessions', {}, { cookie })).json;
}

test('fifty at once for one slot, twenty rounds: one booking each, the rest told it was taken', { timeout: 180_000 }, async () => {
  // Tom takes at most five a week, so the rounds spread over the weeks.
  const weeks = (await freeWeeks()).slice(1);
  for (let round = 0; round < 20; round++) {
    const week = weeks[round % weeks.length];
    const starts = week[Math.floor(round / weeks.length) * 4];
    const answers = await Promise.all(Array.from({ length: 50 }, () =>
      call(ctx.url, 'book_session', { with: String(ctx.with), starts: String(starts), location: 'room', agenda: '' }, { cookie: ctx.priya })));
    const ok = answers.filter((a) => a.status === 200);
    const others = answers.filter((a) => a.status !== 200);
    assert.equal(ok.length, 1, `round ${round}: ${answers.map((a) => a.text).join(' | ')}`);
    assert.deepEqual([...new Set(others.map((a) => `${a.status} ${a.json?.Refused}`))], [`400 ${TAKEN}`], `round ${round}`);
  }
  const mine = await sessionsOf(ctx.priya);
  assert.equal(mine.upcoming.length, 20);
  const his = await sessionsOf(ctx.tom);
  assert.equal(his.upcoming.length, 20, 'the mentor sees them too');
});

test('bad input is refused with a message and changes nothing', async () => {
  const before = (await sessionsOf(ctx.priya)).upcoming.length;
  const free = (await freeWeeks()).flat();
  const book = (fields, cookie = ctx.priya) =>
    call(ctx.url, 'book_session', { with: String(ctx.with), location: 'room', agenda: '', ...fields }, { cookie });

  const past = await book({ starts: String(Math.floor(Date.now() / 1000) - 3600) });
  assert.equal(past.status, 400);
  assert.match(past.json.Refused, /already passed/);
  const outside = await book({ starts: String(free[0] + 300) });
  assert.equal(outside.status, 400);
  assert.match(outside.json.Refused, /not available at that time/);
  const malformed = await book({ starts: 'next tuesday' });
  assert.equal(malformed.status, 422);
  assert.equal(malformed.json.Invalid[0].field, 'starts');
  const way = await book({ starts: String(free[0]), location: 'phone' });
  assert.equal(way.status, 422);
  assert.equal(way.json.Invalid[0].field, 'location');
  const long = await book({ starts: String(free[0]), agenda: 'x'.repeat(1001) });
  assert.equal(long.status, 422);
  assert.equal(long.json.Invalid[0].field, 'agenda');

  // A member of staff with no relationship, and Tom booking for himself.
  const stranger = await confirmedAccount(ctx.url, ctx.coordinator, { email: uniqueEmail('stranger') });
  const strangerSession = await signIn(ctx.url, stranger.email, stranger.password);
  const notYours = await book({ starts: String(free[0]) }, strangerSession);
  assert.equal(notYours.status, 400);
  assert.match(notYours.json.Refused, /only with the mentor you are matched with/);
  const page = await call(ctx.url, 'load_booking', { with: String(ctx.with) }, { cookie: strangerSession });
  assert.equal(page.status, 400);
  const mentorBooks = await book({ starts: String(free[0]) }, ctx.tom);
  assert.equal(mentorBooks.status, 400);
  assert.equal((await sessionsOf(ctx.priya)).upcoming.length, before, 'nothing was booked');

  // Availability: overlapping windows, a window ending before it starts,
  // a mentee trying to set any.
  const rules = {
    day_monday: '09:00-12:00\n11:00-13:00', day_tuesday: '17:00-09:00', day_wednesday: '', day_thursday: '',
    day_friday: '', day_saturday: '', day_sunday: '', time_zone: 'Europe/London', session_minutes: '60',
    buffer_minutes: '15', notice_hours: '24', max_per_week: '5', room: 'Room 2', video_link: '', phone: '',
  };
  const bad = await call(ctx.url, 'save_availability', rules, { cookie: ctx.tom });
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(bad.json.Invalid.map((e) => e.field), ['day_monday', 'day_tuesday']);
  assert.match(bad.json.Invalid[0].message, /overlap/);
  assert.match(bad.json.Invalid[1].message, /ends before it starts/);
  const asMentee = await call(ctx.url, 'save_availability', { ...rules, day_monday: '', day_tuesday: '' }, { cookie: ctx.priya });
  assert.equal(asMentee.status, 403);
  const leave = await call(ctx.url, 'add_availability_exception',
    { kind: 'leave', first_day: '2027-03-10', last_day: '2027-03-01', starts_at: '', ends_at: '' }, { cookie: ctx.tom });
  assert.equal(leave.status, 422);
  assert.equal(leave.json.Invalid[0].field, 'last_day');
  assert.deepEqual((await freeWeeks()).flat(), free, 'the free times did not change');
});

test('a calendar feed lists sessions without agendas and stops when replaced or revoked', async () => {
  const [week] = (await freeWeeks()).slice(7);
  const booked = await call(ctx.url, 'book_session',
    { with: String(ctx.with), starts: String(week.at(-1)), location: 'video', agenda: 'Private: my appraisal' }, { cookie: ctx.priya });
  assert.equal(booked.status, 200, booked.text);

  const first = await call(ctx.url, 'make_calendar_feed', {}, { cookie: ctx.priya });
  assert.equal(first.status, 200, first.text);
  const url = new URL(first.json);
  assert.equal(url.pathname, '/calendar/feed.ics');
  const feed = await fetch(`${ctx.url}${url.pathname}${url.search}`);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const body = await feed.text();
  assert.match(body, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(body.match(/BEGIN:VEVENT/g).length, 21);
  assert.match(body, /UID:[0-9a-f]{32}@mentorwell/);
  assert.ok(!body.includes('Private'), 'no agenda in the feed');

  const second = await call(ctx.url, 'make_calendar_feed', {}, { cookie: ctx.priya });
  const replaced = await fetch(`${ctx.url}${url.pathname}${url.search}`);
  assert.equal(replaced.status, 404, 'the old address stops working');
  const now = new URL(second.json);
  assert.equal((await fetch(`${ctx.url}${now.pathname}${now.search}`)).status, 200);
  await call(ctx.url, 'stop_calendar_feed', {}, { cookie: ctx.priya });
  assert.equal((await fetch(`${ctx.url}${now.pathname}${now.search}`)).status, 404, 'revoked');
  assert.equal((await fetch(`${ctx.url}/calendar/feed.ics`)).status, 404, 'no key');
});
