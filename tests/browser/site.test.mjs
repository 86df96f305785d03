// The site in a real browser: every page loads cleanly and hydrates, navigation
// happens on the client, content reads without JavaScript, axe finds nothing, the
// 404 page works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { BASE_URL, clickLinkTo, launch, phonePage, sitemapPaths, waitForAttached, waitForHydration, waitForPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every prerendered page shows with no console error, CSP violation or third-party request; the first of each kind and every fourth load and hydrate', async () => {
  const all = await sitemapPaths();
  assert.ok(all.length >= 34, `sitemap lists ${all.length} pages`);
  // The 3,321 commune pages (twice, vi and en) share one component: every 40th of
  // them is visited, with every other page.
  const commune = /^(\/en)?\/noi-nop\/(?!dia-chi-cu\/)[^/]+\/[^/]+\/$/;
  let n = 0;
  const paths = all.filter((p) => !commune.test(p) || n++ % 40 === 0);
  assert.ok(paths.length < all.length && paths.some((p) => commune.test(p)), 'some commune pages');
  // A page is a component filled with its own prerendered HTML. Loading and
  // hydrating one costs three times a client navigation to it, so the first page
  // of each kind (in each language) and every fourth page are loaded and hydrated,
  // and the others are reached by a link from the page before, as a person does.
  const kinds = new Set();
  const hydrated = new Set(paths.filter((p, i) => {
    const kind = p.split('/').slice(0, p.startsWith('/en/') ? 3 : 2).join('/');
    const first = !kinds.has(kind);
    kinds.add(kind);
    return first || i % 4 === 0;
  }));
  assert.ok(kinds.size >= 20 && hydrated.size > paths.length / 4, `${kinds.size} kinds, ${hydrated.size} hydrated`);
  const { context, page, problems } = await phonePage(browser);
  // The first page is the home page, the first of its kind: always loaded.
  let shown = null;
  for (const path of paths) {
    if (hydrated.has(path)) {
      const response = await page.goto(BASE_URL + path);
      assert.equal(response.status(), 200, path);
      await waitForHydration(page).catch((e) => assert.fail(`${path}: ${e.message}`));
    } else {
      await clickLinkTo(page, path);
      await waitForPage(page, path).catch((e) => assert.fail(`${path} (a link from ${shown}): ${e.message}`));
    }
    shown = path;
    assert.equal(await page.locator('h1:visible').count(), 1, `${path}: one visible h1`);
    assert.deepEqual(problems, [], path);
  }
  await context.close();
});

