// The place finder: nearest communes from a granted location; a denied,
// unavailable or timed-out one; the pages without JavaScript; the type-ahead on a
// province page and an old province's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, clickLinkTo, launch, phonePage, waitForAttached, waitForHydration, waitForPage } from './browser.mjs';

/// A province page's fragment: the piece the nearest search fetches.
const provincePiece = /\/fragments\/noi-nop\/([^/]+)\.html$/;


/// Presses "use my location" and waits for the message `msg`.
async function locate(page, msg) {
  await page.goto(`${BASE_URL}/noi-nop/`);
  await waitForHydration(page);
  await waitForAttached(page, '/noi-nop/');
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.locator(`[data-msg="${msg}"]:not([hidden])`).waitFor();
  // The message is announced: focus moves to the status region.
  assert.equal(await page.evaluate(() => document.activeElement?.hasAttribute('data-near-status')), true);
  assert.equal(await page.locator('[data-near-list] li').count(), 0);
  assert.ok(await page.locator('.place-grid a').count() >= 34, 'the provinces stay');
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [city, geolocation, province, commune] of [
  ['Hà Nội', { latitude: 21.02850, longitude: 105.85220 }, 'ha-noi', 'Phường Hoàn Kiếm'],
  ['Hồ Chí Minh', { latitude: 10.77250, longitude: 106.69800 }, 'ho-chi-minh', 'Phường Bến Thành'],
]) {
  test(`a location in ${city} lists its nearest communes, with estimated distances`, async () => {
    const { context, page, problems } = await phonePage(browser, { geolocation, permissions: ['geolocation'] });
    const fetched = [];
    page.on('request', (r) => { if (provincePiece.test(r.url())) fetched.push(r.url()); });
    await page.goto(`${BASE_URL}/noi-nop/`);
    await waitForHydration(page);
    await waitForAttached(page, '/noi-nop/');
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    const items = page.locator('[data-near-list] li');
    await items.first().waitFor();
    assert.equal(await items.count(), 5);
    assert.match(await items.first().textContent(), /khoảng \d+,\d km, ước tính/);
    assert.equal(await items.first().locator('a').textContent(), commune);
    assert.ok(fetched.some((u) => u.endsWith(`/fragments/noi-nop/${province}.html`)), fetched.join(' '));
    assert.ok(fetched.length <= 5, `${fetched.length} pieces fetched`);
    await axe(page, `nearest in ${city}`);
    await items.first().locator('a').click();
    await page.locator('h1', { hasText: commune }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a denied location says so and leaves the manual choices', async () => {
  const { context, page, problems } = await phonePage(browser, { geolocation: { latitude: 21, longitude: 105.8 } });
  await locate(page, 'denied');
  await axe(page, 'denied');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unavailable position says so and leaves the manual choices', async () => {
  const { context, page, problems } = await phonePage(browser, { permissions: ['geolocation'] });
  // With no parameters, Chrome's override emulates "position unavailable".
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setGeolocationOverride', {});
  await locate(page, 'unavailable');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a location that takes too long says so and leaves the manual choices', async () => {
  const { context, page, problems } = await phonePage(browser, { permissions: ['geolocation'] });
  // The browser's own timeout (error code 3), without waiting 20 seconds.
  await page.addInitScript(() => {
    navigator.geolocation.getCurrentPosition = (_ok, fail) =>
      setTimeout(() => fail({ code: 3, message: 'Timeout expired' }), 50);
  });
  await locate(page, 'unavailable');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the finder, a province and an old province read in full', async () => {
  const { context, page, problems } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/noi-nop/`);
  // The location button needs the wasm, so it is not shown; the choices are.
  assert.equal(await page.locator('[data-near]').isVisible(), false);
  assert.equal(await page.locator('.place-grid a').count(), 34);
  await page.getByRole('link', { name: /Thành phố Hà Nội/ }).click();
  await page.locator('h1', { hasText: 'Thành phố Hà Nội' }).waitFor();
  assert.equal(await page.locator('[data-filter]').isVisible(), false);
  assert.equal(await page.locator('.commune-list li').count(), 126);
  await page.getByRole('link', { name: 'Phường Hoàn Kiếm', exact: true }).click();
  await page.locator('h1', { hasText: 'Phường Hoàn Kiếm' }).waitFor();
  // The old wards it absorbed link to their old district.
  await page.locator('a', { hasText: 'Phường Hàng Bạc' }).click();
  await page.waitForURL(/\/noi-nop\/dia-chi-cu\/ha-noi\/#d002$/);
  assert.ok(await page.locator('#d002 li', { hasText: 'Phường Hàng Bạc' }).isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});

test('type-ahead ignores tone marks and case; the old address page filters by district and ward', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ho-chi-minh/`);
  await waitForHydration(page);
  await waitForAttached(page, '/noi-nop/ho-chi-minh/');
  await page.getByLabel('Tìm xã, phường, đặc khu').fill('BEN THANH');
  const visible = page.locator('.commune-list li:visible');
  assert.equal(await visible.count(), 1);
  assert.equal(await visible.locator('a').textContent(), 'Phường Bến Thành');

  await page.goto(`${BASE_URL}/noi-nop/dia-chi-cu/ho-chi-minh/`);
  await waitForHydration(page);
  await waitForAttached(page, '/noi-nop/dia-chi-cu/ho-chi-minh/');
  await page.getByLabel('Tìm tên phường, xã cũ').fill('tan dinh');
  const wards = page.locator('.old-wards li:visible');
  assert.ok(await wards.count() >= 1);
  assert.match(await wards.first().textContent(), /Tân Định/);
  await page.getByLabel('Tìm tên phường, xã cũ').fill('');
  const district = page.locator('[data-filter-group] option').nth(1);
  await page.locator('[data-filter-group]').selectOption(await district.getAttribute('value'));
  assert.equal(await page.locator('.old-district:visible').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after a client navigation the type-ahead works too', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.locator('a[href="/noi-nop/ho-chi-minh/"]').click();
  // The finder's element is kept for the province, with the finder's HTML until
  // the province's arrives: the box works once the script is attached to it.
  await waitForAttached(page, '/noi-nop/ho-chi-minh/');
  await page.getByLabel('Tìm xã, phường, đặc khu').fill('ben thanh');
  const visible = page.locator('.commune-list li:visible');
  await page.waitForFunction(() => document.querySelectorAll('.commune-list li:not([hidden])').length === 1);
  assert.equal(await visible.locator('a').textContent(), 'Phường Bến Thành');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'a client navigation');
  assert.deepEqual(problems, []);
  await context.close();
});

test('after a client navigation a commune page has its own title, and an old ward link opens its old district', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.getByRole('link', { name: 'Phường Hoàn Kiếm', exact: true }).click();
  await waitForPage(page, '/noi-nop/ha-noi/phuong-hoan-kiem/');
  await page.locator('h1', { hasText: 'Phường Hoàn Kiếm' }).waitFor();
  assert.equal(await page.title(), 'Phường Hoàn Kiếm – Thủ tục xã');
  await page.locator('a', { hasText: 'Phường Hàng Bạc' }).click();
  await page.waitForURL(/\/noi-nop\/dia-chi-cu\/ha-noi\/#d002$/);
  const district = page.locator('#d002');
  await district.waitFor();
  await page.waitForFunction(() => {
    const r = document.getElementById('d002').getBoundingClientRect();
    return r.top > -5 && r.top < window.innerHeight;
  });
  assert.ok(await district.locator('li', { hasText: 'Phường Hàng Bạc' }).isVisible());
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a commune saved as mine on this phone is where "your commune" links lead; forgotten, they lead to the finder again', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-ngoc-ha/`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Lưu là xã, phường của tôi' }).click();
  await page.getByText('Bạn đã lưu trang này là xã, phường của bạn').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Bỏ lưu');
  // A procedure filed at the police where one stays (extending a temporary residence), after a client navigation and after a reload.
  for (const reload of [false, true]) {
    if (reload) await page.goto(`${BASE_URL}/thu-tuc/gia-han-tam-tru/`);
    else {
      await page.evaluate(() => { const a = document.createElement('a'); a.href = '/thu-tuc/gia-han-tam-tru/'; a.id = 'go'; a.textContent = 'go'; document.body.prepend(a); });
      await page.click('#go');
      await page.waitForURL(`${BASE_URL}/thu-tuc/gia-han-tam-tru/`);
    }
    const mine = page.locator('a.place-link', { hasText: 'Xã, phường của bạn: Phường Ngọc Hà' }).first();
    await mine.waitFor();
    assert.equal(await mine.getAttribute('href'), '/noi-nop/ha-noi/phuong-ngoc-ha/');
  }
  // In English the link keeps the English pages.
  await page.goto(`${BASE_URL}/en/thu-tuc/gia-han-tam-tru/`);
  const en = page.locator('a.place-link', { hasText: 'Your commune or ward: Phường Ngọc Hà' }).first();
  await en.waitFor();
  assert.equal(await en.getAttribute('href'), '/en/noi-nop/ha-noi/phuong-ngoc-ha/');
  // Forgotten: the links lead to the finder again.
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-ngoc-ha/`);
  await page.getByRole('button', { name: 'Bỏ lưu' }).click();
  await page.getByRole('button', { name: 'Lưu là xã, phường của tôi' }).waitFor();
  await page.goto(`${BASE_URL}/thu-tuc/gia-han-tam-tru/`);
  const finder = page.locator('a.place-link').first();
  await finder.waitFor();
  assert.equal(await finder.getAttribute('href'), '/noi-nop/');
  assert.deepEqual(problems, []);
  await context.close();
});

test('counter mode never offers to save a commune, and ignores one saved before', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-ngoc-ha/`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Lưu là xã, phường của tôi' }).click();
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-ba-dinh/?quay=1`);
  await waitForHydration(page);
  assert.equal(await page.locator('[data-mine-page]').isVisible(), false);
  await page.goto(`${BASE_URL}/thu-tuc/gia-han-tam-tru/?quay=1`);
  await waitForHydration(page);
  assert.equal(await page.locator('a.place-link').first().getAttribute('href'), '/noi-nop/');
  assert.deepEqual(problems, []);
  await context.close();
});

test('province, another province, then the finder, by links: each tap acts once', async () => {
  const geolocation = { latitude: 10.7725, longitude: 106.698 };
  const { context, page, problems } = await phonePage(browser, { geolocation, permissions: ['geolocation'] });
  // How often the page asks for the location, and how often the filter's count
  // is written: once per tap each, whatever pages came before.
  await page.addInitScript(() => {
    window.__located = 0;
    const get = Geolocation.prototype.getCurrentPosition;
    Geolocation.prototype.getCurrentPosition = function (...args) {
      window.__located += 1;
      return get.apply(this, args);
    };
    window.__counted = 0;
    new MutationObserver((records) => {
      window.__counted += records.filter((r) => r.target.closest?.('[data-count]')).length;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/`);
  await waitForHydration(page);
  await waitForAttached(page, '/noi-nop/ha-noi/');
  await page.evaluate(() => { window.__sameDocument = true; });
  await clickLinkTo(page, '/noi-nop/ho-chi-minh/');
  await waitForAttached(page, '/noi-nop/ho-chi-minh/');
  await clickLinkTo(page, '/noi-nop/ha-noi/');
  await waitForAttached(page, '/noi-nop/ha-noi/');
  // One input event: the list is filtered and counted once.
  const counted = await page.evaluate(() => window.__counted);
  await page.getByLabel('Tìm xã, phường, đặc khu').fill('hoan kiem');
  await page.waitForFunction(() => document.querySelector('[data-count]').textContent !== '');
  assert.equal(await page.evaluate(() => window.__counted), counted + 1, 'the count is written once per input');
  // On to the finder by its own link (the trail): one press, one request for the location.
  await page.locator('main .breadcrumbs a[href="/noi-nop/"]').click();
  await waitForAttached(page, '/noi-nop/');
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.locator('[data-near-list] li').first().waitFor();
  assert.equal(await page.evaluate(() => window.__located), 1, 'the location is asked for once');
  assert.equal(await page.locator('[data-near-list] li').count(), 5);
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'client navigations');
  assert.deepEqual(problems, []);
  await context.close();
});
