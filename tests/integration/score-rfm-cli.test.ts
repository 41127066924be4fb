// `cxw score` and `cxw rfm` through the BUILT cli: scoring a copy of the training data reproduces the training
// sizes and labels; RFM on a hand-computed transaction table gives the expected R/F/M, values and segment names
// (score map: main/analysis/segment/rfm.ts); RFM on real Olist orders (skipped without ../shared/data) agrees
// with R/F/M computed here independently from the raw files.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../main/analysis/random';
import { rfmScores } from '../../main/analysis/segment/index';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE, ROOT } from '../support/cli';

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

interface ScoreJson {
  segmentation: string;
  scoredFrom: string;
  k: number;
  rows: number;
  segments: { index: number; name: string; size: number }[];
}
interface RfmJson {
  dataset: string;
  customers: number;
  columns: string[];
  segments: { name: string; customers: number }[];
}
interface ProfileJson {
  rows: number;
  columns: { name: string; min: number; max: number; mean: number }[];
}

const OLIST = join(ROOT, '..', 'shared', 'data', 'olist-sample');

function customersCsv(n: number): string {
  const rng = createRng(3);
  const centres = [
    [30, 2],
    [150, 3],
    [60, 14],
  ];
  const lines = ['customer_id,monthly_spend,visits_per_month'];
  for (let i = 0; i < n; i++) {
    const [s, v] = centres[i % 3];
    lines.push(`C${10000 + i},${(s + rng.normal(0, 10)).toFixed(2)},${Math.max(0, Math.round(v + rng.normal(0, 2)))}`);
  }
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!BUILT)('cxw score and cxw rfm', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-score-rfm-'));
    ws = join(dir, 'w.cxw');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scoring a copy of the training data reproduces its segment sizes and assignments', () => {
    const file = join(dir, 'customers.csv');
    writeFileSync(file, customersCsv(600));
    cxwJson(['import', file, '--workspace', ws, '--name', 'customers'], env());
    cxwJson(['import', file, '--workspace', ws, '--name', 'customers copy'], env());
    const base = cxwJson<{ segments: { index: number; size: number }[] }>(
      ['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'monthly_spend,visits_per_month', '--k', '4', '--seed', '3', '--name', 'base'],
      env(),
    );
    const scored = cxwJson<ScoreJson>(['score', '--workspace', ws, '--segmentation', 'base', '--dataset', 'customers copy', '--name', 'copy'], env());
    expect(scored).toMatchObject({ segmentation: 'copy', scoredFrom: 'base', k: 4, rows: 600 });
    expect(scored.segments.map((s) => s.size)).toEqual(base.segments.map((s) => s.size));
    expect(scored.segments.map((s) => s.index)).toEqual([0, 1, 2, 3]);

    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'base', '--out', a], env()).status).toBe(0);
    expect(cxw(['assignments', '--workspace', ws, '--segmentation', 'copy', '--out', b], env()).status).toBe(0);
    const seg = (p: string) => readFileSync(p, 'utf8').trimEnd().split('\n').map((l) => l.split(',').slice(0, 2).join(','));
    expect(seg(b)).toEqual(seg(a));

    // Text by default (a default name), and clear failures.
    const text = cxw(['score', '--workspace', ws, '--segmentation', 'base', '--dataset', 'customers copy'], env());
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/saved as segmentation "customers copy scored by base"/);
    const usage = cxw(['score', '--workspace', ws, '--segmentation', 'base'], env());
    expect(usage.status).toBe(2);
    const missing = cxw(['score', '--workspace', ws, '--segmentation', 'nope', '--dataset', 'customers'], env());
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope/);
    const taken = cxw(['score', '--workspace', ws, '--segmentation', 'base', '--dataset', 'customers', '--name', 'copy'], env());
    expect(taken.status).toBe(1);
  });

  it('RFM on a hand-computable table: R/F/M, values and segment names', () => {
    // As of the latest date, 2024-03-10 — recency / frequency / monetary by customer:
    //   A 9 / 2 / 40   B 24 / 1 / 100   C 0 / 3 / 15   D 100 / 1 / 50   E 1 / 1 / 1   (the blank customer is left out)
    // Quintiles of 5 customers give one customer per score (ties in frequency by order of appearance: B, D, E):
    //   R: C5 E4 A3 B2 D1    F: B1 D2 E3 A4 C5    M: E1 C2 A3 D4 B5
    //   FM = round-half-up((F + M) / 2): A 4, B 3, C 4, D 3, E 2
    //   → A Loyal (R3 FM4), B At Risk (R2 FM3), C Champions (R5 FM4), D At Risk (R1 FM3), E Potential Loyalist (R4 FM2)
    const tx = ['customer_id,order_date,amount', 'A,2024-01-01,10.00', 'A,2024-03-01,30.00', 'B,2024-02-15,100.00', 'C,2024-01-10,5.00', 'C,2024-02-10,5.00', 'C,2024-03-10,5.00', 'D,2023-12-01,50.00', 'E,2024-03-09,1.00', ',2024-03-01,99.00'];
    const file = join(dir, 'tx.csv');
    writeFileSync(file, `${tx.join('\n')}\n`);
    cxwJson(['import', file, '--workspace', ws, '--name', 'tx'], env());
    const r = cxwJson<RfmJson>(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'order_date', '--amount', 'amount'], env());
    expect(r.dataset).toBe('tx RFM');
    expect(r.customers).toBe(5);
    expect(r.columns).toEqual(['customer_id', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'rfm_score', 'rfm_segment']);
    expect(r.segments).toEqual([
      { name: 'At Risk', customers: 2 },
      { name: 'Champions', customers: 1 },
      { name: 'Loyal', customers: 1 },
      { name: 'Potential Loyalist', customers: 1 },
    ]);
    const p = cxwJson<ProfileJson>(['profile', '--workspace', ws, '--dataset', 'tx RFM'], env());
    const col = (n: string) => p.columns.find((c) => c.name === n)!;
    expect(p.rows).toBe(5);
    expect([col('recency_days').min, col('recency_days').max]).toEqual([0, 100]);
    expect(col('frequency').mean).toBeCloseTo(8 / 5, 12);
    expect(col('monetary').mean).toBeCloseTo((40 + 100 + 15 + 50 + 1) / 5, 9);

    // --as-of later moves every recency by the same 21 days: same scores, same names; --name is used.
    const later = cxwJson<RfmJson>(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'order_date', '--amount', 'amount', '--as-of', '2024-03-31', '--name', 'tx RFM March'], env());
    expect(later.dataset).toBe('tx RFM March');
    expect(later.segments).toEqual(r.segments);
    const p2 = cxwJson<ProfileJson>(['profile', '--workspace', ws, '--dataset', 'tx RFM March'], env());
    expect(p2.columns.find((c) => c.name === 'recency_days')!.min).toBe(21);

    const text = cxw(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'order_date', '--amount', 'amount'], env());
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Champions\s+1\s+20\.0%\s+Bought recently, buy often and spend the most\./);
    expect(cxw(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'order_date'], env()).status).toBe(2);
    expect(cxw(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'order_date', '--amount', 'amount', '--as-of', '31/03/2024'], env()).status).toBe(2);
    const notDate = cxw(['rfm', '--workspace', ws, '--dataset', 'tx', '--customer', 'customer_id', '--date', 'amount', '--amount', 'amount'], env());
    expect(notDate.status).toBe(1);
    expect(notDate.stderr).toMatch(/not a date/);
  });

  it.skipIf(!existsSync(OLIST))('RFM on real Olist orders agrees with R/F/M computed from the raw files', () => {
    // Transactions = orders (customer, purchase day) joined to their summed payments; customers by
    // customer_unique_id (customer_id is per order in Olist, so repeat buyers only show by the unique id).
    const read = (f: string) => Papa.parse<Record<string, string>>(readFileSync(join(OLIST, f), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const unique = new Map(read('olist_customers_dataset.csv').map((c) => [c.customer_id, c.customer_unique_id]));
    const paid = new Map<string, number>();
    for (const p of read('olist_order_payments_dataset.csv')) paid.set(p.order_id, (paid.get(p.order_id) ?? 0) + Number(p.payment_value));
    const lines = ['customer_unique_id,order_day,payment'];
    const per = new Map<string, { last: string; n: number; sum: number }>();
    for (const o of read('olist_orders_dataset.csv')) {
      const who = unique.get(o.customer_id);
      const amount = paid.get(o.order_id);
      if (!who || amount === undefined || !o.order_purchase_timestamp) continue;
      const day = o.order_purchase_timestamp.slice(0, 10);
      lines.push(`${who},${day},${amount.toFixed(2)}`);
      const cur = per.get(who) ?? { last: '', n: 0, sum: 0 };
      per.set(who, { last: day > cur.last ? day : cur.last, n: cur.n + 1, sum: cur.sum + Number(amount.toFixed(2)) });
    }
    const file = join(dir, 'olist-tx.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    cxwJson(['import', file, '--workspace', ws, '--name', 'olist tx', '--role', 'customer_unique_id=id', '--pii', 'customer_unique_id=keep'], env());
    const r = cxwJson<RfmJson>(['rfm', '--workspace', ws, '--dataset', 'olist tx', '--customer', 'customer_unique_id', '--date', 'order_day', '--amount', 'payment'], env());

    // Independent R/F/M in order of first appearance (the preset's tie order), then the same score map.
    const asOf = [...per.values()].reduce((m, v) => (v.last > m ? v.last : m), '');
    const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
    const vals = [...per.values()];
    const want = rfmScores(
      Float64Array.from(vals, (v) => days(v.last, asOf)),
      Float64Array.from(vals, (v) => v.n),
      Float64Array.from(vals, (v) => v.sum),
    );
    const counts = new Map<string, number>();
    for (const s of want.segment) counts.set(s, (counts.get(s) ?? 0) + 1);
    expect(r.customers).toBe(per.size);
    expect(Object.fromEntries(r.segments.map((s) => [s.name, s.customers]))).toEqual(Object.fromEntries(counts));
    // Real data exercises more than the toy table: several named segments and some repeat buyers.
    expect(r.segments.length).toBeGreaterThanOrEqual(5);
    expect(vals.some((v) => v.n > 1)).toBe(true);
  });
});