test('navigation after hydration happens on the client and updates title and language', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/`);
  await waitForHydration(page);
  await page.evaluate(() => { window.__sameDocument = true; });

  // A life event: its page arrives as a fragment, and its questions work.
  await page.locator('.cards-events .card-link').first().click();
  await page.waitForURL(`${BASE_URL}/su-kien/sinh-con/`);
  await waitForAttached(page, '/su-kien/sinh-con/');
  assert.equal(await page.locator('.flow-intro h1').textContent(), 'Sinh con');
  await page.locator('.button-start').click();
  await page.waitForSelector('form[data-q="noi-sinh"]:not([hidden])');
  await page.locator('.brand').click();
  await page.waitForURL(`${BASE_URL}/`);

  await page.locator('.cards:not(.cards-events) .card-link').first().click();
  await page.waitForURL(`${BASE_URL}/linh-vuc/ho-tich/`);
  await waitForPage(page, '/linh-vuc/ho-tich/');
  assert.equal(await page.locator('main h1').textContent(), 'Hộ tịch');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no full page load');

  await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
  await page.waitForURL(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  // The article arrives as a fragment fetched after the navigation, and brings
  // its name for the title (the wasm does not carry procedure names).
  await waitForPage(page, '/thu-tuc/dang-ky-khai-sinh/');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'focus moves to the new page');
  assert.equal(await page.locator('article.procedure h1').textContent(), 'Đăng ký khai sinh');
  assert.equal(await page.title(), 'Đăng ký khai sinh – Thủ tục xã');
  assert.ok(await page.locator('article.procedure .document').count() >= 3);

  await page.locator('.lang-switch').click();
  await page.waitForURL(`${BASE_URL}/en/thu-tuc/dang-ky-khai-sinh/`);
  await waitForPage(page, '/en/thu-tuc/dang-ky-khai-sinh/');
  assert.equal(await page.locator('article.procedure h1').textContent(), 'Birth registration');
  assert.equal(await page.title(), 'Birth registration – Thủ tục xã');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  await page.goBack();
  await page.waitForURL(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForPage(page, '/thu-tuc/dang-ky-khai-sinh/');
  assert.equal(await page.locator('main h1').textContent(), 'Đăng ký khai sinh');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'still no full page load');
  assert.deepEqual(problems, []);
  await context.close();
});

test('with JavaScript off, a procedure page is fully readable', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  assert.equal(await page.locator('h1').textContent(), 'Đăng ký khai sinh');
  assert.ok(await page.locator('.document').count() >= 3, 'the document checklist is there');
  await assert.doesNotReject(page.getByRole('link', { name: 'Giấy chứng sinh', exact: true }).waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: 'Các bước' }).waitFor());
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.getAttribute('html', 'data-hydrated'), null);
  // Links are real links: following one works without the wasm.
  await page.locator('.lang-switch').click();
  await page.waitForURL(`${BASE_URL}/en/thu-tuc/dang-ky-khai-sinh/`);
  assert.equal(await page.locator('article.procedure h1').textContent(), 'Birth registration');
  await context.close();
});

test('with JavaScript off, nothing pretends: no search box or start button that cannot work, and a line that says what does', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  assert.equal(await page.getByRole('link', { name: 'Bắt đầu' }).isVisible(), false, 'no start button that does nothing');
  assert.equal(await page.getByRole('searchbox').first().isVisible(), false, 'no search box that cannot search');
  await page.getByText('Phần hỏi từng câu cần JavaScript, mà JavaScript đang tắt hoặc chưa tải được.').waitFor();
  // The header's link instead of the box leads to the A–Z list, which says why.
  await page.getByRole('link', { name: 'Tìm thủ tục trong danh sách A–Z' }).click();
  await page.waitForURL(`${BASE_URL}/tim-kiem/`);
  await page.getByText('Ô tìm kiếm cần JavaScript, mà JavaScript đang tắt hoặc chưa tải được.').waitFor();
  assert.ok(await page.locator('.az-list a').count() > 60, 'every page, A to Z');
  await context.close();
  // With JavaScript, the box is there and the link is not.
  const live = await phonePage(browser);
  await live.page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  await waitForHydration(live.page);
  assert.equal(await live.page.getByRole('link', { name: 'Tìm thủ tục trong danh sách A–Z' }).isVisible(), false);
  assert.equal(await live.page.getByRole('link', { name: 'Bắt đầu' }).isVisible(), true);
  await live.context.close();
});

test('axe finds no accessibility violation at 390×844', async () => {
  const { context, page } = await phonePage(browser);
  const pages = ['/', '/en/', '/su-kien/', '/su-kien/sinh-con/', '/thu-tuc/', '/linh-vuc/chung-thuc/', '/thu-tuc/dang-ky-khai-sinh/',
    '/en/thu-tuc/chung-thuc-ban-sao-tu-ban-chinh/', '/giay-to/', '/giay-to/giay-to-tuy-than/', '/danh-muc/',
    '/en/danh-muc/ho-tich/', '/noi-nop/', '/noi-nop/ha-noi/', '/noi-nop/ha-noi/phuong-hoan-kiem/', '/noi-nop/ha-noi/phuong-ngoc-ha/',
    '/en/noi-nop/quang-ninh/xa-ba-che/', '/en/noi-nop/dia-chi-cu/',
    '/noi-nop/dia-chi-cu/ha-noi/', '/gioi-thieu/', '/en/gioi-thieu/', '/khong-co-trang-nay/'];
  for (const path of pages) {
    await page.goto(BASE_URL + path);
    if (!path.startsWith('/khong')) await waitForHydration(page);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(summary, [], path);
  }
  await context.close();
});

test('unknown paths get a real 404 page with a way back', async () => {
  const { context, page, problems } = await phonePage(browser);
  for (const path of ['/khong-co-trang-nay/', '/thu-tuc/thu-tuc-khong-ton-tai/', '/en/thu-tuc/nope/', '/su-kien/khong-co/', '/en/su-kien/nope/']) {
    const response = await page.goto(BASE_URL + path);
    assert.equal(response.status(), 404, path);
    assert.equal(await page.locator('h1').textContent(), 'Không tìm thấy trang');
    await assert.doesNotReject(page.getByText('Page not found').waitFor());
  }
  await page.getByRole('link', { name: 'Về trang chủ' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await waitForHydration(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page fits a 320 px screen without horizontal scrolling', async () => {
  // Layout only: without the service worker, whose saving in the background is
  // not what this looks at (offline.test.mjs covers it).
  const { context, page } = await phonePage(browser, { serviceWorkers: 'block' });
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/thu-tuc/chung-thuc-giao-dich-tai-san/', '/en/thu-tuc/ket-hon-yeu-to-nuoc-ngoai/', '/noi-nop/',
    '/noi-nop/dia-chi-cu/thanh-hoa/', '/noi-nop/ho-chi-minh/phuong-ben-thanh/']) {
    await page.goto(BASE_URL + path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
  }
  await context.close();
});

test('links that act as buttons or navigation are at least 48 px tall', async () => {
  const { context, page } = await phonePage(browser);
  for (const path of ['/', '/thu-tuc/', '/thu-tuc/dang-ky-khai-sinh/', '/en/linh-vuc/chung-thuc/']) {
    await page.goto(BASE_URL + path);
    const small = await page.evaluate(() => [...document.querySelectorAll(
      '.brand, .lang-switch, .breadcrumbs a, .card-link, .button, .button-secondary, .procedure-list a, .facts a, .field-section h2 a')]
      // Rendered ones: a hidden part (the new-version notice) is no target yet.
      .filter((a) => a.getClientRects().length > 0 && a.getBoundingClientRect().height < 48)
      .map((a) => `${a.className || a.tagName} "${a.textContent.trim().slice(0, 30)}" ${a.getBoundingClientRect().height}px`));
    assert.deepEqual(small, [], path);
  }
  await context.close();
});

test('when an article cannot be fetched, the page says so and offers a reload', async () => {
  // Without the service worker (a first visit, or a browser without one): with
  // it, the article would come from the saved page.
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  await page.goto(`${BASE_URL}/linh-vuc/chung-thuc/`);
  await waitForHydration(page);
  await page.route('**/fragments/**', (route) => route.abort('internetdisconnected'));
  await page.getByRole('link', { name: 'Chứng thực chữ ký' }).click();
  await page.waitForURL(`${BASE_URL}/thu-tuc/chung-thuc-chu-ky/`);
  // The field's list has no alert: this one is the new page's.
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Không tải được nội dung/);
  await page.unroute('**/fragments/**');
  await page.getByRole('link', { name: 'Tải lại trang' }).click();
  await page.locator('article.procedure h1').waitFor();
  assert.equal(await page.locator('article.procedure h1').textContent(), 'Chứng thực chữ ký');
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('the keyboard alone gets to the content: the first Tab shows the skip link, Enter moves to main', async () => {
  const { context, page } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-ket-hon/`);
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({
    text: document.activeElement?.textContent,
    top: document.activeElement?.getBoundingClientRect().top,
  }));
  assert.equal(focused.text, 'Bỏ qua, đến nội dung chính');
  assert.ok(focused.top >= 0, 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#main');
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.closest('main') !== null);
  assert.ok(next, 'the next Tab stays inside the main content');
  await context.close();
});

