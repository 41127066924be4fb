// Duplicating a saved segmentation: its run, cards, packed assignments and the analyst's reassignments, copied row
// for row under a new name (a re-fit could differ once the analyst has moved customers or edited names).
import type { Db } from '../../workspace/db';

/** Copy segmentation `id` as `name` (inside the caller's transaction); returns the new segmentation's id. */
export function copySegmentation(db: Db, id: number, name: string): number {
  const info = db
    .prepare(
      `INSERT INTO segmentations (name, dataset_id, params, preprocessing, centroids, metrics, k_scores, projection, created_at)
       SELECT ?, dataset_id, params, preprocessing, centroids, metrics, k_scores, projection, ? FROM segmentations WHERE id = ?`,
    )
    .run(name, new Date().toISOString(), id);
  const copy = Number(info.lastInsertRowid);
  db.prepare(
    `INSERT INTO segment_cards (segmentation_id, idx, name, suggested_name, persona, stats)
     SELECT ?, idx, name, suggested_name, persona, stats FROM segment_cards WHERE segmentation_id = ?`,
  ).run(copy, id);
  db.prepare(
    `INSERT INTO segment_assignments_packed (segmentation_id, n, rows, labels, confidence, second)
     SELECT ?, n, rows, labels, confidence, second FROM segment_assignments_packed WHERE segmentation_id = ?`,
  ).run(copy, id);
  db.prepare(
    `INSERT INTO segment_reassignments (segmentation_id, row, from_segment, to_segment, at)
     SELECT ?, row, from_segment, to_segment, at FROM segment_reassignments WHERE segmentation_id = ? ORDER BY id`,
  ).run(copy, id);
  return copy;
}
