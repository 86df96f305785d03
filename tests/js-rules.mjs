// The site's two hand-written scripts, as they are shipped, run on inputs the
// native test `tests/all/js_rules.rs` sends (a JSON array on stdin), with just
// enough of a browser faked around them: `public/embed.js` on a host page, and
// `src/app/mode.js` in the frame. One JSON line of results per case on stdout;
// the Rust test compares them with `core/src/embed.rs`, the rules' owner.
//
// A case is one of:
//   {"embed": {"lang"?, "start"?, "province"?, "accent"?}}  the script's data-*
//     attributes (a missing key is a missing attribute) → [frame src, link href,
//     the frame's marks as mode.js makes them from that src]
//   {"mode": [[name, value], …], "framed": bool}  the frame's query, decoded
//     → its marks
// Marks: {"html": [[attribute, value], …], "style": [[property, value], …]},
// each sorted by name.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const root = new URL('../', import.meta.url);
const script = (path) =>
  new vm.Script(readFileSync(new URL(path, root), 'utf8'), { filename: path });
const embedJs = script('public/embed.js');
const modeJs = script('src/app/mode.js');

const ORIGIN = 'https://thutucxa.example.gov.vn';
const context = vm.createContext({ URL, URLSearchParams });
const noop = () => {};

function element(tag) {
  const attributes = new Map();
  const properties = new Map();
  return {
    tagName: tag.toUpperCase(),
    attributes,
    properties,
    dataset: {},
    isConnected: true,
    style: {
      setProperty: (k, v) => properties.set(k, String(v)),
    },
    setAttribute: (k, v) => attributes.set(k, String(v)),
    getAttribute: (k) => (attributes.has(k) ? attributes.get(k) : null),
    hasAttribute: (k) => attributes.has(k),
    removeAttribute: (k) => attributes.delete(k),
    addEventListener: noop,
    append: noop,
    after: noop,
    remove: noop,
    matches: () => false,
    querySelectorAll: () => [],
  };
}

const sorted = (map) => [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

// embed.js on a portal's page, its script in the body with these data-*.
function embed(data) {
  const made = [];
  const parent = { insertBefore: (node) => made.push(['inserted', node]) };
  const tag = {
    src: ORIGIN + '/embed.js',
    parentNode: parent,
    nextSibling: null,
    dataset: { ...data },
    closest: () => null,
  };
  Object.assign(context, {
    document: {
      currentScript: tag,
      body: null,
      createElement: (name) => {
        const e = element(name);
        made.push([name, e]);
        return e;
      },
      addEventListener: noop,
    },
    window: { addEventListener: noop, removeEventListener: noop },
    // Its timers wait for the frame to say "ready"; nothing here waits.
    setTimeout: () => 0,
    clearTimeout: noop,
    performance: { now: () => 0 },
  });
  embedJs.runInContext(context);
  const frame = made.find(([name]) => name === 'iframe');
  const link = made.find(([name]) => name === 'a');
  if (!frame || !made.some(([what, e]) => what === 'inserted' && e === frame[1])) {
    return ['no frame', null];
  }
  return [frame[1].src, link ? link[1].href : null];
}

// mode.js as the frame's page is parsed, at this address.
function mode(href, framed) {
  const url = new URL(href);
  const html = element('html');
  // Nothing saved: "my commune" is not what is compared.
  const localStorage = { getItem: () => null, setItem: noop, removeItem: noop };
  const window = { addEventListener: noop, localStorage };
  window.top = framed ? {} : window;
  Object.assign(context, {
    document: {
      documentElement: html,
      readyState: 'loading',
      addEventListener: noop,
      querySelectorAll: () => [],
    },
    window,
    location: { href: url.href, search: url.search, pathname: url.pathname },
    MutationObserver: class {
      observe() {}
    },
  });
  modeJs.runInContext(context);
  return { html: sorted(html.attributes), style: sorted(html.properties) };
}

const cases = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for (const c of cases) {
  if (c.embed) {
    const [src, href] = embed(c.embed);
    out.push(JSON.stringify([src, href, src.startsWith(ORIGIN) ? mode(src, true) : null]));
  } else {
    const query = new URLSearchParams(c.mode).toString();
    out.push(JSON.stringify(mode(ORIGIN + '/?' + query, c.framed)));
  }
}
process.stdout.write(out.join('\n') + '\n');
