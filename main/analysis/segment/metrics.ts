// Internal validity indices with scikit-learn's definitions (sklearn.metrics), so the sweep's numbers can be
// checked against Python: silhouette_score, calinski_harabasz_score, davies_bouldin_score, adjusted_rand_score.
// Clusters are the label values 0..k-1 that actually occur; empty ones are ignored as sklearn's LabelEncoder would.
import { sampleIndices, takeRows } from './sample';
import { sqDist } from './distance';
import type { Matrix } from './types';

/** Per-cluster means and counts, and the grand mean (each sum over rows in row order). */
function clusterMeans(m: Matrix, labels: Int32Array, k: number): { means: Float64Array; counts: Float64Array; present: number; grand: Float64Array } {
  const { data, rows: n, cols: d } = m;
  const means = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const grand = new Float64Array(d);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    const c = labels[i];
    counts[c]++;
    for (let f = 0; f < d; f++) {
      const v = data[o + f];
      means[c * d + f] += v;
      grand[f] += v;
    }
  }
  let present = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    present++;
    for (let f = 0; f < d; f++) means[c * d + f] /= counts[c];
  }
  for (let f = 0; f < d; f++) grand[f] /= n;
  return { means, counts, present, grand };
}

function checkLabels(labels: Int32Array, n: number, k: number): void {
  if (labels.length !== n) throw new Error(`labels have ${labels.length} entries, expected ${n}`);
  for (let i = 0; i < n; i++) if (labels[i] < 0 || labels[i] >= k) throw new Error(`label ${labels[i]} at row ${i} is outside 0..${k - 1}`);
}

/**
 * Mean silhouette (Euclidean). Exact on all rows unless `sampleSize` < rows, then exact on a seeded sample of
 * that many rows (as sklearn's sample_size does). Rows in singleton clusters score 0 (sklearn's rule).
 * NaN when fewer than 2 or more than n-1 clusters are present (sklearn raises there).
 */
export function silhouetteScore(m: Matrix, labels: Int32Array, k: number, opts: { sampleSize?: number; seed?: number } = {}): { mean: number; sampleSize: number } {
  checkLabels(labels, m.rows, k);
  let x = m.data;
  let lab = labels;
  let n = m.rows;
  const d = m.cols;
  if (opts.sampleSize !== undefined && opts.sampleSize < n) {
    const idx = sampleIndices(n, opts.sampleSize, opts.seed ?? 0);
    x = takeRows(m.data, d, idx);
    lab = new Int32Array(idx.length);
    for (let i = 0; i < idx.length; i++) lab[i] = labels[idx[i]];
    n = idx.length;
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[lab[i]]++;
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
  if (present < 2 || present > n - 1) return { mean: Number.NaN, sampleSize: n };

  // sums[i*k + c] = Σ distance from row i to the rows of cluster c; each pair is computed once (n²/2 sqrt's).
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    const li = lab[i];
    for (let j = i + 1; j < n; j++) {
      const dist = Math.sqrt(sqDist(x, oi, x, j * d, d));
      sums[i * k + lab[j]] += dist;
      sums[j * k + li] += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const li = lab[i];
    if (counts[li] <= 1) continue; // singleton → 0
    const a = sums[i * k + li] / (counts[li] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === li || counts[c] === 0) continue;
      const v = sums[i * k + c] / counts[c];
      if (v < b) b = v;
    }
    const den = Math.max(a, b);
    if (den > 0) total += (b - a) / den;
  }
  return { mean: total / n, sampleSize: n };
}

/** Calinski–Harabasz: between-cluster over within-cluster dispersion, each per degree of freedom. */
export function calinskiHarabasz(m: Matrix, labels: Int32Array, k: number): number {
  return separationIndices(m, labels, k).calinskiHarabasz;
}

/** Davies–Bouldin: mean over clusters of the worst (s_i + s_j) / d(c_i, c_j); lower is better. */
export function daviesBouldin(m: Matrix, labels: Int32Array, k: number): number {
  return separationIndices(m, labels, k).daviesBouldin;
}

