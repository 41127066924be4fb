// The NPS and key-driver charts' tables and summaries, on small hand-made results: every count, share and sentence
// below is worked out by hand from the fixture beside it (no analysis runs here).
import { describe, expect, it } from 'vitest';
import type { ContextFlag, DriverWeight, NpsGroup } from '../../../shared/nps';
import { contextSummary, contextTable, distributionSummary, distributionTable, groupsSummary, groupsTable, mixSummary, mixTable, restNps, trendSummary, trendTable, type TrendPoint } from '../../../renderer/charts/nps-tables';
import { quadrantSummary, quadrantTable, weightsSummary, weightsTable } from '../../../renderer/charts/driver-tables';
import { displayCell } from '../../../renderer/charts/chart-table';

// 20 answers: score 0 once, 6 twice, 7 three times, 8 four times, 9 and 10 five times each.
// Detractors 0–6: 3 (15%); passives 7–8: 7 (35%); promoters 9–10: 10 (50%); NPS 50 − 15 = +35.
const counts = [1, 0, 0, 0, 0, 0, 2, 3, 4, 5, 5];
const distribution = counts.map((count, score) => ({ score, count }));

describe('answers by score', () => {
  it('one row per score with its category, answers and share of all answers', () => {
    const t = distributionTable(distribution);
    expect(t.columns.map((c) => c.label)).toEqual(['Score', 'Category', 'Answers', 'Share of answers']);
    expect(t.rows).toHaveLength(11);
    expect(t.rows[0]).toEqual([0, 'Detractor', 1, 5]);
    expect(t.rows[6]).toEqual([6, 'Detractor', 2, 10]);
    expect(t.rows[7]).toEqual([7, 'Passive', 3, 15]);
    expect(t.rows[10]).toEqual([10, 'Promoter', 5, 25]);
  });
  it('the summary: category shares and the most common scores (a tie named both)', () => {
    expect(distributionSummary(distribution)).toBe(
      'Promoters (9–10) are 50% of 20 answers, passives (7–8) 35% and detractors (0–6) 15%; the most common scores are 9 and 10 (5 answers each).',
    );
    const one = distribution.map((d) => (d.score === 8 ? { ...d, count: 9 } : d));
    // 25 answers now: promoters 10/25 = 40%, passives 12/25 = 48%, detractors 3/25 = 12%.
    expect(distributionSummary(one)).toBe('Promoters (9–10) are 40% of 25 answers, passives (7–8) 48% and detractors (0–6) 12%; the most common score is 8 (9 answers).');
    expect(distributionSummary(counts.map((_, score) => ({ score, count: 0 })))).toBe('No answers to show.');
    expect(distributionTable([{ score: 3, count: 0 }]).rows[0][3]).toBeNull();
  });
});

const summary = (n: number, promoters: number, passives: number, detractors: number) => ({
  n,
  promoters,
  passives,
  detractors,
  nps: n ? (100 * (promoters - detractors)) / n : null,
  ci: null,
});

describe('promoters, passives and detractors', () => {
  const rows = [
    { label: 'All answers', summary: summary(20, 10, 7, 3) },
    { label: 'Online', summary: summary(8, 2, 2, 4) },
    { label: 'In store', summary: summary(12, 8, 3, 1) },
  ];
  it('shares in percent of each row and its NPS', () => {
    const t = mixTable(rows);
    expect(t.rows[0]).toEqual(['All answers', 20, 50, 35, 15, 35]);
    // Online: 2/8 = 25% promoters, 25% passives, 50% detractors; NPS −25.
    expect(t.rows[1]).toEqual(['Online', 8, 25, 25, 50, -25]);
  });
  it('one row: its mix in words; several: the range of promoter and detractor shares', () => {
    expect(mixSummary(rows.slice(0, 1))).toBe('All answers: 50% promoters, 35% passives and 15% detractors of 20 answers, an NPS of +35.');
    // The first two rows: promoters 50% and 25%, detractors 15% and 50%.
    const two = rows.slice(0, 2);
    expect(mixSummary(two)).toBe('Across the 2 bars, the promoter share runs from 25% (Online) to 50% (All answers) and the detractor share from 15% (All answers) to 50% (Online).');
  });
});

const group = (name: string, n: number, nps: number, extra: Partial<NpsGroup> = {}): NpsGroup => ({
  group: name,
  n,
  nps,
  promoters: 0,
  passives: 0,
  detractors: 0,
  ci: [nps - 10, nps + 10],
  small: false,
  ...extra,
});
const vs = (difference: number, pAdjusted: number, significant: boolean) => ({ difference, ci: [difference - 5, difference + 5] as [number, number], pValue: pAdjusted / 2, pAdjusted, significant });

