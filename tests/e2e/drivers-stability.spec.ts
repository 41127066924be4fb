// Key drivers, "Compare with another wave", end to end in Chromium against the browser host. The demo's survey waves
// (Survey wave Q1/Q2 2025) have no rating columns that drive their score (it is drawn by channel quotas), so two
// waves are written to a temp folder from tests/unit/drivers/stability-waves.ts (seeded; 1,500 rows each; 1–5
// ratings and a 0–10 score; the price rating's weight planted to fall from ~0.25 to ~0.02) and imported through the
// API. Expected: the sentence, the changed flags and the numbers shown are the services' own for the same spec
// (called through the API), and only price_rating is flagged; axe finds nothing; screenshots at 1366 × 768 and
// 1920 × 1080 (/tmp/shots-stability and test-results/screenshots).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriversResult } from '../../shared/nps';
import { expectAccessible } from './axe';
import { call, expect, shot, test } from './fixtures';
import { CURRENT_COEFS, makeWave, REFERENCE_COEFS, STABILITY_DRIVERS, waveCsv } from '../unit/drivers/stability-waves';

const SHOTS = '/tmp/shots-stability';

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('compare the key drivers with another wave: both waves with intervals, the changed driver named', async ({ app }) => {
    test.setTimeout(240_000);
    mkdirSync(SHOTS, { recursive: true });
    const dir = mkdtempSync(join(tmpdir(), 'cxw-waves-'));
    const q1 = join(dir, 'q1.csv');
    const q2 = join(dir, 'q2.csv');
    writeFileSync(q1, waveCsv(makeWave(REFERENCE_COEFS, 1500, 101, true)));
    writeFileSync(q2, waveCsv(makeWave(CURRENT_COEFS, 1500, 202, true)));
    await call(app, 'dataset.import', { jobId: 'e2e_wave_q1', path: q1, name: 'Drivers wave Q1' });
    await call(app, 'dataset.import', { jobId: 'e2e_wave_q2', path: q2, name: 'Drivers wave Q2' });
    await app.reload();
    await app.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await app.setViewportSize({ width: 1366, height: 768 });

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'NPS' }).click();
    await app.getByRole('tab', { name: 'Key drivers' }).click();
    const setup = app.getByRole('complementary', { name: 'Key drivers set-up' });
    await setup.getByRole('combobox', { name: 'Dataset' }).selectOption('Drivers wave Q2');
    await setup.getByRole('combobox', { name: /^Target/ }).selectOption('nps_score');
    for (const d of STABILITY_DRIVERS) await expect(setup.getByRole('checkbox', { name: d, exact: true })).toBeChecked();
    const better = setup.getByRole('radio', { name: /^Higher is better/ });
    if (!(await better.isChecked())) await better.check();
    await setup.getByRole('button', { name: /^Find key drivers$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });

    const main = app.getByRole('region', { name: 'Key drivers' });
    const compareCard = main.getByText('Compare with another wave', { exact: true });
    await compareCard.scrollIntoViewIfNeeded();
    await main.getByRole('combobox', { name: 'Wave to compare with' }).click({ timeout: 20_000 });
    // Only the wave with the same columns is offered (not the demo's other datasets).
    await expect(app.getByRole('listbox').getByRole('option')).toHaveText(['Drivers wave Q1']);
    await app.getByRole('listbox').getByRole('option', { name: 'Drivers wave Q1' }).click();
    await main.getByRole('button', { name: 'Compare waves' }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });

    const expected = await call<DriversResult>(app, 'drivers.analyze', {
      jobId: 'e2e_stability_check',
      spec: { dataset: 'Drivers wave Q2', target: 'nps_score', drivers: [...STABILITY_DRIVERS], direction: 'higher-is-better', bootstrap: 500, seed: 42, level: 0.95, compareWith: 'Drivers wave Q1' },
    });
    const s = expected.stability!;
    expect(s.drivers.filter((d) => d.changed).map((d) => d.name)).toEqual(['price_rating']);
    const sentence = main.getByTestId('stability-sentence');
    await expect(sentence).toHaveText(s.sentence);
    await expect(sentence).toContainText('price_rating lost weight');
    const figure = main.getByRole('figure', { name: 'Driver weights: “Drivers wave Q1” and “Drivers wave Q2”' });
    await expect(figure).toBeVisible();
    const table = main.getByRole('table', { name: 'Driver weights in both waves' });
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    for (const [i, d] of s.drivers.entries()) {
      const row = rows.nth(i);
      await expect(row.locator('td').first()).toHaveText(d.name);
      await expect(row.locator('[data-cell="changed"]')).toHaveText(d.changed ? 'Yes, lost' : 'No');
      await expect(row.locator('td').nth(1)).toContainText(d.reference.weight.toFixed(3));
      await expect(row.locator('td').nth(2)).toContainText(d.current.weight.toFixed(3));
    }
    await expectAccessible(app, 'drivers stability');

    await sentence.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(SHOTS, 'stability-1366.png') });
    await shot(app, 'drivers-stability-1366');
    await app.setViewportSize({ width: 1920, height: 1080 });
    await sentence.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(SHOTS, 'stability-1920.png') });
    await shot(app, 'drivers-stability-1920');
    await table.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(SHOTS, 'stability-table-1920.png') });
    await app.setViewportSize({ width: 1366, height: 768 });
    await table.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(SHOTS, 'stability-table-1366.png') });
    await app.getByRole('button', { name: 'Switch to dark theme' }).click();
    await figure.scrollIntoViewIfNeeded();
    await app.screenshot({ path: join(SHOTS, 'stability-dark-1366.png') });
    await app.getByRole('button', { name: 'Switch to light theme' }).click();
  });
});
