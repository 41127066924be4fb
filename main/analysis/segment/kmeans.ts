// k-means entry points: seeding (kmeans-init), Hamerly-accelerated Lloyd (kmeans-lloyd), restarts, and the
// final full assignment that yields labels, inertia and the nearest/second-nearest distances.
import { mulberry32 } from '../random';
import { meanFeatureVariance } from './distance';
import { keptResult, kmeansState, Op, P, releaseKMeansState, serialRunner, type BlockRunner, type KMeansState, type ResultArrays } from './kmeans-blocks';
import { localTrials, seedPlusPlus, type InitWorkspace } from './kmeans-init';
import { lloydHamerly, lloydWorkspace, type LloydWorkspace } from './kmeans-lloyd';
import { cancelledError, type KMeansOptions, type KMeansResult, type Matrix } from './types';
import { withKernelScratch } from './kmeans-wasm';

function checkMatrix(m: Matrix): void {
  if (m.data.length < m.rows * m.cols) throw new Error(`matrix data has ${m.data.length} values, expected ${m.rows * m.cols}`);
}

/** Assign rows to fixed centroids (scoring new data): same fields as KMeansResult, inertia of the assignment. */
export function assignToCentroids(m: Matrix, centroids: Float64Array, k: number): KMeansResult {
  checkMatrix(m);
  if (centroids.length !== k * m.cols) throw new Error(`centroids have ${centroids.length} values, expected k × cols = ${k * m.cols}`);
  // The same final pass as a fit (kmeans-blocks' assignFinal), run serially; inertia summed in row order.
  const st = kmeansState(m.data, m.rows, m.cols, k, 1);
  try {
    st.params[P.resultSet] = 0;
    st.centers.set(centroids);
    serialRunner.run(st, Op.assignFinal);
    let inertia = 0;
    for (let i = 0; i < m.rows; i++) inertia += st.upper[i];
    const out = keptResult(st, st.results[0]);
    return { k, centroids: Float64Array.from(centroids), labels: out.labels, nearest: out.nearest, second: out.second, secondLabel: out.secondLabel, inertia, iterations: 0, converged: true };
  } finally {
    releaseKMeansState(st);
  }
}

/**
 * distance.ts's meanFeatureVariance, its two passes in the kernel when it can take the data (the same sums in the
 * same order, so the same bits; ~60 ms less at 1M × 10).
 */
export function featureVariance(data: Float64Array, n: number, d: number): number {
  if (n === 0 || d === 0) return 0;
  const moments = withKernelScratch(data, n * d, 16 * d, (kernel, dataOffset, out, buffer) => {
    kernel.featureMoments(dataOffset, n, d, out);
    return new Float64Array(buffer, out + 8 * d, d).slice();
  });
  if (!moments) return meanFeatureVariance(data, n, d);
  let total = 0;
  for (let f = 0; f < d; f++) total += moments[f] / n;
  return total / d;
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
 * Helper threads for the row passes (workspace/segments/kmeans-pool): given the shared state, a runner whose
 * blocks run on several threads. The result is bit-identical to the serial runner's (kmeans-blocks header).
 */
export interface ParallelRows {
  open: (state: KMeansState) => BlockRunner & { close: () => void };
}

const isShared = (a: Float64Array): boolean => typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;

/**
 * k-means with greedy k-means++ seeding and `restarts` independent runs keeping the lowest inertia (the first on
 * ties). Restart r is seeded with the r-th 32-bit draw of mulberry32(seed), so a seed fixes everything.
 * With `init` given, that single start is used (restarts ignored, as sklearn does with an explicit init).
 * `tolerance` is relative like sklearn's `tol`: the absolute threshold on Σ‖Δcentre‖² is tol × mean feature variance.
 * With `parallel` (and the matrix in shared memory) the row passes run on helper threads; same result.
 */
export function kmeans(m: Matrix, opts: KMeansOptions & { parallel?: ParallelRows }, ws?: KMeansWorkspace): KMeansResult {
  checkMatrix(m);
  const { rows: n, cols: d, data } = m;
  const k = Math.floor(opts.k);
  if (!(k >= 1)) throw new Error(`k must be at least 1 (got ${opts.k})`);
  if (k > n) throw new Error(`k = ${k} is larger than the number of rows (${n})`);
  if (opts.init && opts.init.length !== k * d) throw new Error(`init has ${opts.init.length} values, expected k × cols = ${k * d}`);
  const restarts = opts.init ? 1 : Math.max(1, Math.floor(opts.restarts));
  const maxIterations = Math.max(1, Math.floor(opts.maxIterations));
  const tolAbs = opts.tolerance > 0 ? opts.tolerance * featureVariance(data, n, d) : 0;
  const parallel = opts.parallel && isShared(data) ? opts.parallel : undefined;
  const reuse = !parallel && ws && ws.lloyd.labels.length === n ? ws.lloyd : undefined;
  // Two result sets when a later restart must not overwrite the best so far (24 MB each at 1M rows).
  const st = kmeansState(data, n, d, k, localTrials(k), { shared: parallel !== undefined, resultSets: restarts > 1 ? 2 : 1, buffers: reuse });
  let pool: (BlockRunner & { close: () => void }) | undefined;
  try {
    pool = parallel?.open(st);
    const runner: BlockRunner = pool ?? serialRunner;
    const rnd = mulberry32(opts.seed);
    let best: KMeansResult | null = null;
    for (let r = 0; r < restarts; r++) {
      if (opts.isCancelled && opts.isCancelled()) throw cancelledError();
      const seed = Math.floor(rnd() * 4294967296) >>> 0;
      const init = opts.init ? opts.init : seedPlusPlus(st, runner, seed);
      const run = lloydHamerly(st, runner, init, maxIterations, tolAbs, opts.isCancelled);
      // Final full pass: exact labels for the final centres (sklearn re-runs the E-step too unless strictly
      // converged, where it would give the same labels) plus the distances confidence needs. The result set not
      // holding the best so far is written.
      const set: number = best !== null && st.results[0].labels === best.labels ? 1 : 0;
      st.params[P.resultSet] = set;
      st.centers.set(run.centroids);
      runner.run(st, Op.assignFinal);
      let inertia = 0;
      for (let i = 0; i < n; i++) inertia += st.upper[i]; // D² per row, summed in row order
      if (best === null || inertia < best.inertia) {
        const out: ResultArrays = st.results[set];
        best = { k, centroids: run.centroids, labels: out.labels, nearest: out.nearest, second: out.second, secondLabel: out.secondLabel, inertia, iterations: run.iterations, converged: run.converged };
      }
    }
    if (best === null) throw new Error('k-means ran no restart');
    const kept = keptResult(st, { labels: best.labels, nearest: best.nearest, second: best.second, secondLabel: best.secondLabel });
    // Given back only after a complete run: when a pass failed, a helper may still be writing into the state, so
    // its memory is not handed to the next call (the job fails anyway).
    releaseKMeansState(st);
    return { ...best, ...kept };
  } finally {
    pool?.close();
  }
}
