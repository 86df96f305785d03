// The page's modes, from its address, before the first paint (see src/app/mode.rs).
// ?nhung=1[&tinh=79][&mau=0b4f8a] embedded in a frame; ?quay=1 counter mode.
(function (d, w) {
  var q = new URLSearchParams(location.search), h = d.documentElement, framed;
  try { framed = w.top !== w; } catch (e) { framed = true; }
  if (framed && q.get('nhung') === '1') {
    h.setAttribute('data-embed', '');
    var p = q.get('tinh') || '', c = q.get('mau') || '';
    if (/^\d\d$/.test(p)) h.setAttribute('data-province', p);
    if (/^[0-9a-f]{6}$/i.test(c)) {
      // White text on it at 4.5:1 or more (WCAG), computed as embed::contrast_with_white
      // does, so that every accent the builder offers is kept.
      var rgb = [0, 2, 4].map(function (i) {
        var v = parseInt(c.substr(i, 2), 16) / 255;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      if (1.05 / (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] + 0.05) >= 4.5) {
        h.style.setProperty('--brand', '#' + c.toLowerCase());
        h.style.setProperty('--link', '#' + c.toLowerCase());
        h.style.setProperty('--brand-dark', '#' + c.toLowerCase());
      }
    }
  }
  if (q.get('quay') === '1') h.setAttribute('data-counter', '');
  // Dated rules (src/app/article/facts.rs): a rule whose last day has passed on
  // the device's date is marked data-ended (hidden by the stylesheet), in the
  // prerendered page as it is parsed and in every fragment set later.
  var n = new Date(), t = n.getFullYear() + '-' + ('0' + (n.getMonth() + 1)).slice(-2) +
    '-' + ('0' + n.getDate()).slice(-2);
  function end(e) { if (e.getAttribute('data-until') < t) e.setAttribute('data-ended', ''); }
  // "My commune" (src/app/article/places.rs): kept in this browser only when the
  // person saves it, never in counter mode (a shared device). A link to "your
  // commune" (data-mine, its text with {name}) then leads to it.
  var K = 'xa-cua-toi', store = null, mine = null;
  if (!h.hasAttribute('data-counter')) {
    try { store = w.localStorage; mine = JSON.parse(store.getItem(K) || 'null'); } catch (e) { store = null; }
  }
  var en = location.pathname.indexOf('/en/') === 0 ? '/en' : '';
  function link(a) {
    if (!a.hasAttribute('data-places')) {
      a.setAttribute('data-places', a.getAttribute('href'));
      a.setAttribute('data-places-text', a.textContent);
    }
    if (mine && typeof mine.path === 'string' && /^\/[a-z0-9\/-]+$/.test(mine.path)) {
      a.setAttribute('href', en + mine.path);
      a.textContent = a.getAttribute('data-mine').replace('{name}', String(mine.name));
    } else {
      a.setAttribute('href', a.getAttribute('data-places'));
      a.textContent = a.getAttribute('data-places-text');
    }
  }
  function box(b) {
    var on = b.querySelector('[data-mine-on]'), off = b.querySelector('[data-mine-off]');
    if (!store || !on || !off) return;
    var saved = !!mine && mine.path === b.getAttribute('data-mine-page');
    b.hidden = false;
    on.hidden = !saved;
    off.hidden = saved;
  }
  // Whole elements only: the page as parsed is looked at once it is complete,
  // a fragment set later as it arrives.
  function mine_in(e) {
    if (e.matches('a[data-mine]')) link(e);
    e.querySelectorAll('a[data-mine]').forEach(link);
    if (e.matches('[data-mine-page]')) box(e);
    e.querySelectorAll('[data-mine-page]').forEach(box);
  }
  function mark(e) {
    if (e.hasAttribute('data-until')) end(e);
    e.querySelectorAll('[data-until]').forEach(end);
    if (d.readyState !== 'loading') mine_in(e);
  }
  d.addEventListener('DOMContentLoaded', function () { mine_in(h); });
  d.addEventListener('click', function (ev) {
    var b = ev.target.closest && ev.target.closest('[data-mine-act]');
    if (!b || !store) return;
    var page = b.closest('[data-mine-page]');
    try {
      if (b.getAttribute('data-mine-act') === 'save') {
        mine = { path: page.getAttribute('data-mine-page'), name: page.getAttribute('data-mine-name') };
        store.setItem(K, JSON.stringify(mine));
      } else {
        mine = null;
        store.removeItem(K);
      }
    } catch (e) { return; }
    mine_in(h);
    var on = page.querySelector(mine ? '[data-mine-act=forget]' : '[data-mine-act=save]');
    if (on) on.focus();
  });
  // Paper shows what a screen keeps folded (<details>), and folds it back after.
  var opened = [];
  w.addEventListener('beforeprint', function () {
    opened = [].filter.call(d.querySelectorAll('details:not([open])'), function (e) {
      e.open = true;
      return true;
    });
  });
  w.addEventListener('afterprint', function () {
    opened.forEach(function (e) { e.open = false; });
    opened = [];
  });
  new MutationObserver(function (rs) {
    rs.forEach(function (r) {
      for (var i = 0, a = r.addedNodes; i < a.length; i++) {
        if (a[i].nodeType === 1) mark(a[i]);
      }
    });
  }).observe(h, { childList: true, subtree: true });
})(document, window);
