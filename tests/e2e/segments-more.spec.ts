// The rest of segmentation end to end in Chromium on the demo workspace: export a segmentation's assignments
// (a real download), score "Demo customers" into it again through the UI (identical sizes), compare the two
// (a diagonal migration matrix and its Sankey), and RFM on a transactions file imported through the wizard.
// Screenshots of every new screen.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { rfmScores } from '../../main/analysis/segment/rfm';
import { call, expect, shot, test } from './fixtures';

const FEATURES = ['tenure_months', 'monthly_spend', 'orders_12m', 'support_tickets_12m', 'days_since_last_order'];

async function clearToasts(app: Page): Promise<void> {
  const close = app.getByRole('button', { name: 'Dismiss notification' });
  while ((await close.count()) > 0) await close.first().click();
}

async function openSegments(app: Page): Promise<void> {
  await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Segments' }).click();
  await expect(app.getByRole('button', { name: 'New segmentation' })).toBeVisible();
}

interface Sizes {
  segments: { index: number; size: number }[];
}
const sizesOf = (r: Sizes) => [...r.segments].sort((a, b) => a.index - b.index).map((s) => s.size);

test.describe('demo workspace', () => {
  test.use({ hostOptions: { workspace: null } });

  test('export assignments, score the same customers again, and compare: a diagonal migration', async ({ app }) => {
    test.setTimeout(240_000);
    // The segmentation itself was tested through the set-up in segments.spec.ts; here it is made directly.
    await call(app, 'segment.run', { jobId: 'e2e_run_base', params: { dataset: 'Demo customers', features: FEATURES, k: 4, restarts: 2, name: 'E2E base' } });
    await app.reload();
    await app.waitForSelector('body[data-ready="true"]');
    await openSegments(app);
    await app.getByRole('button', { name: 'Open segmentation E2E base' }).click();
    await expect(app.getByRole('heading', { name: 'E2E base' })).toBeVisible();

    // Export: a real download whose first line is the CSV header and which has one line per customer.
    const download = app.waitForEvent('download');
    await app.getByRole('button', { name: 'Export assignments (CSV)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('E2E base assignments.csv');
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('id,segment,confidence,segment_name');
    expect(lines).toHaveLength(3001);
    expect(lines[1]).toMatch(/^[^,]+,[1-4],(0|1|0\.\d+),[^,]+$/);
    await expect(app.getByText(/3,000 customers in “E2E base assignments\.csv”/)).toBeVisible();
    await clearToasts(app);
    await shot(app, 'segments-more-result-header');

    // Score "Demo customers" into it again through the dialog.
    await app.getByRole('button', { name: 'Score another dataset' }).click();
    const dialog = app.getByRole('dialog', { name: 'Score another dataset' });
    await dialog.getByLabel('Dataset to score').selectOption('Demo customers');
    await dialog.getByLabel('Name of the new segmentation').fill('E2E rescored');
    await shot(app, 'segments-more-score-dialog');
    await dialog.getByRole('button', { name: 'Score dataset' }).click();
    await expect(app.getByRole('heading', { name: 'E2E rescored' })).toBeVisible({ timeout: 120_000 });
    await expect(dialog).toBeHidden();
    await expect(app.getByRole('article', { name: /^Segment / })).toHaveCount(4);
    const base = await call<Sizes>(app, 'segment.get', { segmentation: 'E2E base' });
    const rescored = await call<Sizes>(app, 'segment.get', { segmentation: 'E2E rescored' });
    expect(sizesOf(rescored)).toEqual(sizesOf(base));
    await clearToasts(app);
    await shot(app, 'segments-more-scored');

    // Compare: the pair just scored is proposed; every customer stays in its segment.
    await app.getByRole('button', { name: 'Compare two' }).click();
    await expect(app.getByLabel('From segmentation')).toHaveValue('E2E base');
    await expect(app.getByLabel('To segmentation')).toHaveValue('E2E rescored');
    await app.getByRole('button', { name: 'Compare', exact: true }).click();
    const table = app.getByRole('table', { name: 'Migration matrix' });
    await expect(table).toBeVisible();
    await expect(app.getByText(/^3,000 customers matched\. Each cell/)).toBeVisible();
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    const want = sizesOf(base);
    for (let i = 0; i < 4; i++) {
      const cells = rows.nth(i).locator('td');
      await expect(cells).toHaveCount(5);
      for (let j = 0; j < 4; j++) {
        const text = (await cells.nth(j).innerText()).replace(/\s+/g, ' ').trim();
        if (i === j) expect(text).toBe(`${want[i].toLocaleString('en-US')} 100%`);
        else expect(text.startsWith('0')).toBe(true);
      }
    }
    const sankey = app.getByRole('figure', { name: 'Where customers moved' });
    await expect(sankey.locator('.main-svg').first()).toBeVisible({ timeout: 60_000 });
    await expect(sankey.locator('.sankey-node')).toHaveCount(8);
    await shot(app, 'segments-more-migration');
    await sankey.scrollIntoViewIfNeeded();
    await shot(app, 'segments-more-sankey');
    // The scored copy is the same customers: the segment mix did not move (chi-square 0, PSI 0).
    const sizes = app.getByRole('group', { name: 'Segment sizes in both' });
    await sizes.scrollIntoViewIfNeeded();
    await expect(sizes.getByRole('status')).toHaveText('The segment mix did not move (chi-square p = 1.0, PSI 0.000: stable): every segment kept its share to 0.1 point.');
    await expect(sizes.locator('tbody tr')).toHaveCount(4);
    await shot(app, 'segments-more-sizes');
    const png = app.waitForEvent('download');
    await sankey.getByRole('button', { name: /^Export PNG of/ }).click();
    expect((await png).suggestedFilename()).toMatch(/\.png$/);
  });

  test('RFM from a transactions file imported through the wizard', async ({ app, host }) => {
    test.setTimeout(180_000);
    // 30 customers, 1–6 purchases each over 2024; deterministic so the expected segments are computed here.
    const tx: { c: string; d: string; a: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const n = 1 + ((i * 7) % 6);
      for (let k = 0; k < n; k++) {
        const day = 1 + ((i * 37 + k * 53) % 330);
        const date = new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
        tx.push({ c: `CU${String(i + 1).padStart(3, '0')}`, d: date, a: Math.round(((i * 13 + k * 29) % 97) * 100 + 499) / 100 });
      }
    }
    const file = join(host.dir, 'transactions.csv');
    writeFileSync(file, `customer_id,order_date,amount\n${tx.map((t) => `${t.c},${t.d},${t.a.toFixed(2)}`).join('\n')}\n`);

    // Expected: R/F/M per customer in order of first appearance, then the preset's score map.
    const per = new Map<string, { last: string; n: number; sum: number }>();
    for (const t of tx) {
      const cur = per.get(t.c) ?? { last: '', n: 0, sum: 0 };
      per.set(t.c, { last: t.d > cur.last ? t.d : cur.last, n: cur.n + 1, sum: cur.sum + t.a });
    }
    const asOf = tx.reduce((m, t) => (t.d > m ? t.d : m), '');
    const vals = [...per.values()];
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    const want = rfmScores(
      Float64Array.from(vals, (v) => day(asOf) - day(v.last)),
      Float64Array.from(vals, (v) => v.n),
      Float64Array.from(vals, (v) => v.sum),
    );
    const expected = new Map<string, number>();
    for (const s of want.segment) expected.set(s, (expected.get(s) ?? 0) + 1);

    // The demo alone holds no transactions (its customer table has one row per customer): RFM says what it needs.
    await openSegments(app);
    await app.getByRole('button', { name: 'RFM from transactions' }).click();
    await expect(app.getByText('RFM needs a transactions table: one row per purchase with a customer id, a date and an amount.')).toBeVisible();
    await expect(app.getByLabel('Transactions dataset')).toHaveCount(0);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Data' }).click();

    const chooser = app.waitForEvent('filechooser');
    await app.getByRole('button', { name: 'Import data' }).first().click();
    await app.getByRole('button', { name: 'Import into demo anyway' }).click();
    await app.getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(file);
    await expect(app.getByLabel('Type of column order_date')).toHaveValue('date', { timeout: 60_000 });
    await app.getByRole('button', { name: 'Commit import' }).click();
    await expect(app.getByRole('heading', { name: 'transactions' })).toBeVisible({ timeout: 60_000 });

    await openSegments(app);
    await app.getByRole('button', { name: 'RFM from transactions' }).click();
    await expect(app.getByLabel('Transactions dataset')).toHaveValue('transactions'); // the only dataset offered
    await expect(app.getByLabel('Customer column')).toHaveValue('customer_id');
    await expect(app.getByLabel('Date column')).toHaveValue('order_date');
    await expect(app.getByLabel('Amount column')).toHaveValue('amount');
    await shot(app, 'segments-more-rfm-setup');
    await app.getByRole('button', { name: 'Run RFM' }).click();
    const result = app.getByLabel('RFM result');
    await expect(result.getByText('30 customers scored into “transactions RFM”')).toBeVisible({ timeout: 60_000 });
    const list = result.getByRole('list', { name: 'RFM segments' });
    for (const [name, n] of expected) await expect(list.getByRole('listitem', { name: `${name}: ${n} customers` })).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(11);
    await expect(list.getByText('Bought recently, buy often and spend the most.')).toBeVisible();
    await clearToasts(app);
    await result.scrollIntoViewIfNeeded();
    await shot(app, 'segments-more-rfm-result');

    await result.getByRole('button', { name: 'Open dataset' }).click();
    await expect(app.getByRole('heading', { name: 'transactions RFM' })).toBeVisible();
    await expect(app.getByRole('button', { name: /transactions RFM/ }).first()).toHaveAttribute('aria-current', 'true');
    await expect(app.getByRole('article', { name: 'Column rfm_segment' })).toBeVisible({ timeout: 60_000 });
    await shot(app, 'segments-more-rfm-dataset');
  });
});
