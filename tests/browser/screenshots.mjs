// Phone-sized screenshots of the main pages, for looking at: not a test.
// Usage: BASE_URL=http://127.0.0.1:8080 node tests/browser/screenshots.mjs [out dir] [path…]
import { mkdirSync } from 'node:fs';
import { BASE_URL, launch, phonePage } from './browser.mjs';

const [outDir = 'target/screenshots', ...given] = process.argv.slice(2);
const paths = given.length ? given : ['/', '/en/', '/thu-tuc/', '/linh-vuc/ho-tich/',
  '/thu-tuc/dang-ky-khai-sinh/', '/en/thu-tuc/dang-ky-khai-sinh/', '/khong-co/'];
mkdirSync(outDir, { recursive: true });
const browser = await launch();
const { page } = await phonePage(browser);
for (const path of paths) {
  await page.goto(BASE_URL + path);
  const name = path.replace(/\//g, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
  console.log(`${outDir}/${name}.png`);
}
await browser.close();
