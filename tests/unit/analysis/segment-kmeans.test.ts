// k-means against scikit-learn reference values (tests/fixtures/segment/*.json, made by make_fixtures.py) and
// against ml-kmeans, plus determinism and the scoring path.
import { existsSync, readFileSync } from 'node:fs';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, assignToCentroids, kmeans, kmeansPlusPlus, type Matrix, standardize } from '../../../main/analysis/segment';
import { type DataFixture, fixture, ints, matrixOf, relErr } from './segment-helpers';

interface BlobsFixture extends DataFixture {
  kmeans: { k: number; labels: number[]; inertia: number; centroids: number[] };
}

const blobs = fixture<BlobsFixture>('blobs.json');
const X = matrixOf(blobs);
const base = { seed: 42, restarts: 10, maxIterations: 300, tolerance: 1e-4 };

function toRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

describe('kmeans vs scikit-learn on well-separated blobs (600×4, 5 centres)', () => {
  const res = kmeans(X, { ...base, k: 5 });
  it('finds the same partition (ARI 1) with inertia equal to 1e-9 relative', () => {
    expect(adjustedRandIndex(res.labels, ints(blobs.kmeans.labels))).toBe(1);
    expect(adjustedRandIndex(res.labels, ints(blobs.truth))).toBe(1);
    expect(relErr(res.inertia, blobs.kmeans.inertia)).toBeLessThan(1e-9);
    expect(res.inertia).toBeCloseTo(848.1119053480638, 8);
    expect(res.converged).toBe(true);
  });
  it('reports centroids that are the cluster means, and consistent distances', () => {
    // Each of our centroids equals one of sklearn's to 1e-9.
    const d = X.cols;
    for (let j = 0; j < 5; j++) {
      let bestGap = Infinity;
      for (let q = 0; q < 5; q++) {
        let g = 0;
        for (let f = 0; f < d; f++) g = Math.max(g, Math.abs(res.centroids[j * d + f] - blobs.kmeans.centroids[q * d + f]));
        bestGap = Math.min(bestGap, g);
      }
      expect(bestGap).toBeLessThan(1e-9);
    }
    let sum = 0;
    for (let i = 0; i < X.rows; i++) {
      sum += res.nearest[i] ** 2;
      expect(res.nearest[i]).toBeLessThanOrEqual(res.second[i]);
      expect(res.secondLabel[i]).not.toBe(res.labels[i]);
    }
    expect(relErr(sum, res.inertia)).toBeLessThan(1e-12);
  });
  it('scoring the same rows into the fitted centroids reproduces labels and inertia', () => {
    const s = assignToCentroids(X, res.centroids, 5);
    expect(Array.from(s.labels)).toEqual(Array.from(res.labels));
    expect(relErr(s.inertia, res.inertia)).toBeLessThan(1e-12);
    expect(() => assignToCentroids(X, res.centroids, 4)).toThrow(/centroids/);
  });
});

