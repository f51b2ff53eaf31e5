// The home page knows what each person needs next: a new member of staff
// is shown how to start, the demo mentee her mentor with booking, the demo
// mentor their mentee, listing and availability, and a coordinator what is
// waiting. Desktop with JavaScript and 360 px without.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  DEMO,
  VARIANTS,
  axeViolations,
  describeViolations,
  follow,
  heading,
  openPage,
  shows,
  signIn,
  useBrowser,
  visit,
} from '../support/browser.mjs';
import { confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';

const chrome = useBrowser();
const CHOSEN = [VARIANTS[0], VARIANTS[3]];

function nextSection(page) {
  return page.getByRole('region', { name: 'What\u2019s next' });
}

async function home(page, who) {
  await signIn(page, who);
  await visit(page, '/');
  await shows(nextSection(page), 'the "What\u2019s next" section');
  return nextSection(page);
}

for (const variant of CHOSEN) {
  test(`a new member of staff is shown how to start (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
    const account = await confirmedAccount(BASE_URL, coordinator, { name: 'Nia Newcomer' });
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const next = await home(page, account);
    await shows(next.getByRole('heading', { name: 'Start with a mentor' }), 'the first steps');
    await shows(next.getByRole('link', { name: 'Train to be a mentor' }), 'training');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe violations:\n${describeViolations(violations)}`);
    await follow(page, next.getByRole('link', { name: 'Ask for a mentor' }), '**/request');
    await shows(heading(page, 'Ask for a mentor'), 'the request form');
  });

  test(`a matched mentee sees their mentor and can book (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const next = await home(page, DEMO.mentee);
    await shows(next.getByRole('heading', { name: `Your mentor, ${DEMO.mentor.name}` }), 'her mentor');
    assert.match(await next.innerText(), /Next session: |No session booked yet\./);
    await shows(next.getByRole('link', { name: 'Resources for mentees' }), 'resources for mentees');
    assert.equal(await next.getByRole('heading', { name: 'Start with a mentor' }).count(), 0, 'no first steps');
    await follow(page, next.getByRole('link', { name: 'Book a session' }), '**/sessions/book?with=*');
    await shows(heading(page, /^Book a session/), 'the booking page');
  });

  test(`a mentor sees their mentee, listing and availability (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const next = await home(page, DEMO.mentor);
    const card = next.locator('.next-card').filter({ has: page.getByRole('heading', { name: 'As a mentor' }) });
    assert.match(await card.innerText(), /Your profile is listed in the directory\. Refresher due by /);
    await shows(card.getByRole('link', { name: 'Your availability' }), 'availability, already set');
  });

  test(`a coordinator sees what is waiting (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const next = await home(page, DEMO.coordinator);
    const card = next.locator('.next-card').filter({ has: page.getByRole('heading', { name: 'Waiting for coordinators' }) });
    const text = await card.innerText();
    assert.match(text, /requests? waiting for a mentor|No requests waiting/);
    assert.match(text, /\d+ profiles? to approve\./);
    assert.match(text, /\d+ relationships? gone quiet\./);
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe violations:\n${describeViolations(violations)}`);
    await follow(page, card.getByRole('link', { name: /to approve\.$/ }), '**/coordinator/profiles');
  });
}
