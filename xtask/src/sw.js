// The service worker of Thủ tục xã: after one visit the guide keeps working with
// no network. `cargo xtask dist` writes dist/sw.mjs: the constants VERSION, BUILD,
// SHELL and PACKS (made from dist/ by xtask/src/sw.rs), then this file. (Not `.js`:
// the static hosts' rules cache every `.js` file for a year, since all the others
// carry a content hash in their name; this one must be checked on every visit.)
//
// - install: the app shell (SHELL) into this version's cache, plus every language
//   the previous version had saved and, fetched again, what it kept as used, so
//   an update loses nothing offline; if the
//   shell cannot be saved the new cache is deleted (the old version goes on); if
//   the languages cannot (a quota too small for two copies), the version starts
//   with the shell and saves them again when a page asks;
// - message `precache <lang>` (sent by each page once the worker is ready): the
//   language's pack (PACKS[lang].url: one download, so brotli reads the pages'
//   common words once), unpacked: each procedure's, life event's and list's
//   fragment under its own address (what a client navigation fetches), the few
//   files kept whole (home, search page, search index, offline page) under
//   theirs, and last ONE shell page with each page's title and description;
//   answers `precached`;
// - message `skip-waiting` (the page's "Tải lại" button): this version takes over;
// - activate: other versions' caches are deleted;
// - fetch, same-origin GET only: what this version saved comes from its cache, so
//   old and new files never mix. A page of a pack (PACKS[lang].pages) is made
//   from the shell and its fragment: the shell's `{{path}}`, `{{other}}` (the
//   page in the other language), `{{title}}`, `{{description}}` and
//   `{{fragment}}` filled in one pass; the build checked that this makes the page
//   the prerenderer wrote, byte for byte, so it hydrates (its
//   `thu-tuc-xa:page` meta is the page's). A fragment asked for with no file
//   saved is cut from a page kept whole, with that page's build mark in front;
//   anything else comes from the network and is kept as it is used (provinces
//   viewed, documents opened): from then on it is served from the cache and
//   refreshed from the network behind it (stale-while-revalidate), so a corrected
//   page reaches whoever kept it. Only the site's own files are kept (an HTML
//   answer must be one of its pages or fragments). A page never seen, offline,
//   gets the offline page, in the address's language (else the other's, saved
//   with the other pack); `/x` is the page `/x/`.
// Nothing is sent anywhere: the worker only fetches this site's own files.

const CACHE = `thu-tuc-xa-${VERSION}`;
const PREFIX = 'thu-tuc-xa-';
/// A marker in a cache: this language was saved whole.
const saved = (lang) => `/__saved/${lang}`;
/// Where a language's shell and its pages' titles and descriptions are kept.
const kitKey = (lang) => `/__saved/${lang}/shell`;

/// At most this many files kept as used are fetched again at once (an update),
/// so that what the person opens next is not stuck behind the saving.
const AT_ONCE = 4;

async function saveLanguage(cache, lang) {
  if (!(await cache.match(kitKey(lang)))) await unpack(cache, lang);
  await cache.put(saved(lang), new Response(VERSION));
}

/// The marks of a shell's per-page parts (xtask/src/sw.rs `MARKS` and `fill`).
const MARKS = /\{\{(path|other|title|description|fragment)\}\}/g;

/// A page's fragment file: `/en/thu-tuc/x/` → `/fragments/en/thu-tuc/x.html`.
const fragmentOf = (path) => `/fragments${path.replace(/\/$/, '')}.html`;

/// The same page in the other language: `/x/` ↔ `/en/x/`.
const otherOf = (path) => (path.startsWith('/en/') ? path.slice(3) : `/en${path}`);

const languageOf = (path) => (path.startsWith('/en/') ? 'en' : 'vi');

