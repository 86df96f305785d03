import { BASE_URL, launch, phonePage, waitForHydration } from './tests/browser/browser.mjs';
const browser = await launch();
const { page } = await phonePage(browser);
const [address, id, out] = process.argv.slice(2);
await page.goto(BASE_URL + address);
await waitForHydration(page);
await page.waitForSelector(`[data-show="o:${id}"]:not([hidden])`);
for (let i = 0; i < 3; i++) {
  await page.evaluate((y) => window.scrollTo(0, y), i * 844);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2 || window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2, i * 844);
  await page.screenshot({ path: `${out}-${i}.png` });
}
await browser.close();
