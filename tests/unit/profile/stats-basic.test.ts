// Reference values computed once with numpy 1.x (np.mean, np.median, np.std(ddof=1), np.percentile with its
// default linear interpolation) and written in here.
import { describe, expect, it } from 'vitest';
import {
  countAbove,
  countBelow,
  datePeriodCounts,
  duplicatesSorted,
  histogramSorted,
  quantileSorted,
  sortedCopy,
  summariseSorted,
  tukeyOutliers,
  valueCountsSorted,
} from '../../../main/analysis/stats-basic';

const spend = sortedCopy([12, 7, 7, 3, 45, 18, 7, 21, 9, 1000]);

describe('stats-basic', () => {
  it('matches numpy on mean, median, sample std and quartiles', () => {
    const s = summariseSorted(spend);
    expect(s).not.toBeNull();
    expect(s?.mean).toBeCloseTo(112.9, 12);
    expect(s?.median).toBe(10.5);
    expect(s?.std).toBeCloseTo(311.93070811747066, 10);
    expect(s?.distinct).toBe(8);
    expect(quantileSorted(spend, 0.25)).toBe(7);
    expect(quantileSorted(spend, 0.75)).toBe(20.25);
  });

  it('uses Tukey fences at 1.5 IQR', () => {
    // IQR = 13.25 -> fences -12.875 and 40.125: 45 and 1000 are outside.
    expect(tukeyOutliers(spend)).toEqual({ count: 2, lower: -12.875, upper: 40.125 });
  });

  it('returns null std for a single value and null summary for none', () => {
    expect(summariseSorted(sortedCopy([5]))?.std).toBeNull();
    expect(summariseSorted(new Float64Array(0))).toBeNull();
  });

  it('counts around thresholds with binary search', () => {
    expect(countBelow(spend, 7)).toBe(1);
    expect(countBelow(spend, 7.5)).toBe(4);
    expect(countAbove(spend, 21)).toBe(2);
    expect(countAbove(spend, 1000)).toBe(0);
  });

  it('gives one bin per integer for small integer ranges, gaps included', () => {
    const h = histogramSorted(sortedCopy([0, 0, 1, 3, 3, 3, 10]));
    expect(h).toHaveLength(11);
    expect(h[0]).toEqual({ from: -0.5, to: 0.5, count: 2 });
    expect(h[2].count).toBe(0);
    expect(h[3].count).toBe(3);
    expect(h[10]).toEqual({ from: 9.5, to: 10.5, count: 1 });
  });

  it('bins continuous data by Freedman-Diaconis within 5..30 bins, covering every value', () => {
    const values = sortedCopy(Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100 + i / 10));
    const h = histogramSorted(values);
    expect(h.length).toBeGreaterThanOrEqual(5);
    expect(h.length).toBeLessThanOrEqual(30);
    expect(h.reduce((a, b) => a + b.count, 0)).toBe(1000);
    expect(h[0].from).toBe(values[0]);
    expect(h[h.length - 1].to).toBe(values[999]);
    // A heavy tail (1000 among small values) is clamped to 30 bins rather than hundreds.
    expect(histogramSorted(spend).length).toBeLessThanOrEqual(30);
    expect(histogramSorted(spend).reduce((a, b) => a + b.count, 0)).toBe(10);
  });

  it('lists value runs and duplicates', () => {
    expect(valueCountsSorted(sortedCopy([2, 1, 2, 2]))).toEqual([
      { value: 1, count: 1 },
      { value: 2, count: 3 },
    ]);
    expect(valueCountsSorted(spend, 3)).toBeNull();
    expect(duplicatesSorted(spend)).toEqual({ extra: 2, example: 7, exampleCount: 3 });
    expect(duplicatesSorted(sortedCopy([1, 2, 3]))).toBeNull();
  });

  it('buckets dates by month, year or decade depending on the span', () => {
    expect(datePeriodCounts(new Map([['2024-02', 3], ['2024-01', 2]]))).toEqual([
      { value: '2024-01', count: 2 },
      { value: '2024-02', count: 3 },
    ]);
    expect(datePeriodCounts(new Map([['2020-02', 3], ['2024-01', 2], ['2024-05', 1]]))).toEqual([
      { value: '2020', count: 3 },
      { value: '2024', count: 3 },
    ]);
    expect(datePeriodCounts(new Map([['1951-02', 1], ['1958-01', 2], ['2001-05', 1]]))).toEqual([
      { value: '1950s', count: 3 },
      { value: '2000s', count: 1 },
    ]);
  });
});
