// Preprocessing against hand-computed values: population-SD z-scores, median imputation with counts, log1p,
// one-hot with a weight and mode imputation, row exclusion, and re-applying a saved preprocessing to new data.
import { describe, expect, it } from 'vitest';
import type { StoredColumn } from '../../../main/workspace/datasets';
import type { LoadedColumn } from '../../../main/workspace/segments/columns';
import { encodeLevels } from '../../../main/workspace/text-codes';
import { applyPreprocessing, fitPreprocessing } from '../../../main/workspace/segments/preprocess';

const col = (index: number, name: string, type: StoredColumn['type']): StoredColumn => ({ index, name, originalName: name, type, role: 'feature', piiAction: 'keep', sqlName: `c${index}` });
const num = (index: number, name: string, values: number[]): LoadedColumn => ({ kind: 'numeric', column: col(index, name, 'real'), values: Float64Array.from(values) });
const cat = (index: number, name: string, values: (string | null)[]): LoadedColumn => ({ kind: 'categorical', column: col(index, name, 'text'), ...encodeLevels(values) });
const opts = { standardize: true, missing: 'impute' as const, categoryWeight: 1, logTransform: [] as string[] };

describe('segmentation preprocessing', () => {
  it('imputes the median (count reported) and z-scores with the population SD', () => {
    // spend: 1, 2, NaN, 4, 5 → median 3 → [1,2,3,4,5], mean 3, population SD sqrt(2).
    const { prep, prepared } = fitPreprocessing([num(0, 'spend', [1, 2, Number.NaN, 4, 5])], 5, opts);
    expect(prepared.imputed).toEqual({ spend: 1 });
    expect(prep.features[0]).toMatchObject({ kind: 'numeric', median: 3, mean: 3 });
    expect((prep.features[0] as { sd: number }).sd).toBeCloseTo(Math.SQRT2, 15);
    const z = Array.from(prepared.matrix.data);
    [-2, -1, 0, 1, 2].forEach((v, i) => expect(z[i]).toBeCloseTo(v / Math.SQRT2, 15));
  });

  it('one-hot encodes categories after the numbers, weighted, with mode imputation', () => {
    const { prep, prepared } = fitPreprocessing([num(0, 'x', [0, 2, 4]), cat(1, 'plan', ['b', null, 'a'])], 3, { ...opts, categoryWeight: 0.5 });
    expect(prep.encoded).toEqual(['x', 'plan = a', 'plan = b']);
    expect(prepared.imputed).toEqual({ plan: 1 });
    // Mode tie a/b → the first level in sorted order ("a") fills the missing value.
    const sd = Math.sqrt(8 / 3);
    const rows = [0, 1, 2].map((r) => Array.from(prepared.matrix.data.subarray(r * 3, r * 3 + 3)));
    expect(rows[0][0]).toBeCloseTo(-2 / sd, 15);
    expect(rows.map((r) => r.slice(1))).toEqual([
      [0, 0.5],
      [0.5, 0],
      [0.5, 0],
    ]);
  });

  it('log1p before standardising, and a clear error for negative values', () => {
    const { prepared } = fitPreprocessing([num(0, 'amount', [0, Math.E - 1])], 2, { ...opts, logTransform: ['amount'] });
    expect(Array.from(prepared.matrix.data)).toEqual([-1, 1]);
    expect(() => fitPreprocessing([num(0, 'amount', [-1, 3])], 2, { ...opts, logTransform: ['amount'] })).toThrowError(/Cannot log-transform "amount"/);
  });

  it('excludes rows with any missing feature and reports how many', () => {
    const { prepared } = fitPreprocessing([num(0, 'a', [1, Number.NaN, 3, 5]), cat(1, 'c', ['x', 'y', null, 'x'])], 4, { ...opts, missing: 'exclude' });
    expect(prepared.excluded).toBe(2);
    expect(Array.from(prepared.included)).toEqual([0, 3]);
    expect(prepared.imputed).toEqual({});
  });

  it('constant columns become zeros with a warning', () => {
    const { prepared } = fitPreprocessing([num(0, 'k', [7, 7, 7])], 3, opts);
    expect(Array.from(prepared.matrix.data)).toEqual([0, 0, 0]);
    expect(prepared.warnings.join(' ')).toMatch(/"k" is constant/);
  });

  it('scores new data with the saved means, SDs, medians and levels (unseen levels get no indicator)', () => {
    const { prep } = fitPreprocessing([num(0, 'x', [0, 2, 4]), cat(1, 'plan', ['a', 'b', 'b'])], 3, opts);
    const next = applyPreprocessing([num(0, 'x', [2, Number.NaN]), cat(1, 'plan', ['b', 'zzz'])], 2, prep);
    expect(Array.from(next.matrix.data)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(next.imputed).toEqual({ x: 1 });
    expect(next.warnings.join(' ')).toMatch(/not fitted on/);
  });
});

describe('median imputation value', () => {
  it('equals the sorted-array median on random data with ties (odd and even counts)', async () => {
    const { createRng } = await import('../../../main/analysis/random');
    const rng = createRng(1);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(0, 60);
      const values = Array.from({ length: n }, () => (rng.chance(0.3) ? rng.int(0, 5) : rng.normal()));
      const { prep } = fitPreprocessing([num(0, 'x', values)], n, opts);
      const s = Float64Array.from(values).sort();
      const h = n >> 1;
      expect((prep.features[0] as { median: number }).median).toBe(n % 2 ? s[h] : (s[h - 1] + s[h]) / 2);
    }
  });
});
