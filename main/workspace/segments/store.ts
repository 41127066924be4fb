// Saved segmentations: one row per run (params, preprocessing, centroids, metrics, k scores, projection), one
// card per segment, the packed assignments (assignments.ts; written by save.ts in one transaction); reading them back.
import type { KScore, ProjectionPoints, SegmentCard, SegmentationResult, SegmentationSummary, SegmentParams } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { nameTaken } from '../results/store';
import { loadAssignments, type Assignments } from './assignments';
import { REVIEW_THRESHOLD, refreshSizeSentence } from './cards';
import type { Preprocessing } from './preprocess';

/** Saved parameters: every default made explicit, so re-running them gives the same answer. */
export type ResolvedParams = SegmentationSummary['params'] &
  Required<Pick<SegmentParams, 'kRange' | 'standardize' | 'logTransform' | 'categoryWeight' | 'missing'>> & { scoredFrom?: string };

/** What a run stores beside its parameters: the summary's figures (one definition, in the contract) plus internals. */
export interface Metrics
  extends Pick<
    SegmentationResult,
    | 'rows'
    | 'excludedRows'
    | 'imputed'
    | 'inertia'
    | 'silhouette'
    | 'silhouetteSampleSize'
    | 'calinskiHarabasz'
    | 'daviesBouldin'
    | 'recommendation'
    | 'method'
    | 'heatmapFeatures'
    | 'heatmap'
  > {
  projection: Omit<SegmentationResult['projection'], 'x' | 'y' | 'segment'>;
  warnings: string[];
  iterations: number;
  converged: boolean;
  reviewThreshold: number;
  dataVersion: { rows: number; importedAt: string };
}

interface SegRow {
  id: number;
  name: string;
  dataset_id: number;
  params: string;
  preprocessing: string;
  centroids: Buffer;
  metrics: string;
  k_scores: string | null;
  projection: Buffer | null;
  created_at: string;
}

export interface StoredSegmentation {
  id: number;
  name: string;
  datasetId: number;
  datasetName: string;
  params: ResolvedParams;
  prep: Preprocessing;
  centroids: Float64Array;
  k: number;
  metrics: Metrics;
  kScores: KScore[] | null;
  createdAt: string;
}

/** A segmentation's name is also its saved result's name, so it must be free among both (one rule: results/store). */
const nameInUse = (db: Db, name: string): boolean => nameTaken(db, name);

export function uniqueSegmentationName(db: Db, base: string): string {
  let name = base.slice(0, 190);
  for (let i = 2; nameInUse(db, name); i++) name = `${base.slice(0, 190)} (${i})`;
  return name;
}

export function assertSegmentationNameFree(db: Db, name: string): void {
  if (nameInUse(db, name)) {
    throw new AppError('NAME_TAKEN', `A segmentation named "${name}" already exists. Choose another name or delete it first.`, { name });
  }
}

