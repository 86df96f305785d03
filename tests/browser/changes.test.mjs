// What changed (/thay-doi/) and its Atom feeds; a procedure page's recent changes
// and its schema.org data under the production CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ATOM = 'http://www.w3.org/2005/Atom';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/// A feed read by the browser's own XML parser, checked against what RFC 4287
/// requires of a feed and of each entry; its entries' ids and links.
async function readFeed(page, path) {
  const res = await page.request.get(BASE_URL + path);
  assert.equal(res.status(), 200, path);
  assert.match(res.headers()['content-type'], /xml/, path);
  const xml = await res.text();
  return page.evaluate(({ xml, ATOM }) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror').textContent };
    const feed = doc.documentElement;
    const child = (el, name) => [...el.children].filter((c) => c.namespaceURI === ATOM && c.localName === name);
    const text = (el, name) => child(el, name)[0]?.textContent ?? null;
    return {
      root: `${feed.namespaceURI} ${feed.localName}`,
      id: text(feed, 'id'),
      title: text(feed, 'title'),
      updated: text(feed, 'updated'),
      author: child(feed, 'author')[0] ? text(child(feed, 'author')[0], 'name') : null,
      self: child(feed, 'link').find((l) => l.getAttribute('rel') === 'self')?.getAttribute('href') ?? null,
      entries: child(feed, 'entry').map((e) => ({
        id: text(e, 'id'),
        title: text(e, 'title'),
        updated: text(e, 'updated'),
        link: child(e, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate')?.getAttribute('href') ?? null,
        content: text(e, 'content'),
      })),
    };
  }, { xml, ATOM });
}

function checkFeed(feed, path) {
  assert.equal(feed.error, undefined, `${path}: ${feed.error}`);
  assert.equal(feed.root, `${ATOM} feed`, path);
  assert.ok(feed.id && feed.title && feed.author, `${path}: id, title, author`);
  assert.match(feed.updated, RFC3339, path);
  assert.ok(feed.self.endsWith(path), `${path}: its self link ${feed.self}`);
  assert.ok(feed.entries.length > 0, path);
  const ids = new Set();
  for (const e of feed.entries) {
    assert.ok(e.id && e.title && e.content, `${path}: an entry with id, title and content`);
    assert.match(e.updated, RFC3339, `${path}: ${e.id}`);
    assert.ok(!ids.has(e.id), `${path}: ${e.id} twice`);
    ids.add(e.id);
    assert.ok(e.link, `${path}: ${e.id} links its page`);
  }
  // Newest first, as readers expect.
  const days = feed.entries.map((e) => e.updated);
  assert.deepEqual(days, [...days].sort().reverse(), `${path}: newest first`);
  // No entry is dated after the feed.
  assert.ok(days[0] <= feed.updated, path);
}

test('the what-changed page lists every change and its feeds are valid Atom with the same entries', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thay-doi/`);
  assert.equal(await page.locator('h1').innerText(), 'Thay đổi gần đây');
  const listed = await page.locator('.changes-list > li').count();
  assert.ok(listed > 74, `${listed} changes listed: at least one per procedure and flow`);
  const feeds = await page.locator('.changes-feeds a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(feeds[0], '/thay-doi.xml');
  assert.ok(feeds.length > 5, 'one feed per field');
  const site = await readFeed(page, '/thay-doi.xml');
  checkFeed(site, '/thay-doi.xml');
  assert.equal(site.entries.length, listed, 'the site feed has every change the page lists');
  // Each entry's page exists and its anchor is on the changes page.
  const sample = site.entries.filter((_, i) => i % 37 === 0);
  for (const e of sample) {
    const anchor = e.id.split('#')[1];
    assert.equal(await page.locator(`[id="${anchor}"]`).count(), 1, e.id);
    // Links are absolute, on the site's canonical base (the build's, not this server's).
    const res = await page.request.get(BASE_URL + new URL(e.link).pathname);
    assert.equal(res.status(), 200, e.link);
  }
  let inFields = 0;
  for (const path of feeds.slice(1)) {
    assert.match(path, /^\/thay-doi\/[a-z-]+\.xml$/);
    const feed = await readFeed(page, path);
    checkFeed(feed, path);
    for (const e of feed.entries) assert.ok(e.link.includes('/thu-tuc/'), `${path}: procedures only`);
    inFields += feed.entries.length;
  }
  const flows = site.entries.filter((e) => e.link.includes('/su-kien/')).length;
  assert.equal(inFields + flows, site.entries.length, 'every procedure change is in its field feed');
  await axe(page, 'the what-changed page');
  // English: its own feed, in English.
  await page.goto(`${BASE_URL}/en/thay-doi/`);
  assert.equal(await page.locator('h1').innerText(), 'What changed');
  const en = await readFeed(page, '/en/thay-doi.xml');
  checkFeed(en, '/en/thay-doi.xml');
  assert.ok(en.entries.every((e) => e.link.includes('/en/')), 'English entries link English pages');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a procedure page shows its latest changes and carries schema.org data the CSP lets through', async () => {
  const { context, page, problems } = await phonePage(browser);
  const res = await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  const csp = res.headers()['content-security-policy'] ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.ok(!csp.includes('unsafe-inline'), 'no inline script is allowed');
  const recent = page.locator('.recent-changes');
  assert.equal(await recent.locator('h3').innerText(), 'Thay đổi gần đây');
  const items = await recent.locator('li').count();
  assert.equal(items, 1, 'the latest change');
  assert.match(await recent.locator('li time').first().getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await recent.locator('a[href="/thay-doi/"]').count(), 1);
  // The feed of the page's field is announced in its head.
  const alternates = await page.locator('link[rel="alternate"][type="application/atom+xml"]').evaluateAll((ls) => ls.map((l) => l.getAttribute('href')));
  assert.deepEqual(alternates, ['/thay-doi.xml', '/thay-doi/ho-tich.xml']);
  // JSON-LD: data, not script; the browser runs nothing and reports no violation.
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  assert.equal(blocks.length, 1);
  const ld = JSON.parse(blocks[0]);
  assert.equal(ld['@context'], 'https://schema.org');
  assert.equal(ld['@type'], 'GovernmentService');
  assert.equal(ld.name, await page.locator('h1').innerText());
  assert.equal(ld.identifier, '1.001193');
  assert.equal(ld.provider['@type'], 'GovernmentOrganization');
  assert.equal(ld.areaServed['@type'], 'Country');
  assert.ok(ld.availableChannel.length >= 1);
  assert.ok(ld.url.endsWith('/thu-tuc/dang-ky-khai-sinh/'));
  // A flow's intro shows its changes too.
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  assert.ok(await page.locator('.flow-intro .recent-changes li').count() >= 1);
  assert.equal(await page.locator('script[type="application/ld+json"]').count(), 0, 'a flow is not a HowTo');
  assert.deepEqual(problems, []);
  await context.close();
});
