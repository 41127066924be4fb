// The audit's groups as a CSV a client can read ("Groups table (for people)" in the export menu; unit-tested): one
// row per group — attribute, group (the data's own labels), reference, people, share — then each rate as a
// percentage with one decimal and its 95% Wilson interval in "<rate> 95% CI low" / "high" columns, which rates rest
// on too few people to trust, and a note. Numbers are rounded for people here; the long form (csv.ts) and the JSON
// keep them exact. Yes/No instead of true/false; an undefined rate says "undefined"; every cell goes through the
// same formula-injection guard as the long form (csvCell).
import type { AuditGroup, AuditResult, Rate } from '../../../shared/audit';
import { DEFAULT_MIN_GROUP_SIZE, percentText, rateReliable } from '../../../shared/audit-gaps';
import { csvCell } from './csv';
import { MAIN_METRICS, MORE_METRICS, type TableMetric } from './results';

/** Column names people know: "Selection rate", "FPR" (the glossary is in the app and the README). */
const NAMES: Record<TableMetric, string> = {
  selectionRate: 'Selection rate',
  baseRate: 'Base rate',
  tpr: 'TPR',
  fpr: 'FPR',
  fnr: 'FNR',
  ppv: 'PPV',
  tnr: 'TNR',
  npv: 'NPV',
  fdr: 'FDR',
  for: 'FOR',
};

/** The rates some group has (no label: only the selection rate), in the table's order. */
function metricsOf(result: AuditResult): TableMetric[] {
  return [...MAIN_METRICS, ...MORE_METRICS].filter((m) => result.groups.some((g) => g[m] !== null));
}

export function peopleCsvHeader(result: AuditResult): string[] {
  const rates = metricsOf(result).flatMap((m) => [NAMES[m], `${NAMES[m]} 95% CI low`, `${NAMES[m]} 95% CI high`]);
  return ['Attribute', 'Group', 'Reference group', 'People', 'Share of people', ...rates, 'Too few people to trust', 'Note'];
}

const rateCells = (r: Rate | null): string[] => {
  if (!r) return ['', '', ''];
  if (r.value === null) return ['undefined', '', ''];
  return [percentText(r.value), r.ci ? percentText(r.ci[0]) : '', r.ci ? percentText(r.ci[1]) : ''];
};

function peopleRow(result: AuditResult, g: AuditGroup, metrics: TableMetric[], min: number): string[] {
  const thin = metrics.filter((m) => {
    const r = g[m];
    return r !== null && r.value !== null && !rateReliable(r, min);
  });
  const undefinedWhy = metrics
    .map((m) => g[m])
    .filter((r): r is Rate => r !== null && r.value === null && r.reason !== undefined)
    .map((r) => r.reason!);
  const notes = [
    g.small ? `Fewer than ${min} people: read every rate with care` : '',
    thin.length > 0 && !g.small ? `${thin.map((m) => NAMES[m]).join(', ')} rest${thin.length === 1 ? 's' : ''} on fewer than ${min} people` : '',
    ...new Set(undefinedWhy),
  ].filter(Boolean);
  return [
    g.attribute,
    g.group,
    g.isReference ? 'Yes' : 'No',
    String(g.n),
    percentText(g.share),
    ...metrics.flatMap((m) => rateCells(g[m])),
    thin.map((m) => `${NAMES[m]} (${g[m]!.denominator})`).join('; '),
    notes.join('. '),
  ];
}

export function peopleCsvRows(result: AuditResult): string[][] {
  const min = result.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const metrics = metricsOf(result);
  return result.groups.map((g) => peopleRow(result, g, metrics, min));
}

/** The wide CSV for people, with a byte-order mark so spreadsheets read "–" and "×" as written. */
export function auditPeopleCsv(result: AuditResult): string {
  const lines = [peopleCsvHeader(result), ...peopleCsvRows(result)].map((cells) => cells.map((c) => csvCell(c)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
