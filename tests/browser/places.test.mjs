// The place finder: nearest communes from a granted location, a denied one, and
// the type-ahead on a province page and an old province's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

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
    page.on('request', (r) => { if (r.url().includes('/places/')) fetched.push(r.url()); });
    await page.goto(`${BASE_URL}/noi-nop/`);
    await waitForHydration(page);
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    const items = page.locator('[data-near-list] li');
    await items.first().waitFor();
    assert.equal(await items.count(), 5);
    assert.match(await items.first().textContent(), /khoảng \d+,\d km, ước tính/);
    assert.equal(await items.first().locator('a').textContent(), commune);
    assert.ok(fetched.some((u) => u.endsWith(`/places/${province}.txt`)), fetched.join(' '));
    assert.ok(fetched.length <= 5, `${fetched.length} pieces fetched`);
    await items.first().locator('a').click();
    await page.locator('h1', { hasText: commune }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a denied location says so and leaves the manual choices', async () => {
  const { context, page, problems } = await phonePage(browser, { geolocation: { latitude: 21, longitude: 105.8 } });
  await page.goto(`${BASE_URL}/noi-nop/`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.locator('[data-msg="denied"]:not([hidden])').waitFor();
  assert.equal(await page.locator('[data-near-list] li').count(), 0);
  assert.ok(await page.locator('.place-grid a').count() >= 34);
  assert.deepEqual(problems, []);
  await context.close();
});

test('type-ahead ignores tone marks and case; the old address page filters by district and ward', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ho-chi-minh/`);
  await waitForHydration(page);
  await page.getByLabel('Tìm xã, phường, đặc khu').fill('BEN THANH');
  const visible = page.locator('.commune-list li:visible');
  assert.equal(await visible.count(), 1);
  assert.equal(await visible.locator('a').textContent(), 'Phường Bến Thành');

  await page.goto(`${BASE_URL}/noi-nop/dia-chi-cu/ho-chi-minh/`);
  await waitForHydration(page);
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
