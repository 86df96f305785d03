// The service worker of Thủ tục xã: after one visit the guide keeps working with
// no network. `cargo xtask dist` writes dist/sw.mjs: the constants VERSION, BUILD,
// SHELL and FILES (listed from dist/ by xtask/src/sw.rs), then this file. (Not `.js`:
// the static hosts' rules cache every `.js` file for a year, since all the others
// carry a content hash in their name; this one must be checked on every visit.)
//
// - install: the app shell (SHELL) into this version's cache, plus every language
//   the previous version had saved and, fetched again, what it kept as used, so
//   an update loses nothing offline; if the
//   shell cannot be saved the new cache is deleted (the old version goes on); if
//   the languages cannot (a quota too small for two copies), the version starts
//   with the shell and saves them again when a page asks;
// - message `precache <lang>` (sent by each page once the worker is ready): every
//   file of that language (procedures, life events, lists, the search index);
//   answers `precached`;
// - message `skip-waiting` (the page's "Tải lại" button): this version takes over;
// - activate: other versions' caches are deleted;
// - fetch, same-origin GET only: what this version saved comes from its cache, so
//   old and new files never mix; a page's fragment (what a client navigation
//   fetches) is cut from the saved page, which holds it whole, so it need not be
//   saved twice (with the page's build mark in front, as in a fragment file);
//   anything else comes from the network and is kept as it is used (provinces
//   viewed, documents opened): from then on it is served from the cache and
//   refreshed from the network behind it (stale-while-revalidate), so a corrected
//   page reaches whoever kept it. Only the site's own files are kept (an HTML
//   answer must be one of its pages or fragments). A page never seen, offline,
//   gets the offline page, in the address's language; `/x` is the page `/x/`.
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

/// What an earlier version kept as used (provinces viewed, documents opened),
/// fetched again into this version's cache: offline, they stay at hand after an
/// update. Not copied: an older page would need files this version has not saved.
async function keepUsedBefore(cache) {
  const used = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    for (const request of await (await caches.open(key)).keys()) {
      const path = new URL(request.url).pathname + new URL(request.url).search;
      if (!SAVED.has(path) && !path.startsWith('/__saved/')) used.add(path);
    }
  }
  const list = [...used];
  for (let i = 0; i < list.length; i += AT_ONCE) {
    await Promise.all(list.slice(i, i + AT_ONCE).map(async (path) => {
      try {
        const response = await fetch(path);
        if (await isSiteFile(response)) await cache.put(path, response);
      } catch {
        // Gone, or offline: fetched again when next used.
      }
    }));
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await cache.addAll(SHELL);
    } catch (err) {
      // No half version left behind: the old one goes on, and tries again later.
      await caches.delete(CACHE);
      throw err;
    }
    try {
      for (const lang of await languagesSavedBefore()) await saveLanguage(cache, lang);
      await keepUsedBefore(cache);
    } catch {
      // Two copies do not fit (a small storage quota) or the network went: this
      // version starts with the shell, and once the old copy is gone the pages
      // ask for their language again (`precache`), which saves what is missing.
    }
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

/// What this version saved in advance: served as saved. Anything else in the cache
/// was kept as used, and is refreshed from the network each time it is served.
const SAVED = new Set([...SHELL, ...Object.values(FILES).flat()]
  .map((u) => new URL(u, self.location).pathname));

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname === '/sw.mjs') return;
  // A page is the same whatever its `?` part, which holds only the modes the page
  // reads itself (counter mode, `?quay=1`): one saved copy serves them all.
  const key = request.mode === 'navigate' ? url.pathname : url.pathname + url.search;
  event.respondWith(respond(event, request, key));
});

/// The page a fragment comes from: `/fragments/en/thu-tuc/x.html` → `/en/thu-tuc/x/`.
function pageOf(key) {
  const m = /^\/fragments\/(.+)\.html$/.exec(key);
  return m ? `/${m[1]}/` : null;
}

/// A page's fragment, cut from the page: what its `<div class="fragment">` holds,
/// after the mark of the page's build that a fragment file starts with (the app
/// loads a page whole when a fragment's build is not its own).
async function fragmentFrom(page) {
  const html = await page.text();
  const build = /<meta name="thu-tuc-xa:build" content="([0-9A-Za-z]+)">/.exec(html);
  const mark = build ? `<!--build ${build[1]}-->` : '';
  const open = '<div class="fragment">';
  const start = html.indexOf(open);
  const end = html.lastIndexOf('</div></main>');
  if (start < 0 || end < start) return null;
  return new Response(mark + html.slice(start + open.length, end), {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}

/// A page's address as saved: `/thu-tuc`, `/thu-tuc/index.html` and `/%74hu-tuc/`
/// are the page `/thu-tuc/`.
function pageKey(key) {
  let path = key;
  try { path = decodeURI(key); } catch { /* a bad escape: as it is */ }
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  return path.endsWith('/') || /\.[A-Za-z0-9]+$/.test(path) ? path : `${path}/`;
}

/// Whether a response is this site's own file, fit to keep: a success, not
/// redirected, and for HTML a page or fragment of this version's build (a captive
/// portal or a host's error page answers with its own HTML; a page of a newer
/// build needs files this version has not saved, and comes with the next version).
async function isSiteFile(response) {
  if (!response.ok || response.type !== 'basic' || response.redirected) return false;
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) return true;
  const html = await response.clone().text();
  return html.startsWith(`<!--build ${BUILD}-->`)
    || html.includes(`<meta name="thu-tuc-xa:build" content="${BUILD}">`);
}

/// Fetches a file, and keeps it as used once it is known to be the site's: the
/// answer goes to the page at once (it streams), the keeping behind it.
async function fetchAndKeep(event, cache, request, key) {
  const response = await fetch(request);
  const copy = response.clone();
  event.waitUntil((async () => {
    if (await isSiteFile(copy)) await cache.put(key, copy);
  })().catch(() => {}));
  return response;
}

async function respond(event, request, key) {
  const cache = await caches.open(CACHE);
  const navigate = request.mode === 'navigate';
  const saved = navigate ? pageKey(key) : key;
  const hit = await cache.match(saved);
  if (hit) {
    // Kept as used: served now, refreshed for next time (a corrected address
    // reaches those who opened the page before).
    if (!SAVED.has(saved)) event.waitUntil(fetchAndKeep(event, cache, request, saved).catch(() => {}));
    return hit;
  }
  const page = pageOf(key);
  const whole = page && (await cache.match(page));
  if (whole) {
    const fragment = await fragmentFrom(whole);
    if (fragment) {
      if (!SAVED.has(page)) event.waitUntil(fetchAndKeep(event, cache, page, page).catch(() => {}));
      return fragment;
    }
  }
  try {
    return await fetchAndKeep(event, cache, request, navigate ? pageKey(key) : key);
  } catch (err) {
    if (navigate) {
      const english = key === '/en' || key.startsWith('/en/');
      const offline = await cache.match(english ? '/en/offline.html' : '/offline.html');
      if (offline) return offline;
    }
    throw err;
  }
}
