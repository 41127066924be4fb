// Choosing k: the sweep (k-means + the three indices per k) and the recommendation rule.
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics';
import { kmeans, kmeansWorkspace } from './kmeans';
import { cancelledError, type KMeansOptions, type KMeansResult, type KScore, type Matrix } from './types';

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
    const res = kmeans(m, { k, seed: opts.seed, restarts: opts.restarts, maxIterations: opts.maxIterations, tolerance: opts.tolerance, isCancelled: opts.isCancelled }, ws);
    if (opts.isCancelled && opts.isCancelled()) throw cancelledError();
    opts.onResult?.(k, res);
    // The same sample seed for every k, so differences between k are not sampling noise.
    const sil = silhouetteScore(m, res.labels, k, sampleSize === undefined ? {} : { sampleSize, seed: opts.seed });
    out.push({ k, inertia: res.inertia, silhouette: sil.mean, calinskiHarabasz: calinskiHarabasz(m, res.labels, k), daviesBouldin: daviesBouldin(m, res.labels, k) });
    opts.onProgress?.(k - lo + 1, total);
  }
  return out;
}

/** Elbow of the inertia curve: the k farthest below the chord from the first to the last point (Kneedle-style,
 * both axes scaled to [0, 1]). Reported as a sanity check only. */
export function elbowK(scores: KScore[]): number | null {
  if (scores.length < 3) return null;
  const s = [...scores].sort((a, b) => a.k - b.k);
  const k0 = s[0].k;
  const k1 = s[s.length - 1].k;
  const i0 = s[0].inertia;
  const i1 = s[s.length - 1].inertia;
  if (!(i0 > i1)) return null;
  let best: number | null = null;
  let bestGap = 0;
  for (const p of s) {
    const x = (p.k - k0) / (k1 - k0);
    const y = (p.inertia - i1) / (i0 - i1);
    const gap = 1 - x - y; // distance below the chord y = 1 - x (up to a constant factor)
    if (gap > bestGap) {
      bestGap = gap;
      best = p.k;
    }
  }
  return best;
}

/** Silhouette values within this of the best are treated as a tie (sampling noise at 5,000 rows is ~0.01). */
export const silhouetteTie = 0.02;

/**
 * Recommended k. Rule (stated in the reason):
 *   1. silhouette is primary: candidates are the k whose mean silhouette is within 0.02 of the best;
 *   2. among the candidates each index votes for its favourite — silhouette (highest), Calinski–Harabasz (highest),
 *      Davies–Bouldin (lowest) — and the k with the most votes wins; remaining ties go to the smaller k (simpler);
 *   3. the inertia elbow is reported as a sanity check (agrees / differs), not used to decide;
 *   4. a best silhouette below 0.25 is flagged as weak structure (Kaufman & Rousseeuw's reading).
 */
export function recommendK(scores: KScore[]): { k: number; reason: string } {
  const valid = scores.filter((s) => Number.isFinite(s.silhouette));
  if (valid.length === 0) {
    if (scores.length === 0) throw new Error('no k scores to recommend from');
    return { k: scores[0].k, reason: `No k had a defined silhouette; k = ${scores[0].k} is only the first value tried.` };
  }
  const bestSil = Math.max(...valid.map((s) => s.silhouette));
  const cands = valid.filter((s) => s.silhouette >= bestSil - silhouetteTie).sort((a, b) => a.k - b.k);
  const pick = (better: (a: KScore, b: KScore) => boolean): KScore => cands.reduce((best, s) => (better(s, best) ? s : best));
  const silK = pick((a, b) => a.silhouette > b.silhouette).k;
  const chK = pick((a, b) => a.calinskiHarabasz > b.calinskiHarabasz).k;
  const dbK = pick((a, b) => a.daviesBouldin < b.daviesBouldin).k;
  const votes = new Map<number, number>();
  for (const k of [silK, chK, dbK]) votes.set(k, (votes.get(k) ?? 0) + 1);
  let chosen = cands[0].k;
  let most = -1;
  for (const c of cands) {
    const v = votes.get(c.k) ?? 0;
    if (v > most) {
      most = v;
      chosen = c.k;
    }
  }
  const row = valid.find((s) => s.k === chosen)!;
  const f = (x: number): string => x.toFixed(2);
  const parts: string[] = [];
  if (cands.length === 1) parts.push(`k = ${chosen} has the highest mean silhouette (${f(row.silhouette)}), clearly ahead of the other values tried`);
  else parts.push(`k = ${chosen} is among the best mean silhouettes (${f(row.silhouette)}; best ${f(bestSil)}, near-ties within ${silhouetteTie}: k = ${cands.map((c) => c.k).join(', ')})`);
  const agree: string[] = [];
  const disagree: string[] = [];
  (chK === chosen ? agree : disagree).push(chK === chosen ? 'Calinski–Harabasz peaks there' : `Calinski–Harabasz prefers k = ${chK}`);
  (dbK === chosen ? agree : disagree).push(dbK === chosen ? 'Davies–Bouldin is lowest there' : `Davies–Bouldin prefers k = ${dbK}`);
  if (agree.length) parts.push(agree.join(' and '));
  if (disagree.length) parts.push(`${disagree.join(' and ')} among the near-ties`);
  const elbow = elbowK(scores);
  if (elbow !== null) parts.push(elbow === chosen ? 'the inertia curve bends (elbow) at the same k' : `the inertia elbow is at k = ${elbow}`);
  let reason = `${parts.join('; ')}.`;
  if (bestSil < 0.25) reason += ' The silhouette is low (< 0.25): the segments overlap, so treat them as a convenient partition rather than natural groups.';
  return { k: chosen, reason };
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