/// The headers of a file unpacked from a pack: the pack's own (the site's
/// security headers), with the file's type.
function headersFor(response, type) {
  const headers = new Headers(response.headers);
  for (const name of ['Content-Length', 'Content-Encoding', 'ETag', 'Last-Modified']) headers.delete(name);
  headers.set('Content-Type', type);
  return headers;
}

const HTML = 'text/html; charset=utf-8';

/// Downloads a language's pack and saves what it holds, the shell with each
/// page's title and description last: once that is there, the rest is.
async function unpack(cache, lang) {
  const { url } = PACKS[lang];
  const response = await fetch(url);
  if (!response.ok || response.redirected) throw new Error(`${url}: ${response.status}`);
  const pack = await response.json();
  if (pack.build !== BUILD) throw new Error(`${url}: of build ${pack.build}, not ${BUILD}`);
  const heads = {};
  const puts = [];
  for (const [path, [title, description, fragment]] of Object.entries(pack.pages)) {
    heads[path] = [title, description];
    puts.push(cache.put(fragmentOf(path), new Response(`<!--build ${BUILD}-->${fragment}`, {
      headers: headersFor(response, HTML),
    })));
  }
  for (const [path, [type, text]] of Object.entries(pack.files)) {
    puts.push(cache.put(path, new Response(text, { headers: headersFor(response, type) })));
  }
  await Promise.all(puts);
  await cache.put(kitKey(lang), new Response(JSON.stringify({ shell: pack.shell, heads }), {
    headers: headersFor(response, 'application/json'),
  }));
}

/// Each language's shell and heads, read once per worker.
const kits = new Map();

async function kitOf(cache, lang) {
  if (!kits.has(lang)) {
    const kept = await cache.match(kitKey(lang));
    if (!kept) return null;
    const { shell, heads } = await kept.json();
    kits.set(lang, { shell, heads, headers: headersFor(kept, HTML) });
  }
  return kits.get(lang);
}

/// A page of a pack, made from the language's shell and the page's fragment, or
/// null if they are not saved (yet).
async function made(cache, path) {
  const kit = await kitOf(cache, languageOf(path));
  if (!kit || !Object.hasOwn(kit.heads, path)) return null;
  const file = await cache.match(fragmentOf(path));
  if (!file) return null;
  const [title, description] = kit.heads[path];
  const fragment = (await file.text()).replace(/^<!--build [0-9A-Za-z]+-->/, '');
  const values = { path, other: otherOf(path), title, description, fragment };
  const html = kit.shell.replace(MARKS, (_, mark) => values[mark]);
  return new Response(html, { headers: kit.headers });
}

/// The languages an earlier version saved whole.
async function languagesSavedBefore() {
  const langs = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const lang of Object.keys(PACKS)) {
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
  } else if (what === 'precache' && PACKS[lang]) {
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

/// The pages this version makes from a shell and a fragment.
const MADE = new Set(Object.values(PACKS).flatMap((p) => p.pages));

/// What this version saved in advance: served as saved. Anything else in the cache
/// was kept as used, and is refreshed from the network each time it is served.
const SAVED = new Set([
  ...SHELL,
  ...Object.values(PACKS).flatMap((p) => [...p.files, ...p.pages.map(fragmentOf)]),
].map((u) => new URL(u, self.location).pathname));

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
  if (navigate && MADE.has(saved)) {
    const page = await made(cache, saved);
    if (page) return page;
  }
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
    // A page of a pack not saved yet comes whole from the network, not kept:
    // the pack brings it.
    if (navigate && MADE.has(saved)) return await fetch(request);
    return await fetchAndKeep(event, cache, request, navigate ? pageKey(key) : key);
  } catch (err) {
    if (navigate) {
      // In the address's language, else the other's (each pack has its own;
      // both say it in both languages).
      const english = key === '/en' || key.startsWith('/en/');
      const pages = ['/offline.html', '/en/offline.html'];
      for (const path of english ? pages.reverse() : pages) {
        const offline = await cache.match(path);
        if (offline) return offline;
      }
    }
    throw err;
  }
}
