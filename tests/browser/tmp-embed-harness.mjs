// THROWAWAY harness for public/embed.js (delete before finishing).
// Fake site on 127.0.0.1, host on localhost, strict host CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { launch } from './browser.mjs';

const EMBED = new URL('../../public/embed.js', import.meta.url);

const GUIDE_JS = `
'use strict';
window.log = [];
let helloOrigin = null;
parent.postMessage('thu-tuc-xa:ready', '*');
window.addEventListener('message', (e) => {
  if (e.source !== window.parent || e.data !== 'thu-tuc-xa:hello') return;
  window.log.push('hello ' + e.origin);
  if (helloOrigin) return;
  helloOrigin = e.origin;
  new ResizeObserver(() => {
    parent.postMessage('thu-tuc-xa:height:' + Math.ceil(document.body.getBoundingClientRect().height), helloOrigin);
  }).observe(document.body);
});
window.send = (m) => parent.postMessage(m, helloOrigin);
window.setBox = (px) => { document.getElementById('box').style.height = px + 'px'; };
`;

function listen(server, host) {
  return new Promise((r) => server.listen(0, host, () => r(server.address().port)));
}

let browser, site, host, SITE, HOST;
before(async () => {
  browser = await launch();
  site = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/embed.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'x-content-type-options': 'nosniff' });
      return res.end(readFileSync(EMBED));
    }
    if (url.pathname === '/guide.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(GUIDE_JS);
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'self' http://localhost:*",
    });
    res.end(`<!doctype html><html><head><meta charset=utf-8><style>body{margin:0}#box{height:300px;background:#ccc}</style></head>
<body><div id=box>${url.pathname}${url.search}</div><script src="/guide.js"></script></body></html>`);
  });
  SITE = `http://127.0.0.1:${await listen(site, '127.0.0.1')}`;
  host = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(`setTimeout(() => { window.postMessage('thu-tuc-xa:height:99999', '*'); window.postMessage('thu-tuc-xa:height:5', '*'); window.postMessage('thu-tuc-xa:height:777', '*'); document.documentElement.dataset.posted = ''; }, ${Number(url.searchParams.get('delay') ?? 0)});`);
    }
    if (url.pathname === '/favicon.ico') { res.writeHead(404); return res.end(); }
    if (url.pathname === '/guide.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(GUIDE_JS); }
    if (url.pathname === '/guide-page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><meta charset=utf-8><div id=box>foreign</div><script src="/guide.js"></script>');
    }
    const body = url.searchParams.get('body') ?? '';
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; script-src ${SITE} 'self'; frame-src ${SITE} 'self'; style-src 'none'`,
    });
    res.end(`<!doctype html><html><head><meta charset=utf-8><meta name=viewport content="width=device-width"><title>host</title></head><body><h1>Cổng</h1>${body}<p id=after>after</p></body></html>`);
  });
  HOST = `http://localhost:${await listen(host, '127.0.0.1')}`;
});
after(async () => {
  await browser?.close();
  site?.close();
  host?.close();
});

