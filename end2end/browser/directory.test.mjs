// Journey: a member of staff finds a mentor in the directory by topic and
// area; the counts beside each filter match the results; the address
// carries the search (reload and back give the same page); a mentor whose
// accreditation lapsed is not listed. Then a mentor edits their profile, a
// coordinator approves it, and the change shows in the directory.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEMO,
  VARIANTS,
  eventually,
  heading,
  openPage,
  shows,
  signIn,
  submit,
  useBrowser,
  visit,
} from '../support/browser.mjs';

const chrome = useBrowser();

// Written out by hand from the demo data: the generated mentors who are
// listed, in Leicestershire, and happy to discuss bullying or harassment.
// Grace Whitfield matches too but her accreditation has lapsed.
const BULLYING_IN_LEICESTERSHIRE = [
  'Callum Taylor',
  'Emeka Morgan',
  'Fiona Shah',
  'Mohammed Wilson',
  'Rebecca Williams',
  'Tomasz Thompson',
  'Una Chowdhury',
  'Zainab Wright',
];

function resultNames(page) {
  return page.locator('ol.results h3 a').allInnerTexts();
}

function resultsHeading(page) {
  return page.locator('#results-heading').innerText();
}

/** The number shown beside a filter, e.g. "Leicestershire (7)" gives 7. */
async function countBeside(page, label) {
  const text = await page.locator('label.check').filter({ hasText: new RegExp(`^${label} \\(\\d+\\)$`) }).textContent();
  return Number(/\((\d+)\)\s*$/.exec(text)[1]);
}

/** The number a widening filter adds, e.g. "Doctor (+28)" gives 28. */
async function addedBeside(page, label) {
  const text = await page.locator('label.check').filter({ hasText: new RegExp(`^${label} \\(\\+\\d+\\)$`) }).textContent();
  return Number(/\(\+(\d+)\)\s*$/.exec(text)[1]);
}

/**
 * Ticks a filter and waits for the results to follow: with JavaScript
 * they refresh by themselves; without it the person presses the button.
 * On a phone the filters sit in a drawer that is opened first.
 */
async function tick(page, variant, label) {
  const drawer = page.locator('details.filters');
  if (!(await drawer.evaluate((d) => d.open || getComputedStyle(d.querySelector('summary')).display === 'none'))) {
    await drawer.locator('summary').click();
  }
  const box = page.getByRole('checkbox', { name: new RegExp(`^${label} \\(`) });
  const before = page.url();
  if (variant.js) {
    const answered = page.waitForResponse((r) => r.url().includes('/api/search_directory'));
    await box.check();
    await (await answered).finished();
    await page.waitForURL((url) => url.href !== before);
    // The results and counts are drawn in the frame after the answer.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  } else {
    await box.check();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Apply filters' }).click()]);
  }
}

function expectedHeading(n) {
  return n === 0 ? 'No mentors match your search' : n === 1 ? '1 mentor found' : `${n} mentors found`;
}

