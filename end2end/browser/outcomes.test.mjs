//! Journey: a mentoring relationship ends; the sweep emails the mentee and
//! the mentor a link (and only a link); each follows it, is asked to sign
//! in, finds the questions on their home page, answers the end
//! questionnaire (the mentee first missing a question: told beside it,
//! what she wrote kept), and is thanked; the answers are never shown back,
//! to them or to the other person, and the questions leave the home page.
//! Over HTTP: a score outside 1–5, a second answer, twenty answers at
//! once, someone else's invitation and a lapsed one each get a clear
//! message. Privacy: the unique words written in the free text reach no
//! log and no email. Desktop with JavaScript and a 360px phone without;
//! axe on every page. The file runs its own server so it can restart it:
//! the sweep runs at start, and otherwise only every fifteen minutes.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DEMO, VARIANTS, axeViolations, describeViolations, follow, heading, newAccount, openPage, shows, signIn, submit,
  useBrowser, visit,
} from '../support/browser.mjs';
import { call, confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';
import { freshDatabase, startServer, waitFor } from '../support/server.mjs';

const chrome = useBrowser();
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];
const SUBJECT = 'A few questions for you';
const THANKS = 'Thank you. Your answers have been sent.';
// Written in the free text; must reach no log and no email.
const MARKER = `marker-${process.pid}-${Date.now().toString(36)}`;
let db;
let server;
const pairs = [];

