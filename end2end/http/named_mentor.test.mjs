// A request may name only a mentor listed in the directory. The request
// page shows the named mentor's name, so accepting any user id would let
// any signed-in person look up anyone's name by number.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, confirmedAccount, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

async function userId(email) {
  return Number(await ctx.db.sql(`SELECT id FROM users WHERE email = '${email}'`));
}

function draft(namedMentor) {
  return [['goal', 'Settle into a new ward'], ['topics[]', 'stress'], ['organisation', ''], ['named_mentor', String(namedMentor)], ['intent', 'save']];
}

test('naming someone who is not a listed mentor is refused by the field and reveals no name', async () => {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: 'Nosy Parker' });
  const session = await signIn(ctx.url, account.email, account.password);
  const me = await userId(account.email);
  const coordinator = await userId(DEMO.coordinator.email);
  for (const target of [coordinator, me, 999_999]) {
    const saved = await call(ctx.url, 'save_request', draft(target), { cookie: session });
    assert.equal(saved.status, 422, saved.text);
    assert.deepEqual(saved.json.Invalid.map((e) => e.field), ['named_mentor']);
    assert.match(saved.json.Invalid[0].message, /not in the directory/);
    const stored = await ctx.db.sql(`SELECT COALESCE(named_mentor_id, 0) FROM mentoring_requests WHERE mentee_id = ${me}`);
    assert.equal(stored, '0', `user ${target} is not stored as the named mentor`);
    const mine = await call(ctx.url, 'load_my_request', {}, { cookie: session });
    assert.equal(mine.status, 200, mine.text);
    assert.doesNotMatch(mine.text, /Helen Marsh/, 'the coordinator\'s name is not shown');
  }
});

test('a listed mentor can be named, and their name is shown', async () => {
  const account = await confirmedAccount(ctx.url, ctx.coordinator, { name: 'Fair Asker' });
  const session = await signIn(ctx.url, account.email, account.password);
  const tom = await userId(DEMO.mentor.email);
  const saved = await call(ctx.url, 'save_request', draft(tom), { cookie: session });
  assert.equal(saved.status, 200, saved.text);
  const mine = await call(ctx.url, 'load_my_request', {}, { cookie: session });
  assert.match(mine.text, /Tom Okafor/);
});
