// Accessibility of the Predict view's own dialogs and states (issue 14 contract, issue 15 view), in Chromium against
// the browser host, in the light and the dark colour scheme at 1366 × 768; axe-core's WCAG 2.0/2.1 A and AA rules, any
// critical or serious violation fails (tests/e2e/axe.ts). accessibility.spec.ts scans the view and its tabs after the
// default run on the demo; this spec scans what only appears on the way: the set-up of a dataset whose target must be
// chosen, the leak refusal with its Keep button (on a small file with a planted leak, made below: 600 customers from
// a seeded LCG, churned with probability 0.55 − 0.006·tenure, and a cancel_reason present only for those who churned),
// the result after keeping the column, the review dialog (Escape closes it and focus returns), one customer explained,
// the scored dataset and the fairness audit's outcome. On the way it checks the leak flow works: the refusal names the
// column, Keep trains with it, and the warning says it was kept. No request leaves 127.0.0.1 (the fixture checks).
import type { Page } from '@playwright/test';
import { expectAccessible } from './axe';
import { expect, shot, test } from './fixtures';

/** The planted-leak customers as CSV text (deterministic: an LCG with seed 7). */
function leakyCsv(): string {
  let state = 7;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ['customer_id,tenure,plan,monthly_spend,churned,cancel_reason'];
  for (let i = 1; i <= 600; i++) {
    const tenure = 1 + Math.floor(next() * 72);
    const plan = ['Basic', 'Plus', 'Pro'][Math.floor(next() * 3)];
    const spend = (20 + next() * 80).toFixed(2);
    const churned = next() < 0.55 - 0.006 * tenure;
    const reason = churned ? ['Price', 'Service', 'Moved'][Math.floor(next() * 3)] : '';
    lines.push(`C${String(i).padStart(4, '0')},${tenure},${plan},${spend},${churned ? 'Yes' : 'No'},${reason}`);
  }
  return `${lines.join('\n')}\n`;
}

async function dismissToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`Predict accessibility, ${scheme} scheme`, () => {
    test.use({ hostOptions: { workspace: null }, colorScheme: scheme });

    test(`the leak refusal, the review dialog, an explanation, scores and the fairness audit pass axe (${scheme})`, async ({ app }) => {
      test.setTimeout(400_000);
      await app.setViewportSize({ width: 1366, height: 768 });

      // A small file with a planted leak, imported through the wizard (into the demo workspace, as offered).
      const chooser = app.waitForEvent('filechooser');
      await app.getByRole('button', { name: 'Import data' }).first().click();
      await app.getByRole('button', { name: 'Import into demo anyway' }).click();
      await app.getByRole('button', { name: 'Choose file…' }).click();
      await (await chooser).setFiles({ name: 'leaky.csv', mimeType: 'text/csv', buffer: Buffer.from(leakyCsv()) });
      await app.getByLabel('Dataset name').fill('leaky');
      await app.getByRole('button', { name: 'Commit import' }).click();
      await expect(app.getByRole('article', { name: 'Column cancel_reason' })).toBeVisible({ timeout: 60_000 });
      await dismissToasts(app);

      await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Predict', exact: true }).click();
      const setup = app.getByRole('complementary', { name: 'Predict set-up' });
      await setup.getByRole('combobox', { name: 'Dataset' }).selectOption('leaky');
      await setup.getByRole('combobox', { name: /^Target/ }).selectOption('churned');
      await expect(setup.getByText('Predicting: churned = Yes', { exact: true })).toBeVisible();
      await expect(setup.getByRole('checkbox', { name: 'cancel_reason', exact: true })).toBeChecked();
      await setup.getByLabel(/^Cross-validation folds/).fill('2');
      await expectAccessible(app, 'Predict set-up (leaky)');

      // Refused: the column alone predicts the outcome; Keep trains with it and the warning says so.
      await setup.getByRole('button', { name: 'Train model' }).click();
      const region = app.getByRole('region', { name: 'Predict', exact: true });
      const refusal = region.getByRole('alert').filter({ hasText: '--confirm-leak cancel_reason' });
      await expect(refusal).toBeVisible({ timeout: 120_000 });
      await expect(refusal).toContainText('“cancel_reason” alone predicts “churned” almost perfectly');
      await expectAccessible(app, 'Predict leak refusal');
      await shot(app, `predict-leak-refusal-${scheme}`);
      await region.getByRole('button', { name: 'Keep “cancel_reason”: it is known before the outcome' }).click();
      await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
      await expect(setup.getByRole('button', { name: 'Stop keeping cancel_reason' })).toBeVisible();
      await dismissToasts(app);
      await expect(region.getByRole('alert').filter({ hasText: 'was kept although it alone predicts the target' })).toBeVisible();
      await expectAccessible(app, 'Predict result after keeping a leak');

      // Back to the demo customers' default model for the rest.
      await setup.getByRole('combobox', { name: 'Dataset' }).selectOption('Demo customers');
      await expect(setup.getByText('Predicting: churned_12m = Yes', { exact: true })).toBeVisible();
      await setup.getByRole('button', { name: 'Train model' }).click();
      await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
      await dismissToasts(app);

      // The review dialog: scanned open; Escape closes it and focus returns to its button.
      await app.getByRole('tab', { name: 'Customers', exact: true }).click();
      const panel = app.getByRole('tabpanel', { name: 'Customers' });
      const queue = panel.getByRole('table', { name: /^Review queue/ });
      const confirm = queue.getByRole('button', { name: /^Confirm the call on / }).first();
      await confirm.click();
      const dialog = app.getByRole('dialog', { name: /^Confirm the call on customer / });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByLabel(/^Why/)).toBeFocused();
      await expectAccessible(app, 'Predict review dialog');
      await shot(app, `predict-review-dialog-${scheme}`);
      await app.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      await expect(confirm).toBeFocused();

      // One customer explained.
      await queue.getByRole('button', { name: /^Explain customer / }).first().click();
      await expect(panel.getByRole('heading', { level: 4, name: /^Customer / })).toBeFocused();
      await expect(panel.getByRole('figure', { name: /^What each column adds for customer / }).locator('.main-svg').first()).toBeVisible();
      await expectAccessible(app, 'Predict explanation');

      // The scores, and the fairness audit's outcome.
      await app.getByRole('tab', { name: 'Score', exact: true }).click();
      const score = app.getByRole('tabpanel', { name: 'Score' });
      await score.getByRole('button', { name: 'Score dataset' }).click();
      await expect(score.getByText(/^Scored 3,000 rows into/)).toBeVisible({ timeout: 120_000 });
      await expectAccessible(app, 'Predict scores');
      await app.getByRole('tab', { name: 'Fairness', exact: true }).click();
      const fairness = app.getByRole('tabpanel', { name: 'Fairness' });
      await fairness.getByRole('radio', { name: /^It helps them/ }).check();
      await fairness.getByRole('button', { name: 'Audit this model’s fairness' }).click();
      await expect(fairness.getByText(/^Audit saved as “/)).toBeVisible({ timeout: 120_000 });
      await expectAccessible(app, 'Predict fairness audit done');
      await shot(app, `predict-fairness-done-${scheme}`);
    });
  });
}