async function hostPage(body) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(SITE) && !r.url().startsWith(HOST)) problems.push(`third-party: ${r.url()}`); });
  page.on('request', (r) => { if (r.url().startsWith(SITE) && !/\/(embed|guide)\.js$/.test(r.url()) && r.resourceType() !== 'document') problems.push(`extra site request: ${r.url()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${HOST}/?body=${encodeURIComponent(body)}`);
  return { context, page, problems };
}
const tag = (attrs = '') => `<script src="${SITE}/embed.js" ${attrs} async></script>`;
const guide = async (page, i = 0) => {
  await page.waitForFunction((i) => document.querySelectorAll('iframe')[i], i);
  const el = await page.$$('iframe').then((a) => a[i]);
  const f = await el.contentFrame();
  await f.waitForFunction(() => window.log && window.log.length > 0);
  return { el, f };
};
const iframeHeight = (page, i = 0) => page.evaluate((i) => document.querySelectorAll('iframe')[i].getBoundingClientRect().height, i);

test('src from attributes', async () => {
  const cases = [
    ['data-province="79" data-lang="vi" data-start="/su-kien/sinh-con/"', '/su-kien/sinh-con/?nhung=1&tinh=79'],
    ['data-lang="en" data-accent="#7A1F5C"', '/en/?nhung=1&mau=7a1f5c'],
    ['data-lang="en" data-start="/su-kien/sinh-con" data-province="01"', '/en/su-kien/sinh-con/?nhung=1&tinh=01'],
    ['data-province="7x" data-start="//evil.example/" data-accent="red"', '/?nhung=1'],
    ['data-province="793" data-start="/a?b" data-accent="#12345" data-lang="fr"', '/?nhung=1'],
    ['data-start="/A/" data-accent="#1234567"', '/?nhung=1'],
    ['data-start="javascript:alert(1)"', '/?nhung=1'],
    ['data-start="/../x"', '/?nhung=1'],
    ['data-start="/a//b/"', '/?nhung=1'],
    ['data-province="٧٩"', '/?nhung=1'],
  ];
  const { context, page, problems } = await hostPage(cases.map(([a]) => tag(a)).join(''));
  await page.waitForFunction((n) => document.querySelectorAll('iframe').length === n, cases.length);
  const got = await page.$$eval('iframe', (fs) => fs.map((f) => [f.getAttribute('src'), f.title, f.getAttribute('allow'), f.getAttribute('referrerpolicy'), f.getAttribute('loading'), f.previousElementSibling.tagName, getComputedStyle(f).display, getComputedStyle(f).borderTopWidth, f.getBoundingClientRect().width, f.style.height]));
  cases.forEach(([, want], i) => {
    assert.equal(got[i][0], SITE + want, cases[i][0]);
    assert.equal(got[i][2], 'geolocation');
    assert.equal(got[i][3], 'no-referrer');
    assert.equal(got[i][4], null);
    assert.equal(got[i][5], 'SCRIPT');
    assert.equal(got[i][6], 'block');
    assert.equal(got[i][7], '0px');
    assert.equal(got[i][8], 390 - 16);
  });
  assert.equal(got[0][1], 'Thủ tục xã: hướng dẫn thủ tục hành chính cấp xã');
  assert.equal(got[1][1], 'Thủ tục xã: a guide to commune-level procedures');
  // Every guide got its own hello, to the site's origin... once they resize.
  for (let i = 0; i < cases.length; i += 1) await guide(page, i);
  // Chrome throttles the rendering (and so ResizeObserver) of offscreen
  // cross-origin frames: bring each into view to get its height.
  for (let i = 0; i < cases.length; i += 1) {
    await page.evaluate((i) => document.querySelectorAll('iframe')[i].scrollIntoView(), i);
    await page.waitForFunction((i) => document.querySelectorAll('iframe')[i].style.height === '300px', i, { timeout: 3000 });
  }
  // No globals leaked: compare with a page without embed.
  const ownNames = await page.evaluate(() => Object.getOwnPropertyNames(window));
  const { context: c2, page: p2 } = await hostPage('');
  const bare = await p2.evaluate(() => Object.getOwnPropertyNames(window));
  await c2.close();
  assert.deepEqual(ownNames.filter((n) => !bare.includes(n)).filter((n) => !/^\d+$/.test(n)), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('height follows, wrong sources ignored, top, rate limit, removal', async () => {
  const { context, page, problems } = await hostPage(tag('data-start="/su-kien/sinh-con/"') + '<script src="/host.js?delay=1500"></script>');
  const { f } = await guide(page);
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '300px');
  assert.deepEqual(await f.evaluate(() => window.log), [`hello ${HOST}`, `hello ${HOST}`].slice(0, (await f.evaluate(() => window.log.length))));
  console.log('hellos', await f.evaluate(() => window.log));
  // Grows and shrinks.
  await f.evaluate(() => window.setBox(2000));
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '2000px');
  assert.equal(await iframeHeight(page), 2000);
  await f.evaluate(() => window.setBox(120));
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '120px');
  assert.equal(await iframeHeight(page), 120);
  // Messages to the host window from itself: ignored.
  await page.waitForSelector('html[data-posted]', { state: 'attached' });
  await page.waitForTimeout(200);
  assert.equal(await iframeHeight(page), 120);
  // Bad messages from the right frame: ignored.
  for (const m of ['thu-tuc-xa:height:0', 'thu-tuc-xa:height:60001', 'thu-tuc-xa:height:99999', 'thu-tuc-xa:height:12.5',
    'thu-tuc-xa:height:0012', 'thu-tuc-xa:height: 12', 'thu-tuc-xa:height:12 ', 'thu-tuc-xa:height:-5', 'thu-tuc-xa:height:1e3',
    'thu-tuc-xa:height:', 'height:300', 'xthu-tuc-xa:height:300', 'thu-tuc-xa:HEIGHT:300']) {
    await f.evaluate((m) => window.send(m), m);
  }
  await f.evaluate(() => parent.postMessage({ data: 'thu-tuc-xa:height:300' }, '*'));
  await f.evaluate(() => parent.postMessage(['thu-tuc-xa:height:300'], '*'));
  await page.waitForTimeout(200);
  assert.equal(await iframeHeight(page), 120);
  await f.evaluate(() => window.send('thu-tuc-xa:height:60000'));
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '60000px');
  await f.evaluate(() => window.send('thu-tuc-xa:height:1'));
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '1px');
  // Top: scrolled past the frame's top, "top" brings it back.
  await f.evaluate(() => window.setBox(3000));
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '3000px');
  await page.evaluate(() => window.scrollTo(0, 1500));
  await f.evaluate(() => window.send('thu-tuc-xa:top'));
  await page.waitForFunction(() => Math.abs(document.querySelector('iframe').getBoundingClientRect().top) < 1);
  // Top while the frame's top is on screen: no scroll.
  await page.evaluate(() => window.scrollTo(0, 0));
  await f.evaluate(() => window.send('thu-tuc-xa:top'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.waitForTimeout(2100);
  // Rate limit: 100 changes at once; 40 applied, the last one after 2 s.
  await page.evaluate(() => {
    window.__heights = [];
    new MutationObserver((rs) => rs.forEach(() => window.__heights.push(document.querySelector('iframe').style.height)))
      .observe(document.querySelector('iframe'), { attributes: true, attributeFilter: ['style'] });
  });
  await f.evaluate(() => { for (let i = 0; i < 100; i += 1) window.send(`thu-tuc-xa:height:${500 + i}`); });
  await page.waitForTimeout(500);
  const burst = await page.evaluate(() => window.__heights.slice());
  assert.equal(burst.length, 40, `burst ${burst.length}`);
  assert.equal(burst.at(-1), '539px');
  await page.waitForFunction(() => document.querySelector('iframe').style.height === '599px', null, { timeout: 3000 });
  console.log('after pause', await page.evaluate(() => window.__heights.length));
  // Removal: further messages change nothing and throw nothing.
  const cdp = await context.newCDPSession(page);
  const listeners = async () => {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return listeners.filter((l) => l.type === 'message').length;
  };
  const before = await listeners();
  await page.evaluate(() => { window.__f = document.querySelector('iframe'); window.__f.remove(); });
  await page.waitForTimeout(2100);
  assert.equal(await listeners(), before, 'still listening before any message');
  await page.evaluate(() => window.postMessage('anything', '*'));
  await page.waitForTimeout(100);
  assert.equal(await listeners(), before - 1, 'listener removed itself');
  console.log('message listeners', before, '->', await listeners());
  assert.deepEqual(problems, []);
  await context.close();
});

