// Counter mode, for volunteers at a help counter: larger text and targets, a
// "next person" button that leaves nothing of the last person behind (no answers,
// no ticks, no history, no storage), and a QR code that hands the outcome over to
// the person's own phone, on screen and on the printout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_URL, axe, launch, launchOptions, phonePage, waitForHydration, waitForPage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const visible = (page, selector) => page.waitForSelector(`${selector}:not([hidden])`);

async function answer(page, id, option) {
  await visible(page, `form[data-q="${id}"]`);
  await page.click(`label[for="${id}-${option}"]`);
  await page.click(`form[data-q="${id}"] button[type=submit]`);
}

/// Having a baby, from the intro to the outcome at the centre.
async function toOutcome(page) {
  await page.getByRole('link', { name: 'Bắt đầu' }).click();
  await answer(page, 'noi-sinh', 'viet-nam');
  await answer(page, 'chung-sinh', 'co');
  await answer(page, 'cha-me', 'khong');
  await answer(page, 'ket-hon', 'roi');
  await answer(page, 'thoi-gian', 'trong-60-ngay');
  await answer(page, 'cach-nop', 'truc-tiep');
  await answer(page, 'nguoi-nop', 'cha-me');
  await visible(page, 'section.check');
  await page.click('a[data-go=outcome]');
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
}


const ticks = (page) => page.locator('section.outcome:not([hidden]) .checklist-group:not([hidden]) input.tick');

test('the footer switch turns counter mode on; larger text and targets; exit turns it off', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/`);
  await waitForHydration(page);
  assert.equal(await page.locator('.counter-bar').isVisible(), false, 'no bar outside counter mode');
  const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await page.getByRole('link', { name: 'Chế độ quầy hỗ trợ (cho cán bộ, tình nguyện viên)' }).click();
  await page.waitForURL(`${BASE_URL}/thu-tuc/?quay=1`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('html', 'data-counter'), '');
  assert.ok(await page.locator('.counter-bar').isVisible());
  const larger = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(larger, normal * 1.25);
  const next = await page.getByRole('link', { name: 'Người tiếp theo' }).boundingBox();
  assert.ok(next.height >= 60, `next person is ${next.height} px high`);
  assert.equal(await page.locator('.counter-switch').isVisible(), false);
  // Client navigation keeps the mode in the address.
  const first = page.locator('main .procedure-list a').first();
  const href = await first.getAttribute('href');
  await first.click();
  await waitForPage(page, href);
  assert.match(href, /^\/thu-tuc\/[a-z0-9-]+\/$/);
  assert.equal(page.url(), `${BASE_URL}${href}?quay=1`);
  assert.equal(await page.getAttribute('html', 'data-counter'), '');
  await axe(page, 'a procedure in counter mode');
  // At 320 px wide nothing overflows sideways.
  await page.setViewportSize({ width: 320, height: 700 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), 'no sideways scroll at 320 px');
  await page.getByRole('link', { name: 'Thoát chế độ quầy' }).click();
  await page.waitForURL(/\/thu-tuc\/[a-z0-9-]+\/$/);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('html', 'data-counter'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('next person: no answers, no ticks, no history and no storage are left of the last person', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/?quay=1`);
  await waitForHydration(page);
  const entries = await page.evaluate(() => history.length);
  await toOutcome(page);
  assert.equal(page.url(), `${BASE_URL}/su-kien/sinh-con/?quay=1`, 'the mode kept, no answer in the address');
  assert.equal(await page.evaluate(() => history.length), entries, 'steps add no history entry');
  await ticks(page).nth(0).check();
  assert.ok(await ticks(page).nth(0).isChecked());
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing stored');
  await axe(page, 'outcome in counter mode');

  await page.getByRole('link', { name: 'Người tiếp theo' }).click();
  await page.waitForURL(`${BASE_URL}/?quay=1`);
  await waitForHydration(page);
  assert.equal(await page.evaluate(() => history.length), entries, 'the last person\'s page was replaced');
  // The same answers again (a volunteer retyping them) find no tick.
  await page.goto(`${BASE_URL}/su-kien/sinh-con/?quay=1`);
  await waitForHydration(page);
  await toOutcome(page);
  assert.equal(await ticks(page).nth(0).isChecked(), false);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/// Every file of a browser profile, as bytes read as Latin-1 (SQLite keeps text as
/// it is, in live and freed pages alike).
function profileBytes(dir, name = /./) {
  let all = '';
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && name.test(entry.name)) all += readFileSync(join(entry.parentPath ?? entry.path, entry.name)).toString('latin1');
  }
  return all;
}

