// The exported segmentation SQL, run in SQLite on the demo workspace's customers, must give the app's own
// assignments: the `id,segment,confidence` of `cxw assignments` (main/workspace/assignments-csv.ts, the writer the
// command uses) and the saved confidences. Segmentations are made by the app (services, segment.run) on the
// built-in demo data (seed 42, 3,000 customers): one with imputed missing values (satisfaction_app is missing for
// ~45%, nps_score for ~8%), a log1p feature, a yes/no and two categorical features, standardised; one that excludes
// rows with missing values, unstandardised, category weight 0.5. The customer table is a view giving the dataset's
// columns their display names, as a warehouse table would have them.
// A hand-computed case (below) checks the tie rule, imputation and unseen levels on five rows; the app's own
// applyPreprocessing + assignToCentroids + confidenceFromDistances give the same.
// The CLI piece (main/cli/commands/export-sql.ts, which `cxw predict export-sql` calls) is run on the same
// workspace: the file it writes gives the same assignments, and it refuses what it should.
// The one documented difference: an analyst's manual reassignment (the SQL gives the computed segment) — the test
// moves one customer and counts exactly one difference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { harness, type Harness } from '../segment-service/helpers';
import { assignmentsCsv } from '../../../main/workspace/assignments-csv';
import { getDataset } from '../../../main/workspace/datasets';
import { getStoredSegmentation } from '../../../main/workspace/segments/store';
import { loadAssignments } from '../../../main/workspace/segments/assignments';
import { segmentationToSql } from '../../../main/export/segmentation-sql';
import { readSegmentationForSql } from '../../../main/export/segmentation-sql-read';
import type { Db } from '../../../main/workspace/db';
import type { Preprocessing } from '../../../main/workspace/segments/preprocess';
import { applyPreprocessing } from '../../../main/workspace/segments/preprocess';
import type { LoadedColumn } from '../../../main/workspace/segments/columns';
import type { StoredColumn } from '../../../main/workspace/datasets';
import { assignToCentroids } from '../../../main/analysis/segment/kmeans';
import { confidenceFromDistances } from '../../../main/analysis/segment/sweep';
import { encodeLevels } from '../../../main/workspace/text-codes';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { exportSqlCommand } from '../../../main/cli/commands/export-sql';
import { UsageError } from '../../../main/cli/args';
import { fitBoth, model as frozenModel, sqliteTable, TABLE, COLUMNS } from './model-sql-fixture';

const DATASET = 'Demo customers';
const FEATURES = ['age', 'tenure_months', 'monthly_spend', 'orders_12m', 'support_tickets_12m', 'satisfaction_app', 'nps_score', 'app_user', 'plan', 'region'];
let h: Harness;
let db: Database.Database;

beforeAll(async () => {
  h = await harness();
  await h.services.handlers['workspace.openDemo']({});
  const run = (params: Record<string, unknown>) => h.services.handlers['segment.run']({ jobId: `job_${String(params.name)}`, params: { dataset: DATASET, features: FEATURES, seed: 7, ...params } as never });
  await run({ name: 'impute', k: 5, logTransform: ['monthly_spend'] });
  await run({ name: 'exclude', k: 4, missing: 'exclude', standardize: false, categoryWeight: 0.5 });
  await run({ name: 'moved', k: 3 });
  db = new Database(join(h.dir, 'state', 'demo-workspace.cxw'));
  // The customer table as a warehouse would hold it: the dataset's columns under their display names.
  const ds = getDataset(db as unknown as Db, DATASET);
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  db.exec(`CREATE TEMP VIEW customers AS SELECT ${ds.columns.map((c) => `${q(c.sqlName)} AS ${q(c.name)}`).join(', ')} FROM ${q(ds.tableName)}`);
}, 240_000);

afterAll(() => {
  db?.close();
  h?.dispose();
});

interface AppRow {
  id: string;
  segment: number;
  confidence: number;
}

function appAssignments(name: string): AppRow[] {
  const { csv } = assignmentsCsv(db as unknown as Db, name);
  const lines = csv.trim().split('\n').slice(1);
  const exact = loadAssignments(db as unknown as Db, getStoredSegmentation(db as unknown as Db, name).id).confidence;
  return lines.map((l, i) => {
    const [id, segment] = l.split(',');
    return { id, segment: Number(segment), confidence: exact[i] };
  });
}

