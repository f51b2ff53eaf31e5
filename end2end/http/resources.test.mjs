// The resources library over HTTP: anyone reads what is for everyone;
// a mentors-only article is refused to a signed-out visitor (401) and to
// a mentee (403) without its text; search; saving for later; Markdown
// that tries to carry script renders inert.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);
const MENTORS_ONLY = 'ending-a-mentoring-relationship-well';

test('the library is open to everyone, mentors-only articles are not', async () => {
  const list = await call(ctx.url, 'load_resources', { text: '', category: '' });
  assert.equal(list.status, 200, list.text);
  const slugs = list.json.results.map((c) => c.slug);
  assert.ok(slugs.includes('where-to-get-urgent-support'));
  assert.ok(!slugs.includes(MENTORS_ONLY), 'a guest does not see mentors-only resources listed');

  const guest = await fetch(`${ctx.url}/resources/${MENTORS_ONLY}`);
  assert.equal(guest.status, 401);
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const refused = await fetch(`${ctx.url}/resources/${MENTORS_ONLY}`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(refused.status, 403);
  const body = await refused.text();
  assert.ok(!body.includes('## '), 'no article text');
  const mentor = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const allowed = await call(ctx.url, 'load_resource', { slug: MENTORS_ONLY }, { cookie: mentor });
  assert.equal(allowed.status, 200, allowed.text);
  assert.match(allowed.json.html, /<h2>/);
  const open = await fetch(`${ctx.url}/resources/where-to-get-urgent-support`);
  assert.equal(open.status, 200);
  assert.match(await open.text(), /Samaritans on 116 123/);
});

test('search and categories narrow the list', async () => {
  const grow = await call(ctx.url, 'load_resources', { text: 'grow', category: '' });
  assert.ok(grow.json.results.some((c) => c.slug === 'grow-questions'));
  const none = await call(ctx.url, 'load_resources', { text: 'zzqqxx', category: '' });
  assert.deepEqual(none.json.results, []);
  const wildcard = await call(ctx.url, 'load_resources', { text: '%', category: '' });
  assert.equal(wildcard.status, 200);
  const cat = await call(ctx.url, 'load_resources', { text: '', category: 'skilled-helper' });
  assert.deepEqual(cat.json.results.map((c) => c.slug), ['the-skilled-helper-on-one-page']);
});

test('saving for later is per person', async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const saved = await call(ctx.url, 'save_resource', { slug: 'grow-questions', save: '1' }, { cookie: mentee });
  assert.equal(saved.status, 200, saved.text);
  const mine = await call(ctx.url, 'load_resources', { text: '', category: '' }, { cookie: mentee });
  assert.deepEqual(mine.json.saved.map((c) => c.slug), ['grow-questions']);
  const other = await call(ctx.url, 'load_resources', { text: '', category: '' }, { cookie: ctx.coordinator });
  assert.deepEqual(other.json.saved, []);
  const guest = await call(ctx.url, 'save_resource', { slug: 'grow-questions', save: '1' });
  assert.equal(guest.status, 401);
  const mentorsOnly = await call(ctx.url, 'save_resource', { slug: MENTORS_ONLY, save: '1' }, { cookie: mentee });
  assert.equal(mentorsOnly.status, 403);
  await call(ctx.url, 'save_resource', { slug: 'grow-questions', save: '0' }, { cookie: mentee });
  const after = await call(ctx.url, 'load_resources', { text: '', category: '' }, { cookie: mentee });
  assert.deepEqual(after.json.saved, []);
});

test('Markdown that tries to carry script is shown inert on the page', async () => {
  const body = '<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))';
  const escaped = body.replace(/'/g, "''");
  await ctx.db.sql(`INSERT INTO resources (slug, title, summary, body, category, audience, featured, published, updated_at)
    VALUES ('xss-check', 'XSS check', 'A test.', '${escaped}', 'grow', 'everyone', 0, 1, 0)`);
  const page = await fetch(`${ctx.url}/resources/xss-check`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(!html.includes('<script>alert(1)'), 'no script tag');
  assert.ok(!html.includes('<img src=x'), 'no image with a handler');
  assert.ok(!/href="javascript:/i.test(html), 'no javascript: link');
  assert.match(html, /&lt;script&gt;alert\(1\)/);
});
