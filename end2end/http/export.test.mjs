// Subject access over HTTP: a person downloads everything held about
// them, as a file (JSON) and as a page. It holds what they wrote (their
// request, goals, notes, sessions) and nothing private to anyone else
// (the other person's notes, a password hash, tokens); its rows match the
// database's rows about them; nobody signed out gets anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call } from '../support/client.mjs';
import { twoSessions, hold } from '../support/pairs.mjs';

const ctx = serverForFile(import.meta.url);

test('a person downloads everything held about them and nothing private to anyone else', async () => {
  const { id, tom, mentee, first } = await twoSessions(ctx, 'Export mentee');
  const stamp = Date.now().toString(36);
  const [hers, his, goal, action] = [`HER-${stamp}`, `HIS-${stamp}`, `GOAL-${stamp}`, `ACTION-${stamp}`];
  await hold(ctx, first, tom);
  const note = (parts, cookie) => call(ctx.url, 'save_session_notes',
    { id: String(id), session: String(first), model: 'free', 'parts[notes]': parts }, { cookie });
  assert.equal((await note(hers, mentee.session)).status, 200);
  assert.equal((await note(his, tom)).status, 200);
  assert.equal((await call(ctx.url, 'add_goal', { id: String(id), goal }, { cookie: mentee.session })).status, 200);
  assert.equal((await call(ctx.url, 'add_session_action', { id: String(id), session: String(first), action }, { cookie: tom })).status, 200);

  const res = await fetch(`${ctx.url}/api/export_my_data`, { headers: { cookie: `mw_session=${mentee.session}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="mentorwell-my-data.json"/);
  const text = await res.text();
  const data = JSON.parse(text);
  const section = (title) => {
    const found = data.sections.find((s) => s.title === title);
    assert.ok(found, `a section "${title}"`);
    return found.rows.map((row) => Object.fromEntries(row));
  };
  // What she wrote, and what is shared with her, is there.
  for (const mine of [hers, goal, action, 'Finding my feet', mentee.email]) assert.ok(text.includes(mine), `${mine} in her export`);
  // Nothing private to anyone else, and no secrets.
  for (const other of [his, 'password_hash', 'token_hash', 'id_hash']) assert.ok(!text.includes(other), `${other} in her export`);
  const password = await ctx.db.sql(`SELECT password_hash FROM users WHERE id = ${mentee.id}`);
  assert.ok(!text.includes(password), 'no password hash');

  // Row for row what the database holds about her.
  const count = async (sql) => Number(await ctx.db.sql(sql));
  assert.equal(section('Your sessions').length, await count(`SELECT COUNT(*) FROM mentoring_sessions WHERE mentee_id = ${mentee.id}`));
  assert.equal(section('Your mentoring relationships').length, await count(`SELECT COUNT(*) FROM relationships WHERE mentee_id = ${mentee.id}`));
  assert.equal(section('Your requests for a mentor').length, await count(`SELECT COUNT(*) FROM mentoring_requests WHERE mentee_id = ${mentee.id}`));
  assert.equal(section('Your private session notes').length, 1);
  assert.equal(section('Times you were signed in').length, await count(`SELECT COUNT(*) FROM sessions WHERE user_id = ${mentee.id}`));
  assert.equal(section('Emails sent to you').length, await count(`SELECT COUNT(*) FROM outbox WHERE to_address = '${mentee.email}'`));
  assert.equal(section('Your account')[0].email, mentee.email);
  assert.equal(section('Your mentoring relationships')[0].your_role, 'mentee');
  assert.match(section('Your account')[0].created_at, /UTC$/, 'instants are written as dates');

  // Tom's has his notes and not hers.
  const his_export = await (await fetch(`${ctx.url}/api/export_my_data`, { headers: { cookie: `mw_session=${tom}` } })).text();
  assert.ok(his_export.includes(his) && !his_export.includes(hers) && !his_export.includes(goal));

  // The readable page says the same.
  const page = await (await fetch(`${ctx.url}/account/my-data`, { headers: { cookie: `mw_session=${mentee.session}` } })).text();
  assert.match(page, /What we hold about you/);
  assert.ok(page.includes(hers) && !page.includes(his));

  // Signed out: nothing.
  assert.equal((await fetch(`${ctx.url}/api/export_my_data`)).status, 401);
});
