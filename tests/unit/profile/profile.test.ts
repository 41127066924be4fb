// The profile on small stored tables with hand-checked answers, and on a real file (Mall Customers).
// Reference numbers were computed once with python3/numpy (np.mean, np.median, np.std(ddof=1) = sample std,
// np.percentile default linear interpolation) and written in here.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnProfile, DatasetProfile } from '../../../shared/domain';
import type { Db } from '../../../main/workspace/db';
import { profileDataset } from '../../../main/workspace/profile';
import { makeDataset, memoryDb } from './helpers';

const NOW = new Date('2026-01-01T12:00:00Z');
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

const col = (p: DatasetProfile, name: string): ColumnProfile => {
  const c = p.columns.find((x) => x.name === name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
};
const issue = (p: DatasetProfile, kind: string, column: string | null) => p.issues.find((i) => i.kind === kind && i.column === column);

function smallTable(): DatasetProfile {
  db = memoryDb();
  const ds = makeDataset(
    db,
    'small',
    [
      { name: 'id', type: 'text', role: 'id' },
      { name: 'spend', type: 'integer' },
      { name: 'age', type: 'integer' },
      { name: 'happy', type: 'boolean', booleanLabels: { true: 'Yes', false: 'No' } },
      { name: 'city', type: 'text', role: 'category' },
      { name: 'gender', type: 'text', role: 'protected' },
      { name: 'signup', type: 'date' },
      { name: 'seen_at', type: 'datetime' },
      { name: 'constant', type: 'text' },
      { name: 'notes', type: 'text' },
      { name: 'income_text', type: 'text' },
    ],
    [
      ['A1', 12, 34, 1, 'Leeds', 'F', '2024-01-15', '2025-06-01T10:00:00.000Z', 'same', null, '100'],
      ['A2', 7, null, 1, 'Leeds', 'F', '2024-01-20', '2025-06-01T11:00:00.000Z', 'same', 'late', '200'],
      ['A3', 7, 130, 0, 'Leeds', 'F', '2024-02-01', '2025-06-02T10:00:00.000Z', 'same', null, '150'],
      ['A3', 3, 'unknown', 1, 'York', 'M', '2024-13-01', '2025-07-01T10:00:00.000Z', 'same', null, '120'],
      ['A5', 45, 25, null, 'York', 'M', '2030-01-01', '2025-07-01T10:00:00.000Z', 'same', 'ok', '130'],
      ['A6', 18, 40, 1, 'Leeds', 'F', null, null, 'same', null, 'n/a'],
      ['A7', 7, null, 0, 'Bath', 'F', '2024-02-10', '2026-03-01T00:00:00.000Z', 'same', null, '170'],
      ['A8', 21, 51, 1, 'York', 'F', '2024-02-11', null, 'same', 'ok', '180'],
      ['A9', 9, 29, 1, 'Leeds', 'F', '2024-02-12', null, 'same', null, '190'],
      ['A10', 1000, 60, 1, null, 'X', '2024-02-13', null, 'same', null, '110'],
    ],
  );
  return profileDataset(db, ds, { now: NOW });
}

describe('profileDataset when a column looks low-cardinality at first and is not', () => {
  it('falls back to SQL once the in-memory count overflows', () => {
    db = memoryDb();
    const n = 8000;
    const rows = Array.from({ length: n }, (_, i) => [i < 2500 ? 'a' : `v${i}`, i < 2500 ? '2024-01-01' : `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(4, '0').slice(-3)}Z`]);
    const ds = makeDataset(db, 'late', [{ name: 'code', type: 'text', role: 'category' }, { name: 'at', type: 'datetime' }], rows);
    const p = profileDataset(db, ds, { now: NOW });
    expect(col(p, 'code')).toMatchObject({ missing: 0, distinct: 1 + (n - 2500) });
    expect(col(p, 'code').topValues?.[0]).toEqual({ value: 'a', count: 2500 });
    expect(col(p, 'at')).toMatchObject({ missing: 0, min: '2024-01-01', max: '2025-01-01T00:00:59.999Z' });
    expect(col(p, 'at').topValues).toEqual([
      { value: '2024-01', count: 2500 },
      { value: '2025-01', count: n - 2500 },
    ]);
  });
});

describe('profileDataset on a small table', () => {
  it('counts rows and profiles every column in order', () => {
    const p = smallTable();
    expect(p.dataset).toBe('small');
    expect(p.rows).toBe(10);
    expect(p.columns.map((c) => c.name)).toEqual(['id', 'spend', 'age', 'happy', 'city', 'gender', 'signup', 'seen_at', 'constant', 'notes', 'income_text']);
  });

  it('numeric: exact missing, distinct, mean, median, sample std, outliers', () => {
    const p = smallTable();
    const spend = col(p, 'spend');
    expect(spend).toMatchObject({ missing: 0, missingPct: 0, distinct: 8, min: 3, max: 1000, median: 10.5 });
    expect(spend.mean).toBeCloseTo(112.9, 10); // numpy: 112.9
    expect(spend.std).toBeCloseTo(311.93070811747066, 9); // numpy std(ddof=1)
    expect(spend.outliers).toEqual({ count: 2, lower: -12.875, upper: 40.125 });
    expect(spend.histogram?.reduce((a, b) => a + b.count, 0)).toBe(10);
    expect(spend.topValues).toBeNull();

    // age holds 7 numbers, 2 NULLs and one text value ("unknown") that the statistics skip.
    const age = col(p, 'age');
    expect(age).toMatchObject({ missing: 2, missingPct: 20, distinct: 8, min: 25, max: 130, median: 40 });
    expect(age.mean).toBeCloseTo(52.714285714285715, 10); // numpy mean of [34,130,25,40,51,29,60]
    expect(age.std).toBeCloseTo(36.22022586766628, 9);
    expect(age.histogram).toBeTruthy();
  });

  it('boolean: labels, share true as mean, sample std', () => {
    const happy = col(smallTable(), 'happy');
    expect(happy).toMatchObject({ missing: 1, distinct: 2, min: 0, max: 1, median: 1 });
    expect(happy.mean).toBeCloseTo(7 / 9, 12);
    expect(happy.std).toBeCloseTo(0.44095855184409843, 12); // statistics.stdev([1,1,0,1,1,0,1,1,1])
    expect(happy.topValues).toEqual([
      { value: 'Yes', count: 7 },
      { value: 'No', count: 2 },
    ]);
    expect(happy.histogram).toBeNull();
  });

  it('text: top values with counts, no min/max/mean', () => {
    const city = col(smallTable(), 'city');
    expect(city).toMatchObject({ missing: 1, distinct: 3, min: null, max: null, mean: null, median: null, std: null, histogram: null });
    expect(city.topValues).toEqual([
      { value: 'Leeds', count: 5 },
      { value: 'York', count: 3 },
      { value: 'Bath', count: 1 },
    ]);
  });

  it('dates: ISO min/max of valid dates, months as top values', () => {
    const p = smallTable();
    const signup = col(p, 'signup');
    expect(signup).toMatchObject({ missing: 1, distinct: 9, min: '2024-01-15', max: '2030-01-01', mean: null });
    expect(signup.topValues).toEqual([
      { value: '2024', count: 7 },
      { value: '2030', count: 1 },
    ]);
    const seen = col(p, 'seen_at');
    expect(seen).toMatchObject({ missing: 4, distinct: 5, min: '2025-06-01T10:00:00.000Z', max: '2026-03-01T00:00:00.000Z' });
    expect(seen.topValues).toEqual([
      { value: '2025-06', count: 3 },
      { value: '2025-07', count: 2 },
      { value: '2026-03', count: 1 },
    ]);
  });

  it('finds the planted hygiene issues', () => {
    const p = smallTable();
    expect(issue(p, 'duplicateIds', 'id')?.message).toContain('"A3" appears 2 times');
    expect(issue(p, 'mixedTypes', 'age')?.message).toContain('"unknown"');
    expect(issue(p, 'mixedTypes', 'income_text')?.message).toContain('"n/a"');
    expect(issue(p, 'impossibleValues', 'age')?.message).toContain('1 above 120 (highest 130)');
    expect(issue(p, 'invalidDates', 'signup')?.message).toContain('"2024-13-01"');
    expect(issue(p, 'futureDates', 'signup')?.message).toContain('"2030-01-01"');
    expect(issue(p, 'futureDates', 'seen_at')?.message).toMatch(/^1 value/);
    expect(issue(p, 'constantColumn', 'constant')).toBeTruthy();
    expect(issue(p, 'highMissing', 'notes')?.severity).toBe('error'); // 7 of 10 missing
    expect(issue(p, 'highMissing', 'seen_at')?.severity).toBe('warning'); // 4 of 10
    expect(issue(p, 'tinyGroups', 'gender')?.severity).toBe('warning');
    // F 7 : X 1 is 10% and 7:1, inside the 5% / 10:1 limits (the rule itself is tested in hygiene.test.ts).
    expect(issue(p, 'imbalancedGroups', 'gender')).toBeUndefined();
    expect(issue(p, 'tinyGroups', 'city')?.severity).toBe('info');
    // No false alarms on clean columns.
    expect(p.issues.filter((i) => i.column === 'spend')).toEqual([]);
    expect(p.issues.filter((i) => i.column === 'happy')).toEqual([]);
  });

  it('reports an empty dataset', () => {
    db = memoryDb();
    const ds = makeDataset(db, 'empty', [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text' }], []);
    const p = profileDataset(db, ds, { now: NOW });
    expect(p.rows).toBe(0);
    expect(p.columns[0]).toMatchObject({ missing: 0, missingPct: 0, distinct: 0, mean: null, histogram: null });
    expect(p.issues.map((i) => i.kind)).toEqual(['emptyDataset']);
  });

  it('profiles high-cardinality columns through SQL with the same answers', () => {
    db = memoryDb();
    const n = 3000;
    const rows = Array.from({ length: n }, (_, i) => [
      `user${i}@example.com`,
      i % 7 === 0 ? null : `2025-${String(1 + (i % 12)).padStart(2, '0')}-01T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`,
      i < 2990 ? String(i) : 'unknown',
      `name ${i % 1500}`,
    ]);
    const ds = makeDataset(
      db,
      'wide',
      [
        { name: 'email', type: 'text', role: 'id' },
        { name: 'ts', type: 'datetime' },
        { name: 'amount_text', type: 'text' },
        { name: 'name', type: 'text', role: 'id' },
      ],
      rows,
    );
    const p = profileDataset(db, ds, { now: NOW });
    expect(col(p, 'email')).toMatchObject({ missing: 0, distinct: 3000 });
    expect(issue(p, 'duplicateIds', 'email')).toBeUndefined();
    const ts = col(p, 'ts');
    expect(ts.missing).toBe(Math.ceil(n / 7));
    expect(ts.min).toBe('2025-01-01T00:00:00.000Z');
    expect(ts.topValues).toHaveLength(12);
    expect(ts.topValues?.reduce((a, b) => a + b.count, 0)).toBe(n - Math.ceil(n / 7));
    expect(col(p, 'amount_text').distinct).toBe(2991);
    expect(issue(p, 'mixedTypes', 'amount_text')?.message).toContain('2,990 number(s) and 10 text value(s)');
    expect(col(p, 'name').distinct).toBe(1500);
    expect(issue(p, 'duplicateIds', 'name')?.message).toContain('1,500 row(s)');
  });
});

// Mall Customers: 200 rows, header CustomerID,Genre,Age,Annual_Income,Spending_Score, no trailing newline.
const MALL = resolve(__dirname, '../../../../shared/data/mall-customers/Mall_Customers.csv');

describe('profileDataset on bounded scales', () => {
  it('counts no outliers on a rating or a 0–1 score, and keeps Tukey outliers elsewhere', () => {
    db = memoryDb();
    // 40 rows: mostly top answers, with a few honest low ones that Tukey's fences would call outliers.
    const rows = Array.from({ length: 40 }, (_, i) => [i < 3 ? 0 : i < 36 ? 9 + (i % 2) : 5, i < 2 ? 1 : 4 + (i % 2), i < 2 ? 0.9 : 0.1 + (i % 3) / 100, i < 2 ? 0 : 20 + (i % 3)]);
    const ds = makeDataset(
      db,
      'scales',
      [
        { name: 'nps_score', type: 'integer', role: 'nps' },
        { name: 'satisfaction', type: 'integer' },
        { name: 'risk_score', type: 'real', role: 'score' },
        { name: 'visits', type: 'integer' },
      ],
      rows,
    );
    const p = profileDataset(db, ds, { now: NOW });
    expect(col(p, 'nps_score')).toMatchObject({ min: 0, max: 10, outliers: null });
    expect(col(p, 'satisfaction')).toMatchObject({ min: 1, max: 5, outliers: null });
    expect(col(p, 'risk_score')).toMatchObject({ max: 0.9, outliers: null });
    // 0 among 20–22 is outside the fences, and 0–22 is no rating scale.
    expect(col(p, 'visits').outliers?.count).toBe(2);
  });
});

describe('profileDataset on personal columns', () => {
  it('gives no values (top values, min/max) for a PII column or a pseudonymised one, and keeps them for the rest', () => {
    db = memoryDb();
    const rows = Array.from({ length: 30 }, (_, i) => [`Ada ${i % 3}`, `p_${(i % 2).toString(16).padStart(16, '0')}`, i % 2 ? 'Leeds' : 'York', i]);
    const ds = makeDataset(
      db,
      'people',
      [
        { name: 'full_name', type: 'text', role: 'pii' },
        { name: 'customer_id', type: 'text', role: 'category', piiAction: 'pseudonymize' },
        { name: 'city', type: 'text', role: 'category' },
        { name: 'visits', type: 'integer', role: 'pii' },
      ],
      rows,
    );
    const p = profileDataset(db, ds, { now: NOW });
    expect(col(p, 'full_name')).toMatchObject({ distinct: 3, missing: 0, topValues: null });
    expect(col(p, 'customer_id')).toMatchObject({ distinct: 2, topValues: null });
    // Min, max, median and the histogram are single rows' values too; counts and the mean stay.
    expect(col(p, 'visits')).toMatchObject({ distinct: 30, mean: 14.5, min: null, max: null, median: null, histogram: null, topValues: null });
    expect(col(p, 'city').topValues).toEqual([
      { value: 'Leeds', count: 15 },
      { value: 'York', count: 15 },
    ]);
    // No message quotes a personal value either.
    expect(JSON.stringify(p.issues)).not.toMatch(/Ada|p_0/);
  });
});

describe.skipIf(!existsSync(MALL))('profileDataset on Mall_Customers.csv (real data)', () => {
  it('matches numpy on the real file', () => {
    if (!existsSync(MALL)) return;
    const lines = readFileSync(MALL, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
    const rows = lines.slice(1).map((l) => {
      const [id, genre, age, income, score] = l.split(',');
      return [Number(id), genre, Number(age), Number(income), Number(score)];
    });
    db = memoryDb();
    const ds = makeDataset(
      db,
      'mall',
      [
        { name: 'CustomerID', type: 'integer', role: 'id' },
        { name: 'Genre', type: 'text', role: 'protected' },
        { name: 'Age', type: 'integer' },
        { name: 'Annual_Income', type: 'integer' },
        { name: 'Spending_Score', type: 'integer' },
      ],
      rows,
    );
    const p = profileDataset(db, ds, { now: NOW });
    expect(p.rows).toBe(200);
    // python3: v = np.array(...); v.mean(), np.median(v), v.std(ddof=1), len(set(v)), Tukey count with
    // q1, q3 = np.percentile(v, [25, 75]).
    const age = col(p, 'Age');
    expect(age).toMatchObject({ missing: 0, distinct: 51, min: 18, max: 70, median: 36 });
    expect(age.mean).toBeCloseTo(38.85, 10);
    expect(age.std).toBeCloseTo(13.96900733155888, 9);
    expect(age.outliers?.count).toBe(0);
    const income = col(p, 'Annual_Income');
    expect(income).toMatchObject({ distinct: 64, min: 15, max: 137, median: 61.5 });
    expect(income.mean).toBeCloseTo(60.56, 10);
    expect(income.std).toBeCloseTo(26.264721165271244, 9);
    expect(income.outliers).toEqual({ count: 2, lower: 41.5 - 1.5 * 36.5, upper: 78 + 1.5 * 36.5 });
    const score = col(p, 'Spending_Score');
    expect(score).toMatchObject({ distinct: 84, min: 1, max: 99, median: 50 });
    expect(score.mean).toBeCloseTo(50.2, 10);
    expect(score.std).toBeCloseTo(25.823521668370173, 9);
    expect(col(p, 'Genre').topValues).toEqual([
      { value: 'Female', count: 112 },
      { value: 'Male', count: 88 },
    ]);
    // A clean teaching set: no issue at all (ids unique, groups balanced, values plausible).
    expect(p.issues).toEqual([]);
  });
});
