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

// Pages are drawn for one person (their saved list, their audience). When
// a page comes back drawn for someone else, or for nobody, the pages kept
// so far are forgotten: a shared phone shows each person only their own.
async function keep(request, response) {
  const viewer = response.headers.get('x-mentorwell-viewer');
  const pages = await caches.open(PAGES);
  const marker = await pages.match('/__viewer');
  const previous = marker ? await marker.text() : null;
  if (viewer && viewer !== previous) {
    await caches.delete(PAGES);
    const fresh = await caches.open(PAGES);
    await fresh.put('/__viewer', new Response(viewer));
    await fresh.put(request, response);
    return;
  }
  await pages.put(request, response);
}

async function fromNetworkElseCache(request) {
  try {
    const response = await fetch(request);
    if (response.ok) await keep(request, response.clone());
    return response;
  } catch (offline) {
    const kept = await caches.match(request, { cacheName: PAGES });
    if (kept) return kept;
    if (request.mode !== 'navigate') throw offline;
    return new Response(NOT_KEPT, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }
}

async function fromCacheElseNetwork(request) {
  const kept = await caches.match(request, { cacheName: FILES });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(FILES)).put(request, response.clone());
  return response;
}

// A file whose name stays the same when it changes (/pwa.js, which shows
// the offline banner): from the network while there is one, else the
// copy kept when the worker was installed. It lives with the app's files,
// not the pages, so it survives the pages being forgotten.
async function freshFile(request) {
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
  } else if (request.method !== 'GET') {
    return;
  } else if (url.pathname === '/pwa.js') {
    event.respondWith(freshFile(request));
  } else if (url.pathname.startsWith('/pkg/')) {
    event.respondWith(fromCacheElseNetwork(request));
  } else if (isLibrary(url.pathname)) {
    event.respondWith(fromNetworkElseCache(request));
  }
});

const NOT_KEPT = `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>You are offline – Mentorwell</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#212b32}
a{color:#005eb8}</style></head><body><main><h1>You are offline</h1>
<p>This page was not saved for reading offline. Pages you have opened in the resources library before are kept on this device.</p>
<p><a href="/resources">Go to the resources library</a></p></main></body></html>`;
