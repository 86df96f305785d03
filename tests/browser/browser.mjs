// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core,
// against dist/ served with production headers by `cargo xtask test` (BASE_URL).
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
/// nginx in the tests serves HTTPS with a certificate made for the run.
export const SELF_SIGNED = BASE_URL.startsWith('https://localhost:');

/// How every test starts Chromium (also for a profile kept on disk).
export function launchOptions() {
  return {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Also lets the service worker register on the test certificate.
      ...(SELF_SIGNED ? ['--ignore-certificate-errors'] : []),
    ],
  };
}

/// Playwright gives every launch a fresh temporary profile of its own.
export async function launch() {
  return chromium.launch(launchOptions());
}

/// A phone-sized page that records console errors, page errors, CSP violations
/// and any request to another origin.
export async function phonePage(browser, { javaScriptEnabled = true, geolocation, permissions = [], serviceWorkers = 'allow' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
    serviceWorkers,
    ignoreHTTPSErrors: SELF_SIGNED,
    geolocation,
    permissions,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    // Chrome logs a 404 document as an error; the 404 page itself is expected.
    // (HTTP/2 has no reason phrase: "404 ()".)
    const documentNotFound = /status of 404 \(/.test(msg.text()) && msg.location().url === page.url();
    // What Playwright says when a test asked it to block the service worker.
    const blockedOnPurpose = serviceWorkers === 'block' && msg.text().startsWith('Service Worker registration blocked by Playwright');
    if (!documentNotFound && !blockedOnPurpose) problems.push(`console ${msg.type()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:')) problems.push(`third-party request: ${url}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

/// Every prerendered page path, from dist's sitemap.
export async function sitemapPaths() {
  const xml = await (await fetch(`${BASE_URL}/sitemap.xml`)).text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

export async function waitForHydration(page) {
  try {
    await page.waitForSelector('html[data-hydrated]', { timeout: 30000 });
  } catch (e) {
    // What the page was doing, so that a failure says more than "timeout": had
    // the wasm started (data-hydrating), was the page shown static (data-render),
    // did a worker control it, which resources had not come.
    const state = await page.evaluate(() => ({
      url: location.href,
      readyState: document.readyState,
      html: [...document.documentElement.attributes].map((a) => `${a.name}=${a.value}`).join(' '),
      worker: Boolean(navigator.serviceWorker?.controller),
      resources: performance.getEntriesByType('resource')
        .filter((r) => r.responseEnd === 0 || r.duration > 5000)
        .map((r) => `${r.name} ${Math.round(r.duration)} ms`),
    })).catch((err) => ({ unreadable: err.message }));
    throw new Error(`${e.message}\npage state: ${JSON.stringify(state)}`);
  }
}

/// Fails with every WCAG 2.2 A and AA violation axe finds on the page, `where` saying
/// which state of it that was.
export async function axe(page, where) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(summary, [], where);
}

/// Follows a link to `href` as a person does, by clicking it: a client navigation
/// that the app handles (for pages that have no link to each other, the link is
/// put at the top of the page for the test). Works on a page or a frame.
export async function clickLinkTo(page, href) {
  await page.evaluate((to) => {
    document.getElementById('test-link')?.remove();
    const a = document.createElement('a');
    a.id = 'test-link';
    a.href = to;
    a.textContent = to;
    document.body.prepend(a);
  }, href);
  await page.click('#test-link');
}

/// Waits until the page at `path` is the one shown: its fragment's element names
/// it (`data-page`, set once that page's HTML is in place). Leptos may keep the
/// element of the page before, with its HTML, so a selector without the path
/// could be met by the previous page. Works on a page or a frame.
export async function waitForPage(page, path) {
  await page.locator(`.fragment[data-page="${path}"]`).waitFor({ state: 'attached' });
}

/// Waits until the script of the page at `path` (a flow, a place page, search,
/// embed) is attached to that page's HTML (`data-attached` names the page).
export async function waitForAttached(page, path) {
  await page.locator(`.fragment[data-attached="${path}"]`).waitFor({ state: 'attached' });
}
