// The 'drivers.analyze' job: check the spec against the dataset, load the target and driver columns as typed
// arrays (the column cache when the import filled it), turn the target into numbers (drivers-target.ts) and run
// the pure key-driver analysis (main/analysis/drivers). Read-only on the workspace. CXW_TIMINGS=1 prints the
// phases to stderr.
import type { DriversResult, DriversSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { analyzeDrivers } from '../../analysis/drivers/analyze';
import { findColumn, getDataset, type StoredColumn } from '../datasets';
import type { Db } from '../db';
import { isNumericColumn, loadColumns } from '../segments/columns';
import { phaseTimer } from '../segments/timings';
import { resolveDirection, resolveTarget } from './drivers-target';
import { withStability } from './drivers-stability';

export interface AnalysisProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

export const DRIVERS_DEFAULTS = { bootstrap: 500, seed: 42, level: 0.95 } as const;

function checkDrivers(target: StoredColumn, drivers: StoredColumn[]): void {
  const seen = new Set<string>();
  for (const d of drivers) {
    if (seen.has(d.name)) throw new AppError('BAD_ARGUMENTS', `The driver "${d.name}" is listed twice; list each driver once.`, { columnName: d.name });
    seen.add(d.name);
    if (d.name === target.name) throw new AppError('BAD_ARGUMENTS', `"${d.name}" is the target, so it cannot also be a driver.`, { columnName: d.name });
    if (!isNumericColumn(d)) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `The driver "${d.name}" is a ${d.type} column; key drivers need numbers (ratings, amounts, 0/1 flags). Leave it out, or re-import the file with --type "${d.name}=real" if it really holds numbers.`,
        { columnName: d.name },
      );
    }
  }
  if (target.type === 'date' || target.type === 'datetime') {
    throw new AppError('BAD_ARGUMENTS', `The target "${target.name}" is a ${target.type} column; choose a score, a rating or a two-valued outcome.`, { columnName: target.name });
  }
}

/** The key drivers of spec.dataset; with spec.compareWith also the weights of that wave and the differences. */
export function runDrivers(db: Db, spec: DriversSpec, ctx: AnalysisProgress): DriversResult {
  if (!spec.compareWith) return runDriversWave(db, spec, ctx).result;
  return withStability(db, spec, ctx, runDriversWave, DRIVERS_DEFAULTS);
}

/** One wave: the result, and with keepDraws each driver's bootstrap weight replicates. */
export function runDriversWave(db: Db, spec: DriversSpec, ctx: AnalysisProgress, keepDraws = false): { result: DriversResult; draws?: Record<string, Float64Array> } {
  const timer = phaseTimer();
  const ds = getDataset(db, spec.dataset);
  const targetColumn = findColumn(ds, spec.target);
  const driverColumns = spec.drivers.map((d) => findColumn(ds, d));
  checkDrivers(targetColumn, driverColumns);

  const loaded = loadColumns(db, ds, [targetColumn, ...driverColumns], {
    isCancelled: ctx.isCancelled,
    onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }),
  });
  timer.mark(`load (${loaded.fromCache} of ${driverColumns.length + 1} columns cached)`);
  const [targetData, ...driverData] = loaded.columns;
  const target = resolveTarget(targetData, spec);
  const direction = resolveDirection(targetColumn, spec, target);
  const x = driverData.map((c) => {
    if (c.kind !== 'numeric') throw new AppError('INTERNAL', `driver "${c.column.name}" did not load as numbers`);
    return c.values;
  });

  const bootstrap = spec.bootstrap ?? DRIVERS_DEFAULTS.bootstrap;
  let analysis;
  try {
    analysis = analyzeDrivers({
      names: spec.drivers,
      x,
      y: target.y,
      model: target.model,
      missingCodes: spec.missingCodes,
      targetHigherIsBetter: direction.direction === 'higher-is-better',
      outcomeWords: target.words,
      impute: spec.missing === 'impute',
      bootstrap,
      seed: spec.seed ?? DRIVERS_DEFAULTS.seed,
      level: spec.level ?? DRIVERS_DEFAULTS.level,
      keepDraws,
      isCancelled: ctx.isCancelled,
      onProgress: (phase, done, total) => ctx.onProgress({ phase, done, total }),
    });
  } catch (err) {
    // The pure analysis stops with a plain error when the flag is set; report it as the contract's CANCELLED.
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while weighing the drivers.');
    throw err;
  }
  timer.mark(`analyze (${target.model}, ${bootstrap} resamples)`);
  timer.report('drivers.analyze');
  const { bootstrapUsed: _used, bootstrapSkipped: _skipped, imputed, weightDraws, ...rest } = analysis;
  return { result: { spec, model: target.model, targetNote: target.note, direction, missing: { handling: spec.missing ?? 'exclude', imputed }, ...rest }, draws: weightDraws };
}
