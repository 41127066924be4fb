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
// the same attribute. The most favoured group is chosen among groups of at least the minimum size (all groups
// when none is that large), so one tiny group with a lucky rate (10 people, 7 approved) cannot make every other
// group fail; any group, small ones included, can fail against it.
import type { AuditGroup, AuditSummary } from '../../../shared/audit';

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

/** Groups whose favourable rate is below 0.8 × the most favoured group's. */
export function fourFifthsFailing(groups: readonly AuditGroup[], direction: 'assistive' | 'punitive', minGroupSize: number): string[] {
  const best = favourableRate(mostFavoured(groups, direction, minGroupSize).selectionRate.value!, direction);
  return groups.filter((g) => favourableRate(g.selectionRate.value!, direction) < 0.8 * best).map((g) => g.group);
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
