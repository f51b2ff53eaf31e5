// Journey 2: pages for another role are refused with a 403 page, and
// signed-out visitors are asked to sign in (401), whether the page is
// rendered on the server or hydrated afterwards.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEMO,
  VARIANTS,
  eventually,
  heading,
  navItems,
  openPage,
  shows,
  signIn,
  useBrowser,
  visit,
} from '../support/browser.mjs';

const chrome = useBrowser();

for (const variant of VARIANTS) {
  test(`a mentee cannot open the coordinator pages (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);

    for (const path of ['/coordinator', '/coordinator/outbox']) {
      const response = await visit(page, path);
      assert.equal(response.status(), 403, `status of ${path} for a mentee`);
      // After hydration too: the client must not swap in the coordinator view.
      await shows(heading(page, 'You do not have access to this page'), `the 403 page at ${path}`);
      assert.equal(await page.getByText('Email outbox', { exact: true }).count(), 0, 'no coordinator content');
      assert.equal(await page.locator('dl.figures, li.outbox-email').count(), 0, 'no coordinator data');
    }
    // Still signed in, still without the Coordinator link.
    await eventually(() => navItems(page), ['Home', 'Find a mentor', 'Ask for a mentor', 'Sessions', 'Resources', 'Training', 'Your account', 'Sign out'], 'mentee navigation');
  });

  test(`signed-out visitors are asked to sign in (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    for (const path of ['/coordinator', '/account']) {
      const response = await visit(page, path);
      assert.equal(response.status(), 401, `status of ${path} when signed out`);
      await shows(heading(page, 'Please sign in'), `"Please sign in" at ${path}`);
    }
  });
}
