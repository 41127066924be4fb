// Validity indices, ARI, PCA, the k sweep and recommendation, bootstrap stability and RFM against scikit-learn /
// numpy reference values (tests/fixtures/segment, made once by make_fixtures.py) and hand-computed cases.
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex,
  bootstrapStability,
  calinskiHarabasz,
  confidenceFromDistances,
  daviesBouldin,
  kmeans,
  type Matrix,
  pca2,
  recommendK,
  rfmScores,
  rfmSegmentName,
  sampleIndices,
  separationIndices,
  silhouetteScore,
  sweepK,
} from '../../../main/analysis/segment';
import { type DataFixture, fixture, ints, matrixOf, relErr } from './segment-helpers';

interface MetricsFixture {
  rows: number;
  cols: number;
  data: number[];
  labels: number[];
  k: number;
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
}
interface BlobsFixture extends DataFixture {
  silhouette: number;
  calinskiHarabasz: number;
  daviesBouldin: number;
  pca: { explained: number[]; x: number[]; y: number[] };
}

const blobs = fixture<BlobsFixture>('blobs.json');
const B = matrixOf(blobs);
const opts = { seed: 1, restarts: 4, maxIterations: 300, tolerance: 1e-4 };

describe('silhouette, Calinski–Harabasz, Davies–Bouldin = sklearn.metrics (1e-9 relative)', () => {
  it('on overlapping data with a singleton cluster', () => {
    const f = fixture<MetricsFixture>('metrics.json');
    const m = matrixOf(f);
    const labels = ints(f.labels);
    const s = silhouetteScore(m, labels, f.k);
    expect(s.sampleSize).toBe(300);
    expect(relErr(s.mean, f.silhouette)).toBeLessThan(1e-9);
    expect(relErr(calinskiHarabasz(m, labels, f.k), f.calinskiHarabasz)).toBeLessThan(1e-9);
    expect(relErr(daviesBouldin(m, labels, f.k), f.daviesBouldin)).toBeLessThan(1e-9);
  });
  it('on the blobs with their true labels', () => {
    const t = ints(blobs.truth);
    expect(relErr(silhouetteScore(B, t, 5).mean, blobs.silhouette)).toBeLessThan(1e-9);
    expect(relErr(calinskiHarabasz(B, t, 5), blobs.calinskiHarabasz)).toBeLessThan(1e-9);
    expect(relErr(daviesBouldin(B, t, 5), blobs.daviesBouldin)).toBeLessThan(1e-9);
  });
  it('sampled silhouette reports its sample size and stays close to the exact value', () => {
    const t = ints(blobs.truth);
    const s = silhouetteScore(B, t, 5, { sampleSize: 300, seed: 4 });
    expect(s.sampleSize).toBe(300);
    expect(Math.abs(s.mean - blobs.silhouette)).toBeLessThan(0.03);
    expect(silhouetteScore(B, new Int32Array(B.rows), 5).mean).toBeNaN(); // one cluster: undefined
  });
});

describe('separationIndices: both indices from two passes', () => {
  // Reference: the definitions written out pass by pass (cluster means, grand mean, within sum, per-cluster
  // scatter), as metrics.ts computed them before the passes were shared; the shared passes add the same terms in
  // the same order, so the results must be equal bit for bit, not just close.
  function reference(m: Matrix, labels: Int32Array, k: number): { ch: number; db: number } {
    const { data, rows: n, cols: d } = m;
    const sq = (a: Float64Array, i: number, b: Float64Array, j: number) => {
      let t = 0;
      for (let f = 0; f < d; f++) t += (a[i + f] - b[j + f]) * (a[i + f] - b[j + f]);
      return t;
    };
    const means = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let f = 0; f < d; f++) means[labels[i] * d + f] += data[i * d + f];
    }
    for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) means[c * d + f] /= counts[c];
    const grand = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) grand[f] += data[i * d + f];
    for (let f = 0; f < d; f++) grand[f] /= n;
    let extra = 0;
    for (let c = 0; c < k; c++) extra += counts[c] * sq(means, c * d, grand, 0);
    let intra = 0;
    for (let i = 0; i < n; i++) intra += sq(data, i * d, means, labels[i] * d);
    const scatter = new Float64Array(k);
    for (let i = 0; i < n; i++) scatter[labels[i]] += Math.sqrt(sq(data, i * d, means, labels[i] * d));
    for (let c = 0; c < k; c++) scatter[c] /= counts[c];
    let total = 0;
    for (let a = 0; a < k; a++) {
      let worst = 0;
      for (let b = 0; b < k; b++) if (a !== b) worst = Math.max(worst, (scatter[a] + scatter[b]) / Math.sqrt(sq(means, a * d, means, b * d)));
      total += worst;
    }
    return { ch: (extra * (n - k)) / (intra * (k - 1)), db: total / k };
  }

  it('equals the pass-by-pass definitions exactly (and each wrapper equals its half)', () => {
    const f = fixture<DataFixture>('blobs.json');
    const m = matrixOf(f);
    const labels = ints(f.truth);
    const k = Math.max(...f.truth) + 1;
    const got = separationIndices(m, labels, k);
    const want = reference(m, labels, k);
    expect(got.calinskiHarabasz).toBe(want.ch);
    expect(got.daviesBouldin).toBe(want.db);
    expect(calinskiHarabasz(m, labels, k)).toBe(want.ch);
    expect(daviesBouldin(m, labels, k)).toBe(want.db);
  });
});

