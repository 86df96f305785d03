// Offline: after one visit, with the network cut, procedure pages, a flow to its
// outcome, search and a reload still work; a page never saved gets the offline
// page. The service worker and the manifest are what make this so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, renameSync, existsSync, rmSync } from 'node:fs';
import { BASE_URL, launch, phonePage, waitForAttached, waitForHydration, waitForPage } from './browser.mjs';

/// dist/ as `cargo xtask test` serves it (the server reads files on each request).
const DIST = new URL('../../dist/', import.meta.url);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/// From a flow's intro to its outcome, each question answered with its first
/// option: waits for each next question (or the check page) and for each answered
/// question put away.
async function toOutcome(page) {
  await page.click('.button-start');
  for (let i = 0; i < 20; i += 1) {
    const shown = page.locator('form.question:not([hidden]), section.check:not([hidden])').first();
    await shown.waitFor();
    const id = await shown.getAttribute('data-q');
    if (!id) break;
    const form = page.locator(`form[data-q="${id}"]`);
    await form.locator('.radio-label').first().click();
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'hidden' });
  }
  await page.locator('section.check:not([hidden])').waitFor();
  await page.click('.check-continue a[data-go="outcome"]');
}

test('after one visit, the guide works with no network', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForHydration(page);
  await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  // A province viewed once is kept.
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/`);
  await waitForHydration(page);
  await context.setOffline(true);
  // A page never saved: the offline page, in both languages. It is asked for
  // first because Chromium (156) stops applying the emulated offline state to the
  // worker's own fetches after the first navigation made offline: asked later, a
  // page never saved came from the network (also with the site as it was before).
  const response = await page.goto(`${BASE_URL}/noi-nop/hue/`);
  assert.equal(response.status(), 200);
  assert.match(await page.locator('h1').textContent(), /Không có kết nối mạng/);
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/`);
  assert.match(await page.locator('main h1').textContent(), /Hà Nội/);
  // Cold loads of saved pages.
  for (const path of ['/thu-tuc/dang-ky-khai-sinh/', '/thu-tuc/dang-ky-ket-hon/', '/su-kien/', '/thu-tuc/', '/tim-kiem/']) {
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.equal(response.status(), 200, path);
    await waitForHydration(page);
    assert.ok((await page.locator('main h1').first().textContent()).trim().length > 0, path);
  }
  // A client navigation fetches the page's fragment, which the worker saved.
  await page.goto(`${BASE_URL}/thu-tuc/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.sameDocument = true; });
  await page.locator('main a[href="/thu-tuc/dang-ky-tam-tru/"]').first().click();
  await waitForPage(page, '/thu-tuc/dang-ky-tam-tru/');
  await page.locator('main h1', { hasText: 'Đăng ký tạm trú' }).waitFor();
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'a client navigation');
  await page.goto(`${BASE_URL}/tim-kiem/`);
  await waitForHydration(page);
  // Search, offline.
  const box = page.locator('#ps-q');
  await box.fill('dang ky khai tu');
  await page.locator('[data-search-results] a', { hasText: 'Đăng ký khai tử' }).first().waitFor();
  // A flow to its outcome, offline, and a reload on the way.
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  await waitForHydration(page);
  await page.reload();
  await waitForHydration(page);
  await waitForAttached(page, '/su-kien/sinh-con/');
  await toOutcome(page);
  const outcome = page.locator('section.outcome:not([hidden])').first();
  await outcome.waitFor();
  assert.ok(await outcome.locator('h2, h3').count() > 0, 'the outcome, with its checklist');
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

/// What a prerendered page says about itself in its head, for the reader and
/// for the wasm (the page it hydrates).
function headOf(html) {
  const attr = (re) => html.match(re)?.[1] ?? null;
  return {
    title: attr(/<title>([^<]*)<\/title>/),
    description: attr(/<meta name="description" content="([^"]*)">/),
    page: attr(/<meta name="thu-tuc-xa:page" content="([^"]*)">/),
    canonical: attr(/<link rel="canonical" href="([^"]*)">/),
    alternates: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`),
    switch: attr(/<a href="([^"]*)" hreflang="[a-z]+" lang="[a-z]+" class="lang-switch">/),
  };
}

