// Drift statistics against scipy 1.10 (tests/fixtures/monitor/drift-reference.py wrote drift-reference.json: seeded
// numpy samples rounded to 4 decimals, scipy's ks_2samp / kstwo.sf / special.smirnov / chi2_contingency /
// jensenshannon(base=2) / wasserstein_distance on them). KS, chi-square and Jensen–Shannon to 1e-9 as the issue
// asks; PSI and the Benjamini–Hochberg adjustment by hand on small cases (the arithmetic is written out below).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kolmogorovSf, smirnovSf } from '../../../main/analysis/monitor/drift/kolmogorov';
import { ks2samp } from '../../../main/analysis/monitor/drift/ks';
import { benjaminiHochberg, binCounts, chiSquareTwoWaves, decileEdges, jensenShannon, normalisedWasserstein, psi, wasserstein } from '../../../main/analysis/monitor/drift/distances';

interface Ref {
  kstwo: { n: number; x: number; sf: number }[];
  smirnov: { n: number; x: number; sf: number }[];
  ks2samp: { name: string; a: number[]; b: number[]; statistic: number; pValue: number }[];
  wasserstein: { name: string; a: number[]; b: number[]; wasserstein: number; normalised: number }[];
  categorical: { name: string; ref: number[]; cur: number[]; chi2: number; pValue: number; df: number; js: number }[];
}
const ref = JSON.parse(readFileSync(new URL('../../fixtures/monitor/drift-reference.json', import.meta.url), 'utf8')) as Ref;
const sorted = (v: number[]) => Float64Array.from(v).sort();

describe('Kolmogorov distribution (scipy kstwo.sf, special.smirnov)', () => {
  it.each(ref.kstwo.map((c) => [c.n, c.x, c.sf]))('kstwo.sf at n=%d, x=%f', (n, x, sf) => {
    expect(Math.abs(kolmogorovSf(n, x) - sf)).toBeLessThan(1e-9);
  });
  it.each(ref.smirnov.map((c) => [c.n, c.x, c.sf]))('smirnov(%d, %f)', (n, x, sf) => {
    expect(Math.abs(smirnovSf(n, x) - sf)).toBeLessThan(1e-9);
  });
});

describe('two-sample KS (scipy ks_2samp, method auto)', () => {
  it.each(ref.ks2samp.map((c) => [c.name, c]))('%s', (_name, c) => {
    const r = ks2samp(sorted(c.a), sorted(c.b));
    expect(Math.abs(r.statistic - c.statistic)).toBeLessThan(1e-12);
    expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(1e-9);
    expect(r.method).toBe(Math.max(c.a.length, c.b.length) <= 10000 ? 'exact' : 'asymp');
  });
});

describe('Wasserstein (scipy wasserstein_distance; normalised by the reference population SD)', () => {
  it.each(ref.wasserstein.map((c) => [c.name, c]))('%s', (_name, c) => {
    expect(wasserstein(sorted(c.a), sorted(c.b))).toBeCloseTo(c.wasserstein, 10);
    expect(normalisedWasserstein(sorted(c.a), sorted(c.b))).toBeCloseTo(c.normalised, 10);
  });
  it('by hand: {0,1} vs {1,2} moves all mass one unit; reference SD 0.5 → normalised 2', () => {
    expect(wasserstein(sorted([0, 1]), sorted([1, 2]))).toBe(1);
    expect(normalisedWasserstein(sorted([0, 1]), sorted([1, 2]))).toBe(2);
  });
  it('a constant reference is normalised by the pooled SD; two identical constants are 0 apart', () => {
    // {5,5} vs {5,7}: W = 1 (half the mass moves 2); pooled {5,5,5,7} has mean 5.5, SD √0.75.
    expect(normalisedWasserstein(sorted([5, 5]), sorted([5, 7]))).toBeCloseTo(1 / Math.sqrt(0.75), 12);
    expect(normalisedWasserstein(sorted([3, 3]), sorted([3, 3, 3]))).toBe(0);
  });
});

