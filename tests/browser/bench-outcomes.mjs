// `cargo xtask bench` runs this: how long every outcome of every flow is on a
// 390×844 phone with its details closed, in screens, and how far down its
// actions (print, QR, share) start. An outcome is measured from the top of the
// page to the end of its last part, every <details> closed. Prints `outcome_screens_max`,
// `outcome_actions_screen_max` and the five longest outcomes (stderr). Not a
// test: the bench checks the budgets. OUTCOMES is the output of
// `flows --outcomes` (one address and outcome id per line).
import { readFileSync } from 'node:fs';
import { BASE_URL, launch, phonePage, waitForHydration } from './browser.mjs';

const list = readFileSync(process.env.OUTCOMES, 'utf8').trim().split('\n').map((l) => l.split(' '));
const browser = await launch();
const { page } = await phonePage(browser);
const screen = page.viewportSize().height;
const rows = [];
for (const [address, id] of list) {
  await page.goto(BASE_URL + address);
  await waitForHydration(page);
  await page.waitForSelector(`[data-show="o:${id}"]:not([hidden])`);
  await page.waitForSelector('.outcome-actions:not([hidden])');
  const [bottom, actions] = await page.evaluate((id) => {
    // With its details closed, as the budget is set (the caution opens by
    // default; it folds for those who have read it).
    for (const d of document.querySelectorAll('details[open]')) d.open = false;
    const parts = [...document.querySelectorAll(`[data-show="o:${id}"]`)];
    const top = (e) => e.getBoundingClientRect().top + window.scrollY;
    const bottom = Math.max(...parts.map((e) => e.getBoundingClientRect().bottom + window.scrollY));
    return [bottom, top(document.querySelector('.outcome-actions'))];
  }, id);
  rows.push({ address, id, screens: bottom / screen, actions: actions / screen });
}
await browser.close();
rows.sort((a, b) => b.screens - a.screens);
for (const r of rows.slice(0, 5)) {
  console.error(`${r.screens.toFixed(1)} screens, actions at ${r.actions.toFixed(1)}: ${r.id} ${r.address}`);
}
console.log(`outcomes_measured: ${rows.length}`);
console.log(`outcome_screens_max: ${rows[0].screens.toFixed(2)}`);
console.log(`outcome_actions_screen_max: ${Math.max(...rows.map((r) => r.actions)).toFixed(2)}`);
