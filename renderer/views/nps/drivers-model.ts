// Pure helpers of the key-driver set-up (unit-tested): which way is good (inferred as the services infer it, from
// the target's role, name and the value counted as 1, so the set-up can pre-select it or ask), the default drivers
// (ratings with few missing values, so the default never silently drops half the rows), and the row filters whose
// count is "rows complete for these drivers" before anything runs.
import type { ColumnMeta, ColumnProfile, DatasetProfile, DatasetSummary, RowFilter } from '../../../shared/domain';
import { inferDirection, type DriversDirection, type InferredDirection } from '../../../shared/drivers-direction';
import type { DriversForm } from './model';
import { driverColumns, RATING_NAME } from './model';

/** A rating missing in more than this share of rows is left out of the pre-filled drivers (the analyst can tick it). */
export const MAX_DEFAULT_MISSING_PCT = 20;

/**
 * The value the services will count as 1 for a binary target, as they spell it; undefined for a linear target or
 * when the profile has not arrived. Mirrors drivers-target.ts: `positive` when typed; true (its label) for Yes/No;
 * the later of two texts in character order; the larger of two numbers.
 */
export function oneLabel(form: Pick<DriversForm, 'model' | 'positive'>, column: ColumnMeta | undefined, profile: ColumnProfile | undefined): string | undefined {
  if (!column || form.model === 'linear' || form.model === 'detractor' || form.model === 'promoter') return undefined;
  const typed = form.positive.trim();
  if (typed) return column.type === 'boolean' ? (/^(true|yes|y|1)$/i.test(typed) ? (column.booleanLabels?.true ?? 'true') : typed) : typed;
  if (column.type === 'boolean') return column.booleanLabels?.true ?? 'true';
  if (!profile || profile.distinct !== 2) return undefined;
  if (column.type === 'text') {
    const values = (profile.topValues ?? []).map((t) => t.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return values.length === 2 ? values[1] : undefined;
  }
  return typeof profile.max === 'number' ? String(profile.max) : undefined;
}

export interface DirectionChoice {
  /** What the form will send: the analyst's choice, else the inference; null = the analyst must choose. */
  direction: DriversDirection | null;
  inferred: InferredDirection | null;
  /** What "higher" means here: 'a higher "nps_score"' or '"Churn" = Yes'. */
  subject: string;
}

export function directionChoice(form: DriversForm, dataset: DatasetSummary | null, profile: DatasetProfile | undefined): DirectionChoice {
  const column = dataset?.columns.find((c) => c.name === form.target);
  const label = oneLabel(form, column, profile?.columns.find((c) => c.name === form.target));
  const inferred = column ? inferDirection(column, form.model, label) : null;
  const binary = label !== undefined || form.model === 'detractor' || form.model === 'promoter';
  const one = form.model === 'detractor' ? 'a detractor' : form.model === 'promoter' ? 'a promoter' : label;
  const subject = binary ? (one ? `“${form.target}” = ${one}` : `the value of “${form.target}” counted as 1`) : `a higher “${form.target}”`;
  return { direction: form.direction || inferred?.direction || null, inferred, subject };
}

/** The pre-filled drivers: ratings, least missing first, leaving out those missing in more than 20% of rows. */
export function defaultDrivers(dataset: DatasetSummary | null, target: string, profile: DatasetProfile | undefined): string[] {
  const ratings = driverColumns(dataset, target).filter((c) => RATING_NAME.test(c.name));
  if (!profile) return ratings.slice(0, 20).map((c) => c.name);
  const missing = new Map(profile.columns.map((c) => [c.name, c.missingPct]));
  const kept = ratings.filter((c) => (missing.get(c.name) ?? 0) <= MAX_DEFAULT_MISSING_PCT);
  return kept.slice(0, 20).map((c) => c.name);
}

/**
 * Filters whose row count is the complete cases the analysis will use: the target present, every driver present
 * and, for each missing code, not equal to it. Null when they exceed what one rows query takes (50).
 */
export function completeRowFilters(form: DriversForm, codes: number[]): RowFilter[] | null {
  if (!form.target || form.drivers.length === 0) return null;
  const filters: RowFilter[] = [{ column: form.target, op: 'notMissing' }];
  for (const d of form.drivers) {
    filters.push({ column: d, op: 'notMissing' });
    for (const code of codes) filters.push({ column: d, op: 'notEquals', value: code });
  }
  return filters.length <= 50 ? filters : null;
}

/** Per chosen driver: the rows where it is blank, most first (for the set-up's "what costs rows" line). */
export function missingByDriver(form: DriversForm, profile: DatasetProfile | undefined): { name: string; missing: number }[] {
  if (!profile) return [];
  return form.drivers
    .map((name) => ({ name, missing: profile.columns.find((c) => c.name === name)?.missing ?? 0 }))
    .filter((d) => d.missing > 0)
    .sort((a, b) => b.missing - a.missing);
}

/** A share of rows for the set-up, to one decimal (so 11 of 7,043 reads 0.2%, not 0%). */
export function formatPct(part: number, whole: number): string {
  const pct = whole > 0 ? (100 * part) / whole : 0;
  return `${pct.toFixed(1)}%`;
}
