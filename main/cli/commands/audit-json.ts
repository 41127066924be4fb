// `cxw audit --json`: the keys ../shared/SPEC.md names, with every rate a plain fraction (or null when its
// denominator is 0) instead of a Rate object — groups:[{attribute, group, n, selectionRate, tpr, fpr, fnr, ppv, …}],
// disparities:[{attribute, group, metric, difference, ratio, pValue, flag, …}], summary:{demographicParityDifference,
// demographicParityRatio, equalizedOddsDifference, …} — plus the verdicts, and the whole AuditResult under `detail`
// (numerators, denominators and Wilson intervals of every rate, calibration, proxies, representation).
import { AUDIT_METRICS, type AuditGroup, type AuditMetric, type AuditResult, type Rate } from '../../../shared/audit';

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

export function auditJson(r: AuditResult): AuditJson {
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
