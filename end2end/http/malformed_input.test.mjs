// Malformed input is the sender's mistake: arguments that do not decode,
// a body over 2 MB, bytes that are not UTF-8, addresses naming nothing,
// and NUL or other control characters in text (line breaks in a name,
// which goes into email headers) are all answered 4xx with a message,
// nothing is stored, and the server logs no error (a NUL used to reach
// PostgreSQL, which refuses it: a 500 and an error line).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, uniqueEmail, GOOD_PASSWORD, DEMO } from '../support/client.mjs';

const NOT_UNDERSTOOD = 'That request was not understood.';
const LINE_MESSAGE = 'This must be on one line, without tabs or control characters.';
const TEXT_MESSAGE = 'This contains a character that is not allowed (a control character).';
const TOO_LARGE = 'That is too much to send at once. Please shorten it and try again.';
const LIMIT = 2 * 1024 * 1024;

const ctx = serverForFile(import.meta.url, {
  setup: async (c) => {
    c.mentee = await signIn(c.url, DEMO.mentee.email, DEMO.mentee.password);
    c.mentor = await signIn(c.url, DEMO.mentor.email, DEMO.mentor.password);
    const sessions = await call(c.url, 'load_sessions', {}, { cookie: c.mentee });
    assert.equal(sessions.status, 200, sessions.text);
    c.with = sessions.json.pairs[0].request_id;
  },
});

// Everything a malformed request could have written to.
const TABLES = [
  'users', 'outbox', 'email_tokens', 'mentoring_sessions', 'course_runs', 'accreditations', 'profile_drafts',
  'mentor_profiles', 'mentoring_requests', 'request_events', 'resources', 'resource_versions', 'service_texts',
  'availability', 'availability_exceptions', 'relationships', 'relationship_events',
];

async function stored() {
  const counts = TABLES.map((t) => `(SELECT COUNT(*) FROM ${t})`).join(', ');
  const row = await ctx.db.sql(`SELECT ${counts}`);
  return Object.fromEntries(TABLES.map((t, i) => [t, Number(row.split('|')[i])]));
}

/** Runs `send`, and checks that nothing was stored meanwhile. */
async function storesNothing(send) {
  const before = await stored();
  const res = await send();
  assert.deepEqual(await stored(), before, 'nothing stored');
  return res;
}

