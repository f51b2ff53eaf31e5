// Journey: the mentor accepts; the relationship page shows for both of the
// pair, linked from each home page with "agreement to confirm"; the mentor
// agrees the agreement, the mentee (first giving a past end date, told
// beside the field, what she typed kept) agrees it too and it is under
// way; the mentee books a session, the mentor records it as held, each of
// them keeps private notes (each sees only their own), the mentor writes
// down an agreed action and it shows on the next session's page, beside
// the goal the mentee adds there; the mentee ends it with "goals met"
// (first forgetting the reason, told beside the field); the mentor's free
// places in the directory rise by one; the booking page says the
// relationship has ended; the mentee can send a new request. Someone else
// opening the page gets "Page not found". Desktop with JavaScript and a
// 360px phone without; axe on every new page. The file runs its own server
// so it can move a booked session into the past.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DEMO, VARIANTS, axeViolations, describeViolations, follow, newAccount, openPage, shows, signIn, submit, useBrowser, visit,
  waitForHydration,
} from '../support/browser.mjs';
import { call, confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';
import { freshDatabase, startServer } from '../support/server.mjs';

const chrome = useBrowser();
let db;
let server;
before(async () => {
  db = await freshDatabase();
  server = await startServer({ env: db.env });
});
after(async () => {
  await server?.stop();
  await db?.drop();
});
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];

async function checked(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(sideways, false, `no sideways scrolling on ${page.url()}`);
}

/** Tom's free places as the directory shows them on his page. */
async function freePlaces(page, tomId) {
  await visit(page, `/directory/${tomId}`);
  const text = await page.locator('.result-places').first().innerText();
  if (/No free places/.test(text)) return 0;
  const match = /(\d+) free place/.exec(text);
  assert.ok(match, `free places in: ${text}`);
  return Number(match[1]);
}

