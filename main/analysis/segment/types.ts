// Shared shapes of the segmentation algorithms. Everything is a typed array so 1M-row inputs never become
// arrays of objects (ml-kmeans' number[][] costs ~1 GB at 1M × 10; a Float64Array is 80 MB).

/** Row-major dense matrix. */
export interface Matrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

export interface KMeansOptions {
  k: number;
  seed: number;
  restarts: number;
  maxIterations: number;
  tolerance: number;
  /** optional initial centroids (k*cols) — used for scoring/bootstrap warm starts */
  init?: Float64Array;
  /** Polled between restarts and every few Lloyd iterations; throw Error('cancelled') when it returns true. */
  isCancelled?: () => boolean;
}

export interface KMeansResult {
  k: number;
  /** k*cols, row-major */
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  /** per-row distance (not squared) to own centroid */
  nearest: Float64Array;
  /** per-row distance (not squared) to the second-nearest centroid (Infinity when k = 1) */
  second: Float64Array;
  secondLabel: Int32Array;
}

/** One k of a sweep: the contract's type, so the services pass it through unchanged. */
export type { KScore } from '../../../shared/segments';

export function cancelledError(): Error {
  return new Error('cancelled');
}
