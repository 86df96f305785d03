// Declaration forms: every form's page shows its official template, without
// JavaScript too, and prints it alone on one or two A4 pages; with the forms
// module, a person fills it in part by part, sees each problem beside its field,
// checks the answers, prints the filled form, keeps it on the phone only when
// asked, and hands it to another device by QR code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, sitemapPaths, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

test('every form prints its template alone on one or two A4 pages, and the page says where the template comes from', async () => {
  const forms = (await sitemapPaths()).filter((p) => /^\/bieu-mau\/[^/]+\/$/.test(p));
  assert.ok(forms.length >= 8, `${forms.length} forms`);
  const { context, page, problems } = await phonePage(browser);
  for (const path of forms) {
    await page.goto(BASE_URL + path);
    await waitForHydration(page);
    const sheet = page.locator('.form-version:not([hidden]) .form-sheet');
    assert.equal(await sheet.count(), 1, `${path}: one template in force`);
    assert.match(await sheet.innerText(), /CỘNG H(?:OÀ|ÒA) XÃ HỘI CHỦ NGHĨA VIỆT NAM/, path);
    assert.ok(await page.locator('.form-source a[href^="https://"]').count() >= 1, `${path}: where the text was read`);
    // Nothing of the template sticks out of its sheet on a phone (a slot, a tick box).
    const outside = await sheet.evaluate((s) => {
      const r = s.getBoundingClientRect();
      return [...s.querySelectorAll('*')]
        .filter((e) => {
          const b = e.getBoundingClientRect();
          return b.width > 0 && (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1);
        })
        .map((e) => e.outerHTML.slice(0, 80));
    });
    assert.deepEqual(outside, [], `${path}: inside its sheet`);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('h1').isVisible(), false, `${path}: the printout is the form alone`);
    await page.emulateMedia({ media: null });
    const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    assert.ok(pages >= 1 && pages <= 2, `${path}: prints on ${pages} pages`);
    assert.deepEqual(problems, [], path);
  }
  await context.close();
});

test('without JavaScript, a form page shows the blank template to print', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-dang-ky-khai-sinh/`);
  const sheet = page.locator('.form-version:not([hidden]) .form-sheet');
  await sheet.waitFor();
  assert.match(await sheet.innerText(), /TỜ KHAI ĐĂNG KÝ KHAI SINH/);
  assert.ok(await sheet.locator('.fill[data-f="ho_ten"]').count() >= 1, 'a blank for the child\'s name');
  await context.close();
});

test('a document with an official form links to it, in both languages', async () => {
  const { context, page } = await phonePage(browser);
  for (const [doc, form] of [
    ['/giay-to/to-khai-dang-ky-khai-sinh/', '/bieu-mau/to-khai-dang-ky-khai-sinh/'],
    ['/en/giay-to/to-khai-dang-ky-ket-hon/', '/en/bieu-mau/to-khai-dang-ky-ket-hon/'],
  ]) {
    await page.goto(BASE_URL + doc);
    await waitForHydration(page);
    assert.equal(await page.locator(`a[href="${form}"]`).count(), 1, doc);
  }
  await context.close();
});

/// Waits for the forms module to take the page.
async function live(page) {
  await page.locator('[data-form-fill][data-live]').waitFor();
}

const part = (page) => page.locator('[data-part]:not([hidden])');

/// Answers every question of the part shown as a careful person would (the same
/// past date everywhere, so that every rule between dates holds) and goes on.
async function answerPart(page) {
  const fields = part(page).locator('[data-field]');
  for (let i = 0; i < await fields.count(); i += 1) {
    const field = fields.nth(i);
    const kind = await field.getAttribute('data-kind');
    if (kind === 'date') {
      await field.locator('[data-date-part=d]').fill('15');
      await field.locator('[data-date-part=m]').fill('1');
      await field.locator('[data-date-part=y]').fill('2020');
    } else if (kind === 'choice') {
      await field.locator('.radio-label').first().click();
    } else {
      const input = field.locator('input, textarea').first();
      const value = { 'id-number': '001190012345', year: '1990', time: '07:30', number: '1', 'long-text': 'Thôn 3, xã Tân Lập, tỉnh Phú Thọ' }[kind]
        ?? 'Nguyễn Thị Hoa';
      await input.fill(value);
    }
  }
  const title = await part(page).getAttribute('data-part');
  await part(page).locator('button[data-fill=next]').click();
  // The next part, or the check of the answers.
  await page.waitForFunction((t) => {
    const shown = document.querySelector('[data-part]:not([hidden])');
    return (shown && shown.dataset.part !== t) || !document.querySelector('[data-fill-check]').hidden;
  }, title);
}

async function fillAll(page) {
  while (await part(page).count() === 1) {
    assert.equal(await page.locator('[data-fill-errors]').isVisible(), false, await page.locator('[data-fill-errors]').innerText());
    await answerPart(page);
  }
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
}

test('every form, filled in on the phone part by part, is checked, and prints filled in on one or two A4 pages', async () => {
  const forms = (await sitemapPaths()).filter((p) => /^\/bieu-mau\/[^/]+\/$/.test(p));
  const { context, page, problems } = await phonePage(browser);
  for (const path of forms) {
    await page.goto(BASE_URL + path);
    await live(page);
    await fillAll(page);
    // The check lists the answers; the name given is in the template's slots.
    const check = page.locator('[data-fill-check]');
    assert.equal(await check.locator('h3').evaluate((h) => h === document.activeElement), true, `${path}: focus on the check`);
    assert.ok((await check.locator('[data-value]').allInnerTexts()).includes('Nguyễn Thị Hoa'), path);
    const slots = await page.locator('.form-version:not([hidden]) .fill[data-f]').allInnerTexts();
    assert.ok(slots.includes('Nguyễn Thị Hoa'), `${path}: the template is filled in`);
    assert.ok(slots.includes('15/01/2020') || slots.includes('15'), `${path}: dates too`);
    const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    assert.ok(pages >= 1 && pages <= 2, `${path}: filled in, prints on ${pages} pages`);
    assert.deepEqual(problems, [], path);
    // Nothing was kept: keeping is asked for.
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [], path);
  }
  await context.close();
});

test('a problem is named beside its field and in a summary that takes the focus, and its link goes to the field', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-dang-ky-khai-sinh/`);
  await live(page);
  await part(page).locator('button[data-fill=next]').click();
  const summary = page.locator('[data-fill-errors]');
  await summary.waitFor();
  assert.equal(await summary.evaluate((s) => s === document.activeElement), true, 'the summary has the focus');
  const first = summary.locator('a').first();
  const text = await first.innerText();
  assert.match(text, /^Điền mục “.+”\.$/);
  const id = await first.getAttribute('data-focus');
  const field = page.locator(`#${id}`).locator('xpath=ancestor::*[@data-field][1]');
  assert.equal(await field.locator('.error-message').isVisible(), true);
  assert.match(await field.locator('.error-message').innerText(), new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.equal(await page.locator(`#${id}`).getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator(`#${id}`).getAttribute('aria-describedby'), /-error/);
  await first.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), id, 'the link puts the focus in the field');
  assert.equal(new URL(page.url()).hash, '', 'the link does not change the address');
  // A date of birth in the future is refused, with the rule's own message.
  await answerPart(page);
  while (!(await part(page).locator('[data-field=ngay_sinh]').count())) await answerPart(page);
  const birth = part(page).locator('[data-field=ngay_sinh]');
  await birth.locator('[data-date-part=d]').fill('1');
  await birth.locator('[data-date-part=m]').fill('1');
  await birth.locator('[data-date-part=y]').fill(String(new Date().getFullYear() + 1));
  await part(page).locator('button[data-fill=next]').click();
  await summary.waitFor();
  assert.match(await summary.innerText(), /không được sau hôm nay/);
  assert.equal(await birth.locator('.error-message').isVisible(), true);
  assert.deepEqual(problems, []);
  await axe(page, 'a form with errors');
  await context.close();
});

