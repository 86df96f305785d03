// `cargo xtask bench` runs this: the time from tapping "Continue" to the next
// question (or the check page) shown and laid out, in Chromium, over every flow
// walked several times with varied answers. Prints `flow_step_ms_p95: <ms>`; with
// CPU_THROTTLE=4 the CPU is slowed four times (a cheap phone) and the names end in
// `_cpu4x`. Not a test: the bench checks the budget.
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

const browser = await launch();
const { page, context } = await phonePage(browser);
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.CPU_THROTTLE ?? 1) });

const xml = await (await fetch(`${BASE_URL}/sitemap.xml`)).text();
const flows = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)]
  .map((m) => new URL(m[1]).pathname)
  .filter((p) => /^\/su-kien\/[^/]+\/$/.test(p));

const times = [];
let seed = 7;
const next = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; };
for (const path of flows) {
  await page.goto(BASE_URL + path);
  await waitForHydration(page);
  for (let round = 0; round < 4; round += 1) {
    await page.click('.button-start');
    await page.waitForSelector('form.question:not([hidden])');
    for (let i = 0; i < 20; i += 1) {
      const form = await page.$('form.question:not([hidden])');
      if (!form) break;
      const count = await form.$$eval('.radio-input', (r) => r.length);
      const choice = next() % count;
      const ms = await form.evaluate(async (f, choice) => {
        f.querySelectorAll('.radio-input')[choice].checked = true;
        const t0 = performance.now();
        f.querySelector('button[type=submit]').click();
        await new Promise((resolve) => {
          const done = () => f.hidden && document.querySelector('form.question:not([hidden]), section.check:not([hidden])');
          if (done()) { resolve(); return; }
          const seen = new MutationObserver(() => { if (done()) { seen.disconnect(); resolve(); } });
          seen.observe(document.body, { attributes: true, subtree: true, attributeFilter: ['hidden'] });
        });
        // Style and layout of the new view, forced now (so the figure does not
        // depend on where the next frame happens to fall).
        const shown = document.querySelector('form.question:not([hidden]), section.check:not([hidden])');
        void shown.getBoundingClientRect().height;
        return performance.now() - t0;
      }, choice);
      times.push(ms);
    }
    await page.evaluate(() => { window.location.hash = ''; });
    await page.waitForSelector('section.flow-intro:not([hidden])');
  }
}
await browser.close();
times.sort((a, b) => a - b);
const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
const suffix = process.env.CPU_THROTTLE && process.env.CPU_THROTTLE !== '1' ? `_cpu${process.env.CPU_THROTTLE}x` : '';
console.log(`flow_steps_measured${suffix}: ${times.length}`);
console.log(`flow_step_ms_median${suffix}: ${times[Math.floor(times.length / 2)].toFixed(1)}`);
console.log(`flow_step_ms_p95${suffix}: ${p95.toFixed(1)}`);
