// Key-driver analysis on typed arrays: listwise deletion, constant drivers dropped, Johnson's relative weights
// (linear) or Tonidandel & LeBreton's logistic relative weights, signs from the full model's standardised
// coefficients, percentile bootstrap intervals, warnings and the importance × performance quadrant.
//
// Bootstrap: each resample is a vector of row counts from the seeded mulberry32 stream (same seed, same
// intervals). Its correlation matrix comes from one weighted pass over the packed data; a logistic resample is
// refitted from the full-sample coefficients by chord steps with the full sample's Hessian (logistic.ts;
// Newton–Raphson when they do not settle within 30 steps). Its tolerance, 1e-6 relative on the coefficients,
// moves a weight by ~1e-6 of itself, far inside the interval's width; it keeps 500 logistic resamples of
// 25k rows × 14 drivers to ~3 s, so the logistic model keeps the same default of 500 as the linear one.
// Resamples whose driver correlations are singular or whose logistic fit does not converge are skipped and
// counted in a warning; the intervals use the rest.
import { AppError } from '../../../shared/errors';
import type { DriverWeight } from '../../../shared/nps';
import { mulberry32 } from '../random';
import { drawCounts, percentileInterval } from './bootstrap';
import { completeCases } from './complete-cases';
import { fitLogistic, inverseHessian, refitLogistic, summariseLogistic, type LogisticFit } from './logistic';
import { logisticWeights } from './logistic-weights';
import { packColumns, splitCorrelation, weightedMoments, type PackedData } from './moments';
import { quadrantOf, scaledMean } from './quadrant';
import { driverBasis, linearWeights, type DriverBasis } from './relative-weights';
import type { DriversAnalysis, DriversInput } from './types';
import { collinearityWarnings, dependentDrivers, effectSentence, exclusionWarning, imputedDrivers, sampleSizeWarnings } from './warnings';
import { pushAll } from '../../../shared/extent';

/** Full-sample logistic fit: tight enough that the weights match R's glm (run to convergence) to 1e-9. */
const MAIN_FIT = { tol: 1e-10, maxIter: 100 };
const RESAMPLE_FIT = { tol: 1e-6, maxIter: 30 };

interface Estimate {
  weights: Float64Array;
  r2: number;
  beta: Float64Array;
}

interface Model {
  p: number;
  packed: PackedData;
  y: Float64Array;
  logistic: LogisticFit | null;
}

function estimate(model: Model, basis: DriverBasis, rxy: Float64Array, counts: Int32Array | null, packedSds: ArrayLike<number>, fit: LogisticFit | null): Estimate | null {
  if (!model.logistic) return linearWeights(basis, rxy);
  if (!fit) return null;
  const summary = summariseLogistic(model.packed, model.p, model.y, counts, fit.coef);
  return logisticWeights(basis, fit, summary, packedSds);
}

function checkTarget(y: Float64Array, kind: 'linear' | 'logistic'): number {
  if (kind === 'logistic') {
    let ones = 0;
    for (const v of y) {
      if (v !== 0 && v !== 1) throw new AppError('BAD_ARGUMENTS', `A logistic model needs a 0/1 target; found the value ${v}.`);
      ones += v;
    }
    if (ones === 0 || ones === y.length) {
      throw new AppError('BAD_ARGUMENTS', `The target is ${ones === 0 ? 0 : 1} in every analysed row: a binary model needs both outcomes. Choose another target or positive value.`);
    }
    return Math.min(ones, y.length - ones);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of y) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max > min)) throw new AppError('BAD_ARGUMENTS', `The target has the same value (${min}) in every analysed row: there is nothing to explain.`);
  return y.length;
}

