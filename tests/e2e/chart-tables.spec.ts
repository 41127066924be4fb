// Charts with their numbers, end to end in Chromium against the browser host on the demo workspace (seed 42).
// NPS "Answers by score": the summary under the chart (the figure's accessible description) and the table opened with
// "Show as table" are checked against what the 'nps.analyze' handler returns for the same set-up, recomputed here
// (shares, the most common score); the table sorts by clicking and by Enter on a header (aria-sort follows) and copies
// as tab-separated text ("Copied" said in a status line). Nothing inside the aria-hidden plot takes focus (axe's
// aria-hidden-focus, on this chart and on the key-driver quadrant). A segmentation: the sizes chart's table and summary
// equal 'segment.get', the scatter's table has one row per segment with every drawn dot counted, and each segment has
// its own marker shape. Screenshots of a chart with its table at 1366 × 768 and 1920 × 1080 in /tmp/shots-charts/.
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { NpsResult } from '../../shared/nps';
import type { SegmentationResult } from '../../shared/segments';
import { call, expect, test } from './fixtures';

const SHOTS = '/tmp/shots-charts';
const count = (n: number) => n.toLocaleString('en-US');
const pct1 = (v: number) => `${v.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;

async function cells(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** Waits until the chart is drawn (its PNG export is enabled only then). */
async function drawn(figure: Locator): Promise<void> {
  await expect(figure.locator('.main-svg').first()).toBeVisible();
  await expect(figure.getByRole('button', { name: /^Export PNG of/ })).toBeEnabled();
}

/** No element inside the plot can take keyboard focus, while Plotly's mode bar buttons are there (for the mouse). */
async function nothingFocusableInPlot(app: Page, figure: Locator): Promise<void> {
  const counts = await figure.locator('.cxw-chart-plot').evaluate((plot) => ({
    buttons: plot.querySelectorAll('.modebar-btn').length,
    tabbable: [...plot.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [tabindex]')].filter((el) => el.tabIndex >= 0).length,
  }));
  expect(counts.tabbable).toBe(0);
  const axe = await new AxeBuilder({ page: app }).withRules(['aria-hidden-focus']).analyze();
  expect(axe.violations.map((v) => v.nodes.map((n) => n.target.join(' ')))).toEqual([]);
}

/** The window at 1366 × 768 and 1920 × 1080, scrolled to the chart's top, then to the end of its table. */
async function shots(app: Page, frame: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    await app.setViewportSize({ width: w, height: h });
    await app.waitForTimeout(400);
    await frame.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await app.waitForTimeout(200);
    await app.screenshot({ path: `${SHOTS}/${name}-${w}x${h}.png`, animations: 'disabled' });
    await frame.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await app.waitForTimeout(200);
    await app.screenshot({ path: `${SHOTS}/${name}-${w}x${h}-table.png`, animations: 'disabled' });
  }
}

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('NPS answers by score: summary and table equal the handler; sort, copy; no focus inside the hidden plot', async ({ app, context }) => {
    test.setTimeout(240_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const expected = await call<NpsResult>(app, 'nps.analyze', { jobId: 'e2e_chart_tables', spec: { dataset: 'Demo customers', score: 'nps_score' } });
    const dist = expected.distribution;
    const total = dist.reduce((s, d) => s + d.count, 0);
    expect(total).toBe(expected.overall.n);

    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'NPS' }).click();
    const setup = app.getByRole('complementary', { name: 'NPS set-up' });
    await setup.getByRole('button', { name: /^Run NPS analysis$/ }).click();
    await expect(setup.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const main = app.getByRole('region', { name: 'NPS', exact: true });
    const figure = main.getByRole('figure', { name: 'Answers by score' });
    await drawn(figure);

    // The summary, recomputed from the handler's distribution: category shares in whole percent and the modal score.
    const share = (lo: number, hi: number) => Math.round((100 * dist.filter((d) => d.score >= lo && d.score <= hi).reduce((s, d) => s + d.count, 0)) / total);
    const top = dist.reduce((a, b) => (b.count > a.count ? b : a));
    const summary = `Promoters (9–10) are ${share(9, 10)}% of ${count(total)} answers, passives (7–8) ${share(7, 8)}% and detractors (0–6) ${share(0, 6)}%; the most common score is ${top.score} (${count(top.count)} answers).`;
    await expect(figure).toHaveAccessibleDescription(summary);
    await expect(figure.locator('figcaption')).toContainText(summary);

    await nothingFocusableInPlot(app, figure);

    // Show as table: one row per score, every number as the handler has it.
    const toggle = figure.getByRole('switch', { name: 'Show as table' });
    await toggle.check();
    await expect(toggle).toBeChecked();
    const table = main.getByRole('table', { name: 'Answers by score: the numbers' });
    await expect(table).toBeVisible();
    const category = (s: number) => (s >= 9 ? 'Promoter' : s >= 7 ? 'Passive' : 'Detractor');
    const rows = dist.map((d) => [String(d.score), category(d.score), count(d.count), pct1((100 * d.count) / total)]);
    expect(await cells(table)).toEqual(rows);
    const headers = table.locator('thead th');
    await expect(headers).toHaveText(['Score', 'Category', 'Answers', 'Share of answers']);
    for (let i = 0; i < 4; i++) await expect(headers.nth(i)).toHaveAttribute('aria-sort', 'none');

    // Sort by Answers: a click sorts ascending, a second descending (the most common score first).
    const answers = headers.nth(2);
    await answers.getByRole('button').click();
    await expect(answers).toHaveAttribute('aria-sort', 'ascending');
    const ascending = [...rows].sort((a, b) => Number(a[2].replace(/,/g, '')) - Number(b[2].replace(/,/g, '')));
    expect((await cells(table)).map((r) => r[2])).toEqual(ascending.map((r) => r[2]));
    await answers.getByRole('button').click();
    await expect(answers).toHaveAttribute('aria-sort', 'descending');
    expect((await cells(table))[0]).toEqual(rows[top.score]);
    await expect(headers.nth(0)).toHaveAttribute('aria-sort', 'none');
    await app.waitForTimeout(200);
    await shots(app, figure.locator('xpath=..'), 'nps-answers-by-score-table');
    await app.setViewportSize({ width: 1440, height: 900 });

    // Enter on the Score header: by score ascending again (the chart's order).
    await headers.nth(0).getByRole('button').focus();
    await app.keyboard.press('Enter');
    await expect(headers.nth(0)).toHaveAttribute('aria-sort', 'ascending');
    await expect(answers).toHaveAttribute('aria-sort', 'none');
    expect(await cells(table)).toEqual(rows);

    // Copy: tab-separated with a header row, plain digits; "Copied" in the status line.
    await main.getByRole('button', { name: 'Copy table: Answers by score: the numbers' }).click();
    await expect(main.getByRole('status').filter({ hasText: 'Copied' })).toHaveText('Copied 11 rows as tab-separated text');
    const copied = await app.evaluate(() => navigator.clipboard.readText());
    const tsv = ['Score\tCategory\tAnswers\tShare of answers (%)', ...dist.map((d) => `${d.score}\t${category(d.score)}\t${d.count}\t${((100 * d.count) / total).toFixed(1)}`)].join('\n');
    expect(copied).toBe(tsv);

    // Off again: the table goes.
    await toggle.uncheck();
    await expect(table).toHaveCount(0);

    // The key-driver quadrant (the other chart axe reported): nothing focusable inside its hidden plot either.
    await app.getByRole('tab', { name: 'Key drivers' }).click();
    const ds = app.getByRole('complementary', { name: 'Key drivers set-up' });
    await ds.getByRole('button', { name: /^Find key drivers$/ }).click();
    await expect(ds.getByText('The results match this set-up.')).toBeVisible({ timeout: 120_000 });
    const quadrant = app.getByRole('figure', { name: 'Importance × performance' });
    await drawn(quadrant);
    await nothingFocusableInPlot(app, quadrant);
    await expect(quadrant).toHaveAccessibleDescription(/^Improve first: .* \(important, below-average performance\); key strengths: .*; maintain: .*; low priority: .*\.$/);
  });

  test('a segmentation: sizes table and summary equal the handler; the scatter by segment, each with its own marker', async ({ app }) => {
    test.setTimeout(240_000);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Segments' }).click();
    await app.getByLabel('Number of segments (k)').fill('4');
    await app.getByLabel('Segmentation name').fill('Chart tables');
    await app.getByRole('button', { name: 'Run segmentation' }).click();
    await expect(app.getByRole('article', { name: /^Segment / })).toHaveCount(4, { timeout: 120_000 });
    const result = await call<SegmentationResult>(app, 'segment.get', { segmentation: 'Chart tables' });
    await app.getByRole('tab', { name: 'Charts' }).click();

    const sizes = app.getByRole('figure', { name: 'Segment sizes' });
    await drawn(sizes);
    const segs = [...result.segments].sort((a, b) => a.index - b.index);
    const total = segs.reduce((s, c) => s + c.size, 0);
    expect(total).toBe(result.rows);
    const big = segs.reduce((a, b) => (b.size > a.size ? b : a));
    const small = segs.reduce((a, b) => (b.size < a.size ? b : a));
    await expect(sizes).toHaveAccessibleDescription(
      `4 segments of ${count(total)} customers: the largest is “${big.name}” with ${count(big.size)} (${(big.share * 100).toFixed(1)}%), the smallest “${small.name}” with ${count(small.size)} (${(small.share * 100).toFixed(1)}%).`,
    );
    await sizes.getByRole('switch', { name: 'Show as table' }).check();
    const table = app.getByRole('table', { name: 'Segment sizes: the numbers' });
    expect(await cells(table)).toEqual(segs.map((c) => [`${c.index + 1} · ${c.name}`, count(c.size), pct1(c.share * 100)]));
    // Sorting by Customers (descending after two presses) puts the largest first.
    const customers = table.locator('thead th').nth(1);
    await customers.getByRole('button').click();
    await customers.getByRole('button').click();
    await expect(customers).toHaveAttribute('aria-sort', 'descending');
    expect((await cells(table))[0][1]).toBe(count(big.size));
    await shots(app, sizes.locator('xpath=..'), 'segment-sizes-table');
    await app.setViewportSize({ width: 1440, height: 900 });

    // The scatter: one table row per segment, the dots drawn counted; every segment its own marker shape.
    const scatter = app.getByRole('figure', { name: 'Customers on the two main directions of difference (PCA)' });
    await drawn(scatter);
    await scatter.getByRole('switch', { name: 'Show as table' }).check();
    const spread = await cells(app.getByRole('table', { name: /^Customers on the two main directions of difference \(PCA\): the numbers$/ }));
    expect(spread.map((r) => r[0])).toEqual(segs.map((c) => `${c.index + 1} · ${c.name}`));
    expect(spread.reduce((s, r) => s + Number(r[1].replace(/,/g, '')), 0)).toBe(result.projection.x.length);
    const symbols = await scatter.locator('.cxw-chart-plot').evaluate((el) => (el as unknown as { data: { marker: { symbol: string } }[] }).data.map((t) => t.marker.symbol));
    expect(new Set(symbols).size).toBe(4);
    await nothingFocusableInPlot(app, scatter);
  });
});
