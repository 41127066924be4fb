// A symmetric positive-definite solve (Cholesky) for the Newton steps of the logistic model and Platt scaling. The
// systems are small (one row per feature plus the intercept) and, thanks to the ridge penalty, positive definite;
// a hand-written Cholesky keeps the arithmetic in one fixed order, so fits are bit-identical on every machine.

/**
 * Solves A x = b for a symmetric positive-definite A (m × m, row-major; only the lower triangle is read).
 * Returns null when A is not numerically positive definite, so the caller can decide what that means.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array | null {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= l[i * m + k] * l[j * m + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * m + i] = Math.sqrt(s);
      } else {
        l[i * m + j] = s / l[j * m + j];
      }
    }
  }
  // Forward (L z = b), then backward (Lᵀ x = z).
  const x = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * m + k] * x[k];
    x[i] = s / l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < m; k++) s -= l[k * m + i] * x[k];
    x[i] = s / l[i * m + i];
  }
  return x;
}

/** log(1 + e^t) without overflow for large t or loss of precision for very negative t. */
export function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** The logistic function 1 / (1 + e^−t), written so neither branch overflows. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}
