// Journey 1: a new member of staff registers, confirms their email from the
// outbox link, signs in, sees the navigation for their role, and signs out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  CHECK_EMAIL,
  DEMO,
  GUEST_HEADING,
  VARIANTS,
  axeViolations,
  describeViolations,
  eventually,
  fillRegistration,
  follow,
  heading,
  navLink,
  navItems,
  newAccount,
  openPage,
  shows,
  signIn,
  submit,
  useBrowser,
  verificationPath,
  visit,
} from '../support/browser.mjs';
import { call } from '../support/client.mjs';

const chrome = useBrowser();

for (const variant of VARIANTS) {
  test(`register, confirm, sign in, sign out (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const account = newAccount('journey');

    await visit(page, '/register');
    await fillRegistration(page, account);
    await submit(page, 'Create account');
    await shows(page.getByRole('status').filter({ hasText: CHECK_EMAIL }), 'the "we have sent a link" notice');
    // Done, so the form goes: filled in with its button, it would invite sending it again.
    await shows(page.getByRole('link', { name: 'Go to sign in' }), 'where to go next');
    assert.equal(await page.getByRole('button', { name: 'Create account' }).count(), 0, 'no button to send it again');
    assert.equal(await page.getByLabel('Your name').count(), 0, 'no form still filled in');

    // Not confirmed yet, so signing in is refused with a reason.
    await visit(page, '/sign-in');
    await page.getByLabel('Email address').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await submit(page, 'Sign in');
    await shows(
      page.getByRole('alert').filter({ hasText: 'Please confirm your email address first' }),
      'the "confirm your email first" error',
    );

    const link = await verificationPath(chrome.browser, account.email);
    await visit(page, link);
    await submit(page, 'Confirm my email address');
    await shows(
      page.getByRole('status').filter({ hasText: 'Your email address is confirmed. You can now sign in.' }),
      'the confirmation notice',
    );
    // The link works once: pressed again (here from another browser, so
    // nothing this one remembers can colour the answer) it is refused.
    const again = await openPage(chrome.browser, variant);
    t.after(() => again.context().close());
    await visit(again, link);
    await submit(again, 'Confirm my email address');
    await shows(
      again.getByRole('alert').filter({ hasText: 'This link has expired or has already been used' }),
      'the "link already used" error',
    );

    await signIn(page, account);
    await shows(heading(page, `Welcome, ${account.name}`), `"Welcome, ${account.name}"`);
    await shows(page.getByText('You are signed in as mentee.', { exact: true }), 'the role sentence');
    // A mentee has no Coordinator link.
    await eventually(() => navItems(page), ['Home', 'Find a mentor', 'Ask for a mentor', 'Sessions', 'Resources', 'Training', 'Your account', 'Sign out'], 'mentee navigation');

    await follow(page, navLink(page, 'Your account'), '**/account');
    await shows(heading(page, 'Your account'), 'the account page');
    await shows(page.locator('dd').filter({ hasText: account.email }), 'the account email in the summary');

    await submit(page, 'Sign out');
    await eventually(() => navItems(page), ['Resources', 'Training', 'Sign in', 'Create an account'], 'navigation after signing out');
    await shows(heading(page, GUEST_HEADING), 'the guest home page after signing out');

    const response = await visit(page, '/account');
    assert.equal(response.status(), 401);
    await shows(heading(page, 'Please sign in'), '"Please sign in" on /account after signing out');
  });

  test(`the coordinator has a Coordinator link (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());

    await signIn(page, DEMO.coordinator);
    await shows(page.getByText('You are signed in as mentee and coordinator.', { exact: true }), 'the role sentence');
    await eventually(
      () => navItems(page),
      ['Home', 'Find a mentor', 'Ask for a mentor', 'Sessions', 'Resources', 'Training', 'Coordinator', 'Your account', 'Sign out'],
      'coordinator navigation',
    );
    await follow(page, navLink(page, 'Coordinator'), '**/coordinator');
    await shows(heading(page, 'Coordinator overview'), 'the coordinator overview');
  });
}

// In the demo (no mail server) the outbox is how emailed links are
// reached, so they are links there, not text to copy.
for (const variant of [VARIANTS[0], VARIANTS[3]]) {
  test(`an emailed link is followed from the outbox (${variant.name})`, { timeout: 90_000 }, async (t) => {
    const account = newAccount('outbox');
    const made = await call(BASE_URL, 'register', { display_name: account.name, email: account.email, password: account.password });
    assert.equal(made.status, 200, made.text);
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.coordinator);
    await visit(page, '/coordinator/outbox');
    await shows(page.getByText('select a link in an email to follow it', { exact: false }), 'what the links do');
    const email = page.locator('li.outbox-email').filter({ hasText: `To: ${account.email}` }).first();
    const link = email.getByRole('link', { name: /\/verify-email\?token=[0-9a-f]{64}$/ });
    await shows(link, 'the confirmation link, as a link');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await follow(page, link, /\/verify-email\?token=[0-9a-f]{64}$/);
    await submit(page, 'Confirm my email address');
    await shows(page.getByRole('status').filter({ hasText: 'Your email address is confirmed' }), 'the address confirmed');
  });
}
