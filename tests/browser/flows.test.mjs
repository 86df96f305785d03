// Life-event flows in a real browser: walk two flows to their outcome, with the
// back link, the browser's back button, changing an answer, reloading, ticking the
// checklist and printing it on one A4 page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, axe, clickLinkTo, launch, phonePage, waitForAttached, waitForHydration } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const visible = (page, selector) => page.waitForSelector(`${selector}:not([hidden])`);
const question = (page, id) => visible(page, `form[data-q="${id}"]`);

/// Answers the question on screen by its option's label, then continues.
async function answer(page, id, option) {
  await question(page, id);
  await page.click(`label[for="${id}-${option}"]`);
  await page.click(`form[data-q="${id}"] button[type=submit]`);
}


/// The codes of the steps shown on the outcome.
const stepCodes = (page) => page.$$eval('section.outcome:not([hidden]) li.step:not([hidden]) .step-code',
  (els) => els.map((e) => e.textContent.replace(/\D*([\d.]+)$/, '$1').trim()));
const checklist = (page) => page.$$eval(
  'section.outcome:not([hidden]) .checklist-group:not([hidden]) .checklist:not(.checklist-maybe) > li:not([hidden]) input.tick',
  (els) => els.map((e) => e.dataset.doc));

test('having a baby: from the start page to a checklist, with back, change and reload', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Bắt đầu' }).click();
  await question(page, 'noi-sinh');
  assert.match(await page.locator('.progress').textContent(), /^Câu hỏi 1 trên tối đa \d+$/);
  await axe(page, 'first question');

  // Continuing without an answer: an error, focus on the options, and nothing lost.
  await page.click('form[data-q="noi-sinh"] button[type=submit]');
  await visible(page, '#error-noi-sinh');
  assert.match(await page.title(), /^Lỗi: /);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'noi-sinh');
  await axe(page, 'question with an error');

  await answer(page, 'noi-sinh', 'viet-nam');
  await answer(page, 'chung-sinh', 'co');
  await answer(page, 'cha-me', 'khong');
  await question(page, 'ket-hon');
  // Focus moves to the new question's heading, and the title names it.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cha mẹ của bé đã đăng ký kết hôn chưa?');
  assert.match(await page.title(), /^Cha mẹ của bé đã đăng ký kết hôn chưa\? – Sinh con – Thủ tục xã$/);

  // The back link reopens the previous question with its answer selected…
  await page.click('.back-link');
  await question(page, 'cha-me');
  assert.ok(await page.isChecked('#cha-me-khong'));
  // …and so does the browser's back button, from the next question.
  await page.click('form[data-q="cha-me"] button[type=submit]');
  await question(page, 'ket-hon');
  await page.goBack();
  await question(page, 'cha-me');
  await page.goForward();

  await answer(page, 'ket-hon', 'roi');
  await answer(page, 'thoi-gian', 'trong-60-ngay');
  await answer(page, 'cach-nop', 'truc-tiep');
  await answer(page, 'nguoi-nop', 'cha-me');
  await visible(page, 'section.check');
  await axe(page, 'check your answers');
  const rows = await page.$$eval('.summary-row:not([hidden])', (els) => els.length);
  assert.equal(rows, 7);

  // Change an answer: the question reopens with the old answer selected, and
  // afterwards the check page comes back with every other answer kept.
  await page.click('.summary-row[data-row="nguoi-nop"] a[data-change]');
  await question(page, 'nguoi-nop');
  assert.ok(await page.isChecked('#nguoi-nop-cha-me'));
  await answer(page, 'nguoi-nop', 'nguoi-khac');
  await visible(page, 'section.check');
  assert.equal(await page.$$eval('.summary-row:not([hidden])', (els) => els.length), 7);

  await page.click('a[data-go=outcome]');
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  assert.deepEqual(await stepCodes(page), ['1.001193', '1.004222', '1.014137']);
  const docs = await checklist(page);
  assert.ok(docs.includes('van-ban-uy-quyen'), `power of attorney on the list: ${docs}`);
  assert.ok(docs.includes('giay-chung-sinh'));
  assert.ok(!docs.includes('bien-ban-xac-nhan-tre-bi-bo-roi'));
  // A note that depends on other answers stays hidden, and so does an empty caution box.
  assert.equal(await page.locator('section.outcome:not([hidden]) .callout').isVisible(), false);
  await axe(page, 'outcome');

  // Tick two documents; a reload keeps the outcome and the ticks.
  const ticks = page.locator('section.outcome:not([hidden]) .checklist-group:not([hidden]) input.tick');
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  const url = page.url();
  await page.reload();
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  assert.equal(page.url(), url);
  assert.ok(await ticks.nth(0).isChecked());
  assert.ok(await ticks.nth(1).isChecked());
  assert.ok(!(await ticks.nth(2).isChecked()));
  // Kept per flow with the time, and no answer in the storage.
  const stored = await page.evaluate(() => Object.entries(localStorage));
  assert.deepEqual(stored.map(([k]) => k), ['thu-tuc-xa:ticks:sinh-con']);
  assert.match(stored[0][1], /^\d{13}(\.\d+)? \S+ \S+$/);
  assert.doesNotMatch(stored.join(' '), /viet-nam|trong-60-ngay|noi-sinh=/);
  // Ticks older than 30 days, and those an earlier version kept under the
  // answers, are gone at the next visit.
  await page.evaluate(() => {
    const [at, ...ids] = localStorage.getItem('thu-tuc-xa:ticks:sinh-con').split(' ');
    localStorage.setItem('thu-tuc-xa:ticks:sinh-con', [Number(at) - 31 * 24 * 3600 * 1000, ...ids].join(' '));
    localStorage.setItem('thu-tuc-xa:ticks:sinh-con#noi-sinh=viet-nam', 'giay-chung-sinh');
  });
  await page.reload();
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  assert.ok(!(await ticks.nth(0).isChecked()), 'an expired tick is not restored');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await ticks.nth(0).check();
  await ticks.nth(1).check();
  // Ticks in another outcome (filing online) keep these: back here, they are ticked.
  const ticked = await page.$$eval('section.outcome:not([hidden]) input.tick:checked', (els) => els.map((e) => e.dataset.doc));
  await page.click('.summary-row[data-row="cach-nop"] a[data-change]');
  await answer(page, 'cach-nop', 'truc-tuyen');
  await visible(page, 'section.check');
  await page.click('a[data-go=outcome]');
  await visible(page, 'section.outcome[data-show="o:lien-thong"]');
  const online = page.locator('section.outcome:not([hidden]) input.tick:not(:checked)').first();
  await online.check();
  await page.click('.summary-row[data-row="cach-nop"] a[data-change]');
  await answer(page, 'cach-nop', 'truc-tiep');
  await page.waitForSelector('form[data-q="nguoi-nop"]:not([hidden]), section.check:not([hidden])');
  if (await page.$('form[data-q="nguoi-nop"]:not([hidden])')) await answer(page, 'nguoi-nop', 'cha-me');
  await visible(page, 'section.check');
  await page.click('a[data-go=outcome]');
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  const again = await page.$$eval('section.outcome:not([hidden]) input.tick:checked', (els) => els.map((e) => e.dataset.doc));
  for (const doc of ticked) assert.ok(again.includes(doc), `${doc} is still ticked`);
  // Back to the outcome of the saved address: the same page, so only the part
  // after `#` changes; its answers (someone else files) list the power of attorney.
  await page.goto(url);
  await page.waitForFunction(() => [...document.querySelectorAll(
    'section.outcome:not([hidden]) .checklist-group:not([hidden]) .checklist:not(.checklist-maybe) > li:not([hidden]) input.tick')]
    .some((e) => e.dataset.doc === 'van-ban-uy-quyen'));

  // The printed checklist fits one A4 page and leaves out the page's controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.outcome-actions').isVisible(), false);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.equal(pages, 1, `the printout has ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  // "Start again" goes back to the intro.
  await page.click('a[data-action=restart]');
  await visible(page, 'section.flow-intro');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a shared link opens the same outcome; a stale one leads to the first unanswered question', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=co&cha-me=co&xem=ket-qua`);
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:yeu-to-nuoc-ngoai"]');
  assert.deepEqual(await stepCodes(page), ['2.000528']);
  // Answers that no longer fit, an unknown question and a bad option.
  // The same page: only the part after `#` changes, and the question shown.
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=co&cach-nop=truc-tuyen&khong-co=1&cha-me=sao-hoa&xem=ket-qua`);
  await question(page, 'cha-me');
  assert.equal(await page.locator('form[data-q="cha-me"] input:checked').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an outcome that needs no procedure says so, with no steps or checklist', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/xay-nha/#viec=sua-chua&loai-sua=ben-trong&vay-von=khong&xem=ket-qua`);
  await waitForHydration(page);
  const outcome = await visible(page, 'section.outcome[data-show="o:sua-ben-trong"]');
  assert.match(await outcome.textContent(), /Lúc này bạn không phải làm thủ tục hành chính nào\./);
  assert.deepEqual(await stepCodes(page), []);
  assert.equal(await page.locator('section.outcome:not([hidden]) .checklist').count(), 0);
  // With a loan, the commune's confirmation is the one step (the same page:
  // only the part after `#` changes, and the outcome shown).
  await page.goto(`${BASE_URL}/su-kien/xay-nha/#viec=sua-chua&loai-sua=ben-trong&vay-von=co&xem=ket-qua`);
  await visible(page, 'section.outcome[data-show="o:sua-ben-trong-vay-von"]');
  assert.deepEqual(await stepCodes(page), ['1.014632']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a death in the family, in English: the online package for a pensioner', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/en/su-kien/co-nguoi-mat/`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Start now' }).click();
  // Whatever the questions, always take the first option, to the end.
  for (let i = 0; i < 12; i += 1) {
    const form = await page.$('form.question:not([hidden])');
    if (!form) break;
    await form.$eval('.radio-label', (l) => l.click());
    await form.$eval('button[type=submit]', (b) => b.click());
    await page.waitForFunction((f) => f.hidden, form);
  }
  await visible(page, 'section.check');
  assert.equal(await page.locator('section.check h1').textContent(), 'Check your answers');
  await page.click('a[data-go=outcome]');
  await visible(page, 'section.outcome');
  assert.ok((await stepCodes(page)).length >= 1);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  // Keyboard: the heading of the outcome has focus after the step.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  assert.deepEqual(problems, []);
  await context.close();
});

