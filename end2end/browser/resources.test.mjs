// Journey: on a phone, browse the library by topic, search it, open an
// article and save it for later; a mentors-only article is refused to a
// mentee.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO, VARIANTS, follow, heading, openPage, shows, signIn, submit, useBrowser, visit } from '../support/browser.mjs';

const chrome = useBrowser();
const PHONES = VARIANTS.filter((v) => v.viewport.width === 360);

for (const variant of PHONES) {
  test(`browse, search, read and save a resource (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);
    await visit(page, '/resources');
    await follow(page, page.getByRole('link', { name: /^GROW \(1\)$/ }), '**/resources?category=grow');
    await shows(page.getByRole('link', { name: 'GROW questions for each stage' }), 'the GROW article in its category');

    await visit(page, '/resources');
    await page.getByLabel('Search resources').fill('Samaritans');
    await Promise.all([page.waitForURL('**/resources?q=Samaritans*'), page.getByRole('button', { name: 'Search' }).click()]);
    const results = page.locator('section[aria-labelledby="results-heading"]');
    await follow(page, results.getByRole('link', { name: 'Where to get urgent support' }), '**/resources/where-to-get-urgent-support');
    await shows(heading(page, 'Where to get urgent support'), 'the article');
    await shows(page.getByText(/Samaritans on 116 123/), 'its text');

    const save = page.getByRole('button', { name: 'Save for later' });
    if (await save.isVisible()) {
      await submit(page, 'Save for later');
      await shows(page.getByRole('button', { name: 'Remove from saved' }), 'the saved state');
    }
    await visit(page, '/resources');
    const saved = page.getByRole('region', { name: 'Saved for later' });
    await shows(saved.getByRole('link', { name: 'Where to get urgent support' }), 'the article under "Saved for later"');

    const refused = await visit(page, '/resources/ending-a-mentoring-relationship-well');
    assert.equal(refused.status(), 403);
    await shows(heading(page, /access/i), 'the no-access page');

    const guest = await openPage(chrome.browser, variant);
    t.after(() => guest.context().close());
    const asGuest = await visit(guest, '/resources/ending-a-mentoring-relationship-well');
    assert.equal(asGuest.status(), 401, 'a visitor who has not signed in is refused');
    assert.equal(await guest.locator('.article-body').count(), 0, 'and sees none of its text');
  });
}
