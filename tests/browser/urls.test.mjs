// Addresses a host serves for the same page: `…/index.html`, percent-encoded
// letters, no final slash. The page must come alive (not panic while hydrating),
// work, and show its canonical address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const [address, canonical] of [
  ['/su-kien/sinh-con/index.html', '/su-kien/sinh-con/'],
  ['/su-kien/%73inh-con/', '/su-kien/sinh-con/'],
  ['/%73u-kien/sinh-con/index.html?quay=1', '/su-kien/sinh-con/?quay=1'],
]) {
  test(`${address} is the flow's page, alive, at ${canonical}`, async () => {
    const { context, page, problems } = await phonePage(browser);
    const response = await page.goto(`${BASE_URL}${address}`);
    assert.equal(response.status(), 200, 'the host serves the page');
    await waitForHydration(page);
    await page.waitForURL(`${BASE_URL}${canonical}`);
    // It works: the flow starts and asks its first question.
    await page.getByRole('link', { name: 'Bắt đầu' }).click();
    await page.waitForSelector('form[data-q="noi-sinh"]:not([hidden])');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the home page as /index.html comes alive at /', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/index.html`);
  await waitForHydration(page);
  await page.waitForURL(`${BASE_URL}/`);
  // A client navigation works from there.
  await page.locator('a[href="/su-kien/"]').first().click();
  await page.locator('h1', { hasText: 'Tìm thủ tục theo việc của bạn' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link to a commune that does not exist says "not found" after a client navigation', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/noi-nop/ha-noi/`);
  await waitForHydration(page);
  // A stale link, as a portal might keep after a commune was renamed.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/noi-nop/ha-noi/phuong-khong-co/';
    a.textContent = 'stale';
    a.id = 'stale';
    document.querySelector('main').prepend(a);
  });
  await page.click('#stale');
  await page.locator('h1', { hasText: 'Không tìm thấy trang' }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes('404')), []);
  await context.close();
});

test('a page a proxy changed is shown as without JavaScript, its links plain, once', async () => {
  // No worker: its fetches would bypass the route that changes the page.
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  // What an operator's proxy or a host's banner does: an element of its own at
  // the start of the body, on every load. The HTML is no longer the app's view.
  let loads = 0;
  await page.route(`${BASE_URL}/su-kien/sinh-con/`, async (route) => {
    loads += 1;
    const response = await route.fetch();
    const html = (await response.text()).replace('<body>', '<body><div id="injected">Quảng cáo</div>');
    await route.fulfill({ response, body: html });
  });
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  await page.waitForSelector('html[data-render="static"]');
  assert.equal(loads, 2, 'loaded once more, not in a loop');
  assert.equal(await page.getAttribute('html', 'data-hydrated'), null);
  // As without JavaScript: nothing that needs the app pretends to work.
  await page.getByText('Phần hỏi từng câu cần JavaScript, mà JavaScript đang tắt hoặc chưa tải được.').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Bắt đầu' }).isVisible(), false);
  assert.equal(await page.getByRole('link', { name: 'Tìm thủ tục trong danh sách A–Z' }).isVisible(), true);
  // A link is a plain link, to a page that comes alive.
  await page.locator('a.brand').click();
  await page.waitForURL(`${BASE_URL}/`);
  await waitForHydration(page);
  await page.locator('h1', { hasText: 'Làm thủ tục ở xã, phường' }).waitFor();
  // The first load's failure, said once; nothing else.
  const panics = problems.filter((p) => /panicked/.test(p));
  assert.equal(panics.length, 1, problems.join('\n'));
  const unexpected = problems.filter((p) => !/panicked|unreachable|without the app/.test(p));
  assert.deepEqual(unexpected, []);
  await context.close();
});
