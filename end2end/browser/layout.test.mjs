// Journey 6: nothing scrolls sideways, and every navigation link, button
// and text box is at least 44px high, so it is easy to hit with a thumb.
// Required at 360px; run at desktop size too since the rules hold there.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO, VARIANTS, follow, heading, navLink, openPage, shows, signIn, useBrowser, visit } from '../support/browser.mjs';
import { checkEveryPage } from './pages.mjs';

const chrome = useBrowser();
const MIN_TARGET = 44;
const TARGETS = [
  'nav[aria-label="Main"] a',
  'nav[aria-label="Main"] button',
  'nav[aria-label="Main"] summary',
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

for (const variant of VARIANTS) {
  test(`the header leaves room for the page, its links behind "Menu" on a phone (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.coordinator);
    await visit(page, '/directory');
    const phone = variant.viewport.width < 500;
    const header = await page.locator('header.site-header').boundingBox();
    const menu = page.locator('nav[aria-label="Main"] summary');
    const account = navLink(page, 'Your account');
    if (phone) {
      // It was 265 px of a 740 px screen with every link showing; now the
      // service's name and the button share one line.
      assert.ok(header.height <= 120, `the header is ${header.height}px high`);
      const brand = await page.locator('header a.brand').boundingBox();
      const button = await menu.boundingBox();
      assert.ok(button.y < brand.y + brand.height && brand.y < button.y + button.height, 'the name and the button on one line');
      assert.equal(await account.isVisible(), false, 'links wait behind the menu');
      assert.match(await menu.innerText(), /^Menu\s*·?\s*Find a mentor$/, 'the button, and the section you are in');
      const size = await menu.boundingBox();
      assert.ok(size.height >= 44 && size.width >= 44, `a 44 px target: ${JSON.stringify(size)}`);
      await menu.click();
    } else {
      assert.equal(await menu.isVisible(), false, 'no menu button on a wide screen');
    }
    assert.equal(await account.isVisible(), true, 'the links showing');
    assert.equal(await navLink(page, 'Find a mentor').getAttribute('aria-current'), 'page');
    await follow(page, account, '**/account');
    await shows(heading(page, 'Your account'), 'the account page');
    if (phone) {
      assert.equal(await navLink(page, 'Your account').isVisible(), false, 'the menu is closed on the next page');
      assert.match(await menu.innerText(), /Your account$/);
    }
  });
}
