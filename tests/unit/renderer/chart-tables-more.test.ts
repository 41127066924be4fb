// The audit, Segments, Journeys, data-profile and journey-map charts' tables and summaries, on small hand-made inputs:
// every number and sentence expected below is worked out by hand from the fixture beside it. The audit rows come from
// the hand-built audit of audit-fixture.ts (20 people; its header gives the counts).
import { describe, expect, it } from 'vitest';
import type { CalibrationBin } from '../../../shared/audit';
import type { KScore, SegmentCard } from '../../../shared/segments';
import type { FunnelStage, JourneyGroup, JourneyStage, JourneyTiming } from '../../../shared/journeys';
import { disparityRows, proxyMatrix } from '../../../renderer/charts/audit-figures';
import { calibrationSummary, calibrationTable, disparitySummary, disparityTable, proxySummary, proxyTable } from '../../../renderer/charts/audit-tables';
import { heatmapSummary, heatmapTable, kSweepSummary, kSweepTable, migrationSummary, migrationTable, projectionSummary, projectionTable, sizesSummary, sizesTable } from '../../../renderer/charts/segment-tables';
import {
  funnelSummary,
  funnelTable,
  groupedFunnelSummary,
  groupedFunnelTable,
  groupedSatisfactionSummary,
  satisfactionSummary,
  satisfactionTable,
  timingSummary,
  timingTable,
  transitionsSummary,
  transitionsTable,
} from '../../../renderer/charts/journey-tables';
import { edgeDigits, emotionSummary, emotionTable, histogramSummary, histogramTable } from '../../../renderer/charts/small-chart-tables';
import { planSankey } from '../../../renderer/views/journeys/figures';
import { labelledAudit, rate } from './audit-fixture';

describe('audit: disparity', () => {
  // Selection rates: Female 3/10 = 0.3 (reference), Male 5/8 = 0.625 (ratio 2.083, +32.5 points), Non-binary 0/2
  // (ratio 0; 2 people, under the minimum of 5: not judged).
  const r = labelledAudit();
  it('the reference at 1, each group with its rates, ratio, difference, adjusted p and verdict', () => {
    const { rows, undefinedRatio } = disparityRows(r, 'selectionRate', ['gender']);
    const t = disparityTable(rows, undefinedRatio, 'Selection rate');
    expect(t.rows[0]).toEqual(['gender', 'Female', 10, 30, 30, 1, null, null, 'reference group']);
    expect(t.rows[1].slice(0, 5)).toEqual(['gender', 'Male', 8, 62.5, 30]);
    expect(t.rows[1][5]).toBeCloseTo(0.625 / 0.3, 10);
    expect(t.rows[1][6]).toBeCloseTo(32.5, 10);
    expect(t.rows[1].slice(7)).toEqual([0.68, 'not flagged']);
    expect(t.rows[2]).toEqual(['gender', 'Non-binary', 2, 0, 30, 0, -30, 1, 'too few people: not judged']);
  });
  it('an undefined ratio is a row of its own with the reason', () => {
    const { rows, undefinedRatio } = disparityRows(r, 'fpr', ['gender']);
    expect(disparityTable(rows, undefinedRatio, 'FPR').rows[2]).toEqual(['gender', 'Non-binary', null, null, null, null, null, null, 'ratio undefined: FPR is undefined for Non-binary: no negative labels in this group.']);
  });
  it('summary: none flagged (the furthest named), or the flagged ones with their ratios', () => {
    const { rows } = disparityRows(r, 'selectionRate', ['gender']);
    expect(disparitySummary(rows, 'Selection rate')).toBe('No group is flagged for selection rate (2 comparisons); the furthest from its reference group is Male at 2.08×; 1 rests on too few people to judge.');
    const flagged = labelledAudit();
    flagged.disparities[0].flag = true;
    expect(disparitySummary(disparityRows(flagged, 'selectionRate', ['gender']).rows, 'Selection rate')).toBe(
      "1 of 2 groups is flagged for selection rate: Male at 2.08× its reference group's rate; 1 rests on too few people to judge.",
    );
  });
});

