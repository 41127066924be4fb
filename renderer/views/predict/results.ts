// Pure helpers of the Predict results (unit-tested): numbers as the view prints them, the split and the threshold
// in words, the confusion counts with plain labels, the ensemble's comparison, the review queue's filter with the
// latest review per customer, an explanation's arithmetic check, and the pooled values named on the model card.
import type { CustomerExplanation, ModelCard, ModelComparison, ModelReview, PredictResult, ReviewCase } from '../../../shared/predict';
import { listWords } from '../../charts/chart-table';
import { pct1, pctWhole } from '../../charts/predict-tables';
import { formatCount } from '../../lib/format';

export { pct1, pctWhole };

/** AUC, Brier score and the like: three decimals. */
export const num3 = (v: number) => v.toFixed(3);
export const ci3 = (ci: [number, number]) => `${num3(ci[0])}–${num3(ci[1])}`;
const MINUS = '\u2212';
const signed3 = (v: number) => `${v > 0 ? '+' : v < 0 ? MINUS : ''}${Math.abs(v).toFixed(3)}`;

export const MODEL_NAMES: Record<PredictResult['kind'], string> = {
  gbdt: 'Gradient-boosted trees',
  logistic: 'Logistic regression',
  ensemble: 'Ensemble of logistic regression and gradient-boosted trees',
};

/** "churned = Yes" */
export const direction = (r: Pick<PredictResult, 'target' | 'positive'>) => `${r.target} = ${r.positive}`;

/** How the test rows were chosen, in words. */
export function splitWords(r: PredictResult): string {
  if (r.split.kind === 'value') return `the rows where ${r.split.column} = ${r.split.value}`;
  return `a random ${Math.round(r.split.share * 1000) / 10}% of the rows, with the same share of positives (seed ${r.spec.seed ?? 42})`;
}

/** "Gradient-boosted trees on 8 columns · trained on 5,634 rows, tested on 1,409" */
export function describeModel(r: PredictResult): string {
  return `${MODEL_NAMES[r.kind]} on ${r.frozen.inputs.length} ${r.frozen.inputs.length === 1 ? 'column' : 'columns'} · trained on ${formatCount(r.trainRows)} rows, tested on ${formatCount(r.test.rows)}`;
}

/** A label made from an event log, in words: "No event in “events” in the 90 days after 2025-08-31 (to 2025-11-29); history up to the cut-off." */
export function labelWords(r: PredictResult): string | null {
  const l = r.eventLabel;
  if (!l) return null;
  const what = l.positiveWhen === 'no-event' ? 'No event' : 'At least one event';
  return `${r.target} = yes: ${what.toLowerCase()} in “${l.events}” in the ${l.horizonDays} days after ${l.cutoff} (to ${l.windowLastDay}); features know only what happened up to the cut-off. ${formatCount(l.notYetCustomers)} customers without an event by then are left out.`;
}

/** The threshold and the rule that set it, in words. */
export function thresholdWords(r: PredictResult): string {
  const t = r.threshold;
  if (t.rule === 'capacity') {
    return `Flag customers at ${pct1(t.value)} or more: the team can act on ${formatCount(t.capacity ?? 0)} customers, so the threshold is set where the ${formatCount(t.capacity ?? 0)} highest-risk test customers are flagged.`;
  }
  const c = t.missedPositiveCost ?? 1;
  return `Flag customers at ${pct1(t.value)} or more: a missed “${r.positive}” costs ${c}× an unneeded action, and with calibrated probabilities the cheapest rule is to act when p ≥ 1 ÷ (1 + ${c}).`;
}

export interface ConfusionWords {
  caught: number;
  missed: number;
  unneeded: number;
  leftAlone: number;
  flagged: number;
  /** Sentences under the 2×2 table. */
  precision: string;
  recall: string;
}

export function confusionWords(r: PredictResult): ConfusionWords {
  const c = r.threshold.test;
  const positives = c.tp + c.fn;
  return {
    caught: c.tp,
    missed: c.fn,
    unneeded: c.fp,
    leftAlone: c.tn,
    flagged: c.flagged,
    precision:
      c.precision === null
        ? 'Nobody in the test rows reaches the threshold.'
        : `Of the ${formatCount(c.flagged)} test customers flagged, ${pctWhole(c.precision)} had ${direction(r)} (precision).`,
    recall: c.recall === null ? 'No test customer had the outcome.' : `The flag catches ${pctWhole(c.recall)} of the ${formatCount(positives)} test customers with ${direction(r)} (recall).`,
  };
}

