// Across a deploy: a tab still running one build's wasm meets another build's
// HTML. The wasm reads a flow's `data-when` marks with its own graph, so a
// fragment of another build must never be shown by it: the page is loaded whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, phonePage, waitForHydration, waitForPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// The notes on the birth flow's fee: under 60 days, no fee; over, a fee.
const UNDER_60 = 'Bé chưa quá 60 ngày tuổi nên';
const OVER_60 = 'Đã quá 60 ngày: vẫn đăng ký';

/// The `data-when` of the note that starts with `text`, in some HTML.
function whenOf(html, text) {
  const at = html.indexOf(text);
  assert.ok(at > 0, `the flow has the note "${text}"`);
  const tag = html.slice(html.lastIndexOf('<p ', at), at);
  return /data-when="(\d+)"/.exec(tag)?.[1];
}

test('a flow fragment of another build is not shown by this wasm: the page loads whole, right', async () => {
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  const real = await (await fetch(`${BASE_URL}/fragments/su-kien/sinh-con.html`)).text();
  assert.match(real, /^<!--build [0-9a-f]{12,16}-->/, 'a fragment names its build');
  const [under, over] = [whenOf(real, UNDER_60), whenOf(real, OVER_60)];
  assert.ok(under && over && under !== over, `two conditions: ${under}, ${over}`);
  // The next build numbered the two conditions the other way round: to the
  // running wasm, its "under 60 days" note reads as "over 60 days".
  const next = real
    .replace(/^<!--build [0-9a-f]+-->/, '<!--build 00000000000000ff-->')
    .replaceAll(`data-when="${under}"`, 'data-when="SWAP"')
    .replaceAll(`data-when="${over}"`, `data-when="${under}"`)
    .replaceAll('data-when="SWAP"', `data-when="${over}"`);
  let served = 0;
  await page.route('**/fragments/su-kien/sinh-con.html', (route) => {
    served += 1;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: next });
  });

  await page.goto(`${BASE_URL}/su-kien/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('a[href="/su-kien/sinh-con/"]').first().click();
  await page.waitForURL(`${BASE_URL}/su-kien/sinh-con/`);
  // Loaded whole: a new document, hydrated, with the page's own HTML.
  await page.waitForFunction(() => window.__sameDocument === undefined && document.documentElement.hasAttribute('data-hydrated'));
  assert.equal(served, 1, 'the other build\'s fragment was fetched once');
  const shown = await page.locator('main').innerHTML();
  assert.equal(whenOf(shown, UNDER_60), under, 'the page shows this build\'s marks');
  assert.equal(whenOf(shown, OVER_60), over);
  // And it works.
  await page.getByRole('link', { name: 'Bắt đầu' }).click();
  await page.waitForSelector('form[data-q="noi-sinh"]:not([hidden])');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a fragment of this build is shown without loading the page again', async () => {
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  await page.goto(`${BASE_URL}/su-kien/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('a[href="/su-kien/sinh-con/"]').first().click();
  await waitForPage(page, '/su-kien/sinh-con/');
  await page.getByRole('link', { name: 'Bắt đầu' }).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  // The mark is a comment: nothing of it is on screen.
  assert.doesNotMatch(await page.locator('main').innerText(), /build/);
  assert.deepEqual(problems, []);
  await context.close();
});
