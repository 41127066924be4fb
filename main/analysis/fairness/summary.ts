// Fairlearn's summary metrics per audited attribute, and the four-fifths rule. Pure functions, no I/O.
//
// Over the groups of one attribute (every group, "(missing)" and small ones included — a summary that hid a
// group would hide its disparity):
//   demographic parity difference = max − min selection rate; ratio = min / max
//   equal opportunity difference  = max − min TPR
//   equalised odds difference     = max(TPR gap, FPR gap)  (Fairlearn's default agg = 'worst_case')
// A group whose rate is undefined (no positives for TPR, no negatives for FPR) is skipped in that max/min.
// Fairlearn instead counts such a group as 0, because scikit-learn's normalised confusion matrix turns 0/0
// into 0; a rate that does not exist is not a rate of 0, so here it is left out. When no group has the rate
// defined, the gap is null. When every group's selection rate is 0 the ratio is 0/0; it is reported as 1 (all
// groups are equal), where Fairlearn would return NaN.
//
// Four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)) on the favourable outcome: the favourable
// rate is the selection rate of an assistive decision and 1 − the selection rate of a punitive one (the share
// NOT sanctioned); a group fails when its favourable rate is below 4/5 of the most favoured group's rate in
// the same attribute. Only groups of at least the minimum size take part (a selection rate over fewer people is
// unreliable, shared/audit-gaps.ts): one tiny group with a lucky rate (10 people, 7 approved) can neither make every
// other group fail nor be named as failing on 2 people. With no group that large, nobody is named.
//
// The verdicts quote these gaps over reliable rates only (reliableSpread); the Fairlearn numbers above keep
// every group, as Fairlearn computes them.
import type { AuditGroup, AuditMetric, AuditSummary } from '../../../shared/audit';
import { rateReliable } from '../../../shared/audit-gaps';

type AttributeSummary = AuditSummary['byAttribute'][number];

function spread(values: (number | null)[]): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max >= min ? { min, max } : null;
}

const gap = (values: (number | null)[]): number | null => {
  const s = spread(values);
  return s ? s.max - s.min : null;
};

export function favourableRate(selectionRate: number, direction: 'assistive' | 'punitive'): number {
  return direction === 'assistive' ? selectionRate : 1 - selectionRate;
}

/** The group the four-fifths rule compares against: the highest favourable rate among groups of adequate size. */
export function mostFavoured(groups: readonly AuditGroup[], direction: 'assistive' | 'punitive', minGroupSize: number): AuditGroup {
  const large = groups.filter((g) => g.n >= minGroupSize);
  const pool = large.length > 0 ? large : groups;
  return pool.reduce((best, g) => (favourableRate(g.selectionRate.value!, direction) > favourableRate(best.selectionRate.value!, direction) ? g : best), pool[0]);
}

/** Groups of at least the minimum size whose favourable rate is below 0.8 × the most favoured group's. */
export function fourFifthsFailing(groups: readonly AuditGroup[], direction: 'assistive' | 'punitive', minGroupSize: number): string[] {
  const large = groups.filter((g) => g.n >= minGroupSize);
  if (large.length === 0) return [];
  const best = favourableRate(mostFavoured(large, direction, minGroupSize).selectionRate.value!, direction);
  return large.filter((g) => favourableRate(g.selectionRate.value!, direction) < 0.8 * best).map((g) => g.group);
}

/** max − min and min / max of one metric over the groups whose rate is reliable; null with fewer than two. */
export function reliableSpread(groups: readonly AuditGroup[], metric: AuditMetric, minGroupSize: number): { difference: number; ratio: number; groups: number } | null {
  const values = groups.filter((g) => rateReliable(g[metric], minGroupSize)).map((g) => g[metric]!.value!);
  if (values.length < 2) return null;
  const s = spread(values)!;
  return { difference: s.max - s.min, ratio: s.max === 0 ? 1 : s.min / s.max, groups: values.length };
}

export function summarizeAttribute(attribute: string, groups: readonly AuditGroup[], direction: 'assistive' | 'punitive', minGroupSize: number): AttributeSummary {
  const selection = spread(groups.map((g) => g.selectionRate.value))!;
  const tprGap = gap(groups.map((g) => g.tpr?.value ?? null));
  const fprGap = gap(groups.map((g) => g.fpr?.value ?? null));
  const equalizedOddsDifference = tprGap === null ? fprGap : fprGap === null ? tprGap : Math.max(tprGap, fprGap);
  return {
    attribute,
    demographicParityDifference: selection.max - selection.min,
    demographicParityRatio: selection.max === 0 ? 1 : selection.min / selection.max,
    equalizedOddsDifference,
    equalOpportunityDifference: tprGap,
    fourFifthsFailing: fourFifthsFailing(groups, direction, minGroupSize),
  };
}

export function summarize(byAttribute: AttributeSummary[]): AuditSummary {
  const first = byAttribute[0];
  return {
    byAttribute,
    demographicParityDifference: first.demographicParityDifference,
    demographicParityRatio: first.demographicParityRatio,
    equalizedOddsDifference: first.equalizedOddsDifference,
  };
}
