// Closing and deactivating accounts, and the audit trail, over HTTP: a
// person asks to close their account and a coordinator confirms it, after
// which they cannot sign in; a deactivated mentor is signed out at once
// and leaves the directory; coordinators search the trail by person and
// date and see a failed sign-in and an export; nobody else may read it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, currentUser, confirmedAccount, uniqueEmail, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

const today = () => new Date().toISOString().slice(0, 10);

async function auditSearch(cookie, person, from = today(), to = today()) {
  const query = new URLSearchParams({ person, from, to, page: '0' });
  const res = await fetch(`${ctx.url}/api/load_audit?${query}`, { headers: { cookie: `mw_session=${cookie}` } });
  return { status: res.status, json: res.status === 200 ? await res.json() : undefined };
}

test('a person asks to close their account, a coordinator confirms, and they can no longer sign in', async () => {
  const name = `Closing ${Date.now().toString(36)}`;
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator, { email: uniqueEmail('closing'), name });
  const session = await signIn(ctx.url, email, password);
  const asked = await call(ctx.url, 'ask_to_close_account', { close: 'yes' }, { cookie: session });
  assert.equal(asked.status, 200, asked.text);
  assert.match(asked.json, /asked to close your account/);

  const desk = await call(ctx.url, 'load_accounts_desk', {}, { cookie: ctx.coordinator });
  assert.equal(desk.status, 200, desk.text);
  const waiting = desk.json.closures.find((c) => c.email === email);
  assert.ok(waiting, `the closure waits for a coordinator: ${desk.text}`);

  // Only a coordinator confirms.
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const refused = await call(ctx.url, 'confirm_account_closure', { user_id: String(waiting.id) }, { cookie: mentee });
  assert.equal(refused.status, 403, refused.text);

  const confirmed = await call(ctx.url, 'confirm_account_closure', { user_id: String(waiting.id) }, { cookie: ctx.coordinator });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(await currentUser(ctx.url, session), null, 'signed out everywhere');
  const again = await call(ctx.url, 'sign_in', { email, password });
  assert.equal(again.session, undefined, `no sign-in after closing: ${again.status} ${again.text}`);
  assert.ok(again.json?.Refused, again.text);

  // Nothing of them is left to find, and the trail shows "erased user #N".
  const after = await call(ctx.url, 'load_accounts_desk', {}, { cookie: ctx.coordinator });
  assert.ok(!after.text.includes(email) && !after.text.includes(name), after.text);
  const byName = await auditSearch(ctx.coordinator, name);
  assert.equal(byName.json.total, 0, 'the old name finds nothing');
  const erased = await auditSearch(ctx.coordinator, `erased user #${waiting.id}`);
  assert.ok(erased.json.rows.some((r) => r.action === 'Account erased'), JSON.stringify(erased.json));
  assert.ok(erased.json.rows.some((r) => r.action === 'Sign-in' && r.outcome === 'ok'), 'their sign-in is still there');
});

test('a coordinator deactivates a mentor, who is signed out at once and vanishes from the directory', async () => {
  const mentor = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const listed = async () => (await call(ctx.url, 'search_directory', { search: 'q=okafor' }, { cookie: mentee })).text.includes('Tom Okafor');
  assert.ok(await listed(), 'listed to begin with');
  assert.equal((await currentUser(ctx.url, mentor))?.email, DEMO.mentor.email);

  const off = await call(ctx.url, 'set_account_active', { email: DEMO.mentor.email, active: '0' }, { cookie: ctx.coordinator });
  assert.equal(off.status, 200, off.text);
  assert.equal(await currentUser(ctx.url, mentor), null, 'signed out at once');
  assert.ok(!(await listed()), 'no longer in the directory');
  const signIn2 = await call(ctx.url, 'sign_in', { email: DEMO.mentor.email, password: DEMO.mentor.password });
  assert.equal(signIn2.session, undefined);
  assert.match(signIn2.json?.Refused ?? '', /deactivated/, signIn2.text);

  // A mentor cannot deactivate anyone.
  const byMentee = await call(ctx.url, 'set_account_active', { email: DEMO.mentor.email, active: '1' }, { cookie: mentee });
  assert.equal(byMentee.status, 403, byMentee.text);

  const on = await call(ctx.url, 'set_account_active', { email: DEMO.mentor.email, active: '1' }, { cookie: ctx.coordinator });
  assert.equal(on.status, 200, on.text);
  assert.ok(await listed(), 'listed again once reactivated');
  await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
});

test('coordinators search the audit trail by person and date and see a failed sign-in and an export', async () => {
  const name = `Audited ${Date.now().toString(36)}`;
  const { email, password } = await confirmedAccount(ctx.url, ctx.coordinator, { email: uniqueEmail('audited'), name });
  const wrong = await call(ctx.url, 'sign_in', { email, password: 'not the password at all' });
  assert.equal(wrong.session, undefined);
  const session = await signIn(ctx.url, email, password);
  const exported = await fetch(`${ctx.url}/api/export_my_data`, { headers: { cookie: `mw_session=${session}` } });
  assert.equal(exported.status, 200);
  await exported.text();

  for (const person of [email, name.toLowerCase()]) {
    const found = await auditSearch(ctx.coordinator, person);
    assert.equal(found.status, 200);
    const rows = found.json.rows;
    assert.ok(rows.some((r) => r.action === 'Sign-in' && r.outcome === 'wrong-password'), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.action === 'Personal data exported' && r.outcome === 'ok'), JSON.stringify(rows));
    assert.ok(rows.every((r) => r.actor.includes(name) || r.subject.includes(name)), 'only events about this person');
    assert.ok(!JSON.stringify(rows).includes(password), 'no content: the password typed is not there');
  }
  // Yesterday holds none of it.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  assert.equal((await auditSearch(ctx.coordinator, email, yesterday, yesterday)).json.total, 0);

  // The page itself, rendered on the server, shows the same.
  const query = new URLSearchParams({ person: email, from: today(), to: today() });
  const page = await fetch(`${ctx.url}/coordinator/audit?${query}`, { headers: { cookie: `mw_session=${ctx.coordinator}` } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(html.includes('wrong-password') && html.includes('Personal data exported'), 'the page lists them');
});

test('nobody but a coordinator may read the audit trail', async () => {
  const mentor = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const page = await fetch(`${ctx.url}/coordinator/audit`, { headers: { cookie: `mw_session=${mentor}` } });
  assert.equal(page.status, 403);
  await page.text();
  assert.equal((await auditSearch(mentor, '')).status, 403);
  const anonymous = await fetch(`${ctx.url}/coordinator/audit`);
  assert.equal(anonymous.status, 401);
  await anonymous.text();
  // The refusal itself is recorded.
  const refusals = await auditSearch(ctx.coordinator, DEMO.mentor.email);
  assert.ok(refusals.json.rows.some((r) => r.action === 'Access refused' && r.outcome === 'refused'), JSON.stringify(refusals.json));
});