/// The same, read from the document in the browser.
async function headIn(page) {
  return page.evaluate(() => {
    const attr = (css, name) => document.querySelector(css)?.getAttribute(name) ?? null;
    return {
      title: document.title,
      description: attr('meta[name="description"]', 'content'),
      page: attr('meta[name="thu-tuc-xa:page"]', 'content'),
      canonical: attr('link[rel="canonical"]', 'href'),
      alternates: [...document.querySelectorAll('link[rel="alternate"]')].map((l) => `${l.hreflang} ${l.getAttribute('href')}`),
      switch: attr('a.lang-switch', 'href'),
    };
  });
}

/// A page without its own head tags for search engines, previews and feeds
/// (`<!--page-head-->`…`<!--/page-head-->`), which the offline pack leaves out.
const withoutPageHead = (s) => s.replace(/<!--page-head-->[\s\S]*?<!--\/page-head-->/, '');

/// An HTML text's entities read back, as the browser shows a title.
const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&');

test('a saved procedure and life event, opened offline, are made from the shell and a fragment: the page the prerenderer wrote, hydrated and working', async () => {
  const { context, page, problems } = await phonePage(browser);
  for (const home of ['/en/', '/']) {
    await page.goto(`${BASE_URL}${home}`);
    await waitForHydration(page);
    await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  }
  const paths = ['/thu-tuc/dang-ky-khai-sinh/', '/su-kien/sinh-con/', '/en/thu-tuc/dang-ky-ket-hon/', '/en/su-kien/ket-hon/', '/thu-tuc/'];
  // Saved as a fragment, not whole: the worker makes the page.
  for (const path of paths) {
    const saved = await page.evaluate(async (p) => [!!(await caches.match(p)), !!(await caches.match(`/fragments${p.slice(0, -1)}.html`))], path);
    assert.deepEqual(saved, [false, true], `${path}: no whole copy, its fragment saved`);
  }
  // The server's copies set aside: a page that came from the network would show it.
  const written = Object.fromEntries(paths.map((p) => [p, readFileSync(new URL(`${p.slice(1)}index.html`, DIST), 'utf8')]));
  const restores = paths.map((p) => replaceInDist(`${p.slice(1)}index.html`, '<!doctype html><title>not from the worker</title>'));
  await context.setOffline(true);
  try {
    for (const path of paths) {
      const response = await page.goto(`${BASE_URL}${path}`);
      assert.equal(response.status(), 200, path);
      assert.ok(response.fromServiceWorker(), `${path} came from the worker`);
      // Byte for byte what the prerenderer wrote (and the build checked the same),
      // but for the head tags meant for search engines and link previews.
      assert.ok(written[path].includes('<!--page-head-->'), path);
      assert.equal(await response.text(), withoutPageHead(written[path]), `${path} is the prerendered page`);
      await waitForHydration(page);
      assert.equal(await page.getAttribute('html', 'data-render'), null, `${path} hydrated, not shown static`);
      const expected = headOf(written[path]);
      expected.title = unescapeHtml(expected.title);
      expected.description = unescapeHtml(expected.description);
      assert.equal(expected.page, path);
      assert.ok(expected.canonical.endsWith(path) && expected.alternates.length === 3 && expected.switch, path);
      assert.deepEqual(await headIn(page), expected, `${path}: title, description, page, canonical, hreflang, language switch`);
      assert.equal(new URL(page.url()).pathname, path);
    }
    // A flow works on a life event made offline: to its outcome.
    await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
    await waitForHydration(page);
    await waitForAttached(page, '/su-kien/sinh-con/');
    await toOutcome(page);
    await page.locator('section.outcome:not([hidden])').first().waitFor();
    // And on a procedure made offline: the search box (the extras, the index),
    // then a client navigation to what it found.
    await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
    await waitForHydration(page);
    await page.evaluate(() => { window.sameDocument = true; });
    await page.locator('#hs-q').fill('dang ky khai tu');
    const option = page.getByRole('option', { name: /Đăng ký khai tử/ }).first();
    await option.waitFor();
    await option.click();
    await waitForPage(page, '/thu-tuc/dang-ky-khai-tu/');
    await page.locator('main h1', { hasText: 'Đăng ký khai tử' }).waitFor();
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'a client navigation');
  } finally {
    for (const restore of restores) restore();
    await context.setOffline(false);
  }
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('installable: a manifest in the page language, with icons', async () => {
  for (const [path, lang, start] of [['/', 'vi', '/'], ['/en/', 'en', '/en/']]) {
    const html = await (await fetch(`${BASE_URL}${path}`)).text();
    const href = html.match(/<link rel="manifest" href="([^"]+)"/)?.[1];
    assert.ok(href, `${path} links a manifest`);
    const manifest = await (await fetch(`${BASE_URL}${href}`)).json();
    assert.equal(manifest.lang, lang);
    assert.equal(manifest.start_url, start);
    assert.equal(manifest.display, 'standalone');
    const sizes = manifest.icons.map((i) => i.sizes);
    assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
    assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
    for (const icon of manifest.icons) {
      const r = await fetch(`${BASE_URL}${icon.src}`);
      assert.equal(r.headers.get('content-type'), 'image/png');
    }
  }
});

