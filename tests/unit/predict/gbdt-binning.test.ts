// binFeatures' unrolled search over thresholds padded to 256 slots gives binOf's bins (the plain binary search, itself
// checked against scikit-learn's _BinMapper in gbdt-sklearn.test.ts), for every threshold count the mapper can make
// (0 … 254), values equal to a threshold, below the first, above the last, and missing. Data: seeded mulberry32.
import { describe, expect, it } from 'vitest';
import { binFeatures, binOf, MISSING_BIN, type BinMapper } from '../../../main/analysis/predict/gbdt/binning';
import { createRng } from '../../../main/analysis/random';

describe('binFeatures', () => {
  it('equals binOf value by value for every threshold count', () => {
    const rng = createRng(12);
    const counts = [0, 1, 2, 3, 7, 8, 127, 128, 129, 200, 254];
    const thresholds = counts.map((c) => {
      const t = Float64Array.from({ length: c }, () => rng.normal() * 3).sort();
      // Ties are impossible in a real mapper (midpoints of distinct values); keep them strictly increasing.
      for (let i = 1; i < t.length; i++) if (t[i] <= t[i - 1]) t[i] = t[i - 1] + 1e-9;
      return t;
    });
    const n = 3000;
    const features = thresholds.map((t) =>
      Float64Array.from({ length: n }, (_, i) => {
        if (i % 17 === 0) return NaN;
        if (t.length > 0 && i % 5 === 0) return t[Math.floor(rng.next() * t.length)]; // exactly a threshold
        return rng.normal() * 4;
      }),
    );
    const mapper: BinMapper = { thresholds, nBinsNonMissing: Int32Array.from(thresholds, (t) => t.length + 1) };
    const rows = Uint32Array.from({ length: n / 2 }, (_, i) => 2 * i + 1);
    const bins = binFeatures(features, mapper, rows);
    features.forEach((col, f) => {
      const expected = Uint8Array.from(rows, (r) => binOf(thresholds[f], col[r]));
      expect(bins[f]).toEqual(expected);
    });
    expect(bins[0].every((b) => b === 0 || b === MISSING_BIN)).toBe(true);
    expect(Math.max(...bins[bins.length - 1].filter((b) => b !== MISSING_BIN))).toBe(254);
  });
});
