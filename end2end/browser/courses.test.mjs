// Journey: a member of staff registers for mentor training; the
// coordinator marks both days and the completion; the new mentor writes a
// profile, the coordinator approves it and staff find them in the
// directory; the certificate's code checks out on the public page.
// Desktop with JavaScript and a 360px phone without.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEMO, VARIANTS, axeViolations, createVerifiedAccount, describeViolations, heading, openPage, shows, signIn, submit, useBrowser, visit,
} from '../support/browser.mjs';
import { londonDate } from '../support/mentors.mjs';

const chrome = useBrowser();
const JOURNEYS = [VARIANTS[0], VARIANTS[3]];

async function noViolations(page) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], describeViolations(violations));
}

for (const variant of JOURNEYS) {
  test(`from a place on the course to the directory (${variant.name})`, { timeout: 180_000 }, async (t) => {
    const account = await createVerifiedAccount(chrome.browser, 'trainee');
    const trainee = await openPage(chrome.browser, variant);
    const coordinator = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [trainee, coordinator]) await p.context().close();
    });

    await signIn(trainee, account);
    await visit(trainee, '/courses?kind=initial');
    await noViolations(trainee);
    await trainee.getByRole('link', { name: 'Mentoring in Healthcare Organisations' }).first().click();
    await trainee.waitForURL(/\/courses\/\d+$/);
    const runId = /\/courses\/(\d+)$/.exec(trainee.url())[1];
    await shows(trainee.getByText('Any member of health and care staff who would like to become a mentor.', { exact: false }), 'who the course is for');
    await submit(trainee, 'Register for this course');
    await shows(trainee.getByText('You are registered. We will see you on the first day.'), 'the registered notice');
    await shows(trainee.getByText('You have a place on this course.'), 'the place');

    await signIn(coordinator, DEMO.coordinator);
    await visit(coordinator, `/coordinator/courses/${runId}`);
    const attendance = coordinator.getByRole('group', { name: `Attendance of ${account.name}` });
    await attendance.getByLabel('Present on day 1').check();
    await attendance.getByLabel('Present on day 2').check();
    await submit(coordinator, `Save attendance for ${account.name}`);
    await shows(coordinator.getByText('Attendance saved.'), 'the attendance notice');
    await submit(coordinator, `Mark ${account.name} as completed`);
    const done = coordinator.getByText(/^Completed\. Certificate code MW-/);
    await shows(done, 'the completion notice');
    const code = /(MW-[A-Z0-9-]{14})/.exec(await done.innerText())[1];
    await noViolations(coordinator);

    // Now a mentor: write the profile and send it.
    await visit(trainee, '/profile');
    await trainee.getByLabel('Profession').selectOption('nurse');
    await trainee.getByLabel('Career stage or grade').fill('Band 6');
    await trainee.getByLabel('Specialty or area of work').fill('Emergency care');
    await trainee.getByLabel('Sector').selectOption('secondary-care');
    await trainee.getByLabel('Employing organisation').fill('Example Hospitals Trust');
    await trainee.getByLabel('Area', { exact: true }).selectOption('derby');
    await trainee.getByLabel('About you, for mentees').fill('Newly trained mentor, ten years in emergency care.');
    await trainee.getByLabel('Stress', { exact: true }).check();
    await trainee.getByLabel('Video', { exact: true }).check();
    await trainee.getByLabel('One-to-one', { exact: true }).check();
    await trainee.getByLabel('The Skilled Helper (Egan)').check();
    await trainee.getByLabel('Languages you can mentor in').fill('English');
    await trainee.getByLabel('How many mentees can you take at once?').fill('2');
    await submit(trainee, 'Send for approval');
    await shows(trainee.getByText('Your profile has gone to a coordinator for approval.'), 'the sent notice');

    await visit(coordinator, '/coordinator/profiles');
    await submit(coordinator, `Approve ${account.name}`);
    await shows(coordinator.getByText('Approved. The profile is now live in the directory.'), 'the approval');

    await visit(trainee, `/directory?q=${encodeURIComponent(account.name)}`);
    await shows(trainee.getByRole('heading', { name: '1 mentor found' }), 'the new mentor in the directory');

    const anyone = await openPage(chrome.browser, variant);
    t.after(() => anyone.context().close());
    await visit(anyone, '/verify-certificate');
    await anyone.getByLabel('Certificate code').fill(code.toLowerCase());
    await Promise.all([anyone.waitForURL('**/verify-certificate?code=*'), anyone.getByRole('button', { name: 'Check' }).click()]);
    await shows(anyone.getByRole('heading', { name: 'This certificate is genuine' }), 'the check');
    await shows(anyone.getByText(new RegExp(`^${account.name} completed Mentoring in Healthcare Organisations on `)), 'who and what');
    await noViolations(anyone);
    await visit(anyone, `/certificates/${code}`);
    await shows(heading(anyone, 'Certificate of completion'), 'the printable certificate');
  });
}

for (const variant of JOURNEYS) {
  test(`a refresher is added, and a newcomer is told it is not for them (${variant.name})`, { timeout: 120_000 }, async (t) => {
    const account = await createVerifiedAccount(chrome.browser, 'newcomer');
    const coordinator = await openPage(chrome.browser, variant);
    const newcomer = await openPage(chrome.browser, variant);
    t.after(async () => {
      for (const p of [coordinator, newcomer]) await p.context().close();
    });

    await signIn(coordinator, DEMO.coordinator);
    await visit(coordinator, '/coordinator/courses');
    const title = `Mentoring refresher ${Date.now()}`;
    await coordinator.getByLabel('Kind of course').selectOption('refresher');
    await coordinator.getByLabel('Title', { exact: true }).fill(title);
    await coordinator.getByLabel('Day 1 date').fill(londonDate(40));
    await coordinator.getByLabel('Day 1 starts').fill('09:30');
    await coordinator.getByLabel('Day 1 ends').fill('12:30');
    await coordinator.getByLabel('Venue', { exact: true }).fill('Education Centre, Derby');
    await coordinator.getByLabel('Area', { exact: true }).selectOption('derby');
    await coordinator.getByLabel('Facilitators').fill('A. Trainer');
    await coordinator.getByLabel('Places', { exact: true }).fill('12');
    await coordinator.getByLabel('Last day to register (YYYY-MM-DD)').fill(londonDate(30));
    await submit(coordinator, 'Save course run');
    // Taken to the new run's register, which says it was added.
    await coordinator.waitForURL(/\/coordinator\/courses\/\d+\?added=1$/);
    await shows(heading(coordinator, `Register: ${title}`), 'the new run\'s register');
    await shows(coordinator.getByRole('status').filter({ hasText: /^Course run added\./ }), 'the added notice');
    await noViolations(coordinator);
    const runId = /\/coordinator\/courses\/(\d+)/.exec(coordinator.url())[1];

    await signIn(newcomer, account);
    await visit(newcomer, `/courses/${runId}`);
    await shows(newcomer.getByText('Mentors who have completed accredited mentor training, whether their accreditation is current or has lapsed.', { exact: false }), 'who it is for');
    await shows(newcomer.getByText('This refresher is for mentors who have completed accredited mentor training, and we have no record of yours.', { exact: false }), 'why they cannot register');
    assert.equal(await newcomer.getByRole('button', { name: /Register for this course|Join the waiting list/ }).count(), 0, 'no way to take a place');
    await shows(newcomer.getByRole('link', { name: 'See the two-day mentor training courses' }), 'where to start instead');
    await noViolations(newcomer);
  });
}
