// Measures one article page in Chromium over an emulated Slow 4G link
// (DevTools' preset: 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up),
// first visit with an empty cache and a repeat visit, with and without a
// 4x slower CPU (a mid-range phone). Prints bytes transferred by kind and
// the times to first contentful paint, to the app being interactive
// (hydrated) and to the load event. Not a test: figures depend on the
// machine. Needs a running server at MENTORWELL_URL.

import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/chromium.mjs';

const BASE = (process.env.MENTORWELL_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const PATH = process.env.ARTICLE || '/resources/preparing-for-your-first-session';
const RUNS = Number(process.env.RUNS || 3);
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

// Marks the moment the app's WebAssembly is running (hydration starts).
function markHydration() {
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        setTimeout(() => { window.__hydratedAt = performance.now(); }, 0);
        return result;
      });
    };
  }
}

async function visit(page, cdp, bytes) {
  const kinds = new Map();
  const onResponse = (e) => kinds.set(e.requestId, e.type);
  const onFinished = (e) => {
    const kind = kinds.get(e.requestId) || 'Other';
    bytes[kind] = (bytes[kind] || 0) + e.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  await page.goto(BASE + PATH, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__hydratedAt !== undefined, null, { timeout: 120_000 });
  const times = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    hydrated: window.__hydratedAt,
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
  }));
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  return times;
}

async function measure(browser, cpu) {
  const first = [];
  const repeat = [];
  let bytes = {};
  for (let run = 0; run < RUNS; run++) {
    // Service workers would answer the repeat visit; measure the network.
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, serviceWorkers: 'block' });
    await context.addInitScript(markHydration);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    const counted = {};
    first.push(await visit(page, cdp, counted));
    bytes = counted;
    repeat.push(await visit(page, cdp, {}));
    await context.close();
  }
  return { first, repeat, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_FLAGS,
});
try {
  console.log(`${PATH}, Slow 4G (562.5 ms RTT, 1.44 Mbit/s down), 360 px phone, median of ${RUNS}`);
  for (const cpu of [1, 4]) {
    const { first, repeat, bytes } = await measure(browser, cpu);
    const total = Object.values(bytes).reduce((a, b) => a + b, 0);
    console.log(`\nCPU ${cpu === 1 ? 'unthrottled' : `${cpu}x slower`}`);
    console.log(`  transferred, first visit: ${kb(total)} (${Object.entries(bytes).map(([k, v]) => `${k} ${kb(v)}`).join(', ')})`);
    for (const [name, runs] of [['first visit', first], ['repeat visit', repeat]]) {
      console.log(`  ${name.padEnd(13)} first contentful paint ${ms(median(runs.map((r) => r.fcp)))}, interactive ${ms(median(runs.map((r) => r.hydrated)))}, load ${ms(median(runs.map((r) => r.load)))}`);
    }
  }
} finally {
  await browser.close();
}
