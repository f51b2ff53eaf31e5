// Journey: a coordinator writes a resource. Markdown carrying script is
// previewed inert after hydration and refused with a message beside the
// text; clean text previews as it is typed and is published; readers see
// it, and the history names the change. Desktop, JavaScript on and off.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO, VARIANTS, heading, openPage, shows, signIn, submit, useBrowser, visit } from '../support/browser.mjs';

const chrome = useBrowser();
const DESKTOPS = VARIANTS.filter((v) => v.viewport.width > 360);

// Each sets window.__xss if it ever runs.
const ATTACKS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 2">',
  '<svg onload="window.__xss = 3"></svg>',
  '[click me](javascript:window.__xss=4)',
  '<a href="javascript:window.__xss=5">and me</a>',
  '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>',
  '**still bold**',
].join('\n\n');

for (const variant of DESKTOPS) {
  test(`a coordinator writes and publishes a resource (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await signIn(page, DEMO.coordinator);
    await visit(page, '/coordinator/resources');
    await page.getByRole('link', { name: 'Write a new resource' }).click();
    await page.waitForURL('**/coordinator/resources/new');
    if (variant.js) await visit(page, '/coordinator/resources/new');
    const title = `Handover calm ${variant.js ? 'js' : 'plain'} ${Date.now()}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Summary').fill('Three breaths before a handover.');
    await page.getByLabel('Text (Markdown)').fill(ATTACKS);
    await page.getByLabel('Topic').selectOption('wellbeing-and-support');
    await page.getByLabel('Who it is for').selectOption('staff');

    const preview = page.getByRole('region', { name: 'Preview' });
    if (variant.js) {
      // The server renders the preview; it is put into the hydrated page.
      await shows(preview.getByText(/a script \(<script>\) is not allowed/), 'the problem listed under the preview');
      await shows(preview.locator('strong', { hasText: 'still bold' }), 'the safe part rendered');
      const live = await preview.locator('.preview-body').evaluate((el) => ({
        tags: [...el.querySelectorAll('script, img, svg, iframe')].length,
        handlers: [...el.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      }));
      assert.deepEqual(live, { tags: 0, handlers: 0, hrefs: ['#'] }, 'nothing live in the preview');
      await preview.getByRole('link', { name: 'click me' }).click();
    }
    await submit(page, 'Save');
    await shows(page.getByRole('alert'), 'the error summary');
    const message = page.locator('#body-error');
    await shows(message, 'the message beside the text');
    assert.match(await message.innerText(), /Line 1: a script \(<script>\) is not allowed/);
    assert.equal(await page.evaluate(() => window.__xss), undefined, 'no attack ran');
    assert.deepEqual(dialogs, []);
    assert.equal(await page.getByLabel('Title').inputValue(), title, 'what was typed is kept');

    await page.getByLabel('Text (Markdown)').fill('## Before you go in\n\nBreathe in for four, out for six. **Three times.**');
    if (variant.js) {
      await shows(preview.getByText('No problems found in the text.'), 'the preview clearing');
      await shows(preview.getByRole('heading', { name: 'Before you go in' }), 'the new text previewed');
    }
    assert.equal(await page.getByLabel('Topic').inputValue(), 'wellbeing-and-support', 'the choices are kept too');
    await page.getByLabel('Published: everyone it is for can read it').check();
    await Promise.all([page.waitForURL('**/coordinator/resources/handover-calm-*/edit?saved=1'), page.getByRole('button', { name: 'Save', exact: true }).click()]);
    await shows(page.getByRole('status').filter({ hasText: 'Saved.' }), 'the saved notice');
    await shows(heading(page, `Edit \u201c${title}\u201d`), 'the editor of the new resource');

    await page.getByRole('link', { name: 'History of changes' }).click();
    await page.waitForURL('**/history');
    await shows(page.getByRole('heading', { name: 'Created and published' }), 'the first version');
    await shows(page.getByText(/^Helen Marsh · /), 'who made it');

    const reader = await openPage(chrome.browser, variant);
    t.after(() => reader.context().close());
    await signIn(reader, DEMO.mentee);
    await visit(reader, '/resources?q=handover');
    await reader.getByRole('link', { name: title }).click();
    await shows(heading(reader, title), 'the published resource for a reader');
    await shows(reader.getByRole('heading', { name: 'Before you go in' }), 'its text');
  });
}
