// Journey 5: axe-core finds no WCAG 2.2 AA violations on any page, at
// desktop and phone sizes, with and without JavaScript.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VARIANTS, axeViolations, describeViolations, useBrowser } from '../support/browser.mjs';
import { checkEveryPage } from './pages.mjs';

const chrome = useBrowser();

for (const variant of VARIANTS) {
  test(`axe finds no violations (${variant.name})`, { timeout: 180_000 }, async (t) => {
    await checkEveryPage(t, chrome.browser, variant, async (page, spec) => {
      const violations = await axeViolations(page);
      assert.equal(
        violations.length,
        0,
        `axe found ${violations.length} violation(s) on "${spec.name}" (${page.url()}):\n${describeViolations(violations)}`,
      );
    });
  });
}
