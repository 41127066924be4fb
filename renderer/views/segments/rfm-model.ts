// RFM set-up: which datasets look like a transactions table and which of their columns to propose as customer,
// date and amount. Pure functions, so the defaults are testable without a window.
// A transactions table has one row per purchase: a customer id that repeats, a date, and an amount. The column
// metadata can tell the date and an amount-like column; whether the id repeats needs the data (the profile's
// distinct count), so a dataset is only offered once that is known. A table of customers (one row each, e.g. the
// demo's, with a signup date and a monthly spend) is not offered: its RFM would give everyone one purchase.
import type { ColumnMeta, DatasetProfile, DatasetSummary } from '../../../shared/domain';

export const RFM_NEEDS = 'RFM needs a transactions table: one row per purchase with a customer id, a date and an amount.';

const isDate = (c: ColumnMeta) => c.type === 'date' || c.type === 'datetime';
const isNumber = (c: ColumnMeta) => c.type === 'real' || c.type === 'integer';
/** Names that say "money": amount, revenue, total, price, value, spend, sales (and payment). */
const AMOUNT_NAME = /amount|revenue|total|price|value|spend|sales|payment/i;
/** …unless the name says it is an opinion about the price or value (satisfaction_price is a 1–5 rating). */
const OPINION_NAME = /satisf|rating|csat|score|stars|nps|sentiment/i;
/**
 * A customer identifier by name: "customer_id", "ClientNo", "member", "user" — but not a description of the
 * customer ("customer_type", "account_type", "member_tier", "user_segment"), which repeats too and is no id.
 */
const CUSTOMER_NAME = /^(customer|client|member|user|account|buyer|shopper)s?([ _-]?(id|no|nr|number|code|key|ref))?$/i;

/**
 * Columns that can be the amount: numbers named like money, or real-typed (pence and cents are fractions).
 * Never an id, a protected attribute (age), a score or an outcome. Money-named first.
 */
export function amountColumns(ds: DatasetSummary | null): string[] {
  if (!ds) return [];
  const ok = ds.columns.filter((c) => isNumber(c) && !OPINION_NAME.test(c.name) && !['id', 'protected', 'score', 'outcome', 'nps', 'decision', 'pii', 'ignore'].includes(c.role));
  const named = ok.filter((c) => AMOUNT_NAME.test(c.name));
  const real = ok.filter((c) => c.type === 'real' && !AMOUNT_NAME.test(c.name));
  return [...named, ...real].map((c) => c.name);
}

/** Columns that can name the customer: id-role columns and columns named like a customer, best first. */
export function customerColumns(ds: DatasetSummary | null): string[] {
  if (!ds) return [];
  const ok = ds.columns.filter((c) => !isDate(c) && c.type !== 'boolean' && c.role !== 'pii' && c.role !== 'ignore');
  const tiers = [(c: ColumnMeta) => c.role === 'id' && CUSTOMER_NAME.test(c.name), (c: ColumnMeta) => CUSTOMER_NAME.test(c.name), (c: ColumnMeta) => c.role === 'id'];
  const out: string[] = [];
  for (const t of tiers) for (const c of ok) if (t(c) && !out.includes(c.name)) out.push(c.name);
  return out;
}

export function dateColumns(ds: DatasetSummary | null): string[] {
  return ds ? ds.columns.filter(isDate).map((c) => c.name) : [];
}

/** From the metadata alone: a date, an amount-like column and a customer-like column. */
export function mayBeTransactions(ds: DatasetSummary): boolean {
  return dateColumns(ds).length > 0 && amountColumns(ds).length > 0 && customerColumns(ds).length > 0;
}

/** Distinct values per column name, from a dataset's profile. */
export type DistinctCounts = Record<string, number>;

export function distinctCounts(p: DatasetProfile): DistinctCounts {
  const out: DistinctCounts = {};
  for (const c of p.columns) out[c.name] = c.distinct;
  return out;
}

/**
 * Whether a dataset looks like transactions: the metadata test, and some customer column repeats (fewer distinct
 * values than rows). `null` while its distinct counts are not known yet.
 */
export function looksLikeTransactions(ds: DatasetSummary, distinct: DistinctCounts | undefined): boolean | null {
  if (!mayBeTransactions(ds)) return false;
  if (!distinct) return null;
  return customerColumns(ds).some((c) => distinct[c] !== undefined && distinct[c] < ds.rows);
}

/** The datasets to offer: those that look like transactions (unknown ones wait for their counts). */
export function rfmCandidates(datasets: DatasetSummary[], distinct: Record<string, DistinctCounts>): DatasetSummary[] {
  return datasets.filter((d) => looksLikeTransactions(d, distinct[d.name]) === true);
}

export interface RfmColumns {
  customer: string;
  date: string;
  amount: string;
}

/**
 * Defaults: customer = the first customer-like column that repeats (else the first customer-like one); date = a
 * date/datetime, timestamp role first; amount = the first amount-like column.
 */
export function defaultRfmColumns(ds: DatasetSummary | null, distinct?: DistinctCounts): RfmColumns {
  if (!ds) return { customer: '', date: '', amount: '' };
  const dates = ds.columns.filter(isDate);
  const date = (dates.find((c) => c.role === 'timestamp') ?? dates[0])?.name ?? '';
  const customers = customerColumns(ds);
  const customer = customers.find((c) => distinct && distinct[c] !== undefined && distinct[c] < ds.rows) ?? customers[0] ?? '';
  const amount = amountColumns(ds).find((c) => c !== customer) ?? '';
  return { customer, date, amount };
}
