// The pages the accessibility and layout checks visit, each in the state a
// person would see it: as a guest, a mentee or the coordinator, and the
// register form with its errors showing. Not a test file itself.

import assert from 'node:assert/strict';
import { call, confirmedAccount, signIn as apiSignIn } from '../support/client.mjs';
import {
  BASE_URL,
  DEMO,
  GUEST_HEADING,
  fillRegistration,
  heading,
  newAccount,
  openPage,
  shows,
  signIn,
  submit,
  visit,
} from '../support/browser.mjs';

async function showRegisterErrors(page) {
  await fillRegistration(page, { name: 'Ann Example', email: 'not-an-email', password: 'short' });
  await submit(page, 'Create account');
  await shows(page.getByRole('alert'), 'the error summary');
}

export const PAGES = [
  { name: 'home (guest)', path: '/', heading: GUEST_HEADING },
  { name: 'register', path: '/register', heading: 'Create an account' },
  { name: 'register with errors', path: '/register', heading: 'Create an account', prepare: showRegisterErrors },
  { name: 'sign in', path: '/sign-in', heading: 'Sign in' },
  { name: 'verify email', path: `/verify-email?token=${'0'.repeat(64)}`, heading: 'Confirm your email address' },
  { name: 'page not found', path: '/no-such-page', heading: 'Page not found', status: 404 },
  { name: 'home (signed in)', as: 'mentee', path: '/', heading: /^Welcome, / },
  { name: 'account', as: 'mentee', path: '/account', heading: 'Your account' },
  { name: 'coordinator', as: 'coordinator', path: '/coordinator', heading: 'Coordinator overview' },
  { name: 'outbox', as: 'coordinator', path: '/coordinator/outbox', heading: 'Email outbox' },
  { name: 'directory', as: 'mentee', path: '/directory', heading: 'Find a mentor' },
  {
    name: 'directory, filtered',
    as: 'mentee',
    path: '/directory?topic=bullying-harassment&area=leicestershire&accepting=1',
    heading: 'Find a mentor',
  },
  { name: 'directory, no results', as: 'mentee', path: '/directory?q=zzzzqqq', heading: 'Find a mentor' },
  { name: 'mentor profile (editing)', as: 'mentor', path: '/profile', heading: 'Your mentor profile' },
  { name: 'profiles to approve', as: 'coordinator', path: '/coordinator/profiles', heading: 'Mentor profiles to approve' },
  { name: 'ask for a mentor', as: 'mentee', path: '/request', heading: 'Ask for a mentor' },
  { name: 'ask for a mentor, support shown', as: 'newcomer', path: '/request', heading: 'Ask for a mentor', prepare: tickRiskTopic },
  { name: 'ask for a mentor, once matched', as: 'mentee', path: '/request', heading: 'Ask for a mentor' },
  { name: 'home (new member of staff)', as: 'newcomer', path: '/', heading: /^Welcome, / },
  { name: 'mentoring requests', as: 'coordinator', path: '/coordinator/requests', heading: 'Mentoring requests' },
  { name: 'service report', as: 'coordinator', path: '/coordinator/report', heading: /^Service report: / },
  { name: 'support routes', as: 'coordinator', path: '/coordinator/support-routes', heading: 'Support routes' },
  { name: 'offers and mentees', as: 'mentor', path: '/offers', heading: 'Offers and mentees', prepare: offerOneToTom },
  { name: 'resources (guest)', path: '/resources', heading: 'Resources' },
  { name: 'resources, one topic', as: 'mentee', path: '/resources?category=grow', heading: 'Resources' },
  { name: 'an article', path: '/resources/where-to-get-urgent-support', heading: 'Where to get urgent support' },
  { name: 'manage resources', as: 'coordinator', path: '/coordinator/resources', heading: 'Manage resources' },
  { name: 'resource editor', as: 'coordinator', path: '/coordinator/resources/grow-questions/edit', heading: /^Edit / },
  { name: 'new resource with errors', as: 'coordinator', path: '/coordinator/resources/new', heading: 'New resource', prepare: saveEmptyResource },
  { name: 'resource history', as: 'coordinator', path: '/coordinator/resources/grow-questions/history', heading: /^History of / },
  { name: 'courses (guest)', path: '/courses', heading: 'Mentor training courses' },
  { name: 'a course', as: 'mentee', path: '/courses', heading: 'Mentoring in Healthcare Organisations', prepare: openFirstCourse },
  { name: 'courses (coordinator)', as: 'coordinator', path: '/coordinator/courses', heading: 'Courses' },
  { name: 'check a certificate, unknown code', path: '/verify-certificate?code=MW-AAAA-BBBB-CCCC', heading: 'Check a certificate', status: 422 },
  { name: 'your sessions', as: 'mentee', path: '/sessions', heading: 'Your sessions' },
  { name: 'book a session, week', as: 'mentee', path: '/sessions/book?with=1&week=1', heading: 'Book a session with Tom Okafor' },
  { name: 'book a session, month', as: 'mentee', path: '/sessions/book?with=1&view=month', heading: 'Book a session with Tom Okafor' },
  { name: 'your availability', as: 'mentor', path: '/availability', heading: 'Your availability' },
  { name: 'a request, as a coordinator sees it', as: 'coordinator', path: '/coordinator/requests', heading: /^Request from /, prepare: openNewRequest },
];

