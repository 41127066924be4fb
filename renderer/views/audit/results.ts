// Pure helpers that turn an AuditResult into what the view shows (unit-tested): rates as percentages with their
// Wilson interval and counts, "undefined" with its reason (never 0), the groups per attribute, the metrics a table or
// chart can show, the disparities of one metric, and the metric that matters most for the decision.
import type { AuditGroup, AuditMetric, AuditResult, Disparity, Rate, Verdict } from '../../../shared/audit';
import { formatCount } from '../../lib/format';

export const METRIC_LABELS: Record<AuditMetric | 'baseRate', { short: string; long: string; explain: string }> = {
  baseRate: { short: 'Base', long: 'Base rate', explain: 'Share with a positive label (what actually happened).' },
  selectionRate: { short: 'Selection', long: 'Selection rate', explain: 'Share who got the positive decision.' },
  tpr: { short: 'TPR', long: 'True positive rate', explain: 'Of those with a positive label, the share the decision picked.' },
  fpr: { short: 'FPR', long: 'False positive rate', explain: 'Of those with a negative label, the share the decision picked anyway.' },
  fnr: { short: 'FNR', long: 'False negative rate', explain: 'Of those with a positive label, the share the decision missed.' },
  tnr: { short: 'TNR', long: 'True negative rate', explain: 'Of those with a negative label, the share the decision left out.' },
  ppv: { short: 'PPV', long: 'Precision (PPV)', explain: 'Of those picked, the share whose label is positive.' },
  npv: { short: 'NPV', long: 'Negative predictive value', explain: 'Of those not picked, the share whose label is negative.' },
  fdr: { short: 'FDR', long: 'False discovery rate', explain: 'Of those picked, the share whose label is negative.' },
  for: { short: 'FOR', long: 'False omission rate', explain: 'Of those not picked, the share whose label is positive.' },
};

/** The group table's columns: the ones people ask for first, then the complements behind "All metrics". */
export const MAIN_METRICS = ['selectionRate', 'baseRate', 'tpr', 'fpr', 'fnr', 'ppv'] as const;
export const MORE_METRICS = ['tnr', 'npv', 'fdr', 'for'] as const;
export type TableMetric = (typeof MAIN_METRICS)[number] | (typeof MORE_METRICS)[number];

/**
 * A 0–1 fraction as a percentage with exactly one decimal ("41.2%", "22.0%", "0.0%"), so a column or an interval never
 * mixes "22%" with "22.3%".
 */
