// The plain-language reading of a cohort table: without a split, the newest cohort that has period p fully observed
// against the oldest ("Customers acquired in March 2025 kept 42% at month 3, 8 points more than January 2025's");
// with a split, the groups' pooled retention at an early and a later period, so whether a gap persists is said.
// Only fully observed cells are compared; percentages are rounded first so the points add up on the page.
import type { CohortGroupCurve, CohortRow, CohortUnit } from '../../../../shared/monitor-cohorts';

/** The period the sentence reads: 3 (a quarter of months, or three weeks) when observed, else the latest observed. */
const TARGET_PERIOD = 3;
/** Cohorts smaller than this are not the headline (one customer's 100% is not a finding). */
export const SUMMARY_MIN_COHORT = 10;

const pct = (x: number) => Math.round(100 * x);
const points = (d: number) => `${Math.abs(d)} point${Math.abs(d) === 1 ? '' : 's'}`;

function completeAt(row: CohortRow, p: number): boolean {
  return p < row.retention.length && !row.incomplete[p];
}

export function cohortSummary(unit: CohortUnit, rows: readonly CohortRow[], curves: readonly CohortGroupCurve[]): string {
  if (rows.length === 0) return 'No customers to put in cohorts.';
  const split = curves.length > 1 || (curves[0] && curves[0].group !== null);
  return split ? splitSentence(unit, curves) : cohortSentence(unit, rows);
}

function cohortSentence(unit: CohortUnit, rows: readonly CohortRow[]): string {
  const big = rows.filter((r) => r.size >= SUMMARY_MIN_COHORT);
  let p = 0;
  for (let q = 1; q <= TARGET_PERIOD; q++) if (big.filter((r) => completeAt(r, q)).length >= 2) p = q;
  if (p === 0) {
    const any = big.find((r) => completeAt(r, 1));
    if (!any) return `No cohort of ${SUMMARY_MIN_COHORT} or more customers has a fully observed ${unit} 1 yet, so nothing can be said about retention.`;
    return `Customers acquired in ${any.label} kept ${pct(any.retention[1])}% at ${unit} 1 (the only cohort of ${SUMMARY_MIN_COHORT}+ customers observed that long).`;
  }
  const at = big.filter((r) => completeAt(r, p));
  const oldest = at[0];
  const newest = at[at.length - 1];
  const a = pct(newest.retention[p]);
  const b = pct(oldest.retention[p]);
  const d = a - b;
  const compare = d === 0 ? `the same as ${oldest.label}’s` : `${points(d)} ${d > 0 ? 'more' : 'fewer'} than ${oldest.label}’s (${b}%)`;
  return `Customers acquired in ${newest.label} kept ${a}% at ${unit} ${p}, ${compare}.`;
}

function splitSentence(unit: CohortUnit, curves: readonly CohortGroupCurve[]): string {
  const named = curves.filter((c) => c.size >= SUMMARY_MIN_COHORT);
  const observed = (q: number) => named.filter((c) => c.retention[q] !== null && c.retention[q] !== undefined);
  let p = 0;
  for (let q = 1; q <= TARGET_PERIOD; q++) if (observed(q).length >= 2) p = q;
  if (p === 0) return `No two groups of ${SUMMARY_MIN_COHORT} or more customers have a fully observed ${unit} 1 yet, so the groups cannot be compared.`;
  const ranked = observed(p).sort((x, y) => (y.retention[p] as number) - (x.retention[p] as number));
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  const gap = (q: number) => pct(top.retention[q] as number) - pct(bottom.retention[q] as number);
  let s = `At ${unit} ${p}, ${top.group} kept ${pct(top.retention[p] as number)}% of its customers and ${bottom.group} ${pct(bottom.retention[p] as number)}% (fully observed cohorts pooled)`;
  if (p > 1 && top.retention[1] !== null && bottom.retention[1] !== null) {
    const g1 = gap(1);
    const gp = gap(p);
    // Halved or more: fades; less: narrows; the order at period 1 the other way round: reversed.
    const trend = g1 < 0 ? 'the order has reversed' : gp >= g1 ? 'the gap holds' : gp * 2 <= g1 ? 'the gap fades' : 'the gap narrows';
    s += `: ${points(g1)} ${g1 < 0 ? 'the other way' : 'apart'} at ${unit} 1 and ${points(gp)} at ${unit} ${p} — ${trend}`;
  } else s += `, ${points(gap(p))} apart`;
  return `${s}.`;
}
