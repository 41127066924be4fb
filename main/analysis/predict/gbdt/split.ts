// Best split of a node from its histogram, with scikit-learn's rules (HistGradientBoosting, splitting.pyx):
//   node value  v = −G / (H + λ + 1e-15)                 (Newton step with L2 penalty λ; 1e-15 avoids 0/0)
//   gain        = G·v_node − G_L·v_L − G_R·v_R            (= G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) up to the 1e-15)
// A candidate is kept only when both children have >= minSamplesLeaf rows and >= minHessianToSplit hessian, and its
// gain is > 0 and strictly greater than the best so far (so ties keep the first feature, the lowest bin, and the
// "missing go right" scan), which makes the choice deterministic.
// Missing values: bins are scanned left to right with the missing bin on the right (this includes the split
// "all present values left, missing right"); when the feature had missing values in the training rows they are
// scanned again right to left with the missing bin on the left, and the better of the two wins (XGBoost's sparsity-
// aware split finding, Algorithm 3 of Chen & Guestrin 2016).

import { FEATURE_STRIDE, SLOTS } from './histogram';
import { MISSING_BIN } from './binning';

export interface SplitInfo {
  gain: number;
  feature: number;
  /** Rows with bin <= bin go left (plus the missing bin when missingLeft). */
  bin: number;
  missingLeft: boolean;
  sumGradientLeft: number;
  sumHessianLeft: number;
  countLeft: number;
  sumGradientRight: number;
  sumHessianRight: number;
  countRight: number;
}

export interface SplitRules {
  minSamplesLeaf: number;
  minHessianToSplit: number;
  l2Regularization: number;
}

export function nodeValue(sumGradient: number, sumHessian: number, l2: number): number {
  return -sumGradient / (sumHessian + l2 + 1e-15);
}

/** Best split over all features, or null when no split satisfies the rules with a positive gain. */
export function findBestSplit(
  hist: Float64Array,
  nFeatures: number,
  nBinsNonMissing: Int32Array,
  hasMissing: Uint8Array,
  count: number,
  sumGradient: number,
  sumHessian: number,
  rules: SplitRules,
): SplitInfo | null {
  const { minSamplesLeaf, minHessianToSplit, l2Regularization: l2 } = rules;
  const lossNode = sumGradient * nodeValue(sumGradient, sumHessian, l2);
  let best: SplitInfo | null = null;
  let bestGain = -1;
  for (let f = 0; f < nFeatures; f++) {
    const base = f * FEATURE_STRIDE;
    const missing = hasMissing[f] === 1;
    const nb = nBinsNonMissing[f];
    // Left to right, missing values on the right. Without missing values the last present bin never goes left
    // (the right child would be empty); with them, "every present bin left" is the split on missingness.
    const end = nb - 1 + (missing ? 1 : 0);
    let gL = 0;
    let hL = 0;
    let nL = 0;
    for (let b = 0; b < end; b++) {
      const k = base + b * SLOTS;
      gL += hist[k];
      hL += hist[k + 1];
      nL += hist[k + 2];
      const nR = count - nL;
      const hR = sumHessian - hL;
      const gR = sumGradient - gL;
      if (nL < minSamplesLeaf) continue;
      if (nR < minSamplesLeaf) break;
      if (hL < minHessianToSplit) continue;
      if (hR < minHessianToSplit) break;
      const gain = lossNode - gL * nodeValue(gL, hL, l2) - gR * nodeValue(gR, hR, l2);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        best = { gain, feature: f, bin: b, missingLeft: false, sumGradientLeft: gL, sumHessianLeft: hL, countLeft: nL, sumGradientRight: gR, sumHessianRight: hR, countRight: nR };
      }
    }
    if (!missing) continue;
    // Right to left: bins b+1..nb-1 go right, bins 0..b and the missing bin go left.
    let gR = 0;
    let hR = 0;
    let nR = 0;
    for (let b = nb - 2; b >= 0; b--) {
      const k = base + (b + 1) * SLOTS;
      gR += hist[k];
      hR += hist[k + 1];
      nR += hist[k + 2];
      const nL2 = count - nR;
      const hL2 = sumHessian - hR;
      const gL2 = sumGradient - gR;
      if (nR < minSamplesLeaf) continue;
      if (nL2 < minSamplesLeaf) break;
      if (hR < minHessianToSplit) continue;
      if (hL2 < minHessianToSplit) break;
      const gain = lossNode - gL2 * nodeValue(gL2, hL2, l2) - gR * nodeValue(gR, hR, l2);
      if (gain > bestGain && gain > 0) {
        bestGain = gain;
        best = { gain, feature: f, bin: b, missingLeft: true, sumGradientLeft: gL2, sumHessianLeft: hL2, countLeft: nL2, sumGradientRight: gR, sumHessianRight: hR, countRight: nR };
      }
    }
  }
  return best;
}

/** Whether a row in `bin` goes left under `split` (training-time test on bins). */
export function goesLeft(bin: number, splitBin: number, missingLeft: boolean): boolean {
  return bin === MISSING_BIN ? missingLeft : bin <= splitBin;
}
