// Journey: two mentors alike in everything but their times; a member of
// staff who can meet on Tuesday evenings asks for a mentor; the
// coordinator sees the one free on Tuesday evenings suggested first, with
// that reason, and the other ranked after every mentor with times in
// common, with "No times in common yet".
// Desktop with JavaScript and a 360px phone without; axe on the page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, DEMO, VARIANTS, axeViolations, describeViolations, openPage, shows, signIn, useBrowser, visit,
} from '../support/browser.mjs';
import { call, confirmedAccount, signIn as apiSignIn, uniqueEmail } from '../support/client.mjs';
import { newPair } from '../support/mentors.mjs';

const chrome = useBrowser();
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];
const ok = (res, what) => assert.equal(res.status, 200, `${what}: ${res.text}`);

async function tuesdayEveningRequest(label) {
  const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = await confirmedAccount(BASE_URL, coordinator, { email: uniqueEmail(`${label}-staff`), name: `${label} staff` });
  const session = await apiSignIn(BASE_URL, account.email, account.password);
  ok(await call(BASE_URL, 'save_request', new URLSearchParams([
    ['goal', 'Finding time around nights'], ['topics[]', 'stress'], ['days[]', 'tue'], ['times[]', 'evening'],
    ['organisation', ''], ['share_with_mentor', '1'], ['intent', 'submit'],
  ]), { cookie: session }), 'request');
  const id = (await call(BASE_URL, 'load_my_request', {}, { cookie: session })).json.current.id;
  return { id, coordinator };
}

for (const variant of JOURNEYS) {
  test(`the mentor free on the mentee's Tuesday evenings is suggested first (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const label = `overlap${Date.now() % 100000}`;
    const mornings = (await newPair(BASE_URL, `${label}a`)).mentor;
    const evenings = (await newPair(BASE_URL, `${label}b`)).mentor;
    const weekday = '09:00-12:00';
    ok(await call(BASE_URL, 'save_availability', {
      day_monday: weekday, day_tuesday: `${weekday}\n18:00-21:00`, day_wednesday: weekday, day_thursday: weekday,
      day_friday: weekday, day_saturday: '', day_sunday: '', time_zone: 'Europe/London', session_minutes: '60',
      buffer_minutes: '15', notice_hours: '24', max_per_week: '5', room: 'Room 1', video_link: '', phone: '',
    }, { cookie: evenings.session }), 'Tuesday evenings');
    const { id, coordinator } = await tuesdayEveningRequest(label);

    // Every suggestion, in order, as the page is drawn from it.
    const detail = (await call(BASE_URL, 'load_request', { request_id: String(id) }, { cookie: coordinator })).json.Coordinator;
    const place = (mentor) => detail.suggestions.findIndex((s) => s.mentor_id === mentor.id);
    assert.ok(place(evenings) >= 0 && place(evenings) < place(mornings), 'the mentor free on Tuesday evenings ranks first');
    const theirs = (mentor) => detail.suggestions[place(mentor)].reasons;
    assert.ok(theirs(evenings).includes('Free when you said you could meet: Tuesday evenings'), theirs(evenings).join('; '));
    assert.ok(theirs(mornings).includes('No times in common yet'), theirs(mornings).join('; '));
    const withTimes = detail.suggestions.filter((s) => s.reasons.includes('No times in common yet') === false).length;
    assert.ok(place(mornings) >= withTimes, 'no times in common ranks after every mentor with some');

    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.coordinator);
    await visit(page, `/requests/${id}`);
    const card = page.locator('li.suggestion').filter({ hasText: evenings.name });
    await shows(card.getByText('Free when you said you could meet: Tuesday evenings', { exact: true }), 'the reason on the page');
    const names = await page.locator('li.suggestion h3').allInnerTexts();
    const shown = (mentor) => names.findIndex((n) => n.startsWith(mentor.name));
    assert.ok(shown(evenings) >= 0, 'the Tuesday-evening mentor is among those shown');
    assert.ok(shown(mornings) === -1 || shown(mornings) > shown(evenings), 'and before the other');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), false, 'no sideways scrolling');
  });
}
