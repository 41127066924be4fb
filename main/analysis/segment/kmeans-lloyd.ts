// Lloyd's k-means iterations accelerated with Hamerly's bounds (Hamerly 2010, "Making k-means even faster").
//
// Each row keeps an upper bound u on the distance to its own centre and a lower bound l on the distance to any
// other centre. A row cannot change centre when u <= max(l, s(a)) where s(a) is half the distance from its centre
// to the nearest other centre, so after the first couple of iterations almost every row is skipped with two
// comparisons. The bounds are exact in real arithmetic, so the iterations produce the same labels and centres
// as plain Lloyd (the final labels are recomputed with a full pass anyway, see assignFull).
//
// The loop mirrors scikit-learn's `_kmeans_single_lloyd` so convergence means the same thing:
//   - E-step against the current centres, M-step to the means of the new labels;
//   - stop ("strict convergence") when the labels equal the previous iteration's labels, otherwise when the sum
//     of squared centre shifts <= tolAbs (sklearn's `_tolerance`: tol × mean per-feature variance);
//   - empty clusters: like sklearn's `_relocate_empty_clusters_dense`, each empty cluster takes the row that is
//     farthest (squared distance to its assigned old centre) from its centre, farthest first, ties to the lower
//     row index, empty clusters filled in index order; the row's weight leaves its old cluster. Rows whose cluster
//     has a single member are not taken, so relocation never empties another cluster.
// The row passes run block by block (kmeans-blocks.ts), on one thread or several: the summation order is fixed by
// the block size, so the result is bit-identical for a seed on any machine and any thread count.
import { cancelledError } from './types';
import { sqDist } from './distance';
import { blockCount, Op, P, type BlockRunner, type KMeansState } from './kmeans-blocks';

export interface LloydWorkspace {
  labels: Int32Array;
  upper: Float64Array;
  lower: Float64Array;
}

export function lloydWorkspace(n: number): LloydWorkspace {
  return { labels: new Int32Array(n), upper: new Float64Array(n), lower: new Float64Array(n) };
}

export interface LloydOutcome {
  centroids: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Centre sums and counts: the blocks' partials added in block order (kmeans-blocks), then empty clusters relocated
 * (see header) and the sums divided into means in `out` (k*d).
 */
function updateCenters(st: KMeansState, old: Float64Array, out: Float64Array, counts: Float64Array): void {
  const { data, n, d, k, labels, blockSums, blockCounts } = st;
  const nb = blockCount(n, st.blockRows);
  const kd = k * d;
  out.fill(0);
  counts.fill(0);
  for (let b = 0; b < nb; b++) {
    for (let x = 0; x < kd; x++) out[x] += blockSums[b * kd + x];
    for (let j = 0; j < k; j++) counts[j] += blockCounts[b * k + j];
  }
  let empty = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty++;
  if (empty > 0) relocateEmpty(data, n, d, k, labels, old, out, counts);
  for (let j = 0; j < k; j++) {
    const c = counts[j];
    if (c === 0) {
      // Nothing could be relocated (fewer movable rows than empty clusters): keep the old centre.
      for (let f = 0; f < d; f++) out[j * d + f] = old[j * d + f];
      continue;
    }
    for (let f = 0; f < d; f++) out[j * d + f] /= c;
  }
}

function relocateEmpty(data: Float64Array, n: number, d: number, k: number, labels: Int32Array, old: Float64Array, sums: Float64Array, counts: Float64Array): void {
  const taken = new Uint8Array(n);
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0, o = 0; i < n; i++, o += d) {
      if (taken[i] || counts[labels[i]] <= 1) continue;
      const s = sqDist(data, o, old, labels[i] * d, d);
      if (s > farDist) {
        farDist = s;
        far = i;
      }
    }
    if (far < 0) return;
    taken[far] = 1;
    const from = labels[far];
    for (let f = 0; f < d; f++) {
      sums[from * d + f] -= data[far * d + f];
      sums[j * d + f] = data[far * d + f];
    }
    counts[from]--;
    counts[j] = 1;
  }
}

/**
 * Lloyd/Hamerly iterations from `init` over the state's rows; the row passes (E-step with the M-step's partial
 * sums) run on `runner`, the rest (means, shifts, convergence) here in a fixed order.
 */
export function lloydHamerly(st: KMeansState, runner: BlockRunner, init: Float64Array, maxIterations: number, tolAbs: number, isCancelled?: () => boolean): LloydOutcome {
  const { n, d, k, half, shift, params, blockChanged } = st;
  const nb = blockCount(n, st.blockRows);
  let centers = Float64Array.from(init);
  let next = new Float64Array(k * d);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;

  for (let it = 0; it < maxIterations; it++) {
    if (isCancelled && (it & 7) === 7 && isCancelled()) throw cancelledError();
    st.centers.set(centers);
    if (it === 0) runner.run(st, Op.lloydFull);
    else {
      for (let j = 0; j < k; j++) {
        let m = Infinity;
        for (let q = 0; q < k; q++) {
          if (q === j) continue;
          const s = sqDist(centers, j * d, centers, q * d, d);
          if (s < m) m = s;
        }
        half[j] = 0.5 * Math.sqrt(m);
      }
      runner.run(st, Op.lloydStep);
    }
    let changed = 0;
    for (let b = 0; b < nb; b++) changed += blockChanged[b];

    updateCenters(st, centers, next, counts);
    let shiftTot = 0;
    let r1 = 0;
    let r2 = -1;
    for (let j = 0; j < k; j++) {
      const s2 = sqDist(centers, j * d, next, j * d, d);
      shiftTot += s2;
      shift[j] = Math.sqrt(s2);
    }
    for (let j = 1; j < k; j++) if (shift[j] > shift[r1]) r1 = j;
    for (let j = 0; j < k; j++) if (j !== r1 && (r2 < 0 || shift[j] > shift[r2])) r2 = j;
    const tmp = centers;
    centers = next;
    next = tmp;
    iterations = it + 1;
    // Strict convergence: labels equal the previous iteration's (never on the first, whose "previous" is -1).
    if (it > 0 && changed === 0) {
      converged = true;
      break;
    }
    if (shiftTot <= tolAbs) {
      converged = true;
      break;
    }
    // The next step first moves the bounds by how far the centres moved (triangle inequality): the upper bound by
    // its own centre's move, the lower by the largest move of any other centre.
    params[P.farthest] = r1;
    params[P.moveOthers] = shift[r1];
    params[P.moveFarthest] = r2 >= 0 ? shift[r2] : 0;
  }
  return { centroids: centers, iterations, converged };
}
