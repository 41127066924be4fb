// The review fixes of the NPS view's readability: table intervals to one decimal like the NPS beside them, and
// the reason a group is the reference (named with the significance markers).
import { describe, expect, it } from 'vitest';
import { formatNpsCi1, referenceNote } from '../../../renderer/views/nps/model';
import { niceTicks, sharedPerformanceScale } from '../../../renderer/charts/nps-figures';

describe('NPS readability helpers', () => {
  it('table intervals read to one decimal with true minus signs', () => {
    expect(formatNpsCi1([12.345, 17.06])).toBe('+12.3 to +17.1');
    expect(formatNpsCi1([-4.26, 0.04])).toBe('−4.3 to 0.0');
    expect(formatNpsCi1(null)).toBe('—');
  });

  it('the reference is the largest group unless the analyst chose one', () => {
    expect(referenceNote({ spec: { dataset: 'd', score: 's', by: 'region' } })).toBe('the largest group');
    expect(referenceNote({ spec: { dataset: 'd', score: 's', by: 'region', reference: 'North' } })).toBe('chosen in the set-up');
  });
});

describe('quadrant performance in the drivers’ own units', () => {
  it('finds the common scale of drivers on one observed range (1–5 ratings)', () => {
    const drivers = [3.4, 2.2, 4.1].map((m) => ({ performance: m, performanceScaled: (m - 1) / 4 }));
    const scale = sharedPerformanceScale(drivers)!;
    expect(scale.lo).toBeCloseTo(1, 9);
    expect(scale.hi).toBeCloseTo(5, 9);
    expect(scale.toOriginal(0.6)).toBeCloseTo(3.4, 9);
  });

  it('gives none for drivers on different scales or a flipped driver', () => {
    expect(sharedPerformanceScale([
      { performance: 3.4, performanceScaled: 0.6 },
      { performance: 2.2, performanceScaled: 0.3 },
      { performance: 120, performanceScaled: 0.4 },
    ])).toBeNull();
    expect(sharedPerformanceScale([
      { performance: 2, performanceScaled: 0.75 },
      { performance: 4, performanceScaled: 0.25 },
    ])).toBeNull();
    expect(sharedPerformanceScale([{ performance: 3, performanceScaled: 0.5 }])).toBeNull();
  });

  it('round ticks cover the range', () => {
    expect(niceTicks(2.6, 4.2, 6)).toEqual([3, 3.5, 4]);
    expect(niceTicks(2.6, 4.2, 8)).toEqual([2.6, 2.8, 3, 3.2, 3.4, 3.6, 3.8, 4, 4.2]);
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});
