// The Predict result's Drift tab on the built-in demo workspace: a model of repeat_customer = Yes trained on "Survey
// wave Q1 2025" (logistic regression, the default features), checked on "Survey wave Q2 2025" — the wave where the
// survey moved from web to phone and waits got longer (main/workspace/monitor/drift/demo-waves.ts). Checked: the
// verdict and the table show what the 'predict.monitor' handler returns for the same model and wave (PSI, band, both
// AUCs); the chart can be read as a table; axe passes; screenshots at 1366 × 768 and 1920 × 1080.
import type { ModelMonitor } from '../../shared/predict';
import type { SavedResultSummary } from '../../shared/results';
import { expectAccessible } from './axe';
import { call, expect, shot, test } from './fixtures';

test.use({ hostOptions: { workspace: null } });

test('demo: a model trained on Q1 checked on Q2 in the Drift tab', async ({ app }) => {
  test.setTimeout(240_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Predict', exact: true }).click();
  const setup = app.getByRole('complementary', { name: 'Predict set-up' });
  await setup.getByRole('combobox', { name: 'Dataset' }).selectOption('Survey wave Q1 2025');
  const target = setup.getByRole('combobox', { name: /^Target/ });
  await expect(target.locator('option', { hasText: 'repeat_customer' })).toHaveCount(1, { timeout: 30_000 });
  await target.selectOption('repeat_customer');
  await setup.getByRole('combobox', { name: /^Value to predict/ }).selectOption('Yes');
  await setup.getByRole('combobox', { name: /^Kind of model/ }).selectOption('logistic');
  const run = app.getByRole('button', { name: 'Train model' }).last();
  await expect(run).toBeEnabled({ timeout: 30_000 });
  await run.click();
  await expect(app.getByRole('heading', { level: 2, name: /^Model of repeat_customer/ })).toBeVisible({ timeout: 180_000 });

  await app.getByRole('tab', { name: 'Drift', exact: true }).click();
  const panel = app.getByRole('tabpanel', { name: 'Drift' });
  await panel.getByRole('combobox', { name: 'New wave' }).selectOption('Survey wave Q2 2025');
  await panel.getByRole('button', { name: 'Check the model' }).click();
  const verdict = panel.getByRole('group', { name: 'Verdict' });
  await expect(verdict).toBeVisible({ timeout: 120_000 });
  await expect(panel.locator('.cxw-chart-overlay')).toHaveCount(0);

  const model = (await call<SavedResultSummary[]>(app, 'results.list', { kind: 'model' }))[0].name;
  const m = await call<ModelMonitor>(app, 'predict.monitor', { jobId: 'e2e-monitor', model, current: 'Survey wave Q2 2025' });
  await expect(verdict).toContainText(m.verdict);
  await expect(verdict).toContainText(`Scores: ${m.scoreDrift.band}`);
  await expect(panel.getByText(`Score drift: PSI ${m.scoreDrift.psi.toFixed(3)}`)).toBeVisible();
  const waves = panel.getByRole('group', { name: 'The two waves' });
  await expect(waves.getByRole('row', { name: /Reference: “Survey wave Q1 2025” \(its test rows\)/ })).toContainText(m.reference.auc!.toFixed(3));
  await expect(waves.getByRole('row', { name: /New wave: “Survey wave Q2 2025”/ })).toContainText(m.current.auc!.toFixed(3));
  await panel.getByRole('figure').first().getByRole('switch', { name: 'Show as table' }).check();
  await expect(panel.getByRole('table', { name: /Scores of the two waves: the numbers/ })).toBeVisible();
  await expectAccessible(app, 'Predict: the Drift tab');
  await shot(app, 'predict-drift-1366');
  await app.setViewportSize({ width: 1920, height: 1080 });
  await shot(app, 'predict-drift-1920');
});
