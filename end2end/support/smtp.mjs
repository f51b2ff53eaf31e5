// Runs smtp_sink.py (aiosmtpd) for the email tests and reads back what it
// received.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnTracked, waitFor } from './server.mjs';

const SINK = join(dirname(fileURLToPath(import.meta.url)), 'smtp_sink.py');

let python;
/** A Python that has aiosmtpd (Debian's python3-aiosmtpd sits beside /usr/bin/python3). */
function findPython() {
  if (python) return python;
  for (const candidate of [process.env.MENTORWELL_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean)) {
    try {
      execFileSync(candidate, ['-c', 'import aiosmtpd'], { stdio: 'ignore' });
      python = candidate;
      return python;
    } catch { /* try the next */ }
  }
  throw new Error('no python3 with aiosmtpd: apt-get install -y python3-aiosmtpd');
}

/**
 * Starts the sink. Returns { port, messages(), stop() }; messages() is every
 * accepted message so far: { message_id, to: [..], subject, body, tls }.
 * `starttls` or `tls` is { cert, key } (PEM files): offer and require
 * STARTTLS, or speak TLS from the first byte.
 */
export async function startSink({ port, failFirst = 0, delay = 0, starttls, tls } = {}) {
  const chosen = port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'mw-smtp-'));
  const out = join(dir, 'messages.jsonl');
  const proc = spawnTracked(findPython(), [
    SINK, '--port', String(chosen), '--out', out, '--fail-first', String(failFirst), '--delay', String(delay),
    ...(starttls ? ['--starttls', starttls.cert, starttls.key] : []),
    ...(tls ? ['--tls', tls.cert, tls.key] : []),
  ]);
  let exited = null;
  proc.exited.then((info) => { exited = info; });
  await waitFor(() => {
    if (exited) throw Object.assign(new Error(`smtp sink exited: ${proc.output()}`), { stopWaiting: true });
    return proc.output().includes(`ready ${chosen}`);
  }, { timeout: 10000, interval: 50, what: 'the SMTP sink' });

  return {
    port: chosen,
    async messages() {
      let text = '';
      try { text = await readFile(out, 'utf8'); } catch { return []; }
      return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    },
    async stop() {
      if (!exited) {
        proc.child.kill('SIGTERM');
        await proc.exited;
      }
    },
    async remove() {
      await this.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
