// Two-component PCA for the segment scatter. cols is small (features chosen by an analyst), so we form the
// cols × cols covariance in one pass and diagonalise it with cyclic Jacobi rotations — exact to rounding, no
// iteration-count tuning as power iteration would need for close eigenvalues. The ratios equal sklearn's
// explained_variance_ratio_ (eigenvalue / total variance; the n vs n-1 divisor cancels).
// Sign convention: each component's largest-|loading| entry is made positive, so the picture does not flip
// between runs or machines (sklearn flips by the scores instead; compare up to sign).
import type { Matrix } from './types';
import { withKernelScratch } from './kmeans-wasm';

/** Eigen-decomposition of a symmetric matrix (row-major, n×n) by cyclic Jacobi. Returns values and column eigenvectors. */
export function jacobiEigen(sym: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(sym);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          // A ← Jᵀ A J applied as column then row rotations.
          const arp = a[r * n + p];
          const arq = a[r * n + q];
          a[r * n + p] = c * arp - s * arq;
          a[r * n + q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = a[p * n + r];
          const aqr = a[q * n + r];
          a[p * n + r] = c * apr - s * aqr;
          a[q * n + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = c * vrp - s * vrq;
          v[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return { values, vectors: v };
}

/**
 * Column means and the d × d cross-product matrix of the deviations (symmetric), each summed over the rows in row
 * order: in the WebAssembly kernel when it can take the matrix (kmeans-kernel.wat's `covariance`, the same sums
 * bit for bit, ~6× faster at 1M × 10), else here.
 */
function meanAndCrossProducts(m: Matrix): { mean: Float64Array; cov: Float64Array } {
  const { data, rows: n, cols: d } = m;
  const inKernel = withKernelScratch(data, n * d, 8 * (2 * (d + 1) + d * d + 1), (kernel, dataOffset, out, buffer) => {
    kernel.covariance(dataOffset, n, d, out);
    return { mean: new Float64Array(buffer, out, d).slice(), cov: new Float64Array(buffer, out + 16 * (d + 1), d * d).slice() };
  });
  if (inKernel) {
    const { cov } = inKernel;
    for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[q * d + p] = cov[p * d + q];
    return inKernel;
  }
  const mean = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) for (let f = 0; f < d; f++) mean[f] += data[o + f];
  for (let f = 0; f < d; f++) mean[f] /= Math.max(1, n);
  const cov = new Float64Array(d * d);
  const dev = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    for (let f = 0; f < d; f++) dev[f] = data[o + f] - mean[f];
    for (let p = 0; p < d; p++) {
      const dp = dev[p];
      for (let q = p; q < d; q++) cov[p * d + q] += dp * dev[q];
    }
  }
  for (let p = 0; p < d; p++) for (let q = p; q < d; q++) cov[q * d + p] = cov[p * d + q];
  return { mean, cov };
}

export function pca2(m: Matrix, rows?: Int32Array): { x: Float64Array; y: Float64Array; explained: [number, number] } {
  const { data, rows: n, cols: d } = m;
  const { mean, cov } = meanAndCrossProducts(m);
  const { values, vectors } = jacobiEigen(cov, d);
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => values[j] - values[i] || i - j);
  let trace = 0;
  for (let i = 0; i < d; i++) trace += Math.max(0, values[i]);
  const comps: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    const w = new Float64Array(d);
    if (c < d) {
      const col = order[c];
      let big = 0;
      for (let f = 0; f < d; f++) if (Math.abs(vectors[f * d + col]) > Math.abs(vectors[big * d + col])) big = f;
      const sign = vectors[big * d + col] < 0 ? -1 : 1;
      for (let f = 0; f < d; f++) w[f] = sign * vectors[f * d + col];
    }
    comps.push(w);
  }
  const ratio = (c: number): number => (c < d && trace > 0 ? Math.max(0, values[order[c]]) / trace : 0);
  const count = rows ? rows.length : n;
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let r = 0; r < count; r++) {
    const o = (rows ? rows[r] : r) * d;
    let sx = 0;
    let sy = 0;
    for (let f = 0; f < d; f++) {
      const t = data[o + f] - mean[f];
      sx += t * comps[0][f];
      sy += t * comps[1][f];
    }
    x[r] = sx;
    y[r] = sy;
  }
  return { x, y, explained: [ratio(0), ratio(1)] };
}
