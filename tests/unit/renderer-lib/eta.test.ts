// The time-left estimate of the progress bars (renderer/lib/eta.ts). Expected values by hand: remaining =
// elapsed × (1 − f) / f, e.g. 10 s at 25% → 10 × 0.75 / 0.25 = 30 s; shown only from 2 s and 5%.
import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatRemaining, fractionDone } from '../../../renderer/lib/eta';

describe('estimateRemainingMs', () => {
  it('assumes the rest goes at the average pace so far', () => {
    expect(estimateRemainingMs(10_000, 0.25)).toBe(30_000);
    expect(estimateRemainingMs(60_000, 0.8)).toBeCloseTo(15_000, 9); // 60 × 0.2 / 0.8
    expect(estimateRemainingMs(2_000, 0.05)).toBeCloseTo(38_000, 9); // the first moment it is shown: 2 × 0.95 / 0.05
    expect(estimateRemainingMs(61_000, 0.5)).toBe(61_000);
  });
  it('says nothing while it would be noise, or once done', () => {
    expect(estimateRemainingMs(1_999, 0.5)).toBeNull(); // under 2 s
    expect(estimateRemainingMs(30_000, 0.049)).toBeNull(); // under 5%
    expect(estimateRemainingMs(30_000, 1)).toBeNull();
    expect(estimateRemainingMs(30_000, Number.NaN)).toBeNull();
  });
});

describe('formatRemaining', () => {
  it('rounds to what a person can use', () => {
    expect(formatRemaining(7_000)).toBe('a few seconds left');
    expect(formatRemaining(30_000)).toBe('about 30 s left');
    expect(formatRemaining(38_000)).toBe('about 40 s left'); // nearest 5 s
    expect(formatRemaining(58_000)).toBe('about 1 min left');
    expect(formatRemaining(125_000)).toBe('about 2 min left');
    expect(formatRemaining(3_900_000)).toBe('about 1 h 5 min left'); // 65 min
    expect(formatRemaining(7_200_000)).toBe('about 2 h left');
  });
});

describe('fractionDone', () => {
  it('prefers the job’s whole-job fraction, else the step’s done/total, else unknown', () => {
    expect(fractionDone({ done: 3, total: 9, fraction: 0.42 })).toBe(0.42);
    expect(fractionDone({ done: 3, total: 12 })).toBe(0.25);
    expect(fractionDone({ done: 0, total: null })).toBeNull();
    expect(fractionDone({ done: 20, total: 10 })).toBe(1);
  });
});
