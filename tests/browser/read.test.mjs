// "Đọc to": the page is read aloud only when asked, with a voice of the page's
// language, block by block with the block marked; without such a voice it says
// so and reads nothing; following a link stops it. The browser's speech
// synthesis is replaced by a recorder (a headless browser has no voices).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A page whose speech synthesis has these voices and records what it says.
async function withVoices(voices) {
  const made = await phonePage(browser);
  await made.page.addInitScript((list) => {
    window.spoken = [];
    window.cancelled = 0;
    const synth = {
      queue: [],
      onvoiceschanged: null,
      getVoices: () => list.map(([lang, name]) => ({ lang, name })),
      speak(u) {
        window.spoken.push(u.text);
        this.queue.push(u);
        if (this.queue.length === 1) this.next();
      },
      next() {
        const u = this.queue[0];
        if (!u) return;
        setTimeout(() => {
          if (this.queue[0] !== u) return;
          u.onstart?.();
          setTimeout(() => {
            if (this.queue[0] !== u) return;
            this.queue.shift();
            u.onend?.();
            this.next();
          }, 400);
        }, 10);
      },
      cancel() { window.cancelled += 1; this.queue = []; },
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  }, voices);
  return made;
}

test('a procedure is read aloud only when asked, block by block, and following a link stops it', async () => {
  const { context, page, problems } = await withVoices([['en-US', 'English'], ['vi-VN', 'Tiếng Việt']]);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  assert.deepEqual(await page.evaluate(() => window.spoken), [], 'nothing read by itself');
  const button = page.locator('button[data-action=read]');
  await button.click();
  await page.waitForFunction(() => window.spoken.length > 3);
  const spoken = await page.evaluate(() => window.spoken);
  assert.equal(spoken[0], await page.locator('article h1').innerText(), 'the heading first');
  assert.ok(!spoken.some((t) => t === 'Đọc to' || t === 'Dừng đọc'), 'not its own button');
  await page.locator('.reading').first().waitFor();
  assert.equal(await button.innerText(), 'Dừng đọc');
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  // Pressed again: stops.
  await button.click();
  assert.equal(await page.locator('.reading').count(), 0);
  assert.equal(await button.innerText(), 'Đọc to');
  // Reading again, then a link followed: stops.
  await button.click();
  await page.locator('.reading').first().waitFor();
  const cancelled = await page.evaluate(() => window.cancelled);
  await page.locator('.breadcrumbs a').first().click();
  await page.waitForFunction((c) => window.cancelled > c, cancelled);
  assert.equal(await page.locator('.reading').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('without a voice for the page\'s language, the page says so and reads nothing', async () => {
  const { context, page, problems } = await withVoices([['en-US', 'English']]);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  await page.locator('button[data-action=read]').click();
  const status = page.locator('[data-read-status]');
  await page.waitForFunction(() => /giọng đọc tiếng Việt/.test(document.querySelector('[data-read-status]')?.textContent ?? ''));
  assert.match(await status.innerText(), /chưa có giọng đọc tiếng Việt/);
  assert.deepEqual(await page.evaluate(() => window.spoken), []);
  // The English page reads with the English voice.
  await page.goto(`${BASE_URL}/en/thu-tuc/dang-ky-khai-sinh/`);
  await waitForHydration(page);
  await page.locator('button[data-action=read]').click();
  await page.waitForFunction(() => window.spoken.length > 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a form page reads its instructions and the questions shown, not the template', async () => {
  const { context, page, problems } = await withVoices([['vi-VN', 'Tiếng Việt']]);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-dang-ky-khai-sinh/`);
  await page.locator('[data-form-fill][data-live]').waitFor();
  await page.locator('button[data-action=read]').click();
  await page.waitForFunction(() => window.spoken.length > 2);
  const spoken = await page.evaluate(() => window.spoken);
  assert.ok(spoken.includes('Kính gửi (tên cơ quan đăng ký khai sinh)') || spoken.some((t) => /Kính gửi/.test(t)), spoken.join(' | '));
  assert.ok(!spoken.some((t) => /CỘNG HÒA XÃ HỘI/.test(t)), 'not the template');
  assert.deepEqual(problems, []);
  await context.close();
});
