// Per-group rates and disparities on a hand-made audit, with every number recounted here by hand.
//   Male   (10): TP 4, FP 1, FN 1, TN 4
//   Female  (8): TP 2, FP 0, FN 2, TN 4
//   Other   (1): TP 1                      — a group of one: no negatives, no negative predictions
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import type { AuditGroup, Disparity } from '../../../shared/audit';
import { wilsonInterval } from '../../../main/analysis/segment-stats';
import { confusionRows, fisherByHand, holmByHand, inputOf } from './helpers';

const GENDER = { name: 'gender', levels: ['Male', 'Female', 'Other'] };
const rows = [...confusionRows([0], { tp: 4, fp: 1, fn: 1, tn: 4 }), ...confusionRows([1], { tp: 2, fp: 0, fn: 2, tn: 4 }), ...confusionRows([2], { tp: 1, fp: 0, fn: 0, tn: 0 })];
const result = auditDecision(inputOf(rows, [GENDER]), { dataset: 'd', protected: ['gender'] });
const group = (name: string): AuditGroup => result.groups.find((g) => g.group === name)!;
const disparity = (name: string, metric: Disparity['metric']): Disparity => result.disparities.find((d) => d.group === name && d.metric === metric)!;

describe('per-group rates', () => {
  it('Male: every rate with numerator, denominator and Wilson interval', () => {
    const m = group('Male');
    expect(m).toMatchObject({ attribute: 'gender', n: 10, share: 10 / 19, small: true, isReference: true, confusion: { tp: 4, fp: 1, fn: 1, tn: 4 } });
    expect(m.selectionRate).toEqual({ value: 0.5, numerator: 5, denominator: 10, ci: wilsonInterval(5, 10), reliable: false }); // 10 < 30
    expect(m.baseRate).toMatchObject({ value: 0.5, numerator: 5, denominator: 10 });
    expect(m.tpr).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    expect(m.fnr).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    expect(m.fpr).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    expect(m.tnr).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    expect(m.ppv).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    expect(m.fdr).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    expect(m.npv).toMatchObject({ value: 0.8, numerator: 4, denominator: 5 });
    expect(m.for).toMatchObject({ value: 0.2, numerator: 1, denominator: 5 });
    // Wilson 95% for 4/5 by hand: centre (0.8 + z²/10)/(1 + z²/5), half z·√(0.16/5 + z²/100)/(1 + z²/5).
    const z = 1.959963984540054;
    const centre = (0.8 + (z * z) / 10) / (1 + (z * z) / 5);
    const half = (z * Math.sqrt(0.16 / 5 + (z * z) / 100)) / (1 + (z * z) / 5);
    expect(m.tpr!.ci![0]).toBeCloseTo(centre - half, 12);
    expect(m.tpr!.ci![1]).toBeCloseTo(centre + half, 12);
  });

  it('Female: zero counts give rates of 0 or 1, not undefined', () => {
    const f = group('Female');
    expect(f.selectionRate).toMatchObject({ value: 0.25, numerator: 2, denominator: 8 });
    expect(f.tpr).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
    expect(f.fpr).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    expect(f.fpr!.ci![0]).toBe(0);
    expect(f.ppv).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(f.npv).toMatchObject({ value: 4 / 6, numerator: 4, denominator: 6 });
    expect(f.for).toMatchObject({ value: 2 / 6, numerator: 2, denominator: 6 });
  });

  it('a group of one with no negatives: FPR, TNR, NPV and FOR undefined with a reason, never 0', () => {
    const o = group('Other');
    expect(o.n).toBe(1);
    expect(o.selectionRate.value).toBe(1);
    expect(o.tpr).toMatchObject({ value: 1, numerator: 1, denominator: 1 });
    expect(o.fpr).toEqual({ value: null, numerator: 0, denominator: 0, ci: null, reason: 'no negatives in this group: FPR is undefined', reliable: false });
    expect(o.tnr).toMatchObject({ value: null, reason: 'no negatives in this group: TNR is undefined' });
    expect(o.npv).toMatchObject({ value: null, reason: 'no negative predictions in this group: NPV is undefined' });
    expect(o.for).toMatchObject({ value: null, reason: 'no negative predictions in this group: FOR is undefined' });
  });
});