/** The ensemble's members compared on the same test rows (paired DeLong test), in words. */
export function comparisonWords(c: ModelComparison): string {
  const better = c.difference > 0 ? 'logistic regression ranks' : 'the trees rank';
  const clear = c.differenceCi[0] > 0 || c.differenceCi[1] < 0;
  const p = c.pValue < 0.001 ? 'p < 0.001' : `p = ${c.pValue.toFixed(c.pValue < 0.1 ? 3 : 2)}`;
  return (
    `Logistic regression ${num3(c.logisticAuc)} against trees ${num3(c.gbdtAuc)}: difference ${signed3(c.difference)} (95% CI ${signed3(c.differenceCi[0])} to ${signed3(c.differenceCi[1])}, ${p}). ` +
    (clear ? `On these test rows ${better} customers better.` : 'On these test rows neither ranks customers clearly better; the ensemble averages both.')
  );
}

// ------------------------------------------------------------------ review queue

export type ReviewFilter = 'pending' | 'reviewed' | 'all';

/** The latest review per customer (reviews come oldest first). */
export function latestReviews(reviews: ModelReview[]): Map<string, ModelReview> {
  const out = new Map<string, ModelReview>();
  for (const r of reviews) out.set(r.id, r);
  return out;
}

export function filterCases(cases: ReviewCase[], latest: Map<string, ModelReview>, filter: ReviewFilter): ReviewCase[] {
  if (filter === 'all') return cases;
  return cases.filter((c) => latest.has(c.id) === (filter === 'reviewed'));
}

/** "High risk" / "Low risk": the model's own call at the threshold. */
export const callOf = (probability: number, threshold: number) => (probability >= threshold ? 'High risk' : 'Low risk');

/** A review's outcome in words: "Confirmed: flagged", "Overridden: not flagged". */
export function reviewWords(r: ModelReview): string {
  return `${r.decision === 'confirm' ? 'Confirmed' : 'Overridden'}: ${r.flagged ? 'flagged' : 'not flagged'}`;
}

/** The actual outcome of a test customer: the positive value, or the target's other value when known ("No"). */
export function actualWords(r: Pick<PredictResult, 'positive'>, actual: 0 | 1 | null, other: string | null): string {
  if (actual === null) return 'not known';
  return actual === 1 ? r.positive : (other ?? `not ${r.positive}`);
}

/**
 * A probability beside a threshold, with as many decimals as it takes not to print the threshold's own figure for a
 * customer on the other side of it ("49.96%", not "50.0%", for a customer just below a 50% threshold).
 */
export function pctBeside(p: number, threshold: number): string {
  for (let digits = 1; digits <= 4; digits++) {
    const shown = (p * 100).toFixed(digits);
    if (shown !== (threshold * 100).toFixed(digits) || p === threshold) return `${shown}%`;
  }
  return `${(p * 100).toFixed(4)}%`;
}

/** The top reasons without the risk headline they start with ("High risk, 52% (41–60%): A +0.9, …" → "A +0.9, …"). */
export function reasonsOnly(reasons: string): string {
  const at = reasons.indexOf(': ');
  return at >= 0 && /risk, /.test(reasons.slice(0, at)) ? reasons.slice(at + 2) : reasons;
}

// ------------------------------------------------------------------ one customer

/** base + Σ contributions, and whether it equals the log-odds the explanation reports (to 1e-6). */
export function explanationCheck(e: CustomerExplanation): { sum: number; matches: boolean } {
  const sum = e.contributions.reduce((s, c) => s + c.contribution, e.base);
  return { sum, matches: Math.abs(sum - e.logOdds) < 1e-6 };
}

// ------------------------------------------------------------------ model card

/**
 * The services' model card with the names of the values pooled into "(other)" added to each text input's line (the
 * card counts them; the analyst wants to see which they were).
 */
export function withPooledNames(card: ModelCard, r: PredictResult): ModelCard {
  const pooled = new Map(r.frozen.inputs.flatMap((i) => (i.kind === 'levels' && i.pooled.length ? [[i.column, i.pooled] as const] : [])));
  return {
    ...card,
    sections: card.sections.map((s) =>
      s.title !== 'Features and preprocessing'
        ? s
        : { ...s, items: s.items.map((item) => (pooled.has(item.label) ? { ...item, value: `${item.value}. Pooled: ${listWords(pooled.get(item.label)!.map((v) => `“${v}”`), 10)}` } : item)) },
    ),
  };
}
