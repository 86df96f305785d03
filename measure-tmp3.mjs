import { readFileSync } from 'node:fs';
import { BASE_URL, launch, phonePage, waitForHydration } from './tests/browser/browser.mjs';
const list = readFileSync('/tmp/outcomes.txt', 'utf8').trim().split('\n').map((l) => l.split(' '));
const browser = await launch();
const { page } = await phonePage(browser);
const rows=[];
for (const [address, id] of list) {
  await page.goto(BASE_URL + address);
  await waitForHydration(page);
  await page.waitForSelector(`[data-show="o:${id}"]:not([hidden])`);
  rows.push(await page.evaluate((id) => {
    const s = document.querySelector(`[data-show="o:${id}"]`);
    const n = (sel) => [...s.querySelectorAll(sel)].filter((e) => e.offsetParent !== null).length;
    return [id, n('li.step'), n('li.check-item'), n('.callout p.note'), s.querySelector('.lead').textContent.length];
  }, id));
}
rows.sort((a,b)=>b[2]-a[2]);
console.log(rows.slice(0,12).map(r=>r.join(' ')).join('\n'));
await browser.close();