for (const variant of VARIANTS) {
  test(`find a mentor by topic and area (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);
    await visit(page, '/directory');
    await shows(heading(page, 'Find a mentor'), 'the directory');

    await tick(page, variant, 'Bullying/harassment');
    const leicestershire = await countBeside(page, 'Leicestershire');
    await tick(page, variant, 'Leicestershire');
    await eventually(() => resultsHeading(page), expectedHeading(leicestershire), 'the count beside Leicestershire');
    const names = (await resultNames(page)).sort();
    assert.deepEqual(names, [...BULLYING_IN_LEICESTERSHIRE].sort(), 'bullying/harassment in Leicestershire');
    assert.ok(!names.includes('Grace Whitfield'), 'a lapsed mentor is not listed');

    const url = new URL(page.url());
    assert.ok(![...url.searchParams.keys()].includes(''), `no unnamed field in the address: ${url.search}`);
    assert.deepEqual(url.searchParams.getAll('topic'), ['bullying-harassment']);
    assert.deepEqual(url.searchParams.getAll('area'), ['leicestershire']);

    // A count beside a profession is the number of results it leads to.
    const nurses = await countBeside(page, 'Nurse');
    await tick(page, variant, 'Nurse');
    await eventually(() => resultsHeading(page), expectedHeading(nurses), 'the count beside Nurse');

    // Reload: the same search. Back: the search before.
    await page.reload();
    if (variant.js) await page.waitForFunction(() => window.__mwHydrated === true);
    await eventually(() => resultsHeading(page), expectedHeading(nurses), 'the same results after reload');
    assert.equal(await page.getByRole('checkbox', { name: /^Nurse \(/, includeHidden: true }).isChecked(), true);
    await page.goBack();
    await eventually(async () => (await resultNames(page)).sort(), names, 'back gives the earlier results');
    assert.equal(await page.getByRole('checkbox', { name: /^Nurse \(/, includeHidden: true }).isChecked(), false);

    // Once a profession is ticked, another adds its mentors: "+N".
    await visit(page, '/directory?profession=nurse');
    const allNurses = await countBeside(page, 'Nurse');
    await eventually(() => resultsHeading(page), expectedHeading(allNurses), 'every listed nurse');
    const doctors = await addedBeside(page, 'Doctor');
    assert.ok(doctors > 0, 'some doctors to add');
    await tick(page, variant, 'Doctor');
    await eventually(() => resultsHeading(page), expectedHeading(allNurses + doctors), 'nurses and the doctors added');

    // The lapsed mentor cannot be found by name either.
    await visit(page, '/directory?q=Whitfield');
    await shows(page.getByRole('heading', { name: 'No mentors match your search' }), 'the empty state');
  });

  test(`the open filters keep their button in view (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);
    await visit(page, '/directory');
    const drawer = page.locator('details.filters');
    const phone = await drawer.locator('summary').isVisible();
    if (phone) await drawer.locator('summary').click();
    // Deep in the list of boxes, far below the results' count.
    await page.getByRole('checkbox', { name: /^Nurse \(/ }).scrollIntoViewIfNeeded();
    const button = drawer.locator('.filters-footer button');
    const box = await button.boundingBox();
    const height = page.viewportSize().height;
    assert.ok(box.y >= 0 && box.y + box.height <= height, `the button is on screen: ${JSON.stringify(box)} in ${height}`);
    assert.ok(box.height >= 44, 'a 44 px target');
    if (!variant.js) {
      assert.equal(await button.innerText(), 'Apply filters');
      return;
    }
    await tick(page, variant, 'Nurse');
    const heading = await resultsHeading(page);
    const n = Number(/^(\d+) mentors found$/.exec(heading)[1]);
    await eventually(() => button.innerText(), `Show ${n} mentors`, 'the count on the button');
    await button.click();
    if (phone) assert.equal(await drawer.evaluate((d) => d.open), false, 'the drawer closes');
    await eventually(
      () => page.locator('#results-heading').evaluate((h) => h.getBoundingClientRect().top > -2 && h.getBoundingClientRect().top < innerHeight),
      true,
      'the results heading in view',
    );
  });

  test(`words typed in the address that we do not know are ignored with a notice (${variant.name})`, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);
    const response = await visit(page, '/directory?topic=astrology&page=999&area=leicestershire');
    assert.equal(response.status(), 200);
    await shows(page.getByText(/We ignored the topic .astrology./), 'the ignored-topic notice');
    await shows(page.getByText(/so we show the last one/), 'the page-out-of-range notice');
  });
}

for (const variant of VARIANTS) {
  test(`a mentor edits their profile, a coordinator approves it, staff see the change (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const marker = `Sleep medicine ${Date.now().toString(36)}`;
    const mentor = await openPage(chrome.browser, variant);
    const coordinator = await openPage(chrome.browser, variant);
    const mentee = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [mentor, coordinator, mentee]) await p.context().close();
    });
    await signIn(mentor, DEMO.mentor);
    await visit(mentor, '/profile');
    await mentor.getByLabel('Specialty or area of work').fill(marker);
    await submit(mentor, 'Send for approval');
    await shows(mentor.getByText('Your profile has gone to a coordinator for approval.'), 'the sent notice');

    // Not live until approved: staff still see the approved version.
    await signIn(mentee, DEMO.mentee);
    await visit(mentee, `/directory?q=${encodeURIComponent(marker)}`);
    await shows(mentee.getByRole('heading', { name: 'No mentors match your search' }), 'no match before approval');

    await signIn(coordinator, DEMO.coordinator);
    await visit(coordinator, '/coordinator/profiles');
    await shows(coordinator.getByText(marker), 'the change waiting for approval');
    await submit(coordinator, 'Approve Tom Okafor');
    await shows(coordinator.getByText('Approved. The profile is now live in the directory.'), 'the approval notice');

    await visit(mentee, `/directory?q=${encodeURIComponent(marker)}`);
    await shows(mentee.getByRole('heading', { name: '1 mentor found' }), 'the approved change in the directory');
    assert.deepEqual(await resultNames(mentee), ['Tom Okafor']);
  });
}
