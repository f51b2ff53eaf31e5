// The coordinators' resource editor over HTTP: only coordinators edit;
// bad input is refused by field and stores nothing (an empty title,
// script or event handlers in the Markdown, broken links); a resource is
// created, edited, unpublished (gone for readers) with every change in
// its history; files are checked for size, type and content, and are
// served only to the resource's audience.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverForFile } from '../support/fixture.mjs';
import { call, signIn, DEMO } from '../support/client.mjs';

// 64 KB, so a file over the limit is quick to send.
const ctx = serverForFile(import.meta.url, { env: { MENTORWELL_UPLOAD_MAX_KB: '64' } });

const GOOD = {
  slug: '',
  version: '0',
  title: 'Night shift check-ins',
  summary: 'Five minutes with your mentor at the end of a night.',
  kind: 'article',
  body: '## Why\n\nBecause nights are long. See [GROW](/resources/grow-questions).',
  link_url: '',
  category: 'wellbeing-and-support',
  audience: 'staff',
  tags: 'Nights, sleep',
  published: 'yes',
};

async function resourceCount() {
  const list = await call(ctx.url, 'load_managed_resources', {}, { cookie: ctx.coordinator });
  assert.equal(list.status, 200, list.text);
  return list.json.length;
}

async function editor(slug) {
  const res = await call(ctx.url, 'load_resource_editor', { slug }, { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function create(fields) {
  const res = await call(ctx.url, 'save_resource_edit', { ...GOOD, ...fields }, { cookie: ctx.coordinator });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

/** The outcome an upload carried back to the editor in its flash cookie. */
function flashOf(res) {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('mw_form='));
  const hex = /^mw_form=([0-9a-f]*)/.exec(cookie)[1];
  return JSON.parse(Buffer.from(hex, 'hex').toString('utf8'));
}

async function upload(slug, name, bytes, cookie = ctx.coordinator) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return fetch(`${ctx.url}/coordinator/resources/${slug}/file`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: `mw_session=${cookie}` },
    body: form,
  });
}

