// Shared helpers for the browser tests in end2end/browser/: Debian's
// Chromium driven by playwright-core, the four variants every journey runs
// in, and the steps journeys share (sign in, read the outbox, run axe).

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';

export const BASE_URL = (process.env.MENTORWELL_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');

export const DEMO = {
  mentee: { name: 'Priya Shah', email: 'mentee@example.org', password: 'demo-mentee-2026' },
  mentor: { name: 'Tom Okafor', email: 'mentor@example.org', password: 'demo-mentor-2026' },
  coordinator: { email: 'coordinator@example.org', password: 'demo-coordinator-2026' },
};

export const CHECK_EMAIL =
  'Thank you. We have sent a link to that address: follow it to confirm your email, then sign in.';
export const CONFIRM_SUBJECT = 'Confirm your email for Mentorwell';
export const GUEST_HEADING = 'Mentoring for health and care staff';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

/** Every journey runs in each of these. */
export const VARIANTS = [
  { name: 'desktop, JavaScript on', js: true, ...DESKTOP },
  { name: 'desktop, JavaScript off', js: false, ...DESKTOP },
  { name: 'phone 360px, JavaScript on', js: true, ...PHONE },
  { name: 'phone 360px, JavaScript off', js: false, ...PHONE },
];

// Failures should say what broke quickly, not after Playwright's 30 s.
const TIMEOUT = 15_000;

const LAUNCH_ATTEMPTS = 3;

// Chromium has been seen to crash (SIGSEGV) while starting on a busy CI
// machine, before any page opened. That says nothing about the app, so a
// failed start is tried again; a crash once a page is open still fails the
// test that was running.
async function launchChromium() {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_FLAGS,
      });
    } catch (error) {
      if (attempt >= LAUNCH_ATTEMPTS) throw error;
      console.error(`Chromium did not start (attempt ${attempt}): ${error.message.split('\n')[0]}`);
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/**
 * Launches Chromium before the calling file's tests and closes it after.
 * Returns an object whose `browser` is set once launched.
 */
export function useBrowser() {
  const holder = {};
  before(async () => {
    holder.browser = await launchChromium();
  });
  after(async () => {
    await holder.browser?.close();
  });
  return holder;
}

// How we know the page is hydrated. Leptos' loader script fetches the
// wasm, instantiates it and then calls `hydrate()` synchronously in the
// same chain of promise callbacks. So we wrap WebAssembly's instantiate
// functions and raise a flag one macrotask (setTimeout 0) after the
// instance exists: by then every pending microtask, hydrate() included,
// has run and the event handlers are attached. This is exact, where
// `networkidle` is a guess (500 ms of quiet) that can fire before the
// wasm is compiled on a busy two-core machine, or cost 500 ms per page.
function markHydration() {
  const mark = (promise) =>
    promise.then((result) => {
      setTimeout(() => {
        window.__mwHydrated = true;
      }, 0);
      return result;
    });
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (original) {
      WebAssembly[name] = function (...args) {
        return mark(original.apply(this, args));
      };
    }
  }
}

const variants = new WeakMap();
const pageErrors = new WeakMap();
const consoleMessages = new WeakMap();

/**
 * A new page in its own browser context (own cookies) for `variant`, on
 * the shared server unless `baseURL` names another.
 */
export async function openPage(browser, variant, { baseURL = BASE_URL } = {}) {
  const { viewport, isMobile = false, hasTouch = false, js } = variant;
  const context = await browser.newContext({
    baseURL,
    viewport,
    isMobile,
    hasTouch,
    javaScriptEnabled: js,
  });
  context.setDefaultTimeout(TIMEOUT);
  if (js) await context.addInitScript(markHydration);
  const page = await context.newPage();
  variants.set(page, variant);
  const errors = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  // Console errors (a refused script, a failed fetch) say why a page
  // never hydrated; kept for that message only.
  const consoleErrors = [];
  consoleMessages.set(page, consoleErrors);
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(`${msg.type()}: ${msg.text()}`);
  });
  return page;
}