function decodeF64(buf: Buffer): Float64Array {
  const out = new Float64Array(buf.byteLength / 8);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

function rowByName(db: Db, name: string): SegRow {
  const row = db.prepare('SELECT * FROM segmentations WHERE name = ?').get(name) as SegRow | undefined;
  if (!row) {
    const known = (db.prepare('SELECT name FROM segmentations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
    throw new AppError('NOT_FOUND', `No segmentation named "${name}". ${known.length ? `Saved: ${known.join(', ')}.` : 'None is saved yet.'}`, { segmentation: name });
  }
  return row;
}

function toStored(db: Db, r: SegRow): StoredSegmentation {
  const metrics = JSON.parse(r.metrics) as Metrics & { k: number };
  const ds = db.prepare('SELECT name FROM datasets WHERE id = ?').get(r.dataset_id) as { name: string } | undefined;
  return {
    id: r.id,
    name: r.name,
    datasetId: r.dataset_id,
    datasetName: ds?.name ?? '(deleted)',
    params: JSON.parse(r.params) as ResolvedParams,
    prep: JSON.parse(r.preprocessing) as Preprocessing,
    centroids: decodeF64(r.centroids),
    k: metrics.k,
    metrics,
    kScores: r.k_scores ? (JSON.parse(r.k_scores) as KScore[]) : null,
    createdAt: r.created_at,
  };
}

export function getStoredSegmentation(db: Db, name: string): StoredSegmentation {
  return toStored(db, rowByName(db, name));
}

export function toSegmentationSummary(s: StoredSegmentation): SegmentationSummary {
  const m = s.metrics;
  // The dataset may have been renamed since the run; report its current name.
  const params: SegmentParams & ResolvedParams = { ...s.params, dataset: s.datasetName };
  return {
    id: s.id,
    name: s.name,
    dataset: s.datasetName,
    k: s.k,
    params,
    createdAt: s.createdAt,
    rows: m.rows,
    excludedRows: m.excludedRows,
    imputed: m.imputed,
    inertia: m.inertia,
    silhouette: m.silhouette,
    silhouetteSampleSize: m.silhouetteSampleSize,
    calinskiHarabasz: m.calinskiHarabasz,
    daviesBouldin: m.daviesBouldin,
    kScores: s.kScores,
    recommendation: m.recommendation,
    method: m.method,
  };
}

export function listSegmentations(db: Db): SegmentationSummary[] {
  const rows = db.prepare('SELECT * FROM segmentations ORDER BY id').all() as SegRow[];
  return rows.map((r) => toSegmentationSummary(toStored(db, r)));
}

interface CardRow {
  idx: number;
  name: string;
  suggested_name: string;
  persona: string;
  stats: string;
}

/**
 * A scored segmentation uses the same centroids, so segment i is the same segment: names the analyst edited
 * carry over (suggested names and personas describe the new data and are regenerated).
 */
export function carryEditedNames(db: Db, fromId: number, toId: number): void {
  const update = db.prepare('UPDATE segment_cards SET name = ? WHERE segmentation_id = ? AND idx = ?');
  db.transaction(() => {
    for (const c of readCards(db, fromId)) if (c.name !== c.suggestedName) update.run(c.name, toId, c.index);
  })();
}

export function readCards(db: Db, id: number): SegmentCard[] {
  const rows = db.prepare('SELECT idx, name, suggested_name, persona, stats FROM segment_cards WHERE segmentation_id = ? ORDER BY idx').all(id) as CardRow[];
  return rows.map((r) => ({ index: r.idx, name: r.name, suggestedName: r.suggested_name, persona: r.persona, ...(JSON.parse(r.stats) as Omit<SegmentCard, 'index' | 'name' | 'suggestedName' | 'persona'>) }));
}

function readProjection(db: Db, id: number, meta: Metrics['projection']): ProjectionPoints {
  const row = db.prepare('SELECT projection FROM segmentations WHERE id = ?').get(id) as { projection: Buffer | null };
  const all = row.projection ? decodeF64(row.projection) : new Float64Array(0);
  const n = all.length / 4;
  return {
    x: Array.from(all.subarray(2 * n, 3 * n)),
    y: Array.from(all.subarray(3 * n, 4 * n)),
    segment: Array.from(all.subarray(n, 2 * n)),
    n: meta.n,
    sampled: meta.sampled,
    explained: meta.explained,
  };
}

export function getSegmentationResult(db: Db, name: string): SegmentationResult {
  const s = getStoredSegmentation(db, name);
  return {
    ...toSegmentationSummary(s),
    segments: readCards(db, s.id),
    heatmapFeatures: s.metrics.heatmapFeatures,
    heatmap: s.metrics.heatmap,
    projection: readProjection(db, s.id, s.metrics.projection),
    warnings: s.metrics.warnings ?? [],
  };
}

export function deleteSegmentation(db: Db, name: string): void {
  const s = getStoredSegmentation(db, name);
  db.transaction(() => {
    db.prepare('DELETE FROM segmentations WHERE id = ?').run(s.id);
    logActivity(db, 'segment.delete', `Deleted segmentation "${name}" (k = ${s.k}, ${s.metrics.rows} customers)`, { segmentation: name, dataset: s.datasetName, k: s.k });
  })();
}

/** Recount sizes, shares and low-confidence counts of every card from the assignments (after a reassignment). */
export function recountCards(db: Db, id: number, a: Assignments = loadAssignments(db, id)): void {
  const size = new Map<number, number>();
  const low = new Map<number, number>();
  for (let i = 0; i < a.labels.length; i++) {
    const seg = a.labels[i];
    size.set(seg, (size.get(seg) ?? 0) + 1);
    // A customer an analyst placed is no longer "low confidence" in its (chosen) segment.
    if (a.confidence[i] < REVIEW_THRESHOLD && a.reassigned[i] === 0) low.set(seg, (low.get(seg) ?? 0) + 1);
  }
  const total = a.labels.length;
  const cards = db.prepare('SELECT idx, stats, persona FROM segment_cards WHERE segmentation_id = ?').all(id) as { idx: number; stats: string; persona: string }[];
  const put = db.prepare('UPDATE segment_cards SET stats = ?, persona = ? WHERE segmentation_id = ? AND idx = ?');
  for (const c of cards) {
    const stats = JSON.parse(c.stats) as Record<string, unknown>;
    const n = size.get(c.idx) ?? 0;
    stats.size = n;
    stats.share = total ? n / total : 0;
    stats.lowConfidence = low.get(c.idx) ?? 0;
    // The persona opens with the segment's size; keep that sentence true (means and rates stay as fitted).
    put.run(JSON.stringify(stats), refreshSizeSentence(c.persona, stats.share as number, n), id, c.idx);
  }
}

/** Keep the saved projection's colours in step with a reassigned customer. */
export function patchProjection(db: Db, id: number, row: number, segment: number): void {
  const r = db.prepare('SELECT projection FROM segmentations WHERE id = ?').get(id) as { projection: Buffer | null };
  if (!r.projection) return;
  const all = decodeF64(r.projection);
  const n = all.length / 4;
  let changed = false;
  for (let i = 0; i < n; i++) {
    if (all[i] === row) {
      all[n + i] = segment;
      changed = true;
    }
  }
  if (changed) db.prepare('UPDATE segmentations SET projection = ? WHERE id = ?').run(Buffer.from(all.buffer), id);
}
