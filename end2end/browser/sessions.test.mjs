// Journey: the mentor opens a time on Saturday; the mentee books a session
// with an agenda; both see it; the mentee moves it; the mentor cancels
// and the mentee sees why. A member of staff with no mentor cannot book.
// Desktop with JavaScript and a 360px phone without; axe on every page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, DEMO, VARIANTS, axeViolations, createVerifiedAccount, describeViolations, follow, openPage, shows, signIn, submit, useBrowser, visit,
} from '../support/browser.mjs';
import { call } from '../support/client.mjs';
import { londonDate, newPair } from '../support/mentors.mjs';

const chrome = useBrowser();
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];

async function checked(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(sideways, false, `no sideways scrolling on ${page.url()}`);
}

for (const variant of JOURNEYS) {
  test(`book, move and cancel a session (${variant.name})`, { timeout: 180_000 }, async (t) => {
    // Each run's agenda is its own, so its card is found among earlier ones.
    const topic = `band 7 interview ${Date.now()}`;
    const mentee = await openPage(chrome.browser, variant);
    const mentor = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [mentee, mentor]) await p.context().close();
    });

    await signIn(mentor, DEMO.mentor);
    await visit(mentor, '/availability');
    await checked(mentor);
    await mentor.getByLabel('Saturday').fill(variant.js ? '10:00-13:00' : '10:00-13:00\n14:00-16:00');
    await submit(mentor, 'Save availability');
    await shows(mentor.getByText('Your availability is saved.', { exact: false }), 'the saved notice');

    await signIn(mentee, DEMO.mentee);
    await visit(mentee, '/sessions');
    await checked(mentee);
    await follow(mentee, mentee.getByRole('link', { name: 'Book a session with Tom Okafor' }), /\/sessions\/book\?/);
    await shows(mentee.getByRole('heading', { name: 'Book a session with Tom Okafor' }), 'the booking page');
    await checked(mentee);
    await follow(mentee, mentee.getByRole('link', { name: 'Month' }), /view=month/);
    await shows(mentee.getByRole('table', { name: 'Free times in the next eight weeks' }), 'the month view');
    // One current view, and days without times read as words, not as a
    // label on a span that screen readers skip.
    assert.equal(await mentee.locator('.view-switch [aria-current="page"]').count(), 1, 'one current view');
    assert.equal(await mentee.locator('.view-switch [aria-current="page"]').textContent(), 'Month');
    assert.equal(await mentee.locator('span[aria-label]').count(), 0, 'no label on a span');
    assert.ok((await mentee.locator('.month-day').allTextContents()).some((t) => t.includes(': no free times')), 'empty days say so');
    await checked(mentee);
    await follow(mentee, mentee.getByRole('link', { name: 'Week', exact: true }), (url) => !url.search.includes('view=month'));
    // A Saturday slot in a later week: the time the mentor just opened.
    // (The page opens on the first week with a free time, not always this one.)
    await follow(mentee, mentee.getByRole('link', { name: 'Later week' }), /week=[1-7]/);
    const saturday = mentee.getByRole('link', { name: /^Saturday .*, 10:00$/ });
    await follow(mentee, saturday, /at=\d+/);
    await shows(mentee.getByRole('heading', { name: /^Your chosen time: Saturday/ }), 'the chosen time');
    await mentee.getByLabel('Video call').check();
    await mentee.getByLabel('Agenda (optional)').fill(`Private: preparing for my ${topic}`);
    await checked(mentee);
    await submit(mentee, 'Book this session');
    await shows(mentee.getByText('Your session is booked.', { exact: false }), 'the booked notice');

    await visit(mentee, '/sessions');
    const card = mentee.locator('.session-card', { hasText: topic });
    await shows(card, 'the booked session with its agenda');
    await shows(card.getByText(/^Saturday .* 10:00 (GMT|BST)$/), 'its time');

    await visit(mentor, '/sessions');
    const his = mentor.locator('.session-card', { hasText: topic });
    await shows(his.getByText('Booked with your mentee, Priya Shah'), 'the session on the mentor\'s page');

    // The mentee moves it to another free time.
    await follow(mentee, card.getByRole('link', { name: /^Move this session/ }), /moving=\d+/);
    await shows(mentee.getByRole('heading', { name: /^Move your session of Saturday/ }), 'the move page');
    await follow(mentee, mentee.getByRole('link', { name: 'Later week' }), /week=[1-7]/);
    await follow(mentee, mentee.getByRole('link', { name: /^Saturday .*, 11:15$/ }), /at=\d+/);
    await submit(mentee, 'Move the session to this time');
    await shows(mentee.getByText('The session has moved.', { exact: false }), 'the moved notice');
    await visit(mentee, '/sessions');
    await shows(mentee.locator('.session-card', { hasText: topic }).getByText(/^Saturday .* 11:15 (GMT|BST)$/), 'the new time');

    // The mentor cancels, saying why; the reason is required.
    await visit(mentor, '/sessions');
    const moved = mentor.locator('.session-card', { hasText: topic });
    await submit(mentor, 'Cancel this session', moved);
    await shows(mentor.getByText('Tell your mentee why, so they know what happens next.'), 'the reason asked for');
    await mentor.locator('.session-card', { hasText: topic }).getByLabel('Reason (your mentee will see it)').fill('I am on call that weekend');
    await submit(mentor, 'Cancel this session', mentor.locator('.session-card', { hasText: topic }));
    await shows(mentor.getByText('The session is cancelled.', { exact: false }), 'the cancelled notice');
    await checked(mentor);

    await visit(mentee, '/sessions');
    // Who cancelled and when, then why; never "Cancelled with your mentor".
    const gone = mentee.locator('.session-card', { hasText: topic });
    await shows(gone.getByText(/^Cancelled by your mentor, Tom Okafor, on \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d (GMT|BST)\.$/), 'who cancelled, and when');
    await shows(gone.getByText('Reason: I am on call that weekend', { exact: true }), 'why, for the mentee');
    assert.equal(await gone.getByText('Cancelled with', { exact: false }).count(), 0, 'not "cancelled with"');
    const mine = mentor.locator('.session-card', { hasText: topic });
    await shows(mine.getByText(/^Cancelled by you on .*\. It was with your mentee, Priya Shah\.$/), 'the mentor\'s own cancellation');
    await checked(mentee);
  });
}

