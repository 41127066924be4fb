// The disparity chart's rows mark a comparison resting on too few people (drawn grey and open, never judged), on the
// hand-built audit of tests/unit/renderer/audit-fixture.ts (minimum group size 5): selection Male 5/8 vs Female 3/10
// — both denominators ≥ 5, reliable; Non-binary 0/2 — 2 < 5, unreliable. FNR: Male 0/4 (4 < 5) and Non-binary 2/2
// are both unreliable; with a minimum of 4, Male's FNR counts again.
import { describe, expect, it } from 'vitest';
import { disparityRows } from '../../../renderer/charts/audit-figures';
import { labelledAudit } from '../renderer/audit-fixture';

const groupRows = (r: ReturnType<typeof disparityRows>) => r.rows.filter((x) => x.kind === 'group').map((x) => (x.kind === 'group' ? [x.group, x.unreliable] : []));

describe('disparity chart rows', () => {
  it('selection rate: Male reliable; Non-binary (ratio 0, drawn at the floor) unreliable', () => {
    expect(groupRows(disparityRows(labelledAudit(), 'selectionRate', ['gender']))).toEqual([
      ['Male', false],
      ['Non-binary', true],
    ]);
  });

  it('FNR: both rest on fewer than 5 positives; a minimum of 4 makes Male reliable', () => {
    expect(groupRows(disparityRows(labelledAudit(), 'fnr', ['gender']))).toEqual([
      ['Male', true],
      ['Non-binary', true],
    ]);
    const r = labelledAudit();
    r.spec.minGroupSize = 4;
    expect(groupRows(disparityRows(r, 'fnr', ['gender']))).toEqual([
      ['Male', false],
      ['Non-binary', true],
    ]);
  });
});
