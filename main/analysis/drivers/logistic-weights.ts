// Relative weights for a binary target (Tonidandel & LeBreton 2010, the procedure of their RWA-Web and of the
// rwa R package): regress y on the orthogonal counterparts Z of the standardised drivers by logistic regression,
// standardise each logit coefficient as b × s_Z × R / s_logit (Menard's fully standardised coefficient, with R
// the correlation between the fitted probabilities and y, and s_logit the sd of the fitted logits), and
// distribute them with Λ*² exactly as in the linear case. Because Z is orthonormal, the squared standardised
// coefficients sum to R², so the weights sum to that pseudo-R².
import type { LogisticFit, LogisticSummary } from './logistic';
import { epsilonWeights, type DriverBasis } from './relative-weights';

export interface LogisticWeights {
  weights: Float64Array;
  /** Σ weights (= the pseudo-R², rsq, up to rounding). */
  r2: number;
  /** Fully standardised logit coefficients of the drivers themselves: b_x × s_x × R / s_logit. */
  beta: Float64Array;
  betaZ: Float64Array;
}

/**
 * @param fit coefficients per unit of the packed drivers (standardised with the full sample's sd)
 * @param packedSds each driver's sd in packed units in the data the fit used (1 for the full sample; a bootstrap
 *   resample's own sd otherwise), turning them into coefficients per resample sd
 */
export function logisticWeights(basis: DriverBasis, fit: LogisticFit, summary: LogisticSummary, packedSds: ArrayLike<number>): LogisticWeights {
  const { p, lambda } = basis;
  const scale = summary.sdEta > 0 ? Math.sqrt(summary.rsq) / summary.sdEta : 0;
  const perSd = new Float64Array(p);
  for (let j = 0; j < p; j++) perSd[j] = fit.coef[j + 1] * packedSds[j];
  // Coefficients on Z: η = a + X_s c = a + Z R^(1/2) c, and Z has unit sd, so s_Z = 1.
  const betaZ = new Float64Array(p);
  const beta = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += lambda[k * p + j] * perSd[j];
    betaZ[k] = s * scale;
    beta[k] = perSd[k] * scale;
  }
  const weights = epsilonWeights(lambda, betaZ, p);
  let r2 = 0;
  for (const w of weights) r2 += w;
  return { weights, r2, beta, betaZ };
}
