// Courses over HTTP: thirty people at once for the last five places (five
// registered, twenty-five waiting in order, one promoted by a
// cancellation), bad input refused by field, and the road from a place
// to a mentor role and a certificate anyone can check.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, confirmedAccount, currentUser, emailsTo, signIn, uniqueEmail, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

function inDays(n) {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

function runFields(overrides = {}) {
  return [
    ['id', '0'], ['kind', 'initial'], ['title', 'Mentoring in Healthcare Organisations'],
    ['day_date[]', inDays(30)], ['day_starts[]', '09:30'], ['day_ends[]', '16:30'],
    ['day_date[]', inDays(37)], ['day_starts[]', '09:30'], ['day_ends[]', '16:30'],
    ['venue', 'Education Centre, Derby'], ['online_link', ''], ['area', 'derby'],
    ['facilitators', 'A. Trainer'], ['capacity', '5'], ['register_by', inDays(20)],
  ].map(([k, v]) => [k, overrides[k] ?? v]);
}

async function newRun(overrides) {
  const res = await call(ctx.url, 'save_course_run', runFields(overrides), { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function person(label) {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { email: uniqueEmail(label), name: `Trainee ${label}` });
  return { ...account, session: await signIn(ctx.url, account.email, account.password) };
}

test('thirty people at once for five places: five registered, twenty-five waiting in order', { timeout: 120_000 }, async () => {
  const run = await newRun();
  const people = [];
  for (let i = 0; i < 30; i++) people.push(await person(`race${i}`));
  const answers = await Promise.all(people.map((p) => call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: p.session })));
  assert.deepEqual(answers.filter((a) => a.status !== 200).map((a) => a.text), [], 'no errors');
  const registered = answers.filter((a) => a.json.startsWith('You are registered'));
  const waiting = answers.map((a) => /waiting list: number (\d+)/.exec(a.json)?.[1]).filter(Boolean).map(Number).sort((a, b) => a - b);
  assert.equal(registered.length, 5);
  assert.deepEqual(waiting, Array.from({ length: 25 }, (_, i) => i + 1));

  const register = await call(ctx.url, 'load_course_register', { run_id: String(run) }, { cookie: ctx.coordinator });
  const rows = register.json[1];
  assert.equal(rows.filter((r) => r.state === 'Registered').length, 5);
  const leaving = people.find((p) => p.email === rows[0].email);
  const next = rows.find((r) => r.state === 'Waitlisted');
  const cancelled = await call(ctx.url, 'cancel_my_place', { run_id: String(run) }, { cookie: leaving.session });
  assert.equal(cancelled.status, 200, cancelled.text);
  const after = (await call(ctx.url, 'load_course_register', { run_id: String(run) }, { cookie: ctx.coordinator })).json[1];
  assert.equal(after.filter((r) => r.state === 'Registered').length, 5, 'the freed place is filled');
  assert.equal(after.filter((r) => r.state === 'Waitlisted').length, 24, 'by exactly one person');
  assert.equal(after.find((r) => r.email === next.email).state, 'Registered', 'the first in the queue');
  const told = await emailsTo(ctx.url, ctx.coordinator, next.email, 'You have a place on a mentoring course');
  assert.equal(told.length, 1);
  // Someone who still has a place (the person who left may register again).
  const holder = people.find((p) => p.email === next.email);
  const twice = await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: holder.session });
  assert.equal(twice.status, 400);
  assert.match(twice.json.Refused, /already/);
});

