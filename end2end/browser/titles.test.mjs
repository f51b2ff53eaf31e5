// Journey: on "Your account" a person chooses how their session emails and
// calendar entries are titled. Discreet is chosen at first; choosing
// descriptive is saved and still chosen after a reload. Desktop with
// JavaScript and a 360px phone without; axe on the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, DEMO, VARIANTS, axeViolations, describeViolations, newAccount, openPage, shows, signIn, submit, useBrowser, visit,
} from '../support/browser.mjs';
import { confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';

const chrome = useBrowser();

for (const variant of [VARIANTS[0], VARIANTS[3]]) {
  test(`choose descriptive titles, and they stay chosen (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
    const account = newAccount('titles');
    await confirmedAccount(BASE_URL, coordinator, account);
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());

    await signIn(page, account);
    await visit(page, '/account');
    const discreet = page.getByLabel(/^Discreet/);
    const descriptive = page.getByLabel(/^Descriptive/);
    await shows(discreet, 'the discreet choice');
    assert.equal(await discreet.isChecked(), true, 'discreet at first');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));

    await descriptive.check();
    // The account page has a Save in each of its sections.
    await submit(page, 'Save how they are titled', page.getByRole('region', { name: 'Email subjects and calendar' }));
    await shows(page.getByText(/will say "Mentoring session"/), 'the saved notice');
    await visit(page, '/account');
    assert.equal(await page.getByLabel(/^Descriptive/).isChecked(), true, 'still chosen after a reload');
    assert.equal(await page.getByLabel(/^Discreet/).isChecked(), false);
  });
}
