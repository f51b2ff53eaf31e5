// The directory's server functions over HTTP: who may search and edit,
// bad input in the address and in the profile form, text rendered as
// text, and no contact details of a mentor anywhere.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, DEMO } from '../support/client.mjs';

const ctx = serverForFile(import.meta.url);

const profile = {
  display_name: 'Tom Okafor',
  pronouns: 'he/him',
  profession: 'doctor',
  grade: 'GP partner',
  specialty: 'General practice',
  sector: 'primary-care',
  organisation: 'Nottingham City general practice',
  area: 'nottingham',
  'topics[]': 'stress',
  'modes[]': 'video',
  'forms[]': 'one-to-one',
  'models[]': 'skilled-helper',
  languages: 'English',
  bio: 'GP for eighteen years.',
  capacity: '3',
  intent: 'submit',
};

test('searching needs a signed-in member of staff', async () => {
  const res = await call(ctx.url, 'search_directory', { search: '' });
  assert.equal(res.status, 401);
  const page = await fetch(`${ctx.url}/directory`);
  assert.equal(page.status, 401);
});

test('unknown filters and page numbers in the address are ignored with a notice, never an error', async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const res = await call(ctx.url, 'search_directory', { search: 'topic=astrology&area=leicestershire&page=9999&sort=%3Cscript%3E' }, { cookie: mentee });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.total > 0);
  assert.deepEqual(res.json.query.areas, ['Leicestershire']);
  assert.equal(res.json.page, res.json.pages);
  assert.equal(res.json.notices.length, 3, JSON.stringify(res.json.notices));
  const page = await fetch(`${ctx.url}/directory?topic=%3Cscript%3Ealert(1)%3C/script%3E`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(!html.includes('<script>alert(1)'), 'the bad value is not echoed as HTML');
  assert.match(html, /We ignored the topic/);
});

test('only mentors edit profiles and only coordinators approve them', async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  assert.equal((await call(ctx.url, 'save_profile', profile, { cookie: mentee })).status, 403);
  assert.equal((await call(ctx.url, 'load_review_queue', {}, { cookie: mentee })).status, 403);
  assert.equal((await call(ctx.url, 'approve_profile', { mentor_id: '1' }, { cookie: mentee })).status, 403);
});

test('bad profile input is refused beside its field and the draft keeps what was typed', async () => {
  const mentor = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const longBio = 'A'.repeat(2500);
  const res = await call(ctx.url, 'save_profile', { ...profile, bio: longBio, profession: 'wizard', 'topics[]': 'astrology', capacity: 'lots' }, { cookie: mentor });
  assert.equal(res.status, 422, res.text);
  const fields = res.json.Invalid.map((e) => e.field).sort();
  assert.deepEqual(fields, ['bio', 'capacity', 'profession', 'topics']);
  const mine = await call(ctx.url, 'load_my_profile', {}, { cookie: mentor });
  assert.equal(mine.json.editing.bio, longBio, 'nothing typed is lost');
  assert.equal(mine.json.draft.state, 'Editing', 'an invalid draft is not sent for approval');
});

test('a bio with HTML is shown as text, and a mentor page never shows an email address', async () => {
  const mentor = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const bio = 'I like <img src=x onerror="alert(1)"> and <script>alert(2)</script>.';
  const saved = await call(ctx.url, 'save_profile', { ...profile, bio }, { cookie: mentor });
  assert.equal(saved.status, 200, saved.text);
  const queue = await call(ctx.url, 'load_review_queue', {}, { cookie: ctx.coordinator });
  const item = queue.json.find((i) => i.draft.fields.bio === bio);
  assert.ok(item, 'the draft is waiting for approval');
  const approved = await call(ctx.url, 'approve_profile', { mentor_id: String(item.draft.user_id) }, { cookie: ctx.coordinator });
  assert.equal(approved.status, 200, approved.text);
  const again = await call(ctx.url, 'approve_profile', { mentor_id: String(item.draft.user_id) }, { cookie: ctx.coordinator });
  assert.equal(again.status, 400, 'approving twice is refused clearly');
  assert.match(again.json.Refused, /no longer waiting/);

  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const page = await fetch(`${ctx.url}/directory/${item.draft.user_id}`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.ok(!html.includes('<img src=x'), 'no live image tag');
  assert.ok(!html.includes('<script>alert(2)'), 'no live script');
  assert.ok(html.includes('&lt;img src=x'), 'the bio is shown as typed');
  assert.ok(!html.includes(DEMO.mentor.email), 'no email address on the mentor page');
  const search = await call(ctx.url, 'search_directory', { search: 'q=okafor' }, { cookie: mentee });
  assert.ok(!search.text.includes('@'), 'no email address in search results');
});

test('a mentor page that does not exist is not found', async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const res = await call(ctx.url, 'load_mentor', { user_id: '999999' }, { cookie: mentee });
  assert.equal(res.status, 404);
  const page = await fetch(`${ctx.url}/directory/999999`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(page.status, 404);
});

test("a mentor's own page offers to edit the listing, never to ask for themselves", async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const tom = await signIn(ctx.url, DEMO.mentor.email, DEMO.mentor.password);
  const found = await call(ctx.url, 'search_directory', { search: 'q=okafor' }, { cookie: mentee });
  const card = found.json.cards.find((c) => c.name === 'Tom Okafor');
  assert.ok(card, found.text);
  // Room for one more, so the only reason not to offer him is who is looking.
  await ctx.db.sql(`UPDATE mentor_profiles SET capacity = 10, accepting = 1 WHERE user_id = ${card.user_id}`);
  const page = async (cookie) => (await fetch(`${ctx.url}/directory/${card.user_id}`, { headers: { cookie: `mw_session=${cookie}` } })).text();
  const asStaff = await page(mentee);
  assert.ok(asStaff.includes('Ask for Tom Okafor'), 'staff can ask for Tom');
  assert.ok(!asStaff.includes('Edit your mentor profile'));
  const asTom = await page(tom);
  assert.ok(asTom.includes('Tom Okafor'), 'Tom sees his page');
  assert.ok(!asTom.includes('Ask for Tom Okafor'), 'Tom is not offered himself');
  assert.ok(asTom.includes('href="/profile"') && asTom.includes('Edit your mentor profile'), 'Tom is offered his profile');
});
