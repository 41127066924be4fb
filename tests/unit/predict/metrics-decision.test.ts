// Lift and gains, the confusion matrix, and threshold choice by cost ratio and by capacity, on small cases computed
// by hand (the working is in the comments next to each expected number).
import { describe, expect, it } from 'vitest';
import { confusionAt, liftTable, thresholdByCapacity, thresholdByCost } from '../../../main/analysis/predict/decision';

// Twelve rows, already in descending probability: 5 positives, 7 negatives.
const P12 = Float64Array.of(0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.45, 0.3, 0.3, 0.2, 0.1, 0.05);
const Y12 = Uint8Array.of(1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0);

describe('lift and cumulative gains by decile', () => {
  // Twenty rows with probabilities 1.00, 0.95, …, 0.05 and 5 positives at ranks 1, 2, 4, 7, 12 (overall rate .25).
  // Deciles of 2 rows: positives 2,1,0,1,0,1,0,0,0,0 → lift = (k/2)/.25 = 4,2,0,2,0,2,0,0,0,0;
  // cumulative positives 2,3,3,4,4,5,… → gains .4,.6,.6,.8,.8,1,…; cumulative lift = cum/(2g)/.25 = 4,3,2,2,1.6,5/3,….
  const ranked = Array.from({ length: 20 }, (_, i) => (20 - i) / 20);
  const positivesAt = new Set([0, 1, 3, 6, 11]);
  // Feed the rows in a scrambled order: the table must sort them itself.
  const scramble = Array.from({ length: 20 }, (_, i) => (i * 7) % 20);
  const p = Float64Array.from(scramble, (r) => ranked[r]);
  const y = Uint8Array.from(scramble, (r) => (positivesAt.has(r) ? 1 : 0));

  it('has the hand-computed lift, gains and cumulative lift', () => {
    const t = liftTable(y, p);
    expect(t.map((r) => r.rows)).toEqual(Array(10).fill(2));
    expect(t.map((r) => r.positives)).toEqual([2, 1, 0, 1, 0, 1, 0, 0, 0, 0]);
    expect(t.map((r) => r.lift)).toEqual([4, 2, 0, 2, 0, 2, 0, 0, 0, 0]);
    expect(t.map((r) => r.gain)).toEqual([0.4, 0.6, 0.6, 0.8, 0.8, 1, 1, 1, 1, 1]);
    const cumulativeLift = [4, 3, 2, 2, 1.6, 5 / 3, 10 / 7, 1.25, 10 / 9, 1];
    t.forEach((r, k) => expect(r.cumulativeLift).toBeCloseTo(cumulativeLift[k], 14));
    expect(t[0]).toMatchObject({ group: 1, minProbability: 0.95, maxProbability: 1, rate: 1, cumulativeRows: 2, cumulativePositives: 2 });
    expect(t[9]).toMatchObject({ group: 10, minProbability: 0.05, maxProbability: 0.1, cumulativeRows: 20, cumulativePositives: 5 });
  });

  it('splits rows that do not divide evenly into groups differing by at most one row', () => {
    // 23 rows: boundaries ⌊g·23/10⌋ = 0,2,4,6,9,11,13,16,18,20,23.
    const n = 23;
    const t = liftTable(Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)), Float64Array.from({ length: n }, (_, i) => 1 - i / n));
    expect(t.map((r) => r.rows)).toEqual([2, 2, 2, 3, 2, 2, 3, 2, 2, 3]);
    // Rows i%3 = 0 are positives (i = 0,3,…,21): groups {0,1} {2,3} {4,5} {6,7,8} {9,10} {11,12} {13,14,15} {16,17}
    // {18,19} {20,21,22} hold 1,1,0,1,1,1,1,0,1,1 of them.
    expect(t.map((r) => r.positives)).toEqual([1, 1, 0, 1, 1, 1, 1, 0, 1, 1]);
    expect(t[9].gain).toBe(1);
    expect(liftTable(Uint8Array.of(1, 0, 0, 1), Float64Array.of(0.9, 0.1, 0.5, 0.4), 4).map((r) => r.positives)).toEqual([1, 0, 1, 0]);
  });

  it('refuses impossible groupings', () => {
    expect(() => liftTable(Uint8Array.of(1, 0), Float64Array.of(0.9, 0.1))).toThrow(/Cannot split 2 rows into 10 lift groups/);
    expect(() => liftTable(y, p, 2.5)).toThrow(/positive integer/);
  });
});

describe('confusion matrix at a threshold', () => {
  it('flags rows with probability ≥ threshold', () => {
    // ≥ .5 flags the first six rows: TP = rows 0, 2, 3 → 3; FP = rows 1, 4, 5 → 3; FN = 2; TN = 4.
    const c = confusionAt(Y12, P12, 0.5);
    expect(c).toMatchObject({ truePositives: 3, falsePositives: 3, falseNegatives: 2, trueNegatives: 4, flagged: 6, precision: 0.5, recall: 0.6 });
    expect(c.specificity).toBeCloseTo(4 / 7, 15);
    expect(c.accuracy).toBeCloseTo(7 / 12, 15);
    expect(c.f1).toBeCloseTo((2 * 0.5 * 0.6) / 1.1, 15);
    const none = confusionAt(Y12, P12, Number.POSITIVE_INFINITY);
    expect(none).toMatchObject({ flagged: 0, precision: null, f1: null, recall: 0, specificity: 1, falseNegatives: 5 });
    expect(confusionAt(Y12, P12, 0).flagged).toBe(12);
    expect(() => confusionAt(Y12, P12, Number.NaN)).toThrow(/not a number/);
  });
});