describe('disparities against the reference (Male, the largest group)', () => {
  it('difference and ratio of every metric', () => {
    expect(disparity('Female', 'selectionRate')).toMatchObject({ reference: 'Male', difference: -0.25, ratio: 0.5 });
    expect(disparity('Female', 'tpr')).toMatchObject({ difference: 0.5 - 0.8, ratio: 0.5 / 0.8 });
    expect(disparity('Female', 'fnr')).toMatchObject({ difference: 0.5 - 0.2, ratio: 0.5 / 0.2 });
    expect(disparity('Female', 'fpr')).toMatchObject({ difference: -0.2, ratio: 0 });
    expect(disparity('Female', 'ppv').difference).toBeCloseTo(0.2, 15);
    expect(disparity('Female', 'for').ratio).toBeCloseTo(2 / 6 / 0.2, 15);
    expect(result.disparities.filter((d) => d.group === 'Male')).toEqual([]);
  });

  it("an undefined rate has no difference, ratio or test, and says why", () => {
    const d = disparity('Other', 'fpr');
    expect(d).toMatchObject({ difference: null, ratio: null, test: null, pValue: null, pAdjusted: null, flag: false });
    expect(d.note).toContain('undefined');
  });

  it("Fisher's test on each small table, complementary rates sharing it, Holm over the 8 distinct tests", () => {
    // Female vs Male: selection 2/8 vs 5/10; TPR 2/4 vs 4/5; FPR 0/4 vs 1/5; PPV 2/2 vs 4/5; NPV 4/6 vs 4/5.
    // Other vs Male: selection 1/1 vs 5/10; TPR 1/1 vs 4/5; PPV 1/1 vs 4/5 (FPR and NPV undefined).
    const tables: [string, Disparity['metric'], number, number, number, number][] = [
      ['Female', 'selectionRate', 2, 8, 5, 10],
      ['Female', 'tpr', 2, 4, 4, 5],
      ['Female', 'fpr', 0, 4, 1, 5],
      ['Female', 'ppv', 2, 2, 4, 5],
      ['Female', 'npv', 4, 6, 4, 5],
      ['Other', 'selectionRate', 1, 1, 5, 10],
      ['Other', 'tpr', 1, 1, 4, 5],
      ['Other', 'ppv', 1, 1, 4, 5],
    ];
    const raw = tables.map(([, , x1, n1, x2, n2]) => fisherByHand(x1, n1 - x1, x2, n2 - x2));
    const adjusted = holmByHand(raw);
    tables.forEach(([g, m], i) => {
      const d = disparity(g, m);
      expect(d.test).toBe('fisher');
      expect(d.pValue).toBeCloseTo(raw[i], 12);
      expect(d.pAdjusted).toBeCloseTo(adjusted[i], 12);
    });
    // Complementary metrics: same table, same test.
    expect(disparity('Female', 'fnr').pValue).toBe(disparity('Female', 'tpr').pValue);
    expect(disparity('Female', 'tnr').pAdjusted).toBe(disparity('Female', 'fpr').pAdjusted);
    expect(disparity('Female', 'fdr').pValue).toBe(disparity('Female', 'ppv').pValue);
    expect(result.adjustment).toContain('Holm');
    expect(result.adjustment).toContain('8 distinct comparisons');
    expect(result.disparities.some((d) => d.flag)).toBe(false);
    expect(disparity('Female', 'selectionRate').note).toContain('Unreliable: the selection rate of "Female" rests on 8 people (fewer than 30); left out of the verdicts.');
    expect(disparity('Female', 'selectionRate').reliable).toBe(false);
  });
});

