// The audit's columns as typed arrays, in dataset row order. Numbers (integer, real, boolean 1/0) come through the
// segmentation data path (segments/columns.ts), which reads them from the typed column cache the import filled;
// text columns are read together in blocks and dictionary-encoded (text-columns.ts; levels sorted by code unit).
// The audit job holds a read-only connection, so nothing decoded here is written back to the cache.
import type { Db } from '../db';
import type { StoredColumn, StoredDataset } from '../datasets';
import type { LoadProgress } from '../nps/nps-columns';
import { isNumericColumn, loadColumns, type LoadedColumn } from '../segments/columns';
import { readTextColumns } from './text-columns';

export interface AuditColumns {
  /** Dataset _row per loaded row, ascending. */
  rows: Int32Array;
  byIndex: Map<number, LoadedColumn>;
}

export function loadAuditColumns(db: Db, ds: StoredDataset, columns: StoredColumn[], ctx: LoadProgress): AuditColumns {
  const unique = [...new Map(columns.map((c) => [c.index, c])).values()];
  const numeric = unique.filter(isNumericColumn);
  const text = unique.filter((c) => !isNumericColumn(c));
  const loaded = loadColumns(db, ds, numeric, {
    isCancelled: ctx.isCancelled,
    onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }),
  });
  const byIndex = new Map<number, LoadedColumn>();
  for (const c of loaded.columns) byIndex.set(c.column.index, c);
  readTextColumns(db, ds, text, ctx).forEach((coded, j) => byIndex.set(text[j].index, { kind: 'categorical', column: text[j], ...coded }));
  return { rows: loaded.rows, byIndex };
}
