// Journey 7: keyboard users can skip the header, and the error summary's
// links take them to the field to fix.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  VARIANTS,
  eventually,
  fillRegistration,
  focusedElement,
  openPage,
  shows,
  submit,
  useBrowser,
  visit,
} from '../support/browser.mjs';

const chrome = useBrowser();

for (const variant of VARIANTS) {
  test(`"Skip to main content" comes first and moves focus to main (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    for (const path of ['/', '/sign-in']) {
      await visit(page, path);
      await page.keyboard.press('Tab');
      assert.equal(await focusedElement(page), 'a "Skip to main content"', `focus after the first Tab on ${path}`);
      const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
      assert.ok(box && box.x >= 0 && box.y >= 0, `the focused skip link is on screen on ${path}`);

      await page.keyboard.press('Enter');
      await eventually(() => focusedElement(page), 'main-content', `focus after pressing Enter on the skip link on ${path}`);
      // The next Tab carries on inside main, not back in the header.
      await page.keyboard.press('Tab');
      const inMain = await page.evaluate(() => document.getElementById('main-content').contains(document.activeElement));
      assert.equal(inMain, true, `the Tab after skipping should land inside main on ${path}, not on ${await focusedElement(page)}`);
    }
  });

  test(`an error summary link moves focus to its field (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await visit(page, '/register');
    await fillRegistration(page, { name: 'Ann Example', email: 'not-an-email', password: 'long enough words' });
    await submit(page, 'Create account');
    const link = page.getByRole('alert').getByRole('link', { name: 'Enter an email address like name@nhs.net.' });
    await shows(link, 'the email problem in the summary');
    await link.focus();
    await page.keyboard.press('Enter');
    await eventually(() => focusedElement(page), 'email', 'focus after following the summary link');
  });
}
