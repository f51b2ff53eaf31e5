// Journey: a mentor on shifts turns their weekly times into a two-week
// rota with a night, is told beside the field when a time is not on a
// five-minute mark (keeping what they typed), previews the next four weeks
// before saving, then saves and sees which rota week today is.
// Desktop with JavaScript and a 360px phone without; axe on every step.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, VARIANTS, axeViolations, describeViolations, openPage, shows, signIn, submit, useBrowser, visit,
} from '../support/browser.mjs';
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
  test(`a two-week rota with a night, previewed then saved (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const { mentor } = await newPair(BASE_URL, 'rota');
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, mentor);
    await visit(page, '/availability');
    await shows(page.getByRole('group', { name: 'Weekly times' }), 'the weekly times');
    await checked(page);

    await page.getByLabel('Your times repeat').selectOption('2');
    await page.getByLabel('Week 1 of the rota starts').fill(londonDate(0));
    if (!variant.js) {
      // Without JavaScript the second week's days come with the preview.
      await submit(page, 'Preview the next four weeks');
    }
    const week1 = page.getByRole('group', { name: 'Week 1', exact: true });
    const week2 = page.getByRole('group', { name: 'Week 2', exact: true });
    await shows(week2, 'the second week of the rota');
    await week1.getByLabel('Tuesday').fill('09:00-12:00\n20:00-02:00');
    await week2.getByLabel('Monday').fill('09:00-09:07');
    await week2.getByLabel('Thursday').fill('13:00-16:00');
    await submit(page, 'Preview the next four weeks');
    await shows(week2.getByText(/Week 2, Monday: 09:07: use a time on a five-minute mark/), 'the error beside the field');
    assert.equal(await week2.getByLabel('Monday').inputValue(), '09:00-09:07', 'what was typed is kept');
    assert.equal(await week1.getByLabel('Tuesday').inputValue(), '09:00-12:00\n20:00-02:00', 'the night is kept');
    await checked(page);

    await week2.getByLabel('Monday').fill('');
    await submit(page, 'Preview the next four weeks');
    await shows(page.getByText('This is a preview: nothing is saved yet.', { exact: false }), 'the preview notice');
    const preview = page.locator('.availability-preview');
    await shows(preview.getByText('Today is in week 1 of your 2-week rota.'), 'which rota week today is');
    // The night gives times either side of midnight, on the day it reaches.
    await shows(preview.getByText(/^Tuesday \d{1,2} \w+: 09:00, 10:15, 20:00, 21:15, 22:30, 23:45$/), 'a Tuesday night in the preview');
    await shows(preview.getByText(/^Wednesday \d{1,2} \w+: 01:00, 09:00, 10:15$/), 'the night after midnight');
    await shows(preview.getByText(/\(rota week 2\)/), 'the second rota week named');
    await shows(preview.getByText(/^Thursday \d{1,2} \w+: 13:00, 14:15$/), 'week 2\'s Thursday');
    await checked(page);

    await submit(page, 'Save availability');
    await shows(page.getByText('Your availability is saved.', { exact: false }), 'the saved notice');
    await visit(page, '/availability');
    await shows(page.getByText('Today is in week 1 of your 2-week rota.'), 'the rota week after saving');
    assert.equal(await page.getByLabel('Your times repeat').inputValue(), '2');
    assert.equal(
      await page.getByRole('group', { name: 'Week 1', exact: true }).getByLabel('Tuesday').inputValue(),
      '09:00-12:00\n20:00-02:00',
    );
    await checked(page);
  });
}
