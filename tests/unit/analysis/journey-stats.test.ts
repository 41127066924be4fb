// The t quantile against scipy.stats.t.ppf, and quickselect quantiles against a full sort (stats-basic).
import { describe, expect, it } from 'vitest';
import { meanCiFromSums, quantilesInPlace, selectInPlace, tQuantile } from '../../../main/analysis/journey';
import { mulberry32 } from '../../../main/analysis/random';
import { quantileSorted, sortedCopy } from '../../../main/analysis/stats-basic';

describe('tQuantile', () => {
  it('matches scipy.stats.t.ppf(0.975, df)', () => {
    // scipy 1.x: t.ppf(0.975, [1, 2, 3, 5, 10, 30, 100, 1000, 1e6])
    const ref: [number, number][] = [
      [1, 12.706204736432095],
      [2, 4.302652729911275],
      [3, 3.182446305284263],
      [5, 2.5705818366147395],
      [10, 2.2281388519649385],
      [30, 2.0422724563012373],
      [100, 1.9839715184496334],
      [1000, 1.9623390808264074],
      [1e6, 1.9599663568141066],
    ];
    for (const [df, q] of ref) expect(Math.abs(tQuantile(0.975, df) - q) / q).toBeLessThan(1e-9);
  });

  it('other tails and symmetry: t.ppf(0.9, 4), t.ppf(0.01, 7)', () => {
    expect(tQuantile(0.9, 4)).toBeCloseTo(1.533206273713144, 9);
    expect(tQuantile(0.01, 7)).toBeCloseTo(-2.9979515668685286, 9);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(tQuantile(0, 3)).toBeNaN();
    expect(tQuantile(0.9, 0)).toBeNaN();
  });

  it('mean CI from shifted sums equals the textbook interval', () => {
    const xs = [3, 4, 4, 5, 1, 2];
    const shift = 3;
    const d = xs.map((x) => x - shift);
    const ci = meanCiFromSums(xs.length, d.reduce((a, b) => a + b, 0), d.reduce((a, b) => a + b * b, 0), shift);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    const half = 2.5705818366147395 * (sd / Math.sqrt(xs.length));
    expect(ci?.mean).toBeCloseTo(mean, 12);
    expect(ci?.ci?.[0]).toBeCloseTo(mean - half, 8);
    expect(ci?.ci?.[1]).toBeCloseTo(mean + half, 8);
    expect(meanCiFromSums(0, 0, 0, 0)).toBeNull();
    expect(meanCiFromSums(1, 0, 0, 7)).toEqual({ mean: 7, n: 1, ci: null });
  });
});

describe('quickselect quantiles', () => {
  const ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
  it('equal type-7 quantiles of the sorted values, on random, tied, sorted and reversed slices', () => {
    const rand = mulberry32(7);
    const makers: ((n: number) => number[])[] = [
      (n) => Array.from({ length: n }, () => rand() * 1000),
      (n) => Array.from({ length: n }, () => Math.floor(rand() * 4)),
      (n) => Array.from({ length: n }, (_, i) => i),
      (n) => Array.from({ length: n }, (_, i) => n - i),
      (n) => Array.from({ length: n }, () => 5),
    ];
    for (const make of makers) {
      for (const n of [1, 2, 3, 47, 48, 49, 100, 1001, 20_000]) {
        const values = make(n);
        const sorted = sortedCopy(values);
        // Embedded in a bigger buffer, so the slice bounds are exercised too.
        const buf = Float64Array.from([-1e9, -1e9, ...values, 1e9]);
        const got = quantilesInPlace(buf, 2, 2 + n, ps);
        const want = ps.map((p) => quantileSorted(sorted, p));
        expect(got).toEqual(want);
        expect(buf[0]).toBe(-1e9);
        expect(buf[buf.length - 1]).toBe(1e9);
      }
    }
  });

  it('selectInPlace places the k-th smallest', () => {
    const rand = mulberry32(3);
    const values = Array.from({ length: 5000 }, () => Math.round(rand() * 100));
    const sorted = sortedCopy(values);
    for (const k of [0, 1, 2499, 2500, 4998, 4999]) {
      const a = Float64Array.from(values);
      selectInPlace(a, 0, a.length, k);
      expect(a[k]).toBe(sorted[k]);
    }
  });

  it('an empty slice gives NaN', () => {
    expect(quantilesInPlace(new Float64Array(3), 1, 1, [0.5])).toEqual([Number.NaN]);
  });
});
