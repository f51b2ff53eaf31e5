// Safe defaults for a real installation: no demo data unless asked for,
// never on an https site, demo passwords printed only when just loaded,
// the outbox never shows a link that acts for someone else outside the
// demo, the clock moves only for tests, and the data directory is private.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKEND, freshDatabase, startServer, commandLineCoordinator } from '../support/server.mjs';
import { call, signIn, uniqueEmail, DEMO, GOOD_PASSWORD, CHECK_EMAIL } from '../support/client.mjs';
import { saveLogs } from '../support/fixture.mjs';

async function withServer(t, db, env, body) {
  const server = await startServer({ env: { ...db.env, ...env } });
  try {
    return await body(server);
  } finally {
    await server.stop();
    await saveLogs(`${import.meta.url}-${t.name}`, server);
  }
}

test('by default there is no demo data and no demo password is printed', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await withServer(t, db, { MENTORWELL_DEMO_DATA: null }, async (server) => {
    assert.equal(await db.sql('SELECT COUNT(*) FROM users'), '0');
    const demo = await call(server.url, 'sign_in', DEMO.coordinator);
    assert.equal(demo.status, 400, demo.text);
    assert.doesNotMatch(server.logs(), /demo-coordinator-2026|demo-mentee-2026|demo-mentor-2026/);
  });
});

test('with demo data asked for, passwords are printed when loaded and not on the next start', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await withServer(t, db, { MENTORWELL_DEMO_DATA: '1' }, async (server) => {
    assert.match(server.logs(), /demo-coordinator-2026/);
    await signIn(server.url, DEMO.coordinator.email, DEMO.coordinator.password);
  });
  await withServer(t, db, { MENTORWELL_DEMO_DATA: '1' }, async (server) => {
    assert.doesNotMatch(server.logs(), /demo-coordinator-2026|password:/);
  });
});

test('demo data is refused on an https site: the server does not start', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await assert.rejects(
    startServer({ env: { ...db.env, MENTORWELL_DEMO_DATA: '1', MENTORWELL_PUBLIC_URL: 'https://mentoring.example.nhs.uk' } }),
    /Refusing to load demo data on a site served over https/,
  );
  assert.equal(await db.sql('SELECT COUNT(*) FROM users'), '0');
});

test('outside the demo the outbox shows that a link was sent, never the link', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await withServer(t, db, { MENTORWELL_DEMO_DATA: null }, async (server) => {
    const lead = await commandLineCoordinator(db, uniqueEmail('lead'));
    const coordinator = await signIn(server.url, lead.email, lead.password);
    const email = uniqueEmail('private');
    const registered = await call(server.url, 'register', { display_name: 'Pat Private', email, password: GOOD_PASSWORD });
    assert.equal(registered.json, CHECK_EMAIL);
    const reset = await call(server.url, 'request_password_reset', { email });
    assert.equal(reset.status, 200, reset.text);
    const outbox = await call(server.url, 'load_outbox', {}, { cookie: coordinator });
    assert.equal(outbox.status, 200, outbox.text);
    assert.equal(outbox.json.private_links_shown, false);
    const mine = outbox.json.emails.filter((e) => e.to === email);
    assert.equal(mine.length, 2);
    assert.doesNotMatch(outbox.text, /token=/, 'no token link in what the coordinator receives');
    assert.ok(mine.some((e) => e.body.includes('[a password reset link was sent]')), mine.map((e) => e.body).join('\n'));
    assert.ok(mine.some((e) => e.body.includes('[an email confirmation link was sent]')));
    const page = await fetch(`${server.url}/coordinator/outbox`, { headers: { cookie: `mw_session=${coordinator}` } });
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /a password reset link was sent/);
    assert.doesNotMatch(html, /token=/);
  });
});

test('moving the clock is refused on an https site: the server does not start', async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await assert.rejects(
    startServer({
      env: { ...db.env, MENTORWELL_CLOCK_OFFSET_SECONDS: '3600', MENTORWELL_PUBLIC_URL: 'https://mentoring.example.nhs.uk' },
    }),
    /Refusing MENTORWELL_CLOCK_OFFSET_SECONDS/,
  );
});

test('the data directory and the files in it are open to the service alone', { skip: BACKEND !== 'sqlite' }, async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  // An older installation: made before the rule, readable by anyone.
  await chmod(db.env.MENTORWELL_DATA_DIR, 0o755);
  await withServer(t, db, { MENTORWELL_DEMO_DATA: '1' }, async () => {
    const mode = async (path) => ((await stat(path)).mode & 0o777).toString(8);
    assert.equal(await mode(db.env.MENTORWELL_DATA_DIR), '700');
    const files = await readdir(db.env.MENTORWELL_DATA_DIR);
    assert.ok(files.includes('mentorwell.db'), files.join(', '));
    for (const name of files) {
      const path = join(db.env.MENTORWELL_DATA_DIR, name);
      if ((await stat(path)).isFile()) assert.equal(await mode(path), '600', name);
    }
  });
});
