// RFM set-up: which datasets can be a transactions table and which of their columns to propose as customer,
// date and amount. Pure functions, so the defaults are testable without a window.
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';

const isDate = (c: ColumnMeta) => c.type === 'date' || c.type === 'datetime';
const isNumber = (c: ColumnMeta) => c.type === 'real' || c.type === 'integer';

/** A transactions table needs at least a date column, a number column and a third column for the customer. */
export function rfmCandidates(datasets: DatasetSummary[]): DatasetSummary[] {
  return datasets.filter((d) => d.columns.some(isDate) && d.columns.some(isNumber) && d.columns.length >= 3);
}

export interface RfmColumns {
  customer: string;
  date: string;
  amount: string;
}

/** First column passing the tests in order of preference (an earlier test wins over column order). */
function pick(columns: ColumnMeta[], tests: ((c: ColumnMeta) => boolean)[], exclude: string[] = []): string {
  for (const t of tests) {
    const hit = columns.find((c) => !exclude.includes(c.name) && t(c));
    if (hit) return hit.name;
  }
  return columns.find((c) => !exclude.includes(c.name))?.name ?? '';
}

const named = (re: RegExp) => (c: ColumnMeta) => re.test(c.name);

/** Defaults: customer = an id-role column or one named like "customer"; date = a date/datetime (timestamp role
 * first); amount = a real column named like an amount, then any real, then any integer. */
export function defaultRfmColumns(ds: DatasetSummary | null): RfmColumns {
  if (!ds) return { customer: '', date: '', amount: '' };
  const cols = ds.columns;
  const date = pick(cols, [(c) => isDate(c) && c.role === 'timestamp', isDate]);
  const customer = pick(
    cols,
    [(c) => c.role === 'id' && /customer|client|member|user/i.test(c.name), named(/customer|client/i), (c) => c.role === 'id'],
    [date],
  );
  const amount = pick(
    cols,
    [(c) => c.type === 'real' && /amount|value|total|revenue|spend|price|payment/i.test(c.name), (c) => c.type === 'real', (c) => c.type === 'integer' && c.role !== 'id'],
    [date, customer],
  );
  return { customer, date, amount };
}

export function dateColumns(ds: DatasetSummary | null): string[] {
  return ds ? ds.columns.filter(isDate).map((c) => c.name) : [];
}

export function numberColumns(ds: DatasetSummary | null): string[] {
  return ds ? ds.columns.filter(isNumber).map((c) => c.name) : [];
}
