// Fold assignment and train/test splits. Properties are checked on counts worked out by hand in the comments
// (stratification, sizes, coverage). Determinism: running twice gives identical folds, and the folds equal those of
// an independent Python rewrite of the same algorithm (tests/fixtures/predict/folds.json, written by
// /usr/bin/python3 tests/fixtures/predict/make_folds.py: mulberry32 with explicit 32-bit masking, Fisher–Yates,
// round-robin dealing) — the same seed gives the same folds in another language, so on any machine; a change to the
// stream or the dealing order, which would silently change every saved model's folds, fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitByValue, stratifiedKFold, stratifiedSplit } from '../../../main/analysis/predict/folds';

// 103 rows, positives at every row i with i % 9 < 2 (i = 0,1,9,10,…,99,100 → 24 positives), the rest negative.
const N = 103;
const PYTHON = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'predict', 'folds.json'), 'utf8')) as Record<string, number[]>;
const Y = Uint8Array.from({ length: N }, (_, i) => (i % 9 < 2 ? 1 : 0));
const POSITIVES = Y.reduce((s, v) => s + v, 0);

function positivesIn(rows: Uint32Array): number {
  return rows.reduce((s, r) => s + Y[r], 0);
}

describe('stratified k-fold', () => {
  it('puts every row in one fold, with fold sizes and positives per fold differing by at most one', () => {
    expect(POSITIVES).toBe(24);
    const f = stratifiedKFold(Y, { k: 5, seed: 42 });
    expect(f.splits).toHaveLength(5);
    // 24 positives dealt from fold 0 → 5,5,5,5,4; the 79 negatives continue at fold 4 (position 24) → folds 4,0,1,2
    // get 16 and fold 3 gets 15; totals 21,21,21,20,20.
    expect(f.splits.map((s) => positivesIn(s.test))).toEqual([5, 5, 5, 5, 4]);
    expect(f.splits.map((s) => s.test.length)).toEqual([21, 21, 21, 20, 20]);
    for (const s of f.splits) {
      expect(s.train.length + s.test.length).toBe(N);
      const all = new Set([...s.train, ...s.test]);
      expect(all.size).toBe(N);
      for (let i = 1; i < s.test.length; i++) expect(s.test[i]).toBeGreaterThan(s.test[i - 1]);
      for (let i = 1; i < s.train.length; i++) expect(s.train[i]).toBeGreaterThan(s.train[i - 1]);
    }
    // Each row is in exactly one test fold.
    const counts = new Int32Array(N);
    for (const s of f.splits) for (const r of s.test) counts[r]++;
    expect(Array.from(counts).every((c) => c === 1)).toBe(true);
    f.splits.forEach((s, k) => s.test.forEach((r) => expect(f.assignment[r]).toBe(k)));
  });

  it('is deterministic: same seed, identical folds; another seed, other folds', () => {
    const a = stratifiedKFold(Y, { k: 5, seed: 7 });
    const b = stratifiedKFold(Y.slice(), { k: 5, seed: 7 });
    expect(b).toEqual(a);
    const c = stratifiedKFold(Y, { k: 5, seed: 8 });
    expect(Array.from(c.assignment)).not.toEqual(Array.from(a.assignment));
  });

  it('equals the independent Python implementation for seeds 7, 42 and 2³² − 1', () => {
    expect(Array.from(stratifiedKFold(Y, { k: 5, seed: 7 }).assignment)).toEqual(PYTHON.kfold5seed7);
    expect(Array.from(stratifiedKFold(Y, { k: 5, seed: 42 }).assignment)).toEqual(PYTHON.kfold5seed42);
    expect(Array.from(stratifiedKFold(Y, { k: 3, seed: 4294967295 }).assignment)).toEqual(PYTHON.kfold3seed4294967295);
  });

  it('divides only the given rows (cross-validation inside a training set)', () => {
    const rows = Uint32Array.from({ length: N }, (_, i) => i).filter((i) => i % 4 !== 0);
    const f = stratifiedKFold(Y, { k: 3, seed: 1, rows });
    for (let r = 0; r < N; r++) expect(f.assignment[r] === -1).toBe(r % 4 === 0);
    for (const s of f.splits) expect(s.train.length + s.test.length).toBe(rows.length);
  });

  it('refuses folds it cannot stratify, and bad settings', () => {
    const few = Uint8Array.from({ length: 40 }, (_, i) => (i < 3 ? 1 : 0));
    expect(() => stratifiedKFold(few, { k: 5, seed: 1 })).toThrow(/Cannot make 5 stratified folds: only 3 positive rows; every fold needs at least one. Use fewer folds./);
    expect(() => stratifiedKFold(Y, { k: 1, seed: 1 })).toThrow(/from 2 to 100; got 1/);
    expect(() => stratifiedKFold(Y, { seed: -1 })).toThrow(/seed must be a whole number/);
    expect(() => stratifiedKFold(Y, { seed: 1.5 })).toThrow(/seed must be a whole number/);
    expect(() => stratifiedKFold(Uint8Array.of(0, 1, 2), { k: 2, seed: 1 })).toThrow(/row 2 is 2/);
  });
});

