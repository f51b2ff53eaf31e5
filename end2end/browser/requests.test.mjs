// Journey: a member of staff asks for a named mentor from the directory;
// choosing bullying shows the support routes before anything is sent; the
// coordinator sees the request flagged as priority, with explained
// suggestions, and approves the mentor; the mentor accepts; mentee and
// mentor both see the relationship.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BASE_URL,
  DEMO,
  VARIANTS,
  eventually,
  follow,
  heading,
  newAccount,
  openPage,
  shows,
  signIn,
  submit,
  useBrowser,
  visit,
} from '../support/browser.mjs';
import { call, confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';

const chrome = useBrowser();

for (const variant of VARIANTS) {
  test(`ask for a mentor, approve, accept (${variant.name})`, { timeout: 180_000 }, async (t) => {
    const coordinatorSession = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
    const account = newAccount('mentee');
    await confirmedAccount(BASE_URL, coordinatorSession, account);
    const goal = `I would like help handling a difficult team ${Date.now().toString(36)}`;
    const mentee = await openPage(chrome.browser, variant);
    const coordinator = await openPage(chrome.browser, variant);
    const mentor = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [mentee, coordinator, mentor]) await p.context().close();
    });

    // From the directory to the form, with Tom chosen.
    await signIn(mentee, account);
    await visit(mentee, '/directory?q=Okafor');
    await follow(mentee, mentee.getByRole('link', { name: 'Tom Okafor', exact: true }), '**/directory/*');
    await follow(mentee, mentee.getByRole('link', { name: 'Ask for Tom Okafor' }), '**/request?mentor=*');
    await shows(heading(mentee, 'Ask for a mentor'), 'the request form');
    await shows(mentee.getByLabel('Ask for Tom Okafor'), 'Tom offered as the mentor to ask');
    // A group of checkboxes names its hint, so it is read out with the legend.
    assert.equal(await mentee.locator('fieldset#days').getAttribute('aria-describedby'), 'days-hint');
    await shows(mentee.locator('#days-hint').getByText('Leave them all clear for any day.'), 'the days hint');

    await mentee.getByLabel('What would you like from mentoring?').fill(goal);
    const support = mentee.getByRole('heading', { name: 'Support you can reach now' });
    if (await support.isVisible()) throw new Error('the support box shows before a topic needs it');
    await mentee.getByLabel('Stress', { exact: true }).check();
    await mentee.getByLabel('Bullying/harassment').check();
    // At once, before anything is sent, with or without JavaScript.
    await shows(support, 'the support routes as soon as bullying is ticked');
    await shows(mentee.getByText(/Samaritans: call 116 123/), 'the Samaritans number');
    await mentee.getByLabel('Video', { exact: true }).check();
    await mentee.getByLabel(/Share my request with the mentor we ask/).check();
    await submit(mentee, 'Send request');
    await shows(mentee.getByText('Thank you. Your request has been sent.', { exact: false }), 'the sent notice');
    await shows(mentee.getByRole('heading', { name: 'Where your request is' }), 'the timeline');
    await shows(support, 'the support routes beside a priority request');
    const supportBox = mentee.locator('section.support-box');
    await shows(supportBox.getByText(/Your request was sent and marked for quick attention/), 'the support box says the request went');
    if (await supportBox.getByText(/You can still send your request/).count()) throw new Error('the support box still invites sending');

    // The coordinator: priority flag, explained suggestion, approve.
    await signIn(coordinator, DEMO.coordinator);
    await visit(coordinator, '/coordinator/requests');
    const card = coordinator.locator('li.queue-card').filter({ hasText: `Request from ${account.name}` });
    await shows(card.getByText('Priority: support topics chosen'), 'the priority flag in the queue');
    await follow(coordinator, card.getByRole('link', { name: `Request from ${account.name}` }), '**/requests/*');
    await shows(coordinator.getByText(goal), 'the request text');
    await shows(coordinator.getByText(/^Priority: the mentee chose a topic/), 'the priority flag on the request');
    const suggestion = coordinator.locator('li.suggestion').first();
    await shows(suggestion.getByText('Asked for by the mentee'), 'Tom first, as asked for');
    await shows(suggestion.getByText('Happy to discuss 1 of your 2 topics: Stress'), 'why Tom is suggested');
    await submit(coordinator, 'Approve and offer to Tom Okafor');
    await shows(coordinator.getByText('Approved. The mentor has been asked'), 'the approval notice');
    await shows(coordinator.getByText('Suggested mentor: Tom Okafor', { exact: true }), 'Tom only suggested until he accepts');
    await shows(coordinator.getByText(`Who viewed this request`), 'the viewing record');
    await shows(coordinator.locator('.views-list li').filter({ hasText: 'Helen Marsh (coordinator)' }), 'the coordinator listed as a viewer');

    // The mentor sees what was shared and accepts.
    await signIn(mentor, DEMO.mentor);
    await visit(mentor, '/offers');
    const offer = mentor.getByRole('article', { name: `A request from ${account.name}` });
    await shows(offer.getByText(goal), 'the shared request text in the offer');
    await submit(mentor, 'Accept', offer);
    await shows(mentor.getByText('Thank you. You are now this person\'s mentor'), 'the accepted notice');
    await shows(mentor.getByRole('article', { name: account.name }), 'the new mentee under "Your mentees"');

    // Once Tom has accepted, the coordinator sees him as the mentor.
    await coordinator.reload();
    await shows(coordinator.getByText('Mentor: Tom Okafor', { exact: true }), 'Tom named as the mentor once he accepted');

    // The mentee sees their mentor.
    await visit(mentee, '/request');
    await shows(mentee.getByRole('heading', { name: 'Your mentor' }), 'the mentor box');
    await shows(mentee.getByText('Tom Okafor', { exact: true }), "the mentor's name");
    // Matched: booking from here, how to change, and no blank form.
    const box = mentee.getByRole('region', { name: 'Your mentor', exact: true });
    assert.match(await box.getByRole('link', { name: 'Book a session' }).getAttribute('href'), /^\/sessions\/book\?with=\d+$/);
    assert.match(await box.innerText(), /To have a different mentor, end or change this mentoring from its page/);
    assert.equal(await mentee.getByLabel(/What would you like/).count(), 0, 'no request form');
    assert.equal(await mentee.getByRole('button', { name: 'Send request' }).count(), 0, 'nothing to send');
  });
}

