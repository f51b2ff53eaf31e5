// Journey, on a 360px phone: open the library and an article, lose the
// signal (the device goes offline and the server cannot be reached),
// reload, and read on with a "you are offline" banner; a page never
// opened says plainly it was not kept. Then larger text, kept on the
// device. JavaScript on only: offline reading needs the service worker.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freshDatabase, startServer } from '../support/server.mjs';
import { DEMO, VARIANTS, axeViolations, signIn, describeViolations, heading, openPage, shows, useBrowser, visit, waitForHydration } from '../support/browser.mjs';

const chrome = useBrowser();
const PHONE = VARIANTS.find((v) => v.js && v.viewport.width === 360);
const ARTICLE = '/resources/preparing-for-your-first-session';

/** Waits until the service worker controls the page and has kept `path`. */
async function kept(page, path) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  for (let i = 0; i < 100; i++) {
    const found = await page.evaluate(async (p) => Boolean(await caches.match(p)), path);
    if (found) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${path} was never kept for offline reading`);
}

test('an article opened once reads offline, with a banner (phone)', { timeout: 180_000 }, async (t) => {
  // A server of its own, so the signal can really go: browsers differ in
  // whether their offline switch reaches the service worker, and a server
  // that cannot be reached is what a dead spot looks like anyway.
  const db = await freshDatabase();
  t.after(() => db.drop());
  let server = await startServer({ env: db.env });
  t.after(() => server.stop());
  const page = await openPage(chrome.browser, PHONE, { baseURL: server.url });
  const context = page.context();
  t.after(() => context.close());
  await visit(page, '/resources');
  await kept(page, '/resources');
  // Opened inside the app: the page is kept beside the data it asked for.
  await page.getByRole('link', { name: 'Preparing for your first session' }).first().click();
  await page.waitForURL(`**${ARTICLE}`);
  await shows(heading(page, 'Preparing for your first session'), 'the article');
  await kept(page, ARTICLE);
  const banner = page.getByText(/^You are offline\./);
  assert.equal(await banner.isVisible(), false, 'no banner while online');

  await context.setOffline(true);
  await server.stop();
  await page.reload();
  await waitForHydration(page);
  await shows(heading(page, 'Preparing for your first session'), 'the article, read offline');
  await shows(banner, 'the offline banner');
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));

  await page.goto('/resources/grow-questions');
  await shows(heading(page, 'You are offline'), 'the page saying it was not kept');
  await shows(page.getByRole('link', { name: 'Go to the resources library' }), 'the way back');

  server = await startServer({ env: db.env, port: server.port });
  await context.setOffline(false);
  await visit(page, ARTICLE);
  await shows(heading(page, 'Preparing for your first session'), 'the article, online again');
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-offline'));
  assert.equal(await banner.isVisible(), false, 'the banner goes when the signal is back');

  // Someone else signs in on this phone: pages kept for the visitor go.
  await signIn(page, DEMO.mentee);
  await visit(page, '/resources');
  await kept(page, '/resources');
  assert.equal(await page.evaluate(async (p) => Boolean(await caches.match(p)), ARTICLE), false, 'the earlier pages are forgotten');
});

test('larger text is one press and stays on the device (phone)', { timeout: 60_000 }, async (t) => {
  const page = await openPage(chrome.browser, PHONE);
  t.after(() => page.context().close());
  await visit(page, ARTICLE);
  const body = page.locator('.article-body');
  const size = () => body.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await size();
  const button = page.getByRole('button', { name: 'Larger text' });
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.ok((await size()) >= before * 1.2, `text grew from ${before}px to ${await size()}px`);
  await visit(page, '/resources/grow-questions');
  assert.ok((await size()) >= before * 1.2, 'still larger on the next page');
  assert.equal(await page.getByRole('button', { name: 'Larger text' }).getAttribute('aria-pressed'), 'true');
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(scroll <= 0, `no sideways scrolling with larger text (${scroll}px)`);
  await page.getByRole('button', { name: 'Larger text' }).click();
  assert.ok((await size()) < before * 1.1, 'and back');
});
