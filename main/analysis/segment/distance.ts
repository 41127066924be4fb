// The one distance kernel every hot loop uses: squared Euclidean distance between row `a` of `x` and row `b`
// of `c`, summed feature by feature (the direct form, not |x|²-2x·c+|c|², so there is no cancellation and the
// inertia matches scikit-learn's `_inertia_dense`, which also sums squared differences).
export function sqDist(x: Float64Array, a: number, c: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = x[a + f] - c[b + f];
    s += t * t;
  }
  return s;
}

/**
 * Squared distance, abandoned as soon as the partial sum reaches `bound` (then some value >= bound is returned).
 * Exact whenever the true distance is below the bound, which is all the nearest/second-nearest searches need;
 * most rows are far from most centres, so this skips much of the arithmetic.
 */
export function sqDistBounded(x: Float64Array, a: number, c: Float64Array, b: number, d: number, bound: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = x[a + f] - c[b + f];
    s += t * t;
    if (s >= bound) return s;
  }
  return s;
}

/** Mean of the per-feature population variances (numpy's var, ddof = 0); sklearn scales `tol` by it. */
export function meanFeatureVariance(data: Float64Array, rows: number, cols: number): number {
  if (rows === 0 || cols === 0) return 0;
  const mean = new Float64Array(cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols) for (let f = 0; f < cols; f++) mean[f] += data[o + f];
  for (let f = 0; f < cols; f++) mean[f] /= rows;
  // Two passes (mean, then squared deviations) so a large offset does not eat the precision.
  const ss = new Float64Array(cols);
  for (let i = 0, o = 0; i < rows; i++, o += cols) {
    for (let f = 0; f < cols; f++) {
      const t = data[o + f] - mean[f];
      ss[f] += t * t;
    }
  }
  let total = 0;
  for (let f = 0; f < cols; f++) total += ss[f] / rows;
  return total / cols;
}
