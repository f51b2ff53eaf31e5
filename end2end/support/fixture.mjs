// One server on one fresh database for a test file, with a signed-in
// coordinator (to read the outbox), torn down after the file's tests.
// Server logs are saved to $TMPDIR/mentorwell-http-logs/ for failures.

import { before, after } from 'node:test';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { freshDatabase, startServer, BACKEND } from './server.mjs';
import { signIn, DEMO } from './client.mjs';

export const LOG_DIR = join(tmpdir(), 'mentorwell-http-logs');

/** Saves a server's output where a failing run can be looked into. */
export async function saveLogs(name, server) {
  if (!server) return;
  await mkdir(LOG_DIR, { recursive: true });
  const file = join(LOG_DIR, `${basename(name).replace(/\W+/g, '_')}-${BACKEND}-${server.port}.log`);
  await writeFile(file, server.logs());
}

/**
 * Registers one before and one after hook for the calling test file (Node
 * 20 runs several top-level before hooks at once, so a file's own set-up
 * goes in `setup`, run after the server is up). The returned object is
 * filled in by the hook: { db, server, url, coordinator }.
 */
export function serverForFile(fileUrl, { env = {}, setup } = {}) {
  const ctx = {};
  before(async () => {
    ctx.db = await freshDatabase();
    ctx.server = await startServer({ env: { ...ctx.db.env, ...env } });
    ctx.url = ctx.server.url;
    ctx.coordinator = await signIn(ctx.url, DEMO.coordinator.email, DEMO.coordinator.password);
    if (setup) await setup(ctx);
  });
  after(async () => {
    await ctx.server?.stop();
    await saveLogs(fileUrl, ctx.server);
    await ctx.db?.drop();
  });
  return ctx;
}