test('counter mode keeps the answers out of the address: the browser\'s own history holds none', async () => {
  // A profile kept on disk, as on a counter's computer: its history database and
  // address-bar suggestions outlive the page.
  const dir = mkdtempSync(join(tmpdir(), 'thu-tuc-xa-profile-'));
  try {
    const context = await chromium.launchPersistentContext(dir, {
      ...launchOptions(),
      viewport: { width: 390, height: 844 },
    });
    const page = context.pages()[0] ?? await context.newPage();
    await page.goto(`${BASE_URL}/su-kien/sinh-con/?quay=1`);
    await waitForHydration(page);
    await toOutcome(page);
    assert.equal(page.url(), `${BASE_URL}/su-kien/sinh-con/?quay=1`, 'no answer in the address');
    // The code and the share link still carry the answers, for the person's phone.
    await page.getByRole('button', { name: 'Mã QR để mở trên điện thoại' }).click();
    const qr = await page.locator('#qr-panel[data-filled]').getAttribute('data-url');
    assert.match(qr, /^http:\/\/[^?]+\/su-kien\/sinh-con\/#.*noi-sinh=viet-nam/);
    await page.getByRole('link', { name: 'Người tiếp theo' }).click();
    await page.waitForURL(`${BASE_URL}/?quay=1`);
    await waitForHydration(page);
    await context.close();
    const bytes = profileBytes(dir);
    // The history database alone (its journal too): it holds the page's address,
    // and no answer, not even in the title kept for that address.
    const history = profileBytes(dir, /^History(-journal|-wal)?$/);
    assert.ok(history.includes('/su-kien/sinh-con/?quay=1'), 'the history database was written');
    const outcomeTitle = Buffer.from('Đăng ký khai sinh tại Trung tâm', 'utf8').toString('latin1');
    assert.ok(!history.includes(outcomeTitle), 'the outcome\'s heading is in the history');
    // An answer as the address writes it (the pages' HTML, which the caches
    // hold, has the same words but never in this form).
    for (const answer of ['noi-sinh=viet-nam', 'thoi-gian=trong-60-ngay', 'xem=ket-qua']) {
      assert.ok(!bytes.includes(answer), `the profile keeps "${answer}"`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the outcome as a QR code, on screen and on the one-page printout', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/?quay=1`);
  await waitForHydration(page);
  await toOutcome(page);
  const button = page.getByRole('button', { name: 'Mã QR để mở trên điện thoại' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  await button.click();
  const panel = page.locator('#qr-panel');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  // The code holds the page's address with the answers (which counter mode keeps
  // out of the address bar), without this device's mode.
  const hash = '#noi-sinh=viet-nam&chung-sinh=co&cha-me=khong&ket-hon=roi&thoi-gian=trong-60-ngay&cach-nop=truc-tiep&nguoi-nop=cha-me&xem=ket-qua';
  assert.equal(await panel.getAttribute('data-url'), `${BASE_URL}/su-kien/sinh-con/${hash}`);
  const svg = panel.locator('svg[role=img]');
  assert.equal(await svg.getAttribute('aria-label'), 'Mã QR của trang này');
  const box = await svg.boundingBox();
  assert.ok(box.width >= 200 && Math.abs(box.width - box.height) < 1, `a square of ${box.width} px`);
  await axe(page, 'outcome with its QR code');

  // An address too long for one code: no code (never the last one), and why.
  await button.click();
  await panel.evaluate((p) => p.setAttribute('data-hash', `noi-sinh=viet-nam&x=${'a'.repeat(5000)}`));
  await button.click();
  const status = page.locator('[data-qr-status]');
  await page.waitForFunction(() => document.querySelector('[data-qr-status]').textContent !== '');
  assert.match(await status.textContent(), /quá nhiều câu trả lời/);
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await panel.isVisible(), false, 'no panel without a code');
  assert.equal(await panel.locator('svg').count(), 0, 'the last code is gone');
  assert.equal(await panel.getAttribute('data-url'), null);
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  // Another answer: the code is out of date, so it is put away.
  const outcome = `${BASE_URL}/su-kien/sinh-con/${hash}`;
  await page.click('.summary-row[data-row="nguoi-nop"] a[data-change]');
  await visible(page, 'form[data-q="nguoi-nop"]');
  assert.equal(await panel.isVisible(), false);

  // Printing draws the code top right of the one page.
  await page.goto(outcome);
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  // What a browser does on print, without the dialog: `beforeprint`, then paper.
  await page.evaluate(() => {
    window.print = () => { window.printed = true; window.dispatchEvent(new Event('beforeprint')); };
  });
  await page.getByRole('button', { name: 'In danh sách' }).click();
  // The first press loads the code's module, which then prints.
  await page.waitForFunction(() => window.printed === true);
  assert.equal(await panel.getAttribute('data-filled'), '');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await panel.isVisible(), 'the code is on the printout');
  assert.equal(await page.locator('.outcome-actions').isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the printout has ${pages} pages`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a procedure page hands over its checklist by QR code, whose code loads only when asked for', async () => {
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  const loaded = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/extras-')) loaded.push(r.url()); });
  await page.goto(`${BASE_URL}/en/thu-tuc/`);
  await waitForHydration(page);
  const first = page.locator('main .procedure-list a').first();
  const href = await first.getAttribute('href');
  await first.click();
  await waitForPage(page, href);
  // The extras are loaded by adding their script, which the app does only when
  // asked (a focus on a search box, a press on a QR or print button, a page that
  // needs them once in place): with the page in place, nothing asked for them.
  assert.equal(await page.locator('script[src*="extras"]').count(), 0, 'no extras script added');
  assert.deepEqual(loaded, [], 'nothing of the QR code is downloaded before it is asked for');
  await page.getByRole('button', { name: 'QR code to open on a phone' }).click();
  const panel = page.locator('#qr-panel');
  await panel.waitFor({ state: 'visible' });
  assert.equal(await panel.getAttribute('data-url'), page.url());
  assert.equal(await panel.locator('svg').getAttribute('aria-label'), 'QR code of this page');
  assert.deepEqual(problems, []);
  await context.close();
});
