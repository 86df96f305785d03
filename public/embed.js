/*
 * Thủ tục xã, embedded in another site (a provincial portal, say):
 *   <script src="https://<site>/embed.js" data-province="79" data-lang="vi"
 *     data-start="/su-kien/sinh-con/" data-accent="#0b4f8a" async></script>
 * puts the guide in an iframe after the script (at the end of the body if the
 * script is in <head>). Attributes are optional; an invalid one is ignored. Nothing stored, no request but the frame's.
 *
 * Messages ("thu-tuc-xa:…"): the frame says "ready"; we answer "hello" to the
 * site's origin; it then sends "height:<px>", and "top" when it moves on.
 *
 * A frame that has not said "ready" 6 s after it loaded (or 30 s after it was
 * put in, if it never loads) is most likely refused (the site's frame-ancestors
 * does not list this page's origin): it is hidden and a link to the same page on
 * the site, opened normally, takes its place, until it does say "ready".
 */
(function () {
  'use strict';

  // Async classic scripts have it too.
  const script = document.currentScript;
  if (!script || !script.src || !script.parentNode) return;
  const origin = new URL(script.src).origin;
  if (origin === 'null') return;
  const data = script.dataset;
  const PREFIX = 'thu-tuc-xa:';

  // The frame's address, as embed::frame_url makes it (tests/all/js_rules.rs).
  let start = data.start || '';
  // A path on the site: no other host ("//x"), no "..", no query.
  if (!/^\/[a-z0-9/-]*$/.test(start) || start.includes('//')) start = '/';
  if (!start.endsWith('/')) start += '/';
  // An English page's path names its language: data-lang says it once.
  const english = start.startsWith('/en/');
  if (english) start = start.slice(3);
  const en = data.lang === 'en' || (english && !data.lang);
  const page = origin + (en ? '/en' : '') + start;
  let src = page + '?nhung=1';
  if (/^\d\d$/.test(data.province || '')) src += '&tinh=' + data.province;
  // Only its form, and not the site's own colour (its darker shade stays): the
  // site itself rejects a colour too light to read.
  const accent = (data.accent || '').toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(accent) && accent !== '#0b4f8a') src += '&mau=' + accent.slice(1);

  const iframe = document.createElement('iframe');
  iframe.title = en
    ? 'Thủ tục xã: a guide to commune-level procedures'
    : 'Thủ tục xã: hướng dẫn thủ tục hành chính cấp xã';
  // The guide's "use my location" and "share" buttons; a feature this browser
  // does not know is left out (Chromium on a computer warns of web-share).
  const known = (document.permissionsPolicy || document.featurePolicy);
  const features = ['geolocation', 'clipboard-write', 'web-share']
    .filter((f) => !known || known.features().includes(f));
  iframe.setAttribute('allow', features.join('; '));
  iframe.setAttribute('referrerpolicy', 'no-referrer');
  // CSSOM, not a style attribute: fine under a host CSP without inline styles.
  const style = iframe.style;
  style.width = '100%';
  style.border = '0';
  style.display = 'block';
  style.height = '640px';
  iframe.src = src;

  // The guide talks only once greeted, and only to who greeted it.
  const hello = () => {
    if (iframe.contentWindow) iframe.contentWindow.postMessage(PREFIX + 'hello', origin);
  };

  // Instead of a frame that does not say "ready": a plain link to the page.
  const note = document.createElement('p');
  const link = document.createElement('a');
  link.href = page;
  link.referrerPolicy = 'no-referrer';
  link.textContent = en ? 'Open the guide on the Thủ tục xã site' : 'Mở hướng dẫn trên trang Thủ tục xã';
  note.append(en
    ? 'This page cannot show the Thủ tục xã guide. '
    : 'Trang này không hiển thị được hướng dẫn Thủ tục xã. ', link);
  note.style.padding = '1em';
  note.style.border = '1px solid';
  let ready = false;
  let wait = 0;
  const later = (ms) => {
    clearTimeout(wait);
    if (!ready) {
      wait = setTimeout(() => {
        if (ready || !iframe.isConnected) return;
        style.display = 'none';
        iframe.after(note);
      }, ms);
    }
  };

  // More than 40 height changes in 2 s: the frame and its content are feeding
  // each other, so pause. The last height asked for meanwhile comes after.
  const changes = [];
  let wanted = 0;
  let timer = 0;
  const resize = (h) => {
    const now = performance.now();
    while (changes.length && now - changes[0] >= 2000) changes.shift();
    if (changes.length >= 40) {
      wanted = h;
      if (!timer) timer = setTimeout(() => { timer = 0; resize(wanted); }, 2000);
    } else if (style.height !== h + 'px') {
      changes.push(now);
      style.height = h + 'px';
    }
  };

  const onMessage = (e) => {
    // Gone from the page: stop listening.
    if (!iframe.isConnected) {
      window.removeEventListener('message', onMessage);
      return;
    }
    // Only our own frame, showing our own site.
    if (e.origin !== origin || e.source !== iframe.contentWindow) return;
    if (typeof e.data !== 'string' || !e.data.startsWith(PREFIX)) return;
    const msg = e.data.slice(PREFIX.length);
    const height = /^height:([1-9]\d{0,4})$/.exec(msg);
    if (msg === 'ready') {
      // Late, after the link took its place: the frame comes back.
      ready = true;
      clearTimeout(wait);
      note.remove();
      style.display = 'block';
      hello();
    } else if (msg === 'top') {
      if (iframe.getBoundingClientRect().top < 0) iframe.scrollIntoView();
    } else if (height && +height[1] <= 60000) {
      resize(+height[1]);
    }
  };

  window.addEventListener('message', onMessage);
  // Also on each load of the frame: a second chance, should "ready" go astray.
  iframe.addEventListener('load', () => {
    hello();
    later(6000);
  });
  later(30000);
  // Where the script is; from <head>, where nothing shows, at the end of the body.
  if (script.closest('head')) {
    const place = () => document.body.appendChild(iframe);
    if (document.body) place();
    else document.addEventListener('DOMContentLoaded', place);
  } else {
    script.parentNode.insertBefore(iframe, script.nextSibling);
  }
})();
