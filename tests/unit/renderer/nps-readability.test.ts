// The review fixes of the NPS view's readability: table intervals to one decimal like the NPS beside them, and
// the reason a group is the reference (named with the significance markers).
import { describe, expect, it } from 'vitest';
import { formatNpsCi1, referenceNote } from '../../../renderer/views/nps/model';

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
