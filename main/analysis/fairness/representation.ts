// Representation check: are the groups in the data in the shares the analyst expects (a census, the customer
// base)? Pure functions, no I/O.
//
// - Compared over the groups the analyst named: their observed counts (0 for a named group absent from the
//   data) against the expected shares, renormalised to sum to 1 (so shares typed as percentages or rounded
//   still work). Rows in groups not named (e.g. "(missing)") are left out of the test and said so.
// - Pearson's chi-square goodness of fit, df = groups − 1, p = P(χ²_df > χ²) via the regularized upper
//   incomplete gamma Q(df/2, χ²/2) (main/analysis/nps/distributions.ts).
import type { AuditGroup, RepresentationCheck } from '../../../shared/audit';
import { AppError } from '../../../shared/errors';
import { chiSquareSurvival } from '../nps/distributions';
import { count, percent, pWords } from './words';

export function representationCheck(attribute: string, groups: readonly AuditGroup[], expected: Record<string, number>, alpha: number): RepresentationCheck {
  const names = Object.keys(expected);
  for (const name of names) {
    const share = expected[name];
    if (!(Number.isFinite(share) && share > 0)) {
      throw new AppError('BAD_ARGUMENTS', `The expected share of "${name}" in ${attribute} must be a positive number (got ${String(share)}).`, { attribute, group: name });
    }
  }
  if (names.length < 2) {
    throw new AppError('BAD_ARGUMENTS', `Give expected shares for at least two groups of ${attribute} to check representation.`, { attribute });
  }
  const shareTotal = names.reduce((t, k) => t + expected[k], 0);
  const sizeOf = new Map(groups.map((g) => [g.group, g.n]));
  const observedTotal = names.reduce((t, k) => t + (sizeOf.get(k) ?? 0), 0);
  const allRows = groups.reduce((t, g) => t + g.n, 0);
  const rows = names.map((group) => {
    const observed = sizeOf.get(group) ?? 0;
    const observedShare = observedTotal > 0 ? observed / observedTotal : 0;
    const expectedShare = expected[group] / shareTotal;
    return { group, observed, observedShare, expectedShare, difference: observedShare - expectedShare };
  });
  let chiSquare = 0;
  if (observedTotal > 0) for (const r of rows) {
    const e = r.expectedShare * observedTotal;
    chiSquare += ((r.observed - e) * (r.observed - e)) / e;
  }
  const df = rows.length - 1;
  const pValue = observedTotal > 0 ? chiSquareSurvival(chiSquare, df) : 1;
  let worst = rows[0];
  for (const r of rows) if (Math.abs(r.difference) > Math.abs(worst.difference)) worst = r;
  const leftOut = allRows - observedTotal;
  const test = `χ² = ${chiSquare.toFixed(1)}, df = ${df}, ${pWords(pValue)}`;
  const verdict =
    pValue < alpha
      ? `the shares in the data differ from the reference population (${test})`
      : `the shares in the data are consistent with the reference population (${test})`;
  const sentence =
    `${attribute}: "${worst.group}" is ${percent(worst.observedShare)} of the data vs ${percent(worst.expectedShare)} expected; ${verdict}.` +
    (leftOut > 0 ? ` ${count(leftOut)} rows in groups without an expected share were left out.` : '');
  return { attribute, groups: rows, chiSquare, df, pValue, sentence };
}