describe('audit: calibration', () => {
  const bin = (group: string, decile: number, n: number, meanScore: number, positive: number): CalibrationBin => ({
    attribute: 'gender',
    group,
    decile,
    lower: decile === 1 ? 0 : 0.5,
    upper: decile === 1 ? 0.5 : 1,
    n,
    meanScore,
    observed: rate(positive, n),
  });
  // F: 3/10 = 0.3 at score 0.2, 5/10 = 0.5 at 0.7 → |gaps| 0.1, 0.2 → 15 points on average; signed −0.05 (over-states).
  // M: 1/5 = 0.2 at 0.25, 12/15 = 0.8 at 0.75 → |gaps| 0.05 each → 5 points; signed (−0.25 + 0.75)/20 > 0 (under-states).
  const bins = [bin('F', 1, 10, 0.2, 3), bin('F', 2, 10, 0.7, 5), bin('M', 1, 5, 0.25, 1), bin('M', 2, 15, 0.75, 12)];
  it('one row per group and decile', () => {
    const t = calibrationTable(bins, 'gender');
    expect(t.rows).toHaveLength(4);
    expect(t.rows[3].slice(0, 8)).toEqual(['M', 2, 0.5, 1, 0.75, 15, 12, 80]);
  });
  it('probability scores: closest and furthest group by their average gap; other scores: the rate at each end', () => {
    expect(calibrationSummary(bins, 'gender', true)).toBe(
      'The score matches the observed rate most closely for M (5.0 points on average, the score under-states the rate) and least for F (15.0 points on average, the score over-states the rate), over 2 groups of gender.',
    );
    expect(calibrationSummary(bins, 'gender', false)).toBe('From the lowest to the highest score decile, the observed positive rate goes: F 30% to 50% and M 20% to 80%.');
  });
});

describe('audit: proxies', () => {
  const m = proxyMatrix(labelledAudit().proxies, ['gender']);
  it('one row per feature and attribute, strongest first', () => {
    expect(proxyTable(m).rows).toEqual([
      ['segmentation: S', 'gender', 0.61, 0.4, 31, 'flagged'],
      ['plan', 'gender', 0.12, 0.01, 0.8, ''],
    ]);
  });
  it('how many are flagged and the strongest pair', () => {
    expect(proxySummary(m, 0.3)).toBe('1 of 2 feature–attribute pairs is flagged as a proxy (V above 0.3); the strongest is segmentation: S with gender (V 0.61).');
  });
});

const card = (index: number, name: string, size = 0, share = 0) => ({ index, name, size, share }) as SegmentCard;

describe('segments', () => {
  const scores: KScore[] = [
    { k: 3, inertia: 70, silhouette: 0.45, calinskiHarabasz: 60, daviesBouldin: 0.8, minStability: 0.8 },
    { k: 2, inertia: 100, silhouette: 0.4, calinskiHarabasz: 50, daviesBouldin: 0.9, minStability: 0.9 },
    { k: 4, inertia: 60, silhouette: 0.35, calinskiHarabasz: 55, daviesBouldin: 1, minStability: 0.6 },
  ];
  it('k sweep: rows by k, the recommended one marked, summarised', () => {
    const t = kSweepTable(scores, { k: 3, reason: '' });
    expect(t.rows.map((r) => [r[0], r[1], r[6]])).toEqual([
      [2, 0.9, ''],
      [3, 0.8, 'recommended'],
      [4, 0.6, ''],
    ]);
    expect(kSweepSummary(scores, { k: 3, reason: '' })).toBe('k = 3 is recommended of k = 2 to 4 (silhouette 0.450, least stable segment 0.80); the highest silhouette is at k = 3 (0.450).');
    expect(kSweepSummary(scores, null)).toBe('k = 2 to 4 tried; no k is recommended; the highest silhouette is at k = 3 (0.450).');
  });
  it('scatter: per segment its dots, centre and spread (sample SD)', () => {
    // Segment 0: (0,1), (2,3) → mean (1, 2), SD √2 each; segment 1: (10,0), (12,0) → mean (11, 0), SD √2 and 0.
    const p = { x: [0, 2, 10, 12], y: [1, 3, 0, 0], segment: [0, 0, 1, 1], n: 4, sampled: false, explained: [0.5, 0.2] as [number, number] };
    const segs = [card(0, 'A'), card(1, 'B')];
    const t = projectionTable(p, segs);
    expect(t.rows[0].slice(0, 4)).toEqual(['1 · A', 2, 1, 2]);
    expect(t.rows[0][4]).toBeCloseTo(Math.SQRT2, 12);
    expect(t.rows[1].slice(1, 6)).toEqual([2, 11, 0, Math.SQRT2, 0]);
    expect(projectionSummary(p, segs)).toBe("4 customers in 2 segments on two components that explain 70% of the variation; along component 1 the segments' centres run from “A” (1.00) to “B” (11.00).");
  });
  it('heatmap: a column per feature; the furthest cells above and below average', () => {
    const z = [
      [2.1, -0.3],
      [-1.4, 0.5],
    ];
    expect(heatmapTable(['f', 'g'], z, [card(0, 'A'), card(1, 'B')]).rows).toEqual([
      ['1 · A', 2.1, -0.3],
      ['2 · B', -1.4, 0.5],
    ]);
    expect(heatmapSummary(['f', 'g'], z, [card(0, 'A'), card(1, 'B')])).toBe('Across 2 segments and 2 features, the furthest above average is f in “A” (+2.10 SD) and the furthest below is f in “B” (−1.40 SD).');
  });
  it('sizes: count and share; the largest and smallest', () => {
    const segs = [card(1, 'B', 400, 0.4), card(0, 'A', 600, 0.6)];
    expect(sizesTable(segs).rows).toEqual([
      ['1 · A', 600, 60],
      ['2 · B', 400, 40],
    ]);
    expect(sizesSummary(segs)).toBe('2 segments of 1,000 customers: the largest is “A” with 600 (60.0%), the smallest “B” with 400 (40.0%).');
  });
  it('migration: every flow with its share of the from-segment; a segment with no main destination named', () => {
    const m = { from: 'Old', to: 'New', fromSegments: ['X', 'Y'], toSegments: ['P', 'Q', 'R'], counts: [[8, 2, 0], [2, 2, 2]], matched: 16 };
    const t = migrationTable(m);
    expect(t.columns[0].label).toBe('From (Old)');
    expect(t.rows.map((r) => r.slice(0, 3))).toEqual([
      ['X', 'P', 8],
      ['X', 'Q', 2],
      ['Y', 'P', 2],
      ['Y', 'Q', 2],
      ['Y', 'R', 2],
    ]);
    expect(t.rows[0][3]).toBe(80);
    expect(t.rows[2][3]).toBeCloseTo(100 / 3, 12);
    expect(migrationSummary(m)).toBe('16 customers matched by id move along 5 flows; the largest is “X” → “P” with 8 (80% of “X”); no single destination takes half of “Y”.');
  });
});

