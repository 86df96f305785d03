// Facts and their sources in a real browser: each fact's "Căn cứ" opens to its
// quote and links into the register of legal texts; a rule whose last day has
// passed on the device's date is hidden, on a prerendered page and after a client
// navigation, and without JavaScript every rule shows with its dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, sitemapPaths, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The first Vietnamese procedure page whose fee ends on a known day (because a
/// change is announced), with that day.
async function pageWithDatedFee() {
  const paths = (await sitemapPaths()).filter((p) => /^\/thu-tuc\/[^/]+\/$/.test(p));
  for (const path of paths) {
    const html = await (await fetch(BASE_URL + path)).text();
    // The fee itself (the section's first block), not one of its exemptions.
    const first = html.match(/<h2 id="fee">[^<]*<\/h2><div ([^>]*)>/)?.[1] ?? '';
    const m = first.match(/data-until="(\d{4}-\d\d-\d\d)"/);
    if (m && first.includes('class="fact"')) return { path, until: m[1] };
  }
  throw new Error('no procedure page has a dated fee');
}

/// The ISO day after `iso`, at noon UTC, as epoch milliseconds.
function dayAfter(iso) {
  return Date.parse(`${iso}T12:00:00Z`) + 24 * 3600 * 1000;
}

/// Makes the page's clock read `ms` (for `new Date()` and `Date.now()`).
async function setClock(page, ms) {
  await page.addInitScript((t) => {
    const Real = Date;
    // eslint-disable-next-line no-global-assign
    Date = class extends Real {
      constructor(...a) { if (a.length === 0) super(t); else super(...a); }
      static now() { return t; }
    };
  }, ms);
}

test('a fact names its source; the quote opens; the source is on the register page', async () => {
  const { path } = await pageWithDatedFee();
  const { context, page, problems } = await phonePage(browser);
  await page.goto(BASE_URL + path);
  await waitForHydration(page);
  const cite = page.locator('section[aria-labelledby="fee"] .cite').first();
  await assert.doesNotReject(cite.waitFor());
  assert.match(await cite.locator('summary').innerText(), /^Căn cứ: /);
  assert.equal(await cite.locator('blockquote').first().isVisible(), false, 'the quote is closed at first');
  await cite.locator('summary').click();
  await cite.locator('blockquote').first().waitFor({ state: 'visible' });
  const href = await cite.locator('figcaption a').first().getAttribute('href');
  assert.match(href, /^\/van-ban\/#[a-z0-9-]+$/);
  await axe(page, `${path} with a source open`);
  await page.goto(BASE_URL + href);
  await waitForHydration(page);
  const id = href.split('#')[1];
  await page.locator(`article.law[id="${id}"] h2`).waitFor();
  await axe(page, '/van-ban/');
  await page.goto(`${BASE_URL}/quyen-cua-ban/`);
  await waitForHydration(page);
  assert.ok(await page.locator('.rights section .cite').count() >= 10, 'every right has its source');
  await axe(page, '/quyen-cua-ban/');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a rule whose last day has passed on the device is hidden, and the next one shows', async () => {
  const { path, until } = await pageWithDatedFee();
  const fee = 'section[aria-labelledby="fee"]';

  // Today: the rule in force shows, with the change announced after it.
  const today = await phonePage(browser);
  await today.page.goto(BASE_URL + path);
  await waitForHydration(today.page);
  assert.equal(await today.page.locator(`${fee} .fact[data-until="${until}"]`).isVisible(), true);
  assert.equal(await today.page.locator(`${fee} .fact-change`).first().isVisible(), true);
  assert.equal(await today.page.locator('[data-ended]').count(), 0);
  assert.deepEqual(today.problems, []);
  await today.context.close();

  // The day after: the ended rule is hidden on the prerendered page…
  const later = await phonePage(browser);
  await setClock(later.page, dayAfter(until));
  await later.page.goto(BASE_URL + path);
  await waitForHydration(later.page);
  await later.page.locator(`${fee} .fact[data-until="${until}"][data-ended]`).waitFor({ state: 'attached' });
  assert.equal(await later.page.locator(`${fee} .fact[data-until="${until}"]`).isVisible(), false);
  assert.equal(await later.page.locator(`${fee} .fact-change`).first().isVisible(), true);

  // …and in the HTML a client navigation brings.
  await later.page.goto(`${BASE_URL}/thu-tuc/`);
  await waitForHydration(later.page);
  const h1 = await (await fetch(BASE_URL + path)).text().then((h) => h.match(/<h1[^>]*>([^<]+)</)[1]);
  await later.page.locator(`a[href="${path}"]`).first().click();
  await later.page.locator('h1', { hasText: h1 }).waitFor();
  await later.page.locator(`${fee} .fact[data-until="${until}"][data-ended]`).waitFor({ state: 'attached' });
  assert.equal(await later.page.locator(`${fee} .fact[data-until="${until}"]`).isVisible(), false);
  assert.deepEqual(later.problems, []);
  await later.context.close();

  // Without JavaScript both rules show, each with its dates.
  const plain = await phonePage(browser, { javaScriptEnabled: false });
  await plain.page.goto(BASE_URL + path);
  assert.equal(await plain.page.locator(`${fee} .fact[data-until="${until}"]`).isVisible(), true);
  assert.equal(await plain.page.locator(`${fee} .fact-change`).first().isVisible(), true);
  assert.equal(await plain.page.locator(`${fee} .fact-period`).count() >= 2, true);
  await plain.context.close();
});
