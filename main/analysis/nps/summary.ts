// NPS of one set of answers and its adjusted-Wald interval. Pure functions, no I/O.
//
// Categories: promoters score 9–10, passives 7–8, detractors 0–6; NPS = 100 × (P − D) / n on −100…100.
//
// Interval: the adjusted Wald of Rocks (2016, The American Statistician 70(4)), recommended by Sauro & Lewis
// (MeasuringU, "Confidence Intervals for Net Promoter Scores", 2020) after it covered best on real data:
//   n' = n + 3, p'P = (P + 3/4) / n', p'D = (D + 3/4) / n'   (three pseudo-answers: ¾ promoter, 1½ passive, ¾ detractor)
//   NPS' = p'P − p'D,   Var' = (p'P + p'D − NPS'²) / n'        (the variance of one answer scored +1 / 0 / −1, over n')
//   interval = 100 × (NPS' ± z·√Var'), clipped to [−100, 100]
// The reported point estimate stays the plain NPS: the pseudo-answers only steady the interval. For tiny n the
// plain estimate can fall outside it (n = 1 promoter: NPS 100, interval −48.5 to 98.5), which is why groups
// below the minimum n are flagged.
import type { NpsSummary } from '../../../shared/nps';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export const npsCategory = (score: number): 0 | 1 | 2 => (score >= 9 ? 0 : score >= 7 ? 1 : 2);

export function countsOf(distribution: ArrayLike<number>, offset = 0): NpsCounts {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let s = 0; s <= 10; s++) {
    const c = distribution[offset + s];
    if (s >= 9) promoters += c;
    else if (s >= 7) passives += c;
    else detractors += c;
  }
  return { promoters, passives, detractors };
}

export const totalOf = (c: NpsCounts): number => c.promoters + c.passives + c.detractors;

export function minus(a: NpsCounts, b: NpsCounts): NpsCounts {
  return { promoters: a.promoters - b.promoters, passives: a.passives - b.passives, detractors: a.detractors - b.detractors };
}

/** The plain NPS (−100…100); null without answers. */
export function npsOf(c: NpsCounts): number | null {
  const n = totalOf(c);
  return n === 0 ? null : (100 * (c.promoters - c.detractors)) / n;
}

/** Adjusted centre (on −1…1) and variance of the adjusted estimate; defined for every n ≥ 0. */
export function adjustedWald(c: NpsCounts): { centre: number; variance: number } {
  const na = totalOf(c) + 3;
  const pp = (c.promoters + 0.75) / na;
  const pd = (c.detractors + 0.75) / na;
  const centre = pp - pd;
  return { centre, variance: Math.max(0, pp + pd - centre * centre) / na };
}

/** Summary with the adjusted-Wald interval at the z of the chosen level; nps and ci null when n = 0. */
export function summarize(c: NpsCounts, z: number): NpsSummary {
  const n = totalOf(c);
  if (n === 0) return { nps: null, n: 0, promoters: 0, passives: 0, detractors: 0, ci: null };
  const { centre, variance } = adjustedWald(c);
  const half = z * Math.sqrt(variance);
  return {
    nps: (100 * (c.promoters - c.detractors)) / n,
    n,
    promoters: c.promoters,
    passives: c.passives,
    detractors: c.detractors,
    ci: [Math.max(-100, 100 * (centre - half)), Math.min(100, 100 * (centre + half))],
  };
}
