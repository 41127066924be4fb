// The analyst's column decisions during import, and the minimal ColumnPlan list sent to `dataset.import`.
import type { ColumnPlan, ColumnPreview, ImportOptions, ImportPreview } from '../../../../shared/domain';

export type PlanEdits = Record<number, Omit<ColumnPlan, 'index'>>;

/** The column as it will be imported: the preview's inference overlaid with the analyst's edits. */
export function effectiveColumn(column: ColumnPreview, edits: PlanEdits): ColumnPreview {
  const e = edits[column.index];
  return e ? { ...column, ...e } : column;
}

/** Only what differs from the inference: omitted columns keep the inferred plan. */
export function toColumnPlans(columns: ColumnPreview[], edits: PlanEdits): ColumnPlan[] {
  const plans: ColumnPlan[] = [];
  for (const c of columns) {
    const e = edits[c.index];
    if (!e) continue;
    const plan: ColumnPlan = { index: c.index };
    const name = e.name?.trim();
    if (name && name !== c.name) plan.name = name;
    if (e.type && e.type !== c.type) plan.type = e.type;
    if (e.role && e.role !== c.role) plan.role = e.role;
    if (e.piiAction && e.piiAction !== c.piiAction) plan.piiAction = e.piiAction;
    if (Object.keys(plan).length > 1) plans.push(plan);
  }
  return plans;
}

/** Edits survive a re-preview only when the columns are still the same ones (same count and names). */
export function editsStillApply(before: ImportPreview | null, after: ImportPreview): boolean {
  if (!before || before.columns.length !== after.columns.length) return false;
  return before.columns.every((c, i) => c.originalName === after.columns[i]?.originalName);
}

/** The import options for the wire: only the fields the analyst actually overrode. */
export function wireOptions(o: ImportOptions): { delimiter?: ',' | ';' | '\t' | '|'; encoding?: ImportOptions['encoding']; hasHeader?: boolean; onBadRow?: 'fail' | 'skip' } | undefined {
  const out: Record<string, unknown> = {};
  if (o.delimiter !== undefined) out.delimiter = o.delimiter;
  if (o.encoding !== undefined) out.encoding = o.encoding;
  if (o.hasHeader !== undefined) out.hasHeader = o.hasHeader;
  if (o.onBadRow !== undefined) out.onBadRow = o.onBadRow;
  return Object.keys(out).length ? (out as ReturnType<typeof wireOptions>) : undefined;
}
