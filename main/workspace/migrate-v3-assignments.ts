// Schema v3's data step: pack every segmentation's per-row segment_assignments into the BLOBs of
// segment_assignments_packed, rebuild the reassignment log, then drop the old table (all inside migration 3's
// transaction, so a failure leaves the workspace at v2). Readers overlay reassignments on the saved labels, so
// a moved customer's BLOB label must be its label BEFORE the moves: the activity log recorded each move's
// from/to, and when it agrees with the stored segment it is replayed as is. When it does not (e.g. the log was
// cleared), the current segment becomes the saved label and one from = to move keeps the customer flagged.
import type Database from 'better-sqlite3';
import { writeAssignments } from './segments/assignments';
import { pushAll } from '../../shared/extent';

interface OldRow {
  row: number;
  segment: number;
  confidence: number;
  second: number;
  reassigned: number;
}

interface LoggedMove {
  row: number;
  from: number;
  to: number;
  at: string;
}

function loggedMoves(db: Database.Database, segmentation: string): Map<number, LoggedMove[]> {
  const rows = db
    .prepare(
      `SELECT json_extract(params, '$.row') AS row, json_extract(params, '$.from') AS "from", json_extract(params, '$.to') AS "to", at
       FROM activity WHERE action = 'segment.reassign' AND json_extract(params, '$.segmentation') = ? ORDER BY id`,
    )
    .all(segmentation) as LoggedMove[];
  const byRow = new Map<number, LoggedMove[]>();
  for (const m of rows) {
    if (typeof m.row !== 'number' || typeof m.from !== 'number' || typeof m.to !== 'number') continue;
    byRow.set(m.row, [...(byRow.get(m.row) ?? []), m]);
  }
  return byRow;
}

export function packAssignmentsV3(db: Database.Database): void {
  const segs = db.prepare('SELECT id, name FROM segmentations ORDER BY id').all() as { id: number; name: string }[];
  const read = db.prepare('SELECT row, segment, confidence, second, reassigned FROM segment_assignments WHERE segmentation_id = ? ORDER BY row');
  const move = db.prepare('INSERT INTO segment_reassignments (segmentation_id, row, from_segment, to_segment, at) VALUES (?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  for (const s of segs) {
    const old = read.all(s.id) as OldRow[];
    const n = old.length;
    const a = { rows: new Int32Array(n), labels: new Int32Array(n), confidence: new Float64Array(n), second: new Int32Array(n) };
    const moves: LoggedMove[] = [];
    const logged = old.some((r) => r.reassigned === 1) ? loggedMoves(db, s.name) : new Map<number, LoggedMove[]>();
    old.forEach((r, i) => {
      a.rows[i] = r.row;
      a.labels[i] = r.segment;
      a.confidence[i] = r.confidence;
      a.second[i] = r.second;
      if (r.reassigned !== 1) return;
      const log = logged.get(r.row);
      if (log && log[log.length - 1].to === r.segment) {
        a.labels[i] = log[0].from;
        pushAll(moves, log);
      } else {
        moves.push({ row: r.row, from: r.segment, to: r.segment, at: now });
      }
    });
    writeAssignments(db, s.id, a);
    for (const m of moves) move.run(s.id, m.row, m.from, m.to, m.at);
  }
  db.exec('DROP TABLE segment_assignments');
}
