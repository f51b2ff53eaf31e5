// The service report (issue #17): the coordinator opens it from the
// overview, sees each item's mean beside the study's, a chart with its
// table, and downloads the CSV; a period ending before it starts is
// refused beside the field; a mentee gets 403 for the page, the server
// function and the CSV. Axe clean. Desktop with JavaScript and 360px
// without, on the demo data (a year of answers near the study's means).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { call, signIn as apiSignIn } from '../support/client.mjs';
import {
  BASE_URL,
  DEMO,
  VARIANTS,
  axeViolations,
  describeViolations,
  heading,
  openPage,
  shows,
  signIn,
  visit,
} from '../support/browser.mjs';
import { useBrowser } from '../support/browser.mjs';

const chrome = useBrowser();
const CHOSEN = [VARIANTS[0], VARIANTS[3]];

for (const variant of CHOSEN) {
  test(`the coordinator reads the report and downloads its tables (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.coordinator);
    await visit(page, '/coordinator');
    const link = page.getByRole('link', { name: /^Service report/ });
    await shows(link, 'the report link on the overview');
    const response = await visit(page, '/coordinator/report');
    assert.equal(response.status(), 200);
    await shows(heading(page, /^Service report: /), 'the report heading with its period');

    // Well-being: the mentees' mean at the end beside the study's 4.28.
    const table = page.locator('#item-wellbeing table');
    const row = table.getByRole('row', { name: /^Mentees at the end/ });
    const cells = await row.getByRole('cell').allTextContents();
    const mean = Number(cells[1]);
    assert.ok(Math.abs(mean - 4.28) < 0.2, `mentees' mean at the end ${cells[1]} near the study's`);
    assert.equal(cells[2], '4.28', 'the study mean beside it');
    // Its chart is an image with a text alternative, beside the table.
    const chart = page.locator('#item-wellbeing svg[role="img"]');
    assert.equal(await chart.count(), 1, 'a chart for the table');
    assert.match(await chart.locator('title').textContent(), /well-being/i);

    // The same mentees from the start to six months after the end.
    const later = page.locator('#paired-follow-up table');
    const pair = later.getByRole('row', { name: /^Influence on health and well-being, mentees/ });
    const pairCells = await pair.getByRole('cell').allTextContents();
    assert.ok(Number(pairCells[0]) >= 5, `people paired with their six-month answer: ${pairCells[0]}`);
    assert.match(pairCells[3], /^[+-]\d\.\d\d$/, 'the change from the start');

    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe violations:\n${describeViolations(violations)}`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Download the tables/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^mentorwell-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    assert.ok(csv.startsWith('section,table,row,column,value\r\n'), 'a CSV with its header');
    assert.match(csv, /Mentees at the end,Study mean,4\.28/);
    assert.doesNotMatch(csv, /@|Demo mentee|made a real difference/, 'no names, addresses or free text');

    // An end before the start is named beside the "To" field.
    await visit(page, '/coordinator/report?from=2026-06-30&to=2026-01-01');
    const message = page.locator('#to-error');
    await shows(message, 'the message beside the end of the period');
    assert.match(await message.textContent(), /on or after its start/);
    assert.equal(await page.locator('#period-to').getAttribute('aria-describedby'), 'to-error');
  });

  test(`a mentee cannot open the report or its CSV (${variant.name})`, { timeout: 60_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, DEMO.mentee);
    const response = await visit(page, '/coordinator/report');
    assert.equal(response.status(), 403, 'the page');
    await shows(heading(page, 'You do not have access to this page'), 'the 403 page');
    assert.equal(await page.locator('.report-table, svg.chart').count(), 0, 'no figures');
    const csv = await page.request.get('/api/report.csv');
    assert.equal(csv.status(), 403, 'the CSV');
    assert.doesNotMatch(await csv.text(), /section,table/);
  });
}

test('the report server function is for coordinators only', async () => {
  for (const who of [DEMO.mentee, DEMO.mentor]) {
    const cookie = await apiSignIn(BASE_URL, who.email, who.password);
    assert.equal((await call(BASE_URL, 'load_service_report', { from: '', to: '' }, { cookie })).status, 403);
    const csv = await fetch(`${BASE_URL}/api/report.csv`, { headers: { cookie: `mw_session=${cookie}` } });
    assert.equal(csv.status, 403, `the CSV for ${who.email}`);
  }
  assert.equal((await call(BASE_URL, 'load_service_report', { from: '', to: '' })).status, 401);
  const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const res = await call(BASE_URL, 'load_service_report', { from: '', to: '' }, { cookie: coordinator });
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.sections.some((s) => s.id === 'outcomes'), 'the outcomes section');
  assert.ok(res.json.words.length > 0, 'free text where five or more wrote');
});
