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
// Single-threaded and in a fixed summation order, so the result is bit-identical for a seed on any machine and
// does not depend on a thread count (there is none).
import { cancelledError } from './types';
import { sqDist, sqDistBounded } from './distance';

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

/** Means of the rows per label into `out` (k*d); returns counts. Empty clusters are relocated (see header). */
function updateCenters(data: Float64Array, n: number, d: number, k: number, labels: Int32Array, old: Float64Array, out: Float64Array, counts: Float64Array): void {
  out.fill(0);
  counts.fill(0);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    const b = labels[i] * d;
    counts[labels[i]]++;
    for (let f = 0; f < d; f++) out[b + f] += data[o + f];
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

/** Full E-step: nearest and second-nearest distances for every row (no bounds). Returns the number of label changes. */
function assignAll(data: Float64Array, n: number, d: number, k: number, centers: Float64Array, ws: LloydWorkspace): number {
  const { labels, upper, lower } = ws;
  let changed = 0;
  for (let i = 0, o = 0; i < n; i++, o += d) {
    let b = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      const s = sqDistBounded(data, o, centers, j * d, d, d2); // exact whenever it can be one of the two nearest
      if (s < d1) {
        d2 = d1;
        d1 = s;
        b = j;
      } else if (s < d2) d2 = s;
    }
    if (labels[i] !== b) changed++;
    labels[i] = b;
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
  }
  return changed;
}

export function lloydHamerly(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  init: Float64Array,
  maxIterations: number,
  tolAbs: number,
  ws: LloydWorkspace,
  isCancelled?: () => boolean,
): LloydOutcome {
  let centers = Float64Array.from(init);
  let next = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const half = new Float64Array(k); // s(j): half the distance to the nearest other centre
  const shift = new Float64Array(k);
  const { labels, upper, lower } = ws;
  labels.fill(-1);
  let iterations = 0;
  let converged = false;

  for (let it = 0; it < maxIterations; it++) {
    if (isCancelled && (it & 7) === 7 && isCancelled()) throw cancelledError();
    let changed: number;
    if (it === 0) {
      changed = assignAll(data, n, d, k, centers, ws);
    } else {
      for (let j = 0; j < k; j++) {
        let m = Infinity;
        for (let q = 0; q < k; q++) {
          if (q === j) continue;
          const s = sqDist(centers, j * d, centers, q * d, d);
          if (s < m) m = s;
        }
        half[j] = 0.5 * Math.sqrt(m);
      }
      changed = 0;
      for (let i = 0, o = 0; i < n; i++, o += d) {
        const a = labels[i];
        const z = half[a] > lower[i] ? half[a] : lower[i];
        if (upper[i] <= z) continue;
        const u = Math.sqrt(sqDist(data, o, centers, a * d, d));
        upper[i] = u;
        if (u <= z) continue;
        let b = 0;
        let d1 = Infinity;
        let d2 = Infinity;
        for (let j = 0; j < k; j++) {
          const s = j === a ? u * u : sqDistBounded(data, o, centers, j * d, d, d2);
          if (s < d1) {
            d2 = d1;
            d1 = s;
            b = j;
          } else if (s < d2) d2 = s;
        }
        if (b !== a) {
          labels[i] = b;
          changed++;
        }
        upper[i] = Math.sqrt(d1);
        lower[i] = Math.sqrt(d2);
      }
    }

    updateCenters(data, n, d, k, labels, centers, next, counts);
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
    // Move the bounds by how far the centres moved (triangle inequality).
    const maxOther1 = shift[r1];
    const maxOther2 = r2 >= 0 ? shift[r2] : 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      upper[i] += shift[a];
      lower[i] -= a === r1 ? maxOther2 : maxOther1;
    }
  }
  return { centroids: centers, iterations, converged };
}
