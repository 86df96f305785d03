// Search: the combobox in the header and on the home page, the search page, and
// the form without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, waitForHydration, waitForPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/// Every request the page makes, to check that what is typed never leaves it.
function requests(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

test('typing without tone marks lists the right page; arrows and Enter open it', async () => {
  const { context, page, problems } = await phonePage(browser);
  const urls = requests(page);
  await page.goto(`${BASE_URL}/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  const box = page.getByRole('combobox', { name: 'Tìm thủ tục, giấy tờ, xã, phường' });
  await box.fill('dang ky khai sinh');
  const options = page.getByRole('option');
  await options.first().waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  assert.match(await options.first().textContent(), /Đăng ký khai sinh/);
  assert.ok(await page.locator('[role=option] mark').count() >= 3, 'matched words are marked');
  await axe(page, 'home with results');
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  await box.press('Enter');
  await page.waitForURL(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForPage(page, '/thu-tuc/dang-ky-khai-sinh/');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  // The index was fetched; what was typed went nowhere.
  assert.ok(urls.some((u) => u.endsWith('/search/vi.txt')));
  assert.ok(!urls.some((u) => /[?#]|dang ky|dang%20ky/.test(u)), urls.join('\n'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('Escape closes the list; Enter without a choice opens the search page with more results', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-ket-hon/`);
  await waitForHydration(page);
  const box = page.locator('#hs-q');
  await box.fill('phuong ben thanh');
  await page.getByRole('option').first().waitFor();
  await box.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('option').count(), 0);
  await box.press('Enter');
  await page.waitForURL(`${BASE_URL}/tim-kiem/#q=phuong%20ben%20thanh`);
  await waitForPage(page, '/tim-kiem/');
  const first = page.locator('[data-search-results] a').first();
  await first.waitFor();
  // As rendered: the highlighted words keep the spaces between them.
  assert.equal(await first.innerText(), 'Phường Bến Thành');
  assert.equal(await page.locator('#ps-q').inputValue(), 'phuong ben thanh');
  await axe(page, 'search page with results');
  await first.click();
  await page.locator('h1', { hasText: 'Phường Bến Thành' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('in counter mode the query reaches the search page without entering the address', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-ket-hon/?quay=1`);
  await waitForHydration(page);
  const box = page.locator('#hs-q');
  await box.fill('khai tu');
  await page.getByRole('option').first().waitFor();
  await box.press('Escape');
  await box.press('Enter');
  await page.waitForURL(`${BASE_URL}/tim-kiem/?quay=1`);
  await page.locator('[data-search-results] a', { hasText: 'Đăng ký khai tử' }).first().waitFor();
  assert.equal(await page.locator('#ps-q').inputValue(), 'khai tu');
  assert.equal(new URL(page.url()).hash, '', 'no query in the address');
  assert.deepEqual(problems, []);
  await context.close();
});

test('in English, the English pages are found', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/en/`);
  await waitForHydration(page);
  await page.locator('#home-q').fill('birth registration');
  await page.getByRole('option').first().waitFor();
  assert.match(await page.getByRole('option').first().getAttribute('href'), /^\/en\/thu-tuc\/dang-ky-khai-sinh\/$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the header offers the A–Z list instead of a box that cannot search', async () => {
  const { context, page, problems } = await phonePage(browser, { javaScriptEnabled: false });
  const urls = requests(page);
  await page.goto(`${BASE_URL}/thu-tuc/`);
  assert.equal(await page.locator('#hs-q').isVisible(), false, 'no box that cannot search');
  await page.getByRole('link', { name: 'Tìm thủ tục trong danh sách A–Z' }).click();
  await page.waitForURL(`${BASE_URL}/tim-kiem/`);
  assert.ok(await page.locator('.az-list a').count() >= 170);
  assert.ok(!urls.some((u) => new URL(u).search !== ''), 'nothing is sent in an address');
  assert.deepEqual(problems, []);
  await context.close();
});

test('what is typed on the search page before the search code arrives is kept and answered', async () => {
  // No worker: its fetches would not pass through the page's routes.
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  // Hold the extras module back until the query is typed.
  let release;
  const typed = new Promise((resolve) => { release = resolve; });
  await page.route(/\/extras-[^/]*$/, async (route) => { await typed; await route.continue(); });
  await page.goto(`${BASE_URL}/tim-kiem/`);
  await waitForHydration(page);
  await page.locator('#ps-q').pressSequentially('dang ky khai sinh');
  release();
  await page.waitForSelector('html[data-extras]');
  await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0);
  assert.equal(await page.locator('#ps-q').inputValue(), 'dang ky khai sinh');
  assert.ok(await page.locator('[data-search-results] a[href="/thu-tuc/dang-ky-khai-sinh/"]').count() > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
