// A category with too many levels as a segmentation feature is refused before the one-hot matrix is allocated
// (issue 12: a 200k-level category crashed with "Array buffer allocation failed"). Level counts are set by
// construction (level i is the text "L<i>"), so the expected numbers in the message are exact.
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { StoredColumn } from '../../../main/workspace/datasets';
import type { LoadedColumn } from '../../../main/workspace/segments/columns';
import { fitPreprocessing, MAX_CATEGORY_LEVELS } from '../../../main/workspace/segments/preprocess';

const col = (index: number, name: string, type: StoredColumn['type']): StoredColumn => ({ index, name, originalName: name, type, role: 'feature', piiAction: 'keep', sqlName: `c${index}` });
/** n rows, row i at level i % levels: every level present. */
function category(name: string, n: number, levels: number): LoadedColumn {
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = i % levels;
  return { kind: 'categorical', column: col(1, name, 'text'), codes, levels: Array.from({ length: levels }, (_, i) => `L${i}`) };
}
const spend = (n: number): LoadedColumn => ({ kind: 'numeric', column: col(0, 'spend', 'real'), values: Float64Array.from({ length: n }, (_, i) => i) });
const opts = { standardize: true, missing: 'impute' as const, categoryWeight: 1, logTransform: [] as string[] };

describe('category levels as a segmentation feature', () => {
  it('refuses a 200,000-level category naming the column, its level count, the limit and what to do', () => {
    const n = 200_000;
    let caught: unknown;
    try {
      fitPreprocessing([spend(n), category('order_ref', n, 200_000)], n, opts);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      code: 'BAD_ARGUMENTS',
      details: { columnName: 'order_ref', levels: 200_000, limit: 1000 },
    });
    expect((caught as Error).message).toBe(
      'Feature "order_ref" is a category with 200,000 levels; a segmentation feature may have at most 1,000 (each level ' +
        'becomes a dimension of its own). Group its rare levels into "Other" (or use a coarser column), or leave "order_ref" out of the features.',
    );
  });

  it('accepts exactly the limit (1,000 levels) and encodes one indicator per level', () => {
    expect(MAX_CATEGORY_LEVELS).toBe(1000);
    const n = 2000;
    const { prep, prepared } = fitPreprocessing([spend(n), category('city', n, 1000)], n, opts);
    expect(prep.encoded).toHaveLength(1 + 1000);
    expect(prepared.matrix.cols).toBe(1001);
  });

  it('refuses 1,001 levels', () => {
    const n = 2002;
    expect(() => fitPreprocessing([category('city', n, 1001)], n, opts)).toThrow('Feature "city" is a category with 1,001 levels');
  });

  it('refuses a matrix over a quarter of the memory before allocating it, naming the widest category', () => {
    // 1,000 levels + spend = 1,001 dimensions; just enough rows to pass totalmem()/4 bytes at 8 bytes a cell.
    const dims = 1001;
    const n = Math.floor(totalmem() / 4 / (8 * dims)) + 1;
    let caught: unknown;
    try {
      fitPreprocessing([spend(n), category('city', n, 1000)], n, opts);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'BAD_ARGUMENTS', details: { rows: n, dimensions: dims } });
    expect((caught as Error).message).toContain(`The segmentation matrix would be ${n.toLocaleString('en-US')} rows × 1,001 dimensions`);
    expect((caught as Error).message).toContain('group rare levels or leave out "city" (1,000 levels)');
  });
});