export function variantOf(page) {
  const variant = variants.get(page);
  assert.ok(variant, 'page was not made by openPage()');
  return variant;
}

/** Opens `path` and, with JavaScript on, waits until the app is hydrated. */
export async function visit(page, path) {
  const response = await page.goto(path);
  if (variantOf(page).js) {
    try {
      await waitForHydration(page);
    } catch (error) {
      // Which policy the page came with says whether its scripts could run.
      const policy = response ? (await response.allHeaders())['content-security-policy'] : '(no response)';
      error.message += `\npolicy of ${path}: ${policy}`;
      throw error;
    }
  }
  return response;
}

export async function waitForHydration(page) {
  try {
    await page.waitForFunction(() => window.__mwHydrated === true, null, { timeout: TIMEOUT });
  } catch (error) {
    const errors = pageErrors.get(page).join('\n') || '(no page errors)';
    const consoleErrors = consoleMessages.get(page).slice(-10).join('\n') || '(no console errors)';
    throw new Error(`the page at ${page.url()} never hydrated: ${error.message}\n${errors}\n${consoleErrors}`);
  }
}

/**
 * Presses a form's submit button and waits for the answer. With
 * JavaScript the app calls the server function with fetch and updates the
 * page in place, so we wait for that POST to finish and then check the page
 * was not reloaded (a reload would mean the JavaScript path silently fell
 * back to a plain post). Without JavaScript the browser posts the form and
 * follows the redirect back, so we wait for the new document's load event.
 */
/** Opens the closed <details> (the phone's menu) that hides `target`, if one does. */
export async function reveal(target) {
  if ((await target.count()) !== 1 || (await target.isVisible())) return;
  const summary = target.locator('xpath=ancestor::details[not(@open)][1]/summary');
  if ((await summary.count()) === 1) await summary.click();
}

/** A link in the main navigation, found even while the phone's menu is closed. */
export function navLink(page, name) {
  return mainNav(page).getByRole('link', { name, exact: true, includeHidden: true });
}

export async function submit(page, buttonName, within = page) {
  await reveal(within.getByRole('button', { name: buttonName, exact: true, includeHidden: true }));
  const button = within.getByRole('button', { name: buttonName, exact: true });
  await shows(button, `a "${buttonName}" button`);
  if (!variantOf(page).js) {
    await Promise.all([page.waitForEvent('load'), button.click()]);
    return;
  }
  await page.evaluate(() => {
    window.__mwSamePage = true;
  });
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    button.click(),
  ]);
  await answer.finished();
  assert.equal(
    await page.evaluate(() => window.__mwSamePage),
    true,
    `with JavaScript on, "${buttonName}" should update the page in place, not reload it`,
  );
}

/** Follows a link by clicking it, the way a person would. */
export async function follow(page, link, urlPattern) {
  await reveal(link);
  await link.click();
  // Without JavaScript this waits for the new page's load event; with it,
  // for the router's client-side URL change.
  await page.waitForURL(urlPattern);
}

/** Polls `read()` until it deep-equals `expected`, then asserts on the last value. */
export async function eventually(read, expected, message, timeout = 5_000) {
  const deadline = Date.now() + timeout;
  let actual = await read();
  while (!isDeepEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    actual = await read();
  }
  assert.deepEqual(actual, expected, message);
}

function isDeepEqual(a, b) {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

/** Waits for `locator` to be visible; fails with `what` if it never is. */
export async function shows(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible' });
  } catch {
    const page = locator.page();
    const main = await page.locator('main').innerText().catch(() => '(no main)');
    assert.fail(`expected ${what} on ${page.url()}; the page's main content was:\n${main}`);
  }
}

export function heading(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' });
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** The names of the links and buttons in the main navigation, in order. */
export async function navItems(page) {
  // Text content, not inner text: on a phone the links are in a closed menu.
  const texts = await mainNav(page).locator('a, button').allTextContents();
  return texts.map((t) => t.trim());
}

/** The id of the focused element, or when it has none its tag and text. */
export function focusedElement(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    return el.id || `${el.tagName.toLowerCase()} "${(el.innerText || '').trim().slice(0, 40)}"`;
  });
}

