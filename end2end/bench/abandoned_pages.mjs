// Abandons directory pages part way, many at once, against a running
// server (MENTORWELL_URL, signed in with MENTORWELL_SESSION), and prints
// how many were abandoned. scripts/bench.sh then counts panics in the
// server's log. Not a test: run on a large generated directory.

import { abandonRequests } from '../support/cancelled.mjs';

const url = (process.env.MENTORWELL_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const cookie = process.env.MENTORWELL_SESSION;
const paths = ['/directory', '/directory?q=care', '/directory?q=care&topic=stress&area=nottingham', '/directory?page=40'];
const total = Number(process.env.TOTAL || 200);
const started = Date.now();
const { aborted, finished } = await abandonRequests(url, paths, { cookie, total, concurrency: 16, maxMs: 500 });
console.log(`abandoned ${aborted} of ${total} directory pages (${finished} finished first) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