describe('stratified train/test split', () => {
  it('takes ⌈share·n⌉ test rows split between the classes by largest remainder', () => {
    // share .2 of 103 → 21 test rows; exact shares 21·24/103 = 4.89 positives and 21·79/103 = 16.11 negatives →
    // floors 4 and 16, the leftover row to the larger fraction (.89, positives) → 5 positives, 16 negatives.
    const s = stratifiedSplit(Y, 0.2, 3);
    expect(s.test.length).toBe(21);
    expect(positivesIn(s.test)).toBe(5);
    expect(positivesIn(s.train)).toBe(19);
    expect(new Set([...s.train, ...s.test]).size).toBe(N);
    expect(stratifiedSplit(Y, 0.2, 3)).toEqual(s);
    expect(Array.from(s.test)).toEqual(PYTHON.split20seed3);
    expect(Array.from(stratifiedSplit(Y, 0.2, 4).test)).not.toEqual(Array.from(s.test));
  });

  it('keeps at least one row of each class in the test part', () => {
    // share .01 → 2 rows: exact .47 positives, 1.53 negatives → 0 and 2; the positive is raised to 1 → 3 rows.
    const s = stratifiedSplit(Y, 0.01, 3);
    expect(positivesIn(s.test)).toBe(1);
    expect(s.test.length).toBe(3);
  });

  it('refuses a share outside (0, 1) and a class too small to split', () => {
    expect(() => stratifiedSplit(Y, 0, 1)).toThrow(/strictly between 0 and 1/);
    expect(() => stratifiedSplit(Y, 20, 1)).toThrow(/got 20/);
    expect(() => stratifiedSplit(Uint8Array.of(1, 0, 0, 0), 0.5, 1)).toThrow(/only 1 positive row; each part needs at least one/);
  });
});

describe('split by a column value', () => {
  const months = ['2024-01', '2024-02', '2024-03', null, '2024-03', '2024-01'];
  const y6 = Uint8Array.of(1, 0, 1, 0, 0, 0);

  it('tests on the rows where COL = VALUE and trains on all others (missing values included)', () => {
    const s = splitByValue(months, '2024-03', 'month', y6);
    expect(Array.from(s.test)).toEqual([2, 4]);
    expect(Array.from(s.train)).toEqual([0, 1, 3, 5]);
    expect(s).toMatchObject({ column: 'month', value: '2024-03' });
  });

  it('matches a numeric column by number', () => {
    const cohort = Float64Array.of(3, 2, 3.0, Number.NaN, 1);
    expect(Array.from(splitByValue(cohort, '3', 'cohort').test)).toEqual([0, 2]);
    expect(Array.from(splitByValue(cohort, '3.00', 'cohort').test)).toEqual([0, 2]);
    expect(() => splitByValue(cohort, 'three', 'cohort')).toThrow(/Column cohort is numeric; the test value "three" is not a number/);
  });

  it('explains an empty side instead of returning it', () => {
    expect(() => splitByValue(months, '2023-12', 'month')).toThrow(/No row has month = "2023-12".*include: "2024-01", "2024-02", "2024-03"/);
    expect(() => splitByValue(['a', 'a'], 'a', 'plan')).toThrow(/Every row has plan = "a"/);
    expect(() => splitByValue(months, '2024-02', 'month', y6)).toThrow(/test rows \(month = "2024-02", 1 rows\) have no positives/);
    expect(() => splitByValue(months, '2024-02', 'month', y6.subarray(0, 3))).toThrow(/3 labels for 6 rows/);
  });
});
