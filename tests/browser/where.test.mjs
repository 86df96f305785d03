// "Which commune am I in": the boundaries answer for a granted location (Hà Nội,
// Hồ Chí Minh City, Đà Nẵng), a point on a border names both communes, the answer
// comes back offline after one visit; the sketches of a commune page and a
// province page, with and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, waitForAttached, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A phone that has granted its location, on the finder (or `path`), hydrated.
async function finderAt(geolocation, path = '/noi-nop/') {
  const opened = await phonePage(browser, { geolocation, permissions: ['geolocation'] });
  await opened.page.goto(`${BASE_URL}${path}`);
  await waitForHydration(opened.page);
  return opened;
}

/// Presses "use my location" on the finder and waits for the answer's sentence.
async function whereAmI(page) {
  // The button works once the finder's script is attached to it (the element may
  // be the previous page's, marked with that page until the finder's HTML is in).
  await waitForAttached(page, '/noi-nop/');
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  // The sentence is set once the answer is complete (after the nearest list).
  const here = page.locator('[data-near-here]:not([hidden]) p.near-here');
  await here.waitFor();
  return (await here.textContent()).trim();
}

for (const [city, geolocation, file, sentence] of [
  ['Hà Nội', { latitude: 21.0285, longitude: 105.8522 }, '01', 'Bạn đang ở Phường Hoàn Kiếm, Thành phố Hà Nội.'],
  ['Hồ Chí Minh', { latitude: 10.7725, longitude: 106.698 }, '79', 'Bạn đang ở Phường Bến Thành, Thành phố Hồ Chí Minh.'],
  ['Đà Nẵng', { latitude: 16.0678, longitude: 108.2208 }, '48', 'Bạn đang ở Phường Hải Châu, Thành phố Đà Nẵng.'],
]) {
  test(`a location in ${city} says which commune holds it, with a sketch`, async () => {
    const { context, page, problems } = await phonePage(browser, { geolocation, permissions: ['geolocation'] });
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/ranh-gioi/')) fetched.push(new URL(r.url()).pathname); });
    await page.goto(`${BASE_URL}/noi-nop/`);
    await waitForHydration(page);
    assert.equal(await whereAmI(page), sentence);
    // Only the province's boundaries were fetched (a neighbour's box may hold the
    // point too), and nothing went to another site.
    assert.ok(fetched.includes(`/ranh-gioi/${file}.txt`), fetched.join(' '));
    assert.ok(fetched.length <= 5, fetched.join(' '));
    // The sketch comes after the status region, so a screen reader hears the
    // answer first.
    const sketch = page.locator('[data-near-sketch]:not([hidden]) svg.sketch');
    assert.equal(await sketch.getAttribute('role'), 'img');
    assert.match(await sketch.getAttribute('aria-label'), /^Sơ đồ phác họa /);
    assert.equal(await sketch.locator('circle.you').count(), 1);
    assert.equal(await sketch.locator('path.focus').count(), 1);
    assert.ok(await sketch.locator('path.other').count() >= 2, 'its neighbours are drawn');
    assert.ok(await page.locator('[data-near-note]').isVisible(), 'the boundaries\' source is said');
    await axe(page, `where am I in ${city}`);
    // The commune's name is a link to its page.
    const name = sentence.replace(/^Bạn đang ở (.+?), .*$/, '$1');
    // The sketch is said in words too: the communes drawn around, as links.
    const around = page.locator('[data-near-sketch] ul.links a');
    assert.equal(await around.count(), await sketch.locator('path.other').count());
    assert.equal(await page.locator('[data-near-sketch] ul.links').evaluate((u) => u.previousElementSibling.textContent),
      `Trên sơ đồ, ${name} giáp ranh với:`);
    const names = await around.allTextContents();
    const hrefs = await around.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    assert.ok(!names.includes(name), 'the commune itself is not among its neighbours');
    assert.ok(hrefs.every((h) => /^\/noi-nop\/[a-z0-9-]+\/[a-z0-9-]+\/$/.test(h)), hrefs.join(' '));
    for (const label of await sketch.locator('text.label:not(.focus):not(.you)').allTextContents()) {
      assert.ok(names.includes(label), `${label} is drawn and named`);
    }
    await page.locator('[data-near-here] p.near-here a', { hasText: name }).click();
    await page.locator('h1', { hasText: name }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a point on the border between two communes names both', async () => {
  // A corner of the line Phường Hoàn Kiếm shares with Phường Cửa Nam.
  const geolocation = { latitude: 21.02438, longitude: 105.85706, accuracy: 5 };
  const { context, page, problems } = await finderAt(geolocation);
  const text = await whereAmI(page);
  assert.match(text, /^Bạn đang ở gần ranh giới giữa Phường (Hoàn Kiếm|Cửa Nam) và Phường (Hoàn Kiếm|Cửa Nam): vị trí có thể thuộc một trong hai nơi\.$/);
  assert.equal(await page.locator('[data-near-here] p.near-here a').count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after one visit, the answer comes back offline', async () => {
  const geolocation = { latitude: 21.0285, longitude: 105.8522 };
  const { context, page, problems } = await finderAt(geolocation);
  await page.waitForSelector('html[data-offline-ready]', { timeout: 60000 });
  assert.equal(await whereAmI(page), 'Bạn đang ở Phường Hoàn Kiếm, Thành phố Hà Nội.');
  await context.setOffline(true);
  await page.reload();
  await waitForHydration(page);
  assert.equal(await whereAmI(page), 'Bạn đang ở Phường Hoàn Kiếm, Thành phố Hà Nội.');
  await context.setOffline(false);
  // Offline, the browser reports the failed requests it made before the worker
  // answered them; none is about the boundaries.
  assert.deepEqual(problems.filter((p) => p.includes('ranh-gioi')), []);
  await context.close();
});

test('a commune page draws its outline among its neighbours and names them, without JavaScript', async () => {
  const { context, page, problems } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-hoan-kiem/`);
  const sketch = page.locator('.sketch-figure svg.sketch');
  assert.equal(await sketch.getAttribute('aria-label'), 'Sơ đồ phác họa Phường Hoàn Kiếm và các xã, phường, đặc khu giáp ranh');
  assert.equal(await sketch.locator('path.focus').count(), 1);
  const drawn = await sketch.locator('path.other').count();
  // The words say what the drawing shows: every neighbour, as a link.
  const named = page.locator('.sketch-figure + p + ul.links a');
  assert.equal(await named.count(), drawn);
  for (const n of ['Phường Cửa Nam', 'Phường Hồng Hà', 'Phường Ba Đình']) {
    assert.ok(await page.locator('.sketch-figure + p + ul.links a', { hasText: n }).count(), n);
  }
  assert.match(await page.locator('.sketch-figure figcaption').textContent(), /không phải bản đồ chính thức/);
  assert.deepEqual(problems, []);
  await context.close();
  // axe runs in the page, so with JavaScript.
  const js = await phonePage(browser);
  await js.page.goto(`${BASE_URL}/noi-nop/ha-noi/phuong-hoan-kiem/`);
  await axe(js.page, 'commune sketch');
  assert.deepEqual(js.problems, []);
  await js.context.close();
});

for (const [slug, island] of [['da-nang', 'Đặc khu Hoàng Sa'], ['khanh-hoa', 'Đặc khu Trường Sa']]) {
  test(`the sketch of ${slug} shows ${island} in its own frame`, async () => {
    const { context, page, problems } = await phonePage(browser);
    await page.goto(`${BASE_URL}/noi-nop/${slug}/`);
    const img = page.locator('.sketch-figure img.sketch');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const i = document.querySelector('.sketch-figure img.sketch');
      return i && i.complete && i.naturalWidth > 0;
    });
    assert.match(await img.getAttribute('alt'), /^Sơ đồ phác họa ranh giới/);
    assert.match(await page.locator('.sketch-figure figcaption').textContent(), new RegExp(island));
    const svg = await (await page.request.get(await img.evaluate((i) => i.src))).text();
    assert.ok(svg.includes(`>${island}</text>`), 'the inset is named in the drawing');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('from an old province page, a person at home learns which part of a split old commune they live in', async () => {
  // Xã Đình Dù (Văn Lâm, Hưng Yên) went partly to Xã Như Quỳnh, partly to Xã Đại Đồng;
  // this point is inside Xã Như Quỳnh.
  const geolocation = { latitude: 20.9696, longitude: 105.997 };
  const { context, page, problems } = await finderAt(geolocation, '/noi-nop/dia-chi-cu/hung-yen/');
  const item = page.locator('.old-wards li', { hasText: 'Xã Đình Dù' });
  assert.equal(await item.locator('a').count(), 2);
  await page.getByRole('link', { name: 'Tôi đang ở xã, phường nào?' }).click();
  await page.waitForURL(/\/noi-nop\/#near$/);
  assert.equal(await whereAmI(page), 'Bạn đang ở Xã Như Quỳnh, Tỉnh Hưng Yên.');
  // Pressed again, the answer is replaced, not added to (the browser may give the
  // same position again: it is asked for one up to ten minutes old). The new
  // answer is a new element: wait until the first one is gone and another shown.
  const first = await page.locator('[data-near-here] p.near-here').elementHandle();
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.waitForFunction((old) => !old.isConnected
    && document.querySelector('[data-near-here]:not([hidden]) p.near-here') !== null, first);
  assert.equal(await page.locator('[data-near-here] p.near-here').count(), 1);
  assert.equal(await page.locator('[data-near-sketch] svg').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('just off the coast, the nearest commune is named as the nearest, not as where you are', async () => {
  // On the water, about 38 m from Phường Hải Châu's boundary (Đà Nẵng).
  const geolocation = { latitude: 16.09391, longitude: 108.21361, accuracy: 5 };
  const { context, page, problems } = await finderAt(geolocation);
  assert.equal(await whereAmI(page), 'Vị trí nằm ngoài mọi ranh giới trong dữ liệu; nơi gần nhất là Phường Hải Châu, Thành phố Đà Nẵng (có thể bạn đang ở ven biển, hoặc vị trí chưa chính xác).');
  assert.equal(await page.locator('[data-near-sketch] svg circle.you').count(), 1, 'the point is in the sketch');
  assert.deepEqual(problems, []);
  await context.close();
});

test('far out at sea, no commune holds the point, and the page says so', async () => {
  const geolocation = { latitude: 16.3, longitude: 108.6 };
  const { context, page, problems } = await finderAt(geolocation);
  assert.match(await whereAmI(page), /^Vị trí này không nằm trong ranh giới xã, phường nào trong dữ liệu/);
  assert.equal(await page.locator('[data-near-sketch] svg').count(), 0);
  assert.equal(await page.locator('[data-near-sketch]').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('when the boundaries cannot be loaded, the nearest communes still come and nothing false is said', async () => {
  const geolocation = { latitude: 21.0285, longitude: 105.8522 };
  // No worker: its fetches would not pass through the page's routes.
  const { context, page } = await phonePage(browser, { geolocation, permissions: ['geolocation'], serviceWorkers: 'block' });
  await page.route('**/ranh-gioi/*.txt', (route) => route.abort());
  await page.goto(`${BASE_URL}/noi-nop/`);
  await waitForHydration(page);
  await waitForAttached(page, '/noi-nop/');
  await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
  await page.locator('[data-msg="found"]:not([hidden])').waitFor();
  assert.equal(await page.locator('[data-near-list] li a').first().textContent(), 'Phường Hoàn Kiếm');
  assert.equal(await page.locator('[data-near-here]').isVisible(), false);
  await context.close();
});
