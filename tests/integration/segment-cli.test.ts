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
