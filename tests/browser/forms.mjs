// Filling in a declaration form as a careful person would, for the forms' tests
// (`forms.test.mjs`) and the bench (`bench-forms.mjs`).

/// Waits for the forms module to take the page.
export async function live(page) {
  await page.locator('[data-form-fill][data-live]').waitFor();
}

/// The part of the questions shown.
export const part = (page) => page.locator('[data-part]:not([hidden])');

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
export function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

/// Answers every question of the part shown (the same past date everywhere, so
/// that every rule between dates holds) and goes on to the next part or the check.
export async function answerPart(page) {
  // A question a flow's answers left blank is hidden, not asked.
  const fields = part(page).locator('[data-field]:not([hidden])');
  for (let i = 0; i < await fields.count(); i += 1) {
    const field = fields.nth(i);
    const kind = await field.getAttribute('data-kind');
    if (kind === 'date') {
      await field.locator('[data-date-part=d]').fill('15');
      await field.locator('[data-date-part=m]').fill('1');
      await field.locator('[data-date-part=y]').fill('2020');
    } else if (kind === 'choice') {
      await field.locator('.radio-label').first().click();
    } else {
      const value = { 'id-number': '001190012345', year: '1990', time: '07:30', number: '1', 'long-text': 'Thôn 3, xã Tân Lập, tỉnh Phú Thọ' }[kind]
        ?? 'Nguyễn Thị Hoa';
      // An answer already there (filled in from a flow's answers) is kept.
      const input = field.locator('input, textarea').first();
      if (await input.inputValue() === '') await input.fill(value);
    }
  }
  const shown = await part(page).getAttribute('data-part');
  await part(page).locator('button[data-fill=next]').click();
  await page.waitForFunction((was) => {
    const now = document.querySelector('[data-part]:not([hidden])');
    return (now && now.dataset.part !== was) || !document.querySelector('[data-fill-check]').hidden
      || !document.querySelector('[data-fill-errors]').hidden;
  }, shown);
}

/// Answers every part, up to the check of the answers. Fails with the summary's
/// words if a part is refused.
export async function fillAll(page) {
  while (await part(page).count() === 1) {
    await answerPart(page);
    const errors = page.locator('[data-fill-errors]');
    if (await errors.isVisible()) throw new Error(`refused: ${await errors.innerText()}`);
  }
  await page.locator('[data-fill-check]:not([hidden])').waitFor();
}
