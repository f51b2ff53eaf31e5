// When the database fails, people see one plain sentence and nothing of
// the SQL, tables or driver; the details go to the server log under the
// request's id so an operator can find them. We break the database under
// a running server by renaming the users table, make a few requests, and
// put it back; the tests below then look at what came back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, DEMO, GENERIC_ERROR } from '../support/client.mjs';
import { sleep } from '../support/server.mjs';

// Anything that would tell an attacker about the schema or the stack.
const LEAKS = /\busers\b|users_gone|relation|no such table|sqlx|sqlite|postgres|\bSQL\b|syntax|database error|stack/i;
// What each engine says about the missing table, expected in the server log.
const DB_MESSAGE = /relation "users" does not exist|no such table: users/;

const seen = {};
const ctx = serverForFile(import.meta.url, {
  async setup(ctx) {
    const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
    await ctx.db.sql('ALTER TABLE users RENAME TO users_gone');
    try {
      seen.fn = await call(ctx.url, 'sign_in', { email: DEMO.mentor.email, password: DEMO.mentor.password });
      seen.coordinatorPage = await getPage('/coordinator', ctx.coordinator);
      seen.accountPage = await getPage('/account', mentee);
    } finally {
      await ctx.db.sql('ALTER TABLE users_gone RENAME TO users');
    }
    await sleep(300); // let the log catch up
  },
});

async function getPage(path, session) {
  const res = await fetch(`${ctx.url}${path}`, { headers: { cookie: `mw_session=${session}` } });
  return { status: res.status, text: await res.text(), id: res.headers.get('x-request-id') };
}

const logLines = () => ctx.server.logs().split('\n');

test('a server function answers 500 "Internal" and nothing about the database', () => {
  const { fn } = seen;
  assert.equal(fn.status, 500, fn.text);
  assert.equal(fn.json, 'Internal', fn.text);
  assert.doesNotMatch(fn.text, LEAKS);
  assert.equal(fn.session, undefined);
});

test("the server function's database error is logged under its request id", () => {
  const id = seen.fn.headers.get('x-request-id');
  assert.ok(id, 'the failed response has an x-request-id');
  const line = logLines().find((l) => l.includes(id) && DB_MESSAGE.test(l));
  assert.ok(line, `a log line with ${id} and the database error`);
  assert.match(line, /ERROR/);
});

test('a page that needs the database shows the generic sentence with status 500', () => {
  const page = seen.coordinatorPage;
  assert.equal(page.status, 500);
  assert.ok(page.text.includes(GENERIC_ERROR), 'the page says "Something went wrong on our side…"');
  const visibleText = page.text.replace(/<script[\s\S]*?<\/script>/g, '');
  assert.doesNotMatch(visibleText, LEAKS);
  assert.doesNotMatch(page.text, DB_MESSAGE, 'not even in the hydration data');
});

test("the page's database error is logged under the page request's id", () => {
  const { id } = seen.coordinatorPage;
  assert.ok(id);
  const dbErrors = logLines().filter((l) => DB_MESSAGE.test(l));
  assert.ok(
    dbErrors.some((l) => l.includes(id)),
    `expected a database error logged with request id ${id}; database errors logged:\n${dbErrors.join('\n')}`,
  );
});

test('a signed-in person is not told to sign in when it is the database that failed', () => {
  const page = seen.accountPage;
  assert.equal(page.status, 500, `GET /account answered ${page.status}`);
  assert.ok(page.text.includes(GENERIC_ERROR));
  assert.doesNotMatch(page.text, LEAKS);
});

test('the server recovers by itself once the database is right again', async () => {
  const res = await call(ctx.url, 'sign_in', { email: DEMO.mentor.email, password: DEMO.mentor.password });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.session);
  assert.equal((await getPage('/coordinator', ctx.coordinator)).status, 200);
  assert.equal((await fetch(`${ctx.url}/readyz`)).status, 200);
});
