// Shared first steps of every segmentation job: resolve the parameters (defaults made explicit so the saved
// params re-run to the same answer), check the features, load the columns (typed, cached) and preprocess.
import type { JobProgress } from '../../../shared/domain';
import type { SegmentParams } from '../../../shared/segments';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { findColumn, getDataset, type StoredColumn, type StoredDataset } from '../datasets';
import type { ExtraColumn } from './cards';
import { isNumericColumn, loadColumns, type LoadedData } from './columns';
import { fitPreprocessing, type Prepared, type Preprocessing } from './preprocess';
import type { ResolvedParams } from './store';
import type { PhaseTimer } from './timings';

export const DEFAULTS = { seed: 42, restarts: 4, maxIterations: 300, tolerance: 1e-4, kRange: [2, 10] as [number, number], categoryWeight: 1 };

/** One progress report (a job's progress without its id); stagedProgress (stages.ts) adds the whole job's fraction and stage number. */
export type ProgressReport = Omit<JobProgress, 'jobId'>;

export interface Progress {
  isCancelled: () => boolean;
  onProgress: (p: ProgressReport) => void;
}

export function resolveParams(p: SegmentParams): ResolvedParams {
  return {
    dataset: p.dataset,
    features: p.features,
    k: p.k,
    kRange: p.kRange ?? DEFAULTS.kRange,
    seed: p.seed ?? DEFAULTS.seed,
    restarts: p.restarts ?? DEFAULTS.restarts,
    maxIterations: p.maxIterations ?? DEFAULTS.maxIterations,
    tolerance: p.tolerance ?? DEFAULTS.tolerance,
    standardize: p.standardize ?? true,
    logTransform: p.logTransform ?? [],
    categoryWeight: p.categoryWeight ?? DEFAULTS.categoryWeight,
    missing: p.missing ?? 'impute',
    ...(p.name ? { name: p.name } : {}),
  };
}

export function featureColumns(ds: StoredDataset, names: string[]): StoredColumn[] {
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new AppError('BAD_ARGUMENTS', `Feature "${dup}" is listed twice.`);
  return names.map((n) => {
    const c = findColumn(ds, n);
    if (c.type === 'date' || c.type === 'datetime') {
      throw new AppError('BAD_ARGUMENTS', `Feature "${n}" is a ${c.type}; k-means needs numbers or categories. Derive a number from it (e.g. days since) first.`, { columnName: n });
    }
    return c;
  });
}

export function checkCancelled(ctx: Progress, what: string): void {
  if (ctx.isCancelled()) throw new AppError('CANCELLED', `Segmentation cancelled ${what}; nothing was saved.`);
}

/** The algorithms signal cancellation with Error('cancelled'); turn it into the app's CANCELLED error. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error && !(err instanceof AppError) && err.message === 'cancelled') throw new AppError('CANCELLED', 'Segmentation cancelled; nothing was saved.');
    if (err instanceof Error && !(err instanceof AppError)) throw new AppError('BAD_ARGUMENTS', err.message);
    throw err;
  }
}

export interface PreparedRun {
  ds: StoredDataset;
  params: ResolvedParams;
  loaded: LoadedData;
  prep: Preprocessing;
  prepared: Prepared;
  /** NPS (role nps) and boolean outcome columns, for the cards. */
  nps: ExtraColumn | null;
  outcomes: ExtraColumn[];
}

/** Columns with role nps (numeric) and outcome (boolean), loaded alongside the features for the cards. */
export function extraColumns(ds: StoredDataset): StoredColumn[] {
  const nps = ds.columns.find((c) => c.role === 'nps' && isNumericColumn(c));
  return [...(nps ? [nps] : []), ...ds.columns.filter((c) => c.role === 'outcome' && c.type === 'boolean')];
}

/**
 * An nps-role column whose observed maximum is at most 5 is a 1-5 rating mislabelled as NPS (a role set by hand
 * or by an older import): its "NPS" would be a meaningless -100, so the cards report no NPS instead.
 */
function onNpsScale(col: ExtraColumn): ExtraColumn | null {
  let max = -Infinity;
  for (const v of col.values) if (v > max) max = v;
  return max > 5 ? col : null;
}

export function loadWithExtras(db: Db, ds: StoredDataset, features: StoredColumn[], ctx: Progress): { loaded: LoadedData; nps: ExtraColumn | null; outcomes: ExtraColumn[] } {
  const extras = extraColumns(ds).filter((c) => !features.includes(c));
  const loaded = loadColumns(db, ds, [...features, ...extras], {
    isCancelled: ctx.isCancelled,
    onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }),
  });
  const all = loaded.columns;
  const asExtra = (c: StoredColumn): ExtraColumn => {
    const hit = all.find((l) => l.column.index === c.index);
    return { name: c.name, values: hit && hit.kind === 'numeric' ? hit.values : new Float64Array(ds.rows).fill(Number.NaN) };
  };
  const extraCols = extraColumns(ds);
  const npsCol = extraCols.find((c) => c.role === 'nps');
  return {
    loaded: { ...loaded, columns: all.slice(0, features.length) },
    nps: npsCol ? onNpsScale(asExtra(npsCol)) : null,
    outcomes: extraCols.filter((c) => c.role === 'outcome').map(asExtra),
  };
}

export function prepareRun(db: Db, raw: SegmentParams, ctx: Progress, timer?: PhaseTimer): PreparedRun {
  const params = resolveParams(raw);
  const ds = getDataset(db, params.dataset);
  if (ds.rows < 3) throw new AppError('BAD_ARGUMENTS', `Dataset "${ds.name}" has ${ds.rows} rows; segmentation needs at least 3.`);
  const features = featureColumns(ds, params.features);
  const { loaded, nps, outcomes } = loadWithExtras(db, ds, features, ctx);
  timer?.mark(loaded.fromCache === features.length ? 'load (cache)' : 'load');
  checkCancelled(ctx, 'while loading');
  ctx.onProgress({ phase: 'preprocess', done: 0, total: null });
  const { prep, prepared } = fitPreprocessing(loaded.columns, ds.rows, {
    standardize: params.standardize,
    missing: params.missing,
    categoryWeight: params.categoryWeight,
    logTransform: params.logTransform,
  });
  timer?.mark('preprocess');
  prepared.warnings = [...loaded.warnings, ...prepared.warnings]; // a damaged cache entry: saved with the segmentation's metrics
  return { ds, params, loaded, prep, prepared, nps, outcomes };
}
