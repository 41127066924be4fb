// The cohorts scan's helper thread (task 'cohorts.scan-part', see scan-part.ts), the same mechanism as the journey
// scan's (../../scan-helper-thread.ts); this file names the cohort columns the helper needs.
import type { Db } from '../../db';
import type { StoredDataset } from '../../datasets';
import { startScanHelperThread, type ScanHelper, type ScanPartRange } from '../../scan-helper-thread';
import type { CohortColumns, CohortScanOptions, LogPart } from './scan';

export interface CohortScanPartInput extends ScanPartRange {
  /** Column positions (StoredColumn.index). */
  columns: { customer: number; time: number; value: number | null; score: number | null; by: number | null };
  /** The table's first _row, and whether to read time and value from the table even when they are cached. */
  cache: { first: number; fromTable: boolean };
}

export type CohortScanHelper = ScanHelper<LogPart>;

export function startCohortScanHelper(
  db: Db,
  ds: StoredDataset,
  cols: CohortColumns,
  cache: { first: number; fromTable: boolean },
  opts: CohortScanOptions,
  from: number,
  to: number,
): CohortScanHelper | null {
  const columns = { customer: cols.customer.index, time: cols.time.index, value: cols.value?.index ?? null, score: cols.score?.index ?? null, by: cols.by?.index ?? null };
  return startScanHelperThread<LogPart, 'cohorts.scan-part'>('cohorts.scan-part', db, ds, { columns, cache }, opts, from, to);
}
