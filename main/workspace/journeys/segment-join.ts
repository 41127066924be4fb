// Journeys × a saved segmentation: the segmentation's dataset has one row per customer with an id-role column;
// its assignments (after analysts' reassignments) give each row a segment, so each id value gets a segment and
// each journey whose customer id equals one (compared as text, trimmed) gets that segment.
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { getDataset, quoteIdent } from '../datasets';
import { loadAssignments } from '../segments/assignments';
import { getStoredSegmentation, readCards } from '../segments/store';

export interface SegmentJoin {
  /** Segment index per customer code, −1 when the id is not in the segmentation. */
  segmentOfCustomer: Int32Array;
  segmentNames: string[];
  warnings: string[];
}

export function joinSegmentation(db: Db, segmentation: string, customerIds: readonly string[], wantedSegments: readonly number[] = []): SegmentJoin {
  const s = getStoredSegmentation(db, segmentation);
  const cards = readCards(db, s.id);
  const segmentNames = Array.from({ length: s.k }, (_, i) => cards.find((c) => c.index === i)?.name ?? `Segment ${i + 1}`);
  const outside = wantedSegments.filter((i) => i >= s.k);
  if (outside.length) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Segmentation "${segmentation}" has segments 0–${s.k - 1} (${segmentNames.map((n, i) => `${i} = ${n}`).join(', ')}); there is no segment ${outside.join(', ')}.`,
      { segmentation },
    );
  }
  if (s.datasetName === '(deleted)') {
    throw new AppError('NOT_FOUND', `The dataset segmentation "${segmentation}" was run on has been deleted, so its customers cannot be matched to journeys.`, { segmentation });
  }
  const ds = getDataset(db, s.datasetName);
  const idCol = ds.columns.find((c) => c.role === 'id');
  if (!idCol) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Segmentation "${segmentation}" was run on dataset "${ds.name}", which has no column with the role "id", so its customers cannot be matched to journeys. Mark the customer id column of "${ds.name}" as id (Data view, column role), then run the journey analysis again.`,
      { segmentation, dataset: ds.name },
    );
  }
  const a = loadAssignments(db, s.id);
  // Both the assignments and the scan are in ascending _row: walk them together.
  const segmentOfId = new Map<string, number>();
  let duplicates = 0;
  let k = 0;
  const stmt = db.prepare(`SELECT _row, CAST(${quoteIdent(idCol.sqlName)} AS TEXT) FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).raw(true);
  for (const [row, raw] of stmt.iterate() as IterableIterator<[number, string | null]>) {
    while (k < a.rows.length && a.rows[k] < row) k++;
    if (k >= a.rows.length) break;
    if (a.rows[k] !== row || raw === null) continue;
    const id = raw.trim();
    if (id === '') continue;
    const seen = segmentOfId.get(id);
    if (seen === undefined) segmentOfId.set(id, a.labels[k]);
    else if (seen !== a.labels[k]) duplicates++;
  }
  const segmentOfCustomer = new Int32Array(customerIds.length);
  let matched = 0;
  for (let c = 0; c < customerIds.length; c++) {
    const seg = segmentOfId.get(customerIds[c].trim());
    segmentOfCustomer[c] = seg ?? -1;
    if (seg !== undefined) matched++;
  }
  const warnings: string[] = [];
  if (duplicates > 0) {
    warnings.push(`${duplicates.toLocaleString('en-US')} rows of "${ds.name}" repeat an id of an earlier row with a different segment; each id keeps the segment of its first row.`);
  }
  if (matched === 0 && customerIds.length > 0) {
    warnings.push(
      `No journey's customer id matches the id column "${idCol.name}" of "${ds.name}" (segmentation "${segmentation}"): check that both columns hold the same ids (pseudonymised ids match only within one workspace).`,
    );
  }
  return { segmentOfCustomer, segmentNames, warnings };
}
