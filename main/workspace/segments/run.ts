// The segmentation jobs: run (load → preprocess → sweep if k = 'auto' → k-means → metrics → stability →
// confidence → cards → projection → save), sweep (k scores and the recommendation; nothing saved) and score
// (new data through a saved preprocessing and centroids). Each polls cancel between phases and inside the
// algorithms; nothing is written until the single save transaction at the end.
import type { KRecommendation, KScore, SegmentationResult, SegmentationSummary, SegmentParams } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import {
  assignToCentroids,
  confidenceFromDistances,
  kmeans,
  pca2,
  recommendK,
  sampleIndices,
  separationIndices,
  sweepK,
  type KMeansResult,
} from '../../analysis/segment/index';
import type { Db } from '../db';
import { getDataset, type StoredDataset } from '../datasets';
import { buildCards, heatmapOf, REVIEW_THRESHOLD, type ExtraColumn } from './cards';
import { saveColumnCache, type LoadedData } from './columns';
import { methodSentence } from './method';
import { applyPreprocessing, type Prepared, type Preprocessing } from './preprocess';
import { checkCancelled, DEFAULTS, featureColumns, guard, loadWithExtras, prepareRun, type Progress } from './prepare';
import { FINISH_STAGES, PREPARE_STAGES, stagedProgress, sweepStage } from './stages';
import { profileSegments } from './profile';
import { startSideMetrics, warmSideHelper, type RunningSideMetrics, type SideMetrics } from './side-metrics';
import { stopUntaken, type WarmWorker } from '../../jobs/warm-worker';
import { setUpKernel } from './kernel-setup';
import { phaseTimer, reportFacts, type PhaseTimer } from './timings';
import { kmeansThreads, POOL_MIN_ROWS, warmKMeansHelpers } from './kmeans-pool';
import { beginSave } from './save';
import { assertSegmentationNameFree, carryEditedNames, getSegmentationResult, getStoredSegmentation, toSegmentationSummary, uniqueSegmentationName, type ResolvedParams } from './store';

/** Exact silhouette up to this many rows, a seeded sample of this size above (the spec's ~5,000). */
export const SILHOUETTE_SAMPLE = 5000;
export const STABILITY = { resamples: 20, maxRows: 20_000 };
/**
 * Resamples of the per-k stability check in a sweep: half the run's, so a sweep of 9 k costs ~20% more rather than
 * ~40% (measured on Telco: 1.0 s of bootstrap on a 2.2 s sweep). Being the run's first 10 draws, the chosen k's
 * numbers move only by the other 10 when the run measures it again.
 */
export const SWEEP_RESAMPLES = 10;
export const PROJECTION_MAX = 100_000;

// Plain loops: Int32Array.from with a mapping callback costs ~10× more at 1M rows.
function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
function gather(from: Int32Array, idx: Int32Array): Int32Array {
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = from[idx[i]];
  return out;
}

const silhouetteSample = (n: number) => (n > SILHOUETTE_SAMPLE ? SILHOUETTE_SAMPLE : undefined);

/** Per k of a sweep: enough to rebuild that k's k-means result exactly (see runSegmentation). */
interface SweptRun {
  centroids: Float64Array;
  iterations: number;
  converged: boolean;
}

function sweep(prepared: Prepared, params: ResolvedParams, ctx: Progress, keep?: Map<number, SweptRun>): { kScores: KScore[]; recommendation: KRecommendation } {
  const range = params.kRange ?? DEFAULTS.kRange;
  const kScores = guard(() =>
    sweepK(prepared.matrix, range, {
      seed: params.seed,
      restarts: params.restarts,
      maxIterations: params.maxIterations,
      tolerance: params.tolerance,
      silhouetteSample: silhouetteSample(prepared.matrix.rows),
      // The first SWEEP_RESAMPLES of the run's own stability resamples (same seed, same subsample).
      stability: { resamples: SWEEP_RESAMPLES, maxRows: STABILITY.maxRows },
      isCancelled: ctx.isCancelled,
      onStart: (k, index, total) => ctx.onProgress({ phase: 'sweep', done: index, total, message: `k = ${k} (${index + 1} of ${total})` }),
      onProgress: (done, total) => {
        if (done === total) ctx.onProgress({ phase: 'sweep', done, total, message: 'choosing k' });
      },
      onResult: keep ? (k, r) => keep.set(k, { centroids: Float64Array.from(r.centroids), iterations: r.iterations, converged: r.converged }) : undefined,
    }),
  );
  return { kScores, recommendation: recommendK(kScores) };
}