const stage = (name: string, mean: number | null, extra: Partial<JourneyStage> = {}) =>
  ({ stage: name, steps: [name], inFunnel: true, satisfaction: mean === null ? null : { mean, n: 10, ci: [mean - 0.2, mean + 0.2] }, ...extra }) as JourneyStage;

describe('journeys', () => {
  it('satisfaction curve: each stage with its interval; lowest, highest and the stages without ratings', () => {
    const stages = [stage('Browse', 4.3), stage('Buy', 3.1), stage('Support', 2.5, { inFunnel: false }), stage('Review', null)];
    const t = satisfactionTable(stages);
    expect(t.rows[2]).toEqual(['Support', 'side step', 2.5, 2.3, 2.7, 10]);
    expect(t.rows[3]).toEqual(['Review', '', null, null, null, 0]);
    expect(satisfactionSummary(stages, [1, 5])).toBe('On 1–5, the mean rating is lowest at Support (2.50) and highest at Browse (4.30), over 3 rated stages; no ratings in Review.');
  });
  it('time between steps: the box statistics; the longest and shortest median wait', () => {
    const rows: JourneyTiming[] = [
      { from: 'A', to: 'B', n: 10, min: 5, q1: 30, median: 60, q3: 120, p90: 300, max: 600 },
      { from: 'B', to: 'C', n: 5, min: 3600, q1: 86400, median: 172800, q3: 259200, p90: 300000, max: 400000 },
    ];
    expect(timingTable(rows).rows[0]).toEqual(['A', 'B', 10, 5, 30, 60, 120, 300, 600]);
    expect(timingSummary(rows, 3)).toBe('The longest median wait is B → C, 2 days; the shortest A → B, 60 s (the 2 most frequent of 3 step pairs).');
  });
  it('funnel: journeys, share of the first stage, losses; the end and the largest loss', () => {
    const funnel: FunnelStage[] = [
      { stage: 'Browse', customers: 1000, dropOff: 0, dropOffRate: 0, conversion: 1 },
      { stage: 'Cart', customers: 600, dropOff: 400, dropOffRate: 0.4, conversion: 0.6 },
      { stage: 'Buy', customers: 420, dropOff: 180, dropOffRate: 0.3, conversion: 0.42 },
    ];
    expect(funnelTable(funnel).rows).toEqual([
      ['Browse', 1000, 100, null, null],
      ['Cart', 600, 60, 400, 40],
      ['Buy', 420, 42, 180, 30],
    ]);
    expect(funnelSummary(funnel)).toBe('Of 1,000 journeys starting at Browse, 420 (42%) reach Buy in order; the largest loss is before Cart (400 journeys, 40.0% of the stage before).');
  });
  it('transitions: the links the Sankey draws; what is left out counted', () => {
    const stages = [stage('S1', null, { steps: ['A'] }), stage('S2', null, { steps: ['B'] }), stage('S3', null, { steps: ['C'] })];
    const plan = planSankey(
      [
        { from: 'A', to: 'B', customers: 50, events: 60, medianSeconds: 30, p90Seconds: 60 },
        { from: 'B', to: 'C', customers: 40, events: 45, medianSeconds: 120, p90Seconds: 200 },
        { from: 'B', to: 'A', customers: 5, events: 5, medianSeconds: 10, p90Seconds: 20 },
      ],
      stages,
      30,
    );
    expect(transitionsTable(plan).rows).toEqual([
      ['A', 'B', 50, 60, 30],
      ['B', 'C', 40, 45, 120],
    ]);
    expect(transitionsSummary(plan)).toBe('2 transitions between 3 steps drawn; the largest is A → B, taken by 50 journeys; 1 more (repeats, backward or smaller) is not drawn.');
  });
  it('by group: funnel rows per group and stage; the spread at the last stage; where satisfaction differs most', () => {
    const g = (group: string, reach: number, first: number, ratings: [number, number]): JourneyGroup => ({
      group,
      customers: first,
      funnel: [
        { stage: 'Browse', customers: first, dropOff: 0, dropOffRate: 0, conversion: 1 },
        { stage: 'Buy', customers: reach, dropOff: first - reach, dropOffRate: (first - reach) / first, conversion: reach / first },
      ],
      stages: [
        { stage: 'Browse', satisfaction: { mean: ratings[0], n: 5, ci: null } },
        { stage: 'Buy', satisfaction: { mean: ratings[1], n: 5, ci: null } },
      ],
    });
    const groups = [g('G1', 30, 100, [4, 3]), g('G2', 6, 50, [3.9, 4.1])];
    expect(groupedFunnelTable(groups).rows[3]).toEqual(['G2', 'Buy', 6, 12, 44]);
    expect(groupedFunnelSummary(groups)).toBe('Reaching Buy in order: from 12% of G2 to 30% of G1 (2 groups).');
    expect(groupedSatisfactionSummary(groups)).toBe('The groups differ most at Buy: G1 3.00 against G2 4.10 (2 groups, 2 rated stages).');
  });
});