test('the answers are kept on the phone only when asked, come back after a reload, and "Xóa hết" deletes them', async () => {
  const { context, page, problems } = await phonePage(browser);
  const path = `${BASE_URL}/bieu-mau/to-khai-cap-ban-sao-trich-luc/`;
  await page.goto(path);
  await live(page);
  await page.fill('#f-co_quan', 'Ủy ban nhân dân phường Ba Đình');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await page.locator('label[for=form-keep]').click();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), ['thu-tuc-xa:bieu-mau:to-khai-cap-ban-sao-trich-luc']);
  await page.reload();
  await live(page);
  assert.equal(await page.inputValue('#f-co_quan'), 'Ủy ban nhân dân phường Ba Đình');
  assert.equal(await page.locator('#form-keep').isChecked(), true);
  assert.match(await page.locator('[data-fill-status]').innerText(), /Đã mở lại/);
  await page.locator('button[data-fill=clear]').click();
  assert.equal(await page.inputValue('#f-co_quan'), '');
  assert.equal(await page.locator('#form-keep').isChecked(), false);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.match(await page.locator('[data-fill-status]').innerText(), /Đã xóa hết/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in counter mode nothing is offered to keep and nothing is kept', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-cap-ban-sao-trich-luc/?quay=1`);
  await live(page);
  assert.equal(await page.locator('[data-fill-keep]').isVisible(), false);
  await page.fill('#f-co_quan', 'Ủy ban nhân dân phường Ba Đình');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a QR code hands the filled form to another device, which opens it at the check and takes the answers out of its address', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-dang-ky-khai-tu/`);
  await live(page);
  await fillAll(page);
  assert.equal(await page.locator('.form-qr-warning').isVisible(), true, 'the warning is beside the code');
  await page.locator('[data-fill-check] button[data-action=qr]').click();
  const panel = page.locator('[data-fill-check] [data-qr][data-filled]');
  await panel.waitFor();
  const url = await panel.getAttribute('data-url');
  assert.match(url, /^[^#?]+\/bieu-mau\/to-khai-dang-ky-khai-tu\/#d=[A-Za-z0-9_-]+$/);
  assert.equal(await panel.locator('svg').count(), 1);
  // The other device: a new browser profile.
  const other = await phonePage(browser);
  await other.page.goto(url);
  await live(other.page);
  await other.page.locator('[data-fill-check]:not([hidden])').waitFor();
  assert.ok((await other.page.locator('[data-fill-check] [data-value]').allInnerTexts()).includes('Nguyễn Thị Hoa'));
  assert.match(await other.page.locator('[data-fill-status]').innerText(), /mã QR/);
  assert.equal(new URL(other.page.url()).hash, '', 'the answers left the address');
  assert.deepEqual(await other.page.evaluate(() => Object.keys(localStorage)), [], 'and were not kept');
  // A code cut short says so, and opens nothing.
  await other.page.goto(url.slice(0, -12));
  await other.page.reload();
  await live(other.page);
  assert.match(await other.page.locator('[data-fill-status]').innerText(), /Không đọc được/);
  assert.equal(await other.page.inputValue('[data-part]:not([hidden]) input >> nth=0'), '');
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});
