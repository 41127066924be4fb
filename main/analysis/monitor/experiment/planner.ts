// The planning calculator's one entry: checks the question, solves it (./plan.ts) and says the answer in words.
import { AppError } from '../../../../shared/errors';
import type { PlanResult, PlanSpec } from '../../../../shared/monitor-experiment';
import { cohensH, effectFor, rateAtH, sampleSizeFor } from './plan';

const bad = (message: string): never => {
  throw new AppError('BAD_ARGUMENTS', message);
};
const trim = (x: number) => (100 * x).toFixed(2).replace(/\.?0+$/, '');
const pts = (x: number) => `${trim(x)} points`;
const rate = (x: number) => `${trim(x)}%`;
const fmtN = (x: number) => x.toLocaleString('en-US');

export function planExperiment(spec: PlanSpec): PlanResult {
  const alpha = spec.alpha ?? 0.05;
  const power = spec.power ?? 0.8;
  if (!(alpha > 0 && alpha < 0.5)) bad(`alpha must be between 0 and 0.5 (two-sided), not ${alpha}.`);
  if (!(power > alpha && power < 1)) bad(`power must be between alpha and 1 (e.g. 0.8), not ${power}.`);
  if ((spec.mde === undefined) === (spec.n === undefined)) bad('Give the minimum detectable effect (--mde) to get the sample size, or the customers per arm (--n) to get the effect — one of the two.');
  const solveN = spec.mde !== undefined;
  const head = `Two equal arms, two-sided test at alpha ${alpha}, power ${power}`;

  if (spec.kind === 'binary') {
    const p1 = spec.baseline ?? bad('A rate needs the control’s expected rate (--baseline 0.1 for 10%).');
    if (!(p1 > 0 && p1 < 1)) bad(`The baseline rate must be between 0 and 1 (0.1 for 10%), not ${p1}.`);
    if (solveN) {
      const mde = spec.mde!;
      const p2 = p1 + mde;
      if (mde === 0 || !(p2 > 0 && p2 < 1)) bad(`The effect must move the rate ${rate(p1)} to somewhere strictly between 0 and 1 (and not by 0): ${mde} does not.`);
      const h = cohensH(p1, p2);
      const nExact = sampleSizeFor(h, alpha, power);
      const nPerArm = Math.ceil(nExact - 1e-9);
      return {
        kind: 'binary', alpha, power, nPerArm, nExact, mde, mdeRelative: mde / p1, effectSize: h, baseline: p1, sd: null,
        method: `${head}; Cohen's h (arcsine) effect, normal approximation as statsmodels NormalIndPower.`,
        sentence: `To detect a change of the rate from ${rate(p1)} to ${rate(p2)} (${mde > 0 ? '+' : ''}${pts(mde)}), plan ${fmtN(nPerArm)} customers per arm (${fmtN(2 * nPerArm)} in all).`,
      };
    }
    const n = spec.n!;
    if (!(Number.isInteger(n) && n >= 2)) bad(`The customers per arm must be a whole number of at least 2, not ${n}.`);
    const h = effectFor(n, alpha, power);
    const p2 = rateAtH(p1, h);
    if (p2 === null) bad(`With ${fmtN(n)} customers per arm no rise from ${rate(p1)} is detectable at this power: the rate would have to pass 100%.`);
    const mde = p2! - p1;
    return {
      kind: 'binary', alpha, power, nPerArm: n, nExact: n, mde, mdeRelative: mde / p1, effectSize: h, baseline: p1, sd: null,
      method: `${head}; Cohen's h (arcsine) effect, normal approximation as statsmodels NormalIndPower.`,
      sentence: `With ${fmtN(n)} customers per arm, a rise of the rate from ${rate(p1)} to ${rate(p2!)} (+${pts(mde)}, ${(100 * (mde / p1)).toFixed(1)}% relative) is detected with power ${power}.`,
    };
  }

  const sd = spec.sd ?? bad('A mean needs the outcome’s standard deviation (--sd), e.g. from last quarter’s data.');
  if (!(sd > 0)) bad(`The standard deviation must be positive, not ${sd}.`);
  if (solveN) {
    const mde = spec.mde!;
    if (mde === 0 || !Number.isFinite(mde)) bad('The minimum detectable effect must be a non-zero number.');
    const d = Math.abs(mde) / sd;
    const nExact = sampleSizeFor(d, alpha, power);
    const nPerArm = Math.ceil(nExact - 1e-9);
    return {
      kind: 'mean', alpha, power, nPerArm, nExact, mde, mdeRelative: null, effectSize: d, baseline: null, sd,
      method: `${head}; Cohen's d = effect / sd, normal approximation as statsmodels NormalIndPower.`,
      sentence: `To detect a change of the mean by ${Math.abs(mde)} (sd ${sd}; d = ${d.toFixed(3)}), plan ${fmtN(nPerArm)} customers per arm (${fmtN(2 * nPerArm)} in all).`,
    };
  }
  const n = spec.n!;
  if (!(Number.isInteger(n) && n >= 2)) bad(`The customers per arm must be a whole number of at least 2, not ${n}.`);
  const d = effectFor(n, alpha, power);
  return {
    kind: 'mean', alpha, power, nPerArm: n, nExact: n, mde: d * sd, mdeRelative: null, effectSize: d, baseline: null, sd,
    method: `${head}; Cohen's d = effect / sd, normal approximation as statsmodels NormalIndPower.`,
    sentence: `With ${fmtN(n)} customers per arm, a change of the mean by ${(d * sd).toPrecision(3)} (d = ${d.toFixed(3)}) is detected with power ${power}.`,
  };
}
