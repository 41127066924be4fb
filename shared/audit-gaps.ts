// How the fairness audit judges gaps and names the widest one — one implementation for the services (verdicts and
// executive summary, main/analysis/fairness) and the Audit view (verdict headlines and gap tables), so the two can
// never print different "widest gap" statements for one run (issue 11: "21% vs 59%" in the summary beside
// "20.7% vs 39.6%" in a verdict). Pure functions over the AuditResult's own groups and disparities.
//
// Reliability: a rate whose denominator is below the minimum group size (spec.minGroupSize, default 30) is
// unreliable — "2 / 2 = 100%" says little. Such rates are still computed, shown (greyed, with their interval) and
// exported, but a comparison that rests on one (the group's or its reference's) is left out of every judgement:
// the verdicts' statuses and the widest gap. The verdicts say how many were left out and why.
import type { AuditGroup, AuditMetric, Disparity, Rate } from './audit';

export const DEFAULT_MIN_GROUP_SIZE = 30;
export const DEFAULT_ALPHA = 0.05;
/** A ratio outside this band is a gap worth calling (the four-fifths rule and its mirror). */
export const RATIO_BAND: [number, number] = [0.8, 1.25];
/** Size threshold when the ratio is undefined (reference rate 0). */
export const MIN_DIFFERENCE_WITHOUT_RATIO = 0.05;

/** Whether a rate can carry a judgement: defined and its denominator at least the minimum group size. */
export function rateReliable(rate: Rate | null | undefined, minGroupSize: number): boolean {
  if (!rate || rate.value === null) return false;
  return rate.denominator >= minGroupSize;
}

/** Whether the size of a disparity is outside the band (or, without a ratio, at least 0.05 in difference). */
export function outsideBand(d: Pick<Disparity, 'ratio' | 'difference'>): boolean {
  if (d.ratio !== null) return d.ratio < RATIO_BAND[0] || d.ratio > RATIO_BAND[1];
  return d.difference !== null && Math.abs(d.difference) >= MIN_DIFFERENCE_WITHOUT_RATIO;
}

/** The size a gap is ranked by: |log ratio|, or 10·|difference| when there is no ratio (reference rate 0). */
export function gapSize(d: Pick<Disparity, 'ratio' | 'difference'>): number {
  return d.ratio !== null && d.ratio > 0 ? Math.abs(Math.log(d.ratio)) : Math.abs(d.difference ?? 0) * 10;
}

const isIntersection = (attribute: string) => attribute.includes(' × ');

/** Single attributes before intersections (easier to act on), then the largest gaps first. */
export function byGapSize<T extends Pick<Disparity, 'attribute' | 'ratio' | 'difference'>>(ds: readonly T[]): T[] {
  const crossed = (d: T) => (isIntersection(d.attribute) ? 1 : 0);
  return [...ds].sort((a, b) => crossed(a) - crossed(b) || gapSize(b) - gapSize(a));
}

export interface GapContext {
  groups: readonly AuditGroup[];
  disparities: readonly Disparity[];
  minGroupSize: number;
  alpha: number;
}

const key = (attribute: string, group: string) => `${attribute}\u0000${group}`;

function groupIndex(groups: readonly AuditGroup[]): Map<string, AuditGroup> {
  return new Map(groups.map((g) => [key(g.attribute, g.group), g]));
}

/** A disparity rests only on reliable rates: the group's and its reference's. */
export function disparityReliable(d: Disparity, byKey: Map<string, AuditGroup>, minGroupSize: number): boolean {
  const g = byKey.get(key(d.attribute, d.group));
  const r = byKey.get(key(d.attribute, d.reference));
  return rateReliable(g?.[d.metric], minGroupSize) && rateReliable(r?.[d.metric], minGroupSize);
}

export interface LeftOut {
  attribute: string;
  group: string;
  /** The smaller denominator of the two rates compared (the one that makes it unreliable). */
  denominator: number;
}

export interface JudgedGaps {
  status: 'fail' | 'warn' | 'pass' | 'not applicable';
  /** Flagged: significant after Holm and outside the band. */
  failing: Disparity[];
  /** Outside the band, not significant. */
  outside: Disparity[];
  /** Significant after Holm but inside the band. */
  within: Disparity[];
  /** Comparisons judged (defined and reliable). */
  compared: number;
  /** Defined comparisons left out because a rate rests on fewer than the minimum group size. */
  leftOut: LeftOut[];
}

