// k-means entry points: seeding (kmeans-init), Hamerly-accelerated Lloyd (kmeans-lloyd), restarts, and the
// final full assignment that yields labels, inertia and the nearest/second-nearest distances.
import { mulberry32 } from '../random';
import { meanFeatureVariance, sqDistBounded } from './distance';
import { kmeansPlusPlus, type InitWorkspace } from './kmeans-init';
import { lloydHamerly, lloydWorkspace, type LloydWorkspace } from './kmeans-lloyd';
import { cancelledError, type KMeansOptions, type KMeansResult, type Matrix } from './types';

function checkMatrix(m: Matrix): void {
  if (m.data.length < m.rows * m.cols) throw new Error(`matrix data has ${m.data.length} values, expected ${m.rows * m.cols}`);
}

function emptyResult(n: number, k: number, cols: number): KMeansResult {
  return {
    k,
    centroids: new Float64Array(k * cols),
    labels: new Int32Array(n),
    inertia: 0,
    iterations: 0,
    converged: true,
    nearest: new Float64Array(n),
    second: new Float64Array(n),
    secondLabel: new Int32Array(n),
  };
}

/** Full assignment of every row to its nearest centroid, filling `out` (labels, distances, inertia). */
function assignInto(m: Matrix, centroids: Float64Array, k: number, out: KMeansResult): void {
  const { data, rows: n, cols: d } = m;
  const { labels, nearest, second, secondLabel } = out;
  let inertia = 0;
  for (let i = 0, o = 0; i < n; i++, o += d) {
    let b = 0;
    let b2 = -1;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      const s = sqDistBounded(data, o, centroids, j * d, d, d2); // exact whenever it can be one of the two nearest
      if (s < d1) {
        d2 = d1;
        b2 = b;
        d1 = s;
        b = j;
      } else if (s < d2) {
        d2 = s;
        b2 = j;
      }
    }
    if (k === 1) b2 = -1;
    labels[i] = b;
    secondLabel[i] = b2;
    nearest[i] = Math.sqrt(d1);
    second[i] = Math.sqrt(d2);
    inertia += d1;
  }
  out.centroids = centroids;
  out.inertia = inertia;
}

/** Assign rows to fixed centroids (scoring new data): same fields as KMeansResult, inertia of the assignment. */
export function assignToCentroids(m: Matrix, centroids: Float64Array, k: number): KMeansResult {
  checkMatrix(m);
  if (centroids.length !== k * m.cols) throw new Error(`centroids have ${centroids.length} values, expected k × cols = ${k * m.cols}`);
  const out = emptyResult(m.rows, k, m.cols);
  assignInto(m, Float64Array.from(centroids), k, out);
  return out;
}

/** Buffers shared by every restart of one call (and reusable across calls on the same data size). */
export interface KMeansWorkspace {
  init: InitWorkspace;
  lloyd: LloydWorkspace;
}

export function kmeansWorkspace(n: number, _k?: number): KMeansWorkspace {
  // Seeding finishes before Lloyd starts (and Lloyd resets its labels), so the two share their n-sized buffers:
  // fresh memory is slow to touch (~3 ms per MB on the benchmark machine), and this saves 20 MB at 1M rows.
  const lloyd = lloydWorkspace(n);
  return { init: { closest: lloyd.upper, cumsum: lloyd.lower, owner: lloyd.labels }, lloyd };
}

/**
 * k-means with greedy k-means++ seeding and `restarts` independent runs keeping the lowest inertia (the first on
 * ties). Restart r is seeded with the r-th 32-bit draw of mulberry32(seed), so a seed fixes everything.
 * With `init` given, that single start is used (restarts ignored, as sklearn does with an explicit init).
 * `tolerance` is relative like sklearn's `tol`: the absolute threshold on Σ‖Δcentre‖² is tol × mean feature variance.
 */
export function kmeans(m: Matrix, opts: KMeansOptions, ws?: KMeansWorkspace): KMeansResult {
  checkMatrix(m);
  const { rows: n, cols: d, data } = m;
  const k = Math.floor(opts.k);
  if (!(k >= 1)) throw new Error(`k must be at least 1 (got ${opts.k})`);
  if (k > n) throw new Error(`k = ${k} is larger than the number of rows (${n})`);
  if (opts.init && opts.init.length !== k * d) throw new Error(`init has ${opts.init.length} values, expected k × cols = ${k * d}`);
  const restarts = opts.init ? 1 : Math.max(1, Math.floor(opts.restarts));
  const maxIterations = Math.max(1, Math.floor(opts.maxIterations));
  const tolAbs = opts.tolerance > 0 ? opts.tolerance * meanFeatureVariance(data, n, d) : 0;
  const work = ws && ws.lloyd.labels.length === n ? ws : kmeansWorkspace(n, k);

  const rnd = mulberry32(opts.seed);
  // Result buffers are made only when needed: one restart needs one set (24 MB at 1M rows).
  let best: KMeansResult | null = null;
  let spare: KMeansResult | null = null;
  for (let r = 0; r < restarts; r++) {
    if (opts.isCancelled && opts.isCancelled()) throw cancelledError();
    const seed = Math.floor(rnd() * 4294967296) >>> 0;
    const init = opts.init ? opts.init : kmeansPlusPlus(data, n, d, k, seed, work.init);
    const run = lloydHamerly(data, n, d, k, init, maxIterations, tolAbs, work.lloyd, opts.isCancelled);
    // Final full pass: exact labels for the final centres (sklearn re-runs the E-step too unless strictly
    // converged, where it would give the same labels) plus the distances confidence needs.
    const cur: KMeansResult = spare ?? emptyResult(n, k, d);
    assignInto(m, run.centroids, k, cur);
    cur.iterations = run.iterations;
    cur.converged = run.converged;
    if (best === null || cur.inertia < best.inertia) {
      spare = best;
      best = cur;
    } else spare = cur;
  }
  if (best === null) throw new Error('k-means ran no restart');
  return best;
}