describe('adjusted Rand index = sklearn.metrics.adjusted_rand_score', () => {
  it('matches the fixture and the obvious cases', () => {
    const f = fixture<{ a: number[]; b: number[]; ari: number; permuted: number }>('ari.json');
    expect(relErr(adjustedRandIndex(ints(f.a), ints(f.b)), f.ari)).toBeLessThan(1e-12);
    expect(adjustedRandIndex(ints(f.a), ints(f.a.map((v) => (v + 1) % 4)))).toBe(1);
    expect(f.permuted).toBe(1);
    // Hand case: {0,0,1,1} vs {0,0,0,1}: sklearn gives 0.0.
    expect(adjustedRandIndex(ints([0, 0, 1, 1]), ints([0, 0, 0, 1]))).toBeCloseTo(0, 12);
  });
});

describe('pca2 vs sklearn PCA(2)', () => {
  it('explained variance ratios and coordinates up to sign per component', () => {
    const p = pca2(B);
    expect(relErr(p.explained[0], blobs.pca.explained[0])).toBeLessThan(1e-9);
    expect(relErr(p.explained[1], blobs.pca.explained[1])).toBeLessThan(1e-9);
    const sx = Math.sign(p.x[0]) === Math.sign(blobs.pca.x[0]) ? 1 : -1;
    const sy = Math.sign(p.y[0]) === Math.sign(blobs.pca.y[0]) ? 1 : -1;
    for (let i = 0; i < B.rows; i++) {
      expect(Math.abs(sx * p.x[i] - blobs.pca.x[i])).toBeLessThan(1e-9);
      expect(Math.abs(sy * p.y[i] - blobs.pca.y[i])).toBeLessThan(1e-9);
    }
    // Subset of rows: the same coordinates for those rows.
    const rows = ints([5, 17, 599]);
    const q = pca2(B, rows);
    expect(Array.from(q.x)).toEqual([p.x[5], p.x[17], p.x[599]]);
  });
});

