// The Monitor view's Cohorts area end to end in Chromium against the browser host, on the demo workspace (seed 42):
// the set-up pre-fills the demo journey events' customer id and timestamp, builds monthly cohorts, and the heatmap's
// table (Show as table) is checked against an independent recount of the event rows read through 'dataset.rows'
// and tallied here (each customer's first month; distinct customers per month since). The summary is the services'
// own sentence; incomplete periods are marked; a split by channel shows the curves per channel. Then a purchase log
// generated here (tests/fixtures/monitor/cohorts-log.mjs: 400 customers in arms A/B, amounts, sparse 0–10 scores)
// imported through the UI: revenue and NPS are not pre-filled; once chosen, the revenue heatmap's table equals the
// handler's revenue per customer. Screenshots at 1366 × 768 and 1920 × 1080; no request leaves 127.0.0.1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { RowPage } from '../../shared/domain';
import type { CohortsResult } from '../../shared/monitor-cohorts';
import { call, expect, shot, test } from './fixtures';
// @ts-expect-error a plain .mjs fixture shared with the integration test and the benchmark
import { writeCohortLog } from '../fixtures/monitor/cohorts-log.mjs';

const EVENTS = 'Demo journey events';
const SHOTS = '/tmp/shots-cohorts';

/** Month index (year × 12 + month − 1) of an ISO UTC time, by string. */
const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/** Cohort size and active customers per month since, by first month, tallied from every event row. */
async function recount(app: Page): Promise<Map<number, { size: number; active: number[] }>> {
  const rows: RowPage['rows'] = [];
  let columns: string[] = [];
  for (let offset = 0; ; offset += 2000) {
    const page = await call<RowPage>(app, 'dataset.rows', { dataset: EVENTS, offset, limit: 2000 });
    columns = page.columns;
    rows.push(...page.rows);
    if (rows.length >= page.total) break;
  }
  const c = columns.indexOf('customer_id');
  const t = columns.indexOf('timestamp');
  const months = new Map<string, Set<number>>();
  for (const r of rows) {
    const set = months.get(String(r[c])) ?? new Set<number>();
    set.add(monthOf(String(r[t])));
    months.set(String(r[c]), set);
  }
  const out = new Map<number, { size: number; active: number[] }>();
  for (const set of months.values()) {
    const first = Math.min(...set);
    const cohort = out.get(first) ?? { size: 0, active: [] };
    cohort.size++;
    for (const m of set) cohort.active[m - first] = (cohort.active[m - first] ?? 0) + 1;
    out.set(first, cohort);
  }
  return out;
}

async function openCohorts(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Monitor', exact: true }).click();
  await app.getByRole('tab', { name: 'Cohorts', exact: true }).click();
}

