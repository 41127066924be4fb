// The Predict view with a label made from an event log, on the built-in demo workspace (synthetic, seed 42): "Demo
// customers" is the customer table, "Demo journey events" the log (2025). The analyst switches the outcome to "An event
// log": the log and its customer_id / timestamp columns are pre-chosen, the direction is asked (nothing is trained
// until "No event in the window" is picked), the cut-off is taken from the "latest cut-off" link (the log's last day
// minus 90 days). The demo table holds dates after that cut-off (nps_surveyed_at, for one: it was exported at the
// end of the year), so the run stops and says so; the analyst confirms and the model trains. Checked: the result says how the
// label was made; its test AUC equals the 'predict.train' handler's on the same spec (deterministic); the history
// features are among the explanations; axe (WCAG 2.0/2.1 A and AA) passes on the set-up and the refusal. Screenshots of the set-up and the result at 1366 × 768 and 1920 × 1080.
import type { PredictResult, PredictSpec } from '../../shared/predict';
import type { SavedResult, SavedResultSummary } from '../../shared/results';
import { expectAccessible } from './axe';
import { call, expect, shot, test } from './fixtures';

test.use({ hostOptions: { workspace: null } });

test('demo: a churn label made from the journey events with a cut-off, the late-table guard, and the model', async ({ app }) => {
  test.setTimeout(240_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Predict', exact: true }).click();
  const setup = app.getByRole('complementary', { name: 'Predict set-up' });
  await setup.getByRole('combobox', { name: 'Dataset' }).selectOption('Demo customers');
  await setup.getByText('An event log', { exact: true }).click();
  await expect(setup.getByRole('combobox', { name: /^Event log/ })).toBeVisible();
  await setup.getByRole('combobox', { name: /^Event log/ }).selectOption('Demo journey events');
  await expect(setup.getByRole('combobox', { name: /^Customer id in the log/ })).toHaveValue('customer_id');
  await expect(setup.getByRole('combobox', { name: /^Event date/ })).toHaveValue('timestamp');
  // The direction is asked, never assumed: the run waits for it.
  await expect(setup.getByText('Predicting: churned = ? (say which is the outcome)')).toBeVisible();
  const run = app.getByRole('button', { name: 'Train model' }).last();
  await expect(run).toBeDisabled();
  await setup.getByRole('radio', { name: 'No event in the window (churn, lapse)' }).check();
  // The latest cut-off the log can answer for 90 days.
  const latest = setup.getByRole('button', { name: /^\d{4}-\d{2}-\d{2}$/ });
  await expect(latest).toBeVisible({ timeout: 30_000 });
  const cutoff = (await latest.textContent())!.trim();
  await latest.click();
  await expect(setup.getByRole('textbox', { name: /^Cut-off day/ })).toHaveValue(cutoff);
  await expect(setup.getByText(`Predicting: churned = yes — no event in “Demo journey events” in the 90 days after ${cutoff}`)).toBeVisible();
  await expectAccessible(app, 'Predict set-up with an event-log label');
  await shot(app, 'predict-event-label-setup-1366');
  await app.setViewportSize({ width: 1920, height: 1080 });
  await shot(app, 'predict-event-label-setup-1920');
  await app.setViewportSize({ width: 1366, height: 768 });

  await expect(run).toBeEnabled({ timeout: 30_000 });
  await run.click();
  await expect(app.getByText('The customer table was recorded after the cut-off').first()).toBeVisible({ timeout: 120_000 });
  // (The live region repeats the message for screen readers: the visible alert is the one read here.)
  const refusal = app.getByRole('alert').filter({ hasText: 'holds dates after the cut-off' });
  await expect(refusal).toContainText(/“nps_surveyed_at” up to 20\d\d-/);
  await expectAccessible(app, 'Predict: the late-table refusal');
  const named = await refusal.textContent();
  await app.getByRole('button', { name: 'The features were known by the cut-off: train anyway' }).click();

  const heading = app.getByRole('heading', { level: 2, name: /^Model of churned/ });
  await expect(heading).toBeVisible({ timeout: 180_000 });
  await expect(app.getByText(new RegExp(`churned = yes: no event in “Demo journey events” in the 90 days after ${cutoff}`))).toBeVisible();
  await shot(app, 'predict-event-label-result-1366');
  await app.setViewportSize({ width: 1920, height: 1080 });
  await shot(app, 'predict-event-label-result-1920');

  // The saved model's spec, trained again through the handler: the same test AUC, bit for bit.
  const saved = (await call<SavedResultSummary[]>(app, 'results.list', { kind: 'model' }))[0];
  const stored = (await call<SavedResult>(app, 'results.get', { id: saved.id })).result as PredictResult;
  const spec: PredictSpec = stored.spec;
  expect(spec.label).toMatchObject({ events: 'Demo journey events', customer: 'customer_id', time: 'timestamp', cutoff, horizonDays: 90, positiveWhen: 'no-event' });
  // One confirmation (of the first date column named) covers the table.
  expect(spec.confirmedLeaks).toHaveLength(1);
  expect(named).toContain(`“${spec.confirmedLeaks![0]}” up to`);
  const again = await call<PredictResult>(app, 'predict.train', { jobId: 'e2e-event-label', spec });
  expect(again.test.auc).toBe(stored.test.auc);
  expect(stored.features.map((f) => f.name)).toContain('history: days since last event');
  expect(stored.eventLabel!.notYetCustomers).toBeGreaterThanOrEqual(0);
});
