// Journey: a mentee on her booking page says she can usually meet on
// Tuesday evenings; the times that suit her are then listed first and
// marked in the week and the month; her mentor reads "… can usually meet:
// Tuesdays; evenings" on their relationship page.
// Desktop with JavaScript and a 360px phone without; axe on the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, VARIANTS, axeViolations, describeViolations, follow, openPage, reveal, shows, signIn, submit,
  useBrowser, visit,
} from '../support/browser.mjs';
import { call } from '../support/client.mjs';
import { newPair } from '../support/mentors.mjs';

const chrome = useBrowser();
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];

for (const variant of JOURNEYS) {
  test(`a mentee's Tuesday evenings come first on her booking page (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const { mentor, mentee, requestId } = await newPair(BASE_URL, `times${Date.now() % 100000}`);
    const weekday = '09:00-12:00';
    const saved = await call(BASE_URL, 'save_availability', {
      day_monday: weekday, day_tuesday: `${weekday}\n18:00-21:00`, day_wednesday: weekday, day_thursday: weekday,
      day_friday: weekday, day_saturday: '', day_sunday: '', time_zone: 'Europe/London', session_minutes: '60',
      buffer_minutes: '0', notice_hours: '24', max_per_week: '5', room: 'Room 1', video_link: '', phone: '',
    }, { cookie: mentor.session });
    assert.equal(saved.status, 200, saved.text);

    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, mentee);
    await visit(page, `/sessions/book?with=${requestId}`);
    assert.equal(await page.locator('.suiting').count(), 0, 'nothing said, nothing listed first');
    const form = page.locator('details.meeting-times');
    await reveal(form.getByRole('button', { name: 'Save when I can meet', includeHidden: true }));
    await form.getByRole('group', { name: 'Days you can usually meet' }).getByLabel('Tuesday').check();
    await form.getByRole('group', { name: 'Times of day' }).getByLabel('Evenings').check();
    await submit(page, 'Save when I can meet', form);
    await shows(page.getByText('Saved. Your mentor sees when you can usually meet.'), 'the notice');
    await shows(page.getByText('You can usually meet: Tuesdays; evenings. Change this'), 'what she said, in words');

    // Listed first: Tuesday evening times only, each marked.
    const first = page.getByRole('region', { name: 'Times that suit you' });
    await shows(first, 'the times that suit her, first');
    const listed = await first.getByRole('link').allInnerTexts();
    assert.ok(listed.length >= 2, listed.join(' | '));
    for (const text of listed) assert.match(text, /^✓?\s*Tuesday .*, (18|19|20):00$/, text);
    // In the week, a suiting time says so in its name.
    const marked = page.locator('.slot-week a.slot-suits');
    if ((await marked.count()) > 0) {
      assert.match(await marked.first().getAttribute('aria-label'), /^Tuesday .*, (18|19|20):00 \(suits you\)$/);
    }
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scrolling');

    // The month: the days with times that suit are ticked, and only Tuesdays.
    // With JavaScript the address changes before the month has drawn: the
    // key under the month says it is there.
    await follow(page, page.getByRole('link', { name: 'Month' }), /view=month/);
    await shows(page.getByText('✓ marks days with times that suit you.'), 'the key to the ticks');
    const ticked = page.locator('a.month-suits');
    assert.ok((await ticked.count()) >= 1, 'some days are ticked');
    for (const label of await ticked.evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')))) {
      assert.match(label, /^Tuesday .*: \d+ times?, \d suits? you$/, label);
    }
    const monthViolations = await axeViolations(page);
    assert.deepEqual(monthViolations, [], describeViolations(monthViolations));

    // Her mentor reads it on their relationship page.
    const his = await openPage(chrome.browser, variant);
    t.after(() => his.context().close());
    await signIn(his, mentor);
    await visit(his, `/mentoring/${requestId}`);
    const term = his.locator('dt', { hasText: `${mentee.name} can usually meet` });
    await shows(term, 'the mentee\'s times on the mentor\'s page');
    assert.equal(await term.locator('xpath=following-sibling::dd[1]').innerText(), 'Tuesdays; evenings');
  });
}