export function pct(v: number): string {
  return `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

export interface RateView {
  defined: boolean;
  /** "41.2%" or "undefined". */
  value: string;
  /** "95% CI 38.7–43.8%" (empty when undefined). */
  interval: string;
  /** "604 / 1,465". */
  counts: string;
  /** Everything in one sentence, for the hover title. */
  title: string;
}

export function rateView(rate: Rate, metric: string): RateView {
  const counts = `${formatCount(rate.numerator)} / ${formatCount(rate.denominator)}`;
  if (rate.value === null) {
    const reason = rate.reason ?? `no rows in the denominator (${counts})`;
    return { defined: false, value: 'undefined', interval: '', counts, title: `${metric} is undefined: ${reason}.` };
  }
  const interval = rate.ci ? `95% CI ${intervalText(rate.ci)}` : '';
  return {
    defined: true,
    value: pct(rate.value),
    interval,
    counts,
    title: `${metric} ${pct(rate.value)} = ${formatCount(rate.numerator)} of ${formatCount(rate.denominator)}${rate.ci ? `; 95% Wilson interval ${intervalText(rate.ci)}` : ''}.`,
  };
}

/** "38.7–43.8%" (both ends as percentages with one decimal). */
export function intervalText(ci: [number, number]): string {
  return `${pct(ci[0]).replace('%', '')}–${pct(ci[1])}`;
}

export function groupRate(g: AuditGroup, metric: TableMetric): Rate | null {
  return g[metric];
}

/** The attributes in the order the services report them (protected attributes first, then intersections). */
export function attributesOf(result: AuditResult): string[] {
  return [...new Set(result.groups.map((g) => g.attribute))];
}

export function groupsOf(result: AuditResult, attribute: string): AuditGroup[] {
  return result.groups.filter((g) => g.attribute === attribute);
}

export const isIntersection = (attribute: string): boolean => attribute.includes(' × ');

/** Whether a label was audited (the confusion-matrix metrics exist). */
export function hasLabel(result: AuditResult): boolean {
  return result.groups.some((g) => g.confusion !== null);
}

/** Metrics that have at least one comparable disparity (ratio or difference defined), in the contract's order. */
export function disparityMetrics(result: AuditResult): AuditMetric[] {
  const seen = new Set(result.disparities.filter((d) => d.ratio !== null || d.difference !== null).map((d) => d.metric));
  return (['selectionRate', 'tpr', 'fpr', 'fnr', 'tnr', 'ppv', 'npv', 'fdr', 'for'] as const).filter((m) => seen.has(m));
}

/**
 * The metric to show first: the one that matters most for this decision when a label exists — false negatives
 * for an assistive decision (deserving people left out), false positives for a punitive one (innocent people
 * sanctioned) — else the selection rate (demographic parity and the four-fifths rule).
 */
export function keyMetric(result: AuditResult): AuditMetric {
  const available = disparityMetrics(result);
  const preferred: AuditMetric = !hasLabel(result) ? 'selectionRate' : result.spec.direction === 'punitive' ? 'fpr' : 'fnr';
  return available.includes(preferred) ? preferred : (available[0] ?? 'selectionRate');
}

export function disparitiesOf(result: AuditResult, metric: AuditMetric, attribute: string | null): Disparity[] {
  return result.disparities.filter((d) => d.metric === metric && (attribute === null || d.attribute === attribute));
}

export const VERDICT_STYLE: Record<Verdict['status'], { color: string; label: string }> = {
  fail: { color: 'red', label: 'Fails' },
  warn: { color: 'orange', label: 'Caution' },
  pass: { color: 'teal', label: 'Passes' },
  'not applicable': { color: 'gray', label: 'Not applicable' },
};

/** Verdicts in reading order: failures first, then cautions, passes, not applicable (stable within a status). */
export function orderedVerdicts(verdicts: Verdict[]): Verdict[] {
  const rank: Record<Verdict['status'], number> = { fail: 0, warn: 1, pass: 2, 'not applicable': 3 };
  return verdicts.map((v, i) => ({ v, i })).sort((a, b) => rank[a.v.status] - rank[b.v.status] || a.i - b.i).map((x) => x.v);
}

/** "p = 0.012", "p < 0.001"; "—" when there was no test. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** A ratio as "0.72×"; "—" when undefined. */
export function formatRatio(r: number | null): string {
  if (r === null) return '—';
  return `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** A difference of two rates in percentage points: "−7.1 pp". */
export function formatPp(d: number | null): string {
  if (d === null) return '—';
  const v = Math.round(d * 1000) / 10;
  if (v === 0) return '0 pp';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} pp`;
}

/** The audited decision and its options in one line, for the result's subtitle. */
export function describeAudit(result: AuditResult): string {
  const s = result.spec;
  const parts = [s.score !== undefined ? `score ${s.score} ≥ ${s.threshold}` : `decision ${s.decision}`];
  parts.push(s.direction === 'punitive' ? 'punitive' : 'assistive');
  parts.push(s.label ? `label ${s.label}` : 'no label');
  parts.push(`by ${s.protected.join(', ')}${s.intersect ? ' and their intersections' : ''}`);
  parts.push(`rates over fewer than ${s.minGroupSize ?? 30} people not judged`);
  parts.push(s.missing === 'exclude' ? 'missing groups excluded' : 'missing values as their own group');
  return parts.join(' · ');
}
