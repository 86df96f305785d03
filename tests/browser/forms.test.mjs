// Declaration forms: every form's page shows its official template, without
// JavaScript too, and prints it alone on one or two A4 pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, phonePage, sitemapPaths, waitForHydration } from './browser.mjs';

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