/**
 * Calinski–Harabasz and Davies–Bouldin together, from two passes over the rows instead of five: the cluster means
 * and the grand mean in one, each row's squared distance to its cluster mean in the other (CH sums it, DB sums its
 * root per cluster). Every accumulator adds the same terms in the same row order as separate passes would, so the
 * numbers are the same bit for bit.
 */
export function separationIndices(m: Matrix, labels: Int32Array, k: number): { calinskiHarabasz: number; daviesBouldin: number } {
  checkLabels(labels, m.rows, k);
  const { data, rows: n, cols: d } = m;
  const { means, counts, present, grand } = clusterMeans(m, labels, k);
  if (present < 2 || present > n - 1) return { calinskiHarabasz: Number.NaN, daviesBouldin: Number.NaN };
  let intra = 0;
  const scatter = new Float64Array(k);
  for (let i = 0, o = 0; i < n; i++, o += d) {
    const l = labels[i];
    const sd = sqDist(data, o, means, l * d, d);
    intra += sd;
    scatter[l] += Math.sqrt(sd);
  }
  return { calinskiHarabasz: chFrom(means, counts, present, grand, intra, n, k, d), daviesBouldin: dbFrom(means, counts, scatter, k, d) };
}

function chFrom(means: Float64Array, counts: Float64Array, present: number, grand: Float64Array, intra: number, n: number, k: number, d: number): number {
  let extra = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) extra += counts[c] * sqDist(means, c * d, grand, 0, d);
  if (intra === 0) return 1; // sklearn's convention for zero within-cluster dispersion
  return (extra * (n - present)) / (intra * (present - 1));
}

function dbFrom(means: Float64Array, counts: Float64Array, scatter: Float64Array, k: number, d: number): number {
  const ids: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] > 0) ids.push(c);
  for (const c of ids) scatter[c] /= counts[c];
  // sklearn: 0 when every scatter or every centroid distance is (close to) zero.
  const close0 = (v: number): boolean => Math.abs(v) <= 1e-8;
  let allScatter0 = true;
  for (const c of ids) if (!close0(scatter[c])) allScatter0 = false;
  let allDist0 = true;
  for (const a of ids) for (const b of ids) if (a !== b && !close0(Math.sqrt(sqDist(means, a * d, means, b * d, d)))) allDist0 = false;
  if (allScatter0 || allDist0) return 0;
  let total = 0;
  for (const a of ids) {
    let worst = 0;
    for (const b of ids) {
      if (a === b) continue;
      const dist = Math.sqrt(sqDist(means, a * d, means, b * d, d));
      const r = dist === 0 ? 0 : (scatter[a] + scatter[b]) / dist; // sklearn sets zero distances to inf → ratio 0
      if (r > worst) worst = r;
    }
    total += worst;
  }
  return total / ids.length;
}

/** Adjusted Rand index (Hubert & Arabie), via sklearn's pair-confusion formulation; any integer label values. */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length) throw new Error(`label vectors differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  const ka = new Map<number, number>();
  const kb = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (!ka.has(a[i])) ka.set(a[i], ka.size);
    if (!kb.has(b[i])) kb.set(b[i], kb.size);
  }
  const ra = ka.size;
  const rb = kb.size;
  const table = new Float64Array(ra * rb);
  const rowSum = new Float64Array(ra);
  const colSum = new Float64Array(rb);
  for (let i = 0; i < n; i++) {
    const x = ka.get(a[i])!;
    const y = kb.get(b[i])!;
    table[x * rb + y]++;
    rowSum[x]++;
    colSum[y]++;
  }
  let sumSq = 0;
  for (let i = 0; i < table.length; i++) sumSq += table[i] * table[i];
  let dotCol = 0; // Σ_ij C_ij · colSum_j
  let dotRow = 0; // Σ_ij C_ij · rowSum_i
  for (let x = 0; x < ra; x++) {
    for (let y = 0; y < rb; y++) {
      const c = table[x * rb + y];
      dotCol += c * colSum[y];
      dotRow += c * rowSum[x];
    }
  }
  const tp = sumSq - n;
  const fp = dotCol - sumSq;
  const fn = dotRow - sumSq;
  const tn = n * n - fp - fn - sumSq;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}
