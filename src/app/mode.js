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
      // WCAG relative luminance; 4.5:1 against white means at most 0.1833.
      var rgb = [0, 2, 4].map(function (i) {
        var v = parseInt(c.substr(i, 2), 16) / 255;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
      });
      if (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] <= 0.1833) {
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
  new MutationObserver(function (rs) {
    rs.forEach(function (r) {
      for (var i = 0, a = r.addedNodes; i < a.length; i++) {
        if (a[i].nodeType !== 1) continue;
        if (a[i].hasAttribute('data-until')) end(a[i]);
        a[i].querySelectorAll('[data-until]').forEach(end);
      }
    });
  }).observe(h, { childList: true, subtree: true });
})(document, window);
