// `cargo xtask bench` runs this: at least 1,000 page addresses, real ones bent the
// ways hosts, links and people bend them (percent-encoded letters, `index.html`,
// doubled or missing slashes, upper case, stray segments, bad escapes, junk after
// `?` and `#`, very long), seeded, loaded one after another in Chromium. An
// address the server answers with a page must come alive: a panic in the wasm
// (or any page error) counts. Prints `url_fuzz_pages` and `url_fuzz_panics`.
// Not a test: the bench checks the budget (no panic).
import { BASE_URL, launch, phonePage, sitemapPaths } from './browser.mjs';

const COUNT = Number(process.env.URL_FUZZ_COUNT ?? 1000);
let seed = 20261203;
const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
const pick = (list) => list[next() % list.length];

/// One letter of `s` written as `%xx` (any case of hex).
function escapeOne(s) {
  const letters = [...s].map((c, i) => [c, i]).filter(([c]) => /[a-z0-9-]/.test(c));
  if (!letters.length) return s;
  const [c, i] = pick(letters);
  const hex = c.charCodeAt(0).toString(16);
  return s.slice(0, i) + '%' + (next() % 2 ? hex.toUpperCase() : hex) + s.slice(i + 1);
}

const BENDS = [
  (p) => `${p}index.html`,
  (p) => escapeOne(p),
  (p) => escapeOne(escapeOne(p)),
  (p) => p.replace(/\/$/, ''),
  (p) => p.replace(/\//g, '//'),
  (p) => p.toUpperCase(),
  (p) => `${p}${pick(['x/', 'index.html/x/', '../', './', '%2e%2e/', 'a%20b/'])}`,
  (p) => `${p}${pick(['%', '%G1', '%FF%FE', '%E2%80%AE', '%00', '%C3%A1'])}`,
  (p) => `${p}?${pick(['quay=1', 'nhung=1&tinh=79', 'x=%FF', 'quay=1&quay=2', '<script>'])}`,
  (p) => `${p}#${pick(['noi-sinh=viet-nam&xem=ket-qua', 'x=%FF&&&=', 'main', '%', 'q=' + 'a'.repeat(3000)])}`,
  (p) => `${p}${'a'.repeat(1 + (next() % 2000))}/`,
  (p) => `/en${p}`,
  (p) => p.replace(/[a-z]/, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 1) % 26) + 97)),
  (p) => `${p}${pick(['ó/', 'xã/', 'thủ-tục/'])}`,
];

const real = await sitemapPaths();
/// The next bent address.
function address() {
  let path = pick(real);
  for (let i = 0, n = 1 + (next() % 3); i < n; i += 1) path = pick(BENDS)(path);
  return path.startsWith('/') ? path : `/${path}`;
}

const browser = await launch();
let { context, page } = await phonePage(browser, { serviceWorkers: 'block' });
let errors = [];
const listen = (p) => p.on('pageerror', (e) => errors.push(e.message));
listen(page);
let pages = 0;
let panics = 0;
const examples = [];
// Until COUNT pages have loaded (an address the browser refuses is not one).
for (let tries = 0; pages < COUNT && tries < COUNT * 2; tries += 1) {
  const path = address();
  errors = [];
  let response;
  try {
    // From a blank page, so that two addresses differing after `#` are two loads.
    await page.goto('about:blank');
    response = await page.goto(BASE_URL + path, { waitUntil: 'load' });
  } catch (e) {
    continue;
  }
  pages += 1;
  const hasApp = await page.evaluate(() => !!document.querySelector('script[type=module][src]'));
  if (hasApp) {
    // Alive, or dead: hydrated, or a page error (a panic ends the wasm).
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'), null, { timeout: 30000 })
      .catch(() => errors.push(`never hydrated (status ${response?.status()})`));
  }
  if (errors.length) {
    panics += 1;
    if (examples.length < 10) examples.push(`${path}: ${errors[0].slice(0, 200)}`);
    // A fresh page for the next address: a dead wasm may leave a broken one.
    await context.close();
    ({ context, page } = await phonePage(browser, { serviceWorkers: 'block' }));
    listen(page);
  }
}
await browser.close();
for (const e of examples) console.error(e);
console.log(`url_fuzz_pages: ${pages}`);
console.log(`url_fuzz_panics: ${panics}`);