export function sweepSegmentation(db: Db, raw: SegmentParams, jobCtx: Progress): { kScores: KScore[]; recommendation: KRecommendation; rows: number; silhouetteSampleSize: number } {
  setUpKernel();
  const ctx = stagedProgress(jobCtx, [...PREPARE_STAGES, sweepStage(raw.kRange ?? DEFAULTS.kRange)]);
  const run = prepareRun(db, raw, ctx);
  const result = sweep(run.prepared, run.params, ctx);
  // Keep the decoded columns: a sweep is usually followed by a run on the same features.
  if (run.loaded.fresh.length) db.transaction(() => saveColumnCache(db, run.ds, run.loaded.fresh))();
  const n = run.prepared.matrix.rows;
  return { ...result, rows: n, silhouetteSampleSize: silhouetteSample(n) ?? n };
}

interface Finish {
  db: Db;
  ds: StoredDataset;
  name: string;
  params: ResolvedParams;
  prep: Preprocessing;
  prepared: Prepared;
  loaded: LoadedData;
  nps: ExtraColumn | null;
  outcomes: ExtraColumn[];
  result: KMeansResult;
  kScores: KScore[] | null;
  recommendation: KRecommendation | null;
  scoredFrom: string | null;
  ctx: Progress;
  timer: PhaseTimer;
}

/**
 * Start the sampled side metrics (bootstrap stability, silhouette) for a run with k segments, before its k-means:
 * on large data they run on a helper thread alongside it (side-metrics.ts); the numbers are the same.
 */
function startSide(prepared: Prepared, params: ResolvedParams, k: number, ctx: Progress, warm?: WarmWorker): RunningSideMetrics {
  return startSideMetrics(
    prepared.matrix,
    { k, seed: params.seed, resamples: STABILITY.resamples, stabilityRows: STABILITY.maxRows, silhouetteSample: silhouetteSample(prepared.matrix.rows), maxIterations: params.maxIterations, tolerance: params.tolerance },
    ctx,
    undefined,
    warm,
  );
}

/** Fit (or assign) with the side metrics running, then finish; the helper is stopped however this ends. */
async function withSide(prepared: Prepared, params: ResolvedParams, k: number, ctx: Progress, fit: () => KMeansResult, then: (result: KMeansResult, side: Promise<SideMetrics>) => Promise<number>, warm?: WarmWorker): Promise<number> {
  const side = startSide(prepared, params, k, ctx, warm);
  try {
    const result = fit();
    ctx.onProgress({ phase: 'metrics', done: 0, total: null, message: `silhouette, ${STABILITY.resamples} bootstrap resamples` });
    return await then(result, side.finish(result.labels));
  } finally {
    side.stop();
  }
}

