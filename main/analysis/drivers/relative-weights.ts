// Johnson's (2000) relative weights. With R_xx = V Λ Vᵀ (drivers' correlations), the drivers' best-fitting
// orthogonal counterparts Z = X R_xx^(−1/2) correlate with X by Λ* = R_xx^(1/2) = V Λ^(1/2) Vᵀ, and the target's
// standardised regression on Z has coefficients β* = R_xx^(−1/2) r_xy (Z is orthonormal, so they are also Z's
// correlations with y). Driver j's raw weight is ε_j = Σ_k λ*_jk² β*_k². Each column of Λ* has unit length
// (Λ*ᵀΛ* = R_xx, whose diagonal is 1), so Σ_j ε_j = Σ_k β*_k² = r_xyᵀ R_xx⁻¹ r_xy = the OLS R².
// The logistic variant (Tonidandel & LeBreton 2010) keeps Λ* and replaces β* by standardised logit coefficients
// on Z (logistic-weights.ts); epsilonWeights is the step both share.
import { spectralFunction, symmetricEigen, type SymmetricEigen } from './matrix';

/** A correlation matrix whose smallest eigenvalue is below this (relative to p) is treated as singular. */
export const SINGULAR_EIGENVALUE = 1e-10;

export interface DriverBasis {
  p: number;
  eigen: SymmetricEigen;
  /** Λ* = R_xx^(1/2), p × p row-major: correlations of the drivers with their orthogonal counterparts. */
  lambda: Float64Array;
  /** R_xx⁻¹ (its diagonal is the VIFs). */
  inverse: Float64Array;
  /** R_xx^(−1/2): the map from standardised drivers to Z. */
  inverseSqrt: Float64Array;
}

/** The eigen-derived matrices of R_xx, or null when R_xx is singular (a driver is a linear combination of others). */
export function driverBasis(rxx: Float64Array, p: number): DriverBasis | null {
  if (!rxx.every(Number.isFinite)) return null;
  const eigen = symmetricEigen(rxx, p);
  let min = Number.POSITIVE_INFINITY;
  for (const v of eigen.values) min = Math.min(min, v);
  if (!(min > SINGULAR_EIGENVALUE * p)) return null;
  return {
    p,
    eigen,
    lambda: spectralFunction(eigen, Math.sqrt),
    inverse: spectralFunction(eigen, (v) => 1 / v),
    inverseSqrt: spectralFunction(eigen, (v) => 1 / Math.sqrt(v)),
  };
}

/** ε_j = Σ_k λ*_jk² β*_k² for the coefficients β* of the target on Z. */
export function epsilonWeights(lambda: Float64Array, betaZ: ArrayLike<number>, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) {
      const l = lambda[j * p + k];
      s += l * l * betaZ[k] * betaZ[k];
    }
    out[j] = s;
  }
  return out;
}

export interface LinearWeights {
  weights: Float64Array;
  /** Σ weights (= the OLS R² up to rounding). */
  r2: number;
  /** Standardised OLS coefficients of the full model, R_xx⁻¹ r_xy. */
  beta: Float64Array;
  /** β* = R_xx^(−1/2) r_xy: the target's coefficients on the orthogonal counterparts. */
  betaZ: Float64Array;
}

export function linearWeights(basis: DriverBasis, rxy: Float64Array): LinearWeights {
  const { p } = basis;
  const betaZ = new Float64Array(p);
  const beta = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sz = 0;
    let sb = 0;
    for (let k = 0; k < p; k++) {
      sz += basis.inverseSqrt[i * p + k] * rxy[k];
      sb += basis.inverse[i * p + k] * rxy[k];
    }
    betaZ[i] = sz;
    beta[i] = sb;
  }
  const weights = epsilonWeights(basis.lambda, betaZ, p);
  let r2 = 0;
  for (const w of weights) r2 += w;
  return { weights, r2, beta, betaZ };
}
