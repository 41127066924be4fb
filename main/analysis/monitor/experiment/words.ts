// The verdict in plain words: "“B” raised the rate of converted = yes by 2.1 points (0.8 to 3.4), p = 0.002." Pure.
import type { ExperimentComparison, ExperimentKind, ExperimentVerdict, SrmCheck, VerdictStatus } from '../../../../shared/monitor-experiment';

export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '< 0.001';
  // Three decimals below 0.1, so a p of 0.049 does not read as 0.05 next to a verdict at alpha 0.05.
  return p < 0.1 ? p.toFixed(3) : p.toFixed(2);
}

/** "p = 0.012" or "p < 0.001". */
export const pPhrase = (p: number): string => (p < 0.001 ? 'p < 0.001' : `p = ${formatP(p)}`);

/** A difference in the outcome's units: points for a rate (×100) or an NPS, the number itself for a mean. */
export function formatDifference(kind: ExperimentKind, x: number, signed = false): string {
  const v = kind === 'binary' ? 100 * x : x;
  const digits = kind === 'mean' ? (Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 2 : 3) : 1;
  const s = v.toFixed(digits);
  return signed && v > 0 ? `+${s}` : s;
}

const unitWord = (kind: ExperimentKind) => (kind === 'mean' ? '' : ' points');

export function comparisonSentence(kind: ExperimentKind, outcomeLabel: string, c: ExperimentComparison, family: number): string {
  const range = `(${formatDifference(kind, c.ci[0])} to ${formatDifference(kind, c.ci[1])})`;
  const p = family > 1 ? `${pPhrase(c.pValueAdjusted)} after Holm’s correction for ${family} comparisons` : pPhrase(c.pValue);
  if (!c.significant) {
    return `“${c.arm}” made no clear difference to the ${outcomeLabel} against “${c.control}”: ${formatDifference(kind, c.difference, true)}${unitWord(kind)} ${range}, ${p}.`;
  }
  const verb = c.difference > 0 ? 'raised' : 'lowered';
  return `“${c.arm}” ${verb} the ${outcomeLabel} by ${formatDifference(kind, Math.abs(c.difference))}${unitWord(kind)} ${range} against “${c.control}”, ${p}.`;
}

export function verdictOf(kind: ExperimentKind, outcomeLabel: string, comparisons: ExperimentComparison[], srm: SrmCheck): ExperimentVerdict {
  const sentences = comparisons.map((c) => comparisonSentence(kind, outcomeLabel, c, comparisons.length));
  if (srm.flagged && !srm.acknowledged) {
    const split = srm.arms.map((a) => `${a.arm} ${(100 * a.observedShare).toFixed(1)}%`).join(', ');
    const planned = srm.arms.map((a) => `${(100 * a.plannedShare).toFixed(1)}%`).join(' / ');
    const why = `The arms’ sizes do not match the planned split (${split} against ${planned}; sample-ratio mismatch, ${pPhrase(srm.pValue)}): assignment or logging went wrong somewhere, so the comparison may be biased.`;
    return {
      status: 'withheld',
      sentences: [`${why} The verdict is withheld until someone has looked and acknowledged the mismatch.`],
      headline: 'Verdict withheld: sample-ratio mismatch',
    };
  }
  let status: VerdictStatus;
  const sig = comparisons.filter((c) => c.significant);
  if (comparisons.length === 0) status = 'no-difference';
  else if (sig.length === 0) status = 'no-difference';
  else if (sig.length === comparisons.length && sig.every((c) => c.difference > 0)) status = 'better';
  else if (sig.length === comparisons.length && sig.every((c) => c.difference < 0)) status = 'worse';
  else status = 'mixed';
  if (srm.flagged) sentences.push(`The sample-ratio mismatch (${pPhrase(srm.pValue)}) was acknowledged: read the comparison with that in mind.`);
  // The headline names the largest significant change, whichever its direction.
  const lead = sig.length ? sig.reduce((a, b) => (Math.abs(b.difference) > Math.abs(a.difference) ? b : a)) : null;
  const headline = lead
    ? `“${lead.arm}” ${lead.difference > 0 ? 'raised' : 'lowered'} the ${outcomeLabel} by ${formatDifference(kind, Math.abs(lead.difference))}${unitWord(kind)}`
    : 'No clear difference';
  return { status, sentences, headline };
}
