// The cohorts cache's four-byte encodings (main/workspace/monitor/cohorts/compact.ts) must return every value bit
// for bit, or refuse. Hand-made values: amounts as the import reads "12.34" (1234 / 100), times as epoch ms.
import { describe, expect, it } from 'vitest';
import { asCents, asSeconds, fromCents, fromSeconds } from '../../../main/workspace/monitor/cohorts/compact';

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('cohorts cache: amounts as hundredths', () => {
  it('round-trips cents, whole amounts, negatives and missing values exactly', () => {
    const v = Float64Array.from([1234 / 100, 0.1, 0.07, 19.99, -5.5, 0, 250, Number.NaN, 21474836.47, -21474836.47]);
    const c = asCents(v);
    expect(c).not.toBeNull();
    expect(Array.from(c!.slice(0, 7))).toEqual([1234, 10, 7, 1999, -550, 0, 25000]);
    expect(same(fromCents(c!), v)).toBe(true);
  });

  it('refuses what hundredths would change: a third decimal, −0, the range, the missing marker', () => {
    expect(asCents(Float64Array.from([1.5, 0.125]))).toBeNull();
    expect(asCents(Float64Array.from([1, -0]))).toBeNull();
    expect(asCents(Float64Array.from([21474836.48]))).toBeNull();
    expect(asCents(Float64Array.from([-21474836.48]))).toBeNull();
    expect(asCents(Float64Array.from([1 / 3]))).toBeNull();
    expect(asCents(Float64Array.from([Number.POSITIVE_INFINITY]))).toBeNull();
  });
});

describe('cohorts cache: times as seconds', () => {
  it('round-trips whole-second times from the earliest one', () => {
    const t = Float64Array.from([Date.UTC(2024, 0, 5, 10, 0, 1), Date.UTC(2023, 11, 31), Date.UTC(2025, 5, 30, 23, 59, 59)]);
    const s = asSeconds(t);
    expect(s).not.toBeNull();
    expect(s!.base).toBe(Date.UTC(2023, 11, 31));
    expect(Array.from(s!.values)).toEqual([(t[0] - t[1]) / 1000, 0, (t[2] - t[1]) / 1000]);
    expect(same(fromSeconds(s!.values, s!.base), t)).toBe(true);
  });

  it('refuses milliseconds, a missing time, more than 2^31 seconds, and an empty log', () => {
    expect(asSeconds(Float64Array.from([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1) + 5]))).toBeNull();
    expect(asSeconds(Float64Array.from([Date.UTC(2024, 0, 1), Number.NaN]))).toBeNull();
    expect(asSeconds(Float64Array.from([0, 2 ** 31 * 1000]))).toBeNull();
    expect(asSeconds(new Float64Array(0))).toBeNull();
  });
});
