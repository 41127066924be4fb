// Key drivers with a second wave (spec.compareWith): the same spec run on both waves, then the weights compared
// (main/analysis/drivers/stability.ts). spec.dataset is the current wave and its result is exactly the one a run
// without compareWith gives; compareWith is the reference wave, run with seed + 1 so the two waves' resamples come
// from independent streams, with the current wave's direction imposed so "good" means the same in both. The two
// waves must read the target the same way (model and what 1 means); otherwise the comparison is refused.
import { AppError } from '../../../shared/errors';
import type { DriversResult, DriversSpec } from '../../../shared/nps';
import { compareWaves } from '../../analysis/drivers/stability';
import type { Db } from '../db';
import type { AnalysisProgress } from './drivers';

type Wave = (db: Db, spec: DriversSpec, ctx: AnalysisProgress, keepDraws?: boolean) => { result: DriversResult; draws?: Record<string, Float64Array> };

export function withStability(db: Db, spec: DriversSpec, ctx: AnalysisProgress, wave: Wave, defaults: { bootstrap: number; seed: number; level: number }): DriversResult {
  const referenceName = spec.compareWith!;
  if (referenceName === spec.dataset) throw new AppError('BAD_ARGUMENTS', `"${spec.dataset}" cannot be compared with itself: choose another wave to compare with.`);
  const current = wave(db, spec, ctx, true);
  const seed = spec.seed ?? defaults.seed;
  const referenceSpec: DriversSpec = { ...spec, dataset: referenceName, seed: (seed + 1) % 2 ** 31, direction: current.result.direction.direction };
  delete referenceSpec.compareWith;
  let reference;
  try {
    reference = wave(db, referenceSpec, { ...ctx, onProgress: (p) => ctx.onProgress({ ...p, phase: `reference ${p.phase}` }) }, true);
  } catch (err) {
    // Name the wave in the message (a missing column or a constant target is about the second dataset, not the first).
    if (err instanceof AppError && err.code !== 'CANCELLED' && err.code !== 'INTERNAL') {
      throw new AppError(err.code, `The wave to compare with, "${referenceName}", cannot be weighed with the same set-up: ${err.message}`, err.details);
    }
    throw err;
  }
  const r = reference.result;
  const c = current.result;
  if (r.model !== c.model || r.targetNote !== c.targetNote) {
    throw new AppError('BAD_ARGUMENTS', `The two waves read the target differently ("${spec.dataset}": ${c.targetNote} "${referenceName}": ${r.targetNote}); give the model and the positive value explicitly so both mean the same.`);
  }
  const level = spec.level ?? defaults.level;
  const stability = compareWaves(
    { dataset: referenceName, n: r.n, r2: r.r2, drivers: r.drivers, draws: reference.draws ?? {} },
    { dataset: spec.dataset, n: c.n, r2: c.r2, drivers: c.drivers, draws: current.draws ?? {} },
    level,
  );
  const warnings = r.warnings.map((w) => `In "${referenceName}" (the wave compared with): ${w}`);
  if (stability.notCompared.length) warnings.push(`Weighed in only one wave (constant in the other), so not compared: ${stability.notCompared.map((d) => `"${d}"`).join(', ')}.`);
  return { ...c, warnings: [...c.warnings, ...warnings], stability };
}
