// A mentor of a test's own, made over HTTP the way the service makes one
// (accreditation recorded by a coordinator, a profile approved, times
// opened), matched with a new mentee. Tests that change a mentor's diary
// use one, so the demo mentor's diary stays as other tests expect.

import assert from 'node:assert/strict';
import { call, confirmedAccount, currentUser, signIn, uniqueEmail, DEMO } from './client.mjs';

const ok = (res, what) => assert.equal(res.status, 200, `${what}: ${res.text}`);

/** YYYY-MM-DD in London, `days` from now. */
export function londonDate(days = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(Date.now() + days * 86_400_000));
}

/**
 * A new accredited, listed mentor with weekday times and a new mentee
 * matched with them. Returns { mentor, mentee, requestId }, each person
 * { name, email, password, session }.
 */
export async function newPair(url, label) {
  const coordinator = await signIn(url, DEMO.coordinator.email, DEMO.coordinator.password);
  const person = async (role) => {
    const account = await confirmedAccount(url, coordinator, { email: uniqueEmail(`${label}-${role}`), name: `${label} ${role} ${Date.now() % 100000}` });
    return { ...account, session: await signIn(url, account.email, account.password) };
  };
  const mentor = await person('mentor');
  ok(await call(url, 'record_accreditation_elsewhere', { email: mentor.email, completed_on: londonDate(-30), evidence: 'Certificate seen' }, { cookie: coordinator }), 'accreditation');
  mentor.session = await signIn(url, mentor.email, mentor.password);
  mentor.id = (await currentUser(url, mentor.session)).id;
  ok(await call(url, 'save_profile', {
    display_name: mentor.name, pronouns: '', profession: 'nurse', grade: 'Band 7', specialty: 'Surgery',
    sector: 'secondary-care', organisation: 'Example Trust', area: 'derby', 'topics[]': 'stress', 'modes[]': 'video',
    'forms[]': 'one-to-one', 'models[]': 'skilled-helper', languages: 'English', bio: 'A mentor made by a test.',
    capacity: '3', intent: 'submit',
  }, { cookie: mentor.session }), 'profile');
  ok(await call(url, 'approve_profile', { mentor_id: String(mentor.id) }, { cookie: coordinator }), 'approval');
  const weekday = '09:00-12:00';
  ok(await call(url, 'save_availability', {
    day_monday: weekday, day_tuesday: weekday, day_wednesday: weekday, day_thursday: weekday, day_friday: weekday,
    day_saturday: '', day_sunday: '', time_zone: 'Europe/London', session_minutes: '60', buffer_minutes: '15',
    notice_hours: '24', max_per_week: '5', room: 'Room 1', video_link: '', phone: '',
  }, { cookie: mentor.session }), 'availability');

  const mentee = await person('mentee');
  ok(await call(url, 'save_request', new URLSearchParams([
    ['goal', 'Finding my feet'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(mentor.id)],
  ]), { cookie: mentee.session }), 'request');
  const requestId = (await call(url, 'load_my_request', {}, { cookie: mentee.session })).json.current.id;
  ok(await call(url, 'approve_match', { request_id: String(requestId), mentor_id: String(mentor.id) }, { cookie: coordinator }), 'match');
  ok(await call(url, 'answer_offer', { request_id: String(requestId), answer: 'accept' }, { cookie: mentor.session }), 'acceptance');
  return { mentor, mentee, requestId };
}
