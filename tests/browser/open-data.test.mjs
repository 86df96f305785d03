// Open data (/du-lieu/): the page lists every data set with its files; each file
// is served, JSON or CSV as it says, with the count the page gives; none is
// saved in advance by the service worker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, launch, phonePage } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the open data page links every file, each served as it says with the count the page gives', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/du-lieu/`);
  assert.equal(await page.locator('h1').innerText(), 'Dữ liệu mở');
  const sets = page.locator('.open-data-set');
  assert.equal(await sets.count(), 9);
  for (let i = 0; i < await sets.count(); i += 1) {
    const set = sets.nth(i);
    const said = Number((await set.locator('p').first().innerText()).match(/^([\d.]+) mục/)[1].replaceAll('.', ''));
    for (const link of await set.locator('a').all()) {
      const href = await link.getAttribute('href');
      assert.match(href, /^\/du-lieu\/v1\/[a-z-]+\.(json|csv|schema\.json)$/);
      const res = await page.request.get(BASE_URL + href);
      assert.equal(res.status(), 200, href);
      assert.equal(res.headers()['access-control-allow-origin'], '*', `${href}: other sites may read it`);
      const type = res.headers()['content-type'];
      if (href.endsWith('.csv')) {
        assert.match(type, /^text\/csv/, href);
        const lines = (await res.text()).trimEnd().split('\n');
        assert.ok(lines.length - 1 >= said, `${href}: ${lines.length - 1} rows, the page says ${said}`);
      } else {
        assert.match(type, /json/, href);
        const doc = await res.json();
        if (href.endsWith('.schema.json')) {
          assert.equal(doc.$schema, 'https://json-schema.org/draft/2020-12/schema', href);
        } else {
          assert.equal(doc.version, 1, href);
          assert.match(doc.content_date, /^\d{4}-\d{2}-\d{2}$/);
          assert.equal(doc.items.length, said, `${href}: the page's count`);
          assert.ok(doc.licence.attribution, href);
        }
      }
    }
  }
  // Nothing of it is saved for offline use in advance.
  const worker = await (await page.request.get(`${BASE_URL}/sw.mjs`)).text();
  assert.ok(!worker.includes('du-lieu'), 'the service worker does not precache the open data');
  await axe(page, 'the open data page');
  assert.deepEqual(problems, []);
  await page.goto(`${BASE_URL}/en/du-lieu/`);
  assert.equal(await page.locator('h1').innerText(), 'Open data');
  assert.match(await page.locator('#open-data-xa-phuong').locator('xpath=..').innerText(), /3,321 entries/);
  await context.close();
});
