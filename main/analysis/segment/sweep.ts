// Choosing k: the sweep (k-means, the three indices and a short bootstrap stability check per k). The rule that
// turns the scores into a recommended k is in recommend.ts.
import { separationIndices, silhouetteScore } from './metrics';
import { kmeans, kmeansWorkspace } from './kmeans';
import { bootstrapStability } from './stability';
import { cancelledError, type KMeansOptions, type KMeansResult, type KScore, type Matrix } from './types';
import { minOf } from '../../../shared/extent';

/** Exact silhouette up to this many rows; above it a seeded sample (O(n²) otherwise). */
export const silhouetteExactMax = 5000;

export function sweepK(
  m: Matrix,
  range: [number, number],
  opts: Omit<KMeansOptions, 'k' | 'init'> & {
    silhouetteSample?: number;
    onProgress?: (done: number, total: number) => void;
    isCancelled?: () => boolean;
    /** Each k's result, so a caller can keep what it needs (its buffers may be reused by the next k: copy). */
    onResult?: (k: number, res: KMeansResult) => void;
    /**
     * Per-k bootstrap stability (Hennig's Jaccard, stability.ts) with these settings, so the recommendation can
     * pass over a k whose segments dissolve under resampling. Drawn with the sweep's seed, so with the run's
     * maxRows its resamples are the first ones of the run's own stability check (same subsample, same draws).
     */
    stability?: { resamples: number; maxRows: number };
    /** Called before each k starts (for "k = 5 (4 of 9)" progress). */
    onStart?: (k: number, index: number, total: number) => void;
  },
): KScore[] {
  const lo = Math.max(2, Math.floor(range[0]));
  const hi = Math.min(m.rows - 1, Math.floor(range[1]));
  if (hi < lo) throw new Error(`k range [${range[0]}, ${range[1]}] is empty for ${m.rows} rows (k must be 2..rows-1)`);
  const total = hi - lo + 1;
  const ws = kmeansWorkspace(m.rows, hi); // sized for the largest k (most local trials); reused by every k
  const out: KScore[] = [];
  const sampleSize = m.rows > silhouetteExactMax ? (opts.silhouetteSample ?? silhouetteExactMax) : undefined;
  for (let k = lo; k <= hi; k++) {
    if (opts.isCancelled && opts.isCancelled()) throw cancelledError();
    opts.onStart?.(k, k - lo, total);
    const res = kmeans(m, { k, seed: opts.seed, restarts: opts.restarts, maxIterations: opts.maxIterations, tolerance: opts.tolerance, isCancelled: opts.isCancelled }, ws);
    if (opts.isCancelled && opts.isCancelled()) throw cancelledError();
    opts.onResult?.(k, res);
    // The same sample seed for every k, so differences between k are not sampling noise.
    const sil = silhouetteScore(m, res.labels, k, sampleSize === undefined ? {} : { sampleSize, seed: opts.seed });
    const score: KScore = { k, inertia: res.inertia, silhouette: sil.mean, ...separationIndices(m, res.labels, k) };
    if (opts.stability) {
      const st = bootstrapStability(m, res.labels, k, { seed: opts.seed, resamples: opts.stability.resamples, maxRows: opts.stability.maxRows, maxIterations: opts.maxIterations, tolerance: opts.tolerance, isCancelled: opts.isCancelled });
      score.stability = st;
      const finite = st.filter((x) => Number.isFinite(x));
      score.minStability = finite.length ? minOf(finite) : Number.NaN;
    }
    out.push(score);
    opts.onProgress?.(k - lo + 1, total);
  }
  return out;
}

/** Per-row confidence 1 − nearest/second: 0 when equidistant, 1 on the centroid (or when there is no second centroid). */
export function confidenceFromDistances(nearest: Float64Array, second: Float64Array): Float64Array {
  const n = nearest.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = nearest[i];
    const b = second[i];
    let c: number;
    if (!Number.isFinite(a) || Number.isNaN(b)) c = 0; // missing/garbage distances → no confidence, never NaN
    else if (b === Infinity) c = 1; // k = 1: nothing to confuse it with
    else if (b <= 0) c = 0; // duplicate centroids at the row: equidistant
    else c = 1 - a / b;
    out[i] = c < 0 ? 0 : c > 1 ? 1 : c;
  }
  return out;
}