for (const variant of JOURNEYS) {
  test(`the booking page opens on the first week with a free time (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const { mentor, mentee, requestId } = await newPair(BASE_URL, 'firstweek');
    // Away from today to the same day next week: this week has no free time.
    const leave = await call(BASE_URL, 'add_availability_exception',
      { kind: 'leave', first_day: londonDate(0), last_day: londonDate(6), starts_at: '', ends_at: '' }, { cookie: mentor.session });
    assert.equal(leave.status, 200, leave.text);
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, mentee);
    await visit(page, `/sessions/book?with=${requestId}`);
    const next = page.getByText(/^The next free time is \w+day \d{1,2} \w+ at \d\d:\d\d\.$/);
    await shows(next, 'when the next free time is');
    const [, day, time] = /is (.+) at (\d\d:\d\d)\.$/.exec(await next.innerText());
    await shows(page.getByRole('link', { name: `${day}, ${time}`, exact: true }), 'that time, in the week shown');
    await checked(page);
    const shown = await page.locator('h2.week-label').innerText();
    await follow(page, page.getByRole('link', { name: 'Earlier week' }), /week=\d/);
    // With JavaScript the week is drawn again once its data is in.
    await page.waitForFunction((before) => document.querySelector('h2.week-label')?.innerText !== before, shown);
    await shows(page.getByRole('link', { name: 'Later week' }), 'the week before');
    assert.equal(await page.locator('a.slot').count(), 0, 'no free time before the one named');
  });
}

test('a member of staff with no mentor cannot book', { timeout: 60_000 }, async (t) => {
  const account = await createVerifiedAccount(chrome.browser, 'nomentor');
  const page = await openPage(chrome.browser, VARIANTS[2]);
  t.after(() => page.context().close());
  await signIn(page, account);
  await visit(page, '/sessions');
  await shows(page.getByText('You can book sessions once you are matched with a mentor.'), 'the explanation');
  await visit(page, '/sessions/book?with=1');
  await shows(page.getByText('You can book only with the mentor you are matched with', { exact: false }), 'the refusal');
  await checked(page);
});
