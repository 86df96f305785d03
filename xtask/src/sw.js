// The service worker of Thủ tục xã: after one visit the guide keeps working with
// no network. `cargo xtask dist` writes dist/sw.mjs: the constants VERSION, SHELL
// and FILES (listed from dist/ by xtask/src/sw.rs), then this file. (Not `.js`:
// the static hosts' rules cache every `.js` file for a year, since all the others
// carry a content hash in their name; this one must be checked on every visit.)
//
// - install: the app shell (SHELL) into this version's cache, plus every language
//   the previous version had saved, so an update loses nothing offline;
// - message `precache <lang>` (sent by each page once the worker is ready): every
//   file of that language (procedures, life events, lists, the search index);
//   answers `precached`;
// - message `skip-waiting` (the page's "Tải lại" button): this version takes over;
// - activate: other versions' caches are deleted;
// - fetch, same-origin GET only: what this version saved comes from its cache, so
//   old and new files never mix; a page's fragment (what a client navigation
//   fetches) is cut from the saved page, which holds it whole, so it need not be
//   saved twice; anything else comes from the network and is kept as it is used
//   (provinces viewed, documents opened), and from the cache when offline. A page
//   never seen, offline, gets the offline page.
// Nothing is sent anywhere: the worker only fetches this site's own files.

const CACHE = `thu-tuc-xa-${VERSION}`;
const PREFIX = 'thu-tuc-xa-';
/// A marker in a cache: this language was saved whole.
const saved = (lang) => `/__saved/${lang}`;

/// At most this many files are fetched at once, so that what the person opens
/// next is not stuck behind the saving.
const AT_ONCE = 4;

async function saveLanguage(cache, lang) {
  const missing = [];
  for (const url of FILES[lang] ?? []) {
    if (!(await cache.match(url))) missing.push(url);
  }
  for (let i = 0; i < missing.length; i += AT_ONCE) {
    await cache.addAll(missing.slice(i, i + AT_ONCE));
  }
  await cache.put(saved(lang), new Response(VERSION));
}

/// The languages an earlier version saved whole.
async function languagesSavedBefore() {
  const langs = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const lang of Object.keys(FILES)) {
      if (await old.match(saved(lang))) langs.add(lang);
    }
  }
  return [...langs];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(SHELL);
    for (const lang of await languagesSavedBefore()) await saveLanguage(cache, lang);
  })());
});

self.addEventListener('message', (event) => {
  const [what, lang] = String(event.data).split(' ');
  if (what === 'skip-waiting') {
    self.skipWaiting();
  } else if (what === 'precache' && FILES[lang]) {
    event.waitUntil((async () => {
      try {
        await saveLanguage(await caches.open(CACHE), lang);
        event.source?.postMessage('precached');
      } catch {
        // Offline or interrupted: the next page load asks again.
      }
    })());
  }
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname === '/sw.mjs') return;
  // A page is the same whatever its `?` part, which holds only the modes the page
  // reads itself (counter mode, `?quay=1`): one saved copy serves them all.
  const key = request.mode === 'navigate' ? url.pathname : url.pathname + url.search;
  event.respondWith(respond(request, key));
});

/// The page a fragment comes from: `/fragments/en/thu-tuc/x.html` → `/en/thu-tuc/x/`.
function pageOf(key) {
  const m = /^\/fragments\/(.+)\.html$/.exec(key);
  return m ? `/${m[1]}/` : null;
}

/// A page's fragment, cut from the page: what its `<div class="fragment">` holds.
async function fragmentFrom(page) {
  const html = await page.text();
  const open = '<div class="fragment">';
  const start = html.indexOf(open);
  const end = html.lastIndexOf('</div></main>');
  if (start < 0 || end < start) return null;
  return new Response(html.slice(start + open.length, end), {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

async function respond(request, key) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const page = pageOf(key);
  const whole = page && (await cache.match(page));
  if (whole) {
    const fragment = await fragmentFrom(whole);
    if (fragment) return fragment;
  }
  try {
    const response = await fetch(request);
    if (response.ok && response.type === 'basic' && !response.redirected) {
      await cache.put(key, response.clone());
    }
    return response;
  } catch (err) {
    if (request.mode === 'navigate') {
      const offline = await cache.match('/offline.html');
      if (offline) return offline;
    }
    throw err;
  }
}