export function analyzeDrivers(input: DriversInput): DriversAnalysis {
  const { model: kind, level } = input;
  if (input.x.length !== input.names.length) throw new Error(`${input.names.length} driver names for ${input.x.length} columns`);
  if (!(level > 0 && level < 1)) throw new AppError('BAD_ARGUMENTS', `The confidence level must be between 0 and 1, got ${level}.`);
  const total = input.y.length;
  const cc = completeCases(input.x, input.y, input.missingCodes, input.impute ?? false);
  const n = cc.y.length;
  const warnings: string[] = [];
  const exclusion = exclusionWarning(total, cc.excluded, input.names, cc.missingByDriver, cc.missingTarget);
  if (exclusion) warnings.push(exclusion);
  const imputed = imputedDrivers(input.names, cc.imputed, n);
  if (imputed.note) warnings.push(imputed.note);
  if (n < 3) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Only ${n} of ${total} rows have the target and every driver present${input.missingCodes?.length ? ' (after the missing codes)' : ''}; key drivers need at least 3 (and 50 or more to be useful). ${exclusion ?? ''}`.trim(),
    );
  }
  const minority = checkTarget(cc.y, kind);

  cc.imputed?.forEach((f, j) => {
    if (f.count > 0 && f.value === null) throw new AppError('BAD_ARGUMENTS', `"${input.names[j]}" is missing in every row that has the target, so there is nothing to fill it with; leave it out.`);
  });
  // A driver without variation cannot explain anything and would make R_xx singular: leave it out, say so.
  const kept: number[] = [];
  input.names.forEach((name, j) => {
    const col = cc.x[j];
    if (col.every((v) => v === col[0])) warnings.push(`"${name}" has the same value (${col[0]}) in every analysed row, so it cannot explain anything; it was left out.`);
    else kept.push(j);
  });
  if (kept.length === 0) throw new AppError('BAD_ARGUMENTS', 'Every driver is constant in the analysed rows; there is nothing to weigh.');
  const names = kept.map((j) => input.names[j]);
  const xs = kept.map((j) => cc.x[j]);
  const p = names.length;
  if (n < p + 2) {
    // With n ≤ p + 1 centred rows the drivers' correlations are singular or fit the target perfectly.
    throw new AppError('BAD_ARGUMENTS', `Only ${n} complete rows for ${p} drivers: a key-driver model needs at least ${p + 2} (and 10 per driver to be stable). Choose fewer drivers or add rows.`);
  }

  input.onProgress?.('fit', 0, 1);
  const packed = packColumns([...xs, cc.y]);
  const full = weightedMoments(packed, null);
  const { rxx, rxy } = splitCorrelation(full.corr, p + 1);
  const basis = driverBasis(rxx, p);
  if (!basis) {
    const involved = dependentDrivers(names, rxx);
    throw new AppError(
      'BAD_ARGUMENTS',
      `The drivers ${involved.map((d) => `"${d}"`).join(', ')} are perfectly collinear in the analysed rows (one is an exact combination of the others), so their weights cannot be separated. Drop one of them.`,
    );
  }
  pushAll(warnings, collinearityWarnings(names, rxx, basis));
  pushAll(warnings, sampleSizeWarnings(n, p, kind, minority));

  const model: Model = { p, packed, y: cc.y, logistic: null };
  const ones = new Float64Array(p).fill(1);
  if (kind === 'logistic') {
    model.logistic = fitLogistic(packed, p, cc.y, null, MAIN_FIT);
    const summary = summariseLogistic(packed, p, cc.y, null, model.logistic.coef);
    if (!model.logistic.converged || summary.extreme > 0) {
      warnings.push(
        `The logistic regression shows separation${summary.extreme > 0 ? ` (${summary.extreme} rows fitted with probability 0 or 1)` : ' (it did not converge)'}: some combination of drivers predicts the outcome (almost) perfectly, so the coefficients run off towards infinity and the weights are unreliable. Look for a driver that restates the target.`,
      );
    }
  }
  const main = estimate(model, basis, rxy, null, ones, model.logistic)!;
  const hessianInverse = model.logistic ? inverseHessian(model.logistic, p) : null;
  input.onProgress?.('fit', 1, 1);

  // Bootstrap.
  const B = input.bootstrap;
  const drawsW = kept.map(() => new Float64Array(B));
  const drawsS = kept.map(() => new Float64Array(B));
  const next = mulberry32(input.seed);
  const counts = new Int32Array(n);
  let used = 0;
  let skipped = 0;
  for (let b = 0; b < B; b++) {
    if (input.isCancelled?.()) throw new Error('cancelled');
    drawCounts(n, next, counts);
    const mom = weightedMoments(packed, counts);
    const split = splitCorrelation(mom.corr, p + 1);
    const bb = driverBasis(split.rxx, p);
    let est: Estimate | null = null;
    if (bb && Number.isFinite(mom.sds[p]) && mom.sds[p] > 0) {
      const fit = !model.logistic
        ? null
        : hessianInverse
          ? refitLogistic(packed, p, cc.y, counts, model.logistic.coef, hessianInverse, RESAMPLE_FIT)
          : fitLogistic(packed, p, cc.y, counts, { ...RESAMPLE_FIT, start: model.logistic.coef });
      est = estimate(model, bb, split.rxy, counts, mom.sds, fit && fit.converged ? fit : null);
    }
    if (!est || !(est.r2 > 0)) {
      skipped++;
    } else {
      for (let j = 0; j < p; j++) {
        drawsW[j][used] = est.weights[j];
        drawsS[j][used] = (100 * est.weights[j]) / est.r2;
      }
      used++;
    }
    if ((b + 1) % 10 === 0 || b + 1 === B) input.onProgress?.('bootstrap', b + 1, B);
  }
  if (skipped > 0) {
    warnings.push(
      `${skipped} of ${B} bootstrap resamples were skipped (${model.logistic ? 'singular driver correlations or a logistic fit that did not converge' : 'singular driver correlations'}); the intervals use the other ${used}.`,
    );
  }
  if (B === 0) warnings.push('No bootstrap resamples were asked for, so each interval is just the estimate.');

  // Weights, signs, performance and the quadrant, most important first. r2 is summed in that order, so adding up
  // the reported weights as listed gives r2 to the last bit.
  const order = names.map((_, j) => j).sort((a, b) => main.weights[b] - main.weights[a] || a - b);
  const r2 = order.reduce((s, j) => s + main.weights[j], 0);
  const flipped: string[] = [];
  const rows = order.map((j) => {
    const name = names[j];
    const share = (100 * main.weights[j]) / r2;
    const coefficient = main.beta[j];
    const sign = (coefficient > 0 ? 1 : coefficient < 0 ? -1 : 0) as -1 | 0 | 1;
    const { mean, scaled } = scaledMean(xs[j]);
    const worseWhenHigher = sign * (input.targetHigherIsBetter ? 1 : -1) < 0;
    if (worseWhenHigher) flipped.push(name);
    const effect = effectSentence(name, sign, input.targetHigherIsBetter, input.outcomeWords);
    const interval = (d: Float64Array, point: number): [number, number] => (used > 0 ? percentileInterval(d.subarray(0, used), level) : [point, point]);
    return {
      name,
      weight: main.weights[j],
      share,
      ci: interval(drawsW[j], main.weights[j]),
      shareCi: interval(drawsS[j], share),
      coefficient,
      sign,
      performance: mean,
      performanceScaled: worseWhenHigher ? 1 - scaled : scaled,
      effect,
    };
  });
  if (flipped.length) {
    warnings.push(
      `Higher is worse for ${flipped.map((f) => `"${f}"`).join(', ')} (${input.targetHigherIsBetter ? 'higher values go with a lower target' : 'higher values go with more of the outcome to avoid'}): in the quadrant their performance is flipped (1 − scaled mean), so high performance still means doing well.`,
    );
  }
  const cuts = {
    share: rows.reduce((s, r) => s + r.share, 0) / p,
    performance: rows.reduce((s, r) => s + r.performanceScaled, 0) / p,
  };
  const drivers: DriverWeight[] = rows.map((r) => ({ ...r, quadrant: quadrantOf(r.share, r.performanceScaled, cuts) }));
  const out: DriversAnalysis = { n, excludedRows: cc.excluded, r2, drivers, quadrantCuts: cuts, warnings, imputed: imputed.list, bootstrapUsed: used, bootstrapSkipped: skipped };
  if (input.keepDraws) out.weightDraws = Object.fromEntries(names.map((name, j) => [name, drawsW[j].slice(0, used)]));
  return out;
}