/** One metric's comparisons judged: only defined, reliable ones count; each list largest gap first. */
export function judgeGaps(ctx: GapContext, metric: AuditMetric): JudgedGaps {
  const byKey = groupIndex(ctx.groups);
  const defined = ctx.disparities.filter((d) => d.metric === metric && d.difference !== null);
  const ds: Disparity[] = [];
  const leftOut: LeftOut[] = [];
  for (const d of defined) {
    if (disparityReliable(d, byKey, ctx.minGroupSize)) ds.push(d);
    else {
      const g = byKey.get(key(d.attribute, d.group))?.[metric];
      const r = byKey.get(key(d.attribute, d.reference))?.[metric];
      leftOut.push({ attribute: d.attribute, group: d.group, denominator: Math.min(g?.denominator ?? 0, r?.denominator ?? 0) });
    }
  }
  const significant = (d: Disparity) => d.pAdjusted !== null && d.pAdjusted < ctx.alpha;
  // `flag` is the services' "significant after Holm and outside the band" (main/analysis/fairness/disparities.ts).
  const failing = ds.filter((d) => d.flag);
  const outside = ds.filter((d) => !d.flag && outsideBand(d));
  const within = ds.filter((d) => !outsideBand(d) && significant(d));
  const status = ds.length === 0 ? 'not applicable' : failing.length > 0 ? 'fail' : outside.length > 0 || within.length > 0 ? 'warn' : 'pass';
  return { status, failing: byGapSize(failing), outside: byGapSize(outside), within: byGapSize(within), compared: ds.length, leftOut };
}

export interface WidestGap {
  attribute: string;
  group: string;
  reference: string;
  metric: AuditMetric;
  rate: number;
  referenceRate: number;
  ratio: number | null;
  difference: number;
  pAdjusted: number | null;
}

/**
 * The widest gap of one metric: the largest reliable comparison of a group with its reference (single attributes
 * before intersections, then |log ratio|); null when no reliable comparison exists.
 */
export function widestGap(ctx: GapContext, metric: AuditMetric): WidestGap | null {
  const byKey = groupIndex(ctx.groups);
  const ds = ctx.disparities.filter((d) => d.metric === metric && d.difference !== null && disparityReliable(d, byKey, ctx.minGroupSize));
  const top = byGapSize(ds)[0];
  if (!top) return null;
  return {
    attribute: top.attribute,
    group: top.group,
    reference: top.reference,
    metric,
    rate: byKey.get(key(top.attribute, top.group))![metric]!.value!,
    referenceRate: byKey.get(key(top.attribute, top.reference))![metric]!.value!,
    ratio: top.ratio,
    difference: top.difference!,
    pAdjusted: top.pAdjusted,
  };
}

/** A 0–1 fraction as a percentage with one decimal ("20.7%"), the way the view and the human CSV print rates. */
export function percentText(v: number): string {
  return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

/** The widest gap in words: 'gender "Female" 20.7% vs 39.6% for "Male" (ratio 0.52)'. */
export function widestGapText(w: WidestGap): string {
  const size = w.ratio !== null ? `ratio ${w.ratio.toFixed(2)}` : `difference ${(100 * w.difference).toFixed(1)} points`;
  return `${w.attribute} "${w.group}" ${percentText(w.rate)} vs ${percentText(w.referenceRate)} for "${w.reference}" (${size})`;
}

/** "2 groups left out: their FNR rests on fewer than 30 people (Non-binary: 2)". */
export function leftOutText(leftOut: readonly LeftOut[], metricLabel: string, minGroupSize: number): string {
  if (leftOut.length === 0) return '';
  const n = leftOut.length;
  const named = leftOut.slice(0, 3).map((l) => `${l.attribute} "${l.group}": ${l.denominator}`);
  const more = n > 3 ? `, and ${n - 3} more` : '';
  return `${n} group${n === 1 ? '' : 's'} left out: ${n === 1 ? 'its' : 'their'} ${metricLabel} (or the reference's) rests on fewer than ${minGroupSize} people (${named.join('; ')}${more}).`;
}