test('without JavaScript a flow page still lists the procedures it can lead to', async () => {
  const { context, page } = await phonePage(browser, { javaScriptEnabled: false });
  await page.goto(`${BASE_URL}/su-kien/ket-hon/`);
  assert.equal(await page.locator('h1:visible').count(), 1);
  assert.ok(await page.locator('.flow-intro .link-list a').count() >= 2);
  assert.equal(await page.locator('form.question:visible').count(), 0);
  await context.close();
});

test('options and buttons of a question are at least 48 px tall, and fit 320 px', async () => {
  const { context, page } = await phonePage(browser);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=co&hoi=cha-me`);
  await waitForHydration(page);
  await question(page, 'cha-me');
  const small = await page.evaluate(() => [...document.querySelectorAll(
    'form:not([hidden]) .radio-label, form:not([hidden]) button, .back-link')]
    .filter((e) => e.getBoundingClientRect().height < 48)
    .map((e) => `${e.className} ${e.getBoundingClientRect().height}px`));
  assert.deepEqual(small, []);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `overflows by ${overflow}px`);
  await context.close();
});

test('every outcome of every flow prints on one A4 page, two for four procedures or more', async () => {
  // One address per outcome, from the flows' own engine (`cargo xtask flows --outcomes`).
  const { execFileSync } = await import('node:child_process');
  const list = execFileSync(process.env.CARGO ?? 'cargo',
    ['run', '--quiet', '-p', 'thu-tuc-xa', '--features', 'ssr', '--bin', 'flows', '--', '--outcomes'], { encoding: 'utf8' })
    .trim().split('\n').map((line) => line.split(' '));
  assert.ok(list.length >= 9, `${list.length} outcomes`);
  const { context, page, problems } = await phonePage(browser);
  const tooLong = [];
  for (const [address, id] of list) {
    await page.goto(BASE_URL + address);
    await waitForHydration(page);
    await visible(page, `section.outcome[data-show="o:${id}"]`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    // One page, or two for an outcome of four procedures or more (building on
    // farmland with a loan: each procedure's sourced fee and time).
    const steps = await page.locator(`section.outcome[data-show="o:${id}"] .step:not([hidden])`).count();
    if (pages > (steps >= 4 ? 2 : 1)) tooLong.push(`${address}: ${pages} pages, ${steps} procedures`);
    await page.emulateMedia({ media: 'screen' });
  }
  assert.deepEqual(tooLong, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an outcome fits a phone: what to do and where first, the actions within two screens, details on demand', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=khong&cha-me=khong&ket-hon=chua&nhan-cha=khong&thoi-gian=qua-60-ngay&cach-nop=truc-tiep&nguoi-nop=nguoi-khac&xem=ket-qua`);
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:tai-trung-tam"]');
  // Each step says where it is filed, at the top.
  const where = await page.$$eval('section.outcome:not([hidden]) li.step:not([hidden]) .step-where',
    (els) => els.map((e) => e.textContent));
  assert.equal(where.length, 3);
  assert.match(where[0], /^Nộp ở đâu: Trung tâm Phục vụ hành chính công của bất kỳ xã/);
  // The actions start within the first two screens.
  const top = await page.locator('.outcome-actions').evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
  assert.ok(top < 2 * 844, `actions start at ${top}px`);
  // Fee, time and the rest open on demand, and the checklist's labels say what they mean.
  const fee = page.locator('section.outcome:not([hidden]) details.more', { has: page.locator('summary h2', { hasText: /^Lệ phí/ }) });
  assert.equal(await fee.evaluate((d) => d.open), false);
  assert.equal(await fee.locator('.fact').first().isVisible(), false);
  await fee.locator(':scope > summary').click();
  await fee.locator('.fact').first().waitFor();
  const key = page.locator('section.outcome:not([hidden]) .badge-key');
  await key.locator('summary').click();
  await key.getByText('nộp giấy gốc; giấy này ở lại trong hồ sơ.').waitFor();
  await axe(page, 'outcome with its details open');
  assert.deepEqual(problems, []);
  await context.close();
});

