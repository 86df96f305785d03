// `cargo xtask bench` runs this: the site's search and Pagefind side by side, in
// Chromium, on the same prerendered pages (the bench puts Pagefind's bundle in
// dist/pagefind/ for the run). Not a test: the bench compares the figures.
//
// QUERIES is a JSON file of `{ q, expect, category, lang }` (the query set of
// tests/search-queries.toml). For each engine and language, a fresh browser
// context (an empty cache) opens the search page, then answers the queries one
// after another, as a person would:
// - bytes: what the network carried (encoded, headers included) from the first
//   keystroke on: the site's index files, or Pagefind's script, wasm, index chunks
//   and the fragments it needs to show a result; plus, for the site, its search
//   code (the extras module, which the search page loads as it opens);
// - time: from the first keystroke to the last answer, loading included, per query
//   (for the site, plus the extras module's download, from resource timing);
// - recall@5: `expect` among the first five results shown. A Pagefind result
//   counts for a procedure of the national index when one of its sub-results (the
//   headings with an id on a page) is that procedure's anchor.
// - recall@5 per category of the query set (`<engine>_recall_at5_<category>`).
// Prints `name: value` lines.
//
// Pagefind is set up as its documentation recommends for a site in Vietnamese
// and English (pagefind.app/docs/multilingual/, /docs/config-options/,
// /docs/search-config/): every page says its language in `<html lang>` (`vi`,
// `en`), so Pagefind indexes each language on its own and, run on a page, searches
// that page's language only; no `force_language`, which would put both languages
// in one index. Vietnamese has no stemmer in Pagefind (the docs' table), so
// nothing is set for it; diacritics are left normalised (the default,
// `exactDiacritics: false`), so `dang ky` finds `đăng ký` as it finds ours.
import { readFileSync } from 'node:fs';
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

const queries = JSON.parse(readFileSync(process.env.QUERIES, 'utf8'));

/// What a result link points at, in the query set's terms (as `target_of` in
/// core/src/search.rs): the Vietnamese path, or `ma:<code>` for a national-index anchor.
function target(href) {
  const url = new URL(href, BASE_URL);
  if (url.hash.startsWith('#ma-')) return `ma:${url.hash.slice(4).replace('-', '.')}`;
  return url.pathname.replace(/^\/en(?=\/)/, '');
}

/// A phone page on the search page of `lang`, hydrated, that counts the bytes
/// the network carries once `counting` is set.
async function searchPage(browser, lang) {
  // Without the service worker, whose saving of the site for offline use is not
  // the search's doing.
  const { context, page, problems } = await phonePage(browser, { serviceWorkers: 'block' });
  // Requests of the page and of its workers (Pagefind searches in a worker).
  const meter = { bytes: 0, counting: false, files: [] };
  context.on('requestfinished', async (request) => {
    // The site's search code counts whenever it loads.
    const extras = new URL(request.url()).pathname.startsWith('/extras-');
    if (!meter.counting && !extras) return;
    const sizes = await request.sizes();
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    meter.bytes += bytes;
    meter.files.push(`${new URL(request.url()).pathname} ${bytes}`);
  });
  await page.goto(`${BASE_URL}${lang === 'en' ? '/en' : ''}/tim-kiem/`);
  await waitForHydration(page);
  return { context, page, problems, meter };
}

async function ours(browser, lang, set) {
  const { context, page, problems, meter } = await searchPage(browser, lang);
  meter.counting = true;
  const start = Date.now();
  // The first letters load the index; the query is answered once it is in.
  await page.locator('#ps-q').pressSequentially(set[0].q.slice(0, 2));
  await page.waitForFunction(() => document.querySelector('[data-search-results] a'), null, { timeout: 30000 });
  const answers = await page.evaluate((qs) => {
    const input = document.querySelector('#ps-q');
    return qs.map((q) => {
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return [...document.querySelectorAll('[data-search-results] a')]
        .slice(0, 5).map((a) => [a.getAttribute('href')]);
    });
  }, set.map((x) => x.q));
  const extrasMs = await page.evaluate(() => {
    const loads = performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/extras-'));
    if (!loads.length) return 0;
    return Math.max(...loads.map((e) => e.responseEnd)) - Math.min(...loads.map((e) => e.startTime));
  });
  const ms = Date.now() - start + extrasMs;
  await page.waitForTimeout(200);
  await context.close();
  if (process.env.VERBOSE) console.error(meter.files.join('\n'));
  if (problems.length) throw new Error(`ours (${lang}): ${problems.join('; ')}`);
  return { bytes: meter.bytes, ms, answers };
}

async function pagefind(browser, lang, set) {
  const { context, page, problems, meter } = await searchPage(browser, lang);
  meter.counting = true;
  const start = Date.now();
  const answers = await page.evaluate(async (qs) => {
    const pf = await import('/pagefind/pagefind.js');
    // The defaults, said out loud: tone marks and hats normalised.
    await pf.options({ exactDiacritics: false });
    await pf.init();
    const out = [];
    for (const q of qs) {
      const found = await pf.search(q);
      const top = await Promise.all(found.results.slice(0, 5).map((r) => r.data()));
      out.push(top.map((d) => [d.url, ...(d.sub_results ?? []).map((s) => s.url)]));
    }
    return out;
  }, set.map((x) => x.q));
  const ms = Date.now() - start;
  await page.waitForTimeout(200);
  await context.close();
  if (process.env.VERBOSE) console.error(meter.files.join('\n'));
  if (problems.length) throw new Error(`pagefind (${lang}): ${problems.join('; ')}`);
  return { bytes: meter.bytes, ms, answers };
}

const browser = await launch();
const engines = { search: ours, pagefind };
const categories = [...new Set(queries.map((x) => x.category))];
for (const [name, run] of Object.entries(engines)) {
  let bytes = 0;
  let ms = 0;
  const found = new Map(categories.map((c) => [c, 0]));
  for (const lang of ['vi', 'en']) {
    const set = queries.filter((x) => x.lang === lang);
    if (!set.length) continue;
    const r = await run(browser, lang, set);
    bytes += r.bytes;
    ms += r.ms;
    set.forEach((x, i) => {
      const hit = r.answers[i].some((links) => links.some((href) => target(href) === x.expect));
      if (hit) found.set(x.category, found.get(x.category) + 1);
      else if (process.env.VERBOSE) console.error(`${name} misses ${JSON.stringify(x.q)} → ${x.expect}: ${JSON.stringify(r.answers[i].map((l) => l[0]))}`);
    });
  }
  const prefix = name === 'pagefind' ? 'pagefind' : 'search_browser';
  const all = [...found.values()].reduce((a, b) => a + b, 0);
  console.log(`${name}_bytes_kb: ${(bytes / 1024).toFixed(1)}`);
  console.log(`${name}_ms_per_query: ${(ms / queries.length).toFixed(2)}`);
  console.log(`${prefix}_recall_at5: ${(all / queries.length).toFixed(3)}`);
  for (const c of categories) {
    const n = queries.filter((x) => x.category === c).length;
    console.log(`${prefix}_recall_at5_${c.replaceAll('-', '_')}: ${(found.get(c) / n).toFixed(3)}`);
  }
}
await browser.close();
