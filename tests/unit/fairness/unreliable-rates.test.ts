// Rates from tiny denominators (issue 11): a rate whose denominator is below the minimum group size (default 30) is
// marked unreliable in the data and the JSON, and neither a verdict nor the "widest gap" rests on it; the verdicts say
// how many groups were left out and why. Hand-made fixture, every number worked out by hand:
//
//            n    TP FP FN TN   selection      FNR = FN/(TP+FN)   FPR = FP/(FP+TN)   TPR
//   Male    100   40 10 10 40   50/100 = 50%   10/50 = 20%        10/50 = 20%        80%   (largest → reference)
//   Female  100   10 10 40 40   20/100 = 20%   40/50 = 80%        10/50 = 20%        20%
//   Other     2    0  0  2  0    0/2   =  0%    2/2  = 100%       undefined (0/0)     0%
//
// "Other" has the most extreme rates (selection ratio 0, FNR ratio 5) but only 2 people behind them, so the widest
// gap and the verdicts must be Female's: selection 20% vs 50% (ratio 0.40), FNR 80% vs 20% (ratio 4.00). Both are
// significant after Holm (χ² on 20/100 vs 50/100 gives p ≈ 1e-5; on 40/50 vs 10/50 p ≈ 1e-9).
// Over reliable groups only: demographic parity difference 0.5 − 0.2 = 0.300 (ratio 0.40); TPR gap 0.8 − 0.2 = 0.600,
// FPR gap 0 → equalised odds 0.600. Fairlearn's numbers in the summary keep every group: DP difference 0.5 − 0 =
// 0.5, TPR gap 0.8 − 0 = 0.8.
import { describe, expect, it } from 'vitest';
import { auditDecision } from '../../../main/analysis/fairness';
import { auditJson } from '../../../main/cli/commands/audit-json';
import { formatAudit } from '../../../main/cli/commands/audit-text';
import { widestGap } from '../../../shared/audit-gaps';
import { confusionRows, inputOf } from './helpers';

const rows = [
  ...confusionRows([0], { tp: 40, fp: 10, fn: 10, tn: 40 }),
  ...confusionRows([1], { tp: 10, fp: 10, fn: 40, tn: 40 }),
  ...confusionRows([2], { tp: 0, fp: 0, fn: 2, tn: 0 }),
];
const GENDER = [{ name: 'gender', levels: ['Male', 'Female', 'Other'] }];
const result = auditDecision(inputOf(rows, GENDER), { dataset: 'd', protected: ['gender'] });
const group = (name: string) => result.groups.find((g) => g.group === name)!;
const verdict = (prefix: string) => result.verdicts.find((v) => v.metric.startsWith(prefix))!;

describe('the data model marks each rate', () => {
  it('rates over 2 people are unreliable; rates over 50 or 100 are reliable', () => {
    expect(group('Other').selectionRate).toMatchObject({ value: 0, numerator: 0, denominator: 2, reliable: false });
    expect(group('Other').fnr).toMatchObject({ value: 1, numerator: 2, denominator: 2, reliable: false });
    expect(group('Other').fpr).toMatchObject({ value: null, denominator: 0, reliable: false });
    expect(group('Female').fnr).toMatchObject({ value: 0.8, denominator: 50, reliable: true });
    expect(group('Male').selectionRate).toMatchObject({ value: 0.5, denominator: 100, reliable: true });
  });

  it('a comparison resting on an unreliable rate is marked and says so; the others are reliable', () => {
    const d = result.disparities.find((x) => x.group === 'Other' && x.metric === 'selectionRate')!;
    expect(d).toMatchObject({ difference: -0.5, ratio: 0, reliable: false });
    expect(d.note).toContain('Unreliable: the selection rate of "Other" rests on 2 people (fewer than 30); left out of the verdicts.');
    expect(result.disparities.find((x) => x.group === 'Female' && x.metric === 'selectionRate')!.reliable).toBe(true);
  });

  it('a smaller minimum size makes the same rate reliable', () => {
    const r = auditDecision(inputOf(rows, GENDER), { dataset: 'd', protected: ['gender'], minGroupSize: 2 });
    expect(r.groups.find((g) => g.group === 'Other')!.selectionRate.reliable).toBe(true);
    // …and then the 0% of "Other" is the widest selection gap (ratio 0).
    expect(widestGap({ groups: r.groups, disparities: r.disparities, minGroupSize: 2, alpha: 0.05 }, 'selectionRate')).toMatchObject({ group: 'Other', rate: 0, referenceRate: 0.5 });
  });
});

