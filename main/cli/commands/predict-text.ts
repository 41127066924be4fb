// The human-readable output of `cxw predict …`: the figures a person checks first, in sentences.
import type { CustomerExplanation, PredictResult, ScoreOutcome } from '../../../shared/predict';
import { PREDICT_MODEL_LABELS } from '../../../shared/predict';

const n = (x: number) => x.toLocaleString('en-US');
const f3 = (x: number) => x.toFixed(3);
const ci = (c: [number, number]) => `${f3(c[0])}–${f3(c[1])}`;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatTrain(r: PredictResult, name: string | null): string {
  const lines = [
    `${name ? `Model “${name}”: ` : ''}${PREDICT_MODEL_LABELS[r.kind]} of ${r.target} = “${r.positive}”`,
    ...(r.eventLabel
      ? [
          `Label from “${r.eventLabel.events}”: ${r.eventLabel.positiveWhen === 'no-event' ? 'no event' : 'an event'} in the ${r.eventLabel.horizonDays} days after ${r.eventLabel.cutoff} (to ${r.eventLabel.windowLastDay}); history up to the cut-off`,
        ]
      : []),
    `Rows: ${n(r.rows)} (${n(r.positives)} positive, ${pct(r.positives / r.rows)}); training ${n(r.trainRows)}, test ${n(r.test.rows)}${r.split.kind === 'value' ? ` (${r.split.column} = ${r.split.value})` : ''}`,
  ];
  if (r.cv) lines.push(`Cross-validated (${r.cv.folds} folds): AUC ${f3(r.cv.auc)} (95% CI ${ci(r.cv.aucCi)}), Brier ${f3(r.cv.brier)}, log loss ${f3(r.cv.logLoss)}`);
  lines.push(
    `Test: AUC ${f3(r.test.auc)} (95% CI ${ci(r.test.aucCi)}; no skill 0.500), PR AUC ${f3(r.test.prAuc)} (no skill ${f3(r.test.baseline.prAuc)}), Brier ${f3(r.test.brier)} (base rate alone ${f3(r.test.baseline.brier)}), ECE ${f3(r.test.ece)}`,
  );
  if (r.comparison) {
    lines.push(`Logistic vs trees on the test rows: AUC ${f3(r.comparison.logisticAuc)} vs ${f3(r.comparison.gbdtAuc)} (difference ${ci(r.comparison.differenceCi)}, p = ${r.comparison.pValue.toPrecision(2)})`);
  }
  const t = r.threshold;
  lines.push(`Threshold ${pct(t.value)} (${t.rule === 'cost' ? `a missed positive costs ${t.missedPositiveCost}× an unneeded action` : `capacity ${n(t.capacity!)}`}): flags ${n(t.test.flagged)} test rows, finds ${t.test.recall === null ? 'n/a' : pct(t.test.recall)} of positives, precision ${t.test.precision === null ? 'n/a' : pct(t.test.precision)}`);
  lines.push('', 'What the model relies on (drop in test AUC when shuffled, 95% CI; mean |contribution| in log-odds):');
  for (const f of r.features.slice(0, 15)) lines.push(`  ${f.name.padEnd(38)} ${f3(f.importance).padStart(7)}  (${ci(f.importanceCi)})  ${f3(f.meanAbsContribution)}`);
  if (r.proxies.length) {
    lines.push('', 'Possible proxies for protected attributes:');
    for (const p of r.proxies) lines.push(`  ${p.explanation}`);
  }
  if (r.review.length) lines.push('', `${n(r.review.length)} test customers need a person's review (the fold models disagree or fall on both sides of the threshold).`);
  if (r.warnings.length) lines.push('');
  for (const w of r.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

export function formatScore(o: ScoreOutcome): string {
  const lines = [`Scored ${n(o.rows)} rows into the dataset “${o.dataset.name}”${o.asOf ? ` (history up to ${o.asOf})` : ''}; ${n(o.needsReview)} need review.`];
  for (const u of o.unseen) lines.push(`Note: “${u.column}”: ${n(u.rows)} rows with a value the model never saw (scored as “(other)”): ${u.levels.slice(0, 5).join(', ')}`);
  return lines.join('\n');
}

export function formatExplanation(e: CustomerExplanation): string {
  const lines = [`${e.id}: ${e.sentence}${e.needsReview ? ' — needs review' : ''}`, `Base ${e.base.toFixed(3)} (log-odds); contributions add up to ${e.logOdds.toFixed(3)}:`];
  for (const c of e.contributions) lines.push(`  ${`${c.feature} = ${c.value}`.padEnd(40)} ${c.contribution >= 0 ? '+' : '−'}${Math.abs(c.contribution).toFixed(3)}`);
  return lines.join('\n');
}
