// Journey 4: bad input on the register form is explained next to each
// field and in a summary, and what was typed (never the password) is kept.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  VARIANTS,
  fillRegistration,
  heading,
  newAccount,
  openPage,
  shows,
  submit,
  useBrowser,
  variantOf,
  visit,
} from '../support/browser.mjs';

const chrome = useBrowser();
const BAD_EMAIL = 'Enter an email address like name@nhs.net.';
const TOO_SHORT = 'Use at least 8 characters.';
const TOO_COMMON = 'That password is too common.';

/** A field's wrapper, message and input, found from its label. */
async function field(page, label) {
  const input = page.getByLabel(label, { exact: true });
  const id = await input.getAttribute('id');
  return { input, id, box: page.locator('.field').filter({ has: page.locator(`[id="${id}"]`) }) };
}

/** Asserts the field shows `message` beside it, tied to the input for screen readers. */
async function assertFieldError(page, label, message) {
  const { input, id, box } = await field(page, label);
  await shows(box.locator(`#${id}-error`).filter({ hasText: message }), `"${message}" next to "${label}"`);
  assert.equal(await input.getAttribute('aria-invalid'), 'true', `"${label}" is marked invalid`);
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy.split(' ').includes(`${id}-error`), `"${label}" is described by its message`);
}

async function assertFieldFine(page, label) {
  const { input, box } = await field(page, label);
  assert.equal(await box.locator('.field-message').count(), 0, `no message next to "${label}"`);
  assert.equal(await input.getAttribute('aria-invalid'), null, `"${label}" is not marked invalid`);
}

for (const variant of VARIANTS) {
  test(`register shows errors by the fields and keeps what was typed (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const name = 'Ann Example-Jones';
    await visit(page, '/register');
    await fillRegistration(page, { name, email: 'ann.example.nhs.net', password: 'short' });
    await submit(page, 'Create account');

    const summary = page.getByRole('alert');
    await shows(summary.getByRole('heading', { name: 'There is a problem' }), 'the error summary');
    await shows(summary.getByRole('link', { name: BAD_EMAIL }), 'the email problem in the summary');
    await shows(summary.getByRole('link', { name: TOO_SHORT }), 'the password problem in the summary');
    await assertFieldError(page, 'Work email address', BAD_EMAIL);
    await assertFieldError(page, 'Choose a password', TOO_SHORT);
    await assertFieldFine(page, 'Your name');
    assert.equal(await page.getByLabel('Your name').inputValue(), name, 'the name is kept');
    assert.equal(await page.getByLabel('Work email address').inputValue(), 'ann.example.nhs.net', 'the email is kept');
    if (!variantOf(page).js) {
      // A plain post comes back as a new page: the password must not be in it.
      assert.equal(await page.getByLabel('Choose a password').inputValue(), '', 'the password is not sent back');
    }
    assert.equal(await page.getByRole('status').count(), 0, 'no success notice');

    // Fixing the email but choosing a common password: the old message goes.
    const email = newAccount('errors').email;
    await page.getByLabel('Work email address').fill(email);
    await page.getByLabel('Choose a password').fill('password');
    await submit(page, 'Create account');
    await assertFieldError(page, 'Choose a password', TOO_COMMON);
    await assertFieldFine(page, 'Work email address');
    await assertFieldFine(page, 'Your name');
    assert.equal(await page.getByLabel('Your name').inputValue(), name, 'the name is still kept');
    assert.equal(await page.getByLabel('Work email address').inputValue(), email, 'the new email is kept');
  });

  // A form's outcome belongs to the answer to that post. Coming back to the
  // form later (a new visit, a reload, the next person at a shared
  // computer) must show a fresh form, not the old errors and details.
  test(`a form's errors and typed details are shown once (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const email = newAccount('once').email;
    await visit(page, '/register');
    await fillRegistration(page, { name: 'Shown Once', email, password: 'short' });
    await submit(page, 'Create account');
    await shows(page.getByRole('alert'), 'the error summary');

    await visit(page, '/');
    await visit(page, '/register');
    await shows(heading(page, 'Create an account'), 'the register page');
    assert.equal(await page.getByRole('alert').count(), 0, 'the old error summary is gone on a new visit');
    assert.equal(await page.locator('.field-message').count(), 0, 'the old field messages are gone');
    assert.equal(await page.getByLabel('Your name').inputValue(), '', 'the old name is not filled in');
    assert.equal(await page.getByLabel('Work email address').inputValue(), '', 'the old email is not filled in');
  });
}
