// The model card (after Mitchell et al., "Model Cards for Model Reporting", 2019), built from what the workspace
// knows about a saved model: the training result, the reviews people made, and its fairness audit when one was run.
// Pure: the caller reads those records. Every figure is the result's own, in words a reader of the card can check.
import type { AuditResult } from '../../../shared/audit';
import { MISSING_LEVEL, OTHER_LEVEL, PREDICT_MODEL_LABELS, type EventLabelSummary, type ModelCard, type ModelReview, type PredictResult } from '../../../shared/predict';

const n = (x: number) => x.toLocaleString('en-US');
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ci = (c: [number, number]) => `${f3(c[0])}–${f3(c[1])}`;

export const INTENDED_USE =
  'Ranks customers by their chance of the outcome so that a team can decide whom to contact first. A score is not a decision about a person: customers in the review band wait for a person, and every call can be overridden with a reason. Not for decisions with legal or similarly significant effects on a person.';
export const LIMITS =
  'Learned from the rows and period named above; customers unlike them (new products, new markets, a changed price list) are scored with less evidence. Retrain when the data drifts or the outcome rate changes. Associations, not causes: a column that predicts the outcome is not necessarily a lever.';

export function buildModelCard(input: { name: string; createdAt: string; result: PredictResult; reviews: ModelReview[]; audit: { name: string; result: AuditResult } | null }): ModelCard {
  const r = input.result;
  const f = r.frozen;
  const split = r.split.kind === 'value' ? `test rows: ${r.split.column} = ${r.split.value}` : `test rows: a stratified random ${pct(r.split.share)} (seed ${r.spec.seed ?? 42})`;
  const inputs = f.inputs.map((i) => {
    if (i.kind === 'number') return { label: i.column, value: `${i.type === 'boolean' ? 'yes/no' : 'number'}; a missing value is imputed with the training mean (logistic) or routed by the trees` };
    const levels = i.levels.filter((l) => l !== OTHER_LEVEL && l !== MISSING_LEVEL);
    const pooled = i.pooled.length ? `; ${i.pooled.length} rare value${i.pooled.length === 1 ? '' : 's'} pooled into “(other)”` : '';
    return { label: i.column, value: `text, one-hot over ${levels.length} value${levels.length === 1 ? '' : 's'}${pooled}; a value never seen in training counts as “(other)”` };
  });
  const latest = new Map(input.reviews.map((v) => [v.id, v]));
  const reviewers = [...new Set(input.reviews.map((v) => v.reviewer))];
  const overridden = [...latest.values()].filter((v) => v.decision === 'override').length;
  const sections: ModelCard['sections'] = [
    {
      title: 'Model',
      items: [
        { label: 'Kind', value: PREDICT_MODEL_LABELS[r.kind] },
        { label: 'Predicts', value: r.eventLabel ? labelWords(r.target, r.eventLabel) : `${r.target} = “${r.positive}” (the positive class, named by the analyst)` },
        { label: 'Trained', value: input.createdAt },
        { label: 'Seed', value: String(r.spec.seed ?? 42) },
      ],
    },
    {
      title: 'Data',
      items: [
        { label: 'Dataset', value: `“${r.spec.dataset}”: ${n(r.rows)} rows with a known outcome, ${n(r.positives)} positive (${pct(r.positives / r.rows)})${r.excludedRows ? `; ${n(r.excludedRows)} without one left out` : ''}` },
        ...(r.eventLabel
          ? [
              {
                label: 'Period',
                value: `history up to ${r.eventLabel.cutoff} (the cut-off) from “${r.eventLabel.events}” (its last event ${r.eventLabel.lastEventDay}); outcome in the ${r.eventLabel.horizonDays} days to ${r.eventLabel.windowLastDay}; ${n(r.eventLabel.notYetCustomers)} customers with no event by the cut-off left out`,
              },
            ]
          : []),
        { label: 'Split', value: `${n(r.trainRows)} training rows, ${n(r.test.rows)} untouched ${split}` },
        { label: 'Validation', value: r.cv ? `${r.cv.folds}-fold stratified cross-validation on the training rows` : 'no cross-validation (one fold)' },
      ],
    },
    { title: 'Features and preprocessing', items: [...inputs, ...(r.includedProtected.length ? [{ label: 'Protected attributes used on purpose', value: r.includedProtected.join(', ') }] : [])] },
    {
      title: 'Performance (untouched test rows)',
      items: [
        { label: 'ROC AUC', value: `${f3(r.test.auc)} (95% CI ${ci(r.test.aucCi)}, DeLong); 0.5 is guessing` },
        { label: 'Precision–recall AUC', value: `${f3(r.test.prAuc)} (no skill ${f3(r.test.baseline.prAuc)})` },
        { label: 'Brier score', value: `${f3(r.test.brier)} (the base rate alone ${f3(r.test.baseline.brier)})` },
        { label: 'Log loss', value: `${f3(r.test.logLoss)} (the base rate alone ${f3(r.test.baseline.logLoss)})` },
        ...(r.cv ? [{ label: 'Cross-validated AUC', value: `${f3(r.cv.auc)} (95% CI ${ci(r.cv.aucCi)})` }] : []),
        ...(r.comparison ? [{ label: 'Logistic vs trees', value: `AUC ${f3(r.comparison.logisticAuc)} vs ${f3(r.comparison.gbdtAuc)}, paired DeLong p = ${r.comparison.pValue.toPrecision(2)}` }] : []),
      ],
    },
    {
      title: 'Calibration and threshold',
      items: [
        { label: 'Calibration', value: r.cv ? `Platt scaling fitted on out-of-fold predictions; expected calibration error ${f3(r.test.ece)} on the test rows` : `none (one fold); expected calibration error ${f3(r.test.ece)}` },
        {
          label: 'Threshold',
          value: `${pct(r.threshold.value)}: ${r.threshold.rule === 'cost' ? `a missed positive costs ${r.threshold.missedPositiveCost}× an unneeded action` : `capacity of ${n(r.threshold.capacity!)} customers`}; on the test rows it flags ${n(r.threshold.test.flagged)} and finds ${r.threshold.test.recall === null ? 'n/a' : pct(r.threshold.test.recall)} of positives`,
        },
        { label: 'Review band', value: `a customer whose fold models fall on both sides of the threshold, or disagree by more than ${Math.round(f.reviewBandWidth * 100)} points, waits for a person` },
      ],
    },
    {
      title: 'Fairness',
      items: input.audit
        ? [
            { label: 'Audit', value: `“${input.audit.name}”: ${input.audit.result.executiveSummary}` },
            { label: 'Checks failed', value: `${input.audit.result.verdicts.filter((v) => v.status === 'fail').length} of ${input.audit.result.verdicts.filter((v) => v.status !== 'not applicable').length}` },
          ]
        : [{ label: 'Audit', value: 'not run yet (cxw predict audit, or “Audit this model” in the Predict view)' }],
    },
    {
      title: 'Possible proxies',
      items: r.proxies.length ? r.proxies.map((p) => ({ label: `${p.feature} ~ ${p.attribute}`, value: `Cramér's V ${p.cramersV.toFixed(2)}: ${p.explanation}` })) : [{ label: 'Proxies', value: 'no feature is strongly associated (Cramér’s V > 0.3) with a protected attribute' }],
    },
    {
      title: 'Human review',
      items: [
        { label: 'Reviews', value: input.reviews.length ? `${n(latest.size)} customers reviewed (${n(overridden)} overridden) by ${reviewers.join(', ')}` : 'none yet' },
      ],
    },
    { title: 'Intended use', items: [{ label: 'Use', value: INTENDED_USE }] },
    { title: 'Limits', items: [{ label: 'Limits', value: LIMITS }, ...r.warnings.map((w) => ({ label: 'Note', value: w }))] },
  ];
  return { model: input.name, trainedAt: input.createdAt, sections };
}

/** "churned = yes: no event in “events” in the 90 days after 2025-06-30 (made from the event log)". */
function labelWords(target: string, l: EventLabelSummary): string {
  const what = l.positiveWhen === 'no-event' ? 'no event' : 'at least one event';
  return `${target} = “yes”: ${what} in “${l.events}” in the ${l.horizonDays} days after ${l.cutoff} (made from the event log; features know only what happened by the cut-off)`;
}
