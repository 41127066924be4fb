// The audit's long, machine form as one CSV (unit-tested; "Long form (for tools)" in the export menu): a tidy table a
// spreadsheet or script can pivot — one row per group and metric (value, Wilson interval, numerator, denominator, or
// blank with the reason when undefined; `reliable` false when the denominator is below the minimum group size), one
// row per disparity (difference, ratio, test, p and adjusted p, flag, reliable, note) and one per Fairlearn summary
// number. Rates are exact fractions, as `cxw audit --json` gives them. The form for people is csv-people.ts.
// Text cells are quoted per RFC 4180, and a cell beginning with = + - @ (after any spaces), a tab or a carriage return
// gets a leading ' so spreadsheets never run it as a formula — the rule of the segment assignments export
// (main/workspace/assignments-csv.ts), repeated here because the renderer cannot import main/.
import type { AuditResult, Rate } from '../../../shared/audit';
import { DEFAULT_MIN_GROUP_SIZE, rateReliable } from '../../../shared/audit-gaps';
import { MAIN_METRICS, MORE_METRICS } from './results';

export const AUDIT_CSV_HEADER = [
  'section',
  'attribute',
  'group',
  'reference',
  'metric',
  'n',
  'value',
  'ci_low',
  'ci_high',
  'numerator',
  'denominator',
  'difference',
  'ratio',
  'test',
  'p_value',
  'p_adjusted',
  'flag',
  'note',
  'reliable',
] as const;

type Column = (typeof AUDIT_CSV_HEADER)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

/** One CSV cell: numbers as written, text quoted when needed and defused against formula injection. */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (/^[\s]*[=+\-@]/.test(s) || /^[\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function rateRow(base: Row, metric: string, rate: Rate, minGroupSize: number): Row {
  return {
    reliable: rateReliable(rate, minGroupSize),
    ...base,
    metric,
    value: rate.value,
    ci_low: rate.ci?.[0] ?? null,
    ci_high: rate.ci?.[1] ?? null,
    numerator: rate.numerator,
    denominator: rate.denominator,
    note: rate.value === null ? `undefined: ${rate.reason ?? 'the denominator is 0'}` : (base.note ?? null),
  };
}

export function auditCsvRows(result: AuditResult): Row[] {
  const rows: Row[] = [];
  const min = result.spec.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  for (const g of result.groups) {
    const marks = [g.isReference ? 'reference group' : '', g.small ? `small group (n < ${min})` : ''].filter(Boolean).join('; ');
    const base: Row = { section: 'group', attribute: g.attribute, group: g.group, n: g.n, note: marks || null };
    rows.push({ ...base, metric: 'share', value: g.share, numerator: g.n, denominator: result.rows });
    for (const metric of [...MAIN_METRICS, ...MORE_METRICS]) {
      const rate = g[metric];
      if (rate) rows.push(rateRow(base, metric, rate, min));
    }
  }
  for (const d of result.disparities) {
    rows.push({
      section: 'disparity',
      attribute: d.attribute,
      group: d.group,
      reference: d.reference,
      metric: d.metric,
      difference: d.difference,
      ratio: d.ratio,
      test: d.test,
      p_value: d.pValue,
      p_adjusted: d.pAdjusted,
      flag: d.flag,
      reliable: d.reliable ?? true,
      note: d.note,
    });
  }
  for (const s of result.summary.byAttribute) {
    const base: Row = { section: 'summary', attribute: s.attribute };
    rows.push({ ...base, metric: 'demographicParityDifference', value: s.demographicParityDifference });
    rows.push({ ...base, metric: 'demographicParityRatio', value: s.demographicParityRatio });
    rows.push({ ...base, metric: 'equalizedOddsDifference', value: s.equalizedOddsDifference, note: s.equalizedOddsDifference === null ? 'needs a label' : null });
    rows.push({ ...base, metric: 'equalOpportunityDifference', value: s.equalOpportunityDifference, note: s.equalOpportunityDifference === null ? 'needs a label' : null });
    rows.push({
      ...base,
      metric: 'fourFifthsFailing',
      value: s.fourFifthsFailing.length,
      note: s.fourFifthsFailing.length ? s.fourFifthsFailing.join('; ') : 'no group below four fifths of the most favoured',
    });
  }
  return rows;
}

export function auditCsv(result: AuditResult): string {
  const lines = [AUDIT_CSV_HEADER.join(',')];
  for (const row of auditCsvRows(result)) lines.push(AUDIT_CSV_HEADER.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\n')}\n`;
}

export type AuditCsvForm = 'people' | 'tools';

/**
 * "Demo customers – offer_approved – fairness audit groups.csv" (for people) or "… fairness audit long form.csv" (for
 * tools): each part once — a part already contained in an earlier one is dropped, so a dataset called "offer audit"
 * does not give "offer audit – offer – fairness audit" — and characters file systems refuse replaced.
 */
export function auditFileName(result: AuditResult, form: AuditCsvForm = 'tools'): string {
  const what = result.spec.decision ?? result.spec.score ?? 'decision';
  const parts: string[] = [];
  for (const p of [result.spec.dataset.trim(), what.trim()]) {
    if (p && !parts.some((q) => q.toLowerCase().includes(p.toLowerCase()))) parts.push(p);
  }
  const kind = form === 'people' ? 'groups' : 'long form';
  const tail = parts.some((q) => /fairness audit/i.test(q)) ? kind : `fairness audit ${kind}`;
  const name = `${parts.join(' – ')} – ${tail}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\s+/g, ' ').trim();
  return `${name.slice(0, 120)}.csv`;
}