async function both(app: Page, name: string): Promise<void> {
  await app.setViewportSize({ width: 1366, height: 768 });
  await app.waitForTimeout(300);
  await app.screenshot({ path: `${SHOTS}/${name}-1366.png` });
  await app.setViewportSize({ width: 1920, height: 1080 });
  await app.waitForTimeout(300);
  await app.screenshot({ path: `${SHOTS}/${name}-1920.png` });
  await app.setViewportSize({ width: 1366, height: 768 });
}

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('cohorts of the demo events: pre-filled set-up, heatmap table = recount, incomplete months marked, split by channel', async ({ app }) => {
    test.setTimeout(240_000);
    await app.setViewportSize({ width: 1366, height: 768 });
    await openCohorts(app);
    const setup = app.getByRole('complementary', { name: 'Cohorts set-up' });
    await expect(setup.getByLabel('Event or purchase log')).toHaveValue(EVENTS);
    await expect(setup.getByRole('combobox', { name: /^Customer/ })).toHaveValue('customer_id');
    await expect(setup.getByRole('combobox', { name: /^Time of the event/ })).toHaveValue('timestamp');
    // Revenue and NPS are never guessed.
    await expect(setup.getByRole('combobox', { name: /^Revenue/ })).toHaveValue('');
    await both(app, 'setup');
    await setup.getByRole('button', { name: /^Build cohorts$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });

    const expected = await call<CohortsResult>(app, 'cohorts.run', { jobId: 'e2e_cohorts_check', spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', unit: 'month' } });
    const main = app.getByRole('region', { name: 'Cohorts', exact: true });
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText(expected.summary);
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText('3,000');
    await both(app, 'result');

    // The heatmap's numbers against the recount, cell by cell (percent with one decimal; " *" = not fully observed).
    const truth = await recount(app);
    const figure = main.getByRole('figure', { name: /^Retention by monthly cohort/ });
    await figure.getByRole('switch', { name: 'Show as table' }).check();
    const table = main.getByRole('table', { name: /^Retention by monthly cohort.*: the numbers$/ });
    await expect(table).toBeVisible();
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(truth.size);
    const firstMonth = Math.min(...truth.keys());
    for (let i = 0; i < truth.size; i++) {
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((s) => s.trim());
      const cohort = truth.get(firstMonth + i)!;
      expect(cells[0], `cohort ${i} size`).toBe(cohort.size.toLocaleString('en-US'));
      const shown = cells.slice(1).filter((x) => x !== "—");
      const lastDay = expected.observedThrough;
      shown.forEach((cell, p) => {
        const want = ((100 * (cohort.active[p] ?? 0)) / cohort.size).toFixed(1);
        // The cohort's month + p ends after the last day observed: marked, not a drop.
        const month = firstMonth + i + p + 1;
        const incomplete = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01` > `${lastDay.slice(0, 8)}32`;
        expect(cell, `cohort ${i} month ${p}`).toBe(incomplete ? `${want}% *` : `${want}%`);
      });
    }
    await expect(table.locator('xpath=..').locator('..')).toContainText('* = month not yet fully observed');
    await figure.getByRole('switch', { name: 'Show as table' }).uncheck();

    // Split by channel: a curve per channel, the heatmap per channel.
    await setup.getByText('A column', { exact: true }).click();
    await setup.getByRole('combobox', { name: /^Split column/ }).selectOption('channel');
    await setup.getByRole('button', { name: /^Build cohorts$|^Run again$|^Update/ }).first().click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const split = await call<CohortsResult>(app, 'cohorts.run', { jobId: 'e2e_cohorts_split', spec: { dataset: EVENTS, customer: 'customer_id', time: 'timestamp', unit: 'month', by: 'channel' } });
    await expect(main.getByRole('group', { name: 'Summary' })).toContainText(split.summary);
    await expect(main.getByRole('figure', { name: 'Retention by channel' })).toBeVisible();
    await main.getByRole('combobox', { name: 'Cohorts of channel' }).selectOption(String(split.groups[1].group));
    await expect(main.getByRole('figure', { name: new RegExp(`^Retention by monthly cohort — channel ${split.groups[1].group}`) })).toBeVisible();
    await main.getByRole('figure', { name: 'Retention by channel' }).scrollIntoViewIfNeeded();
    await both(app, 'split-curves');
    await shot(app, 'monitor-cohorts-split');
  });

  test('a purchase log imported through the UI: revenue and NPS chosen by the analyst, the revenue table = the handler', async ({ app }) => {
    test.setTimeout(240_000);
    await app.setViewportSize({ width: 1366, height: 768 });
    const csv = join(mkdtempSync(join(tmpdir(), 'cxw-e2e-cohorts-')), 'purchases.csv');
    await writeCohortLog(csv, { customers: 400, seed: 3, start: '2025-01-01', days: 300, meanGapDays: 30, order: 'time', format: 'z' });
    const chooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Import data' }).first().click();
    await app.getByRole('button', { name: 'Import into demo anyway' }).click();
    await app.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(csv);
    await app.getByLabel('Dataset name').fill('purchases');
    await app.getByRole('button', { name: 'Commit import' }).click();
    await expect(app.getByRole('article', { name: 'Column amount' })).toBeVisible({ timeout: 60_000 });

    await openCohorts(app);
    const setup = app.getByRole('complementary', { name: 'Cohorts set-up' });
    await setup.getByLabel('Event or purchase log').selectOption('purchases');
    await setup.getByRole('combobox', { name: /^Customer/ }).selectOption('customer_id');
    await setup.getByRole('combobox', { name: /^Time of the event/ }).selectOption('ts');
    await expect(setup.getByRole('combobox', { name: /^Revenue/ })).toHaveValue('');
    await expect(setup.getByRole('combobox', { name: /^NPS score/ })).toHaveValue('');
    await setup.getByRole('combobox', { name: /^Revenue/ }).selectOption('amount');
    await setup.getByRole('combobox', { name: /^NPS score/ }).selectOption('ltr');
    await setup.getByRole('button', { name: /^Build cohorts$|^Run again$/ }).first().click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const r = await call<CohortsResult>(app, 'cohorts.run', { jobId: 'e2e_cohorts_rev', spec: { dataset: 'purchases', customer: 'customer_id', time: 'ts', unit: 'month', value: 'amount', nps: 'ltr' } });

    const main = app.getByRole('region', { name: 'Cohorts', exact: true });
    await main.getByText('Revenue', { exact: true }).click();
    const figure = main.getByRole('figure', { name: /^Revenue per customer by monthly cohort/ });
    await figure.getByRole('switch', { name: 'Show as table' }).check();
    const rows = main.getByRole('table', { name: /^Revenue per customer by monthly cohort.*: the numbers$/ }).locator('tbody tr');
    await expect(rows).toHaveCount(r.cohorts.length);
    for (let i = 0; i < r.cohorts.length; i++) {
      const c = r.cohorts[i];
      const cells = (await rows.nth(i).locator('td').allTextContents()).map((x) => x.trim());
      const want = c.revenue!.perCustomer.map((v, p) => `${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${c.incomplete[p] ? ' *' : ''}`);
      expect(cells.slice(1, 1 + want.length).map((x) => x.replace(/^([\d,.]+) \*$/, (_, v: string) => `${v} *`)), c.cohort).toEqual(
        want.map((w) => (w.endsWith(' *') ? `${Number(w.slice(0, -2).replace(/,/g, '')).toFixed(2)} *` : w)),
      );
    }
    await figure.getByRole('switch', { name: 'Show as table' }).uncheck();
    await both(app, 'revenue');
    await main.getByText('NPS', { exact: true }).click();
    await expect(main.getByRole('figure', { name: /^NPS by monthly cohort/ })).toBeVisible();
    await both(app, 'nps');
  });
});
