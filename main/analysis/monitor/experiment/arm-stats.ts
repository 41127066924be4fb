// Per-arm sufficient statistics from row arrays: counts for a rate or an NPS, mean and variance for a mean (two
// passes, so a large mean does not eat the variance's digits). Pure, no I/O.
import type { ExperimentKind } from '../../../../shared/monitor-experiment';
import type { ArmStats } from './estimates';

/** Outcome per row as the analysis reads it: binary 1/0, a number, or an NPS score 0–10; NaN = left out. */
export function collectArmStats(kind: ExperimentKind, groups: Int32Array, values: Float64Array, groupCount: number): ArmStats[] {
  if (kind === 'binary') {
    const n = new Float64Array(groupCount);
    const x = new Float64Array(groupCount);
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const v = values[i];
      if (g < 0 || v !== v) continue;
      n[g]++;
      x[g] += v;
    }
    return Array.from({ length: groupCount }, (_, g) => ({ kind: 'binary' as const, n: n[g], successes: x[g] }));
  }
  if (kind === 'nps') {
    const counts = Array.from({ length: groupCount }, () => ({ promoters: 0, passives: 0, detractors: 0 }));
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const v = values[i];
      if (g < 0 || v !== v) continue;
      if (v >= 9) counts[g].promoters++;
      else if (v >= 7) counts[g].passives++;
      else counts[g].detractors++;
    }
    return counts.map((c) => ({ kind: 'nps' as const, counts: c }));
  }
  return meanStats(groups, values, groupCount);
}

export function meanStats(groups: Int32Array, values: Float64Array, groupCount: number): ArmStats[] {
  const n = new Float64Array(groupCount);
  const sum = new Float64Array(groupCount);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const v = values[i];
    if (g < 0 || v !== v) continue;
    n[g]++;
    sum[g] += v;
  }
  const mean = Array.from(sum, (s, g) => (n[g] > 0 ? s / n[g] : Number.NaN));
  const ss = new Float64Array(groupCount);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    const v = values[i];
    if (g < 0 || v !== v) continue;
    ss[g] += (v - mean[g]) ** 2;
  }
  return Array.from({ length: groupCount }, (_, g) => ({ kind: 'mean' as const, n: n[g], mean: mean[g], variance: n[g] > 1 ? ss[g] / (n[g] - 1) : Number.NaN }));
}

/** NPS scores 0–10 as the per-person values whose mean is the NPS: +100 promoter, 0 passive, −100 detractor. */
export function npsPoints(score: number): number {
  return score !== score ? Number.NaN : score >= 9 ? 100 : score >= 7 ? 0 : -100;
}