test('two embeds are independent; other frames are not listened to', async () => {
  const body = tag('data-start="/a/"') + tag('data-start="/b/"')
    + `<iframe src="${SITE}/x/" title="plain"></iframe><iframe src="/guide-page" title="host"></iframe>`;
  const { context, page, problems } = await hostPage(body);
  await page.waitForFunction(() => document.querySelectorAll('iframe').length === 4);
  // Embeds are inserted after their script: order is plain, host (parsed), then? print it.
  const order = await page.$$eval('iframe', (fs) => fs.map((f) => f.title.slice(0, 12)));
  console.log('order', order);
  const frames = await page.$$('iframe');
  const idx = { a: order.indexOf('Thủ tục xã: '), plain: order.indexOf('plain'), hostf: order.indexOf('host') };
  const embeds = order.map((t, i) => (t.startsWith('Thủ tục') ? i : -1)).filter((i) => i >= 0);
  assert.equal(embeds.length, 2);
  const fa = await frames[embeds[0]].contentFrame();
  const fplain = await frames[idx.plain].contentFrame();
  const fhost = await frames[idx.hostf].contentFrame();
  await fa.waitForFunction(() => window.log.length > 0);
  const h = (i) => page.evaluate((i) => document.querySelectorAll('iframe')[i].style.height, i);
  await page.waitForFunction((e) => e.every((i) => document.querySelectorAll('iframe')[i].style.height === '300px'), embeds);
  await fa.evaluate(() => window.setBox(900));
  await page.waitForFunction((i) => document.querySelectorAll('iframe')[i].style.height === '900px', embeds[0]);
  await page.waitForTimeout(200);
  assert.equal(await h(embeds[1]), '300px');
  // The plain frame of the same site and the host's own frame were never greeted,
  // and what they send does not move the embeds.
  await fplain.waitForFunction(() => window.log !== undefined);
  await fhost.waitForFunction(() => window.log !== undefined);
  await page.waitForTimeout(300);
  assert.deepEqual(await fplain.evaluate(() => window.log), []);
  assert.deepEqual(await fhost.evaluate(() => window.log), []);
  await fplain.evaluate(() => { parent.postMessage('thu-tuc-xa:height:1234', '*'); parent.postMessage('thu-tuc-xa:top', '*'); });
  await fhost.evaluate(() => parent.postMessage('thu-tuc-xa:height:1234', '*'));
  await page.waitForTimeout(300);
  assert.equal(await h(embeds[0]), '900px');
  assert.equal(await h(embeds[1]), '300px');
  assert.deepEqual(problems, []);
  await context.close();
});
