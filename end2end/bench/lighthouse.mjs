// Lighthouse's mobile performance score for each page given, the median of
// three runs, as measured / goal. Lighthouse emulates a mid-range phone on
// a slow 4G link by simulation, so a busy machine lowers the score: run it
// with nothing else on the cores. Not a test: needs a running server at
// MENTORWELL_URL, the Lighthouse command in LIGHTHOUSE (install_lighthouse
// in scripts/tools.sh) and optionally a signed-in session in
// MENTORWELL_SESSION, sent as a cookie with every request.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.mjs';

const BASE = (process.env.MENTORWELL_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const GOAL = 95;
const RUNS = 3;
const FLAGS = CHROMIUM_FLAGS.join(' ');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function run(path, out) {
  const args = [BASE + path, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${FLAGS}`];
  if (process.env.MENTORWELL_SESSION) {
    args.push(`--extra-headers=${JSON.stringify({ Cookie: `mw_session=${process.env.MENTORWELL_SESSION}` })}`);
  }
  execFileSync(process.env.LIGHTHOUSE, args, {
    env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const audit = (id) => report.audits[id]?.numericValue ?? NaN;
  return {
    score: Math.round(report.categories.performance.score * 100),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'lighthouse-'));
try {
  for (const path of process.argv.slice(2)) {
    const runs = Array.from({ length: RUNS }, (_, i) => run(path, join(dir, `${i}.json`)));
    const scores = runs.map((r) => r.score);
    const lcp = median(runs.map((r) => r.lcp)) / 1000;
    const tbt = median(runs.map((r) => r.tbt));
    console.log(
      `lighthouse ${path}: performance ${median(scores)} / goal ${GOAL} (median of ${RUNS}: ${scores.join(', ')}; ` +
        `largest paint ${lcp.toFixed(1)} s, blocking ${Math.round(tbt)} ms)`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