describe('NPS by group', () => {
  const groups = [
    group('A', 100, 30),
    group('B', 80, 10, { vsReference: vs(-20, 0.004, true) }),
    group('C', 60, 25, { vsReference: vs(-5, 0.5, false) }),
    group('D', 10, -5, { small: true, vsReference: vs(-35, 0.2, false) }),
  ];
  it('n, NPS, interval, difference, adjusted p and the reading of each group', () => {
    const t = groupsTable(groups, 'A', 0.95);
    expect(t.columns.map((c) => c.label)).toEqual(['Group', 'Answers', 'NPS', '95% CI from', '95% CI to', 'Difference from the reference', 'Adjusted p', 'Reading']);
    expect(t.rows[0]).toEqual(['A', 100, 30, 20, 40, null, null, 'reference']);
    expect(t.rows[1]).toEqual(['B', 80, 10, 0, 20, -20, 0.004, 'lower than the reference']);
    expect(t.rows[2][7]).toBe('no clear difference');
    expect(t.rows[3][7]).toBe('small group: treat with caution');
    expect(displayCell(t.rows[1][6], t.columns[6])).toBe('0.004');
  });
  it('the range and which groups differ from the reference', () => {
    expect(groupsSummary(groups, 'A', 'segment')).toBe('NPS by segment runs from −5 (D) to +30 (A) across 4 groups; 1 of 3 other groups differs from the reference “A” (lower: B).');
    const none = groups.map((g) => (g.vsReference ? { ...g, vsReference: { ...g.vsReference, significant: false } } : g));
    expect(groupsSummary(none, 'A', 'segment')).toBe('NPS by segment runs from −5 (D) to +30 (A) across 4 groups; none of the 3 other groups differs clearly from the reference “A”.');
    expect(groupsSummary(groups.slice(0, 2), null, 'channel')).toBe('NPS by channel runs from +10 (B) to +30 (A) across 2 groups.');
  });
});

describe('NPS trend', () => {
  const trend: TrendPoint[] = [
    { ...summary(50, 30, 10, 10), period: '2021', small: false },
    { ...summary(0, 0, 0, 0), period: '2022', small: true },
    { ...summary(20, 5, 5, 10), period: '2023', small: true },
    { ...summary(40, 30, 6, 4), period: '2024', small: false },
  ];
  it('one row per period, few answers marked', () => {
    const t = trendTable(trend, 0.9);
    expect(t.columns[3].label).toBe('90% CI from');
    // 2021: (30 − 10)/50 = +40; 2023: (5 − 10)/20 = −25; 2024: (30 − 4)/40 = +65.
    expect(t.rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['2021', 40, ''],
      ['2022', null, 'yes'],
      ['2023', -25, 'yes'],
      ['2024', 65, ''],
    ]);
  });
  it('first to last, lowest and highest, the periods without answers left out', () => {
    expect(trendSummary(trend, 'year')).toBe('NPS by year went from +40 in 2021 to +65 in 2024; lowest −25 in 2023, highest +65 in 2024 (3 periods, 1 with few answers).');
  });
});

describe('each collection context against the rest', () => {
  const groups = [group('in-store', 40, 50, { vsReference: vs(30, 0.0001, true) }), group('email', 160, 10, { vsReference: vs(-8, 0.3, false) })];
  const flags: ContextFlag[] = [{ group: 'in-store', difference: 30, ci: [20, 40], pValue: 0, pAdjusted: 0.0001, direction: 'inflated', sentence: '' }];
  it('the rest is the context minus its difference; the flag in words', () => {
    expect(restNps(groups[0])).toBe(20);
    const t = contextTable(groups, flags, 0.95);
    expect(t.rows[0]).toEqual(['in-store', 40, 50, 40, 60, 20, 30, 0.0001, 'higher than the rest']);
    expect(t.rows[1].slice(5)).toEqual([18, -8, 0.3, 'not flagged']);
  });
  it('names the flagged contexts, or says none is', () => {
    expect(contextSummary(groups, flags, 'nps_context')).toBe('1 of 2 contexts is flagged: in-store +30 points above the rest.');
    expect(contextSummary(groups, [], 'nps_context')).toBe('No nps_context differs clearly from all other answers pooled (2 contexts compared).');
  });
});

const driver = (name: string, share: number, sign: -1 | 0 | 1, quadrant: DriverWeight['quadrant'], performance: number): DriverWeight => ({
  name,
  weight: share / 200,
  share,
  ci: [0, 1],
  shareCi: [share - 5, share + 5],
  coefficient: sign * 0.3,
  sign,
  performance,
  performanceScaled: (performance - 1) / 4,
  quadrant,
  effect: '',
});

describe('key drivers', () => {
  const drivers = [driver('Delivery', 45, 1, 'improve first', 3), driver('Price', 30, -1, 'key strength', 4.2), driver('App', 25, 1, 'low priority', 2.5)];
  it('weights table: share, interval, raw weight, coefficient and which way each goes', () => {
    const t = weightsTable(drivers, 0.95, false);
    expect(t.columns.map((c) => c.label)).toEqual(['Driver', 'Sign', 'Share of R²', '95% CI from', '95% CI to', 'Raw weight', 'Coefficient (std.)', 'As it rises']);
    expect(t.rows[0]).toEqual(['Delivery', '+', 45, 40, 50, 0.225, 0.3, 'better outcome']);
    expect(t.rows[1][7]).toBe('worse outcome');
    // Target where higher is worse: a positive coefficient goes with the worse outcome.
    expect(weightsTable(drivers, 0.95, true).rows[0][7]).toBe('worse outcome');
  });
  it('weights summary: the top driver, the next two, how many go against the outcome', () => {
    expect(weightsSummary(drivers, 0.4213, false)).toBe('“Delivery” matters most: 45.0% of the R² of 0.42 the drivers explain together, then “Price” (30.0%) and “App” (25.0%); 1 driver goes with a worse outcome as it rises.');
  });
  it('quadrant table and summary: each quadrant named, empty ones said', () => {
    expect(quadrantTable(drivers).rows[1]).toEqual(['Price', 'Key strengths', 30, 4.2, 0.8]);
    expect(quadrantSummary(drivers)).toBe('Improve first: “Delivery” (important, below-average performance); key strengths: “Price”; maintain: none; low priority: “App”.');
  });
});