describe('the JSON marks it', () => {
  const json = auditJson(result);
  it("lists each group's unreliable rates (defined ones only) and each disparity's reliability", () => {
    // Other: n = 2 (selection, base rate), 2 positives (TPR, FNR), 2 negative predictions (NPV, FOR); FPR/TNR/PPV/FDR undefined.
    expect(json.groups.find((g) => g.group === 'Other')!.unreliable).toEqual(['baseRate', 'selectionRate', 'tpr', 'fnr', 'npv', 'for']);
    // Female: only 20 selected (TP 10 + FP 10), so PPV and FDR rest on 20 < 30 people.
    expect(json.groups.find((g) => g.group === 'Female')!.unreliable).toEqual(['ppv', 'fdr']);
    expect(json.groups.find((g) => g.group === 'Male')!.unreliable).toEqual([]);
    expect(json.disparities.find((d) => d.group === 'Other' && d.metric === 'fnr')!.reliable).toBe(false);
    expect(json.disparities.find((d) => d.group === 'Female' && d.metric === 'fnr')!.reliable).toBe(true);
    expect(json.detail.groups.find((g) => g.group === 'Other')!.fnr!.reliable).toBe(false);
    // The rates themselves stay exact in the JSON.
    expect(json.groups.find((g) => g.group === 'Female')!.selectionRate).toBe(0.2);
  });

  it('the text output marks unreliable rates with * and explains it', () => {
    const text = formatAudit(result);
    expect(text).toContain('0.0%* (');
    expect(text).toContain('* unreliable: fewer than 30 people behind the rate');
  });
});

describe('verdicts and the widest gap ignore it', () => {
  it('the widest selection gap is Female vs Male, not the 0% of "Other"', () => {
    const w = widestGap({ groups: result.groups, disparities: result.disparities, minGroupSize: 30, alpha: 0.05 }, 'selectionRate')!;
    expect(w).toMatchObject({ attribute: 'gender', group: 'Female', reference: 'Male', rate: 0.2, referenceRate: 0.5 });
    expect(w.ratio).toBeCloseTo(0.4, 12);
    expect(result.executiveSummary).toContain('The widest gap in selection rates: gender "Female" 20.0% vs 50.0% for "Male" (ratio 0.40).');
  });

  it('demographic parity fails on Female only, says one group was left out and why, and quotes reliable gaps', () => {
    const v = verdict('Demographic parity');
    expect(v.status).toBe('fail');
    expect(v.leftOut).toBe(1);
    expect(v.finding).toMatch(/^1 group differs significantly, outside 0\.8–1\.25: gender "Female" has selection rate 20% vs 50% for "Male" \(ratio 0\.40, adjusted p < 0\.001\)\./);
    expect(v.finding).not.toContain('"Other" has');
    expect(v.finding).toContain('1 group left out: its selection rate (or the reference\'s) rests on fewer than 30 people (gender "Other": 2).');
    // Four-fifths: Female 20% < 0.8 × 50%; Other is not named on 2 people.
    expect(result.summary.byAttribute[0].fourFifthsFailing).toEqual(['Female']);
    expect(v.finding).toContain('Demographic parity difference for gender: 0.300 (ratio 0.40, over the 2 groups of at least 30 people).');
    // Fairlearn's own number keeps every group.
    expect(result.summary.demographicParityDifference).toBeCloseTo(0.5, 15);
  });

  it('equal opportunity rests on Female (FNR 80% vs 20%), not on the 2/2 = 100% of "Other"', () => {
    const v = verdict('Equal opportunity');
    expect(v.status).toBe('fail');
    expect(v.finding).toContain('gender "Female" has FNR 80% vs 20% for "Male" (ratio 4.00, adjusted p < 0.001)');
    expect(v.finding).not.toContain('"Other" has');
    expect(v.finding).toContain('(gender "Other": 2)');
    expect(v.confidence).toContain('very confident');
  });

  it('equalised odds quotes the reliable gap (0.600), not Fairlearn\'s 0.800 that counts the 2 people', () => {
    expect(verdict('Equalised odds').finding).toContain('Equalised odds difference: gender 0.600.');
    expect(result.summary.byAttribute[0].equalOpportunityDifference).toBeCloseTo(0.8, 15);
  });

  it('predictive equality passes: Female and Male FPR are both 20%, Other has none', () => {
    const v = verdict('Predictive equality');
    expect(v.status).toBe('pass');
    expect(v.leftOut).toBe(0);
  });

  it('predictive parity cannot be judged: Female PPV rests on 20 people, Other has no PPV', () => {
    const v = verdict('Predictive parity');
    expect(v.status).toBe('not applicable');
    expect(v.finding).toBe('No PPV could be judged. 1 group left out: its PPV (or the reference\'s) rests on fewer than 30 people (gender "Female": 20).');
  });
});
