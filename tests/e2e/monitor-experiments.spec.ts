// The Monitor view's Experiments area end to end in Chromium against the browser host, on the demo workspace (seed
// 42; its checkout experiment is main/workspace/monitor/experiment/demo-experiment.ts). The set-up asks for what it
// cannot infer (the success value); the verdict shown is the services' own sentence for the same spec (called through
// the API), effects by device are shown as exploratory; a planned 60/40 split makes the demo's ~50/50 arms a
// sample-ratio mismatch: the alert withholds the verdict and the comparison until acknowledged; the planning
// calculator answers 3,835 per arm for 10% → 12% (statsmodels NormalIndPower: 3,834.6); a 99% level gives the
// services' own intervals and verdict at 99%. Screenshots at 1366 × 768
// and 1920 × 1080; no request leaves 127.0.0.1 (the fixture checks).
import type { Page } from '@playwright/test';
import type { ExperimentResult } from '../../shared/monitor-experiment';
import { call, expect, shot, test } from './fixtures';

const SPEC = { dataset: 'Demo checkout experiment', arm: 'arm', outcome: 'converted', kind: 'binary', positive: 'Yes', control: 'control', by: 'device' };

async function openExperiments(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Monitor', exact: true }).click();
  await app.getByRole('tab', { name: 'Experiments', exact: true }).click();
}

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('an experiment: set-up, verdict in words, segments, sample-ratio alert with acknowledge, planning calculator', async ({ app }) => {
    test.setTimeout(240_000);
    await app.setViewportSize({ width: 1366, height: 768 });
    await openExperiments(app);
    const setup = app.getByRole('complementary', { name: 'Experiment set-up' });
    await expect(setup.getByLabel('Experiment dataset')).toHaveValue('Demo checkout experiment');
    await expect(setup.getByRole('combobox', { name: /^Arm/ })).toHaveValue('arm');
    await expect(setup.getByRole('combobox', { name: /^Control arm/ })).toHaveValue('control');
    await setup.getByRole('combobox', { name: /^Outcome/ }).selectOption('converted');
    // A yes/no column reads as a rate by itself; which value is a success is asked, never guessed.
    await expect(setup.getByRole('radio', { name: 'Yes/no rate' })).toBeChecked();
    const run = setup.getByRole('button', { name: /^Run experiment analysis$/ });
    await expect(run).toBeDisabled();
    await expect(app.getByText('Choose the outcome value that counts as a success.').first()).toBeVisible();
    await setup.getByRole('combobox', { name: /^Counts as a success/ }).selectOption('Yes');
    await setup.getByRole('combobox', { name: /^Effects by segment/ }).selectOption('device');
    await run.click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });

    const expected = await call<ExperimentResult>(app, 'experiment.run', { jobId: 'e2e_exp_check', spec: SPEC });
    expect(expected.verdict.status).toBe('better');
    const verdict = app.getByRole('region', { name: 'Verdict' });
    await expect(verdict).toContainText(expected.verdict.sentences[0]);
    await expect(verdict).toContainText('Worked');
    const table = app.getByRole('table', { name: 'Comparison with the control' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('new_checkout');
    const segments = app.getByRole('region', { name: 'Effects by segment' });
    await expect(segments).toContainText('exploratory');
    await expect(segments).toContainText('Cochran’s Q');
    await expect(segments.getByRole('figure', { name: 'Difference from “control” by device' })).toBeVisible();
    await expect(segments).toContainText(`app ${expected.segments!.rows.find((s) => s.segment === 'app')!.comparisons[0].difference! > 0 ? '+' : ''}`);
    await expect(app.getByRole('figure').first()).toBeVisible();
    await shot(app, 'monitor-experiment-result-1366');
    await app.screenshot({ path: '/tmp/shots-experiment/result-1366.png' });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot({ path: '/tmp/shots-experiment/result-1920.png' });
    await app.setViewportSize({ width: 1366, height: 768 });

    // A 99% confidence level: every interval and the verdict are the services' own at that level.
    await setup.getByRole('combobox', { name: /^Confidence level/ }).selectOption('0.99');
    await setup.getByRole('button', { name: /^Run again$/ }).click();
    await expect(table.getByRole('columnheader', { name: '99% CI' })).toBeVisible({ timeout: 120_000 });
    const at99 = await call<ExperimentResult>(app, 'experiment.run', { jobId: 'e2e_exp_check99', spec: { ...SPEC, level: 0.99 } });
    expect(at99.level).toBe(0.99);
    await expect(verdict).toContainText(at99.verdict.sentences[0]);
    await setup.getByRole('combobox', { name: /^Confidence level/ }).scrollIntoViewIfNeeded();
    await app.screenshot({ path: '/tmp/shots-experiment/level99-1366.png' });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot({ path: '/tmp/shots-experiment/level99-1920.png' });
    await app.setViewportSize({ width: 1366, height: 768 });
    await setup.getByRole('combobox', { name: /^Confidence level/ }).selectOption('0.95');

    // A planned 60/40 split: the demo's even arms become a mismatch; verdict and comparison withheld.
    await setup.getByRole('textbox', { name: /^Planned split/ }).fill('40,60');
    await setup.getByRole('button', { name: /^Run again$/ }).click();
    const alert = app.getByRole('alert').filter({ hasText: 'Sample-ratio mismatch' });
    await expect(alert).toBeVisible({ timeout: 120_000 });
    await expect(alert).toContainText('The verdict is withheld until someone has looked');
    await expect(app.getByRole('region', { name: 'Verdict' })).toHaveCount(0);
    await expect(app.getByRole('table', { name: 'Comparison with the control' })).toHaveCount(0);
    // The alert leads the result and takes the focus when the run ends (so it is in view, not scrolled past).
    await expect(alert.getByRole('heading', { name: 'Sample-ratio mismatch: the verdict is withheld' })).toBeFocused();
    await expect(alert).toBeInViewport();
    await app.screenshot({ path: '/tmp/shots-experiment/srm-1366.png' });
    await alert.getByRole('button', { name: 'I have looked into it: show the verdict' }).click();
    await expect(app.getByRole('region', { name: 'Verdict' })).toContainText('was acknowledged', { timeout: 120_000 });
    await expect(app.getByRole('table', { name: 'Comparison with the control' })).toBeVisible();

    // Effects by a saved segmentation of the demo customers (matched to the experiment through customer_id).
    await call(app, 'segment.run', { jobId: 'e2e_exp_seg', params: { dataset: 'Demo customers', features: ['tenure_months', 'monthly_spend'], k: 3, restarts: 1, name: 'Spend tiers' } });
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Data', exact: true }).click();
    await openExperiments(app);
    await setup.getByRole('combobox', { name: /^Effects by segment/ }).selectOption({ label: 'Spend tiers (3 segments)' });
    await setup.getByRole('button', { name: /^Run again$/ }).click();
    await expect(app.getByRole('region', { name: 'Effects by segment' })).toContainText('Effects by segmentation Spend tiers', { timeout: 120_000 });

    // Planning: 10% → 12% at alpha 0.05, power 0.8 (the calculator's defaults).
    const plan = app.getByRole('region', { name: 'Planning calculator' });
    await plan.scrollIntoViewIfNeeded();
    await expect(plan.getByTestId('plan-answer')).toHaveText('To detect a change of the rate from 10% to 12% (+2 points), plan 3,835 customers per arm (7,670 in all).');
    await plan.getByText('Detectable effect', { exact: true }).click();
    await expect(plan.getByTestId('plan-answer')).toContainText('With 2,000 customers per arm, a rise of the rate from 10% to');
    await app.screenshot({ path: '/tmp/shots-experiment/plan-1366.png' });
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.screenshot({ path: '/tmp/shots-experiment/plan-1920.png' });
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.setViewportSize({ width: 1366, height: 768 });
    await app.getByRole('region', { name: 'Verdict' }).scrollIntoViewIfNeeded();
    await shot(app, 'monitor-experiment-dark-1366');
    await app.screenshot({ path: '/tmp/shots-experiment/dark-1366.png' });
  });
});
