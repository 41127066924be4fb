// medianInPlace (main/analysis/select.ts), the segmentation's imputation median: exact against the median of the
// fully sorted values (numpy's median: the middle value, or the mean of the two middle values), on data that
// exercises its one-pass bracket (large slices) and its fallback (a sample that misses the middle).
// Fixtures: generated here with mulberry32; the reference is Float64Array.prototype.sort.
import { describe, expect, it } from 'vitest';
import { medianInPlace } from '../../../main/analysis/select';
import { mulberry32 } from '../../../main/analysis/random';

function sortedMedian(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

function check(v: Float64Array): { median: number; refilled: boolean } {
  const a = Float64Array.from(v);
  let refilled = false;
  const median = medianInPlace(a, a.length, () => {
    refilled = true;
    a.set(v);
  });
  expect(median).toBe(sortedMedian(v));
  return { median, refilled };
}

describe('medianInPlace', () => {
  const rnd = mulberry32(17);
  const make = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const cases: [string, Float64Array][] = [
    ['uniform, odd length', make(100_001, () => rnd())],
    ['uniform, even length', make(100_000, () => rnd() * 1e6 - 5e5)],
    ['heavy ties: six integer levels', make(200_000, () => Math.floor(rnd() * 6))],
    ['ties at the middle: two levels, about half each', make(65_536, () => (rnd() < 0.5 ? 1 : 0))],
    ['all equal', make(50_000, () => 3.25)],
    ['sorted', make(70_000, (i) => i)],
    ['reverse sorted', make(70_001, (i) => -i)],
    ['skewed (log-normal-like)', make(123_457, () => Math.exp(6 * (rnd() - 0.5)))],
    ['small (direct selection)', make(1_001, () => rnd())],
  ];
  for (const [name, v] of cases) {
    it(`${name}: equals the sorted median, without the fallback`, () => {
      expect(check(v).refilled).toBe(false);
    });
  }

  it('a sample that misses the middle (every sampled position holds a huge value): falls back, still exact', () => {
    const n = 100_000;
    const stride = Math.floor(n / 2048);
    const v = make(n, (i) => (i % stride === 0 ? 1e9 + i : rnd()));
    const { refilled } = check(v);
    expect(refilled).toBe(true);
  });

  it('a periodic slice the sample strides in step with (every sampled value 0, half the values 1): falls back, still exact', () => {
    const v = make(65_536, (i) => (i % 2 ? 1 : 0));
    expect(check(v)).toEqual({ median: 0.5, refilled: true });
  });

  it('empty: NaN', () => {
    expect(medianInPlace(new Float64Array(0), 0, () => undefined)).toBeNaN();
  });
});