test('with JavaScript, the draft saves itself and the goal counts its characters', { timeout: 60_000 }, async (t) => {
  const coordinatorSession = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = newAccount('autosave');
  await confirmedAccount(BASE_URL, coordinatorSession, account);
  const page = await openPage(chrome.browser, VARIANTS[2]);
  t.after(() => page.context().close());
  await signIn(page, account);
  await visit(page, '/request');
  const goal = page.getByLabel('What would you like from mentoring?');
  await goal.fill('x'.repeat(2001));
  await shows(page.getByText('2001 characters: 1 too many.'), 'the count going over the limit as it is typed');
  const text = `Typed on a night shift ${Date.now().toString(36)}`;
  await goal.fill(text);
  await page.getByLabel('Workload').check();
  await shows(page.getByText('Draft saved automatically.'), 'the autosave notice');
  await visit(page, '/request');
  assert.equal(await page.getByLabel('What would you like from mentoring?').inputValue(), text, 'the text survives a reload');
  assert.equal(await page.getByLabel('Workload').isChecked(), true);
});

for (const variant of [VARIANTS[0], VARIANTS[3]]) {
  test(`a mentor chosen while a request is under way is named, and can be asked for instead (${variant.name})`, { timeout: 90_000 }, async (t) => {
    const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
    const account = newAccount('instead');
    await confirmedAccount(BASE_URL, coordinator, account);
    const session = await apiSignIn(BASE_URL, account.email, account.password);
    const sent = await call(BASE_URL, 'save_request', new URLSearchParams([
      ['goal', 'Finding my feet'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'], ['intent', 'submit'],
    ]), { cookie: session });
    assert.equal(sent.status, 200, sent.text);
    // Two mentors with free places, from the directory.
    const cards = (await call(BASE_URL, 'search_directory', { search: 'accepting=1' }, { cookie: session })).json.cards;
    const [first, second] = cards;
    const firstName = first.name;

    const page = await openPage(chrome.browser, variant);
    t.after(() => page.context().close());
    await signIn(page, account);
    await visit(page, `/request?mentor=${first.user_id}`);
    const box = page.getByRole('region', { name: `${firstName} has not been asked for` });
    await shows(box, 'why the chosen mentor was not asked');
    assert.match(await box.innerText(), /You already have a request under way/);
    await submit(page, `Ask for ${firstName} instead`);
    await shows(page.getByText(/Done: that is the mentor you now ask for/), 'the notice');
    // With JavaScript the request reloads after the notice shows.
    await eventually(() => box.count(), 0, 'the chosen mentor is the one asked for now');
    const mine = (await call(BASE_URL, 'load_my_request', {}, { cookie: session })).json.current;
    assert.equal(mine.fields.named_mentor, first.user_id, 'named on the request');

    // Once a mentor has been asked, the choice is fixed: say so, no button.
    const approved = await call(BASE_URL, 'approve_match', { request_id: String(mine.id), mentor_id: String(first.user_id) }, { cookie: coordinator });
    assert.equal(approved.status, 200, approved.text);
    await visit(page, `/request?mentor=${second.user_id}`);
    const fixed = page.getByRole('region', { name: `${second.name} has not been asked for` });
    await shows(fixed, 'why the other mentor was not asked');
    assert.match(await fixed.innerText(), /A mentor has already been asked about it/);
    assert.equal(await fixed.getByRole('button').count(), 0, 'nothing to press');
  });
}