describe('data-profile histogram and journey-map emotion curve', () => {
  const bins = [
    { from: 0, to: 10, count: 2 },
    { from: 10, to: 20, count: 5 },
    { from: 20, to: 30, count: 3 },
  ];
  it('histogram: edges, rows and share per bin; the fullest bin', () => {
    expect(histogramTable(bins).rows).toEqual([
      [0, 10, 2, 20],
      [10, 20, 5, 50],
      [20, 30, 3, 30],
    ]);
    expect(histogramSummary(bins, '0', '30')).toBe('10 rows in 3 bins from 0 to 30; the most in 10–20 (5 rows).');
    expect(histogramTable(bins, true).rows[1]).toEqual([2, 5, 50]);
    expect(histogramSummary(bins, 'Jan 2020', 'Mar 2020', true)).toBe('10 rows in 3 bins from Jan 2020 to Mar 2020; the most in bin 2 of 3 (5 rows).');
  });
  it('edge decimals: enough that neighbouring edges differ', () => {
    expect(edgeDigits(bins)).toBe(0);
    expect(edgeDigits([{ from: 0, to: 0.25, count: 1 }, { from: 0.25, to: 0.5, count: 1 }])).toBe(2);
  });
  it('emotion curve: each stage with its value; lowest, highest and how many have one', () => {
    const curve = [
      { name: 'Discover', value: 4, apart: false },
      { name: 'Buy', value: 2, apart: false },
      { name: 'Receive', value: 4.5, apart: false },
      { name: 'Return (side step)', value: null, apart: true },
    ];
    expect(emotionTable(curve).rows[3]).toEqual(['Return (side step)', null, 'side step, drawn apart']);
    expect(emotionSummary(curve, [1, 5])).toBe('On 1–5, the emotion is lowest at Buy (2) and highest at Receive (4.5); 3 of 4 stages have a value.');
    expect(emotionSummary(curve.slice(3), [1, 5])).toBe('No stage has an emotion value yet (1–5).');
  });
});
