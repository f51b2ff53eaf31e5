// The Content-Security-Policy lets the app do everything it does and
// nothing else: on pages a guest and a signed-in person open, the page
// hydrates, pwa.js runs and registers the service worker, and the browser
// reports no violation (neither as a `securitypolicyviolation` event nor
// in the console). An inline script without the nonce is refused.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO, VARIANTS, openPage, signIn, useBrowser, visit } from '../support/browser.mjs';

const chrome = useBrowser();
const DESKTOP = VARIANTS.find((v) => v.js && v.viewport.width === 1280);

const GUEST_PAGES = ['/', '/sign-in', '/register', '/resources', '/resources/preparing-for-your-first-session', '/courses'];
const SIGNED_IN_PAGES = ['/', '/account', '/directory', '/sessions', '/resources', '/profile', '/no/such/page'];

// Runs in every document before its own scripts.
function recordViolations() {
  window.__mwViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__mwViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
  });
}

async function openRecorded() {
  const page = await openPage(chrome.browser, DESKTOP);
  await page.context().addInitScript(recordViolations);
  const messages = [];
  page.on('console', (msg) => {
    if (/content.security.policy/i.test(msg.text())) messages.push(`${page.url()}: ${msg.text()}`);
  });
  return { page, messages };
}

/** Opens `path`, waits for hydration and pwa.js, and returns what the policy blocked. */
async function violationsOn(page, path) {
  await visit(page, path);
  // pwa.js (deferred) marks the page, then registers the worker on load.
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-js'));
  await page.evaluate(() => navigator.serviceWorker.ready);
  return page.evaluate(() => window.__mwViolations);
}

test('guest and signed-in pages run under the policy with nothing blocked', { timeout: 120_000 }, async (t) => {
  const { page, messages } = await openRecorded();
  t.after(() => page.context().close());
  for (const path of GUEST_PAGES) {
    assert.deepEqual(await violationsOn(page, path), [], `no violation on ${path} (guest)`);
  }
  await signIn(page, DEMO.mentee);
  for (const path of SIGNED_IN_PAGES) {
    assert.deepEqual(await violationsOn(page, path), [], `no violation on ${path} (signed in)`);
  }
  assert.deepEqual(messages, [], 'no policy messages in the console');
});

test('an inline script without the nonce is refused', { timeout: 60_000 }, async (t) => {
  const { page } = await openRecorded();
  t.after(() => page.context().close());
  await visit(page, '/');
  // As if some markup had slipped an inline script into the page.
  const ran = await page.evaluate(async () => {
    window.__mwInjected = false;
    const script = document.createElement('script');
    script.textContent = 'window.__mwInjected = true';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.__mwInjected;
  });
  assert.equal(ran, false, 'the injected script did not run');
  const violations = await page.evaluate(() => window.__mwViolations);
  assert.ok(violations.some((v) => v.startsWith('script-src')), `the browser reported it: ${violations}`);
});
