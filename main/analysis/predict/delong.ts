// DeLong's variance of the ROC AUC (DeLong, DeLong & Clarke-Pearson 1988), computed with the fast algorithm of
// Sun & Xu (2014, IEEE Signal Processing Letters 21:1389): the placement values come from three midrank vectors
// instead of the O(m·n) pairwise comparisons, so the variance costs one sort per model.
//
//   positives X₁..X_m, negatives Y₁..Y_n, ψ(x, y) = 1 if x > y, ½ if x = y, 0 otherwise
//   V10ᵢ = (1/n) Σⱼ ψ(Xᵢ, Yⱼ) = (Tzᵢ − Txᵢ) / n          (Tz: midrank among all rows, Tx: among the positives)
//   V01ⱼ = (1/m) Σᵢ ψ(Xᵢ, Yⱼ) = 1 − (Tzⱼ − Tyⱼ) / m      (Ty: midrank among the negatives)
//   AUC = mean V10 = mean V01;  Var(AUC) = S10/m + S01/n, S = sample (co)variances (denominator m − 1, n − 1)
//
// Confidence interval: computed on the logit scale, logit(AUC) ± z·SE/(AUC(1 − AUC)), and mapped back. We chose
// the logit scale because the plain Wald interval AUC ± z·SE can cross 1 for the good models churn work produces
// and covers too rarely near the bounds (Qin & Hotilovac 2008, Stat Methods Med Res 17:207); the logit interval
// stays inside (0, 1) and is asymmetric, as the sampling distribution is. The plain interval (what pROC's
// ci.auc(method="delong") reports) is returned too, clipped to [0, 1], for comparison with other tools.
import { normalTwoSided, zForLevel } from '../nps/distributions';
import { midranks } from './ranking';
import type { Labels } from './types';
import { checkBothClasses, checkScores } from './validate';

export interface AucInterval {
  auc: number;
  variance: number;
  se: number;
  level: number;
  /** Logit-scale interval (the one to report). */
  ci: [number, number];
  /** Plain Wald interval AUC ± z·SE, clipped to [0, 1]. */
  ciPlain: [number, number];
  positives: number;
  negatives: number;
}

export interface PairedAucTest {
  auc1: number;
  auc2: number;
  /** auc1 − auc2. */
  difference: number;
  /** Var(auc1 − auc2) = Var1 + Var2 − 2·Cov12. */
  variance: number;
  se: number;
  /** Plain-scale interval of the difference. */
  ci: [number, number];
  z: number;
  /** Two-sided p-value of H0: equal AUCs. */
  p: number;
  /** Correlation of the two AUC estimates (high when both models rank the same customers alike). */
  correlation: number;
}

interface Placements {
  auc: number;
  v10: Float64Array;
  v01: Float64Array;
}

/** Sun & Xu's placement values of one score vector. */
function placements(y: Labels, score: Float64Array, m: number, n: number): Placements {
  const x = new Float64Array(m);
  const yNeg = new Float64Array(n);
  let i = 0;
  let j = 0;
  for (let r = 0; r < y.length; r++) {
    if (y[r] === 1) x[i++] = score[r];
    else yNeg[j++] = score[r];
  }
  const tx = midranks(x);
  const ty = midranks(yNeg);
  const tz = midranks(score);
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  i = 0;
  j = 0;
  let sum = 0;
  for (let r = 0; r < y.length; r++) {
    if (y[r] === 1) {
      v10[i] = (tz[r] - tx[i]) / n;
      sum += v10[i];
      i++;
    } else {
      v01[j] = 1 - (tz[r] - ty[j]) / m;
      j++;
    }
  }
  return { auc: sum / m, v10, v01 };
}

/** Sample covariance (denominator length − 1). */
function covariance(a: Float64Array, b: Float64Array): number {
  const k = a.length;
  if (k < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < k; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= k;
  mb /= k;
  let s = 0;
  for (let i = 0; i < k; i++) s += (a[i] - ma) * (b[i] - mb);
  return s / (k - 1);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new Error(`The confidence level must lie strictly between 0 and 1; got ${level}.`);
}

/** AUC with its DeLong variance and a confidence interval (95% by default). */
export function delongAuc(y: Labels, score: Float64Array, level = 0.95): AucInterval {
  checkLevel(level);
  const { positives: m, negatives: n } = checkBothClasses(y);
  checkScores(score, y.length);
  const { auc, v10, v01 } = placements(y, score, m, n);
  const variance = covariance(v10, v10) / m + covariance(v01, v01) / n;
  const se = Math.sqrt(variance);
  const z = zForLevel(level);
  let ci: [number, number];
  if (auc <= 0 || auc >= 1 || se === 0) {
    ci = [auc, auc]; // perfect (or perfectly inverted) ranking: no spread to speak of on either scale
  } else {
    const logit = Math.log(auc / (1 - auc));
    const half = (z * se) / (auc * (1 - auc));
    ci = [1 / (1 + Math.exp(-(logit - half))), 1 / (1 + Math.exp(-(logit + half)))];
  }
  const ciPlain: [number, number] = [Math.max(0, auc - z * se), Math.min(1, auc + z * se)];
  return { auc, variance, se, level, ci, ciPlain, positives: m, negatives: n };
}

/** DeLong's paired test of two scores on the same rows (e.g. logistic vs trees on one test set). */
export function delongPaired(y: Labels, score1: Float64Array, score2: Float64Array, level = 0.95): PairedAucTest {
  checkLevel(level);
  const { positives: m, negatives: n } = checkBothClasses(y);
  checkScores(score1, y.length, 'first model scores');
  checkScores(score2, y.length, 'second model scores');
  const a = placements(y, score1, m, n);
  const b = placements(y, score2, m, n);
  const var1 = covariance(a.v10, a.v10) / m + covariance(a.v01, a.v01) / n;
  const var2 = covariance(b.v10, b.v10) / m + covariance(b.v01, b.v01) / n;
  const cov12 = covariance(a.v10, b.v10) / m + covariance(a.v01, b.v01) / n;
  const difference = a.auc - b.auc;
  // Rounding can push the variance of identical rankings a hair below 0.
  const variance = Math.max(0, var1 + var2 - 2 * cov12);
  const se = Math.sqrt(variance);
  const zLevel = zForLevel(level);
  // Identical rankings: no difference and no spread; the test has nothing to reject.
  const z = se === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Number.POSITIVE_INFINITY) : difference / se;
  return {
    auc1: a.auc,
    auc2: b.auc,
    difference,
    variance,
    se,
    ci: [difference - zLevel * se, difference + zLevel * se],
    z,
    p: normalTwoSided(z),
    correlation: var1 > 0 && var2 > 0 ? cov12 / Math.sqrt(var1 * var2) : Number.NaN,
  };
}
