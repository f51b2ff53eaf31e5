// Journey 1: a new member of staff registers, confirms their email from the
// outbox link, signs in, sees the navigation for their role, and signs out.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CHECK_EMAIL,
  DEMO,
  GUEST_HEADING,
  VARIANTS,
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
