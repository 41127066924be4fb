// The human in the loop: the review queue of customers between two segments, reassignment (logged, persisted,
// card sizes recounted), the migration matrix between two segmentations, and the assignment rows for export.
import type { MigrationMatrix, ReviewItem } from '../../../shared/segments';
import { segmentSizeShift } from '../../analysis/segment/size-shift';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { getDataset, quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { indexOfRow, loadAssignments, type Assignments } from './assignments';
import { REVIEW_THRESHOLD } from './cards';
import { getStoredSegmentation, patchProjection, readCards, recountCards, type StoredSegmentation } from './store';

export const DEFAULT_REVIEW_LIMIT = 200;

export function idColumn(ds: StoredDataset): StoredColumn | null {
  return ds.columns.find((c) => c.role === 'id') ?? null;
}

function datasetOf(db: Db, s: StoredSegmentation): StoredDataset {
  const row = db.prepare('SELECT name FROM datasets WHERE id = ?').get(s.datasetId) as { name: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND', `The dataset of segmentation "${s.name}" no longer exists.`);
  return getDataset(db, row.name);
}

export interface AssignmentRow {
  row: number;
  segment: number;
  confidence: number;
  second: number;
  reassigned: number;
  id: string | number | null;
}

const idExpr = (ds: StoredDataset): string => {
  const idc = idColumn(ds);
  return idc ? quoteIdent(idc.sqlName) : '_row';
};

function rowAt(a: Assignments, i: number, id: string | number | null): AssignmentRow {
  return { row: a.rows[i], segment: a.labels[i], confidence: a.confidence[i], second: a.second[i], reassigned: a.reassigned[i], id };
}

/** Look up single rows' id values (the review queue, a reassignment); undefined when the data row is gone. */
function idLookup(db: Db, ds: StoredDataset): (row: number) => { id: string | number | null } | undefined {
  const stmt = db.prepare(`SELECT ${idExpr(ds)} AS id FROM ${quoteIdent(ds.tableName)} WHERE _row = ?`);
  return (row) => stmt.get(row) as { id: string | number | null } | undefined;
}

/**
 * Every assignment joined with its data row's id value, in row order: one ordered pass over the dataset table
 * merged with the ascending assignment rows (a data row that no longer exists is skipped, as the old join did).
 */
function* withIds(db: Db, ds: StoredDataset, a: Assignments): Generator<AssignmentRow> {
  const data = db.prepare(`SELECT _row AS row, ${idExpr(ds)} AS id FROM ${quoteIdent(ds.tableName)} WHERE _row >= ? ORDER BY _row`);
  if (a.rows.length === 0) return;
  let i = 0;
  for (const d of data.iterate(a.rows[0]) as IterableIterator<{ row: number; id: string | number | null }>) {
    while (i < a.rows.length && a.rows[i] < d.row) i++;
    if (i === a.rows.length) return;
    if (a.rows[i] === d.row) yield rowAt(a, i++, d.id);
  }
}

const toItem = (r: AssignmentRow): ReviewItem => ({
  row: r.row,
  id: r.id ?? r.row,
  segment: r.segment,
  secondBest: r.second,
  confidence: r.confidence,
  reassigned: r.reassigned === 1,
});

/**
 * Lowest-confidence customers first: everyone below REVIEW_THRESHOLD (0.1: the nearest centroid is less than
 * 10% closer than the second), plus customers an analyst already moved, so a reassignment stays visible.
 * Ordered by confidence then row (rows ascend, and the sort is stable).
 */
export function reviewQueue(db: Db, name: string, limit = DEFAULT_REVIEW_LIMIT): ReviewItem[] {
  const s = getStoredSegmentation(db, name);
  const ds = datasetOf(db, s);
  const a = loadAssignments(db, s.id);
  const picked: number[] = [];
  for (let i = 0; i < a.rows.length; i++) if (a.confidence[i] < REVIEW_THRESHOLD || a.reassigned[i] === 1) picked.push(i);
  picked.sort((x, y) => a.confidence[x] - a.confidence[y]);
  const lookup = idLookup(db, ds);
  const out: ReviewItem[] = [];
  for (const i of picked) {
    if (out.length >= limit) break;
    const hit = lookup(a.rows[i]);
    if (hit) out.push(toItem(rowAt(a, i, hit.id)));
  }
  return out;
}

export function reassign(db: Db, name: string, row: number, segment: number): ReviewItem {
  const s = getStoredSegmentation(db, name);
  if (segment >= s.k) throw new AppError('BAD_ARGUMENTS', `Segmentation "${name}" has segments 0–${s.k - 1}; there is no segment ${segment}.`);
  const ds = datasetOf(db, s);
  const a = loadAssignments(db, s.id);
  const i = indexOfRow(a.rows, row);
  const hit = i < 0 ? undefined : idLookup(db, ds)(row);
  if (!hit) throw new AppError('NOT_FOUND', `Row ${row} is not part of segmentation "${name}" (missing from the data or excluded).`, { row });
  const before = rowAt(a, i, hit.id);
  if (before.segment === segment) return toItem(before);
  const cards = readCards(db, s.id);
  db.transaction(() => {
    db.prepare('INSERT INTO segment_reassignments (segmentation_id, row, from_segment, to_segment, at) VALUES (?, ?, ?, ?, ?)').run(s.id, row, before.segment, segment, new Date().toISOString());
    a.labels[i] = segment;
    a.reassigned[i] = 1;
    recountCards(db, s.id, a);
    patchProjection(db, s.id, row, segment);
    logActivity(db, 'segment.reassign', `Moved customer ${before.id ?? row} of "${name}" from "${cards[before.segment]?.name}" to "${cards[segment]?.name}".`, {
      segmentation: name,
      row,
      id: before.id ?? row,
      from: before.segment,
      to: segment,
      fromName: cards[before.segment]?.name,
      toName: cards[segment]?.name,
      confidence: before.confidence,
    });
  })();
  return toItem(rowAt(a, i, hit.id));
}

/** Every assignment with its id value, in row order (for CSV export); the id values are streamed. */
export function iterateAssignments(db: Db, name: string): { idColumn: string | null; rows: IterableIterator<AssignmentRow> } {
  const s = getStoredSegmentation(db, name);
  const ds = datasetOf(db, s);
  return { idColumn: idColumn(ds)?.name ?? null, rows: withIds(db, ds, loadAssignments(db, s.id)) };
}

/**
 * Customers in each pair of segments, matched by the value of each dataset's id column (pseudonymised ids
 * still match within a workspace). Two segmentations of the same dataset without an id column match by row.
 */
export function migrationMatrix(db: Db, fromName: string, toName: string): MigrationMatrix {
  const from = getStoredSegmentation(db, fromName);
  const to = getStoredSegmentation(db, toName);
  const dsFrom = datasetOf(db, from);
  const dsTo = datasetOf(db, to);
  const byRow = dsFrom.id === dsTo.id && !idColumn(dsFrom);
  if (!byRow && (!idColumn(dsFrom) || !idColumn(dsTo))) {
    const which = !idColumn(dsFrom) ? dsFrom.name : dsTo.name;
    throw new AppError('BAD_ARGUMENTS', `Dataset "${which}" has no column with role "id", so its customers cannot be matched. Set a column's role to id first.`);
  }
  const key = (r: AssignmentRow) => (byRow ? String(r.row) : r.id === null ? null : String(r.id));
  const first = new Map<string, number>();
  const fromSizes = new Array<number>(from.k).fill(0);
  const toSizes = new Array<number>(to.k).fill(0);
  for (const r of withIds(db, dsFrom, loadAssignments(db, from.id))) {
    fromSizes[r.segment]++;
    const k = key(r);
    if (k !== null) first.set(k, r.segment);
  }
  const counts = Array.from({ length: from.k }, () => new Array<number>(to.k).fill(0));
  let matched = 0;
  for (const r of withIds(db, dsTo, loadAssignments(db, to.id))) {
    toSizes[r.segment]++;
    const k = key(r);
    const f = k === null ? undefined : first.get(k);
    if (f === undefined) continue;
    counts[f][r.segment]++;
    matched++;
  }
  const fromSegments = readCards(db, from.id).map((c) => c.name);
  // A scoring of the other (either way round) keeps its centroids: segment i is the same segment in both.
  const sameSegments = from.k === to.k && (to.params.scoredFrom === from.name || from.params.scoredFrom === to.name);
  return {
    from: fromName,
    to: toName,
    fromSegments,
    toSegments: readCards(db, to.id).map((c) => c.name),
    counts,
    matched,
    ...(sameSegments ? { sizes: segmentSizeShift(fromSegments, fromSizes, toSizes) } : {}),
  };
}