/** Metrics, confidence, cards, projection, then the one save transaction (written while the side metrics finish). */
async function finish(f: Finish, sideResult: Promise<SideMetrics>): Promise<number> {
  const { prepared, params, ctx, result, timer } = f;
  const m = prepared.matrix;
  const k = result.k;
  const { calinskiHarabasz: ch, daviesBouldin: dbi } = guard(() => separationIndices(m, result.labels, k));
  timer.mark('ch+db');
  checkCancelled(ctx, 'after the metrics');
  ctx.onProgress({ phase: 'cards', done: 0, total: null });
  const confidence = confidenceFromDistances(result.nearest, result.second);
  const profile = profileSegments(f.loaded.columns, prepared.included, result.labels, k);
  timer.mark('profile');
  ctx.onProgress({ phase: 'projection', done: 0, total: null });
  const sample = m.rows > PROJECTION_MAX ? sampleIndices(m.rows, PROJECTION_MAX, params.seed) : undefined;
  const pca = guard(() => pca2(m, sample));
  const pick = sample ?? identity(m.rows);
  const datasetRows = gather(f.loaded.rows, prepared.included);
  timer.mark('projection');
  checkCancelled(ctx, 'before saving');
  ctx.onProgress({ phase: 'save', done: 0, total: null });
  const params2: ResolvedParams = { ...params, name: f.name, ...(f.scoredFrom ? { scoredFrom: f.scoredFrom } : {}) };
  // The bulk of the save (assignments, column cache) is written while the helper thread finishes the metrics.
  const save = beginSave(f.db, {
    name: f.name,
    dataset: f.ds,
    params: params2,
    prep: f.prep,
    centroids: result.centroids,
    k,
    rows: datasetRows,
    labels: result.labels,
    confidence,
    second: result.secondLabel,
    projection: { rows: gather(datasetRows, pick), seg: gather(result.labels, pick), x: pca.x, y: pca.y },
    cache: f.loaded.fresh,
  });
  timer.mark('save (bulk)');
  try {
    ctx.onProgress({ phase: 'stability', done: 0, total: null, message: `${STABILITY.resamples} bootstrap resamples` });
    const { stability, silhouette: sil } = await sideResult;
    timer.mark('side metrics (wait)');
    checkCancelled(ctx, 'after the stability check');
    const cards = buildCards({ profile, k, labels: result.labels, included: prepared.included, confidence, stability, nps: f.nps, outcomes: f.outcomes });
    const metrics = {
      rows: m.rows,
      excludedRows: prepared.excluded,
      imputed: prepared.imputed,
      inertia: result.inertia,
      silhouette: sil.mean,
      silhouetteSampleSize: sil.sampleSize,
      calinskiHarabasz: ch,
      daviesBouldin: dbi,
      recommendation: f.recommendation,
      method: '',
      heatmapFeatures: f.prep.encoded,
      heatmap: heatmapOf(profile),
      projection: { n: pick.length, sampled: sample !== undefined, explained: pca.explained },
      warnings: prepared.warnings,
      iterations: result.iterations,
      converged: result.converged,
      reviewThreshold: REVIEW_THRESHOLD,
      dataVersion: { rows: f.ds.rows, importedAt: f.ds.importedAt },
    };
    metrics.method = methodSentence({ params, prep: f.prep, ds: f.ds, k, metrics, kScores: f.kScores, scoredFrom: f.scoredFrom, stabilityRows: Math.min(m.rows, STABILITY.maxRows) });
    checkCancelled(ctx, 'before saving');
    const id = save.commit({
      metrics,
      kScores: f.kScores,
      cards,
      activity: f.scoredFrom
        ? {
            action: 'segment.score',
            summary: `Scored "${f.ds.name}" (${m.rows} rows) into segmentation "${f.scoredFrom}" → "${f.name}"`,
            params: { from: f.scoredFrom, dataset: f.ds.name, rows: m.rows, excludedRows: prepared.excluded, imputed: prepared.imputed },
          }
        : {
            action: 'segment.run',
            summary: `Segmented "${f.ds.name}" into ${k} segments ("${f.name}")`,
            params: { params: params2, rows: m.rows, excludedRows: prepared.excluded, imputed: prepared.imputed, inertia: result.inertia, silhouette: sil.mean, method: metrics.method },
          },
    });
    timer.mark('cards + commit');
    return id;
  } finally {
    save.rollback(); // no-op after a commit
  }
}

export async function runSegmentation(db: Db, raw: SegmentParams, jobCtx: Progress): Promise<SegmentationResult> {
  setUpKernel();
  if (raw.name) assertSegmentationNameFree(db, raw.name);
  const auto = raw.k === 'auto';
  // After a sweep the k-means of the chosen k is only its final assignment (see below): a small stage.
  const ctx = stagedProgress(jobCtx, [...PREPARE_STAGES, ...(auto ? [sweepStage(raw.kRange ?? DEFAULTS.kRange)] : []), { phase: 'kmeans', weight: auto ? 0.1 : 1 }, ...FINISH_STAGES]);
  const timer = phaseTimer();
  // The helper threads a large run needs start now, on the core that is idle while the data loads (warm-worker.ts).
  const rows = getDataset(db, raw.dataset).rows;
  const warm = { side: warmSideHelper(rows), kmeans: auto ? [] : warmKMeansHelpers(rows) };
  try {
    return await runWithHelpers(db, raw, ctx, timer, warm);
  } finally {
    stopUntaken([warm.side, ...warm.kmeans]);
  }
}