async function openFirstCourse(page) {
  await page.getByRole('link', { name: 'Mentoring in Healthcare Organisations' }).first().click();
  await page.waitForURL(/\/courses\/\d+$/);
}

async function saveEmptyResource(page) {
  await submit(page, 'Save');
  await shows(page.getByRole('alert'), 'the error summary');
}

/** Sends a priority request naming Tom from a new account; returns its id. */
async function sendRequest() {
  const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = newAccount('pages');
  await confirmedAccount(BASE_URL, coordinator, account);
  const session = await apiSignIn(BASE_URL, account.email, account.password);
  const directory = await call(BASE_URL, 'search_directory', { search: 'q=Okafor' }, { cookie: session });
  const tom = directory.json.cards[0].user_id;
  const fields = [['goal', 'A page check'], ['topics[]', 'stress'], ['topics[]', 'bullying-harassment'],
    ['organisation', ''], ['named_mentor', String(tom)], ['share_with_mentor', '1'], ['intent', 'submit']];
  const sent = await call(BASE_URL, 'save_request', fields, { cookie: session });
  assert.equal(sent.status, 200, sent.text);
  const mine = await call(BASE_URL, 'load_my_request', {}, { cookie: session });
  return { id: mine.json.current.id, tom, coordinator };
}

async function openNewRequest(page) {
  const { id } = await sendRequest();
  await visit(page, `/requests/${id}`);
}

async function offerOneToTom(page) {
  const { id, tom, coordinator } = await sendRequest();
  const approved = await call(BASE_URL, 'approve_match', { request_id: String(id), mentor_id: String(tom) }, { cookie: coordinator });
  assert.equal(approved.status, 200, approved.text);
  await visit(page, '/offers');
}

async function tickRiskTopic(page) {
  await page.getByLabel('Bullying/harassment').check();
  await shows(page.getByRole('heading', { name: 'Support you can reach now' }), 'the support box');
}

/** A confirmed account with nothing under way: a new member of staff. */
async function newcomer() {
  const coordinator = await apiSignIn(BASE_URL, DEMO.coordinator.email, DEMO.coordinator.password);
  const account = newAccount('newcomer');
  await confirmedAccount(BASE_URL, coordinator, account);
  return account;
}

/**
 * Runs `check(page, spec)` on every page as a subtest of `t`, so a report
 * names each page that failed. One browser context per person, signed in
 * once, all closed when `t` ends.
 */
export async function checkEveryPage(t, browser, variant, check) {
  const people = new Map();
  t.after(async () => {
    for (const page of people.values()) await page.context().close();
  });
  async function pageFor(person) {
    if (!people.has(person)) {
      const page = await openPage(browser, variant);
      people.set(person, page);
      if (person === 'newcomer') await signIn(page, await newcomer());
      else if (person !== 'guest') await signIn(page, DEMO[person]);
    }
    return people.get(person);
  }
  for (const spec of PAGES) {
    await t.test(spec.name, async () => {
      const page = await pageFor(spec.as ?? 'guest');
      const response = await visit(page, spec.path);
      assert.equal(response.status(), spec.status ?? 200, `status of ${spec.path}`);
      if (spec.prepare) await spec.prepare(page);
      await shows(heading(page, spec.heading), `the "${spec.name}" page`);
      await check(page, spec);
    });
  }
}