/** A relationship between a new mentee and Tom, agreed and then ended. */
async function endedPair(label) {
  const url = server.url;
  const coordinator = await apiSignIn(url, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = await confirmedAccount(url, coordinator, newAccount(label));
  const mentee = await apiSignIn(url, account.email, account.password);
  const tom = await apiSignIn(url, DEMO.mentor.email, DEMO.mentor.password);
  const tomId = Number(await db.sql(`SELECT id FROM users WHERE email = '${DEMO.mentor.email}'`));
  await db.sql(`UPDATE mentor_profiles SET capacity = 50 WHERE user_id = ${tomId}`);
  const ok = (res) => assert.equal(res.status, 200, res.text);
  ok(await call(url, 'save_request', new URLSearchParams([
    ['goal', 'Finding my feet'], ['topics[]', 'stress'], ['organisation', ''], ['share_with_mentor', '1'],
    ['intent', 'submit'], ['named_mentor', String(tomId)],
  ]), { cookie: mentee }));
  const id = (await call(url, 'load_my_request', {}, { cookie: mentee })).json.current.id;
  ok(await call(url, 'approve_match', { request_id: String(id), mentor_id: String(tomId) }, { cookie: coordinator }));
  ok(await call(url, 'answer_offer', { request_id: String(id), answer: 'accept' }, { cookie: tom }));
  const terms = { frequency: 'monthly', length: 'sessions', sessions: '6', ends_on: '', meeting: 'Library', contact: 'Work email', hopes: '' };
  for (const [who, extra] of [[tom, {}], [mentee, { protected_time: 'no' }]]) {
    const version = await db.sql(`SELECT COALESCE(MAX(version), 0) FROM relationship_agreements WHERE relationship_id = ${id}`);
    ok(await call(url, 'agree_to_agreement', { id: String(id), version, ...terms, ...extra }, { cookie: who }));
  }
  ok(await call(url, 'end_relationship', { id: String(id), reason: 'goals-met', note: '' }, { cookie: mentee }));
  return { id, account, mentee, tom, tomId };
}

/** The end invitation of relationship `id` to `role`, once the sweep made it. */
async function endInvitation(id, role) {
  const key = `rel:${id}:end:${role}`;
  return Number(await waitFor(() => db.sql(`SELECT id FROM survey_invitations WHERE claim_key = '${key}'`), { what: key }));
}

before(async () => {
  db = await freshDatabase();
  server = await startServer({ env: db.env });
  for (const variant of JOURNEYS) pairs.push(await endedPair(variant.js ? 'ends-js' : 'ends-nojs'));
  // The sweep runs as the server starts.
  const { port } = server;
  await server.stop();
  server = await startServer({ env: db.env, port });
  for (const pair of pairs) {
    pair.menteeInvitation = await endInvitation(pair.id, 'mentee');
    pair.tomInvitation = await endInvitation(pair.id, 'mentor');
  }
});
after(async () => {
  await server?.stop();
  await db?.drop();
});

async function checked(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(sideways, false, `no sideways scrolling on ${page.url()}`);
}

/**
 * The emailed link to invitation `invitation`, as a path: one email holds
 * it, and says nothing of what is asked or of mentoring.
 */
async function emailedPath(email, invitation) {
  const bodies = (await db.sql(`SELECT body_text FROM outbox WHERE to_address = '${email}' AND subject = '${SUBJECT}'`))
    .split(/(?=Hello,)/).filter((b) => b.includes(`${server.url}/questions/${invitation}\n`));
  assert.equal(bodies.length, 1, `one email with the link to ${invitation}`);
  const words = bodies[0].replace(server.url, '').toLowerCase();
  assert.ok(!/mentor|well-being|recommend/.test(words), bodies[0]);
  return `/questions/${invitation}`;
}

/** Chooses the answer labelled `label` to the question worded `wording`. */
async function choose(page, wording, label) {
  await page.getByRole('group', { name: wording, exact: true }).getByLabel(label, { exact: true }).check();
}

for (const [index, variant] of JOURNEYS.entries()) {
  test(`the mentee and the mentor answer the end questions from the email (${variant.name})`, { timeout: 240_000 }, async (t) => {
    const pair = pairs[index];
    const mentee = await openPage(chrome.browser, variant, { baseURL: server.url });
    const mentor = await openPage(chrome.browser, variant, { baseURL: server.url });
    t.after(async () => {
      for (const p of [mentee, mentor]) await p.context().close();
    });

    // The link, signed out: sign in first; the home page lists the questions.
    const link = await emailedPath(pair.account.email, pair.menteeInvitation);
    const signedOut = await visit(mentee, link);
    assert.equal(signedOut.status(), 401);
    await shows(heading(mentee, 'Please sign in'), 'the sign-in prompt');
    await signIn(mentee, pair.account);
    await shows(mentee.getByRole('heading', { name: 'Questions for you' }), 'the questions on the home page');
    await checked(mentee);
    await follow(mentee, mentee.locator(`a[href="${link}"]`), `**${link}`);
    await shows(heading(mentee, 'How mentoring has been for you'), 'the mentee questionnaire');
    await checked(mentee);

    // A question missed: told beside it; what she chose and wrote is kept.
    const words = `It helped me sleep ${MARKER}`;
    await choose(mentee, 'How has being mentored influenced your health and well-being?', '4');
    await mentee.getByLabel('What difference has it made?').fill(words);
    await submit(mentee, 'Send my answers');
    await shows(mentee.locator('#environment-error').getByText('Choose an answer from 1 to 5', { exact: false }), 'the message beside the question');
    assert.equal(await mentee.getByLabel('What difference has it made?').inputValue(), words);
    const group = mentee.getByRole('group', { name: 'How has being mentored influenced your health and well-being?', exact: true });
    assert.equal(await group.getByLabel('4', { exact: true }).isChecked(), true, 'the score chosen is kept');
    await checked(mentee);
    await choose(mentee, 'To what extent has being mentored led to a supportive environment for you?', '5 – Very much');
    await choose(mentee, 'Overall, how has being mentored affected your health and well-being?', '4');
    await choose(mentee, 'Would you recommend mentoring to a colleague?', 'Yes');
    await submit(mentee, 'Send my answers');
    await shows(mentee.getByText(THANKS), 'the thank-you');
    await checked(mentee);

    // Never shown back, and gone from the home page.
    await visit(mentee, link);
    await shows(mentee.getByText(THANKS), 'the thank-you again');
    assert.equal(await mentee.getByText(MARKER).count(), 0, 'the answer is not shown back');
    assert.equal(await mentee.getByRole('button', { name: 'Send my answers' }).count(), 0, 'no form once sent');
    await visit(mentee, '/');
    assert.equal(await mentee.locator(`a[href="${link}"]`).count(), 0, 'no longer on the home page');

    // The mentor, from his own email; her invitation does not exist for him.
    const tomLink = await emailedPath(DEMO.mentor.email, pair.tomInvitation);
    await signIn(mentor, DEMO.mentor);
    const hers = await visit(mentor, link);
    assert.equal(hers.status(), 404);
    await shows(heading(mentor, 'Page not found'), 'not found for someone else');
    await visit(mentor, tomLink);
    await shows(heading(mentor, 'How being a mentor has been for you'), 'the mentor questionnaire');
    await checked(mentor);
    await choose(mentor, 'How has being a mentor affected your own health and well-being?', '5 – Very positively');
    await choose(mentor, 'To what extent has being a mentor led to a supportive environment for you?', '3');
    await choose(mentor, 'Overall, how has being a mentor affected your own health and well-being?', '4');
    await choose(mentor, 'Would you recommend mentoring to a colleague?', 'Not sure');
    await submit(mentor, 'Send my answers');
    await shows(mentor.getByText(THANKS), 'his thank-you');
    await visit(mentor, `/mentoring/${pair.id}`);
    assert.equal(await mentor.getByText(MARKER).count(), 0, 'her answer is not shown to him');
  });
}

test('bad input over HTTP: out of range, twice, twenty at once, lapsed', async () => {
  const url = server.url;
  const pair = pairs[0];
  const start = Number(await db.sql(`SELECT id FROM survey_invitations WHERE claim_key = 'rel:${pair.id}:start:mentor'`));
  const answers = (invitation, wellbeing) => ({
    invitation: String(invitation), wellbeing, environment: '4', overall: '4', difference: '', recommend: '',
  });
  const outOfRange = await call(url, 'send_answers', answers(start, '6'), { cookie: pair.tom });
  assert.equal(outOfRange.status, 422, outOfRange.text);
  assert.match(outOfRange.text, /Answers run from 1 to 5/);

  // Twenty at once keep one; the rest are told it was sent already.
  const tries = await Promise.all(Array.from({ length: 20 }, () => call(url, 'send_answers', answers(start, '3'), { cookie: pair.tom })));
  assert.equal(tries.filter((r) => r.status === 200).length, 1, tries.map((r) => r.status).join(' '));
  for (const refused of tries.filter((r) => r.status !== 200)) {
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.text, /already sent your answers/);
  }
  assert.equal(await db.sql(`SELECT COUNT(*) FROM survey_answers WHERE invitation_id = ${start}`), '3');

  // Someone else's: as if it did not exist.
  const theirs = await call(url, 'send_answers', answers(start, '3'), { cookie: pair.mentee });
  assert.equal(theirs.status, 404, theirs.text);

  // Lapsed: closed, and nothing stored.
  const late = Number(await db.sql(`SELECT id FROM survey_invitations WHERE claim_key = 'rel:${pairs[1].id}:start:mentee'`));
  await db.sql(`UPDATE survey_invitations SET expires_at = 1 WHERE id = ${late}`);
  const lapsed = await call(url, 'send_answers', answers(late, '3'), { cookie: pairs[1].mentee });
  assert.equal(lapsed.status, 400, lapsed.text);
  assert.match(lapsed.text, /These questions have closed/);
  assert.equal(await db.sql(`SELECT COUNT(*) FROM survey_answers WHERE invitation_id = ${late}`), '0');
});

test('the words written reach no log and no email', async () => {
  assert.ok(Number(await db.sql(`SELECT COUNT(*) FROM survey_answers WHERE body LIKE '%${MARKER}%'`)) >= 1, 'stored');
  assert.equal(await db.sql(`SELECT COUNT(*) FROM outbox WHERE body_text LIKE '%${MARKER}%' OR subject LIKE '%${MARKER}%'`), '0');
  assert.equal(server.logs().includes(MARKER), false, 'not in the server log');
});
