// The experiment analysis on arrays the workspace layer read (main/workspace/monitor/experiment): the control arm,
// the sample-ratio check, per-arm estimates, each arm against the control (Holm over several), CUPED when a
// covariate is given, effects by segment with Cochran's Q, and the verdict. Pure, no I/O.
import { AppError } from '../../../../shared/errors';
import { SRM_ALERT_P, type ArmEstimate, type CupedSummary, type ExperimentComparison, type ExperimentKind, type ExperimentResult, type ExperimentSpec, type SrmCheck } from '../../../../shared/monitor-experiment';
import { holm } from '../../nps/compare';
import { collectArmStats, meanStats, npsPoints } from './arm-stats';
import { cupedAdjust } from './cuped';
import { armN, compareArms, estimateArm, relativeLift, type ArmStats } from './estimates';
import { chiSquareGoodnessOfFit } from './srm';
import { segmentEffects } from './segments';
import { verdictOf } from './words';

/** An arm taken as the control without --control only when it is the one arm with one of these names. */
export const CONTROL_NAMES = ['control', 'baseline', 'ctrl'];

export interface ExperimentData {
  kind: ExperimentKind;
  /** Distinct arm values as text; `armCodes` index them, −1 = no arm. */
  armLabels: string[];
  armCodes: Int32Array;
  /** binary: 1 / 0; mean: the value; nps: the 0–10 score; NaN = no outcome. */
  outcome: Float64Array;
  covariate: Float64Array | null;
  segments: { by: string; labels: string[]; codes: Int32Array } | null;
  outcomeLabel: string;
  positive: string | null;
  mappingNote: string | null;
  warnings: string[];
}

const bad = (message: string, details?: Record<string, unknown>): never => {
  throw new AppError('BAD_ARGUMENTS', message, details);
};
const listArms = (labels: readonly string[]) => labels.map((a) => `“${a}”`).join(', ');
const count = (x: number) => x.toLocaleString('en-US');

export function resolveControl(labels: readonly string[], given: string | undefined): { control: string; source: 'given' | 'named' } {
  if (given !== undefined) {
    if (labels.includes(given)) return { control: given, source: 'given' };
    const folded = labels.find((l) => l.trim().toLowerCase() === given.trim().toLowerCase());
    return bad(`No arm is called “${given}”.${folded ? ` Did you mean “${folded}”?` : ''} Arms: ${listArms(labels)}.`, { control: given });
  }
  const named = labels.filter((l) => CONTROL_NAMES.includes(l.trim().toLowerCase()));
  if (named.length === 1) return { control: named[0], source: 'named' };
  return bad(
    `Which arm is the control? None is called control, baseline or ctrl${named.length > 1 ? ' alone' : ''}, and it is not guessed from the names. Name it with --control (arms: ${listArms(labels)}).`,
    { arms: labels },
  );
}

function srmCheck(armOrder: string[], observed: number[], given: Record<string, number> | number[] | undefined, acknowledged: boolean): SrmCheck {
  const names = [...armOrder];
  if (Array.isArray(given) && given.length !== names.length) {
    bad(`The planned split lists ${given.length} shares but there are ${names.length} arms (${listArms(names)}, in this order); give one share per arm or name them (A=50,B=50).`);
  }
  const split = Array.isArray(given) ? Object.fromEntries(names.map((a, i) => [a, given[i]])) : given;
  const counts = [...observed];
  let shares: number[];
  if (split) {
    const unknownArm = names.find((a) => !(a in split));
    if (unknownArm !== undefined) bad(`The planned split has no share for arm “${unknownArm}”: give every arm a share (arms: ${listArms(names)}).`);
    for (const [arm, w] of Object.entries(split)) {
      if (!(w > 0) || !Number.isFinite(w)) bad(`The planned share of arm “${arm}” must be a positive number, not ${w}.`);
      // An arm planned but never seen is the strongest mismatch there is: it stays in the test with 0 customers.
      if (!names.includes(arm)) {
        names.push(arm);
        counts.push(0);
      }
    }
    shares = names.map((a) => split[a]);
  } else shares = names.map(() => 1);
  const gof = chiSquareGoodnessOfFit(counts, shares);
  const total = counts.reduce((s, v) => s + v, 0);
  const weight = shares.reduce((s, v) => s + v, 0);
  return {
    pValue: gof.pValue,
    statistic: gof.statistic,
    df: gof.df,
    flagged: gof.pValue < SRM_ALERT_P,
    threshold: SRM_ALERT_P,
    splitSource: split ? 'given' : 'equal',
    arms: names.map((arm, i) => ({ arm, observed: counts[i], expected: gof.expected[i], plannedShare: shares[i] / weight, observedShare: total > 0 ? counts[i] / total : 0 })),
    acknowledged,
  };
}