describe('flags: significant after Holm AND outside 0.8–1.25', () => {
  // Three groups of 1,000 (no label): selection 50% (reference), 35% (ratio 0.7), 46% (ratio 0.92).
  const sel = (code: number, yes: number) => [...confusionRows([code], { tp: 0, fp: yes, fn: 0, tn: 1000 - yes })];
  const r = auditDecision(inputOf([...sel(0, 500), ...sel(1, 350), ...sel(2, 460)], [{ name: 'g', levels: ['A', 'B', 'C'] }], { withLabel: false }), {
    dataset: 'd',
    protected: ['g'],
  });
  const d = (g: string) => r.disparities.find((x) => x.group === g)!;

  it('only the selection rate is compared without a label; no label-based rates exist', () => {
    expect(r.disparities.map((x) => x.metric)).toEqual(['selectionRate', 'selectionRate']);
    expect(r.groups[0]).toMatchObject({ baseRate: null, tpr: null, fpr: null, ppv: null, confusion: null });
  });

  it('a large, significant gap is flagged; a significant gap inside the band is not', () => {
    // B: [[350, 650], [500, 500]] → chi-square (all expected ≥ 5); C: [[460, 540], [500, 500]].
    expect(d('B')).toMatchObject({ test: 'chi-square', flag: true });
    expect(d('B').ratio).toBeCloseTo(0.7, 12);
    expect(d('B').pAdjusted!).toBeLessThan(1e-10);
    expect(d('B').note).toMatch(/^Flagged: ratio 0\.70 is outside 0\.8–1\.25/);
    expect(d('C').ratio).toBeCloseTo(0.92, 12);
    expect(d('C').flag).toBe(false);
    expect(d('C').note).toContain('within 0.8–1.25');
  });

  it('without a ratio (reference rate 0) the size test is |difference| ≥ 0.05', () => {
    const rr = auditDecision(inputOf([...sel(0, 0), ...sel(1, 80), ...sel(2, 20)], [{ name: 'g', levels: ['A', 'B', 'C'] }], { withLabel: false }), {
      dataset: 'd',
      protected: ['g'],
    });
    const b = rr.disparities.find((x) => x.group === 'B')!;
    const c = rr.disparities.find((x) => x.group === 'C')!;
    expect(b).toMatchObject({ ratio: null, flag: true });
    expect(b.difference).toBeCloseTo(0.08, 15);
    expect(c.difference).toBeCloseTo(0.02, 15);
    expect(c.pAdjusted!).toBeLessThan(0.05); // 20 of 1,000 vs 0 of 1,000 is significant…
    expect(c.flag).toBe(false); // …but a 2-point gap is below the 5-point size threshold.
  });
});

describe('reference group', () => {
  const levels = { name: 'g', levels: ['A', 'B', '(missing)'] };
  const data = [...confusionRows([0], { tp: 5, fp: 5, fn: 5, tn: 5 }), ...confusionRows([1], { tp: 5, fp: 5, fn: 5, tn: 5 }), ...confusionRows([2], { tp: 10, fp: 10, fn: 10, tn: 10 })];

  it('ties go to the first level; "(missing)" is never the default, even when largest, but is audited as its own group', () => {
    const r = auditDecision(inputOf(data, [levels]), { dataset: 'd', protected: ['g'] });
    expect(r.groups.map((g) => [g.group, g.n, g.isReference])).toEqual([
      ['A', 20, true],
      ['B', 20, false],
      ['(missing)', 40, false],
    ]);
  });

  it('a chosen reference is used; an unknown one is refused with the groups listed', () => {
    const r = auditDecision(inputOf(data, [levels]), { dataset: 'd', protected: ['g'], reference: { g: 'B' } });
    expect(r.groups.find((g) => g.isReference)!.group).toBe('B');
    expect(() => auditDecision(inputOf(data, [levels]), { dataset: 'd', protected: ['g'], reference: { g: 'Z' } })).toThrow(
      'The reference group "Z" is not a group of g in the audited rows (groups: "A", "B", "(missing)")',
    );
  });

  it('levels nobody has are left out; rows coded −1 belong to no group', () => {
    const r = auditDecision(inputOf([...confusionRows([0], { tp: 1, fp: 1, fn: 1, tn: 1 }), ...confusionRows([-1], { tp: 3, fp: 0, fn: 0, tn: 0 })], [levels]), {
      dataset: 'd',
      protected: ['g'],
    });
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([['A', 4]]);
    expect(r.groups[0].share).toBe(4 / 7);
    expect(r.warnings.some((w) => w.includes('single group'))).toBe(true);
  });
});