test('bad input is refused and changes nothing', async () => {
  const outOfOrder = await call(ctx.url, 'save_course_run', runFields({ 'day_date[]': inDays(40) }).map(([k, v], i) => (i === 6 ? [k, inDays(35)] : [k, v])), { cookie: ctx.coordinator });
  assert.equal(outOfOrder.status, 422, outOfOrder.text);
  assert.equal(outOfOrder.json.Invalid[0].field, 'days');
  assert.match(outOfOrder.json.Invalid[0].message, /Day 2 must come after day 1/);

  const run = await newRun({ capacity: '3' });
  const ann = await person('ann');
  const bob = await person('bob');
  for (const p of [ann, bob]) await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: p.session });
  const shrink = await call(ctx.url, 'save_course_run', runFields({ id: String(run), capacity: '1' }), { cookie: ctx.coordinator });
  assert.equal(shrink.status, 422);
  assert.equal(shrink.json.Invalid[0].field, 'capacity');
  assert.match(shrink.json.Invalid[0].message, /2 people are registered/);

  const pastFields = runFields({ register_by: inDays(-20) }).map(([k, v], i) => [k, i === 3 ? inDays(-10) : i === 6 ? inDays(-3) : v]);
  const pastRes = await call(ctx.url, 'save_course_run', pastFields, { cookie: ctx.coordinator });
  assert.equal(pastRes.status, 200, pastRes.text);
  const past = pastRes.json;
  const late = await call(ctx.url, 'register_for_course', { run_id: String(past) }, { cookie: ann.session });
  assert.equal(late.status, 400);
  assert.match(late.json.Refused, /^Registration for this course closed on /);

  const closed = await call(ctx.url, 'set_course_registration', { run_id: String(run), open: '0' }, { cookie: ctx.coordinator });
  assert.equal(closed.status, 200, closed.text);
  const dan = await person('dan');
  const whileClosed = await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: dan.session });
  assert.equal(whileClosed.json.Refused, 'This course is not taking registrations.');
  assert.equal((await call(ctx.url, 'set_course_registration', { run_id: String(run), open: '1' }, { cookie: ann.session })).status, 403);
  await call(ctx.url, 'set_course_registration', { run_id: String(run), open: '1' }, { cookie: ctx.coordinator });
  const reopened = await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: dan.session });
  assert.equal(reopened.status, 200, reopened.text);

  const noReason = await call(ctx.url, 'cancel_course_run', { run_id: String(run), reason: ' ' }, { cookie: ctx.coordinator });
  assert.equal(noReason.status, 422);
  const cancelled = await call(ctx.url, 'cancel_course_run', { run_id: String(run), reason: 'The venue flooded.' }, { cookie: ctx.coordinator });
  assert.equal(cancelled.status, 200, cancelled.text);
  assert.equal((await emailsTo(ctx.url, ctx.coordinator, ann.email, 'A mentoring course has been cancelled')).length, 1);
  const afterCancel = await call(ctx.url, 'cancel_my_place', { run_id: String(run) }, { cookie: ann.session });
  assert.equal(afterCancel.status, 400, 'places on a cancelled run are cancelled with it');
  const closeCancelled = await call(ctx.url, 'set_course_registration', { run_id: String(run), open: '1' }, { cookie: ctx.coordinator });
  assert.equal(closeCancelled.json.Refused, 'This course has been cancelled.');
  const carol = await person('carol');
  const refused = await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: carol.session });
  assert.equal(refused.json.Refused, 'This course has been cancelled.');

  const unknown = await call(ctx.url, 'verify_certificate', { code: 'MW-AAAA-BBBB-CCCC' });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.Invalid[0].field, 'code');
  assert.match(unknown.json.Invalid[0].message, /No certificate has the code MW-AAAA-BBBB-CCCC/);

  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  assert.equal((await call(ctx.url, 'load_course_register', { run_id: String(run) }, { cookie: mentee })).status, 403);
  assert.equal((await call(ctx.url, 'save_course_run', runFields(), { cookie: mentee })).status, 403);
});