test('a new deploy is announced, and "Tải lại" brings it in', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  assert.equal(await page.locator('#update').isHidden(), true);
  // A new deploy: another worker (its compressed copies set aside so that the
  // server sends the new text).
  const worker = new URL('sw.mjs', DIST);
  const before = readFileSync(worker, 'utf8');
  const aside = ['.br', '.gz'].map((ext) => new URL(`sw.mjs${ext}`, DIST)).filter((f) => existsSync(f));
  try {
    for (const f of aside) renameSync(f, `${f.pathname}.aside`);
    writeFileSync(worker, before.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
    await page.reload();
    await waitForHydration(page);
    const banner = page.locator('#update');
    await banner.waitFor({ state: 'visible', timeout: 60000 });
    assert.match(await banner.textContent(), /Đã có phiên bản mới/);
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Tải lại' }).click(),
    ]);
    await waitForHydration(page);
    const version = await page.evaluate(async () => (await caches.keys()).join(' '));
    assert.match(version, /-next$/, 'only the new version\'s cache is left');
    // The new version saved the language again, as its install does: a life
    // event is made offline from its shell and fragment, and hydrates.
    await context.setOffline(true);
    const response = await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
    assert.ok(response.fromServiceWorker());
    assert.equal(await response.text(), withoutPageHead(readFileSync(new URL('su-kien/sinh-con/index.html', DIST), 'utf8')));
    await waitForHydration(page);
    assert.equal(await page.getAttribute('html', 'data-render'), null);
    await context.setOffline(false);
  } finally {
    writeFileSync(worker, before);
    for (const f of aside) renameSync(`${f.pathname}.aside`, f);
  }
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

