// "Compare with another wave" helpers (renderer/views/nps/drivers-stability-model.ts), on hand-made inputs:
// which datasets can be the other wave (all of target + drivers present, not the analysed one), and the chart's
// table rows and sentence from a two-driver stability block written out by hand.
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../shared/domain';
import type { DriversStability } from '../../../shared/nps';
import { comparableWaves, stabilitySummary, stabilityTable } from '../../../renderer/views/nps/drivers-stability-model';

const ds = (name: string, cols: string[]) => ({ name, columns: cols.map((c) => ({ name: c })) }) as unknown as DatasetSummary;

const S: DriversStability = {
  reference: 'Q1',
  current: 'Q2',
  referenceN: 100,
  currentN: 120,
  referenceR2: 0.5,
  level: 0.9,
  method: 'm',
  pairs: 50,
  drivers: [
    { name: 'price', reference: { weight: 0.25, ci: [0.2, 0.3] }, current: { weight: 0.05, ci: [0.02, 0.08] }, difference: -0.2, differenceCi: [-0.26, -0.14], changed: true },
    { name: 'speed', reference: { weight: 0.3, ci: [0.25, 0.35] }, current: { weight: 0.31, ci: [0.26, 0.36] }, difference: 0.01, differenceCi: [-0.06, 0.08], changed: false },
  ],
  topReference: ['speed', 'price'],
  topCurrent: ['speed', 'price'],
  rankChanged: false,
  notCompared: [],
  sentence: 's',
};

describe('compare with another wave', () => {
  it('offers only other datasets holding the target and every driver', () => {
    const all = [ds('Q2', ['nps', 'a', 'b']), ds('Q1', ['nps', 'a', 'b', 'c']), ds('Partial', ['nps', 'a']), ds('Q3', ['b', 'a', 'nps'])];
    expect(comparableWaves(all, { dataset: 'Q2', target: 'nps', drivers: ['a', 'b'] })).toEqual(['Q1', 'Q3']);
  });

  it('tabulates both waves and the difference, and says it in one sentence', () => {
    const t = stabilityTable(S);
    expect(t.columns.map((c) => c.label)).toEqual([
      'Driver',
      'Q1 weight',
      '90% CI from',
      '90% CI to',
      'Q2 weight',
      '90% CI from',
      '90% CI to',
      'Difference',
      'Difference 90% CI from',
      'Difference 90% CI to',
      'Changed',
    ]);
    expect(t.rows[0]).toEqual(['price', 0.25, 0.2, 0.3, 0.05, 0.02, 0.08, -0.2, -0.26, -0.14, 'yes']);
    expect(t.rows[1][10]).toBe('no');
    expect(stabilitySummary(S)).toBe('Raw weights of 2 drivers in “Q1” and “Q2” with 90% bootstrap intervals; 1 changed beyond the interval of the difference. The largest move is price, 0.250 → 0.050.');
  });
});
