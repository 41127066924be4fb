// Sample-ratio mismatch: are the arms' sizes what the planned split would give? Pearson's chi-square goodness of
// fit, χ² = Σ (observed − expected)² / expected with expected = total × planned share, df = arms − 1, p = Q(df/2, χ²/2)
// (scipy.stats.chisquare). A p below 0.001 (the usual SRM alarm: Fabijan et al. 2019, "Diagnosing Sample Ratio
// Mismatch in Online Controlled Experiments", KDD) means the assignment or the logging is broken somewhere, so the
// comparison of the arms cannot be trusted until someone has looked. Pure, no I/O.
import { chiSquareSurvival } from '../../nps/distributions';

export interface GoodnessOfFit {
  statistic: number;
  df: number;
  pValue: number;
  expected: number[];
}

/** observed counts against shares (any positive weights; normalised here). */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): GoodnessOfFit {
  if (observed.length !== shares.length || observed.length < 2) throw new Error('chiSquareGoodnessOfFit: needs two or more arms and one share per arm');
  const total = observed.reduce((s, v) => s + v, 0);
  const weight = shares.reduce((s, v) => s + v, 0);
  const expected = shares.map((s) => (total * s) / weight);
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) statistic += (observed[i] - expected[i]) ** 2 / expected[i];
  const df = observed.length - 1;
  return { statistic, df, pValue: total > 0 ? chiSquareSurvival(statistic, df) : 1, expected };
}
