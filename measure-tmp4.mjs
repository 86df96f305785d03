import { BASE_URL, launch, phonePage, waitForHydration } from './tests/browser/browser.mjs';
const browser = await launch();
const { page } = await phonePage(browser);
const [address, id] = process.argv.slice(2);
await page.goto(BASE_URL + address);
await waitForHydration(page);
await page.waitForSelector(`[data-show="o:${id}"]:not([hidden])`);
console.log(await page.evaluate((id) => {
  const out = [];
  const y = (e) => Math.round(e.getBoundingClientRect().top + scrollY);
  for (const s of document.querySelectorAll(`[data-show="o:${id}"]`)) {
    for (const c of s.querySelectorAll(':scope > *, :scope > ol > li')) {
      if (c.offsetParent === null) continue;
      out.push(`${y(c)} +${Math.round(c.getBoundingClientRect().height)} ${c.tagName}.${c.className} ${(c.textContent||'').trim().slice(0,40)}`);
    }
  }
  out.push('actions ' + y(document.querySelector('.outcome-actions')));
  return out.join('\n');
}, id));
await browser.close();
