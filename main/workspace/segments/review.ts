// The human in the loop: the review queue of customers between two segments, reassignment (logged, persisted,
// card sizes recounted), the migration matrix between two segmentations, and the assignment rows for export.
import type { MigrationMatrix, ReviewItem } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { getDataset, quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
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

interface AssignmentRow {
  row: number;
  segment: number;
  confidence: number;
  second: number;
  reassigned: number;
  id: string | number | null;
}

function selectWithId(ds: StoredDataset): string {
  const idc = idColumn(ds);
  const idExpr = idc ? `d.${quoteIdent(idc.sqlName)}` : 'a.row';
  return `SELECT a.row AS row, a.segment AS segment, a.confidence AS confidence, a.second AS second, a.reassigned AS reassigned, ${idExpr} AS id
          FROM segment_assignments a JOIN ${quoteIdent(ds.tableName)} d ON d._row = a.row`;
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
 */
export function reviewQueue(db: Db, name: string, limit = DEFAULT_REVIEW_LIMIT): ReviewItem[] {
  const s = getStoredSegmentation(db, name);
  const ds = datasetOf(db, s);
  const rows = db
    .prepare(`${selectWithId(ds)} WHERE a.segmentation_id = ? AND (a.confidence < ? OR a.reassigned = 1) ORDER BY a.confidence, a.row LIMIT ?`)
    .all(s.id, REVIEW_THRESHOLD, limit) as AssignmentRow[];
  return rows.map(toItem);
}

export function reassign(db: Db, name: string, row: number, segment: number): ReviewItem {
  const s = getStoredSegmentation(db, name);
  if (segment >= s.k) throw new AppError('BAD_ARGUMENTS', `Segmentation "${name}" has segments 0–${s.k - 1}; there is no segment ${segment}.`);
  const ds = datasetOf(db, s);
  const one = db.prepare(`${selectWithId(ds)} WHERE a.segmentation_id = ? AND a.row = ?`);
  const before = one.get(s.id, row) as AssignmentRow | undefined;
  if (!before) throw new AppError('NOT_FOUND', `Row ${row} is not part of segmentation "${name}" (missing from the data or excluded).`, { row });
  if (before.segment === segment) return toItem(before);
  const cards = readCards(db, s.id);
  db.transaction(() => {
    db.prepare('UPDATE segment_assignments SET segment = ?, reassigned = 1 WHERE segmentation_id = ? AND row = ?').run(segment, s.id, row);
    recountCards(db, s.id);
    patchProjection(db, s.id, row, segment);
    logActivity(db, 'segment.reassign', `${name}: moved customer ${before.id ?? row} from "${cards[before.segment]?.name}" to "${cards[segment]?.name}"`, {
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
  return toItem(one.get(s.id, row) as AssignmentRow);
}

/** Every assignment with its id value, in row order (for CSV export); streamed, never all in memory. */
export function iterateAssignments(db: Db, name: string): { idColumn: string | null; rows: IterableIterator<AssignmentRow> } {
  const s = getStoredSegmentation(db, name);
  const ds = datasetOf(db, s);
  const stmt = db.prepare(`${selectWithId(ds)} WHERE a.segmentation_id = ? ORDER BY a.row`);
  return { idColumn: idColumn(ds)?.name ?? null, rows: stmt.iterate(s.id) as IterableIterator<AssignmentRow> };
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
  for (const r of db.prepare(`${selectWithId(dsFrom)} WHERE a.segmentation_id = ?`).iterate(from.id) as IterableIterator<AssignmentRow>) {
    const k = key(r);
    if (k !== null) first.set(k, r.segment);
  }
  const counts = Array.from({ length: from.k }, () => new Array<number>(to.k).fill(0));
  let matched = 0;
  for (const r of db.prepare(`${selectWithId(dsTo)} WHERE a.segmentation_id = ?`).iterate(to.id) as IterableIterator<AssignmentRow>) {
    const k = key(r);
    const f = k === null ? undefined : first.get(k);
    if (f === undefined) continue;
    counts[f][r.segment]++;
    matched++;
  }
  return {
    from: fromName,
    to: toName,
    fromSegments: readCards(db, from.id).map((c) => c.name),
    toSegments: readCards(db, to.id).map((c) => c.name),
    counts,
    matched,
  };
}
