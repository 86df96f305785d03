// Declaration forms: every form's page shows its official template, without
// JavaScript too, and prints it alone on one or two A4 pages; with the forms
// module, a person fills it in part by part, sees each problem beside its field,
// checks the answers, prints the filled form, keeps it on the phone only when
// asked, and hands it to another device by QR code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage, sitemapPaths, waitForHydration } from './browser.mjs';
import { answerPart, fillAll, live, part, pdfPages } from './forms.mjs';

/// Waits for an element's text to match.
async function textIn(page, selector, pattern) {
  await page.waitForFunction(([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent ?? ''), [selector, pattern.source]);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


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
  assert.match(text, /^Hãy điền mục “.+”\.$/);
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
  assert.match(await summary.innerText(), /phải là hôm nay hoặc một ngày đã qua/);
  assert.match(await page.title(), /^Lỗi: /, 'the title says there is a problem');
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
  await textIn(page, '[data-fill-status]', /Đã mở lại/);
  // "Xóa hết" asks first: "No" keeps everything.
  await page.locator('button[data-fill=clear]').click();
  await page.locator('[data-fill-clear-ask]').waitFor();
  await page.locator('button[data-fill=clear-no]').click();
  assert.equal(await page.inputValue('#f-co_quan'), 'Ủy ban nhân dân phường Ba Đình');
  await page.locator('button[data-fill=clear]').click();
  await page.locator('button[data-fill=clear-yes]').click();
  assert.equal(await page.inputValue('#f-co_quan'), '');
  assert.equal(await page.locator('#form-keep').isChecked(), false);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await textIn(page, '[data-fill-keep-status]', /Đã xóa hết/);
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
  await textIn(other.page, '[data-fill-status]', /mã QR/);
  assert.equal(await other.page.locator('[data-fill-keep-choice]').isVisible(), false, 'someone else\'s answers are not offered to keep');
  assert.equal(new URL(other.page.url()).hash, '', 'the answers left the address');
  assert.deepEqual(await other.page.evaluate(() => Object.keys(localStorage)), [], 'and were not kept');
  // A code cut short, typed into the open page's address (a scanner that types):
  // said so, and nothing of it opened.
  await other.page.goto(url.slice(0, -12));
  await textIn(other.page, '[data-fill-status]', /Không đọc được/);
  assert.equal(await other.page.inputValue('[data-part]:not([hidden]) input >> nth=0'), '');
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
  await context.close();
});

test('"In tờ khai trống" prints the template blank however the print dialog returns, and the answers stay', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-dang-ky-khai-tu/`);
  await live(page);
  await fillAll(page);
  // A print dialog that returns at once (Safari, phones).
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await page.locator('button[data-fill=print-empty]').click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: 'print' });
  const slot = page.locator('.form-version:not([hidden]) .fill[data-f]').filter({ hasText: 'Nguyễn Thị Hoa' }).first();
  assert.equal(await slot.evaluate((e) => getComputedStyle(e).color), 'rgba(0, 0, 0, 0)', 'the answers do not print');
  assert.equal(await slot.innerText(), 'Nguyễn Thị Hoa', 'and are still there');
  const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  assert.ok(pages <= 2, `${pages} pages`);
  // "In tờ khai đã điền" prints them again.
  await page.emulateMedia({ media: null });
  await page.locator('button[data-fill=print]').click();
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-print-blank')), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a field still focused when "Continue" is pressed by a script or a screen reader does not break the page', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-cap-ban-sao-trich-luc/`);
  await live(page);
  await page.focus('#f-co_quan');
  await page.keyboard.type('Ủy ban nhân dân xã Tân Lập');
  // A click that does not move the focus first: the field's `change` fires
  // while the module handles the click.
  await page.$eval('[data-part]:not([hidden]) button[data-fill=next]', (b) => b.click());
  await page.locator('[data-part="nguoi-yeu-cau"]:not([hidden])').waitFor();
  await page.$eval('[data-part]:not([hidden]) button[data-fill=back]', (b) => b.click());
  assert.equal(await page.inputValue('#f-co_quan'), 'Ủy ban nhân dân xã Tân Lập');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an optional choice can be cleared, and "Change" from the check comes back to the check', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-cap-ban-sao-trich-luc/`);
  await live(page);
  await fillAll(page);
  const sex = page.locator('[data-row=gioi_tinh] [data-value]');
  assert.equal(await sex.innerText(), 'Nam');
  await page.locator('[data-row=gioi_tinh] button[data-fill=change]').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-gioi_tinh-nam', 'focus on the answer to change');
  await part(page).locator('[data-field=gioi_tinh] button[data-fill=unselect]').click();
  assert.equal(await page.locator('#f-gioi_tinh-nam').isChecked(), false);
  await part(page).locator('button[data-fill=next]').click();
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
  assert.equal(await sex.innerText(), 'Chưa điền', 'straight back to the check, the choice cleared');
  const ticks = await page.locator('.form-version:not([hidden]) .fill[data-f=gioi_tinh]').allInnerTexts();
  assert.deepEqual(ticks.filter((t) => t.trim()), [], 'and gone from the template');
  assert.deepEqual(problems, []);
  await context.close();
});

