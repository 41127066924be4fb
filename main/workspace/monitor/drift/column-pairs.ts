// Two waves compared one column pair at a time, when both datasets' columns are all in the column cache (the usual
// case after a first run): each column of each wave is read, reduced (sorted in place, or counted), compared and
// dropped before the next, so a run reuses its memory instead of holding both waves at once. On the 2-core benchmark
// machine a fresh page of memory costs ~8 µs to touch, and holding 2 × 30 columns of a million rows meant ~100k of
// them. The job's thread takes every other pair and a helper thread the rest (./wave-helper.ts), so both cores
// compare and nothing large crosses between threads. The numbers are those of the whole-wave path (./wave-read.ts):
// the same reductions and comparisons (tests/integration/check-beside-job.test.ts compares the two paths' results).
import { AppError } from '../../../../shared/errors';
import type { DriftSkipped } from '../../../../shared/monitor-drift';
import type { ColumnComparison } from '../../../analysis/monitor/drift/compare-column';
import { categoricalWaveColumn, compareWaveColumns, numericWaveColumn, type WaveColumn } from '../../../analysis/monitor/drift/wave-data';
import { withMemoryMap, type Db } from '../../db';
import type { StoredColumn, StoredDataset } from '../../datasets';
import { releaseNow } from '../../release-memory';
import { readCachedColumn } from '../../segments/columns';
import { codedOf } from './wave-read';

export interface ColumnPair {
  ref: StoredColumn;
  cur: StoredColumn;
}

export type PairOutcome = ColumnComparison | DriftSkipped;

/** One wave's column, reduced, and `release` to free its arrays once the pair is compared. */
function cachedWaveColumn(db: Db, ds: StoredDataset, column: StoredColumn): { wave: WaveColumn; release: () => void } | null {
  const c = readCachedColumn(db, ds, column);
  if (!c) return null;
  // The array was read for this comparison alone: sorted where it is, and freed as soon as the pair is compared
  // (../../release-memory.ts: the next column's read then reuses its pages).
  if (c.kind === 'numeric' && c.column.type !== 'boolean') {
    const wave = numericWaveColumn(column.name, c.values, ds.rows, c.column.type === 'integer', true);
    return { wave, release: () => releaseNow(c.values, wave.kind === 'numeric' ? wave.sorted : null) };
  }
  const coded = codedOf(c, null);
  const wave = categoricalWaveColumn(column.name, coded.levels, coded.codes, ds.rows);
  return { wave, release: () => releaseNow(c.kind === 'numeric' ? c.values : c.codes, coded.codes) };
}

/**
 * Compare `pairs` of the reference and current datasets from the column cache, in order; null as soon as a column
 * is not there (damaged since the caller checked): the caller then reads whole waves, rebuilding what is missing.
 */
export function compareCachedPairs(db: Db, refDs: StoredDataset, curDs: StoredDataset, pairs: ColumnPair[], isCancelled: () => boolean): PairOutcome[] | null {
  // One memory map for the whole loop (each read would otherwise map and unmap the file).
  return withMemoryMap(db, () => {
    const out: PairOutcome[] = [];
    for (const p of pairs) {
      if (isCancelled()) throw new AppError('CANCELLED', 'Cancelled while comparing the waves.');
      const ref = cachedWaveColumn(db, refDs, p.ref);
      if (!ref) return null;
      const cur = cachedWaveColumn(db, curDs, p.cur);
      if (!cur) {
        ref.release();
        return null;
      }
      out.push(compareWaveColumns(ref.wave, cur.wave));
      ref.release();
      cur.release();
    }
    return out;
  });
}