describe('sweepK + recommendK', () => {
  it('recommends the true k = 4 on 4 well-separated blobs, with progress and a reason', () => {
    const f = fixture<DataFixture & { silhouetteByK: Record<string, number> }>('blobs4.json');
    const m = matrixOf(f);
    const progress: number[] = [];
    const scores = sweepK(m, [2, 8], { ...opts, onProgress: (d, t) => progress.push(d / t) });
    expect(scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(progress[progress.length - 1]).toBe(1);
    // Silhouettes at the well-defined k agree with sklearn's KMeans(n_init=10) + silhouette_score.
    for (const k of [2, 3, 4]) expect(Math.abs(scores[k - 2].silhouette - f.silhouetteByK[String(k)])).toBeLessThan(1e-9);
    for (let i = 1; i < scores.length; i++) expect(scores[i].inertia).toBeLessThan(scores[i - 1].inertia);
    const rec = recommendK(scores);
    expect(rec.k).toBe(4);
    expect(rec.reason).toMatch(/k = 4/);
    expect(rec.reason).toMatch(/silhouette/);
  });
  it('is cancellable', () => {
    let calls = 0;
    expect(() => sweepK(B, [2, 6], { ...opts, isCancelled: () => ++calls > 2 })).toThrow('cancelled');
  });
  it('breaks near-ties by CH/DB votes and flags weak structure', () => {
    const rec = recommendK([
      { k: 2, inertia: 100, silhouette: 0.2, calinskiHarabasz: 50, daviesBouldin: 1.5 },
      { k: 3, inertia: 60, silhouette: 0.19, calinskiHarabasz: 80, daviesBouldin: 1.1 },
      { k: 4, inertia: 50, silhouette: 0.1, calinskiHarabasz: 70, daviesBouldin: 1.3 },
    ]);
    expect(rec.k).toBe(3);
    expect(rec.reason).toMatch(/low/);
  });
});

describe('confidenceFromDistances', () => {
  it('1 on the centroid, 0 when equidistant, NaN-safe', () => {
    const c = confidenceFromDistances(Float64Array.from([0, 1, 2, Number.NaN, 1, 0]), Float64Array.from([2, 1, 4, 3, Number.NaN, 0]));
    expect(Array.from(c)).toEqual([1, 0, 0.5, 0, 0, 0]);
  });
});

describe('bootstrap stability (Hennig clusterboot, Jaccard)', () => {
  it('≥ 0.95 for every segment of well-separated blobs at the true k', () => {
    const ref = kmeans(B, { ...opts, k: 5 });
    const st = bootstrapStability(B, ref.labels, 5, { seed: 3, resamples: 20 });
    expect(st).toHaveLength(5);
    for (const s of st) expect(s).toBeGreaterThanOrEqual(0.95);
    // Deterministic for a seed.
    expect(bootstrapStability(B, ref.labels, 5, { seed: 3, resamples: 20 })).toEqual(st);
  });
  it('clearly lower for some segment when k exceeds the true number of groups', () => {
    const ref = kmeans(B, { ...opts, k: 9 });
    const st = bootstrapStability(B, ref.labels, 9, { seed: 3, resamples: 20 });
    expect(Math.min(...st)).toBeLessThan(0.8);
  });
  it('subsamples to maxRows', () => {
    const ref = kmeans(B, { ...opts, k: 5 });
    const st = bootstrapStability(B, ref.labels, 5, { seed: 3, resamples: 5, maxRows: 200 });
    for (const s of st) expect(s).toBeGreaterThan(0.9);
  });
});

describe('sampleIndices', () => {
  it('sorted, distinct, in range, seeded', () => {
    for (const [n, size] of [[1000, 10], [1000, 900], [5, 5], [5, 0]] as const) {
      const s = sampleIndices(n, size, 9);
      expect(s.length).toBe(size);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
      if (s.length) expect(s[s.length - 1]).toBeLessThan(n);
      expect(Array.from(sampleIndices(n, size, 9))).toEqual(Array.from(s));
    }
    expect(Array.from(sampleIndices(1000, 10, 1))).not.toEqual(Array.from(sampleIndices(1000, 10, 2)));
  });
});

describe('rfmScores', () => {
  it('hand-computed: 10 customers, one per quintile pair, 5 = best', () => {
    // Recency days 1..10 (1 = most recent), frequency and monetary 10..1 (so customer 0 is best on all three).
    // 10 rows: quintile edges at ranks 1, 2.8, 4.6, 6.4, 8.2, 10 → two customers per score; FM = R here, so the
    // diagonal of the map: (5,5) Champions, (4,4) Loyal, (3,3) Need Attention, (2,2) Hibernating, (1,1) Lost.
    const rec = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const fm = Float64Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const r = rfmScores(rec, fm, fm);
    expect(Array.from(r.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(r.f)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(r.segment).toEqual(['Champions', 'Champions', 'Loyal', 'Loyal', 'Need Attention', 'Need Attention', 'Hibernating', 'Hibernating', 'Lost', 'Lost']);
    // Ties by order of appearance (rank method='first'): four equal frequencies split across quintiles.
    const t = rfmScores(Float64Array.from([1, 1, 1, 1, 1]), Float64Array.from([3, 3, 3, 3, 3]), Float64Array.from([1, 2, 3, 4, 5]));
    expect(Array.from(t.f)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(t.r)).toEqual([5, 4, 3, 2, 1]);
  });
  it('quintiles equal pandas qcut(rank(method="first"), 5) (numpy reproduction) on 137 rows with ties', () => {
    const f = fixture<{ recency: number[]; frequency: number[]; monetary: number[]; r: number[]; f: number[]; m: number[] }>('rfm.json');
    const r = rfmScores(Float64Array.from(f.recency), Float64Array.from(f.frequency), Float64Array.from(f.monetary));
    expect(Array.from(r.r)).toEqual(f.r);
    expect(Array.from(r.f)).toEqual(f.f);
    expect(Array.from(r.m)).toEqual(f.m);
  });
  it('every (R, FM) cell has a name from the standard list', () => {
    const names = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) names.add(rfmSegmentName(r, fm));
    expect([...names].sort()).toEqual(
      ['About to Sleep', 'At Risk', "Can't Lose Them", 'Champions', 'Hibernating', 'Lost', 'Loyal', 'Need Attention', 'New Customers', 'Potential Loyalist', 'Promising'].sort(),
    );
  });
});

export type { Matrix };
