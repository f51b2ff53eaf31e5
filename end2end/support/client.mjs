// Calls Mentorwell's server functions the way its forms do: a POST of
// form fields to /api/<name>, answered with JSON.

export const CHECK_EMAIL =
  'Thank you. We have sent a link to that address: follow it to confirm your email, then sign in.';
export const GENERIC_ERROR = 'Something went wrong on our side. Please try again in a moment.';
export const CROSS_SITE_REFUSAL = 'This request came from another website and was refused.';
export const CONFIRM_SUBJECT = 'Confirm your email for Mentorwell';
export const RESET_SUBJECT = 'Reset your Mentorwell password';

export const DEMO = {
  mentee: { email: 'mentee@example.org', password: 'demo-mentee-2026' },
  mentor: { email: 'mentor@example.org', password: 'demo-mentor-2026' },
  coordinator: { email: 'coordinator@example.org', password: 'demo-coordinator-2026' },
};

// A password that meets the policy, for accounts whose password is not the point.
export const GOOD_PASSWORD = 'kettle on the night shift';

let counter = 0;
/** An address no other test in this process uses. */
export function uniqueEmail(label = 'user') {
  counter += 1;
  return `${label}-${process.pid}-${Date.now()}-${counter}@example.nhs.uk`;
}

/** The mw_session value a response sets: the token, '' when it clears it, undefined if untouched. */
export function sessionFrom(headers) {
  for (const cookie of headers.getSetCookie()) {
    const match = /^mw_session=([^;]*)/.exec(cookie);
    if (match) return match[1];
  }
  return undefined;
}

/** POSTs `fields` to /api/<fn>. Returns { status, headers, text, json, session }. */
export async function call(url, fn, fields = {}, { cookie, headers = {} } = {}) {
  const res = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie: `mw_session=${cookie}` } : {}),
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json, session: sessionFrom(res.headers) };
}

/** Signs in and returns the session token; fails loudly if refused. */
export async function signIn(url, email, password) {
  const res = await call(url, 'sign_in', { email, password });
  if (res.status !== 200 || !res.session) {
    throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text}`);
  }
  return res.session;
}

/** The signed-in user for a session token, or null. */
export async function currentUser(url, session) {
  const res = await call(url, 'load_page_context', {}, { cookie: session });
  if (res.status !== 200) throw new Error(`load_page_context: ${res.status} ${res.text}`);
  return res.json.user;
}

/** The coordinators' outbox: { delivering, emails: [...] }, newest first. */
export async function loadOutbox(url, coordinatorSession) {
  const res = await call(url, 'load_outbox', {}, { cookie: coordinatorSession });
  if (res.status !== 200) throw new Error(`load_outbox: ${res.status} ${res.text}`);
  return res.json;
}

/** Emails in the outbox to `to`, optionally with this subject. */
export async function emailsTo(url, coordinatorSession, to, subject) {
  const { emails } = await loadOutbox(url, coordinatorSession);
  return emails.filter((e) => e.to === to && (!subject || e.subject === subject));
}

/** The token of the first `<path>?token=…` link in an email body. */
export function tokenIn(body, path) {
  const match = new RegExp(`${path}\\?token=([0-9a-f]{64})`).exec(body);
  if (!match) throw new Error(`no ${path} link in: ${body}`);
  return match[1];
}

/** The token in the newest email to `to` with `subject` (outbox, no SMTP). */
export async function tokenFromOutbox(url, coordinatorSession, to, subject, path) {
  const [newest] = await emailsTo(url, coordinatorSession, to, subject);
  if (!newest) throw new Error(`no "${subject}" email to ${to} in the outbox`);
  return tokenIn(newest.body, path);
}

/** Registers, confirms from the outbox link, and returns the address. */
export async function confirmedAccount(url, coordinatorSession, { email = uniqueEmail(), password = GOOD_PASSWORD, name = 'Test Person' } = {}) {
  const reg = await call(url, 'register', { display_name: name, email, password });
  if (reg.status !== 200) throw new Error(`register: ${reg.status} ${reg.text}`);
  const token = await tokenFromOutbox(url, coordinatorSession, email, CONFIRM_SUBJECT, '/verify-email');
  const confirmed = await call(url, 'confirm_email', { token });
  if (confirmed.status !== 200) throw new Error(`confirm_email: ${confirmed.status} ${confirmed.text}`);
  return { email, password, name };
}