function sqlAssignments(name: string, dialect: 'sqlite' | 'ansi' = 'sqlite') {
  const input = readSegmentationForSql(db as unknown as Db, name);
  const sql = segmentationToSql(input, { table: 'customers', idColumn: input.idColumn ?? undefined, dialect });
  return { sql, input, rows: db.prepare(sql).all() as { customer_id: string; segment: number; segment_name: string; confidence: number }[] };
}

function compare(name: string, dialect: 'sqlite' | 'ansi' = 'sqlite') {
  const app = appAssignments(name);
  const { rows, input, sql } = sqlAssignments(name, dialect);
  const byId = new Map(rows.map((r) => [r.customer_id, r]));
  let differ = 0;
  let worstConfidence = 0;
  for (const a of app) {
    const r = byId.get(a.id)!;
    expect(r, a.id).toBeDefined();
    if (r.segment !== a.segment) differ++;
    worstConfidence = Math.max(worstConfidence, Math.abs(r.confidence - a.confidence));
  }
  return { app, rows, input, sql, differ, worstConfidence };
}

describe('segmentationToSql on the demo workspace', () => {
  it('the id column and the missing values are what the test needs', () => {
    const input = readSegmentationForSql(db as unknown as Db, 'impute');
    expect(input.idColumn).toBe('customer_id');
    expect(input.k).toBe(5);
    const missing = db.prepare('SELECT SUM(satisfaction_app IS NULL), SUM(nps_score IS NULL) FROM customers').raw().get() as number[];
    expect(missing[0]).toBeGreaterThan(1000);
    expect(missing[1]).toBeGreaterThan(100);
  });

  for (const dialect of ['sqlite', 'ansi'] as const) {
    it(`imputed, standardised, log1p, categories (${dialect}): every customer in the app's segment, confidence to 1e-12`, () => {
      const r = compare('impute', dialect);
      expect(r.app).toHaveLength(3000);
      expect(r.rows).toHaveLength(3000);
      expect(r.differ).toBe(0);
      expect(r.worstConfidence).toBeLessThan(1e-12);
      const names = new Map(r.input.segmentNames!.map((n, j) => [j + 1, n]));
      for (const row of r.rows.slice(0, 50)) expect(row.segment_name).toBe(names.get(row.segment));
      console.log(`impute/${dialect}: 3,000 customers, ${r.differ} in another segment, max |Δ confidence| ${r.worstConfidence.toExponential(2)}, SQL ${r.sql.length.toLocaleString('en-US')} chars`);
    });
  }

  it('rows with a missing value are left out, as the app left them out; unstandardised, weight 0.5', () => {
    const r = compare('exclude');
    const complete = db.prepare(`SELECT COUNT(*) FROM customers WHERE ${FEATURES.map((f) => `"${f}" IS NOT NULL`).join(' AND ')}`).pluck().get() as number;
    expect(r.app.length).toBe(complete);
    expect(r.rows.length).toBe(complete);
    expect(complete).toBeLessThan(3000);
    expect(r.differ).toBe(0);
    expect(r.worstConfidence).toBeLessThan(1e-12);
  });

  it('an analyst’s manual move is the one difference: the SQL gives the computed segment', async () => {
    const before = compare('moved');
    expect(before.differ).toBe(0);
    const stored = getStoredSegmentation(db as unknown as Db, 'moved');
    const a = loadAssignments(db as unknown as Db, stored.id);
    const row = a.rows[10];
    await h.services.handlers['segment.reassign']({ segmentation: 'moved', row, segment: (a.labels[10] + 1) % 3 });
    const after = compare('moved');
    expect(after.differ).toBe(1);
  });
});

