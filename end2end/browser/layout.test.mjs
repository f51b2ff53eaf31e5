// Journey 6: nothing scrolls sideways, and every navigation link, button
// and text box is at least 44px high, so it is easy to hit with a thumb.
// Required at 360px; run at desktop size too since the rules hold there.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VARIANTS, useBrowser } from '../support/browser.mjs';
import { checkEveryPage } from './pages.mjs';

const chrome = useBrowser();
const MIN_TARGET = 44;
const TARGETS = [
  'nav[aria-label="Main"] a',
  'nav[aria-label="Main"] button',
  'header a.brand',
  'main button',
  'main a.button',
  'main input:not([type="hidden"])',
].join(', ');

for (const variant of VARIANTS) {
  test(`no sideways scrolling, targets at least 44px high (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const width = variant.viewport.width;
    await checkEveryPage(t, chrome.browser, variant, async (page, spec) => {
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= width, `"${spec.name}" is ${scrollWidth}px wide in a ${width}px window`);

      // What is not shown (a closed filter drawer) is no target; a
      // checkbox's target is its label, which a tap anywhere on toggles.
      const boxes = await page.locator(TARGETS).evaluateAll((elements) =>
        elements
          .filter((el) => el.checkVisibility())
          .map((el) => ((el.type === 'checkbox' || el.type === 'radio') && el.closest('label')) || el)
          .map((el) => ({
            what: `${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('name') || '').trim()}"`,
            height: Math.round(el.getBoundingClientRect().height * 10) / 10,
          })),
      );
      // Guards against the selector quietly matching nothing.
      assert.ok(boxes.length >= 2, `expected links and buttons on "${spec.name}", found ${boxes.length}`);
      const small = boxes.filter((b) => b.height < MIN_TARGET);
      assert.deepEqual(small, [], `targets under ${MIN_TARGET}px high on "${spec.name}"`);
    });
  });
}
