// Offline reading. Keeps the app's own files and every library page a
// person opens, so they can read it again without a signal. Pages come
// from the network whenever it answers, so an update shows on the next
// visit; the cache is used only when the network fails. Nothing outside
// the library is kept: requests and profiles hold private words.

const FILES = 'mentorwell-files-1';
const PAGES = 'mentorwell-pages';

// The bundle's names carry a hash of their content, so they are read from
// a page rather than listed here.
async function keepAppShell() {
  const response = await fetch('/resources', { credentials: 'same-origin' });
  if (!response.ok) return;
  const html = await response.clone().text();
  const bundle = [...html.matchAll(/\/pkg\/[A-Za-z0-9._-]+/g)].map((m) => m[0]);
  const files = await caches.open(FILES);
  await files.addAll([...new Set(bundle), '/pwa.js', '/manifest.webmanifest', '/favicon.svg']);
  await keep('/resources', response);
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepAppShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('mentorwell-files-') && name !== FILES) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// Library pages, not downloaded files (those stay with the browser's own
// download handling).
function isLibrary(path) {
  return path === '/resources' || (path.startsWith('/resources/') && !path.endsWith('/file'));
}

// Pages are drawn for one person (their saved list, their audience, and
// in the page's data their name and email). Every page, and the page
// context the app asks for again after signing in or out, says whom it was
// drawn for (x-mentorwell-viewer: an id, or "guest"). Whenever that
// changes (someone signs in or out, or a session ended and the server now
// sees a guest) the kept pages are forgotten before anything else is kept:
// a shared phone shows each person only their own. The pages are kept
// although signed-in pages come with Cache-Control: no-store: that header
// is for the browser's own cache; this one is ours, and is wiped this way.
const VIEWER = '/__viewer';

// One change at a time, so a page kept for one person cannot land after
// the pages were emptied for the next.
let queue = Promise.resolve();
function inTurn(task) {
  const done = queue.then(task, task);
  queue = done.catch(() => {});
  return done;
}

async function keptFor() {
  const marker = await (await caches.open(PAGES)).match(VIEWER);
  return marker ? marker.text() : null;
}

async function noteViewer(viewer) {
  if (!viewer || viewer === (await keptFor())) return;
  await caches.delete(PAGES);
  await (await caches.open(PAGES)).put(VIEWER, new Response(viewer));
}

function watch(response) {
  return inTurn(() => noteViewer(response.headers.get('x-mentorwell-viewer')));
}

// A page that does not say whom it was drawn for is not kept.
function keep(request, response) {
  const viewer = response.headers.get('x-mentorwell-viewer');
  if (!viewer) return Promise.resolve();
  return inTurn(async () => {
    await noteViewer(viewer);
    await (await caches.open(PAGES)).put(request, response);
  });
}

async function fromNetworkElseCache(request) {
  try {
    const response = await fetch(request);
    await (response.ok ? keep(request, response.clone()) : watch(response));
    return response;
  } catch (offline) {
    const kept = await caches.match(request, { cacheName: PAGES });
    if (kept) return kept;
    if (request.mode !== 'navigate') throw offline;
    return notKept();
  }
}

function notKept() {
  return new Response(NOT_KEPT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

// Any other page, and the page context: not kept, but heard, so a change
// of person empties the kept pages.
async function watched(request) {
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    if (request.mode !== 'navigate') throw offline;
    return notKept();
  }
  await watch(response);
  return response;
}

// pwa.js has no hashed name: the newest copy when online, else the kept one.
async function fileFromNetworkElseCache(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await (await caches.open(FILES)).put(request, response.clone());
    return response;
  } catch (offline) {
    const kept = await caches.match(request, { cacheName: FILES });
    if (kept) return kept;
    throw offline;
  }
}

async function fromCacheElseNetwork(request) {
  const kept = await caches.match(request, { cacheName: FILES });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(FILES)).put(request, response.clone());
  return response;
}

// Opening a resource inside the app asks the server for it by name
// rather than loading its page, so keep the page alongside.
async function keepOpenedResource(event) {
  const fields = new URLSearchParams(await event.request.clone().text());
  const response = await fetch(event.request);
  const slug = fields.get('slug');
  if (response.ok && slug) {
    event.waitUntil(
      (async () => {
        const path = `/resources/${encodeURIComponent(slug)}`;
        const page = await fetch(path, { credentials: 'same-origin' });
        if (page.ok) await keep(path, page);
      })().catch(() => {}),
    );
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && url.pathname === '/api/load_resource') {
    event.respondWith(keepOpenedResource(event));
  } else if (request.method === 'POST' && url.pathname === '/api/load_page_context') {
    event.respondWith(watched(request));
  } else if (request.method !== 'GET') {
    return;
  } else if (url.pathname.startsWith('/pkg/') || url.pathname === '/pwa.js') {
    event.respondWith(url.pathname === '/pwa.js' ? fileFromNetworkElseCache(request) : fromCacheElseNetwork(request));
  } else if (isLibrary(url.pathname)) {
    event.respondWith(fromNetworkElseCache(request));
  } else if (request.mode === 'navigate' && !url.pathname.endsWith('/file')) {
    event.respondWith(watched(request));
  }
});

const NOT_KEPT = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>You are offline – Mentorwell</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#212b32}
a{color:#005eb8}</style></head><body><main><h1>You are offline</h1>
<p>This page was not saved for reading offline. Pages you have opened in the resources library before are kept on this device.</p>
<p><a href="/resources">Go to the resources library</a></p></main></body></html>`;
