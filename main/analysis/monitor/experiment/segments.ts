// Effects by segment: each segment's arms and their differences from the control (the same methods as the whole
// experiment, without CUPED), and Cochran's Q per arm across the segments with enough rows. Exploratory by nature:
// the note says so. Pure, no I/O.
import type { ExperimentKind, ExperimentSegments, Heterogeneity, SegmentEffect } from '../../../../shared/monitor-experiment';
import { collectArmStats } from './arm-stats';
import { armN, compareArms, estimateArm } from './estimates';
import { cochranQ } from './heterogeneity';

export const MAX_SEGMENTS = 50;
export const MISSING_SEGMENT = '(missing)';

export function segmentEffects(
  kind: ExperimentKind,
  arms: Int32Array,
  outcome: Float64Array,
  armNames: readonly string[],
  control: number,
  seg: { by: string; labels: string[]; codes: Int32Array },
  level: number,
  minN: number,
): ExperimentSegments {
  const labels = [...seg.labels];
  const hasMissing = seg.codes.some((c) => c < 0);
  if (hasMissing) labels.push(MISSING_SEGMENT);
  const rows: SegmentEffect[] = [];
  const perArm = armNames.map(() => ({ d: [] as number[], se: [] as number[] }));
  const groups = new Int32Array(arms.length);
  labels.forEach((label, s) => {
    const code = label === MISSING_SEGMENT && hasMissing && s === labels.length - 1 ? -1 : s;
    for (let i = 0; i < arms.length; i++) groups[i] = seg.codes[i] === code ? arms[i] : -1;
    const stats = collectArmStats(kind, groups, outcome, armNames.length);
    if (stats.every((x) => armN(x) === 0)) return;
    const est = stats.map((x) => estimateArm(x, level));
    const comparisons: SegmentEffect['comparisons'] = [];
    armNames.forEach((arm, a) => {
      if (a === control) return;
      const d = compareArms(stats[a], stats[control], level);
      const tested = d !== null && armN(stats[a]) >= minN && armN(stats[control]) >= minN;
      if (d && tested) {
        perArm[a].d.push(d.difference);
        perArm[a].se.push(d.se);
      }
      comparisons.push({ arm, difference: d?.difference ?? null, ci: d?.ci ?? null, pValue: d?.pValue ?? null, tested });
    });
    rows.push({ segment: label, arms: armNames.map((arm, a) => ({ arm, n: est[a].n, estimate: est[a].estimate })), comparisons });
  });
  const heterogeneity: Heterogeneity[] = [];
  armNames.forEach((arm, a) => {
    if (a === control) return;
    const q = cochranQ(perArm[a].d, perArm[a].se);
    if (q) heterogeneity.push({ arm, q: q.q, df: q.df, pValue: q.pValue, iSquared: q.iSquared, segments: perArm[a].d.length });
  });
  const varies = heterogeneity.filter((h) => h.pValue < 0.05).map((h) => `“${h.arm}”`);
  const note =
    `Exploratory: the segments were not part of the design, and among several segments one will differ by chance. ` +
    `Cochran’s Q tests whether the effect varies between segments (with at least ${minN} rows in both arms) more than chance would; ` +
    (heterogeneity.length === 0
      ? 'fewer than two segments had enough rows to test.'
      : varies.length
        ? `it does for ${varies.join(', ')} (p < 0.05): worth a follow-up experiment, not a conclusion.`
        : 'no arm’s effect varies more than chance would (p ≥ 0.05).');
  return { by: seg.by, rows, heterogeneity, note };
}
