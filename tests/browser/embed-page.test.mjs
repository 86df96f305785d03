// The "embed in your site" page: the snippet builder, its live preview (the real
// embed.js framing the real guide), and the place pages kept to one province when
// a portal embeds the guide for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, waitForAttached, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


/// The preview's frame (the builder puts a fresh one in for each change), once
/// the guide in it, at `src`, is live.
async function previewFrame(page, src) {
  const iframe = page.locator('[data-embed-preview] iframe');
  await page.waitForFunction((want) => document.querySelector('[data-embed-preview] iframe')?.src === want, src);
  const frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForFunction((want) => location.href === want && document.documentElement.hasAttribute('data-hydrated'), src);
  return { iframe, frame };
}

/// Waits until the frame is as high as the guide's content in it (the preview is
/// of this origin, so the page sees both); returns that height.
async function heightFollows(page) {
  const height = await page.waitForFunction(() => {
    const iframe = document.querySelector('[data-embed-preview] iframe');
    const inner = iframe?.contentDocument?.querySelector('.page')?.getBoundingClientRect().height;
    const outer = iframe?.getBoundingClientRect().height;
    return inner && Math.abs(outer - inner) <= 2 && outer;
  });
  return height.jsonValue();
}

test('the builder makes the snippet and previews it live', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/nhung/`);
  await waitForHydration(page);
  const script = page.locator('[data-embed-script]');
  await page.waitForFunction((base) => document.querySelector('[data-embed-script]').textContent.includes(base), BASE_URL);
  assert.equal(await script.textContent(), `<script src="${BASE_URL}/embed.js" data-lang="vi" async></script>`);
  let { frame } = await previewFrame(page, `${BASE_URL}/?nhung=1`);
  assert.equal(await frame.getAttribute('html', 'data-embed'), '');
  assert.equal(await frame.locator('.site-header').isVisible(), false);
  await heightFollows(page);
  await axe(page, 'the embed page with its preview');

  await page.selectOption('#embed-province', '79');
  await page.click('label[for="embed-lang-en"]');
  await page.selectOption('#embed-start', '/su-kien/sinh-con/');
  assert.equal(await script.textContent(),
    `<script src="${BASE_URL}/embed.js" data-province="79" data-lang="en" data-start="/su-kien/sinh-con/" async></script>`);
  assert.ok((await page.locator('[data-embed-iframe]').textContent())
    .includes(`src="${BASE_URL}/en/su-kien/sinh-con/?nhung=1&amp;tinh=79"`));
  ({ frame } = await previewFrame(page, `${BASE_URL}/en/su-kien/sinh-con/?nhung=1&tinh=79`));
  assert.equal(await frame.getAttribute('html', 'data-province'), '79');
  const intro = await heightFollows(page);
  await waitForAttached(frame, '/en/su-kien/sinh-con/');
  await frame.getByRole('link', { name: 'Start' }).click();
  await frame.waitForSelector('form[data-q="noi-sinh"]:not([hidden])');
  const question = await heightFollows(page);
  assert.notEqual(intro, question, 'the height changed with the content');

  // A colour too light for white text is refused, with a reason; a dark one is kept.
  await page.locator('#embed-accent').fill('#ffee00');
  await page.locator('#embed-accent').dispatchEvent('change');
  assert.ok(await page.locator('[data-embed-too-light]').isVisible());
  assert.ok(!(await script.textContent()).includes('data-accent'));
  await page.locator('#embed-accent').fill('#7a1f5c');
  await page.locator('#embed-accent').dispatchEvent('change');
  assert.equal(await page.locator('[data-embed-too-light]').isVisible(), false);
  assert.ok((await script.textContent()).includes('data-accent="#7a1f5c"'));
  ({ frame } = await previewFrame(page, `${BASE_URL}/en/su-kien/sinh-con/?nhung=1&tinh=79&mau=7a1f5c`));
  assert.equal(await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()), '#7a1f5c');

  // No cookie anywhere (the embedded frame on another site is tested in embed.test.mjs).
  assert.deepEqual(await context.cookies(), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript the page still gives a working snippet and the explanations', async () => {
  const { context, page, problems } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/nhung/`);
  assert.match(await page.locator('[data-embed-script]').textContent(), /^<script src="https?:\/\/[^"]+\/embed\.js" data-lang="vi" async><\/script>$/);
  assert.equal(await page.locator('[data-embed-form]').isVisible(), false, 'the builder needs JavaScript');
  assert.ok(await page.getByRole('heading', { name: 'Cho đơn vị vận hành trang Thủ tục xã' }).isVisible());
  assert.match(await page.locator('main').textContent(), /frame-ancestors 'self' https:\/\/dichvucong\.example\.gov\.vn/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('embedded for one province, the place finder keeps to it', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/nhung/`);
  await waitForHydration(page);
  await page.selectOption('#embed-province', '79');
  await page.selectOption('#embed-start', '/noi-nop/');
  const { frame } = await previewFrame(page, `${BASE_URL}/noi-nop/?nhung=1&tinh=79`);
  // The finder's script has kept its list to the province.
  await waitForAttached(frame, '/noi-nop/');
  const shown = await frame.$$eval('.place-grid > li:not([hidden])', (els) => els.map((e) => e.textContent));
  assert.equal(shown.length, 1, `${shown}`);
  assert.match(shown[0], /Hồ Chí Minh/);
  // The old provinces that became Hồ Chí Minh City: Hồ Chí Minh, Bình Dương, Bà Rịa – Vũng Tàu.
  await frame.getByRole('link', { name: /địa chỉ cũ/i }).first().click();
  // The finder's element is kept, with its list until the new page's HTML is in:
  // wait for the script attached to the new page.
  await waitForAttached(frame, '/noi-nop/dia-chi-cu/');
  assert.match(frame.url(), /\?nhung=1&tinh=79$/, 'the mode follows client navigation');
  const olds = await frame.$$eval('.place-grid > li:not([hidden])', (els) => els.map((e) => e.textContent.trim()));
  assert.equal(olds.length, 3, `${olds}`);
  assert.deepEqual(problems, []);
  await context.close();
});