describe('everyone selected, nobody selected', () => {
  const two = { name: 'g', levels: ['A', 'B'] };
  it('everyone selected: selection 1 everywhere, NPV and FOR undefined, parity difference 0, ratio 1', () => {
    const r = auditDecision(inputOf([...confusionRows([0], { tp: 6, fp: 4, fn: 0, tn: 0 }), ...confusionRows([1], { tp: 2, fp: 3, fn: 0, tn: 0 })], [two]), { dataset: 'd', protected: ['g'] });
    for (const g of r.groups) {
      expect(g.selectionRate.value).toBe(1);
      expect(g.npv!.value).toBeNull();
      expect(g.for!.reason).toBe('no negative predictions in this group: FOR is undefined');
      expect(g.fnr!.value).toBe(0);
    }
    expect(r.summary).toMatchObject({ demographicParityDifference: 0, demographicParityRatio: 1, equalizedOddsDifference: 0 });
    expect(r.summary.byAttribute[0].fourFifthsFailing).toEqual([]);
    const sel = r.disparities.find((d) => d.metric === 'selectionRate')!;
    expect(sel).toMatchObject({ difference: 0, ratio: 1, test: 'fisher', pValue: 1, flag: false });
  });

  it('nobody selected: selection 0, PPV undefined, ratio undefined (0/0), parity ratio reported as 1', () => {
    const r = auditDecision(inputOf([...confusionRows([0], { tp: 0, fp: 0, fn: 6, tn: 4 }), ...confusionRows([1], { tp: 0, fp: 0, fn: 1, tn: 9 })], [two]), { dataset: 'd', protected: ['g'] });
    for (const g of r.groups) {
      expect(g.selectionRate.value).toBe(0);
      expect(g.ppv).toMatchObject({ value: null, reason: 'no positive predictions in this group: PPV is undefined' });
      expect(g.tpr!.value).toBe(0);
    }
    expect(r.summary.demographicParityDifference).toBe(0);
    expect(r.summary.demographicParityRatio).toBe(1);
    const sel = r.disparities.find((d) => d.metric === 'selectionRate')!;
    expect(sel).toMatchObject({ difference: 0, ratio: null, flag: false });
    // Four-fifths on a punitive decision: nobody sanctioned → everyone has the favourable outcome.
    const p = auditDecision(inputOf([...confusionRows([0], { tp: 0, fp: 0, fn: 6, tn: 4 })], [two]), { dataset: 'd', protected: ['g'], direction: 'punitive' });
    expect(p.summary.byAttribute[0].fourFifthsFailing).toEqual([]);
  });
});

describe('input errors', () => {
  it('no rows, no attributes, an attribute without any value', () => {
    expect(() => auditDecision(inputOf([], [{ name: 'g', levels: ['A'] }]), { dataset: 'd', protected: ['g'] })).toThrow(/no rows to audit/);
    expect(() => auditDecision(inputOf(confusionRows([], { tp: 1, fp: 0, fn: 0, tn: 0 }), []), { dataset: 'd', protected: [] })).toThrow(/at least one protected attribute/);
    expect(() => auditDecision(inputOf(confusionRows([-1], { tp: 1, fp: 0, fn: 0, tn: 0 }), [{ name: 'g', levels: ['A'] }]), { dataset: 'd', protected: ['g'] })).toThrow(
      'The protected attribute g has no values in the audited rows',
    );
  });
});

describe('input checks', () => {
  it('predictions and labels must be 0/1', () => {
    const input = inputOf(confusionRows([0], { tp: 1, fp: 1, fn: 1, tn: 1 }), [{ name: 'g', levels: ['A'] }]);
    input.predicted[2] = 2;
    expect(() => auditDecision(input, { dataset: 'd', protected: ['g'] })).toThrow("The audit input's predictions must be 0 or 1 (row 2 has 2).");
  });
});
