// `cargo xtask bench` runs this: every declaration form's page, printed to PDF on
// A4 blank and then filled in on the phone as a careful person would. Prints
// `forms`, `form_fields` (questions over every form) and `form_print_pages_max`
// (the most pages any printout took). Not a test: the bench checks the budgets.
import { BASE_URL, launch, phonePage, sitemapPaths } from './browser.mjs';
import { fillAll, live, pdfPages } from './forms.mjs';

const browser = await launch();
const { page } = await phonePage(browser);
const forms = (await sitemapPaths()).filter((p) => /^\/bieu-mau\/[^/]+\/$/.test(p));
let fields = 0;
let most = 0;
for (const path of forms) {
  await page.goto(BASE_URL + path);
  await live(page);
  fields += await page.locator('[data-field]').count();
  const blank = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  await fillAll(page);
  const filled = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
  console.error(`${path}: ${blank} pages blank, ${filled} filled in`);
  most = Math.max(most, blank, filled);
}
await browser.close();
console.log(`forms: ${forms.length}`);
console.log(`form_fields: ${fields}`);
console.log(`form_print_pages_max: ${most}`);
