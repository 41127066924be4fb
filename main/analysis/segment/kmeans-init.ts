// Greedy k-means++ seeding, the algorithm scikit-learn's `_kmeans_plusplus` uses (Arthur & Vassilvitskii 2007
// with the greedy variant): the first centre is a uniformly random row; each further centre draws
// `2 + floor(ln k)` candidates with probability proportional to D(x)² (inverse CDF on the running sum,
// numpy's searchsorted side='left', clipped to n-1) and keeps the candidate that lowers the potential Σ D(x)²
// the most. Only the random stream differs from sklearn (mulberry32 instead of NumPy's MT19937), so the
// distribution of seeds is the same and results are comparable, not bit-identical.
import { mulberry32 } from '../random';
import { sqDist } from './distance';
import { blockCount, kmeansState, Op, P, potStride, releaseKMeansState, serialRunner, type BlockRunner, type KMeansState } from './kmeans-blocks';

/** Reusable buffers so repeated seeding (restarts, sweeps, bootstrap) does not allocate n-sized arrays each time. */
export interface InitWorkspace {
  closest: Float64Array;
  cumsum: Float64Array;
  /** Index (into the chosen centres) of a centre at distance √closest[i] from row i, for the triangle-inequality skip. */
  owner: Int32Array;
}

export function initWorkspace(n: number): InitWorkspace {
  return { closest: new Float64Array(n), cumsum: new Float64Array(n), owner: new Int32Array(n) };
}

/**
 * Safety factor on the triangle-inequality skip below. The skip is exact in real arithmetic; the factor keeps it
 * exact under rounding (the squared distances carry relative errors ~1e-15), so results stay bit-identical to the
 * unpruned loop.
 */
const SKIP_MARGIN = 1 + 1e-9;

export function localTrials(k: number): number {
  return 2 + Math.floor(Math.log(Math.max(1, k)));
}

/** First index i with cumsum[i] >= v (numpy searchsorted side='left'), clipped to n-1. */
function searchLeft(cumsum: Float64Array, n: number, v: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumsum[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, n - 1);
}

/** k centroids (k*cols) chosen from the rows of `data` by greedy k-means++. */
export function kmeansPlusPlus(data: Float64Array, n: number, d: number, k: number, seed: number, ws?: InitWorkspace): Float64Array {
  const w = ws && ws.closest.length >= n ? ws : initWorkspace(n);
  const state = kmeansState(data, n, d, k, localTrials(k), { resultSets: 0, buffers: { labels: w.owner, upper: w.closest, lower: w.cumsum } });
  try {
    return seedPlusPlus(state, serialRunner, seed);
  } finally {
    releaseKMeansState(state);
  }
}

/**
 * k-means++ over the state's blocks (see kmeans-blocks): the passes over the rows run on `runner`; the draws, the
 * running sum and the choice of the winner stay here, in one fixed order.
 */
export function seedPlusPlus(s: KMeansState, runner: BlockRunner, seed: number): Float64Array {
  const { data, n, d, k, trials, closest, cumsum, cand, quarter, params } = s;
  const nb = blockCount(n, s.blockRows);
  const rnd = mulberry32(seed);
  const centers = new Float64Array(k * d);

  const first = Math.min(n - 1, Math.floor(rnd() * n));
  centers.set(data.subarray(first * d, first * d + d), 0);
  s.centers.set(centers.subarray(0, d), 0);
  runner.run(s, Op.seedFirst);

  const candPot = new Float64Array(trials);
  // Squared distance / 4 from each candidate to each chosen centre. Row i, whose nearest centre c = owner[i] is at
  // √D², cannot get closer to candidate t when ‖t − c‖ ≥ 2√D² (triangle inequality: ‖x − t‖ ≥ ‖t − c‖ − √D² ≥ √D²),
  // i.e. when ‖t − c‖²/4 ≥ D²; its term is then D² exactly, so the distance is skipped without changing any sum.
  // On clustered data most rows are far from most candidates: this removes most of the seeding's arithmetic.
  for (let c = 1; c < k; c++) {
    // Running sum (sklearn's stable_cumsum is float64 too). Its last value is the potential Σ D², summed in row
    // order exactly as the single-pass code summed it while updating D².
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    const pot = acc;
    for (let t = 0; t < trials; t++) cand[t] = searchLeft(cumsum, n, rnd() * pot);
    for (let t = 0; t < trials; t++) for (let j = 0; j < c; j++) quarter[t * k + j] = sqDist(data, cand[t] * d, centers, j * d, d) / (4 * SKIP_MARGIN);
    // One pass over the data for all candidates' potentials (each row read once; nothing n-sized written), then
    // a second pass updating D² for the winner only — cheaper than storing trials × n distances.
    runner.run(s, Op.seedCandidates);
    candPot.fill(0);
    const stride = potStride(trials);
    for (let b = 0; b < nb; b++) for (let t = 0; t < trials; t++) candPot[t] += s.blockPot[b * stride + t];
    let best = 0;
    for (let t = 1; t < trials; t++) if (candPot[t] < candPot[best]) best = t; // argmin: first on ties, like numpy
    params[P.winnerTrial] = best;
    params[P.winnerRow] = cand[best];
    params[P.round] = c;
    runner.run(s, Op.seedWinner);
    const row = cand[best];
    centers.set(data.subarray(row * d, row * d + d), c * d);
  }
  return centers;
}
