// Starts Mentorwell servers and fresh databases for the HTTP tests.
//
// Each test file makes its own database (freshDatabase) and server(s)
// (startServer), because several tests restart, kill -9 or reconfigure the
// server. Everything started here is killed when the Node process exits,
// even after a failed assertion or an uncaught error.

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const BACKEND = process.env.MENTORWELL_BACKEND || 'sqlite';
export const BIN =
  process.env.MENTORWELL_BIN || join(homedir(), '.cache/mentorwell/target/release/mentorwell');

// Settings a developer's shell (or scripts/test.sh, which serves the
// browser tests) may have exported; a test server must not inherit them.
const INHERITED_SETTINGS = [
  'DATABASE_URL', 'MENTORWELL_DATA_DIR', 'SMTP_HOST', 'SMTP_PORT', 'SMTP_TLS', 'SMTP_CA_FILE', 'SMTP_USERNAME', 'SMTP_PASSWORD',
  'MAIL_FROM', 'MENTORWELL_PUBLIC_URL', 'MENTORWELL_CLOCK_OFFSET_SECONDS', 'MENTORWELL_DEMO_DATA',
  'MENTORWELL_TRUST_PROXY', 'LEPTOS_SITE_ADDR', 'MENTORWELL_BENCH_PAGE', 'RUST_LOG',
];

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
// A test run stopped by Ctrl-C or a CI timeout must not leave servers behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** A TCP port nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something truthy; fails with `what` after `timeout` ms. */
export async function waitFor(check, { timeout = 15000, interval = 200, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      if (err.stopWaiting) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${last})`);
    }
    await sleep(interval);
  }
}

/** A child process that is killed when the tests exit; its output is kept. */
export function spawnTracked(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  running.add(child);
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((r) => child.on('exit', (code, signal) => {
    running.delete(child);
    r({ code, signal });
  }));
  return { child, exited, output: () => output.replace(/\x1b\[[0-9;]*m/g, '') };
}

let swept = false;
/** Drops test databases left by runs that were killed (their process is gone). */
async function dropAbandonedDatabases(admin) {
  if (swept) return;
  swept = true;
  const { stdout } = await run('psql', ['-qAt', admin, '-c',
    "SELECT datname FROM pg_database WHERE datname LIKE 'mw\\_http\\_%'"]);
  for (const name of stdout.split('\n').filter(Boolean)) {
    const pid = Number(name.split('_')[2]);
    let alive = true;
    try { process.kill(pid, 0); } catch (err) { alive = err.code !== 'ESRCH'; }
    if (!alive) await run('psql', ['-q', admin, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
}

/**
 * An empty database of the backend under test. `env` goes to startServer;
 * `sql(text)` runs SQL beside the server (psql, or Python's sqlite3);
 * `drop()` removes it.
 */
export async function freshDatabase({ backend = BACKEND } = {}) {
  if (backend === 'postgres') {
    const admin = process.env.MENTORWELL_TEST_POSTGRES;
    if (!admin) throw new Error('MENTORWELL_BACKEND=postgres needs MENTORWELL_TEST_POSTGRES (an admin URL)');
    await dropAbandonedDatabases(admin);
    const name = `mw_http_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    await run('psql', ['-q', '-v', 'ON_ERROR_STOP=1', admin, '-c', `CREATE DATABASE ${name}`]);
    const url = `${admin.slice(0, admin.lastIndexOf('/'))}/${name}`;
    return {
      backend,
      env: { DATABASE_URL: url },
      sql: async (text) => (await run('psql', ['-qAt', '-v', 'ON_ERROR_STOP=1', url, '-c', text])).stdout.trim(),
      drop: () => run('psql', ['-q', admin, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'mw-http-'));
  const file = join(dir, 'mentorwell.db');
  // The sqlite3 CLI is not always installed; Python's standard library is.
  const script =
    'import sqlite3,sys\n' +
    'c=sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)\n' +
    'rows=c.execute(sys.argv[2]).fetchall()\n' +
    'print("\\n".join("|".join(str(v) for v in r) for r in rows))\n';
  return {
    backend,
    env: { MENTORWELL_DATA_DIR: dir },
    file,
    sql: async (text) => (await run('python3', ['-c', script, file, text])).stdout.trim(),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A verified coordinator made with the `create-coordinator` command, the way
 * a real installation (no demo data) makes its first account.
 * Returns { email, password }.
 */
export async function commandLineCoordinator(db, email) {
  const password = 'a long passphrase for the lead';
  await command(db, ['create-coordinator', '--email', email, '--name', 'Lead Coordinator'], `${password}\n`);
  return { email, password };
}

/**
 * Runs one of the binary's commands on `db`, with `input` on its standard
 * input. Resolves to { stdout, stderr }; rejects when it exits non-zero.
 */
export async function command(db, args, input = '') {
  const base = { ...process.env };
  for (const name of INHERITED_SETTINGS) delete base[name];
  const child = run(BIN, args, { env: { ...base, LEPTOS_OUTPUT_NAME: 'mentorwell', ...db.env } });
  child.child.stdin.end(input);
  return child;
}

/** `env` without the settings given as null: a test of a default leaves them unset. */
function withoutUnset(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== null && value !== undefined));
}

/**
 * Starts the release binary and waits for /readyz. `env` adds settings
 * (the database's env, SMTP, clock offset…). Returns
 * { url, port, stop(signal), kill9(), logs(), exited }.
 */
export async function startServer({ env = {}, port } = {}) {
  if (!existsSync(BIN)) throw new Error(`no server binary at ${BIN} (set MENTORWELL_BIN)`);
  const chosen = port ?? (await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  const base = { ...process.env };
  for (const name of INHERITED_SETTINGS) delete base[name];
  const cwd = await mkdtemp(join(tmpdir(), 'mw-cwd-'));
  const proc = spawnTracked(BIN, [], {
    cwd,
    env: withoutUnset({
      ...base,
      LEPTOS_OUTPUT_NAME: process.env.LEPTOS_OUTPUT_NAME || 'mentorwell',
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT || join(ROOT, 'target/site'),
      LEPTOS_SITE_PKG_DIR: process.env.LEPTOS_SITE_PKG_DIR || 'pkg',
      LEPTOS_SITE_ADDR: `127.0.0.1:${chosen}`,
      MENTORWELL_PUBLIC_URL: url,
      RUST_LOG: 'info,sqlx=warn',
      NO_COLOR: '1',
      // The tests sign in as the demo accounts; a test of the default
      // (no demo data) passes MENTORWELL_DEMO_DATA: null.
      MENTORWELL_DEMO_DATA: '1',
      ...env,
    }),
  });
  let exitInfo = null;
  proc.exited.then((info) => { exitInfo = info; });

  const server = {
    url,
    port: chosen,
    pid: proc.child.pid,
    logs: proc.output,
    exited: proc.exited,
    async stop(signal = 'SIGTERM') {
      if (!exitInfo) {
        proc.child.kill(signal);
        const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10000);
        await proc.exited;
        clearTimeout(timer);
      }
      await rm(cwd, { recursive: true, force: true });
      return exitInfo;
    },
    kill9() {
      return server.stop('SIGKILL');
    },
  };

  try {
    await waitFor(async () => {
      if (exitInfo) {
        throw Object.assign(new Error(`server exited early (${JSON.stringify(exitInfo)})`), { stopWaiting: true });
      }
      const res = await fetch(`${url}/readyz`);
      return res.status === 200;
    }, { timeout: 30000, interval: 100, what: `${url}/readyz` });
  } catch (err) {
    await server.stop('SIGKILL');
    // A port taken between choosing and binding: try another once.
    if (port === undefined && /cannot listen/.test(proc.output())) return startServer({ env });
    throw new Error(`${err.message}\n--- server output ---\n${proc.output()}`);
  }
  return server;
}