export function analyzeExperiment(data: ExperimentData, spec: ExperimentSpec): ExperimentResult {
  const level = spec.level ?? 0.95;
  const alpha = 1 - level;
  const warnings = [...data.warnings];
  // Arms in natural order ("arm 2" before "arm 10"): the order of the output and of a positional planned split.
  const order = data.armLabels.map((_, i) => i).sort((a, b) => data.armLabels[a].localeCompare(data.armLabels[b], 'en', { numeric: true }));
  const rank = new Int32Array(data.armLabels.length);
  order.forEach((code, r) => (rank[code] = r));
  const arms = order.map((i) => data.armLabels[i]);
  if (arms.length < 2) bad(`An experiment needs at least two arms; “${spec.arm}” has ${arms.length === 0 ? 'none' : `only “${arms[0]}”`}.`);
  if (arms.length > 20) bad(`“${spec.arm}” has ${arms.length} distinct values: that is not an assignment column (at most 20 arms).`);
  const { control, source } = resolveControl(arms, spec.control);
  const ci = arms.indexOf(control);

  const codes = new Int32Array(data.armCodes.length);
  const assigned = new Array<number>(arms.length).fill(0);
  let missingArm = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = data.armCodes[i];
    codes[i] = c < 0 ? -1 : rank[c];
    if (c < 0) missingArm++;
    else assigned[rank[c]]++;
  }
  const srm = srmCheck(arms, assigned, spec.expectedSplit, spec.acknowledgeSrm === true);

  // Rows used: an arm, an outcome and (with CUPED) a covariate.
  let missingOutcome = 0;
  let missingCovariate = 0;
  const used = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    used[i] = codes[i];
    if (codes[i] < 0) continue;
    if (data.outcome[i] !== data.outcome[i]) {
      missingOutcome++;
      used[i] = -1;
    } else if (data.covariate && data.covariate[i] !== data.covariate[i]) {
      missingCovariate++;
      used[i] = -1;
    }
  }

  let stats: ArmStats[];
  let plain: ArmStats[] | null = null;
  let cuped: CupedSummary | null = null;
  if (data.covariate) {
    const idx: number[] = [];
    for (let i = 0; i < used.length; i++) if (used[i] >= 0) idx.push(i);
    if (idx.length < 3) bad(`Too few rows have both an outcome and the covariate “${spec.covariate}” (${idx.length}) for CUPED.`);
    const y = Float64Array.from(idx, (i) => (data.kind === 'nps' ? npsPoints(data.outcome[i]) : data.outcome[i]));
    const x = Float64Array.from(idx, (i) => data.covariate![i]);
    const g = Int32Array.from(idx, (i) => used[i]);
    const adj = cupedAdjust(y, x);
    stats = meanStats(g, adj.adjusted, arms.length);
    plain = meanStats(g, y, arms.length);
    cuped = { covariate: spec.covariate!, theta: adj.theta, varianceReduction: adj.varianceReduction, rowsMissingCovariate: missingCovariate };
    if (missingCovariate > 0) warnings.push(`${count(missingCovariate)} rows have no value in the covariate “${spec.covariate}” and are left out of the comparison.`);
  } else stats = collectArmStats(data.kind, used, data.outcome, arms.length);

  if (armN(stats[ci]) === 0) bad(`The control arm “${control}” has no rows with an outcome, so nothing can be compared with it.`);
  if (missingOutcome > 0) warnings.push(`${count(missingOutcome)} rows with an arm have no outcome in “${spec.outcome}” and are left out of the estimates (they still count for the sample-ratio check).`);
  if (missingArm > 0) warnings.push(`${count(missingArm)} rows have no value in “${spec.arm}” and are left out.`);

  const estimates = stats.map((s) => estimateArm(s, level));
  const armRows: ArmEstimate[] = arms.map((arm, i) => {
    const s = stats[i];
    const e = estimates[i];
    return {
      arm,
      n: e.n,
      estimate: e.estimate,
      ci: e.ci,
      isControl: i === ci,
      ...(s.kind === 'binary' ? { successes: s.successes } : {}),
      ...(s.kind === 'nps' ? s.counts : {}),
      ...(data.kind === 'mean' && s.kind === 'mean' && Number.isFinite(s.variance) ? { sd: Math.sqrt(s.variance) } : {}),
      ...(plain ? { unadjusted: (plain[i] as { mean: number }).mean ?? null } : {}),
    };
  });

  const raw: Omit<ExperimentComparison, 'pValueAdjusted' | 'significant'>[] = [];
  arms.forEach((arm, i) => {
    if (i === ci) return;
    const d = compareArms(stats[i], stats[ci], level);
    if (!d) {
      warnings.push(`“${arm}” has too few rows with an outcome to compare with the control.`);
      return;
    }
    const lift = relativeLift(estimates[i], estimates[ci], level);
    raw.push({
      arm,
      control,
      difference: d.difference,
      ci: d.ci,
      relativeLift: lift?.lift ?? null,
      relativeLiftCi: lift?.ci ?? null,
      pValue: d.pValue,
      statistic: d.statistic,
      ...(d.df !== undefined ? { df: d.df } : {}),
      method: cuped ? `CUPED-adjusted on “${cuped.covariate}” (θ = ${cuped.theta.toPrecision(4)}); ${d.method}` : d.method,
    });
  });
  const adjusted = holm(raw.map((c) => c.pValue));
  const comparisons: ExperimentComparison[] = raw.map((c, k) => ({ ...c, pValueAdjusted: adjusted[k], significant: adjusted[k] < alpha }));
  if (estimates[ci].estimate !== null && !((estimates[ci].estimate as number) > 0) && comparisons.length) {
    warnings.push(`The control’s estimate is not above 0, so the relative lift (a share of it) is not given.`);
  }

  const segments = data.segments ? segmentEffects(data.kind, used, data.outcome, arms, ci, data.segments, level, spec.minSegmentN ?? 30) : null;
  const verdict = verdictOf(data.kind, data.outcomeLabel, comparisons, srm);
  return {
    spec,
    kind: data.kind,
    outcomeLabel: data.outcomeLabel,
    positive: data.positive,
    control,
    controlSource: source,
    level,
    alpha,
    arms: armRows,
    comparisons,
    srm,
    cuped,
    segments,
    verdict,
    rows: codes.length,
    excluded: { missingArm, missingOutcome, missingCovariate },
    mappingNote: data.mappingNote,
    warnings,
  };
}
