// Saving a segmentation run: ONE transaction holding the segmentation row, its cards, its assignments (packed
// BLOBs, see assignments.ts), any freshly decoded column cache and the activity entry, so a failed or cancelled run
// leaves nothing behind. It is opened in two steps so the bulk of the writing (the assignments; the column cache on
// a first run) overlaps the metrics still being computed on the helper thread: begin() writes the row (metrics
// filled in later), the assignments and the cache; commit() adds the cards, the metrics and the activity entry.
// Between the two the transaction stays open on this connection (the job's own), holding the write lock.
import type { KScore, SegmentCard } from '../../../shared/segments';
import { logActivity } from '../activity';
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import { writeAssignments } from './assignments';
import { saveColumnCache, type FreshColumn } from './columns';
import type { Preprocessing } from './preprocess';
import { assertSegmentationNameFree, type Metrics, type ResolvedParams } from './store';

/** Everything known once k-means, the profile and the projection are done. */
export interface SegmentationHead {
  name: string;
  dataset: StoredDataset;
  params: ResolvedParams;
  prep: Preprocessing;
  centroids: Float64Array;
  k: number;
  /** Dataset _row, label, confidence and second-best label of every included customer. */
  rows: Int32Array;
  labels: Int32Array;
  confidence: Float64Array;
  second: Int32Array;
  /** Projection points: dataset _row, x, y (labels are looked up from `labels`). */
  projection: { rows: Int32Array; x: Float64Array; y: Float64Array; seg: Int32Array };
  cache: FreshColumn[];
}

/** What needs the silhouette and the stability. */
export interface SegmentationTail {
  metrics: Metrics;
  kScores: KScore[] | null;
  cards: SegmentCard[];
  activity: { action: string; summary: string; params: Record<string, unknown> };
}

export interface OpenSave {
  id: number;
  /** Write the rest and commit; returns the id. */
  commit: (tail: SegmentationTail) => number;
  /** Roll back if still open (a failure or cancellation before commit). */
  rollback: () => void;
}

function encodeProjection(p: SegmentationHead['projection']): Buffer {
  const n = p.rows.length;
  const out = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) {
    out[i] = p.rows[i];
    out[n + i] = p.seg[i];
    out[2 * n + i] = p.x[i];
    out[3 * n + i] = p.y[i];
  }
  return Buffer.from(out.buffer);
}

/** Open the save transaction and write the bulk. Must not be called inside another transaction. */
export function beginSave(db: Db, s: SegmentationHead): OpenSave {
  db.exec('BEGIN IMMEDIATE');
  const rollback = (): void => {
    if (db.inTransaction) db.exec('ROLLBACK');
  };
  let id: number;
  try {
    assertSegmentationNameFree(db, s.name);
    const info = db
      .prepare('INSERT INTO segmentations (name, dataset_id, params, preprocessing, centroids, metrics, k_scores, projection, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)')
      .run(
        s.name,
        s.dataset.id,
        JSON.stringify(s.params),
        JSON.stringify(s.prep),
        Buffer.from(s.centroids.buffer, s.centroids.byteOffset, s.centroids.byteLength),
        '{}', // replaced by commit(), in this same transaction
        encodeProjection(s.projection),
        new Date().toISOString(),
      );
    id = Number(info.lastInsertRowid);
    writeAssignments(db, id, { rows: s.rows, labels: s.labels, confidence: s.confidence, second: s.second });
    saveColumnCache(db, s.dataset, s.cache);
  } catch (err) {
    rollback();
    throw err;
  }
  const commit = (t: SegmentationTail): number => {
    try {
      db.prepare('UPDATE segmentations SET metrics = ?, k_scores = ? WHERE id = ?').run(JSON.stringify({ ...t.metrics, k: s.k }), t.kScores ? JSON.stringify(t.kScores) : null, id);
      const card = db.prepare('INSERT INTO segment_cards (segmentation_id, idx, name, suggested_name, persona, stats) VALUES (?, ?, ?, ?, ?, ?)');
      for (const c of t.cards) {
        const { index, name, suggestedName, persona, ...stats } = c;
        card.run(id, index, name, suggestedName, persona, JSON.stringify(stats));
      }
      logActivity(db, t.activity.action, t.activity.summary, { ...t.activity.params, segmentation: s.name, id });
      db.exec('COMMIT');
      return id;
    } catch (err) {
      rollback();
      throw err;
    }
  };
  return { id, commit, rollback };
}
