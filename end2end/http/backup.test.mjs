// `mentorwell backup` copies the SQLite database while the server runs
// and keeps writing; restoring is copying the file into a data directory.
// The restored copy holds every row the original held when the copy was
// taken. On PostgreSQL the command points to pg_dump.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKEND, command, freshDatabase, startServer } from '../support/server.mjs';
import { call, signIn, uniqueEmail, DEMO, GOOD_PASSWORD } from '../support/client.mjs';

/** Every table's rows, in a stable order, as text. */
async function contents(db) {
  const tables = (await db.sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
    .split('\n')
    .filter(Boolean);
  const rows = {};
  // Sorted here: some tables (the search index's) have no rowid to order by.
  for (const table of tables) rows[table] = (await db.sql(`SELECT * FROM "${table}"`)).split('\n').sort().join('\n');
  return rows;
}

test('a backup taken while the server runs restores every row', { skip: BACKEND !== 'sqlite', timeout: 120_000 }, async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  const server = await startServer({ env: db.env });
  t.after(() => server.stop());
  const email = uniqueEmail('kept');
  const registered = await call(server.url, 'register', { display_name: 'Kept Safe', email, password: GOOD_PASSWORD });
  assert.equal(registered.status, 200, registered.text);

  const dir = await mkdtemp(join(tmpdir(), 'mw-backup-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'mentorwell-backup.db');
  // Sign-ins write while the copy is taken.
  const [done] = await Promise.all([
    command(db, ['backup', '--to', file]),
    Promise.all([1, 2, 3].map(() => signIn(server.url, DEMO.mentee.email, DEMO.mentee.password))),
  ]);
  assert.match(done.stdout, /Backed up to/);
  assert.equal((await stat(file)).mode & 0o777, 0o600, 'the copy is private too');
  await assert.rejects(command(db, ['backup', '--to', file]), /already exists/, 'never overwrites a backup');
  await server.stop();

  const restored = await freshDatabase();
  t.after(() => restored.drop());
  await copyFile(file, restored.file);
  const before = await contents(db);
  const after = await contents(restored);
  assert.deepEqual(Object.keys(after), Object.keys(before), 'every table');
  assert.ok(before.users.includes(email), 'the account made before the copy is in the original');
  for (const [table, rows] of Object.entries(before)) {
    // Sessions started by the sign-ins racing the copy may or may not be in it.
    if (table === 'sessions' || table === 'login_failures') continue;
    if (table === 'audit_events') {
      // So may the audit rows of those sign-ins; every other row is there.
      const kept = after[table].split('\n');
      const all = rows.split('\n');
      assert.ok(kept.every((row) => all.includes(row)), 'the copy holds no audit row the original lacks');
      const others = (list) => list.filter((row) => !row.includes('|sign-in|'));
      assert.deepEqual(others(kept), others(all), 'every audit row but the racing sign-ins');
      continue;
    }
    assert.equal(after[table], rows, `every row of ${table}`);
  }

  const again = await startServer({ env: restored.env });
  t.after(() => again.stop());
  await signIn(again.url, DEMO.coordinator.email, DEMO.coordinator.password);
  assert.equal(await restored.sql(`SELECT COUNT(*) FROM users WHERE email = '${email}'`), '1');
});

test('on PostgreSQL the backup command points to pg_dump', { skip: BACKEND !== 'postgres' }, async (t) => {
  const db = await freshDatabase();
  t.after(() => db.drop());
  await assert.rejects(command(db, ['backup', '--to', join(tmpdir(), 'never-written.db')]), /pg_dump/);
});
