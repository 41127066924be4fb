// The Predict view end to end in Chromium against the browser host, on the public Telco customer churn file
// (IBM sample, 7,043 customers; ../shared/data/telco-churn; skipped with a message when absent). The file is imported
// through the UI; the view pre-selects Churn and "Yes" (a yes/no column) and says "Predicting: Churn = Yes"; the
// protected attributes (gender, SeniorCitizen, as the importer proposes) stay out unless switched on. The default
// model (gradient-boosted trees, 5 folds, a random 20% test set) is trained with the default features, and:
//   - the test AUC shown equals the saved result's (results.get) and that of the 'predict.train' handler called again
//     with the same spec (training is deterministic);
//   - every tab opens under its heading; one customer of the review queue is explained, and the base plus the
//     contributions shown add up to the log-odds shown (to the 3 decimals printed: |Σ − log-odds| ≤ (k + 2) × 0.0005
//     for k printed terms), which equal the 'predict.explain' handler's;
//   - a person confirms the model's call on one customer with a reason (it moves to "Reviewed");
//   - the training dataset is scored into a new dataset, opened on the Data view through the link;
//   - the model's fairness audit runs and opens in the Audit view;
//   - the saved model opens in the Predict view from the Saved results list.
// Screenshots of every tab at 1366 × 768 and 1920 × 1080. No request leaves 127.0.0.1 (the fixture checks).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { CustomerExplanation, PredictResult, PredictSpec } from '../../shared/predict';
import type { SavedResult, SavedResultSummary } from '../../shared/results';
import { call, expect, SHARED_DATA, shot, test } from './fixtures';