test('only coordinators may edit', async () => {
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  for (const [fn, fields] of [['load_managed_resources', {}], ['load_resource_editor', { slug: '' }], ['save_resource_edit', GOOD], ['preview_resource', { slug: '', body: 'x' }]]) {
    assert.equal((await call(ctx.url, fn, fields, { cookie: mentee })).status, 403, fn);
    assert.equal((await call(ctx.url, fn, fields)).status, 401, fn);
  }
  const page = await fetch(`${ctx.url}/coordinator/resources/new`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(page.status, 403);
});

test('bad input is refused by field and nothing is stored', async () => {
  const before = await resourceCount();
  const cases = [
    [{ title: '  ' }, 'title', /Enter a title/],
    [{ body: 'Hello\n\n<script>alert(1)</script>' }, 'body', /^Line 3: a script \(<script>\) is not allowed/],
    [{ body: 'A picture <img src=x onerror=alert(1)>' }, 'body', /event handler/],
    [{ body: 'Click [here](javascript:alert(1))' }, 'body', /is not allowed/],
    [{ body: 'See [the guide][guide].' }, 'body', /the link \[guide\] has no address/],
    [{ body: 'See [this](/resources/no-such-thing).' }, 'body', /is not a resource in the library/],
    [{ kind: 'link', body: '' }, 'link_url', /Enter the address/],
    [{ kind: 'link', link_url: 'javascript:alert(1)' }, 'link_url', /complete web address/],
    [{ category: 'astrology' }, 'category', /Choose a topic/],
  ];
  for (const [fields, field, message] of cases) {
    const res = await call(ctx.url, 'save_resource_edit', { ...GOOD, ...fields }, { cookie: ctx.coordinator });
    assert.equal(res.status, 422, `${JSON.stringify(fields)}: ${res.text}`);
    assert.equal(res.json.Invalid[0].field, field, JSON.stringify(fields));
    assert.match(res.json.Invalid[0].message, message);
  }
  assert.equal(await resourceCount(), before, 'nothing was stored');
  const preview = await call(ctx.url, 'preview_resource', { slug: '', body: '<img src=x onerror=alert(1)> **hi**' }, { cookie: ctx.coordinator });
  assert.equal(preview.status, 200, preview.text);
  assert.ok(!preview.json.html.includes('<img'), 'the preview is inert');
  assert.match(preview.json.html, /<strong>hi<\/strong>/);
  assert.equal(preview.json.problems.length, 1);
});

test('create, edit, unpublish: readers follow, history records each change', async () => {
  const slug = await create({});
  assert.equal(slug, 'night-shift-check-ins');
  assert.equal(await create({}), 'night-shift-check-ins-2', 'the same title gets its own address');
  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  const asMentee = (path) => fetch(`${ctx.url}${path}`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal((await asMentee(`/resources/${slug}`)).status, 200);
  assert.equal((await fetch(`${ctx.url}/resources/${slug}`)).status, 401, 'staff only');
  const searched = await call(ctx.url, 'load_resources', { text: 'sleep', category: '' }, { cookie: mentee });
  assert.ok(searched.json.results.some((c) => c.slug === slug), 'found by its tag');

  const opened = await editor(slug);
  assert.equal(opened.fields.tags, 'nights, sleep');
  const edit = { ...GOOD, slug, version: String(opened.version), title: 'Check-ins after a night shift' };
  const saved = await call(ctx.url, 'save_resource_edit', edit, { cookie: ctx.coordinator });
  assert.equal(saved.status, 200, saved.text);
  const stale = await call(ctx.url, 'save_resource_edit', { ...edit, title: 'Someone else' }, { cookie: ctx.coordinator });
  assert.equal(stale.status, 400, 'an edit from an old version is refused');
  assert.match(stale.json.Refused, /Someone else saved a change/);

  const latest = await editor(slug);
  const off = await call(ctx.url, 'save_resource_edit', { ...edit, version: String(latest.version), published: 'no' }, { cookie: ctx.coordinator });
  assert.equal(off.status, 200, off.text);
  assert.equal((await asMentee(`/resources/${slug}`)).status, 404, 'unpublished is gone for readers');
  const list = await call(ctx.url, 'load_resources', { text: '', category: '' }, { cookie: mentee });
  assert.ok(!list.json.results.some((c) => c.slug === slug));

  const history = await call(ctx.url, 'load_resource_history', { slug }, { cookie: ctx.coordinator });
  assert.equal(history.status, 200, history.text);
  const [title, entries] = history.json;
  assert.equal(title, 'Check-ins after a night shift');
  assert.deepEqual(entries.map((e) => e.what), ['Unpublished it', 'Changed the title', 'Created and published']);
  assert.ok(entries.every((e) => e.who === 'Helen Marsh'), JSON.stringify(entries));
  const refused = await call(ctx.url, 'load_resource_history', { slug }, { cookie: mentee });
  assert.equal(refused.status, 403);
});

test('files: size, type and content are checked; readers in the audience download', async () => {
  const slug = await create({ title: 'Session record sheet', kind: 'file', body: '', published: 'no', audience: 'staff' });
  const publishEarly = await call(ctx.url, 'save_resource_edit', { ...GOOD, slug, version: String((await editor(slug)).version), title: 'Session record sheet', kind: 'file', body: '' }, { cookie: ctx.coordinator });
  assert.equal(publishEarly.status, 422);
  assert.equal(publishEarly.json.Invalid[0].field, 'published', 'no publishing before the file is there');

  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 7)]);
  const cases = [
    ['big.pdf', Buffer.concat([pdf, Buffer.alloc(70 * 1024)]), /too big/],
    ['page.html', Buffer.from('<script>alert(1)</script>'), /must be a PDF, Word/],
    ['notes.pdf', Buffer.from('<html><script>alert(1)</script></html>'), /named as a PDF but its content is not one/],
    ['empty.pdf', Buffer.alloc(0), /is empty/],
  ];
  for (const [name, bytes, message] of cases) {
    const res = await upload(slug, name, bytes);
    assert.equal(res.status, 303, name);
    assert.equal(res.headers.get('location'), `/coordinator/resources/${slug}/edit`);
    const flash = flashOf(res);
    assert.equal(flash.error.Invalid[0].field, 'file', name);
    assert.match(flash.error.Invalid[0].message, message, name);
  }
  assert.equal((await editor(slug)).file, null, 'no bad file was kept');

  const mentee = await signIn(ctx.url, DEMO.mentee.email, DEMO.mentee.password);
  assert.equal((await upload(slug, 'sheet.pdf', pdf, mentee)).status, 403, 'only coordinators upload');
  const good = await upload(slug, '../../My sheet.pdf', pdf);
  assert.equal(good.status, 303);
  assert.match(flashOf(good).notice, /^Uploaded My sheet\.pdf \(2 KB\)\.$/);
  const file = (await editor(slug)).file;
  assert.deepEqual(file, { name: 'My sheet.pdf', type_label: 'PDF', size_label: '2 KB' });

  const published = await call(ctx.url, 'save_resource_edit', { ...GOOD, slug, version: String((await editor(slug)).version), title: 'Session record sheet', kind: 'file', body: '' }, { cookie: ctx.coordinator });
  assert.equal(published.status, 200, published.text);
  const download = await fetch(`${ctx.url}/resources/${slug}/file`, { headers: { cookie: `mw_session=${mentee}` } });
  assert.equal(download.status, 200);
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.equal(download.headers.get('content-disposition'), 'attachment; filename="My sheet.pdf"');
  assert.match(download.headers.get('content-security-policy'), /sandbox/);
  assert.ok(Buffer.from(await download.arrayBuffer()).equals(pdf), 'the same bytes come back');
  assert.equal((await fetch(`${ctx.url}/resources/${slug}/file`)).status, 401, 'staff only');
  const page = await (await fetch(`${ctx.url}/resources/${slug}`, { headers: { cookie: `mw_session=${mentee}` } })).text();
  assert.match(page, /Download My sheet\.pdf/);

  const history = await call(ctx.url, 'load_resource_history', { slug }, { cookie: ctx.coordinator });
  assert.deepEqual(history.json[1].map((e) => e.what), ['Published it', 'Changed the file', 'Created, not published']);
});

test('a link resource sends readers to the other website', async () => {
  const slug = await create({ title: 'NHS mental health services', kind: 'link', body: '', link_url: 'https://www.nhs.uk/mental-health/', audience: 'everyone' });
  const page = await (await fetch(`${ctx.url}/resources/${slug}`)).text();
  assert.match(page, /href="https:\/\/www\.nhs\.uk\/mental-health\/"/);
  assert.match(page, /Go to www\.nhs\.uk/);
});
