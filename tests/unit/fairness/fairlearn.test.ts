// Agreement with Fairlearn's definitions.
// 1. The worked examples printed in Fairlearn's user guide (docs/user_guide/assessment/perform_fairness_assessment.rst,
//    common_fairness_metrics.rst and intersecting_groups.rst in github.com/fairlearn/fairlearn), reproduced exactly.
// 2. A 2,400-row synthetic fixture whose Fairlearn numbers were computed by an independent numpy implementation of
//    the documented formulas (Fairlearn itself cannot be installed offline): tests/fixtures/fairness/make_fixture.py.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { AuditInput } from '../../../main/analysis/fairness/types';

// The user guide's arrays.
const yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
const sfData = ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'];
const g2 = [8, 6, 8, 8, 8, 8, 6, 6, 6, 8, 6, 6, 6, 6, 8, 6, 6, 6];

function docInput(withSecond: boolean): AuditInput {
  const sfLevels = ['a', 'b', 'c'];
  const g2Levels = ['6', '8'];
  return {
    n: yTrue.length,
    predicted: Uint8Array.from(yPred),
    label: Uint8Array.from(yTrue),
    score: null,
    attributes: [
      { name: 'SF 0', levels: sfLevels, codes: Int32Array.from(sfData.map((s) => sfLevels.indexOf(s))) },
      ...(withSecond ? [{ name: 'SF 1', levels: g2Levels, codes: Int32Array.from(g2.map((v) => g2Levels.indexOf(String(v)))) }] : []),
    ],
    proxies: [],
    decisionNote: 'y_pred = 1',
  };
}

describe("Fairlearn user guide: 'Performing a Fairness Assessment' and 'Common fairness metrics'", () => {
  const r = auditDecision(docInput(false), { dataset: 'doc', protected: ['SF 0'] });
  const by = (g: string) => r.groups.find((x) => x.group === g)!;

  it('MetricFrame.by_group: tpr, fpr, sel, count', () => {
    // Printed:      tpr       fpr   sel  count
    //          a    0.5  1.000000  0.75    4.0
    //          b    0.6  0.000000  0.50    6.0
    //          c    0.4  0.666667  0.50    8.0
    expect([by('a').tpr!.value, by('a').fpr!.value, by('a').selectionRate.value, by('a').n]).toEqual([0.5, 1, 0.75, 4]);
    expect([by('b').tpr!.value, by('b').fpr!.value, by('b').selectionRate.value, by('b').n]).toEqual([0.6, 0, 0.5, 6]);
    expect(by('c').tpr!.value).toBeCloseTo(0.4, 15);
    expect(by('c').fpr!.value).toBeCloseTo(0.666667, 6);
    expect([by('c').selectionRate.value, by('c').n]).toEqual([0.5, 8]);
  });

  it('demographic_parity_difference 0.25, demographic_parity_ratio 0.66666…, equalized_odds_difference 1.0', () => {
    expect(r.summary.demographicParityDifference).toBe(0.25);
    expect(r.summary.demographicParityRatio).toBeCloseTo(2 / 3, 15);
    expect(r.summary.equalizedOddsDifference).toBe(1);
  });

  it('MetricFrame.difference(): tpr 0.20 is the equal opportunity difference', () => {
    expect(r.summary.byAttribute[0].equalOpportunityDifference).toBeCloseTo(0.2, 15);
  });
});

