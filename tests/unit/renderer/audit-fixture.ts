// A hand-built AuditResult for the Audit view's unit tests: 20 people in three gender groups with a decision and a
// label, every rate counted from the confusion matrices below (Wilson intervals by the textbook formula), so the
// view's formatting, tables, chart rows and CSV can be checked against numbers worked out by hand.
//
//              n   tp fp fn tn   selected  label+
//   Female    10    2  1  3  4      3        5      (largest → reference)
//   Male       8    4  1  0  3      5        4
//   Non-binary 2    0  0  2  0      0        2      (no negatives: FPR, TNR undefined; nobody selected: PPV, FDR undefined)
import type { AuditGroup, AuditMetric, AuditResult, Disparity, Rate } from '../../../shared/audit';

const Z = 1.959963984540054;

export function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const denom = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denom;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function rate(numerator: number, denominator: number, reason = 'nobody in the denominator'): Rate {
  if (denominator === 0) return { value: null, numerator, denominator, ci: null, reason };
  return { value: numerator / denominator, numerator, denominator, ci: wilson(numerator, denominator) };
}

function group(attribute: string, name: string, c: { tp: number; fp: number; fn: number; tn: number }, total: number, isReference: boolean): AuditGroup {
  const n = c.tp + c.fp + c.fn + c.tn;
  return {
    attribute,
    group: name,
    n,
    share: n / total,
    small: n < 5,
    isReference,
    baseRate: rate(c.tp + c.fn, n),
    selectionRate: rate(c.tp + c.fp, n),
    tpr: rate(c.tp, c.tp + c.fn, 'no positive labels in this group'),
    fpr: rate(c.fp, c.fp + c.tn, 'no negative labels in this group'),
    fnr: rate(c.fn, c.tp + c.fn, 'no positive labels in this group'),
    tnr: rate(c.tn, c.fp + c.tn, 'no negative labels in this group'),
    ppv: rate(c.tp, c.tp + c.fp, 'nobody in this group was selected'),
    npv: rate(c.tn, c.tn + c.fn, 'everybody in this group was selected'),
    fdr: rate(c.fp, c.tp + c.fp, 'nobody in this group was selected'),
    for: rate(c.fn, c.tn + c.fn, 'everybody in this group was selected'),
    confusion: c,
  };
}

function disparity(g: AuditGroup, ref: AuditGroup, metric: AuditMetric, pValue: number | null, pAdjusted: number | null, flag: boolean, note: string): Disparity {
  const a = g[metric]!.value;
  const b = ref[metric]!.value;
  return {
    attribute: g.attribute,
    group: g.group,
    reference: ref.group,
    metric,
    difference: a === null || b === null ? null : a - b,
    ratio: a === null || b === null || b === 0 ? null : a / b,
    test: pValue === null ? null : 'fisher',
    pValue,
    pAdjusted,
    flag,
    note,
  };
}

export function labelledAudit(): AuditResult {
  const female = group('gender', 'Female', { tp: 2, fp: 1, fn: 3, tn: 4 }, 20, true);
  const male = group('gender', 'Male', { tp: 4, fp: 1, fn: 0, tn: 3 }, 20, false);
  const nb = group('gender', 'Non-binary', { tp: 0, fp: 0, fn: 2, tn: 0 }, 20, false);
  return {
    spec: { dataset: 'toy', decision: 'approved', favorable: 'Yes', label: 'repaid', protected: ['gender'], direction: 'assistive', minGroupSize: 5 },
    rows: 20,
    excludedRows: 1,
    decisionNote: 'approved = "Yes" (favourable, assistive)',
    groups: [female, male, nb],
    disparities: [
      disparity(male, female, 'selectionRate', 0.17, 0.68, false, 'Outside the band but not significant after adjustment.'),
      disparity(nb, female, 'selectionRate', 1, 1, false, 'Small group: not flagged on its own.'),
      disparity(male, female, 'fpr', 1, 1, false, 'Within the band.'),
      disparity(nb, female, 'fpr', null, null, false, 'FPR is undefined for Non-binary: no negative labels in this group.'),
      disparity(male, female, 'fnr', 0.08, 0.32, false, 'Not significant after adjustment.'),
      disparity(nb, female, 'fnr', 0.47, 1, false, 'Small group: not flagged on its own.'),
    ],
    adjustment: 'Holm–Bonferroni over 6 comparisons at α = 0.05.',
    summary: {
      byAttribute: [
        {
          attribute: 'gender',
          demographicParityDifference: 0.625,
          demographicParityRatio: 0,
          equalizedOddsDifference: 1,
          equalOpportunityDifference: 1,
          fourFifthsFailing: ['Female', 'Non-binary'],
        },
      ],
      demographicParityDifference: 0.625,
      demographicParityRatio: 0,
      equalizedOddsDifference: 1,
    },
    calibration: null,
    proxies: [
      { feature: 'plan', attribute: 'gender', cramersV: 0.12, mutualInformation: 0.01, normalizedMi: 0.008, flag: false, explanation: 'plan says little about gender.' },
      { feature: 'segmentation: S', attribute: 'gender', cramersV: 0.61, mutualInformation: 0.4, normalizedMi: 0.31, flag: true, explanation: 'segment 2 is 90% Male.' },
    ],
    representation: null,
    verdicts: [
      { metric: 'Demographic parity', what: 'w', why: 'y', finding: 'f', confidence: 'c', status: 'warn' },
      { metric: 'Equal opportunity', what: 'w', why: 'y', finding: 'f', confidence: 'c', status: 'fail' },
      { metric: 'Calibration', what: 'w', why: 'y', finding: 'f', confidence: 'c', status: 'not applicable' },
      { metric: 'Four-fifths rule', what: 'w', why: 'y', finding: 'f', confidence: 'c', status: 'fail' },
      { metric: 'Predictive parity', what: 'w', why: 'y', finding: 'f', confidence: 'c', status: 'pass' },
    ],
    executiveSummary: 'Women are approved less often than men.',
    warnings: [],
  };
}
