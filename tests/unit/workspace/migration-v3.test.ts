// Schema v3 packs a v2 workspace's per-row assignments into BLOBs (a JS migration step, hashed by its id) and
// rebuilds the reassignment log: labels, confidences and "moved" flags read back exactly as v2 stored them.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, migrationHash } from '../../../main/workspace/migrations';
import { countAssignments, loadAssignments } from '../../../main/workspace/segments/assignments';

const V2 = MIGRATIONS.filter((m) => m.version <= 2);

function v2Workspace(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, V2);
  db.exec(`INSERT INTO datasets VALUES (1, 'c', 'ds_c', 'c.csv', 4, 't', '{}')`);
  for (const [id, name] of [[1, 'a'], [2, 'b']] as const) {
    db.prepare(`INSERT INTO segmentations (id, name, dataset_id, params, preprocessing, centroids, metrics, created_at) VALUES (?, ?, 1, '{}', '{}', x'', '{}', 't')`).run(id, name);
  }
  const put = db.prepare('INSERT INTO segment_assignments VALUES (?, ?, ?, ?, ?, ?)');
  // Segmentation a: row 3 moved 0 → 2 → 1 (both moves logged); segmentation b: row 2 moved with no log entry.
  put.run(1, 1, 0, 0.5, 1, 0);
  put.run(1, 3, 1, 1 / 3, 0, 1);
  put.run(1, 4, 1, 0.05, 0, 0);
  put.run(2, 2, 1, 0.25, 0, 1);
  const log = db.prepare("INSERT INTO activity (at, action, summary, params) VALUES (?, 'segment.reassign', '', ?)");
  log.run('t1', JSON.stringify({ segmentation: 'a', row: 3, from: 0, to: 2 }));
  log.run('t2', JSON.stringify({ segmentation: 'a', row: 3, from: 2, to: 1 }));
  return db;
}

describe('migration 3: packed assignments', () => {
  it('packs every segmentation, replays logged moves, keeps unlogged moves flagged, drops the old table', () => {
    const db = v2Workspace();
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version); // v3 and every later migration
    const a = loadAssignments(db, 1);
    expect(Array.from(a.rows)).toEqual([1, 3, 4]);
    expect(Array.from(a.labels)).toEqual([0, 1, 1]);
    expect(Array.from(a.confidence)).toEqual([0.5, 1 / 3, 0.05]);
    expect(Array.from(a.second)).toEqual([1, 0, 0]);
    expect(Array.from(a.reassigned)).toEqual([0, 1, 0]);
    const moves = db.prepare('SELECT segmentation_id, row, from_segment, to_segment, at FROM segment_reassignments ORDER BY id').raw().all() as unknown[][];
    expect(moves.slice(0, 2)).toEqual([
      [1, 3, 0, 2, 't1'],
      [1, 3, 2, 1, 't2'],
    ]);
    expect(moves[2].slice(0, 4)).toEqual([2, 2, 1, 1]);
    const b = loadAssignments(db, 2);
    expect([Array.from(b.labels), Array.from(b.reassigned)]).toEqual([[1], [1]]);
    expect(countAssignments(db)).toBe(4);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'segment_assignments'").pluck().get()).toBe(0);
    db.prepare('DELETE FROM segmentations WHERE id = 1').run(); // cascades to both new tables
    expect([countAssignments(db), db.prepare('SELECT COUNT(*) FROM segment_reassignments WHERE segmentation_id = 1').pluck().get()]).toEqual([1, 0]);
  });

  it("a step's id is part of the hash; migrations without a step hash as before", () => {
    const v3 = MIGRATIONS[2];
    expect(v3.step?.id).toBeTruthy();
    expect(migrationHash({ ...v3, step: v3.step && { ...v3.step, id: 'other' } })).not.toBe(migrationHash(v3));
    expect(migrationHash(V2[0])).toBe(migrationHash({ version: V2[0].version, name: V2[0].name, sql: V2[0].sql }));
  });
});
