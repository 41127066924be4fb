// Saved segmentations: one row per run (params, preprocessing, centroids, metrics, k scores, projection), one
// card per segment, one assignment per customer. A run is saved in ONE transaction with its activity entry and
// any freshly decoded column cache, so a failed or cancelled run leaves nothing behind.
import type { KRecommendation, KScore, ProjectionPoints, SegmentCard, SegmentationResult, SegmentationSummary, SegmentParams } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import { logActivity } from '../activity';
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import { saveColumnCache, type FreshColumn } from './columns';
import { REVIEW_THRESHOLD } from './cards';
import type { Preprocessing } from './preprocess';

/** Saved parameters: every default made explicit, so re-running them gives the same answer. */
export type ResolvedParams = SegmentationSummary['params'] &
  Required<Pick<SegmentParams, 'kRange' | 'standardize' | 'logTransform' | 'categoryWeight' | 'missing'>> & { scoredFrom?: string };

export interface Metrics {
  rows: number;
  excludedRows: number;
  imputed: Record<string, number>;
  inertia: number;
  silhouette: number;
  silhouetteSampleSize: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  recommendation: KRecommendation | null;
  method: string;
  heatmapFeatures: string[];
  heatmap: number[][];
  projection: { n: number; sampled: boolean; explained: [number, number] };
  warnings: string[];
  iterations: number;
  converged: boolean;
  reviewThreshold: number;
  dataVersion: { rows: number; importedAt: string };
}

export interface NewSegmentation {
  name: string;
  dataset: StoredDataset;
  params: ResolvedParams;
  prep: Preprocessing;
  centroids: Float64Array;
  k: number;
  metrics: Metrics;
  kScores: KScore[] | null;
  cards: SegmentCard[];
  /** Dataset _row, label, confidence and second-best label of every included customer. */
  rows: Int32Array;
  labels: Int32Array;
  confidence: Float64Array;
  second: Int32Array;
  /** Projection points: dataset _row, x, y (labels are looked up from `labels`). */
  projection: { rows: Int32Array; x: Float64Array; y: Float64Array; seg: Int32Array };
  cache: FreshColumn[];
  activity: { action: string; summary: string; params: Record<string, unknown> };
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

export function uniqueSegmentationName(db: Db, base: string): string {
  let name = base.slice(0, 190);
  for (let i = 2; db.prepare('SELECT 1 FROM segmentations WHERE name = ?').get(name); i++) name = `${base.slice(0, 190)} (${i})`;
  return name;
}

export function assertSegmentationNameFree(db: Db, name: string): void {
  if (db.prepare('SELECT 1 FROM segmentations WHERE name = ?').get(name)) {
    throw new AppError('NAME_TAKEN', `A segmentation named "${name}" already exists. Choose another name or delete it first.`, { name });
  }
}

function encodeProjection(p: NewSegmentation['projection']): Buffer {
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

function decodeF64(buf: Buffer): Float64Array {
  const out = new Float64Array(buf.byteLength / 8);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

const BATCH = 200;

/**
 * Rows arrive sorted by _row, the primary key's order, so the WITHOUT ROWID b-tree is only appended to; there is
 * deliberately no index on confidence (the review queue scans one segmentation's rows by primary-key prefix in
 * ~0.1 s at 1M, while maintaining a random-order index tripled the save time). Multi-row INSERTs of 200 rows cut
 * the per-statement overhead that dominates a 1M-row save.
 */
function insertAssignments(db: Db, id: number, s: NewSegmentation): void {
  const stmt = (rows: number) => db.prepare(`INSERT INTO segment_assignments (segmentation_id, row, segment, confidence, second, reassigned) VALUES ${new Array(rows).fill('(?, ?, ?, ?, ?, 0)').join(', ')}`);
  const full = stmt(BATCH);
  const n = s.rows.length;
  const args = new Array<number>(BATCH * 5);
  let i = 0;
  for (; i + BATCH <= n; i += BATCH) {
    for (let j = 0; j < BATCH; j++) {
      const r = i + j;
      args[j * 5] = id;
      args[j * 5 + 1] = s.rows[r];
      args[j * 5 + 2] = s.labels[r];
      args[j * 5 + 3] = s.confidence[r];
      args[j * 5 + 4] = s.second[r];
    }
    full.run(args);
  }
  if (i < n) {
    const rest: number[] = [];
    for (let r = i; r < n; r++) rest.push(id, s.rows[r], s.labels[r], s.confidence[r], s.second[r]);
    stmt(n - i).run(rest);
  }
}

/** Save everything of one run; returns the new id. Must not be called inside another transaction. */
export function saveSegmentation(db: Db, s: NewSegmentation): number {
  return db.transaction(() => {
    assertSegmentationNameFree(db, s.name);
    const info = db
      .prepare('INSERT INTO segmentations (name, dataset_id, params, preprocessing, centroids, metrics, k_scores, projection, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(
        s.name,
        s.dataset.id,
        JSON.stringify(s.params),
        JSON.stringify(s.prep),
        Buffer.from(s.centroids.buffer, s.centroids.byteOffset, s.centroids.byteLength),
        JSON.stringify({ ...s.metrics, k: s.k }),
        s.kScores ? JSON.stringify(s.kScores) : null,
        encodeProjection(s.projection),
        new Date().toISOString(),
      );
    const id = Number(info.lastInsertRowid);
    const card = db.prepare('INSERT INTO segment_cards (segmentation_id, idx, name, suggested_name, persona, stats) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of s.cards) {
      const { index, name, suggestedName, persona, ...stats } = c;
      card.run(id, index, name, suggestedName, persona, JSON.stringify(stats));
    }
    insertAssignments(db, id, s);
    saveColumnCache(db, s.dataset, s.cache);
    logActivity(db, s.activity.action, s.activity.summary, { ...s.activity.params, segmentation: s.name, id });
    return id;
  })();
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
export function recountCards(db: Db, id: number): void {
  const counts = db
    .prepare('SELECT segment, COUNT(*) AS n, SUM(confidence < ? AND reassigned = 0) AS low FROM segment_assignments WHERE segmentation_id = ? GROUP BY segment')
    .all(REVIEW_THRESHOLD, id) as { segment: number; n: number; low: number }[];
  const total = counts.reduce((a, c) => a + c.n, 0);
  const cards = db.prepare('SELECT idx, stats FROM segment_cards WHERE segmentation_id = ?').all(id) as { idx: number; stats: string }[];
  const put = db.prepare('UPDATE segment_cards SET stats = ? WHERE segmentation_id = ? AND idx = ?');
  for (const c of cards) {
    const stats = JSON.parse(c.stats) as Record<string, unknown>;
    const hit = counts.find((x) => x.segment === c.idx);
    stats.size = hit?.n ?? 0;
    stats.share = total ? (hit?.n ?? 0) / total : 0;
    stats.lowConfidence = hit?.low ?? 0;
    put.run(JSON.stringify(stats), id, c.idx);
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
