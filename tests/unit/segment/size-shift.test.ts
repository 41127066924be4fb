// Segment sizes between two waves (main/analysis/segment/size-shift.ts). Reference values:
//   scipy.stats.chi2_contingency([[50, 30, 20], [40, 30, 30]]) → statistic 3.111111111111111, p 0.2110720877910903, df 2
//   PSI of shares .5/.3/.2 → .4/.3/.3 by hand: −0.1·ln 0.8 + 0.1·ln 1.5 = 0.06286086594223739 (numpy gives the same)
//   scipy on [[500, 300, 200], [300, 300, 400]] → statistic 116.66666666666669, p 4.6e-26; PSI by numpy 0.2407945608651872
//   (moderate: 0.1–0.25): the mix shifted.
import { describe, expect, it } from 'vitest';
import { segmentSizeShift } from '../../../main/analysis/segment/size-shift';

describe('segmentSizeShift', () => {
  it('equals scipy’s chi-square and the hand PSI, and says the mix did not shift beyond chance', () => {
    const s = segmentSizeShift(['A', 'B', 'C'], [50, 30, 20], [40, 30, 30]);
    expect(s.chiSquare).toBeCloseTo(3.111111111111111, 12);
    expect(s.pValue).toBeCloseTo(0.2110720877910903, 10);
    expect(s.df).toBe(2);
    expect(s.psi).toBeCloseTo(0.06286086594223739, 14);
    expect(s.band).toBe('stable');
    expect(s.segments[2]).toEqual({ name: 'C', from: 20, to: 30, fromShare: 0.2, toShare: 0.3 });
    expect(s.sentence).toBe('The segment mix did not shift beyond chance (chi-square p = 0.21, PSI 0.063: stable); the largest change: “A” shrank from 50.0% to 40.0%; “C” grew from 20.0% to 30.0%.');
  });

  it('a real shift is said as one', () => {
    const s = segmentSizeShift(['A', 'B', 'C'], [500, 300, 200], [300, 300, 400]);
    expect(s.chiSquare).toBeCloseTo(116.66666666666669, 9);
    expect(s.psi).toBeCloseTo(0.2407945608651872, 14);
    expect(s.pValue).toBeLessThan(1e-15);
    expect(s.band).toBe('moderate');
    expect(s.sentence).toMatch(/^The segment mix shifted \(chi-square p = .*: moderate\): “A” shrank from 50\.0% to 30\.0%; “C” grew from 20\.0% to 40\.0%\.$/);
  });
});