let counter = 0;
/** An account no other test (or earlier run) uses. */
export function newAccount(label = 'browser') {
  counter += 1;
  const unique = `${Date.now()}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    name: `Test ${label} ${counter}`,
    email: `t-${label}-${unique}@example.org`,
    password: 'kettle on the night shift',
  };
}

export async function fillRegistration(page, { name, email, password }) {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email address').fill(email);
  await page.getByLabel('Choose a password').fill(password);
}

/** Signs in through the form and waits for the signed-in home page. */
export async function signIn(page, { email, password }) {
  await visit(page, '/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await submit(page, 'Sign in');
  await shows(heading(page, /^Welcome, /), `the signed-in home page after signing in as ${email}`);
  assert.equal(new URL(page.url()).pathname, '/', 'signing in should land on the home page');
}

/**
 * The path and query of the newest confirmation link emailed to `email`,
 * read from the outbox by a coordinator in a separate browser context. The
 * link names the configured public host, so only path+query are kept for
 * opening on the server under test.
 */
export async function verificationPath(browser, email) {
  const page = await openPage(browser, { ...VARIANTS[1], name: 'outbox reader' });
  try {
    await signIn(page, DEMO.coordinator);
    await visit(page, '/coordinator/outbox');
    const message = page
      .locator('li.outbox-email')
      .filter({ hasText: `To: ${email}` })
      .filter({ has: page.getByRole('heading', { name: CONFIRM_SUBJECT }) })
      .first();
    await shows(message, `a "${CONFIRM_SUBJECT}" email to ${email} in the outbox`);
    const body = await message.locator('pre.email-body').innerText();
    const match = /https?:\/\/[^/\s]+(\/verify-email\?token=[0-9a-f]{64})\b/.exec(body);
    assert.ok(match, `no confirmation link in the email body:\n${body}`);
    return match[1];
  } finally {
    await page.context().close();
  }
}

/** Registers and confirms a new mentee through the plain HTML forms. */
export async function createVerifiedAccount(browser, label) {
  const account = newAccount(label);
  const page = await openPage(browser, { ...VARIANTS[1], name: 'account maker' });
  try {
    await visit(page, '/register');
    await fillRegistration(page, account);
    await submit(page, 'Create account');
    await shows(page.getByRole('status').filter({ hasText: CHECK_EMAIL }), 'the registration notice');
    await visit(page, await verificationPath(browser, account.email));
    await submit(page, 'Confirm my email address');
    await shows(page.getByRole('status').filter({ hasText: 'Your email address is confirmed' }), 'the confirmation notice');
    return account;
  } finally {
    await page.context().close();
  }
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe-core's violations for the page as it is now. axe runs inside the
 * page and waits on timers, which never fire when JavaScript is off. So
 * for those variants the page's DOM (what the server sent: no script ran)
 * is copied, scripts removed, into a JavaScript-enabled page at the same
 * address and size, with the app's bundle blocked so nothing hydrates.
 */
export async function axeViolations(page) {
  const variant = variantOf(page);
  if (variant.js) return (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations;
  const url = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const context = await page.context().browser().newContext({
    viewport: variant.viewport,
    isMobile: variant.isMobile ?? false,
    hasTouch: variant.hasTouch ?? false,
  });
  try {
    await context.route(/\/pkg\/[^?]*\.(js|wasm)(\?|$)/, (route) => route.abort());
    await context.route(
      (u) => u.href === url,
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    const copy = await context.newPage();
    await copy.goto(url);
    return (await new AxeBuilder({ page: copy }).withTags(AXE_TAGS).analyze()).violations;
  } finally {
    await context.close();
  }
}

/** axe violations as readable lines: rule, impact, help link, each element. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    at ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}