async function runWithHelpers(db: Db, raw: SegmentParams, ctx: Progress, timer: PhaseTimer, warm: { side?: WarmWorker; kmeans: WarmWorker[] }): Promise<SegmentationResult> {
  const run = prepareRun(db, raw, ctx, timer);
  const { params, prepared } = run;
  let kScores: KScore[] | null = null;
  let recommendation: KRecommendation | null = null;
  let k: number;
  const swept = new Map<number, SweptRun>();
  if (params.k === 'auto') {
    ({ kScores, recommendation } = sweep(prepared, params, ctx, swept));
    k = recommendation.k;
    timer.mark('sweep');
  } else k = params.k;
  if (k > prepared.matrix.rows - 1) throw new AppError('BAD_ARGUMENTS', `k = ${k} needs more than ${k} rows; only ${prepared.matrix.rows} are included.`);
  checkCancelled(ctx, 'before k-means');
  ctx.onProgress({ phase: 'kmeans', done: 0, total: null, message: `k = ${k}, ${params.restarts} restarts` });
  // The sweep already ran k-means for this k with the same seed and options; its final full assignment to the
  // kept centroids is exactly what kmeans() ends with, so only that pass is repeated (not the whole k-means).
  const hit = swept.get(k);
  const fit = (): KMeansResult => {
    const r = guard(() =>
      hit
        ? { ...assignToCentroids(prepared.matrix, hit.centroids, k), iterations: hit.iterations, converged: hit.converged }
        : kmeans(prepared.matrix, {
            k,
            seed: params.seed,
            restarts: params.restarts,
            maxIterations: params.maxIterations,
            tolerance: params.tolerance,
            isCancelled: ctx.isCancelled,
            // Large data: the row passes also run on helper threads (same result, kmeans-pool.ts).
            parallel: prepared.matrix.rows >= POOL_MIN_ROWS ? kmeansThreads(undefined, undefined, false, warm.kmeans) : undefined,
          }),
    );
    timer.mark('kmeans');
    reportFacts('segment.kmeans', { iterations: r.iterations, inertia: r.inertia });
    return r;
  };
  const name = params.name ?? uniqueSegmentationName(db, `${run.ds.name} k=${k}`);
  await withSide(
    prepared,
    params,
    k,
    ctx,
    fit,
    (result, side) => finish({ db, ds: run.ds, name, params, prep: run.prep, prepared, loaded: run.loaded, nps: run.nps, outcomes: run.outcomes, result, kScores, recommendation, scoredFrom: null, ctx, timer }, side),
    warm.side,
  );
  const out = getSegmentationResult(db, name);
  timer.mark('read result');
  timer.report('segment.run');
  return out;
}

/** Score another dataset with the same feature columns into a saved segmentation: same preprocessing, same centroids. */
export async function scoreSegmentation(db: Db, args: { segmentation: string; dataset: string; name?: string }, jobCtx: Progress): Promise<SegmentationSummary> {
  setUpKernel();
  const ctx = stagedProgress(jobCtx, [...PREPARE_STAGES, { phase: 'kmeans', weight: 0.2 }, ...FINISH_STAGES]);
  if (args.name) assertSegmentationNameFree(db, args.name);
  const source = getStoredSegmentation(db, args.segmentation);
  const ds = getDataset(db, args.dataset);
  const features = featureColumns(ds, source.prep.features.map((f) => f.name));
  for (const [j, f] of source.prep.features.entries()) {
    const c = features[j];
    const numeric = c.type === 'integer' || c.type === 'real' || c.type === 'boolean';
    if ((f.kind === 'numeric') !== numeric) {
      throw new AppError('BAD_ARGUMENTS', `Column "${c.name}" of "${ds.name}" is ${c.type}, but segmentation "${source.name}" used it as ${f.kind === 'numeric' ? 'a number' : 'a category'}.`, { columnName: c.name });
    }
  }
  const { loaded, nps, outcomes } = loadWithExtras(db, ds, features, ctx);
  checkCancelled(ctx, 'while loading');
  ctx.onProgress({ phase: 'preprocess', done: 0, total: null });
  const prepared = applyPreprocessing(loaded.columns, ds.rows, source.prep);
  if (prepared.matrix.rows < source.k) throw new AppError('BAD_ARGUMENTS', `Only ${prepared.matrix.rows} rows of "${ds.name}" can be scored; the segmentation has ${source.k} segments.`);
  const params: ResolvedParams = { ...source.params, dataset: ds.name, k: source.k };
  delete params.name;
  const name = args.name ?? uniqueSegmentationName(db, `${ds.name} scored by ${source.name}`);
  const assign = (): KMeansResult => {
    ctx.onProgress({ phase: 'kmeans', done: 0, total: null, message: 'assigning to the saved centroids' });
    return guard(() => assignToCentroids(prepared.matrix, source.centroids, source.k));
  };
  await withSide(prepared, params, source.k, ctx, assign, (result, side) =>
    finish({ db, ds, name, params, prep: source.prep, prepared, loaded, nps, outcomes, result, kScores: null, recommendation: null, scoredFrom: source.name, ctx, timer: phaseTimer() }, side),
  );
  carryEditedNames(db, source.id, getStoredSegmentation(db, name).id);
  return toSegmentationSummary(getStoredSegmentation(db, name));
}