test('the online link is shown only to people with a place and coordinators', async () => {
  const run = await newRun({ venue: '', area: 'online', online_link: 'https://meet.example.org/secret-room' });
  const guest = await call(ctx.url, 'load_course', { id: String(run) });
  assert.equal(guest.json.online_link, '');
  const fay = await person('fay');
  assert.equal((await call(ctx.url, 'load_course', { id: String(run) }, { cookie: fay.session })).json.online_link, '');
  await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: fay.session });
  const mine = await call(ctx.url, 'load_course', { id: String(run) }, { cookie: fay.session });
  assert.equal(mine.json.online_link, 'https://meet.example.org/secret-room');
  const page = await (await fetch(`${ctx.url}/courses/${run}`)).text();
  assert.ok(!page.includes('secret-room'), 'not in the page for a visitor');
});

test('completing the course makes a mentor with a certificate anyone can check', async () => {
  const run = await newRun({ capacity: '10' });
  const dee = await person('dee');
  await call(ctx.url, 'register_for_course', { run_id: String(run) }, { cookie: dee.session });
  const before = await currentUser(ctx.url, dee.session);
  assert.ok(!before.roles.includes('Mentor'));
  const register = (await call(ctx.url, 'load_course_register', { run_id: String(run) }, { cookie: ctx.coordinator })).json[1];
  const userId = String(register[0].user_id);
  const early = await call(ctx.url, 'complete_course', { run_id: String(run), user_id: userId }, { cookie: ctx.coordinator });
  assert.equal(early.status, 400);
  assert.match(early.json.Refused, /not marked present on day 1/);
  const marked = await call(ctx.url, 'save_attendance', [['run_id', String(run)], ['user_id', userId], ['present[]', '1'], ['present[]', '2']], { cookie: ctx.coordinator });
  assert.equal(marked.status, 200, marked.text);
  const done = await call(ctx.url, 'complete_course', { run_id: String(run), user_id: userId }, { cookie: ctx.coordinator });
  assert.equal(done.status, 200, done.text);
  const code = /(MW-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(done.json)[1];
  const afterRoles = await currentUser(ctx.url, dee.session);
  assert.ok(afterRoles.roles.includes('Mentor'), JSON.stringify(afterRoles));

  const checked = await call(ctx.url, 'verify_certificate', { code: code.toLowerCase().replace(/-/g, ' ') });
  assert.equal(checked.status, 200, checked.text);
  assert.equal(checked.json.name, 'Trainee dee');
  const page = await (await fetch(`${ctx.url}/verify-certificate?code=${code}`)).text();
  assert.match(page, /This certificate is genuine/);
  const certificate = await fetch(`${ctx.url}/certificates/${code}`);
  assert.equal(certificate.status, 200);
  assert.match(await certificate.text(), /Trainee dee/);
});

test('accreditation gained elsewhere is recorded with its evidence', async () => {
  const eve = await person('eve');
  const bad = await call(ctx.url, 'record_accreditation_elsewhere', { email: 'nobody@example.org', completed_on: inDays(5), evidence: ' ' }, { cookie: ctx.coordinator });
  assert.equal(bad.status, 422, bad.text);
  assert.deepEqual(bad.json.Invalid.map((e) => e.field), ['email', 'completed_on', 'evidence']);
  assert.match(bad.json.Invalid[1].message, /cannot be in the future/);
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const refused = await call(ctx.url, 'record_accreditation_elsewhere', { email: eve.email, completed_on: inDays(-30), evidence: 'x' }, { cookie: mentee });
  assert.equal(refused.status, 403);

  const ok = await call(ctx.url, 'record_accreditation_elsewhere', { email: eve.email.toUpperCase(), completed_on: inDays(-30), evidence: 'Certificate from another NHS region, seen 1 May.' }, { cookie: ctx.coordinator });
  assert.equal(ok.status, 200, ok.text);
  assert.ok((await currentUser(ctx.url, eve.session)).roles.includes('Mentor'));
  const mine = await call(ctx.url, 'load_my_certificates', {}, { cookie: eve.session });
  assert.equal(mine.json.length, 1);
  assert.equal(mine.json[0].elsewhere, true);
  const checked = await call(ctx.url, 'verify_certificate', { code: mine.json[0].code });
  assert.equal(checked.json.name, 'Trainee eve');
});
