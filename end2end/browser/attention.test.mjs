// Journey: on the relationship's page each of the pair finds where to get
// support beyond mentoring; the mentor tells the coordinators they have
// lost touch and the mentee asks for a different mentor, each told what
// happens next; a coordinator finds both on "Relationships needing
// attention" and marks one dealt with. Desktop with JavaScript and a 360px
// phone without; axe on both pages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL, DEMO, VARIANTS, axeViolations, describeViolations, eventually, newAccount, openPage, shows, signIn, submit, useBrowser, visit,
} from '../support/browser.mjs';
import { call, confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';

const chrome = useBrowser();

async function checked(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(sideways, false, `no sideways scrolling on ${page.url()}`);
}

/** A new mentee matched with Tom through the server functions. */
async function matched() {
  const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = newAccount('attention');
  await confirmedAccount(BASE_URL, coordinator, account);
  const mentee = await apiSignIn(BASE_URL, account.email, account.password);
  const tom = await apiSignIn(BASE_URL, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = (await call(BASE_URL, 'load_page_context', {}, { cookie: tom })).json.user.id;
  const sent = await call(BASE_URL, 'save_request', new URLSearchParams([
    ['goal', 'Settling into nights'], ['topics[]', 'stress'], ['organisation', ''],
    ['named_mentor', String(tomId)], ['share_with_mentor', '1'], ['intent', 'submit'],
  ]), { cookie: mentee });
  assert.equal(sent.status, 200, sent.text);
  const id = (await call(BASE_URL, 'load_my_request', {}, { cookie: mentee })).json.current.id;
  const approved = await call(BASE_URL, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: coordinator });
  assert.equal(approved.status, 200, approved.text);
  const accepted = await call(BASE_URL, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom });
  assert.equal(accepted.status, 200, accepted.text);
  return { id, account };
}

for (const variant of [VARIANTS[0], VARIANTS[3]]) {
  test(`tell the coordinators, and a coordinator deals with it (${variant.name})`, { timeout: 240_000 }, async (t) => {
    const { id, account } = await matched();
    const mentor = await openPage(chrome.browser, variant);
    const mentee = await openPage(chrome.browser, variant);
    const coordinator = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [mentor, mentee, coordinator]) await p.context().close();
    });

    await signIn(mentor, DEMO.mentor);
    await visit(mentor, `/mentoring/${id}`);
    await mentor.getByText('This needs more than mentoring').click();
    await shows(mentor.getByText(/Samaritans/), 'the support routes');
    await submit(mentor, 'We have lost touch');
    await shows(mentor.getByText(/The coordinators have been told you have lost touch/).first(), 'what happens next');
    await checked(mentor);

    await signIn(mentee, account);
    await visit(mentee, `/mentoring/${id}`);
    assert.equal(await mentee.getByText(/have lost touch/).count(), 0, 'the mentee is not shown the mentor\'s flag');
    await submit(mentee, 'Ask the coordinators for a different mentor');
    await shows(mentee.getByText(/The coordinators have been asked for a different mentor/).first(), 'what happens next');
    await checked(mentee);

    await signIn(coordinator, DEMO.coordinator);
    await visit(coordinator, '/coordinator/relationships');
    const cards = coordinator.getByRole('listitem')
      .filter({ has: coordinator.locator(`a[href="/mentoring/${id}"]`) });
    const lost = cards.filter({ hasText: 'The mentor has lost touch with the mentee' });
    await shows(lost, 'the lost-touch flag');
    await shows(cards.filter({ hasText: 'The mentee asks for a different mentor' }), 'the different-mentor flag');
    await checked(coordinator);
    await submit(coordinator, 'Mark as dealt with', lost);
    await shows(coordinator.getByText('Marked as dealt with.'), 'the notice');
    // With JavaScript the list reloads just after the notice shows.
    await eventually(() => lost.count(), 0, 'the flag leaves the list');
    assert.equal(await cards.filter({ hasText: 'The mentee asks for a different mentor' }).count(), 1);
  });
}