test("a flow's outcome links to its form with the answers, which fill in what they settle, leave out what they rule out, and leave the address", async () => {
  const { context, page, problems } = await phonePage(browser);
  const answers = 'noi-sinh=viet-nam&chung-sinh=co&cha-me=khong&ket-hon=chua&nhan-cha=khong&thoi-gian=trong-60-ngay&cach-nop=truc-tiep&nguoi-nop=cha-me';
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#${answers}&xem=ket-qua`);
  await waitForHydration(page);
  const link = page.locator('section.outcome:not([hidden]) a[data-form-link="/bieu-mau/to-khai-dang-ky-khai-sinh/"]');
  await page.waitForFunction(() => /#su-kien=/.test(document.querySelector('section.outcome:not([hidden]) a[data-form-link]')?.getAttribute('href') ?? ''));
  assert.equal(await link.getAttribute('href'), `/bieu-mau/to-khai-dang-ky-khai-sinh/#su-kien=sinh-con&${answers}`);
  await link.click();
  await live(page);
  await page.waitForFunction(() => location.pathname === '/bieu-mau/to-khai-dang-ky-khai-sinh/' && location.hash === '');
  const notice = page.locator('[data-fill-prefilled]:not([hidden])');
  assert.equal(await notice.locator('li').count(), 3, 'three reasons: no marriage, no father, nationality');
  assert.match(await notice.innerText(), /phần “Người cha” để trống/);
  assert.equal(await page.locator('#f-quoc_tich').inputValue(), 'Việt Nam', 'the nationality filled in');
  // The parts left blank are stepped over; the others are asked.
  const shown = new Set();
  while (await part(page).count() === 1) {
    shown.add(await part(page).getAttribute('data-part'));
    await answerPart(page);
    assert.equal(await page.locator('[data-fill-errors]').isVisible(), false, 'no part refused');
  }
  assert.ok(!shown.has('cha') && !shown.has('ket-hon'), `parts shown: ${[...shown]}`);
  assert.ok(shown.has('me') && shown.has('tre'), `parts shown: ${[...shown]}`);
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
  const value = (id) => page.locator(`[data-row=${id}] [data-value]`).innerText();
  assert.equal(await value('cha_ho_ten'), 'Để trống theo câu trả lời của bạn');
  assert.equal(await value('kh_so'), 'Để trống theo câu trả lời của bạn');
  assert.equal(await value('quoc_tich'), 'Việt Nam');
  // "Change" asks a part left blank after all.
  await page.locator('[data-row=cha_ho_ten] button[data-fill=change]').click();
  assert.equal(await part(page).getAttribute('data-part'), 'cha');
  assert.ok(await part(page).locator('[data-field=cha_ho_ten]').isVisible(), 'the question is asked');
  await part(page).locator('button[data-fill=next]').click();
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
  assert.equal(await value('cha_ho_ten'), 'Chưa điền');
  const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  assert.ok(pages >= 1 && pages <= 2, `prints on ${pages} pages`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in counter mode the link from an outcome to its form carries no answer', async () => {
  const { context, page } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/?quay=1#noi-sinh=viet-nam&chung-sinh=co&cha-me=khong&ket-hon=roi&thoi-gian=trong-60-ngay&cach-nop=truc-tiep&nguoi-nop=cha-me&xem=ket-qua`);
  await waitForHydration(page);
  await page.locator('section.outcome[data-show="o:tai-trung-tam"]:not([hidden])').first().waitFor();
  const links = await page.locator('a[data-form-link]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 1, 'a form on the checklist');
  assert.deepEqual(links.filter((h) => h.includes('#')), [], 'no answer in a form link');
  await context.close();
});

test('CT01 asks for as many household members as it is told, prints the ID numbers a digit to a box, and forgets a member when the count goes down', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/bieu-mau/to-khai-cu-tru-ct01/`);
  await live(page);
  const asked = [];
  while (await part(page).count() === 1) {
    const id = await part(page).getAttribute('data-part');
    asked.push(id);
    const progress = await part(page).locator('.progress').innerText();
    // The parts are counted as they are asked: no member before the count.
    if (id === 'cung-thay-doi') assert.equal(progress, 'Phần 5 trên 7');
    if (id === 'nguoi-1') assert.equal(progress, 'Phần 6 trên 9');
    if (id === 'cung-thay-doi') await part(page).locator('input').fill('2');
    await answerPart(page);
  }
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
  assert.deepEqual(asked.filter((p) => /^nguoi-\d$/.test(p)), ['nguoi-1', 'nguoi-2'], 'two members asked, no more');
  assert.equal(await page.locator('[data-check-part=nguoi-2]').isVisible(), true);
  assert.equal(await page.locator('[data-check-part=nguoi-3]').isVisible(), false);
  const sheet = page.locator('.form-version:not([hidden])');
  const digits = await sheet.locator('.fill.digit[data-f=so_dinh_danh]').allInnerTexts();
  assert.equal(digits.join(''), '001190012345', 'a digit to a box');
  assert.equal(await sheet.locator('.fill[data-f=tv2_ho_ten]').innerText(), 'Nguyễn Thị Hoa');
  // One member fewer: the second member's part is no longer asked, checked or printed.
  await page.locator('[data-fill=change][data-to=so_nguoi]').click();
  await part(page).locator('input').fill('1');
  await part(page).locator('button[data-fill=next]').click();
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
  await page.locator('[data-check-part=nguoi-2]').waitFor({ state: 'hidden' });
  assert.equal(await sheet.locator('.fill[data-f=tv2_ho_ten]').innerText(), '');
  assert.equal(await sheet.locator('.fill[data-f=tv1_ho_ten]').innerText(), 'Nguyễn Thị Hoa');
  assert.deepEqual(problems, []);
  await context.close();
});