for (const variant of JOURNEYS) {
  test(`accept, see it together, end it with "goals met" (${variant.name})`, { timeout: 240_000 }, async (t) => {
    const BASE_URL = server.url;
    const coordinatorSession = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
    const account = newAccount('ending');
    await confirmedAccount(BASE_URL, coordinatorSession, account);
    const outsider = newAccount('outsider');
    await confirmedAccount(BASE_URL, coordinatorSession, outsider);
    const menteeSession = await apiSignIn(BASE_URL, account.email, account.password);
    const tomSession = await apiSignIn(BASE_URL, DEMO.mentor.email, DEMO.mentor.password);
    const tomId = (await call(BASE_URL, 'load_page_context', {}, { cookie: tomSession })).json.user.id;

    // The request and its approval go through the server functions: the
    // requests journey covers their pages.
    const sent = await call(BASE_URL, 'save_request', new URLSearchParams([
      ['goal', `Moving into a new role ${Date.now().toString(36)}`], ['topics[]', 'stress'], ['organisation', ''],
      ['named_mentor', String(tomId)], ['share_with_mentor', '1'], ['intent', 'submit'],
    ]), { cookie: menteeSession });
    assert.equal(sent.status, 200, sent.text);
    const id = (await call(BASE_URL, 'load_my_request', {}, { cookie: menteeSession })).json.current.id;
    const approved = await call(BASE_URL, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: coordinatorSession });
    assert.equal(approved.status, 200, approved.text);

    const mentee = await openPage(chrome.browser, variant, { baseURL: BASE_URL });
    const mentor = await openPage(chrome.browser, variant, { baseURL: BASE_URL });
    const other = await openPage(chrome.browser, variant, { baseURL: BASE_URL });
    t.after(async () => {
      for (const p of [mentee, mentor, other]) await p.context().close();
    });

    // The mentor accepts, then finds the relationship from their home page.
    await signIn(mentor, DEMO.mentor);
    await visit(mentor, '/offers');
    const offer = mentor.getByRole('article', { name: `A request from ${account.name}` })
      .filter({ has: mentor.locator(`input[name="request_id"][value="${id}"]`) });
    await submit(mentor, 'Accept', offer);
    await shows(mentor.getByText('Thank you. You are now this person\'s mentor'), 'the accepted notice');
    await visit(mentor, '/');
    // Found by its address: a second run on one server repeats account names.
    const mentorLink = mentor.locator(`a[href="/mentoring/${id}"]`);
    assert.equal(await mentorLink.innerText(), `Mentoring ${account.name}`);
    assert.match(await mentor.locator('li', { has: mentorLink }).innerText(), /agreement to confirm/);
    await follow(mentor, mentorLink, `**/mentoring/${id}`);
    await shows(mentor.getByRole('heading', { name: 'Mentoring', exact: true }), 'the relationship page');
    await shows(mentor.getByText('Agreeing how to work together'), 'its state');
    await checked(mentor);

    // The mentor agrees first, saying where and how they will meet.
    await mentor.getByLabel('Where or how you will meet').fill('The library at City Hospital');
    await mentor.getByLabel('How you will contact each other between sessions').fill('Work email');
    await submit(mentor, 'Save and agree');
    await shows(mentor.getByText('We have asked your mentee to agree', { exact: false }), 'the agreed notice');
    await shows(mentor.getByText('You have agreed this. The other person has not agreed it yet.'), 'who has agreed');

    // The mentee finds it too, and the free places before it ends.
    await signIn(mentee, account);
    const before = await freePlaces(mentee, tomId);
    await visit(mentee, '/');
    const menteeLink = mentee.locator(`a[href="/mentoring/${id}"]`);
    assert.equal(await menteeLink.innerText(), 'Mentored by Tom Okafor');
    assert.match(await mentee.locator('li', { has: menteeLink }).innerText(), /agreement to confirm/);
    await follow(mentee, menteeLink, `**/mentoring/${id}`);
    await shows(mentee.getByText('The other person has agreed this.', { exact: false }), 'the mentor has agreed');
    assert.equal(await mentee.getByLabel('Where or how you will meet').inputValue(), 'The library at City Hospital');

    // A past end date is refused beside the field; what was typed stays.
    const endDate = mentee.getByLabel('End date', { exact: true });
    const agreedEnd = await endDate.inputValue();
    await endDate.fill('2020-01-31');
    await mentee.getByLabel('Yes', { exact: true }).check();
    await submit(mentee, 'Save and agree');
    await shows(mentee.locator('#ends_on-error').getByText('The end date cannot be in the past.'), 'the message beside the end date');
    assert.equal(await mentee.getByLabel('End date', { exact: true }).inputValue(), '2020-01-31');
    assert.equal(await mentee.getByLabel('Yes', { exact: true }).isChecked(), true, 'the protected-time answer is kept');
    await checked(mentee);
    await mentee.getByLabel('End date', { exact: true }).fill(agreedEnd);
    await submit(mentee, 'Save and agree');
    await shows(mentee.getByText('You have both agreed. Your agreement is in place.'), 'both agreed');
    await shows(mentee.getByText('Under way'), 'the relationship under way');
    await shows(mentee.getByRole('link', { name: 'Book a session' }), 'the way to book');
    await checked(mentee);

    // The mentee books a session, and (through the server) a later one.
    await follow(mentee, mentee.getByRole('link', { name: 'Book a session' }), /\/sessions\/book\?/);
    const weeks = (await call(BASE_URL, 'load_booking', { with: String(id) }, { cookie: menteeSession })).json.weeks;
    const week = weeks.findIndex((w) => w.days.some((d) => d.slots.length > 0));
    if (week > 0) await visit(mentee, `/sessions/book?with=${id}&week=${week}`);
    await follow(mentee, mentee.locator('a.slot').first(), /at=\d+/);
    await submit(mentee, 'Book this session');
    await shows(mentee.getByText('Your session is booked.', { exact: false }), 'the booked notice');
    const first = Number(await db.sql(`SELECT id FROM mentoring_sessions WHERE request_id = ${id}`));
    const booking = await call(BASE_URL, 'load_booking', { with: String(id) }, { cookie: menteeSession });
    const firstStarts = Number(await db.sql(`SELECT starts_at FROM mentoring_sessions WHERE id = ${first}`));
    const laterSlot = booking.json.weeks.flatMap((w) => w.days.flatMap((d) => d.slots.map((s) => s.starts)))
      .find((s) => s > firstStarts + 7 * 86400);
    const booked = await call(BASE_URL, 'book_session',
      { with: String(id), starts: String(laterSlot), location: 'room', agenda: '' }, { cookie: menteeSession });
    assert.equal(booked.status, 200, booked.text);
    const second = Number(await db.sql(`SELECT id FROM mentoring_sessions WHERE request_id = ${id} AND id <> ${first}`));

    // Its time comes (moved into the past), and the mentor records it as held.
    const past = Math.floor(Date.now() / 1000) - 86400;
    await db.sql(`UPDATE mentoring_sessions SET starts_at = ${past}, ends_at = ${past + 3600}, holds_until = ${past + 3600} WHERE id = ${first}`);
    // Its five-minute blocks held the old time; the past needs none.
    await db.sql(`DELETE FROM session_blocks WHERE session_id = ${first}`);
    await visit(mentor, '/sessions');
    const held = mentor.locator('.session-card', { hasText: account.name })
      .filter({ has: mentor.getByRole('button', { name: 'It was held', exact: true }) });
    await submit(mentor, 'It was held', held);
    const heldCard = mentor.locator('.session-card', { hasText: account.name }).filter({ hasText: 'Held with your mentee' });
    await follow(mentor, heldCard.getByRole('link', { name: 'Your notes and the actions agreed' }), `**/mentoring/${id}/sessions/${first}`);

    // The mentor's private notes, and an action they agreed.
    const stamp = Date.now().toString(36);
    const [hisNote, herNote, action] = [`Tom's note ${stamp}`, `My note ${stamp}`, `Ask the ward manager about nights ${stamp}`];
    await shows(mentor.getByRole('heading', { name: 'Your private notes' }), 'the notes form');
    await mentor.getByLabel('Notes', { exact: true }).fill(hisNote);
    await submit(mentor, 'Save my notes');
    await shows(mentor.getByText('Your notes are saved. Only you can read them.'), 'the saved notice');
    await mentor.getByLabel('An action you agreed').fill(action);
    await submit(mentor, 'Add action');
    await shows(mentor.getByText(action), 'the action agreed');
    await checked(mentor);

    // The mentee writes hers in the GROW template; his notes are not hers to see.
    await visit(mentee, `/mentoring/${id}/sessions/${first}`);
    await shows(mentee.getByText(action), 'the action both see');
    await mentee.getByLabel('Template').selectOption('grow');
    await Promise.all([mentee.waitForURL(/template=grow/), mentee.getByRole('button', { name: 'Use this template' }).click()]);
    if (variant.js) await waitForHydration(mentee);
    await mentee.getByLabel('Goal', { exact: true }).fill(herNote);
    await submit(mentee, 'Save my notes');
    await shows(mentee.getByText('Your notes are saved. Only you can read them.'), 'her saved notice');
    assert.equal(await mentee.getByText(hisNote).count(), 0, 'his notes never reach her');
    await checked(mentee);
    await visit(mentor, `/mentoring/${id}/sessions/${first}`);
    assert.equal(await mentor.getByLabel('Notes', { exact: true }).inputValue(), hisNote);
    assert.equal(await mentor.getByText(herNote).count(), 0, 'her notes never reach him');

    // The next session's page carries the action, with her goals beside it.
    await visit(mentee, `/mentoring/${id}`);
    await follow(mentee, mentee.getByRole('link', { name: 'Prepare for it: actions and your notes' }), `**/mentoring/${id}/sessions/${second}`);
    await shows(mentee.getByRole('heading', { name: 'Actions from earlier sessions' }), 'the carried actions');
    await shows(mentee.getByText(action), 'the action on the next session\'s page');
    const goal = `Sleep properly between night shifts ${stamp}`;
    await mentee.getByLabel('A new goal').fill(goal);
    await submit(mentee, 'Add goal');
    await shows(mentee.getByText('Goal added. Only you can see it.'), 'the goal added');
    await shows(mentee.getByText(goal), 'the goal beside the next session');
    await checked(mentee);
    await visit(mentee, `/mentoring/${id}`);

    // Someone else: not found, as for an id that does not exist.
    await signIn(other, outsider);
    const response = await visit(other, `/mentoring/${id}`);
    assert.equal(response.status(), 404);
    await shows(other.getByRole('heading', { name: 'Page not found' }), 'not found for someone else');

    // Ending without a reason is refused beside the field; then with one.
    await mentee.getByLabel('A note for the coordinators (optional)').fill('We have done what we set out to do.');
    await submit(mentee, 'End the mentoring');
    await shows(mentee.locator('#reason-error').getByText('Choose why the mentoring is ending.'), 'the message beside the reasons');
    await checked(mentee);
    await mentee.getByLabel('Goals met').check();
    await submit(mentee, 'End the mentoring');
    await shows(mentee.getByText('This mentoring relationship has ended.', { exact: true }), 'the read-only page');
    assert.equal(await mentee.getByRole('button', { name: 'End the mentoring' }).count(), 0, 'no end form once ended');
    await checked(mentee);

    // The mentor's place is free at once.
    assert.equal(await freePlaces(mentee, tomId), before + 1);

    // Booking says it has ended.
    await visit(mentee, `/sessions/book?with=${id}`);
    await shows(mentee.getByText('This mentoring relationship has ended, so no more sessions can be booked', { exact: false }), 'the refusal');

    // The mentee may ask again.
    await visit(mentee, `/mentoring/${id}`);
    await follow(mentee, mentee.getByRole('link', { name: 'Ask for a mentor again' }), '**/request');
    await mentee.getByLabel('What would you like from mentoring?').fill('Help with a return to work after leave');
    await mentee.getByLabel('Stress', { exact: true }).check();
    await submit(mentee, 'Send request');
    await shows(mentee.getByText('Thank you. Your request has been sent.', { exact: false }), 'the new request sent');

    // The mentor's page is read-only too.
    await visit(mentor, `/mentoring/${id}`);
    await shows(mentor.getByText('Goals met'), 'why it ended');
    await shows(mentor.getByText('This mentoring relationship has ended.', { exact: true }), 'ended for the mentor');
  });
}
