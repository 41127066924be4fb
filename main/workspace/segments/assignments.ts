// Assignments of one segmentation, stored compactly (schema v3): four little-endian typed-array BLOBs in
// segment_assignments_packed (dataset _row, label at save time, confidence, second-best label; ascending _row,
// excluded rows absent) plus one segment_reassignments row per analyst move. The BLOBs are written once, in the
// save transaction (a 1M-row save is one 20 MB insert instead of 1M b-tree inserts); a reassignment only appends a
// log row, and readers overlay the latest move of each row on the saved labels.
import type { Db } from '../db';

export interface AssignmentArrays {
  rows: Int32Array;
  labels: Int32Array;
  /** Float64, as the per-row REAL column kept it, so exported and reviewed confidences are bit-identical. */
  confidence: Float64Array;
  second: Int32Array;
}

export interface Assignments extends AssignmentArrays {
  /** 1 where an analyst moved the customer (then `labels` holds the current segment). */
  reassigned: Uint8Array;
}

const blob = (a: Int32Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

// SQLite hands back Buffers at arbitrary byte offsets; copying into a fresh array guarantees alignment.
function i32(buf: Buffer): Int32Array {
  const out = new Int32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function f64(buf: Buffer): Float64Array {
  const out = new Float64Array(buf.byteLength / 8);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

/** Reorder by ascending row when needed: lookups binary-search `rows`, and exports stream in row order. */
function inRowOrder(a: AssignmentArrays): AssignmentArrays {
  let sorted = true;
  for (let i = 1; i < a.rows.length && sorted; i++) sorted = a.rows[i - 1] < a.rows[i];
  if (sorted) return a;
  const order = Array.from(a.rows.keys()).sort((x, y) => a.rows[x] - a.rows[y]);
  const pick = <T extends Int32Array | Float64Array>(src: T, dst: T): T => {
    order.forEach((o, i) => (dst[i] = src[o]));
    return dst;
  };
  const n = order.length;
  return {
    rows: pick(a.rows, new Int32Array(n)),
    labels: pick(a.labels, new Int32Array(n)),
    confidence: pick(a.confidence, new Float64Array(n)),
    second: pick(a.second, new Int32Array(n)),
  };
}

/** Write one segmentation's assignments (inside the caller's transaction). */
export function writeAssignments(db: Db, id: number, arrays: AssignmentArrays): void {
  const a = inRowOrder(arrays);
  db.prepare('INSERT INTO segment_assignments_packed (segmentation_id, n, rows, labels, confidence, second) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    a.rows.length,
    blob(a.rows),
    blob(a.labels),
    blob(a.confidence),
    blob(a.second),
  );
}

/** Index of dataset row `row` in the ascending `rows`, or -1. */
export function indexOfRow(rows: Int32Array, row: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid] === row) return mid;
    if (rows[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

interface PackedRow {
  rows: Buffer;
  labels: Buffer;
  confidence: Buffer;
  second: Buffer;
}

/** Every assignment of a segmentation with analysts' moves applied (empty when it has none). */
export function loadAssignments(db: Db, id: number): Assignments {
  const p = db.prepare('SELECT rows, labels, confidence, second FROM segment_assignments_packed WHERE segmentation_id = ?').get(id) as PackedRow | undefined;
  const a: Assignments = p
    ? { rows: i32(p.rows), labels: i32(p.labels), confidence: f64(p.confidence), second: i32(p.second), reassigned: new Uint8Array(p.rows.byteLength / 4) }
    : { rows: new Int32Array(0), labels: new Int32Array(0), confidence: new Float64Array(0), second: new Int32Array(0), reassigned: new Uint8Array(0) };
  const moves = db.prepare('SELECT row, to_segment AS segment FROM segment_reassignments WHERE segmentation_id = ? ORDER BY id').all(id) as { row: number; segment: number }[];
  for (const m of moves) {
    const i = indexOfRow(a.rows, m.row);
    if (i < 0) continue;
    a.labels[i] = m.segment;
    a.reassigned[i] = 1;
  }
  return a;
}

/** Number of assignments of one segmentation, or of all of them (tests, counts) without decoding the BLOBs. */
export function countAssignments(db: Db, id?: number): number {
  const sql = 'SELECT COALESCE(SUM(n), 0) FROM segment_assignments_packed';
  const n = id === undefined ? db.prepare(sql).pluck().get() : db.prepare(`${sql} WHERE segmentation_id = ?`).pluck().get(id);
  return Number(n);
}