test('where the browser refuses storage, ticks still work for the visit', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await page.goto(`${BASE_URL}/su-kien/sinh-con/#noi-sinh=nuoc-ngoai&xem=ket-qua`);
  await waitForHydration(page);
  await visible(page, 'section.outcome[data-show="o:yeu-to-nuoc-ngoai"]');
  const tick = page.locator('section.outcome:not([hidden]) input.tick').first();
  await tick.check();
  // To the check page and back: the tick is remembered in memory.
  await page.click('a[data-action=restart]');
  await visible(page, 'section.flow-intro');
  await page.goBack();
  await visible(page, 'section.outcome[data-show="o:yeu-to-nuoc-ngoai"]');
  assert.ok(await tick.isChecked());
  assert.deepEqual(problems, []);
  await context.close();
});

test('a flow left for another and come back to by links takes one step per tap', async () => {
  const { context, page, problems } = await phonePage(browser);
  await page.goto(`${BASE_URL}/su-kien/sinh-con/`);
  await waitForHydration(page);
  await waitForAttached(page, '/su-kien/sinh-con/');
  await page.evaluate(() => { window.__sameDocument = true; });
  // The element that holds the flow's HTML, marked to tell whether Leptos keeps
  // it for the next flow (the case where listeners could pile up).
  await page.locator('.fragment').evaluate((e) => { e.__first = true; });
  // A → B → A, each a client navigation by a link.
  await clickLinkTo(page, '/su-kien/ket-hon/');
  await waitForAttached(page, '/su-kien/ket-hon/');
  await clickLinkTo(page, '/su-kien/sinh-con/');
  await waitForAttached(page, '/su-kien/sinh-con/');
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'client navigations');
  const kept = await page.locator('.fragment').evaluate((e) => e.__first === true);

  // Each tap: one step, one history entry, and no error on a question left behind.
  const entries = await page.evaluate(() => history.length);
  const step = async (n, hash) => {
    await page.waitForFunction((h) => location.hash === h, hash);
    assert.equal(await page.evaluate(() => history.length), entries + n, `${n} taps, ${n} entries (element kept: ${kept})`);
    assert.doesNotMatch(await page.title(), /^Lỗi/);
  };
  await page.getByRole('link', { name: 'Bắt đầu' }).click();
  await question(page, 'noi-sinh');
  await step(1, '#hoi=noi-sinh');
  await answer(page, 'noi-sinh', 'viet-nam');
  await question(page, 'chung-sinh');
  await step(2, '#noi-sinh=viet-nam&hoi=chung-sinh');
  // The next question has the same options (co, khong): a second handler would
  // answer it too.
  await answer(page, 'chung-sinh', 'co');
  await question(page, 'cha-me');
  await step(3, '#noi-sinh=viet-nam&chung-sinh=co&hoi=cha-me');
  assert.equal(await page.locator('form[data-q="cha-me"] input:checked').count(), 0, 'the next question is not answered');
  // Back: one step back, to the question before.
  await page.goBack();
  await question(page, 'chung-sinh');
  await page.waitForFunction(() => location.hash === '#noi-sinh=viet-nam&hoi=chung-sinh');
  assert.deepEqual(problems, []);
  await context.close();
});
