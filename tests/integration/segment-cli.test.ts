// The segmentation "done when" through the BUILT cxw: a customer file with 4 well-separated groups (and their
// true group as a column), `cxw import`, `cxw segment --k auto` picks k = 4, and `cxw assignments` exports a
// CSV whose segments match the true groups (adjusted Rand ≥ 0.95).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../main/analysis/segment/index';
import { createRng } from '../../main/analysis/random';
import { BUILT, cxw, cxwJson, NOT_BUILT_MESSAGE } from '../support/cli';

interface SegmentJson {
  segmentation: string;
  k: number;
  inertia: number;
  silhouette: number;
  segments: { index: number; number: number; name: string; size: number; centroid: Record<string, number | string> }[];
  kScores?: { k: number; inertia: number; silhouette: number }[];
}

if (!BUILT) console.warn(NOT_BUILT_MESSAGE);

const N = 2000;

function writeGroups(path: string): Map<string, number> {
  const rng = createRng(11);
  const centres = [
    [30, 2, 6],
    [140, 3, 40],
    [60, 14, 20],
    [220, 12, 60],
  ];
  const truth = new Map<string, number>();
  const lines = ['customer_id,monthly_spend,visits_per_month,tenure_months,region,true_group'];
  for (let i = 0; i < N; i++) {
    const g = i % 4;
    const [s, v, t] = centres[g];
    const id = `C-${String(100000 + i * 7)}`;
    truth.set(id, g);
    lines.push(`${id},${(s + rng.normal(0, 8)).toFixed(2)},${Math.max(0, Math.round(v + rng.normal(0, 1.2)))},${Math.max(0, Math.round(t + rng.normal(0, 3)))},${rng.pick(['North', 'South'])},${g + 1}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return truth;
}

describe.skipIf(!BUILT)('cxw segment and cxw assignments', () => {
  let dir: string;
  let ws: string;
  let truth: Map<string, number>;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-seg-cli-'));
    ws = join(dir, 'seg.cxw');
    truth = writeGroups(join(dir, 'customers.csv'));
    cxwJson(['import', join(dir, 'customers.csv'), '--workspace', ws, '--name', 'customers'], env());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--k auto picks the 4 true groups and the exported assignments match them', () => {
    const r = cxwJson<SegmentJson>(
      ['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'monthly_spend,visits_per_month,tenure_months', '--k', 'auto', '--seed', '7', '--restarts', '3', '--name', 'auto4'],
      env(),
    );
    expect(r.segmentation).toBe('auto4');
    expect(r.k).toBe(4);
    expect(r.kScores?.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.segments.map((s) => s.size).reduce((a, b) => a + b, 0)).toBe(N);
    expect(Object.keys(r.segments[0].centroid)).toEqual(['monthly_spend', 'visits_per_month', 'tenure_months']);

    const out = join(dir, 'assignments.csv');
    const run = cxw(['assignments', '--workspace', ws, '--segmentation', 'auto4', '--out', out], env());
    expect(run.status, run.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('id,segment,confidence,segment_name');
    expect(lines).toHaveLength(N + 1);
    const got: number[] = [];
    const want: number[] = [];
    const names = r.segments.map((s) => s.name);
    for (const line of lines.slice(1)) {
      const [id, seg, conf, name] = line.split(',');
      expect(name).toBe(names[Number(seg) - 1]); // the card's name beside its number
      expect(Number(seg)).toBeGreaterThanOrEqual(1);
      expect(Number(seg)).toBeLessThanOrEqual(4);
      expect(Number(conf)).toBeGreaterThanOrEqual(0);
      got.push(Number(seg));
      want.push(truth.get(id)!);
    }
    expect(adjustedRandIndex(Int32Array.from(got), Int32Array.from(want))).toBeGreaterThanOrEqual(0.95);
  });

  it('prints a readable table by default and fails cleanly on bad input, leaving no partial CSV', () => {
    const text = cxw(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'monthly_spend,region', '--k', '3'], env());
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Segmentation "customers k=3"/);
    expect(text.stdout).toMatch(/How: k-means/);
    const bad = cxw(['segment', '--workspace', ws, '--dataset', 'customers', '--features', 'nope', '--k', '3'], env());
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/no column "nope"/);
    const usage = cxw(['segment', '--workspace', ws, '--dataset', 'customers'], env());
    expect(usage.status).toBe(2);
    const out = join(dir, 'missing.csv');
    const missing = cxw(['assignments', '--workspace', ws, '--segmentation', 'no such', '--out', out], env());
    expect(missing.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

// Clear errors (issue 12): a header with a comma can be named in --features (quoted, or by position #N), and a
// category with 200,000 levels is refused with a message naming it, its level count and the 1,000-level limit
// instead of crashing with "Array buffer allocation failed". Data: 400 rows, spend = 10·(row mod 4) + row/1000 and
// visits = row mod 4 (four exact groups); order_ref R-000000…R-199999, one distinct value per row.
describe.skipIf(!BUILT)('cxw segment: naming awkward columns and refusing huge categories', () => {
  let dir: string;
  let ws: string;
  const env = () => ({ CXW_STATE_DIR: join(dir, 'state') });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cxw-seg-names-'));
    ws = join(dir, 'names.cxw');
    const lines = ['customer_id,"spend, monthly",visits,plan'];
    for (let i = 0; i < 400; i++) lines.push(`C${i},${10 * (i % 4) + i / 1000},${i % 4},${i % 2 ? 'basic' : 'plus'}`);
    writeFileSync(join(dir, 'commas.csv'), `${lines.join('\n')}\n`);
    cxwJson(['import', join(dir, 'commas.csv'), '--workspace', ws, '--name', 'commas'], env());
    const refs = ['order_ref,amount'];
    for (let i = 0; i < 200_000; i++) refs.push(`R-${String(i).padStart(6, '0')},${i % 97}`);
    writeFileSync(join(dir, 'orders.csv'), `${refs.join('\n')}\n`);
    cxwJson(['import', join(dir, 'orders.csv'), '--workspace', ws, '--name', 'orders', '--type', 'order_ref=text'], env());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a quoted name with a comma, or the column position #N, in --features', () => {
    const quoted = cxwJson<SegmentJson>(['segment', '--workspace', ws, '--dataset', 'commas', '--features', '"spend, monthly",visits', '--k', '4', '--name', 'quoted'], env());
    expect(Object.keys(quoted.segments[0].centroid)).toEqual(['spend, monthly', 'visits']);
    expect(quoted.segments.map((s) => s.size).sort()).toEqual([100, 100, 100, 100]);
    // #2 and #3: the 2nd and 3rd columns of the file, the same features, so the same segments.
    const byPosition = cxwJson<SegmentJson>(['segment', '--workspace', ws, '--dataset', 'commas', '--features', '#2,#3', '--k', '4', '--name', 'by position'], env());
    expect(Object.keys(byPosition.segments[0].centroid)).toEqual(['spend, monthly', 'visits']);
    expect(byPosition.inertia).toBeCloseTo(quoted.inertia, 9);
    const outOfRange = cxw(['segment', '--workspace', ws, '--dataset', 'commas', '--features', '#9', '--k', '4'], env());
    expect(outOfRange.status).toBe(2);
    expect(outOfRange.stderr).toContain('--features: #9 is not a column of "commas"; its columns are #1 to #4.');
    const unclosed = cxw(['segment', '--workspace', ws, '--dataset', 'commas', '--features', '"spend, monthly,visits', '--k', '4'], env());
    expect(unclosed.status).toBe(2);
    expect(unclosed.stderr).toContain('--features: the quote opened at character 1 is never closed');
  });

  it('refuses a 200,000-level category as a feature, naming the column, its level count and the limit', () => {
    const r = cxw(['segment', '--workspace', ws, '--dataset', 'orders', '--features', 'order_ref,amount', '--k', '3'], env());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Feature "order_ref" is a category with 200,000 levels; a segmentation feature may have at most 1,000');
    expect(r.stderr).toContain('leave "order_ref" out of the features');
    expect(r.stderr).not.toContain('Array buffer allocation failed');
  });
});
