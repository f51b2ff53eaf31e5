// Bursts of requests for the security and load checks: many at once, with
// the server's resident memory sampled while they run (Linux /proc).

import { readFile } from 'node:fs/promises';
import { sleep } from './server.mjs';

/** The resident memory of process `pid`, in MiB. */
export async function rssMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/**
 * Runs `send(i)` for i in 0..n all at once while sampling the server's
 * memory every 20 ms, then waits `settleMs` and samples again.
 * Returns { before, peak, after, answers } (MiB, and what `send` returned).
 */
export async function memoryDuringBurst(server, n, send, { settleMs = 5000 } = {}) {
  const before = await rssMiB(server.pid);
  let peak = before;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await rssMiB(server.pid));
      await sleep(20);
    }
  })();
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => send(i)));
  running = false;
  await sampler;
  peak = Math.max(peak, await rssMiB(server.pid));
  await sleep(settleMs);
  const after = await rssMiB(server.pid);
  return { before, peak, after, answers };
}

/** "before 61 MiB, peak 83 MiB, after 64 MiB" */
export function describeMemory({ before, peak, after }) {
  return `before ${before.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, after ${after.toFixed(0)} MiB`;
}

/** A distinct client address for request `i`, for a server that trusts X-Forwarded-For. */
export function addressFor(i) {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/** Counts how many answers had each status: { '200': 3, '503': 1 }. */
export function statusCounts(answers) {
  const counts = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}
