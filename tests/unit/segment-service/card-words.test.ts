// The words on a segment card: yes/no features read as shares of customers and name the segment as a group of
// people ("App users", "Few app users"), "days since last order" as lapsed or recent buyers, other numbers as
// high or low. The stats are the demo's (segments 2 and 3 of the k = 4 run on "Demo customers").
import { describe as group, expect, it } from 'vitest';
import type { StoredColumn } from '../../../main/workspace/datasets';
import type { LoadedColumn } from '../../../main/workspace/segments/columns';
import { describe, shortLabel, suggestName } from '../../../main/workspace/segments/cards';
import { profileSegments, type EncodedStat } from '../../../main/workspace/segments/profile';

const stat = (feature: string, z: number, segmentValue: number, overallValue: number, binary = false): EncodedStat => ({
  feature,
  level: null,
  z,
  pValue: 1e-6,
  segmentValue,
  overallValue,
  ...(binary ? { binary } : {}),
});

group('yes/no features', () => {
  it('describes them as shares of customers, not as means in SD', () => {
    expect(describe(stat('app_user', -0.6, 0.27, 0.57, true))).toBe('app user: 27% of the segment vs 57% overall');
    expect(describe(stat('tenure_months', 1.0, 84.9, 48.0))).toBe('tenure months 1.0 SD above average (84.9 vs 48.0)');
  });

  it('names the segment as a group of people when the feature names one', () => {
    expect(shortLabel(stat('app_user', 0.7, 0.94, 0.57, true))).toBe('App users');
    expect(shortLabel(stat('app_user', -0.6, 0.27, 0.57, true))).toBe('Few app users');
    // Above average but still a minority of the segment: not "App users".
    expect(shortLabel(stat('app_user', 0.3, 0.4, 0.25, true))).toBe('More app users');
    expect(shortLabel(stat('churned_12m', 1.2, 0.72, 0.22, true))).toBe('Mostly churned 12m');
    expect(shortLabel(stat('churned_12m', -0.4, 0.05, 0.22, true))).toBe('Seldom churned 12m');
  });
});

group('other features', () => {
  it('reads days since the last order as lapsed or recent buyers, and other numbers as high or low', () => {
    expect(shortLabel(stat('days_since_last_order', 1.4, 198, 52.8))).toBe('Lapsed buyers');
    expect(shortLabel(stat('days_since_last_order', -0.5, 20, 52.8))).toBe('Recent buyers');
    expect(shortLabel(stat('days_since_last_login', 1.1, 90, 30))).toBe('Long since last login');
    expect(shortLabel(stat('support_tickets_12m', 1.4, 4.06, 1.62))).toBe('High support tickets 12m');
    expect(shortLabel({ ...stat('plan', 1.1, 0.8, 0.3), level: 'premium' })).toBe('Plan premium');
  });

  it('names a segment by its two strongest differences from different columns', () => {
    const seg2 = [stat('tenure_months', 1.0, 84.9, 48.0), stat('app_user', -0.6, 0.27, 0.57, true), stat('orders_12m', -0.3, 7.81, 10.1)];
    expect(suggestName(seg2, 1)).toBe('High tenure months · Few app users');
    const seg1 = [stat('support_tickets_12m', 1.4, 4.06, 1.62), stat('days_since_last_order', 1.39, 198, 52.8)];
    expect(suggestName(seg1, 0)).toBe('High support tickets 12m · Lapsed buyers');
  });
});

group('the profile marks yes/no columns', () => {
  const col = (index: number, name: string): StoredColumn => ({ index, name, originalName: name, type: 'integer', role: 'feature', piiAction: 'keep', sqlName: `c${index}` });
  const num = (index: number, name: string, values: number[]): LoadedColumn => ({ kind: 'numeric', column: col(index, name), values: Float64Array.from(values) });

  it('flags a column of only 0 and 1 (missing allowed), and not one with other values', () => {
    const cols = [num(0, 'app_user', [1, 1, 0, Number.NaN, 0, 0]), num(1, 'orders', [1, 2, 0, 1, 0, 1])];
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const included = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const { stats } = profileSegments(cols, included, labels, 2);
    expect(stats[0].map((s) => [s.feature, s.binary ?? false])).toEqual([
      ['app_user', true],
      ['orders', false],
    ]);
    // Segment 0: two of three use the app; overall two of five answered.
    expect(stats[0][0].segmentValue).toBeCloseTo(2 / 3, 12);
    expect(stats[0][0].overallValue).toBeCloseTo(2 / 5, 12);
  });
});