describe("Fairlearn user guide: 'Intersecting Groups' (two sensitive features)", () => {
  const r = auditDecision(docInput(true), { dataset: 'doc', protected: ['SF 0', 'SF 1'], intersect: true });
  const cell = (g: string) => r.groups.find((x) => x.attribute === 'SF 0 × SF 1' && x.group === g)!;

  it('by_group precision, recall and count for every intersection', () => {
    // Printed:            precision    recall  count
    //   a 6 0.000000 0.000000 2;  a 8 0.500000 1.000000 2;  b 6 1.000000 0.666667 3
    //   b 8 1.000000 0.500000 3;  c 6 0.666667 0.500000 6;  c 8 0.000000 0.000000 2
    const expected: [string, number, number, number][] = [
      ['a × 6', 0, 0, 2],
      ['a × 8', 0.5, 1, 2],
      ['b × 6', 1, 0.666667, 3],
      ['b × 8', 1, 0.5, 3],
      ['c × 6', 0.666667, 0.5, 6],
      ['c × 8', 0, 0, 2],
    ];
    expect(r.groups.filter((g) => g.attribute === 'SF 0 × SF 1').map((g) => g.group)).toEqual(expected.map((e) => e[0]));
    for (const [g, precision, recall, n] of expected) {
      expect(cell(g).ppv!.value).toBeCloseTo(precision, 6);
      expect(cell(g).tpr!.value).toBeCloseTo(recall, 6);
      expect(cell(g).n).toBe(n);
    }
  });

  it('the reference of an intersection is its largest cell; the attributes keep theirs', () => {
    expect(r.groups.filter((g) => g.isReference).map((g) => `${g.attribute}: ${g.group}`)).toEqual(['SF 0: c', 'SF 1: 6', 'SF 0 × SF 1: c × 6']);
    expect(r.summary.byAttribute.map((s) => s.attribute)).toEqual(['SF 0', 'SF 1', 'SF 0 × SF 1']);
  });
});

interface GroupRef {
  count: number;
  selection: number;
  tpr: number;
  fpr: number;
  ppv: number;
  npv: number;
  confusion: { tp: number; fp: number; fn: number; tn: number };
}
interface SummaryRef {
  demographicParityDifference: number;
  demographicParityRatio: number;
  equalizedOddsDifference: number;
  equalOpportunityDifference: number;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/fairness/fairness-reference.json'), 'utf8')) as {
  data: { sexLevels: string[]; bandLevels: string[]; sex: number[]; band: number[]; label: number[]; pred: number[] };
  fairlearn: Record<'sex' | 'band' | 'intersection', { groups: Record<string, GroupRef>; summary: SummaryRef }>;
};

describe('the numpy fixture of Fairlearn formulas (2,400 rows, sex × age band)', () => {
  const d = fixture.data;
  const input: AuditInput = {
    n: d.label.length,
    predicted: Uint8Array.from(d.pred),
    label: Uint8Array.from(d.label),
    score: null,
    attributes: [
      { name: 'sex', levels: d.sexLevels, codes: Int32Array.from(d.sex) },
      { name: 'band', levels: d.bandLevels, codes: Int32Array.from(d.band) },
    ],
    proxies: [],
    decisionNote: 'pred = 1',
  };
  const r = auditDecision(input, { dataset: 'fixture', protected: ['sex', 'band'], intersect: true });

  it.each([
    ['sex', 'sex'],
    ['band', 'band'],
    ['sex × band', 'intersection'],
  ] as const)('%s: every group and the summary metrics', (attribute, key) => {
    const ref = fixture.fairlearn[key];
    const groups = r.groups.filter((g) => g.attribute === attribute);
    expect(groups).toHaveLength(Object.keys(ref.groups).length);
    groups.forEach((g, i) => {
      const e = ref.groups[String(i)];
      expect(g.n).toBe(e.count);
      expect(g.confusion).toEqual(e.confusion);
      expect(g.selectionRate.value).toBeCloseTo(e.selection, 14);
      expect(g.tpr!.value).toBeCloseTo(e.tpr, 14);
      expect(g.fpr!.value).toBeCloseTo(e.fpr, 14);
      expect(g.ppv!.value).toBeCloseTo(e.ppv, 14);
      expect(g.npv!.value).toBeCloseTo(e.npv, 14);
    });
    const s = r.summary.byAttribute.find((x) => x.attribute === attribute)!;
    expect(s.demographicParityDifference).toBeCloseTo(ref.summary.demographicParityDifference, 14);
    expect(s.demographicParityRatio).toBeCloseTo(ref.summary.demographicParityRatio, 14);
    expect(s.equalizedOddsDifference!).toBeCloseTo(ref.summary.equalizedOddsDifference, 14);
    expect(s.equalOpportunityDifference!).toBeCloseTo(ref.summary.equalOpportunityDifference, 14);
  });

  it("the top-level summary is the first attribute's", () => {
    expect(r.summary.demographicParityDifference).toBe(r.summary.byAttribute[0].demographicParityDifference);
    expect(r.summary.demographicParityRatio).toBe(r.summary.byAttribute[0].demographicParityRatio);
    expect(r.summary.equalizedOddsDifference).toBe(r.summary.byAttribute[0].equalizedOddsDifference);
  });
});
