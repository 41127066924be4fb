// Pure helpers of the Predict results (unit-tested): numbers as the view prints them, the split and the threshold
// in words, the confusion counts with plain labels, the ensemble's comparison, the review queue's filter with the
// latest review per customer, an explanation's arithmetic check, and the model card's sections.
import { MISSING_LEVEL, OTHER_LEVEL, type CustomerExplanation, type ModelComparison, type ModelReview, type PredictResult, type ReviewCase } from '../../../shared/predict';
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

export interface CardSection {
  title: string;
  lines: string[];
}

const MISSING_WORDS: Record<PredictResult['kind'], string> = {
  gbdt: 'A missing number goes down the branch the trees learned for missing values.',
  logistic: 'A missing number is filled in with its training mean.',
  ensemble: 'A missing number goes down the trees’ learned branch, and is filled in with its training mean for logistic regression.',
};

/** A text column's own values (without the pooled and missing slots): all of them up to 6, else the first 5 and a count. */
function valuesWords(levels: string[]): string {
  const own = levels.filter((l) => l !== OTHER_LEVEL && l !== MISSING_LEVEL);
  return own.length <= 6 ? own.join(', ') : `${own.slice(0, 5).join(', ')} and ${own.length - 5} more`;
}

export const INTENDED_USE =
  'The scores rank customers for outreach — who to call, which offer to send first. A score is not a decision about a person until someone has reviewed ' +
  'it: the customers whose fold models disagree or who sit near the threshold are listed for review, and every confirmation or override is logged. ' +
  'The model knows only the period and the customers it was trained on: retrain it when the data drifts (new products, prices or channels), ' +
  'and check its calibration and fairness again after each retraining.';

export function modelCard(r: PredictResult): CardSection[] {
  const inputs = r.frozen.inputs;
  const numbers = inputs.filter((i) => i.kind === 'number').map((i) => i.column);
  const levels = inputs.filter((i) => i.kind === 'levels');
  const pooled = levels.filter((i) => i.kind === 'levels' && i.pooled.length > 0);
  const cv = r.cv;
  const folds = r.spec.folds ?? 5;
  const leaks = r.spec.confirmedLeaks ?? [];
  return [
    {
      title: 'Data and period',
      lines: [
        `Dataset “${r.spec.dataset}”: ${formatCount(r.rows)} rows with a known ${r.target}${r.excludedRows ? ` (${formatCount(r.excludedRows)} without one left out)` : ''}.`,
        `Trained on ${formatCount(r.trainRows)} rows; tested once, at the end, on ${formatCount(r.test.rows)} rows kept apart: ${splitWords(r)}.`,
      ],
    },
    {
      title: 'Target and direction',
      lines: [
        `Predicting: ${direction(r)}. ${formatCount(r.positives)} of ${formatCount(r.rows)} rows (${pct1(r.positives / r.rows)}) are “${r.positive}”; the probabilities are the chance of “${r.positive}”.`,
      ],
    },
    {
      title: 'Features and preprocessing',
      lines: [
        `${MODEL_NAMES[r.kind]}, ${folds === 1 ? 'one fit without cross-validation' : `${folds}-fold cross-validation on the training rows`}.`,
        numbers.length ? `Numbers (yes/no as 1/0) used as they are: ${listWords(numbers, 12)}. ${MISSING_WORDS[r.kind]}` : 'No number columns.',
        levels.length
          ? `Text one-hot encoded (one 0/1 column per value, fitted on the training rows; a value not seen in training counts as “${OTHER_LEVEL}”): ${levels
              .map((i) => `${i.column} (${i.kind === 'levels' ? valuesWords(i.levels) : ''})`)
              .join('; ')}.`
          : 'No text columns.',
        pooled.length
          ? `Rare values (fewer than ${r.spec.minLevelRows ?? 30} training rows) pooled into “${OTHER_LEVEL}”: ${pooled
              .map((i) => `${i.column}: ${i.kind === 'levels' ? listWords(i.pooled, 8) : ''}`)
              .join('; ')}.`
          : `No value was rare enough to be pooled (fewer than ${r.spec.minLevelRows ?? 30} training rows).`,
        r.includedProtected.length ? `Protected attributes used on purpose: ${listWords(r.includedProtected, 8)}.` : 'No protected attribute is used.',
        ...(leaks.length ? [`Kept although alone they predict the target almost perfectly (the analyst confirmed they are known before the outcome): ${listWords(leaks, 8)}.`] : []),
      ],
    },
    {
      title: 'How well it predicts',
      lines: [
        `Test AUC ${num3(r.test.auc)} (95% CI ${ci3(r.test.aucCi)}; 0.5 = guessing, 1 = perfect ranking).`,
        `Precision–recall AUC ${num3(r.test.prAuc)} against ${num3(r.test.baseline.prAuc)} without skill; Brier score ${num3(r.test.brier)} against ${num3(r.test.baseline.brier)} for the base rate alone; log loss ${num3(r.test.logLoss)}.`,
        cv ? `Cross-validated on the training rows (${cv.folds} folds): AUC ${num3(cv.auc)} (95% CI ${ci3(cv.aucCi)}).` : 'No cross-validation (one fold).',
        ...(r.comparison ? [comparisonWords(r.comparison)] : []),
      ],
    },
    {
      title: 'Calibration',
      lines: [
        cv
          ? 'Platt scaling fitted on the out-of-fold predictions of the cross-validation (training rows only), so a probability of 30% means about 3 in 10.'
          : 'Not calibrated: one fold gives no out-of-fold predictions to calibrate on.',
        `Expected calibration error on the test rows: ${(r.test.ece * 100).toFixed(1)} points.`,
      ],
    },
    { title: 'Threshold', lines: [thresholdWords(r), confusionWords(r).precision, confusionWords(r).recall] },
    {
      title: 'Proxies',
      lines: r.proxies.length
        ? r.proxies.map((p) => p.explanation)
        : ['No feature is strongly associated (Cramér’s V above 0.3) with a protected attribute of the dataset, or none is marked protected.'],
    },
    { title: 'Warnings', lines: r.warnings.length ? r.warnings : ['None.'] },
    { title: 'Intended use and limits', lines: [INTENDED_USE] },
  ];
}
