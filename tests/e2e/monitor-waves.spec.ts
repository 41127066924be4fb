// The Monitor view's Waves area end to end in Chromium against the browser host, on the demo workspace: its two
// survey waves (main/workspace/monitor/drift/demo-waves.ts, seed 7) are pre-filled as reference and current wave
// (the names order them), with the NPS column from its role and channel as the mix. The run must flag exactly the
// three planted columns and say the NPS change is mostly mix; what the screen shows is checked against the
// 'drift.run' handler's own result on the same spec. Drill-down into a column, sorting, screenshots at 1366×768 and
// 1920×1080 (test-results/screenshots/monitor-waves-*.png). The fixture fails the test if any request leaves 127.0.0.1.
import type { Page } from '@playwright/test';
import type { DriftResult } from '../../shared/monitor-drift';
import { expectAccessible } from './axe';
import { call, expect, shot, test } from './fixtures';

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  async function openWaves(app: Page) {
    await app.goto(`${new URL(app.url()).origin}/#/monitor/waves`);
    await expect(app.getByRole('tab', { name: 'Waves & drift' })).toHaveAttribute('aria-selected', 'true');
  }

  test('pre-filled waves; exactly the planted drifts; NPS change mostly mix; drill-down', async ({ app }) => {
    test.setTimeout(180_000);
    await app.setViewportSize({ width: 1366, height: 768 });
    await openWaves(app);
    const setup = app.getByRole('complementary', { name: 'Waves and drift set-up' });
    await expect(setup.getByLabel('Reference wave (earlier)')).toHaveValue('Survey wave Q1 2025');
    await expect(setup.getByLabel(/^Current wave/)).toHaveValue('Survey wave Q2 2025');
    await expect(setup.getByLabel(/^NPS column/)).toHaveValue('nps_score');
    await expect(setup.getByLabel(/^Mix column/)).toHaveValue('channel');
    await shot(app, 'monitor-waves-setup-1366');
    await expectAccessible(app, 'Waves & drift set-up (light)');

    await setup.getByRole('button', { name: /^Compare waves$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const truth = await call<DriftResult>(app, 'drift.run', {
      jobId: 'e2e_waves_truth',
      spec: { reference: 'Survey wave Q1 2025', current: 'Survey wave Q2 2025', nps: 'nps_score', mix: 'channel' },
    });
    expect(truth.columns.filter((c) => c.drifted).map((c) => c.name).sort()).toEqual(['channel', 'contact_reason', 'wait_minutes']);

    const main = app.getByRole('region', { name: 'Waves and drift', exact: true });
    await expect(main.getByRole('group', { name: `Data drift: 3 of ${truth.total} columns drifted` })).toBeVisible();
    await expect(main.getByRole('group', { name: 'NPS: change is mostly mix' })).toBeVisible();
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText(`3 of ${truth.total} columns drifted`);
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText('mostly mix');

    const table = main.getByRole('table', { name: 'Columns compared between the waves' });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(truth.total);
    // Sorted by distance, largest first: the three drifted columns on top, each with its badge.
    const top = await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => tr.querySelector('td button')!.textContent!.trim()));
    expect(top.sort()).toEqual(['channel', 'contact_reason', 'wait_minutes']);
    await expect(table.locator('tbody').getByText('yes', { exact: true })).toHaveCount(3);
    const wait = truth.columns.find((c) => c.name === 'wait_minutes')!;
    await expect(rows.filter({ hasText: 'wait_minutes' })).toContainText(`${wait.distance.toFixed(3)} W`);
    await expect(rows.filter({ hasText: 'contact_reason' })).toContainText('new: Outage');
    await expect(main.getByText(/Not compared: response_id/)).toBeVisible();

    // The drill-down shows the most drifted column first, then the one clicked.
    await expect(main.getByRole('figure', { name: 'wait_minutes: reference vs current wave' })).toBeVisible();
    await table.getByRole('button', { name: 'Show contact_reason' }).click();
    const figure = main.getByRole('figure', { name: 'contact_reason: reference vs current wave' });
    await expect(figure.locator('.main-svg').first()).toBeVisible();
    await expect(figure).toContainText('The largest change of contact_reason is in “Outage”');

    // Sorting by name: A→Z on the first click, Z→A on the second.
    const names = truth.columns.map((c) => c.name).sort((a, b) => a.localeCompare(b));
    await table.getByRole('button', { name: /^Column/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Column/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows.first().locator('td button')).toHaveText(names[0]);
    await table.getByRole('button', { name: /^Column/ }).click();
    await expect(rows.first().locator('td button')).toHaveText(names[names.length - 1]);

    await expectAccessible(app, 'Waves & drift result (light)');
    // The NPS block: raw vs at the reference mix.
    await expect(main.getByRole('figure', { name: 'NPS change: raw and at the reference mix' })).toBeVisible();
    await expect(main.getByRole('figure', { name: 'Mix of channel in each wave' })).toContainText('The biggest shift in channel');
    await shot(app, 'monitor-waves-results-1366');
    await figure.scrollIntoViewIfNeeded();
    await shot(app, 'monitor-waves-drill-1366');
    await app.setViewportSize({ width: 1920, height: 1080 });
    await main.getByRole('group', { name: 'Summary' }).scrollIntoViewIfNeeded();
    await shot(app, 'monitor-waves-results-1920');
    await main.getByRole('figure', { name: 'Mix of channel in each wave' }).scrollIntoViewIfNeeded();
    await shot(app, 'monitor-waves-nps-1920');
  });

  test('two periods of one dataset: the ranges typed in, the same verdict as the handler', async ({ app }) => {
    test.setTimeout(120_000);
    await openWaves(app);
    const setup = app.getByRole('complementary', { name: 'Waves and drift set-up' });
    await setup.getByText('Two periods', { exact: true }).click();
    await setup.getByLabel('Dataset', { exact: true }).selectOption('Survey wave Q1 2025');
    await expect(setup.getByLabel('Date column')).toHaveValue('survey_date');
    const ranges = [
      ['Reference from', '2025-01-01'],
      ['Current from', '2025-02-01'],
    ] as const;
    for (const [label, day] of ranges) await setup.getByLabel(label).fill(day);
    const to = setup.getByLabel('to', { exact: true });
    await to.nth(0).fill('2025-01-31');
    await to.nth(1).fill('2025-03-31');
    await setup.getByRole('button', { name: /^Compare waves$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const truth = await call<DriftResult>(app, 'drift.run', {
      jobId: 'e2e_waves_period',
      spec: { dataset: 'Survey wave Q1 2025', period: 'survey_date', referenceRange: ['2025-01-01', '2025-01-31'], currentRange: ['2025-02-01', '2025-03-31'], nps: 'nps_score', mix: 'channel' },
    });
    const main = app.getByRole('region', { name: 'Waves and drift', exact: true });
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText(`${truth.drifted} of ${truth.total} columns drifted`);
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText('Survey wave Q1 2025 2025-01-01..2025-01-31 → Survey wave Q1 2025 2025-02-01..2025-03-31');
    // Within one quarter nothing was planted: the same channel mix in both months, so no column drifts.
    expect(truth.drifted).toBe(0);
  });

  test('asks for the current wave when the names do not order the waves', async ({ app }) => {
    await openWaves(app);
    const setup = app.getByRole('complementary', { name: 'Waves and drift set-up' });
    await setup.getByLabel('Reference wave (earlier)').selectOption('Demo customers');
    // No other dataset has its columns, and it has dates: it starts as one dataset split by a date column, ranges asked.
    await expect(setup.getByLabel('Date column')).toHaveValue('signup_date');
    await expect(setup.getByRole('button', { name: /^Compare waves$/ })).toBeDisabled();
    await setup.getByText('Two datasets', { exact: true }).click();
    await expect(setup.getByLabel(/^Current wave/)).toHaveValue('');
    await expect(setup.getByRole('button', { name: /^Compare waves$/ })).toBeDisabled();
  });
});

// The area in the dark scheme, set-up and result: axe's WCAG A/AA rules, no critical or serious violation (kept in this
// spec rather than accessibility.spec.ts, whose saved-results count a run here would change).
test.describe('dark scheme', () => {
  test.use({ hostOptions: { workspace: null }, colorScheme: 'dark' });
  test('Waves & drift passes axe', async ({ app }) => {
    test.setTimeout(120_000);
    await app.goto(`${new URL(app.url()).origin}/#/monitor/waves`);
    const setup = app.getByRole('complementary', { name: 'Waves and drift set-up' });
    await expect(setup.getByLabel(/^Current wave/)).toHaveValue('Survey wave Q2 2025');
    await expectAccessible(app, 'Waves & drift set-up (dark)');
    await setup.getByRole('button', { name: /^Compare waves$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    await expectAccessible(app, 'Waves & drift result (dark)');
    await shot(app, 'monitor-waves-results-dark-1280');
  });
});
