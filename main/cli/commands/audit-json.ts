// `cxw audit --json`: the keys ../shared/SPEC.md names, with every rate a plain fraction (or null when its
// denominator is 0) instead of a Rate object — groups:[{attribute, group, n, selectionRate, tpr, fpr, fnr, ppv, …}],
// disparities:[{attribute, group, metric, difference, ratio, pValue, flag, …}], summary:{demographicParityDifference,
// demographicParityRatio, equalizedOddsDifference, …} — plus the verdicts, and the whole AuditResult under `detail`
// (numerators, denominators and Wilson intervals of every rate, calibration, proxies, representation).
// Rates stay exact here (people get rounded numbers in the view and the "for people" CSV). Each group lists its
// `unreliable` rates — defined, but over a denominator below minGroupSize, so no verdict or widest gap rests on
// them — and each disparity says whether it is `reliable`; detail's Rate objects carry `reliable` too.
import { AUDIT_METRICS, type AuditGroup, type AuditMetric, type AuditResult, type Rate } from '../../../shared/audit';
import { DEFAULT_MIN_GROUP_SIZE, rateReliable } from '../../../shared/audit-gaps';

export interface AuditJsonGroup {
  attribute: string;
  group: string;
  n: number;
  share: number;
  small: boolean;
  isReference: boolean;
  baseRate: number | null;
  selectionRate: number | null;
  tpr: number | null;
  fpr: number | null;
  fnr: number | null;
  tnr: number | null;
  ppv: number | null;
  npv: number | null;
  fdr: number | null;
  for: number | null;
  confusion: AuditGroup['confusion'];
  /** Rates with a value whose denominator is below minGroupSize (e.g. ['selectionRate', 'fnr'] for a group of 2). */
  unreliable: (AuditMetric | 'baseRate')[];
}

export interface AuditJson {
  dataset: string;
  rows: number;
  excludedRows: number;
  decisionNote: string;
  groups: AuditJsonGroup[];
  disparities: {
    attribute: string;
    group: string;
    reference: string;
    metric: AuditMetric;
    difference: number | null;
    ratio: number | null;
    test: 'fisher' | 'chi-square' | null;
    pValue: number | null;
    pAdjusted: number | null;
    flag: boolean;
    /** False when the group's or the reference's rate is unreliable: left out of the verdicts. */
    reliable: boolean;
    note: string;
  }[];
  adjustment: string;
  summary: AuditResult['summary'];
  verdicts: AuditResult['verdicts'];
  executiveSummary: string;
  warnings: string[];
  detail: AuditResult;
}

const value = (r: Rate | null): number | null => (r ? r.value : null);

function unreliableRates(g: AuditGroup, minGroupSize: number): (AuditMetric | 'baseRate')[] {
  return (['baseRate', ...AUDIT_METRICS] as const).filter((m) => {
    const r = g[m];
    return r !== null && r.value !== null && !rateReliable(r, minGroupSize);
  });
}

export function auditJson(r: AuditResult): AuditJson {
  const minGroupSize = r.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  return {
    dataset: r.spec.dataset,
    rows: r.rows,
    excludedRows: r.excludedRows,
    decisionNote: r.decisionNote,
    groups: r.groups.map((g) => {
      const rates = Object.fromEntries(AUDIT_METRICS.map((m) => [m, value(g[m])])) as Record<AuditMetric, number | null>;
      return {
        attribute: g.attribute,
        group: g.group,
        n: g.n,
        share: g.share,
        small: g.small,
        isReference: g.isReference,
        baseRate: value(g.baseRate),
        ...rates,
        confusion: g.confusion,
        unreliable: unreliableRates(g, minGroupSize),
      };
    }),
    disparities: r.disparities.map((d) => ({
      attribute: d.attribute,
      group: d.group,
      reference: d.reference,
      metric: d.metric,
      difference: d.difference,
      ratio: d.ratio,
      test: d.test,
      pValue: d.pValue,
      pAdjusted: d.pAdjusted,
      flag: d.flag,
      reliable: d.reliable ?? true,
      note: d.note,
    })),
    adjustment: r.adjustment,
    summary: r.summary,
    verdicts: r.verdicts,
    executiveSummary: r.executiveSummary,
    warnings: r.warnings,
    detail: r,
  };
}