describe('categorical: chi2_contingency and jensenshannon(base=2) to 1e-9', () => {
  it.each(ref.categorical.map((c) => [c.name, c]))('%s', (_name, c) => {
    const chi = chiSquareTwoWaves(c.ref, c.cur);
    expect(chi.df).toBe(c.df);
    expect(Math.abs(chi.statistic - c.chi2)).toBeLessThan(1e-9);
    expect(Math.abs(chi.pValue - c.pValue)).toBeLessThan(1e-9);
    expect(Math.abs(jensenShannon(c.ref, c.cur) - c.js)).toBeLessThan(1e-9);
  });
});

describe('PSI by hand', () => {
  it('two bins 50/50 → 40/60: (0.4−0.5)·ln(0.8) + (0.6−0.5)·ln(1.2)', () => {
    expect(psi([50, 50], [40, 60])).toBeCloseTo(-0.1 * Math.log(0.8) + 0.1 * Math.log(1.2), 15);
  });
  it('an empty bin counts as a share of 0.0001', () => {
    // ref shares (0.5, 0.5, 0→0.0001), cur (0.25, 0.25, 0.5)
    const expected = -0.25 * Math.log(0.5) * 2 + (0.5 - 0.0001) * Math.log(0.5 / 0.0001);
    expect(psi([10, 10, 0], [1, 1, 2])).toBeCloseTo(expected, 12);
  });
  it('decile bins of 1…100: edges 10.9, 20.8, …, 90.1 (type-7), right-closed, outer bins open', () => {
    const refValues = sorted(Array.from({ length: 100 }, (_, i) => i + 1));
    const edges = decileEdges(refValues);
    expect(edges.map((e) => Math.round(e * 10) / 10)).toEqual([10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1]);
    expect(binCounts(refValues, edges)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    // Current values beyond the reference range land in the outer bins.
    expect(binCounts(sorted([-5, 10.9, 11, 500]), edges)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(psi(binCounts(refValues, edges), binCounts(refValues, edges))).toBe(0);
  });
  it('bin counts of a sorted sample equal a value-by-value count (ties on the edges, values outside them)', () => {
    // Hand-checkable rule, checked exhaustively: bin k holds edges[k−1] < v ≤ edges[k].
    const values = sorted(Array.from({ length: 2_000 }, (_, i) => ((i * 7919) % 23) - 3));
    for (const edges of [[0, 5, 10], [-10, 30], [2, 2.5, 3], [-3], [19]]) {
      const naive = new Array<number>(edges.length + 1).fill(0);
      for (const v of values) naive[edges.findIndex((e) => v <= e) === -1 ? edges.length : edges.findIndex((e) => v <= e)]++;
      expect(binCounts(values, edges)).toEqual(naive);
    }
  });
  it('a column with few distinct values keeps only distinct edges', () => {
    // 10 values: deciles at h = 0.9…8.1 → 1 (×6, kept once), 1 + 0.3 (h = 6.3), 2 (h = 7.2, 8.1 → kept once).
    const edges = decileEdges(sorted([1, 1, 1, 1, 1, 1, 1, 2, 2, 2]));
    expect(edges.length).toBe(3);
    expect(edges[0]).toBe(1);
    expect(edges[1]).toBeCloseTo(1.3, 12);
    expect(edges[2]).toBe(2);
  });
});

describe('Benjamini–Hochberg by hand', () => {
  it('p = (0.01, 0.04, 0.03, 0.5), m = 4 → sorted ranks 1..4: 0.04, min(0.06,0.053)=0.0533, 0.0533, 0.5', () => {
    const adj = benjaminiHochberg([0.01, 0.04, 0.03, 0.5]);
    expect(adj[0]).toBeCloseTo(0.04, 15);
    expect(adj[2]).toBeCloseTo(0.04 * 4 / 3, 15);
    expect(adj[1]).toBeCloseTo(0.04 * 4 / 3, 15);
    expect(adj[3]).toBeCloseTo(0.5, 15);
  });
  it('caps at 1 and leaves NaN out of m', () => {
    const adj = benjaminiHochberg([0.9, Number.NaN, 0.8]);
    expect(adj[0]).toBeCloseTo(0.9, 15);
    expect(adj[2]).toBeCloseTo(0.9, 15);
    expect(Number.isNaN(adj[1])).toBe(true);
  });
});