describe('determinism', () => {
  it('same seed → byte-identical labels and centroids; another seed still finds the blobs', () => {
    const a = kmeans(X, { ...base, k: 5, restarts: 3 });
    const b = kmeans(X, { ...base, k: 5, restarts: 3 });
    expect(Buffer.from(a.labels.buffer).equals(Buffer.from(b.labels.buffer))).toBe(true);
    expect(Buffer.from(a.centroids.buffer).equals(Buffer.from(b.centroids.buffer))).toBe(true);
    expect(a.inertia).toBe(b.inertia);
    const c = kmeans(X, { ...base, k: 5, restarts: 3, seed: 7 });
    expect(adjustedRandIndex(c.labels, a.labels)).toBe(1);
    // Different seeds give different seedings (hence label numbering may differ) — check the seeding itself.
    const i1 = kmeansPlusPlus(X.data, X.rows, X.cols, 5, 1);
    const i2 = kmeansPlusPlus(X.data, X.rows, X.cols, 5, 2);
    expect(Buffer.from(i1.buffer).equals(Buffer.from(i2.buffer))).toBe(false);
  });
  it('restarts keep the lowest inertia', () => {
    const one = kmeans(X, { ...base, k: 8, restarts: 1, seed: 3 });
    const many = kmeans(X, { ...base, k: 8, restarts: 8, seed: 3 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });
});

describe('kmeans vs ml-kmeans (the given library) on small data', () => {
  it('same partition and inertia on well-separated blobs', () => {
    const rows = toRows(X);
    // ml-kmeans has no restarts: take its best of a few seeds, as our restarts do.
    let bestInertia = Infinity;
    let bestLabels: number[] = [];
    for (let s = 1; s <= 5; s++) {
      const r = mlKmeans(rows, 5, { seed: s, initialization: 'kmeans++', maxIterations: 300, tolerance: 1e-10 });
      const inertia = r.computeInformation(rows).reduce((acc, c) => acc + c.error * c.size, 0);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        bestLabels = r.clusters;
      }
    }
    const ours = kmeans(X, { ...base, k: 5 });
    expect(adjustedRandIndex(ours.labels, ints(bestLabels))).toBe(1);
    expect(relErr(ours.inertia, bestInertia)).toBeLessThan(1e-9);
  });
  it('from the same initial centroids, Hamerly-accelerated Lloyd reaches ml-kmeans’ fixpoint on overlapping data', () => {
    const mf = fixture<{ rows: number; cols: number; data: number[] }>('metrics.json');
    const M = matrixOf(mf);
    const rows = toRows(M);
    const k = 4;
    const init = kmeansPlusPlus(M.data, M.rows, M.cols, k, 11);
    const initRows = Array.from({ length: k }, (_, j) => Array.from(init.subarray(j * M.cols, (j + 1) * M.cols)));
    const theirs = mlKmeans(rows, k, { initialization: initRows, maxIterations: 1000, tolerance: 0 });
    const ours = kmeans(M, { k, seed: 0, restarts: 1, maxIterations: 1000, tolerance: 0, init });
    expect(Array.from(ours.labels)).toEqual(theirs.clusters);
    for (let j = 0; j < k; j++) for (let f = 0; f < M.cols; f++) expect(ours.centroids[j * M.cols + f]).toBeCloseTo(theirs.centroids[j][f], 10);
  });
});

describe('Mall customers: income × spending score, standardised, k = 5', () => {
  const MALL = '/work/shared/data/mall-customers/Mall_Customers.csv';
  const present = existsSync(MALL);
  if (!present) console.warn(`skipping Mall customers test: ${MALL} is absent`);
  it.skipIf(!present)('gives the textbook five groups (ARI ≥ 0.99 vs sklearn KMeans(5, n_init=10))', () => {
    const lines = readFileSync(MALL, 'utf8').trim().split(/\r?\n/);
    const header = lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
    // The shared copy names them Annual_Income / Spending_Score; the Kaggle original "Annual Income (k$)" etc.
    const ci = header.findIndex((h) => h.startsWith('Annual'));
    const cs = header.findIndex((h) => h.startsWith('Spending'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(cs).toBeGreaterThanOrEqual(0);
    const raw = new Float64Array((lines.length - 1) * 2);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      raw[i * 2] = Number(cells[ci]);
      raw[i * 2 + 1] = Number(cells[cs]);
    });
    const z = standardize({ data: raw, rows: lines.length - 1, cols: 2 }).matrix;
    const ref = fixture<{ labels: number[]; inertia: number }>('mall.json');
    const res = kmeans(z, { k: 5, seed: 0, restarts: 10, maxIterations: 300, tolerance: 1e-4 });
    expect(res.labels.length).toBe(200);
    expect(adjustedRandIndex(res.labels, ints(ref.labels))).toBeGreaterThanOrEqual(0.99);
    expect(relErr(res.inertia, ref.inertia)).toBeLessThan(1e-6);
    const sizes = Array.from({ length: 5 }, (_, j) => res.labels.filter((l) => l === j).length).sort((a, b) => a - b);
    expect(sizes).toEqual([22, 23, 35, 39, 81]);
  });
});

describe('edge cases', () => {
  it('rejects k larger than the rows and handles duplicate points (empty clusters relocated)', () => {
    const m: Matrix = { data: Float64Array.from([0, 0, 0, 0, 0, 0, 10, 10]), rows: 4, cols: 2 };
    expect(() => kmeans(m, { k: 5, seed: 1, restarts: 1, maxIterations: 10, tolerance: 1e-4 })).toThrow(/larger/);
    const r = kmeans(m, { k: 3, seed: 1, restarts: 2, maxIterations: 50, tolerance: 0 });
    expect(r.inertia).toBe(0);
    expect(new Set(r.labels).size).toBeGreaterThanOrEqual(2);
  });
  it('k = 1: centroid is the mean, second distance infinite', () => {
    const r = kmeans(X, { ...base, k: 1 });
    const mean = Array.from({ length: X.cols }, (_, f) => {
      let s = 0;
      for (let i = 0; i < X.rows; i++) s += X.data[i * X.cols + f];
      return s / X.rows;
    });
    for (let f = 0; f < X.cols; f++) expect(r.centroids[f]).toBeCloseTo(mean[f], 12);
    expect(r.second[0]).toBe(Infinity);
  });
});
