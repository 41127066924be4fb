// The audit's columns as typed arrays, in dataset row order, through the segmentation data path
// (segments/columns.ts): numbers (integer, real, boolean 1/0) from the typed column cache the import filled, text
// columns read together in blocks and dictionary-encoded (text-codes.ts; levels sorted by code unit).
// The audit job holds a read-only connection, so nothing decoded here is written back to the cache.
import type { Db } from '../db';
import type { StoredColumn, StoredDataset } from '../datasets';
import { loadProgress, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';

export interface AuditColumns {
  /** Dataset _row per loaded row, ascending. */
  rows: Int32Array;
  byIndex: Map<number, LoadedColumn>;
}

export function loadAuditColumns(db: Db, ds: StoredDataset, columns: StoredColumn[], ctx: LoadProgress): AuditColumns {
  const unique = [...new Map(columns.map((c) => [c.index, c])).values()];
  const loaded = loadColumns(db, ds, unique, loadProgress(ctx));
  return { rows: loaded.rows, byIndex: new Map(loaded.columns.map((c) => [c.column.index, c])) };
}