/** A raw POST to /api/<fn> of exactly these bytes: { status, headers, text }. */
function rawPost(fn, body, { headers = {}, chunked = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(`${ctx.url}/api/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length }),
        ...headers,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    // The server may answer (413) before reading everything.
    req.on('error', (err) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    if (chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

const json = (res) => { try { return JSON.parse(res.text); } catch { return undefined; } };
const fieldsOf = (res) => (res.json ?? json(res))?.Invalid?.map((e) => `${e.field}: ${e.message}`);

test('arguments that do not decode are 400, not 500', async () => {
  const cases = [
    ['load_booking', { with: 'abc' }, ctx.mentee],
    ['remove_availability_exception', { id: '1; DROP TABLE users' }, ctx.mentor],
    ['book_session', { with: String(ctx.with), starts: '1', location: 'room' }, ctx.mentee], // agenda missing
    ['register', { display_name: 'Pat', email: uniqueEmail('args') }, undefined], // password missing
  ];
  for (const [fn, fields, cookie] of cases) {
    const res = await storesNothing(() => call(ctx.url, fn, fields, { cookie }));
    assert.equal(res.status, 400, `${fn}: ${res.status} ${res.text}`);
    assert.deepEqual(res.json, { Refused: NOT_UNDERSTOOD }, fn);
  }
});

test('a form body over 2 MB is 413 with a message, declared or not', async () => {
  const body = Buffer.from(`display_name=${'a'.repeat(LIMIT)}&email=${uniqueEmail('big')}&password=${GOOD_PASSWORD}`);
  const declared = await storesNothing(() => rawPost('register', body));
  assert.equal(declared.status, 413, declared.text);
  assert.equal(json(declared), 'TooLarge');
  const streamed = await storesNothing(() => rawPost('register', body, { chunked: true }));
  assert.equal(streamed.status, 413, streamed.text);
  assert.equal(json(streamed), 'TooLarge');
  // A browser posting the form itself is told in words.
  const plain = await storesNothing(() => rawPost('register', body, { headers: { accept: 'text/html' } }));
  assert.equal(plain.status, 413);
  assert.equal(plain.text, TOO_LARGE);
  // Just under the limit is read, and refused for what it says.
  const under = Buffer.from(`display_name=${'a'.repeat(LIMIT - 200)}&email=${uniqueEmail('under')}&password=${GOOD_PASSWORD}`);
  const read = await storesNothing(() => rawPost('register', under));
  assert.equal(read.status, 422, read.text.slice(0, 200));
  assert.match(fieldsOf(read).join(), /display_name: Your name must be 100 characters or fewer/);
});

test('a body that is not UTF-8 is 400', async () => {
  const email = uniqueEmail('utf8');
  for (const body of [
    Buffer.concat([Buffer.from('display_name=Pat'), Buffer.from([0xff, 0xfe]), Buffer.from(`&email=${email}&password=${GOOD_PASSWORD}`)]),
    Buffer.from(`display_name=Pat%FF&email=${email}&password=${GOOD_PASSWORD}`),
    Buffer.from(`display_name=Pat%C3&email=${email}&password=${GOOD_PASSWORD}`),
  ]) {
    const res = await storesNothing(() => rawPost('register', body));
    assert.equal(res.status, 400, res.text);
    assert.deepEqual(json(res), { Refused: NOT_UNDERSTOOD });
  }
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), '0');
});

test('a page whose address names nothing is 404; a bad address is 400', async () => {
  const certificate = await fetch(`${ctx.url}/certificates/unknown`);
  assert.equal(certificate.status, 404);
  assert.match(await certificate.text(), /We could not find that/);
  for (const cookie of [ctx.mentee, undefined]) {
    const booking = await fetch(`${ctx.url}/sessions/book?with=abc`, { headers: cookie ? { cookie: `mw_session=${cookie}` } : {} });
    assert.equal(booking.status, 404, `signed ${cookie ? 'in' : 'out'}`);
    assert.match(await booking.text(), /Page not found/);
  }
  for (const path of ['/resources?text=%00', '/resources/a%00b', '/certificates/%FF', '/directory?search=a%0Ab']) {
    const res = await fetch(`${ctx.url}${path}`);
    assert.equal(res.status, 400, path);
    assert.equal(await res.text(), NOT_UNDERSTOOD, path);
  }
});

test('a NUL or control character in any text field is 422 beside the field, and nothing is stored', async () => {
  const nul = 'before\u0000after';
  const cases = [
    ['register', { display_name: nul, email: uniqueEmail('nul'), password: GOOD_PASSWORD }, undefined, 'display_name'],
    ['register', { display_name: 'Pat', email: `${nul}@example.org`, password: GOOD_PASSWORD }, undefined, 'email'],
    ['register', { display_name: 'Pat', email: uniqueEmail('nulpw'), password: `${GOOD_PASSWORD}\u0000` }, undefined, 'password'],
    ['sign_in', { email: `mentee@example.org${'\u0000'}`, password: 'x' }, undefined, 'email'],
    ['confirm_email', { token: nul }, undefined, 'token'],
    ['request_password_reset', { email: `a${'\u0000'}@example.org` }, undefined, 'email'],
    ['book_session', { with: String(ctx.with), starts: '1', location: 'room', agenda: nul }, ctx.mentee, 'agenda'],
    ['book_session', { with: String(ctx.with), starts: '1', location: 'room', agenda: 'bell \u0007' }, ctx.mentee, 'agenda'],
    ['cancel_session', { id: '1', reason: 'escape \u001b[31m' }, ctx.mentee, 'reason'],
    ['save_support_routes', { routes: nul }, ctx.coordinator, 'routes'],
    ['record_accreditation_elsewhere', { email: DEMO.mentee.email, completed_on: '2025-01-01', evidence: nul }, ctx.coordinator, 'evidence'],
    ['search_directory', { search: nul }, ctx.mentee, 'search'],
    ['load_resources', { text: nul, category: '' }, ctx.mentee, 'text'],
    ['verify_certificate', { code: nul }, undefined, 'code'],
  ];
  for (const [fn, fields, cookie, field] of cases) {
    const res = await storesNothing(() => call(ctx.url, fn, fields, { cookie }));
    assert.equal(res.status, 422, `${fn}.${field}: ${res.status} ${res.text}`);
    assert.deepEqual(fieldsOf(res), [`${field}: ${TEXT_MESSAGE}`], fn);
  }
});

test('a line break in a name or another one-line field is 422, and nothing is stored or emailed', async () => {
  const email = uniqueEmail('crlf');
  const register = await storesNothing(() => call(ctx.url, 'register',
    { display_name: 'Pat\r\nBcc: everyone@example.org', email, password: GOOD_PASSWORD }));
  assert.equal(register.status, 422, register.text);
  assert.deepEqual(fieldsOf(register), [`display_name: ${LINE_MESSAGE}`]);
  assert.equal(await ctx.db.sql(`SELECT COUNT(*) FROM outbox WHERE to_address = '${email}'`), '0');

  const profile = await storesNothing(() => call(ctx.url, 'save_profile', {
    display_name: 'Tom\nBcc: x@example.org', pronouns: '', profession: '', grade: '', specialty: '', sector: '',
    organisation: '', area: '', languages: '', bio: 'Two\nlines are fine here.', capacity: '2',
  }, { cookie: ctx.mentor }));
  assert.equal(profile.status, 422, profile.text);
  assert.deepEqual(fieldsOf(profile), [`display_name: ${LINE_MESSAGE}`]);

  const run = await storesNothing(() => call(ctx.url, 'save_course_run', {
    id: '0', kind: 'foundation', title: 'Mentoring\r\nskills', venue: '', online_link: '', area: '',
    facilitators: '', capacity: '10', register_by: '',
  }, { cookie: ctx.coordinator }));
  assert.equal(run.status, 422, run.text);
  assert.deepEqual(fieldsOf(run), [`title: ${LINE_MESSAGE}`]);
});

test('multi-line fields keep their line breaks and tabs', async () => {
  const routes = 'Samaritans: call 116 123\r\nNHS 111:\tfree, day or night';
  const res = await call(ctx.url, 'save_support_routes', { routes }, { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  const back = await call(ctx.url, 'load_support_routes', {}, { cookie: ctx.coordinator });
  assert.match(back.json, /116 123\r?\nNHS 111:\tfree/);
});

test('none of this logged an error or a panic', () => {
  const bad = ctx.server.logs().split('\n').filter((line) => /\bERROR\b|panicked/.test(line));
  assert.deepEqual(bad, []);
});