describe('threshold by cost ratio', () => {
  // Flagging at each distinct probability (TP, FP): none (0,0), .9 (1,0), .8 (2,1), .7 (3,1), .6 (3,2), .5 (3,3),
  // .45 (4,3), .3 (4,5), .2 (5,5), .1 (5,6), .05 (5,7). Cost = (5 − TP)·c + FP.
  it('c = 1: costs 5,4,4,3,4,5,4,6,5,6,7 → .7 at cost 3', () => {
    const t = thresholdByCost(Y12, P12, 1);
    expect(t).toMatchObject({ rule: 'cost', threshold: 0.7, cost: 3, costFlagNone: 5, costFlagAll: 7, calibratedThreshold: 0.5 });
    expect(t.confusion).toMatchObject({ truePositives: 3, falsePositives: 1, flagged: 4 });
  });

  it('c = 5 (a missed churner costs 5× an unneeded offer): 25,20,16,11,12,13,8,10,5,6,7 → .2 at cost 5', () => {
    const t = thresholdByCost(Y12, P12, 5);
    expect(t).toMatchObject({ threshold: 0.2, cost: 5, costFlagNone: 25 });
    expect(t.confusion.flagged).toBe(10);
    expect(t.calibratedThreshold).toBeCloseTo(1 / 6, 15);
  });

  it('c = 2: costs 10,8,7,5,6,7,5,7,5,6,7 tie at .7, .45 and .2 → the highest threshold, .7', () => {
    expect(thresholdByCost(Y12, P12, 2)).toMatchObject({ threshold: 0.7, cost: 5 });
  });

  it('when the best-scored row is a negative and misses are cheap, flagging nobody is cheapest', () => {
    // y 0,1,0,1 at .9,.8,.7,.1 with c = .5: none → 2·.5 = 1; .9 (TP 0, FP 1) → 2·.5 + 1 = 2; .8 (1,1) → 1.5;
    // .7 (1,2) → 2.5; .1 (2,2) → 2. Nobody wins at 1.
    const t = thresholdByCost(Uint8Array.of(0, 1, 0, 1), Float64Array.of(0.9, 0.8, 0.7, 0.1), 0.5);
    expect(t.threshold).toBe(Number.POSITIVE_INFINITY);
    expect(t.cost).toBe(1);
    expect(t.confusion.flagged).toBe(0);
  });

  it('refuses a cost ratio that is not a positive number', () => {
    expect(() => thresholdByCost(Y12, P12, 0)).toThrow(/must be a positive number; got 0/);
    expect(() => thresholdByCost(Y12, P12, Number.POSITIVE_INFINITY)).toThrow(/positive number/);
  });
});

describe('threshold by capacity', () => {
  const p = Float64Array.of(0.5, 0.8, 0.9, 0.8, 0.4, 0.8);

  it('flags at most the capacity, leaving out a tie group that would overshoot it', () => {
    expect(thresholdByCapacity(p, 1)).toEqual({ rule: 'capacity', capacity: 1, threshold: 0.9, flagged: 1, tiedLeftOut: 0 });
    // Three rows tie at .8: taking them would flag 4 > 2, so only the .9 row is flagged.
    expect(thresholdByCapacity(p, 2)).toEqual({ rule: 'capacity', capacity: 2, threshold: 0.9, flagged: 1, tiedLeftOut: 3 });
    expect(thresholdByCapacity(p, 4)).toMatchObject({ threshold: 0.8, flagged: 4, tiedLeftOut: 0 });
    expect(thresholdByCapacity(p, 5)).toMatchObject({ threshold: 0.5, flagged: 5, tiedLeftOut: 0 });
    expect(thresholdByCapacity(p, 500)).toMatchObject({ threshold: 0.4, flagged: 6 });
    // Everyone tied and a capacity below the group: nobody can be chosen fairly.
    expect(thresholdByCapacity(Float64Array.of(0.3, 0.3, 0.3), 2)).toMatchObject({ threshold: Number.POSITIVE_INFINITY, flagged: 0, tiedLeftOut: 3 });
    // The threshold flags exactly `flagged` rows.
    const t = thresholdByCapacity(P12, 3);
    expect(t).toMatchObject({ threshold: 0.8, flagged: 3 });
    expect(confusionAt(Y12, P12, t.threshold).flagged).toBe(3);
  });

  it('refuses a capacity that is not a whole number of customers', () => {
    expect(() => thresholdByCapacity(p, 0)).toThrow(/at least 1/);
    expect(() => thresholdByCapacity(p, 2.5)).toThrow(/whole number/);
  });
});