// spend: median = mean = 10, sd = 2 (standardised); plan: levels A, B, mode B, weight 1. Encoded: spend, plan = A,
// plan = B. Centroids: c1 = (1, 1, 0), c2 = c1 (a duplicate: every tie between them goes to segment 1), c3 = (−1, 0, 1).
//   r1 spend 12, A    → (1, 1, 0):  d² = 0, 0, 6      → segment 1 (tie), second 0 → confidence 0
//   r2 spend 8,  B    → (−1, 0, 1): d² = 6, 6, 0      → segment 3, confidence 1 − 0/√6 = 1
//   r3 NULL, NULL     → (0, 0, 1) (median, mode B): d² = 3, 3, 1 → segment 3, confidence 1 − 1/√3
//   r4 spend 10, 'C'  → (0, 0, 0) (unseen level: no indicator): d² = 2, 2, 2 → segment 1 (three-way tie), confidence 0
//   r5 spend 14, A    → (2, 1, 0):  d² = 1, 1, 11     → segment 1, confidence 0
describe('segmentationToSql on a hand-computed case', () => {
  const prep: Preprocessing = {
    standardize: true,
    missing: 'impute',
    categoryWeight: 1,
    features: [
      { kind: 'numeric', name: 'spend', position: 0, log: false, median: 10, mean: 10, sd: 2 },
      { kind: 'categorical', name: "plan's", position: 1, levels: ['A', 'B'], mode: 'B' },
    ],
    encoded: ['spend', "plan's = A", "plan's = B"],
  };
  const centroids = Float64Array.from([1, 1, 0, 1, 1, 0, -1, 0, 1]);
  const rows: [number, number | null, string | null][] = [
    [1, 12, 'A'],
    [2, 8, 'B'],
    [3, null, null],
    [4, 10, 'C'],
    [5, 14, 'A'],
  ];
  const expected = [
    [1, 0],
    [3, 1],
    [3, 1 - 1 / Math.sqrt(3)],
    [1, 0],
    [1, 0],
  ];

  it('gives the hand-computed segments and confidences, and so does the app', () => {
    const mem = new Database(':memory:');
    try {
      mem.exec(`CREATE TABLE t (id INTEGER, spend REAL, "plan's" TEXT)`);
      const ins = mem.prepare('INSERT INTO t VALUES (?, ?, ?)');
      for (const r of rows) ins.run(...r);
      for (const dialect of ['sqlite', 'ansi'] as const) {
        const sql = segmentationToSql({ name: 'hand', dataset: 'd', prep, centroids, k: 3, segmentNames: ['One', "Two's", 'Three'] }, { table: 't', idColumn: 'id', dialect });
        const got = mem.prepare(sql).all() as { id: number; segment: number; segment_name: string; confidence: number }[];
        got.forEach((g, i) => {
          expect(g.segment).toBe(expected[i][0]);
          expect(g.confidence).toBeCloseTo(expected[i][1], 14);
        });
        expect(got.map((g) => g.segment_name)).toEqual(['One', 'Three', 'Three', 'One', 'One']);
      }
    } finally {
      mem.close();
    }
    const plan = encodeLevels(rows.map((r) => r[2]));
    const col = (name: string, index: number) => ({ name, index }) as StoredColumn;
    const cols: LoadedColumn[] = [
      { kind: 'numeric', column: col('spend', 0), values: Float64Array.from(rows, (r) => (r[1] === null ? Number.NaN : r[1])) },
      { kind: 'categorical', column: col("plan's", 1), codes: plan.codes, levels: plan.levels },
    ];
    const app = assignToCentroids(applyPreprocessing(cols, rows.length, prep).matrix, centroids, 3);
    const conf = confidenceFromDistances(app.nearest, app.second);
    expected.forEach(([segment, confidence], i) => {
      expect(app.labels[i] + 1).toBe(segment);
      expect(conf[i]).toBeCloseTo(confidence, 14);
    });
  });

  it('excluding rows with NULLs, k = 1, and names that collide fall back to x1, x2, …', () => {
    const mem = new Database(':memory:');
    try {
      mem.exec(`CREATE TABLE t (id INTEGER, spend REAL, "plan's" TEXT)`);
      const ins = mem.prepare('INSERT INTO t VALUES (?, ?, ?)');
      for (const r of rows) ins.run(...r);
      const one = segmentationToSql({ name: 'one', dataset: 'd', prep: { ...prep, missing: 'exclude' }, centroids: centroids.slice(0, 3), k: 1 }, { table: 't', idColumn: 'id', dialect: 'sqlite' });
      const got = mem.prepare(one).all() as { id: number; segment: number; confidence: number }[];
      expect(got.map((g) => g.id)).toEqual([1, 2, 4, 5]);
      expect(got.every((g) => g.segment === 1 && g.confidence === 1)).toBe(true);
      const clashing = segmentationToSql({ name: 'c', dataset: 'd', prep: { ...prep, encoded: ['D1', "plan's = A", "plan's = B"] }, centroids, k: 3 }, { table: 't', dialect: 'sqlite' });
      expect(clashing).toContain('AS "x1"');
      expect(() => segmentationToSql({ name: 'c', dataset: 'd', prep, centroids, k: 2 }, { table: 't' })).toThrow(/inconsistent/);
    } finally {
      mem.close();
    }
  });
});

