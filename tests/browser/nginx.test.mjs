// What only a real host shows: README's nginx configuration, as `cargo xtask test`
// runs it (HTTPS with a certificate made for the run, HTTP_URL its plain port).
// Skipped against the local server, which has no HTTPS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL } from './browser.mjs';

const HTTP_URL = process.env.HTTP_URL;
const skip = HTTP_URL ? false : 'HTTP_URL is set only for nginx';

const head = (path, headers = {}) => fetch(`${BASE_URL}${path}`, { method: 'HEAD', redirect: 'manual', headers });

test('plain HTTP only sends people to HTTPS, the same address', { skip }, async () => {
  const r = await fetch(`${HTTP_URL}/thu-tuc/?quay=1`, { redirect: 'manual' });
  assert.equal(r.status, 301);
  assert.equal(r.headers.get('location'), `${BASE_URL}/thu-tuc/?quay=1`);
  assert.equal(r.headers.get('strict-transport-security'), null, 'HSTS only over HTTPS');
});

test('over HTTPS: HSTS and the security headers on pages, assets and the 404', { skip }, async () => {
  for (const [path, status, cache] of [
    ['/', 200, 'no-cache'],
    ['/nope/', 404, 'no-cache'],
  ]) {
    const r = await head(path);
    assert.equal(r.status, status, path);
    assert.equal(r.headers.get('strict-transport-security'), 'max-age=63072000', path);
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors /, path);
    assert.equal(r.headers.get('cache-control'), cache, path);
  }
  const html = await (await fetch(`${BASE_URL}/`)).text();
  const wasm = /href="(\/thu-tuc-xa-[0-9a-f]{12,16}_bg\.wasm)"/.exec(html)?.[1];
  assert.ok(wasm, 'the home page names its wasm');
  const r = await head(wasm, { 'Accept-Encoding': 'br' });
  assert.equal(r.headers.get('content-type'), 'application/wasm');
  assert.equal(r.headers.get('content-encoding'), 'br');
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(r.headers.get('strict-transport-security'), 'max-age=63072000');
  // A host without headers still gets the policy, from the page itself.
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'self';[^"]*">/);
});

test('the worker is JavaScript, a directory gets its slash, the build\'s own files are not served', { skip }, async () => {
  const sw = await head('/sw.mjs');
  assert.equal(sw.status, 200);
  assert.match(sw.headers.get('content-type'), /^text\/javascript/);
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.match((await head('/manifest.webmanifest')).headers.get('content-type'), /^application\/manifest\+json/);
  const dir = await head('/thu-tuc?quay=1');
  assert.equal(dir.status, 301);
  assert.equal(dir.headers.get('location'), '/thu-tuc/?quay=1');
  for (const path of ['/_headers', '/index.html.br', '/index.html.gz', '/sw.mjs.br']) {
    assert.equal((await head(path)).status, 404, path);
  }
});

test('the open data and the feeds may be read by other sites, CSV says UTF-8, pages stay closed', { skip }, async () => {
  for (const [path, type] of [
    ['/du-lieu/v1/xa-phuong.json', /^application\/json/],
    ['/du-lieu/v1/xa-phuong.csv', /^text\/csv; charset=utf-8$/],
    ['/thay-doi.xml', /xml/],
    ['/en/thay-doi/ho-tich.xml', /xml/],
  ]) {
    const r = await head(path, { 'Accept-Encoding': 'br' });
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), type, path);
    assert.equal(r.headers.get('access-control-allow-origin'), '*', path);
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors /, `${path}: the security headers too`);
    assert.equal(r.headers.get('strict-transport-security'), 'max-age=63072000', path);
  }
  for (const path of ['/thay-doi/', '/du-lieu/', '/']) {
    assert.equal((await head(path)).headers.get('access-control-allow-origin'), null, path);
  }
  assert.equal((await head('/du-lieu/v1/khong-co.json')).status, 404);
});
