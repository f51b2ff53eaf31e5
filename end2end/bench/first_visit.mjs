// What a first visit downloads to make a page interactive: every script
// and wasm file under /pkg/ that a cold load of each page fetches, summed
// as the brotli files the server would send (the .br beside each one;
// Chromium asks for brotli only over HTTPS, so the bytes on this loopback
// wire would be gzip). Prints one line per page as measured / goal, with
// the number of files and, over an emulated Slow 4G link, how long until
// the last of them arrived. Not a test: needs a running server at
// MENTORWELL_URL, its site root at LEPTOS_SITE_ROOT, and optionally a
// signed-in session in MENTORWELL_SESSION. Pages are the arguments.

import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.mjs';
import { existsSync, statSync } from 'node:fs';

const BASE = (process.env.MENTORWELL_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const SITE = process.env.LEPTOS_SITE_ROOT || 'target/site';
const GOAL_KB = 250;
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

const size = (file) => (existsSync(file) ? statSync(file).size : 0);

async function firstVisit(browser, path) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  if (process.env.MENTORWELL_SESSION) {
    await context.addCookies([{ name: 'mw_session', value: process.env.MENTORWELL_SESSION, url: BASE }]);
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  const code = new Set();
  let lastArrival = 0;
  page.on('requestfinished', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/pkg/') && /\.(wasm|js)$/.test(pathname)) {
      code.add(pathname);
      lastArrival = Date.now();
    }
  });
  const started = Date.now();
  await page.goto(BASE + path, { waitUntil: 'networkidle', timeout: 300_000 });
  await context.close();
  let brotli = 0;
  for (const pathname of code) brotli += size(SITE + pathname + '.br') || size(SITE + pathname);
  return { files: code.size, brotli, seconds: (lastArrival - started) / 1000 };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_FLAGS,
});
try {
  for (const path of process.argv.slice(2)) {
    const { files, brotli, seconds } = await firstVisit(browser, path);
    const kb = Math.round(brotli / 1024);
    console.log(`first visit ${path}: ${kb} KB brotli wasm + JS / goal ${GOAL_KB} KB (${files} files, all arrived after ${seconds.toFixed(1)} s on Slow 4G)`);
  }
} finally {
  await browser.close();
}