describe('exportSqlCommand (the piece behind `cxw predict export-sql`)', () => {
  const ws = () => join(h.dir, 'state', 'demo-workspace.cxw');

  it('writes the segmentation SQL to a file that gives the app\'s assignments; never over a file without --force', async () => {
    const out = join(h.dir, 'impute.sql');
    const r = await exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', out, '--table', 'customers', '--dialect', 'sqlite']);
    expect(r.json).toMatchObject({ kind: 'segmentation', name: 'impute', dialect: 'sqlite', table: 'customers', idColumn: 'customer_id', columns: ['customer_id', 'segment', 'segment_name', 'confidence'] });
    const sql = readFileSync(out, 'utf8');
    expect(r.json.bytes).toBe(Buffer.byteLength(sql));
    const got = db.prepare(sql).all() as { customer_id: string; segment: number }[];
    const app = appAssignments('impute');
    const bySql = new Map(got.map((g) => [g.customer_id, g.segment]));
    expect(app.every((a) => bySql.get(a.id) === a.segment)).toBe(true);
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', out, '--table', 'customers'])).rejects.toThrow(/already exists.*--force/);
    const again = await exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', out, '--table', 'customers', '--schema', 'sales', '--no-id', '--force']);
    expect(again.json).toMatchObject({ dialect: 'ansi', table: 'sales.customers', idColumn: null, columns: ['segment', 'segment_name', 'confidence'] });
    expect(readFileSync(out, 'utf8')).toContain('FROM "sales"."customers"');
  });

  it('refuses a missing --table, both or neither of --segmentation/--model, an unknown dialect, an unknown segmentation', async () => {
    const out = join(h.dir, 'x.sql');
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', out])).rejects.toThrow(UsageError);
    await expect(exportSqlCommand(['--workspace', ws(), '--out', out, '--table', 't'])).rejects.toThrow(/one of --segmentation/);
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'a', '--model', 'b', '--out', out, '--table', 't'])).rejects.toThrow(/one of --segmentation/);
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', out, '--table', 't', '--dialect', 'oracle'])).rejects.toThrow(/Unknown --dialect/);
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'nope', '--out', out, '--table', 't'])).rejects.toThrow(/No segmentation named "nope"/);
    await expect(exportSqlCommand(['--workspace', ws(), '--model', 'm', '--out', out, '--table', 't'])).rejects.toThrow(/cxw predict export-sql/);
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(h.dir, 'keep.sql'), 'mine');
    await expect(exportSqlCommand(['--workspace', ws(), '--segmentation', 'impute', '--out', join(h.dir, 'keep.sql'), '--table', 't'])).rejects.toThrow(/already exists/);
    expect(readFileSync(join(h.dir, 'keep.sql'), 'utf8')).toBe('mine');
  });

  it('--model goes through the reader the predict command passes, and the SQL scores the model', async () => {
    const f = fitBoth({ maxIter: 5, seed: 1 });
    const m = frozenModel(f, 'ensemble', [f.logistic, f.gbdt]);
    const out = join(h.dir, 'model.sql');
    const r = await exportSqlCommand(['--workspace', ws(), '--model', 'Churn', '--out', out, '--table', TABLE, '--dialect', 'sqlite'], {
      readModel: (_db, name) => ({ model: m, name, createdAt: '2025-06-01' }),
    });
    expect(r.json).toMatchObject({ kind: 'model', name: 'Churn', idColumn: COLUMNS.id, columns: [COLUMNS.id, 'log_odds', 'probability', 'flagged'] });
    const sql = readFileSync(out, 'utf8');
    expect(sql).toContain('-- CX Workbench prediction model "Churn"');
    const mem = sqliteTable(f.rows.slice(0, 10));
    try {
      expect(mem.prepare(sql).all()).toHaveLength(10);
    } finally {
      mem.close();
    }
  });
});