/// Whether the cache holds `path` (and, if `text` is given, an answer that
/// includes it) within 30 s: the caches have no event to wait for, so the page
/// checks again after each frame until they do.
function cachedSoon(page, path, text = '') {
  return page.evaluate(async ({ path, text }) => {
    const end = performance.now() + 30000;
    while (performance.now() < end) {
      const kept = await caches.match(path);
      if (kept && (await kept.text()).includes(text)) return true;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return false;
  }, { path, text });
}

/// Sets a file of dist/ aside for the test and writes `text` in its place (its
/// compressed copies set aside too, so that the server sends the new text);
/// returns what puts everything back.
function replaceInDist(path, text) {
  const file = new URL(path, DIST);
  const before = existsSync(file) ? readFileSync(file) : null;
  const aside = ['.br', '.gz'].map((ext) => new URL(`${path}${ext}`, DIST)).filter((f) => existsSync(f));
  for (const f of aside) renameSync(f, `${f.pathname}.aside`);
  writeFileSync(file, text);
  return () => {
    if (before) writeFileSync(file, before); else rmSync(file);
    for (const f of aside) renameSync(`${f.pathname}.aside`, f);
  };
}

test('a page kept as used is refreshed behind the copy served; a foreign answer is never kept', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForHydration(page);
  await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  const path = '/noi-nop/ha-noi/';
  await page.goto(`${BASE_URL}${path}`);
  await waitForHydration(page);
  const kept = () => page.evaluate(async (p) => (await (await caches.match(p))?.text()) ?? null, path);
  assert.match(await kept(), /Hà Nội/, 'the province page is kept as used');
  // A correction is published (an office's address, say).
  const original = readFileSync(new URL('noi-nop/ha-noi/index.html', DIST), 'utf8');
  const restore = replaceInDist('noi-nop/ha-noi/index.html', original.replace('</main>', '<p id="corrected">Đã sửa</p></main>'));
  try {
    await page.goto(`${BASE_URL}${path}`);
    await waitForHydration(page);
    // Served from the copy at once, and refreshed behind it.
    assert.ok(await cachedSoon(page, path, 'id="corrected"'), 'the kept copy was refreshed within 30 s');
    await page.goto(`${BASE_URL}${path}`);
    await page.locator('#corrected').waitFor();
  } finally {
    restore();
  }
  // An HTML answer that is not one of the site's pages (a captive portal's, a
  // host's error page) is served but not kept.
  const restorePortal = replaceInDist('noi-nop/zz-portal.html', '<!doctype html><title>Wi-Fi</title><link rel="icon" href="data:,"><p>Đăng nhập Wi-Fi</p>');
  try {
    await page.goto(`${BASE_URL}/noi-nop/zz-portal.html`);
    await page.getByText('Đăng nhập Wi-Fi').waitFor();
    // The worker decides after answering: a page asked for next, once kept,
    // shows it has decided on the one before.
    await page.goto(`${BASE_URL}/noi-nop/hue/`);
    await waitForHydration(page);
    assert.ok(await cachedSoon(page, '/noi-nop/hue/'), 'the next page was kept within 30 s');
    assert.equal(await page.evaluate(async () => !!(await caches.match('/noi-nop/zz-portal.html'))), false);
  } finally {
    restorePortal();
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline in English: the offline page in English, and /en/thu-tuc without its slash', async () => {
  for (const [path, check] of [
    ['/en/noi-nop/hue/', async (page) => {
      assert.equal(await page.locator('h1').textContent(), 'No network connection');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.locator('.site-header a[hreflang], .lang-switch').first().getAttribute('href'), '/');
    }],
    ['/en/thu-tuc', async (page) => {
      await waitForHydration(page);
      assert.equal(new URL(page.url()).pathname, '/en/thu-tuc/', 'the page, at its own address');
      assert.match(await page.locator('main h1').first().textContent(), /procedure/i);
    }],
  ]) {
    // Each in a context of its own: Chromium applies the emulated offline state to
    // the worker's fetches only up to the first navigation made offline.
    const { context, page, problems } = await phonePage(browser);
    await page.goto(`${BASE_URL}/en/`);
    await waitForHydration(page);
    await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
    await context.setOffline(true);
    const response = await page.goto(`${BASE_URL}${path}`);
    assert.equal(response.status(), 200, path);
    await check(page);
    await context.setOffline(false);
    assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), [], path);
    await context.close();
  }
});

test('an update that does not fit the storage quota leaves no half copy, and the old version goes on', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  const before = await page.evaluate(() => caches.keys());
  assert.equal(before.length, 1);
  // A phone that is full: no room for one more byte.
  const cdp = await context.newCDPSession(page);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(BASE_URL).origin, quotaSize: usage });
  const restore = replaceInDist('sw.mjs', readFileSync(new URL('sw.mjs', DIST), 'utf8')
    .replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-full'"));
  try {
    const outcome = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg.update();
      const worker = reg.installing ?? reg.waiting;
      if (!worker) return ['no update found'];
      await new Promise((resolve) => {
        const settled = () => ['redundant', 'installed', 'activated'].includes(worker.state);
        if (settled()) resolve();
        worker.addEventListener('statechange', () => { if (settled()) resolve(); });
      });
      return [worker.state, ...(await caches.keys())];
    });
    assert.deepEqual(outcome, ['redundant', ...before], 'the update failed whole, and only the old copy is left');
  } finally {
    restore();
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(BASE_URL).origin });
  }
  // The old version still serves the page.
  await page.reload();
  await waitForHydration(page);
  assert.deepEqual(problems.filter((p) => !/quota/i.test(p)), []);
  await context.close();
});
