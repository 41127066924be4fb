// Small dense linear algebra for key-driver analysis: p × p symmetric matrices (p = number of drivers, at most
// 100) stored row-major in Float64Array. The eigendecomposition comes from ml-matrix (Jacobi/QL for symmetric
// input); everything built on it — square roots, inverse square roots, inverses — is a function of the eigen
// pairs, so one decomposition per correlation matrix serves the weights, the OLS betas and the VIFs.
import { EigenvalueDecomposition, inverse, Matrix, solve } from 'ml-matrix';

export interface SymmetricEigen {
  p: number;
  /** Eigenvalues (any order). */
  values: Float64Array;
  /** Column k (vectors[j * p + k], j = 0..p−1) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

export function symmetricEigen(a: Float64Array, p: number): SymmetricEigen {
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(a.subarray(i * p, i * p + p)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = Float64Array.from(evd.realEigenvalues);
  const v = evd.eigenvectorMatrix;
  const vectors = new Float64Array(p * p);
  for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) vectors[j * p + k] = v.get(j, k);
  return { p, values, vectors };
}

/** V · diag(f(λ)) · Vᵀ — e.g. f = √ gives the symmetric square root, f = 1/λ the inverse. */
export function spectralFunction(e: SymmetricEigen, f: (lambda: number) => number): Float64Array {
  const { p, values, vectors } = e;
  const fl = values.map(f);
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += vectors[i * p + k] * fl[k] * vectors[j * p + k];
      out[i * p + j] = s;
      out[j * p + i] = s;
    }
  }
  return out;
}

/** a (p × p, row-major) times x. */
export function matVec(a: Float64Array, x: ArrayLike<number>, p: number): Float64Array {
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += a[i * p + k] * x[k];
    out[i] = s;
  }
  return out;
}

/** Solve A x = b for a small square system (LU with pivoting); null when A is singular. */
export function solveSmall(a: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(a.subarray(i * p, i * p + p)));
  try {
    const x = solve(new Matrix(rows), Matrix.columnVector(Array.from(b)));
    const out = new Float64Array(p);
    for (let i = 0; i < p; i++) out[i] = x.get(i, 0);
    return out.every(Number.isFinite) ? out : null;
  } catch {
    return null;
  }
}

/** Inverse of a small square matrix (LU); null when it is singular. */
export function invertSmall(a: Float64Array, p: number): Float64Array | null {
  const rows: number[][] = [];
  for (let i = 0; i < p; i++) rows.push(Array.from(a.subarray(i * p, i * p + p)));
  try {
    const inv = inverse(new Matrix(rows));
    const out = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i * p + j] = inv.get(i, j);
    return out.every(Number.isFinite) ? out : null;
  } catch {
    return null;
  }
}
