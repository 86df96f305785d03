// "Lưu giấy hẹn": a person keeps the receipt of a dossier on the phone from the
// procedure's page, and the list page says when the result is expected on the
// working-day calendar, offers a calendar reminder made on the device and the
// portal's lookup, and deletes it; nothing is kept in counter mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, clickLinkTo, launch, phonePage, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function fillDate(section, field, [d, m, y]) {
  const f = section.locator(`[data-receipt-field=${field}]`);
  await f.locator('[data-date-part=d]').fill(d);
  await f.locator('[data-date-part=m]').fill(m);
  await f.locator('[data-date-part=y]').fill(y);
}

test('a receipt kept from a procedure page shows its expected day, counted over the days off, and can be deleted', async () => {
  const { context, page, problems } = await phonePage(browser);
  // Đăng ký khai tử is answered the same day: received on Friday 4/12/2026
  // after 15:00, the result is due on Monday 7/12/2026.
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-tu/`);
  await waitForHydration(page);
  const section = page.locator('[data-receipt]');
  assert.equal(await section.getAttribute('data-limit'), 'same-day');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], 'nothing kept before asked');
  // The first press loads the forms module and opens the form.
  await section.locator('button[data-receipt-open]').click();
  await section.locator('[data-receipt-form]:not([hidden])').waitFor();
  // A day filed in the future is refused beside its field and in the summary.
  await fillDate(section, 'filed', ['1', '1', String(new Date().getFullYear() + 1)]);
  await section.locator('button[data-receipt-save]').click();
  await section.locator('[data-receipt-errors]').waitFor();
  assert.equal(await section.locator('[data-receipt-field=filed] .error-message').isVisible(), true);
  await fillDate(section, 'filed', ['4', '12', '2026']);
  await section.locator('#r-number').fill('000.00.12.H26-261204-0001');
  await section.locator('label[for=r-after-three]').click();
  await section.locator('button[data-receipt-save]').click();
  await section.locator('[data-receipt-see-all]:not([hidden])').waitFor();
  assert.match(await section.locator('[data-receipt-status]').innerText(), /Đã lưu/);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['thu-tuc-xa:giay-hen']);

  // A second one: a dossier of 3 working days filed on Monday 23/11/2026; Tuesday
  // 24/11 is Ngày Văn hóa Việt Nam, so the result is due on Friday 27/11.
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-tam-tru/`);
  await waitForHydration(page);
  const other = page.locator('[data-receipt]');
  const limit = await other.getAttribute('data-limit');
  await other.locator('button[data-receipt-open]').click();
  await other.locator('[data-receipt-form]:not([hidden])').waitFor();
  await fillDate(other, 'filed', ['23', '11', '2026']);
  await fillDate(other, 'appointment', ['27', '11', '2026']);
  await other.locator('button[data-receipt-save]').click();
  await other.locator('[data-receipt-see-all]:not([hidden])').waitFor();

  await clickLinkTo(page, '/giay-hen/');
  const cards = page.locator('.receipt-card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 2);
  const last = cards.nth(1);
  assert.match(await last.innerText(), /Thứ Hai, 07\/12\/2026/, 'same day after 15:00 on a Friday: Monday');
  assert.match(await last.innerText(), /000\.00\.12\.H26-261204-0001/);
  const first = cards.nth(0);
  assert.equal(limit, 'wd3');
  assert.match(await first.innerText(), /Thứ Sáu, 27\/11\/2026/);
  assert.match(await first.innerText(), /Ngày Văn hóa Việt Nam/);
  assert.match(await first.innerText(), /ngày chính thức/, 'the receipt\'s own date is the official one');
  assert.equal(await first.locator('a[rel~=external]').getAttribute('href'), 'https://dichvucong.gov.vn/');
  // The reminder is a calendar file made on the device.
  const [download] = await Promise.all([page.waitForEvent('download'), last.locator('button[data-receipt-ics]').click()]);
  const ics = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(ics).toString('utf8');
  assert.match(text, /BEGIN:VCALENDAR/);
  assert.match(text, /DTSTART;VALUE=DATE:20261207/);
  assert.match(download.suggestedFilename(), /\.ics$/);
  await axe(page, 'the receipts page');
  // Deleting one leaves the other.
  // Deleting asks first; "No" keeps it.
  await last.locator('button[data-receipt-delete]').click();
  await last.locator('[data-receipt-ask]:not([hidden])').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute('data-receipt-ask')), true, 'the question takes the focus');
  await last.locator('button[data-receipt-delete-no]').click();
  assert.equal(await last.locator('[data-receipt-ask]').isHidden(), true);
  assert.equal(await page.locator('.receipt-card').count(), 2);
  await last.locator('button[data-receipt-delete]').click();
  await last.locator('button[data-receipt-delete-yes]').click();
  await page.waitForFunction(() => document.querySelectorAll('.receipt-card').length === 1);
  assert.match(await page.locator('[data-receipt-status]').innerText(), /Đã xóa/);
  await page.locator('.receipt-card button[data-receipt-delete]').click();
  await page.locator('.receipt-card button[data-receipt-delete-yes]').click();
  await page.locator('[data-receipts-none]:not([hidden])').waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in counter mode a procedure page offers nothing to keep', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-khai-tu/?quay=1`);
  await waitForHydration(page);
  assert.equal(await page.locator('[data-receipt]').isVisible(), true, 'what the receipt is, still said');
  assert.equal(await page.locator('button[data-receipt-open]').isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the receipts page without JavaScript says it needs it', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/giay-hen/`);
  assert.equal(await page.locator('p.no-js-only').isVisible(), true);
  await context.close();
});

test('receipts kept in a form the page cannot read are not written over, and a counter shows none', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/thu-tuc/dang-ky-tam-tru/`);
  await waitForHydration(page);
  await page.evaluate(() => localStorage.setItem('thu-tuc-xa:giay-hen', 'v9\u001ekept by another version'));
  const section = page.locator('[data-receipt]');
  await section.locator('button[data-receipt-open]').click();
  await section.locator('[data-receipt-form]:not([hidden])').waitFor();
  await fillDate(section, 'filed', ['23', '11', '2026']);
  await section.locator('button[data-receipt-save]').click();
  await page.waitForFunction(() => /Không đọc được/.test(document.querySelector('[data-receipt-status]')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => localStorage.getItem('thu-tuc-xa:giay-hen')), 'v9\u001ekept by another version');
  // A kept receipt is not shown at a counter.
  await page.evaluate(() => localStorage.clear());
  await fillDate(section, 'filed', ['23', '11', '2026']);
  await section.locator('button[data-receipt-save]').click();
  await section.locator('[data-receipt-see-all]:not([hidden])').waitFor();
  await page.goto(`${BASE_URL}/giay-hen/?quay=1`);
  await waitForHydration(page);
  await page.waitForFunction(() => /chế độ quầy/.test(document.querySelector('[data-receipt-status]')?.textContent ?? ''));
  assert.equal(await page.locator('.receipt-card').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