test('the home page answers "where do I go": the finder opens at "near me"', async () => {
  for (const [home, name, finder] of [
    ['/', 'Tìm trung tâm gần bạn', '/noi-nop/#near'],
    ['/en/', 'Find the centre nearest to you', '/en/noi-nop/#near'],
  ]) {
    const { context, page, problems } = await phonePage(browser);
    await page.goto(BASE_URL + home);
    await waitForHydration(page);
    await page.getByRole('link', { name }).click();
    await page.waitForURL(BASE_URL + finder);
    // The page is scrolled to "near me": its heading at the top, the location
    // button on screen.
    await page.waitForFunction(() => {
      const h = document.getElementById('near')?.getBoundingClientRect();
      const b = document.querySelector('[data-near-button]')?.getBoundingClientRect();
      return h && b && scrollY > 0 && Math.abs(h.top) < 80 && b.height > 0 && b.bottom <= innerHeight;
    });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('every page says who runs the site, and the about page says how to report a mistake', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  assert.match(await page.locator('.footer-publisher').textContent(), /^Trang do .+ vận hành, không phải Cổng Dịch vụ công quốc gia\.$/);
  await page.getByRole('link', { name: 'Giới thiệu, báo thông tin sai' }).click();
  await waitForPage(page, '/gioi-thieu/');
  await page.locator('h1', { hasText: 'Giới thiệu' }).waitFor();
  await page.getByRole('heading', { name: 'Báo thông tin sai' }).waitFor();
  assert.equal(await page.title(), 'Giới thiệu – Thủ tục xã');
  // The footer the wasm drew after the client navigation says the same.
  assert.match(await page.locator('.footer-publisher').textContent(), /^Trang do .+ vận hành, không phải Cổng Dịch vụ công quốc gia\.$/);
  await page.getByText('Trang này chưa có nơi nhận báo thông tin sai.').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [kind, change] of [
  ['of this build', (body) => body],
  // A deploy happened meanwhile: such a fragment makes the page load whole.
  ['of another build', (body) => body.replace(/^<!--build [0-9a-z]+-->/, '<!--build 0ther-->')],
]) {
  test(`a page's fragment ${kind} that arrives after the person moved on changes nothing of the next page`, async () => {
    // No worker: its fetches would not pass through the page's routes.
    const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
    // The paths of the fragments whose bodies the page has read, and done all it
    // does with in promise callbacks (the wasm's futures, Leptos's effects): a
    // task queued when a body is read runs after those.
    await page.addInitScript(() => {
      window.__read = [];
      const text = Response.prototype.text;
      Response.prototype.text = function () {
        const path = new URL(this.url).pathname;
        return text.call(this).then((body) => {
          setTimeout(() => window.__read.push(path));
          return body;
        });
      };
    });
    const late = '/fragments/thu-tuc/chung-thuc-chu-ky.html';
    let asked;
    const requested = new Promise((resolve) => { asked = resolve; });
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    await page.route(`${BASE_URL}${late}`, async (route) => {
      asked();
      await released;
      const response = await route.fetch();
      await route.fulfill({ response, body: change(await response.text()) });
    });
    await page.goto(`${BASE_URL}/linh-vuc/chung-thuc/`);
    await waitForHydration(page);
    await page.evaluate(() => { window.__sameDocument = true; });
    // Page A: its fragment is held back.
    await page.getByRole('link', { name: 'Chứng thực chữ ký', exact: true }).click();
    await page.waitForURL(`${BASE_URL}/thu-tuc/chung-thuc-chu-ky/`);
    await requested;
    // Page B, by its link in the footer, arrives.
    await page.getByRole('link', { name: 'Giới thiệu, báo thông tin sai' }).click();
    await waitForPage(page, '/gioi-thieu/');
    assert.equal(await page.title(), 'Giới thiệu – Thủ tục xã');
    // A's answer comes now, and the page reads it (or loads again: that is the failure).
    release();
    await Promise.race([
      page.waitForFunction((path) => window.__read.includes(path), late),
      page.waitForEvent('load'),
    ]);
    // (Loaded again, its context is gone: that reads as false.)
    assert.equal(await page.evaluate(() => window.__sameDocument).catch(() => false), true, 'the page was not loaded again');
    assert.equal(await page.title(), 'Giới thiệu – Thủ tục xã');
    assert.equal(await page.locator('.fragment').getAttribute('data-page'), '/gioi-thieu/');
    assert.equal(await page.locator('main h1').textContent(), 'Giới thiệu');
    assert.equal(await page.getByRole('heading', { name: 'Chứng thực chữ ký' }).count(), 0);
    assert.equal(new URL(page.url()).pathname, '/gioi-thieu/');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