const TELCO = join(SHARED_DATA, 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');
const TABS = ['Performance', 'Calibration', 'Lift & gains', 'Explanations', 'Customers', 'Score', 'Fairness', 'Model card'];
const MINUS = '\u2212';
/** A signed number as the view prints it ("+0.905", "−1.234"). */
const parseSigned = (s: string) => Number(s.trim().replace(MINUS, '-').replace('+', ''));

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

async function openTab(app: Page, name: string): Promise<Locator> {
  await app.getByRole('tab', { name, exact: true }).click();
  const panel = app.getByRole('tabpanel', { name });
  await expect(panel.getByRole('heading', { level: 3 }).first()).toBeVisible();
  // Charts drawn (Plotly loads lazily): no chart still shows its loader.
  await expect(panel.locator('.cxw-chart-overlay')).toHaveCount(0);
  return panel;
}

test('Telco churn: train the default model, read every tab, explain, review and score customers, audit its fairness', async ({ app }) => {
  test.skip(!existsSync(TELCO), `../shared/data is absent (${TELCO}); this test needs the Telco customer churn file`);
  test.setTimeout(300_000);
  await app.setViewportSize({ width: 1366, height: 768 });

  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import data' }).first().click();
  await app.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(TELCO);
  await app.getByLabel('Dataset name').fill('telco');
  await app.getByRole('button', { name: 'Commit import' }).click();
  await expect(app.getByRole('article', { name: 'Column Churn' })).toBeVisible({ timeout: 60_000 });

  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Predict', exact: true }).click();
  const setup = app.getByRole('complementary', { name: 'Predict set-up' });
  const target = setup.getByRole('combobox', { name: /^Target/ });
  await expect(target).toHaveValue('Churn');
  await target.selectOption('Churn');
  await setup.getByRole('combobox', { name: /^Value to predict/ }).selectOption('Yes');
  await expect(setup.getByText('Predicting: Churn = Yes', { exact: true })).toBeVisible();
  // The protected attributes are offered apart, switched off; identifiers are never offered.
  await expect(setup.getByRole('switch', { name: 'Use gender' })).not.toBeChecked();
  await expect(setup.getByRole('switch', { name: 'Use SeniorCitizen' })).not.toBeChecked();
  await expect(setup.getByRole('checkbox', { name: 'customerID' })).toHaveCount(0);
  await expect(setup.getByRole('checkbox', { name: 'tenure', exact: true })).toBeChecked();
  await expect(setup.getByRole('checkbox', { name: 'Contract', exact: true })).toBeChecked();
  await shot(app, 'predict-setup');

  await setup.getByRole('button', { name: 'Train model' }).click();
  await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 180_000 });
  await clearToasts(app);
  const region = app.getByRole('region', { name: 'Predict', exact: true });
  await expect(region.getByRole('heading', { level: 2, name: 'Model of Churn = Yes in “telco”' })).toBeFocused();

  // The AUC shown is the saved result's, and the handler gives the same number again for the same spec.
  const list = await call<SavedResultSummary[]>(app, 'results.list', { kind: 'model' });
  expect(list).toHaveLength(1);
  const saved = (await call<SavedResult>(app, 'results.get', { id: list[0].id })).result as PredictResult;
  const spec = saved.spec as PredictSpec;
  expect(spec.features).not.toContain('gender');
  expect(spec.features).not.toContain('customerID');
  expect(spec).toMatchObject({ target: 'Churn', positive: 'Yes', model: 'gbdt', folds: 5, test: { share: 0.2 }, threshold: { rule: 'cost', missedPositiveCost: 1 } });
  const again = await call<PredictResult>(app, 'predict.train', { jobId: 'e2e_predict_again', spec });
  expect(again.test.auc).toBe(saved.test.auc);
  console.log(`Telco default model: test AUC ${saved.test.auc.toFixed(4)} (${saved.test.aucCi.map((v) => v.toFixed(3)).join('–')}), ${spec.features.length} features`);
  const performance = app.getByRole('tabpanel', { name: 'Performance' });
  const aucCard = performance.locator('.cxw-pred-metric').filter({ hasText: 'Test AUC' });
  await expect(aucCard.locator('.cxw-pred-metric-value')).toHaveText(saved.test.auc.toFixed(3));
  await expect(aucCard).toContainText(`95% CI ${saved.test.aucCi[0].toFixed(3)}–${saved.test.aucCi[1].toFixed(3)} · 0.5 = guessing`);
  const confusion = performance.getByRole('table', { name: /^At the threshold of/ });
  await expect(confusion.getByRole('row', { name: /^Flagged/ })).toContainText(`${saved.threshold.test.tp.toLocaleString('en-US')} caught`);
  await expect(confusion.getByRole('row', { name: /^Not flagged/ })).toContainText(`${saved.threshold.test.fn.toLocaleString('en-US')} missed`);

  for (const size of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await app.setViewportSize(size);
    for (const name of TABS) {
      await openTab(app, name);
      await app.waitForTimeout(300);
      await shot(app, `predict-${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${size.width}`);
    }
  }
  await app.setViewportSize({ width: 1366, height: 768 });

  // Charts draw with their numbers: the reliability diagram's table has one row per bin.
  const calibration = await openTab(app, 'Calibration');
  const reliability = calibration.getByRole('figure', { name: 'Reliability: predicted against observed' });
  await expect(reliability.locator('.main-svg').first()).toBeVisible();
  await reliability.getByRole('switch', { name: 'Show as table' }).check();
  await expect(calibration.getByRole('table', { name: /Reliability: predicted against observed: the numbers/ }).locator('tbody tr')).toHaveCount(saved.reliability.length);
  const lift = await openTab(app, 'Lift & gains');
  await expect(lift.getByRole('table', { name: 'Lift and gains by decile' }).locator('tbody tr')).toHaveCount(10);

  // Customers: explain the first one of the review queue; base + contributions = log-odds, as printed.
  const customers = await openTab(app, 'Customers');
  const queue = customers.getByRole('table', { name: /^Review queue/ });
  const first = saved.review[0];
  await queue.getByRole('button', { name: `Explain customer ${first.id}` }).click();
  const explained = customers.getByRole('heading', { level: 4, name: new RegExp(`^Customer ${first.id}:`) });
  await expect(explained).toBeFocused();
  const base = parseSigned((await customers.getByTestId('explain-base').textContent())!);
  const logOdds = parseSigned((await customers.getByTestId('explain-logodds').textContent())!);
  const table = customers.getByRole('table', { name: `Contributions for customer ${first.id}` });
  const cells = (await table.locator('tbody tr td:nth-child(3)').allTextContents()).map(parseSigned);
  expect(cells.length).toBe(spec.features.length);
  const sum = cells.reduce((s, v) => s + v, base);
  expect(Math.abs(sum - logOdds)).toBeLessThanOrEqual((cells.length + 2) * 0.0005);
  const e = await call<CustomerExplanation>(app, 'predict.explain', { model: list[0].name, dataset: 'telco', id: first.id });
  expect(logOdds).toBeCloseTo(e.logOdds, 3);
  expect(base).toBeCloseTo(e.base, 3);
  await shot(app, 'predict-explain');

  // A person confirms the model's call on that customer: the queue's "Reviewed" filter lists it.
  await queue.getByRole('button', { name: `Confirm the call on ${first.id}` }).click();
  const dialog = app.getByRole('dialog', { name: `Confirm the call on customer ${first.id}` });
  await expect(dialog.getByRole('button', { name: 'Confirm the call' })).toBeDisabled();
  await dialog.getByLabel(/^Why/).fill('Checked the contract and the support history: the call stands.');
  await dialog.getByRole('button', { name: 'Confirm the call' }).click();
  await expect(dialog).toBeHidden();
  await customers.getByText(/^Reviewed \(1\)$/).click();
  await expect(queue.getByRole('row', { name: new RegExp(first.id) })).toContainText('Confirmed');

  // Score the training dataset into a new one, and open it on the Data view.
  const score = await openTab(app, 'Score');
  await score.getByRole('button', { name: 'Score dataset' }).click();
  await expect(score.getByText('Scored 7,043 rows into', { exact: false })).toBeVisible({ timeout: 120_000 });
  const scoredName = `telco scored by ${list[0].name}`;
  await shot(app, 'predict-scored');
  const link = score.getByRole('link', { name: `Open “${scoredName}” on the Data view` });
  await expect(link).toHaveAttribute('href', `#/data?dataset=${encodeURIComponent(scoredName)}`);
  await link.click();
  await expect(app.getByRole('article', { name: 'Column probability' })).toBeVisible({ timeout: 30_000 });

  // The model's fairness audit, opened in the Audit view.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Predict', exact: true }).click();
  const fairness = await openTab(app, 'Fairness');
  await fairness.getByRole('radio', { name: /^It helps them/ }).check();
  await fairness.getByRole('button', { name: 'Audit this model’s fairness' }).click();
  await expect(fairness.getByText(/^Audit saved as “/)).toBeVisible({ timeout: 120_000 });
  await shot(app, 'predict-fairness-done');
  await fairness.getByRole('button', { name: 'Open the audit in the Audit view' }).click();
  await expect(app.getByRole('heading', { level: 2, name: /^Fairness audit of probability ≥/ })).toBeVisible({ timeout: 30_000 });

  // A saved model opens in the Predict view from the Saved results list.
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Saved results', exact: true }).click();
  await app.getByRole('table', { name: 'Saved results' }).getByRole('button', { name: `Open ${list[0].name}` }).click();
  await expect(app).toHaveURL(/#\/predict$/);
  await expect(app.getByRole('region', { name: 'Predict', exact: true }).getByRole('heading', { level: 2, name: 'Model of Churn = Yes in “telco”' })).toBeVisible();
});
