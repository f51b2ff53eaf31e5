// Journey 3: after five wrong passwords for an account, sign-in is paused
// for that account, even with the right password.
//
// Budget: each variant records exactly five failures (throttled attempts
// are not counted), 20 per run. The server also pauses a whole client
// address after 50 failures in 15 minutes, and every test signs in from
// 127.0.0.1, so no other browser test may enter a wrong password, and
// more than two runs against one server within 15 minutes will trip it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  VARIANTS,
  createVerifiedAccount,
  heading,
  openPage,
  shows,
  submit,
  useBrowser,
  visit,
} from '../support/browser.mjs';

const chrome = useBrowser();
const WRONG = 'The email address or password is not right.';
const THROTTLED = 'Too many attempts. Please wait 15 minutes and try again.';

async function attempt(page, email, password) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
  return page.getByRole('alert');
}

for (const variant of VARIANTS) {
  test(`six wrong passwords pause signing in (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const account = await createVerifiedAccount(chrome.browser, 'throttle');
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await visit(page, '/sign-in');

    for (let n = 1; n <= 5; n += 1) {
      const alert = await attempt(page, account.email, `wrong password ${n}`);
      await shows(alert.filter({ hasText: WRONG }), `"${WRONG}" after wrong password ${n}`);
      assert.equal(
        await alert.filter({ hasText: 'Too many attempts' }).count(),
        0,
        n === 1
          ? 'throttled at the first attempt: this address has used up its 50 failures in 15 minutes ' +
              '(more than two runs against this server in 15 minutes?)'
          : `not throttled at attempt ${n}`,
      );
    }
    const sixth = await attempt(page, account.email, 'wrong password 6');
    await shows(sixth.filter({ hasText: THROTTLED }), `"${THROTTLED}" at the sixth attempt`);
    assert.equal(await sixth.filter({ hasText: WRONG }).count(), 0, 'the sixth answer is the throttle message only');

    // The right password is refused too while the pause lasts.
    const seventh = await attempt(page, account.email, account.password);
    await shows(seventh.filter({ hasText: THROTTLED }), 'the throttle message for the right password');
    const response = await visit(page, '/account');
    assert.equal(response.status(), 401, 'no session was started');
    await shows(heading(page, 'Please sign in'), '"Please sign in" on /account');
  });
}
