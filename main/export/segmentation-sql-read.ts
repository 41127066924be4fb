// What segmentationToSql needs from a workspace, by segmentation name: the saved preprocessing and centroids, the
// segments' current names, and the dataset's id column (its display name, which is what the customer table is
// expected to call it).
import type { Db } from '../workspace/db';
import { getDataset } from '../workspace/datasets';
import { idColumn } from '../workspace/segments/review';
import { getStoredSegmentation, readCards } from '../workspace/segments/store';
import type { SegmentationSqlInput } from './segmentation-sql';

export interface SegmentationForSql extends SegmentationSqlInput {
  /** The id-role column of the segmented dataset, or null when it has none. */
  idColumn: string | null;
}

export function readSegmentationForSql(db: Db, name: string): SegmentationForSql {
  const s = getStoredSegmentation(db, name);
  const names: string[] = [];
  for (const c of readCards(db, s.id)) names[c.index] = c.name;
  let id: string | null = null;
  if (s.datasetName !== '(deleted)') id = idColumn(getDataset(db, s.datasetName))?.name ?? null;
  return {
    name: s.name,
    dataset: s.datasetName,
    createdAt: s.createdAt,
    prep: s.prep,
    centroids: s.centroids,
    k: s.k,
    // Every segment has a card; a missing one (never expected) falls back to its number, never to another's name.
    segmentNames: Array.from({ length: s.k }, (_, j) => names[j] ?? `Segment ${j + 1}`),
    idColumn: id,
  };
}
