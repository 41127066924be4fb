// RFM preset: from a transactions dataset (customer, date, amount) to a NEW dataset "<name> RFM" with one row per
// customer: recency_days, frequency, monetary, r, f, m (quintiles, 5 = best), rfm_score and rfm_segment.
// Conventions: recency = whole days from the customer's last transaction to the as-of date (default: the latest
// transaction date in the data, so the most recent customers have 0); transactions after the as-of date and
// rows with no customer or date are left out (counted in the log); frequency = number of transactions;
// monetary = sum of the amounts (missing amounts count as a transaction with no spend).
import type { DatasetSummary } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { rfmScores } from '../../analysis/segment/index';
import { logActivity } from '../activity';
import type { Db } from '../db';
import { createDataset, findColumn, getDataset, quoteIdent, setDatasetRowCount, toSummary, uniqueDatasetName } from '../datasets';
import type { Progress } from './prepare';
import { stagedProgress } from './stages';

export interface RfmArgs {
  dataset: string;
  customer: string;
  date: string;
  amount: string;
  asOf?: string;
  name?: string;
}

export interface RfmOutcome {
  dataset: DatasetSummary;
  segments: { name: string; customers: number }[];
}

/** Rows between two progress reports while the RFM dataset is written. */
const SAVE_REPORT_EVERY = 5000;

export function runRfm(db: Db, args: RfmArgs, jobCtx: Progress): RfmOutcome {
  // Grouping is one SQL query over the transactions (most of the time); scoring is quick; writing counts rows.
  const ctx = stagedProgress(jobCtx, [
    { phase: 'rfm', weight: 3 },
    { phase: 'rfm-scores', weight: 0.3 },
    { phase: 'save', weight: 1.5 },
  ]);
  const ds = getDataset(db, args.dataset);
  const cust = findColumn(ds, args.customer);
  const date = findColumn(ds, args.date);
  const amount = findColumn(ds, args.amount);
  if (date.type !== 'date' && date.type !== 'datetime') throw new AppError('BAD_ARGUMENTS', `RFM: "${date.name}" is ${date.type}, not a date.`, { columnName: date.name });
  if (amount.type !== 'integer' && amount.type !== 'real') throw new AppError('BAD_ARGUMENTS', `RFM: "${amount.name}" is ${amount.type}, not a number.`, { columnName: amount.name });
  const t = quoteIdent(ds.tableName);
  const [c, d, a] = [cust, date, amount].map((x) => quoteIdent(x.sqlName));
  ctx.onProgress({ phase: 'rfm', done: 0, total: null, message: 'grouping transactions by customer' });
  const asOf = args.asOf ?? (db.prepare(`SELECT substr(MAX(${d}), 1, 10) FROM ${t}`).pluck().get() as string | null);
  if (!asOf) throw new AppError('BAD_ARGUMENTS', `RFM: "${date.name}" has no dates.`);
  // Dates are ISO text (dates 'YYYY-MM-DD', datetimes normalised to UTC), so their first 10 characters compare
  // and convert correctly.
  const rows = db
    .prepare(
      `SELECT ${c} AS customer, CAST(julianday(?) - julianday(substr(MAX(${d}), 1, 10)) AS INTEGER) AS recency, COUNT(*) AS frequency, COALESCE(SUM(${a}), 0) AS monetary
       FROM ${t} WHERE ${c} IS NOT NULL AND ${d} IS NOT NULL AND substr(${d}, 1, 10) <= ? GROUP BY ${c} ORDER BY MIN(_row)`,
    )
    .raw(true)
    .all(asOf, asOf) as [string | number, number, number, number][];
  if (rows.length === 0) throw new AppError('BAD_ARGUMENTS', `RFM: no transactions with a customer and a date on or before ${asOf}.`);
  // One row per customer (a customer table, not purchases) would score everyone on a single "purchase".
  if (rows.length > 1 && rows.every((r) => r[2] === 1)) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `RFM needs a transactions table: one row per purchase with a customer id, a date and an amount. Every "${cust.name}" occurs once in "${ds.name}", so it holds one row per customer; choose the table of purchases (--dataset) or the column that identifies the buyer (--customer).`,
      { columnName: cust.name },
    );
  }
  const left = (db.prepare(`SELECT COUNT(*) FROM ${t} WHERE ${c} IS NULL OR ${d} IS NULL OR substr(${d}, 1, 10) > ?`).pluck().get(asOf) as number) ?? 0;
  if (ctx.isCancelled()) throw new AppError('CANCELLED', 'RFM cancelled; nothing was created.');
  ctx.onProgress({ phase: 'rfm-scores', done: 0, total: null, message: `${rows.length.toLocaleString('en-GB')} customers` });
  const recency = Float64Array.from(rows, (r) => r[1]);
  const frequency = Float64Array.from(rows, (r) => r[2]);
  const monetary = Float64Array.from(rows, (r) => r[3]);
  const scores = rfmScores(recency, frequency, monetary);
  const name = args.name ?? uniqueDatasetName(db, `${ds.name} RFM`);
  const col = (n: string, type: 'integer' | 'real' | 'text', role: 'id' | 'feature' | 'score' | 'category') => ({ name: n, originalName: n, type, role, piiAction: 'keep' as const });
  const counts = new Map<string, number>();
  db.transaction(() => {
    const created = createDataset(db, {
      name,
      sourceFile: ds.sourceFile,
      importParams: { derivedFrom: ds.name, kind: 'rfm', customer: cust.name, date: date.name, amount: amount.name, asOf },
      columns: [
        { ...col(cust.name, cust.type === 'integer' ? 'integer' : 'text', 'id'), originalName: cust.originalName },
        col('recency_days', 'integer', 'feature'),
        col('frequency', 'integer', 'feature'),
        col('monetary', 'real', 'feature'),
        col('r', 'integer', 'score'),
        col('f', 'integer', 'score'),
        col('m', 'integer', 'score'),
        col('rfm_score', 'text', 'category'),
        col('rfm_segment', 'text', 'category'),
      ],
    });
    const insert = db.prepare(`INSERT INTO ${quoteIdent(created.tableName)} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    rows.forEach((r, i) => {
      if (i % SAVE_REPORT_EVERY === 0) ctx.onProgress({ phase: 'save', done: i, total: rows.length });
      const seg = scores.segment[i];
      counts.set(seg, (counts.get(seg) ?? 0) + 1);
      insert.run(i + 1, r[0], r[1], r[2], r[3], scores.r[i], scores.f[i], scores.m[i], `${scores.r[i]}${scores.f[i]}${scores.m[i]}`, seg);
    });
    setDatasetRowCount(db, created.id, rows.length);
    logActivity(db, 'segment.rfm', `Computed RFM of "${ds.name}": ${rows.length} customers into dataset "${name}".`, {
      dataset: ds.name,
      customer: cust.name,
      date: date.name,
      amount: amount.name,
      asOf,
      created: name,
      customers: rows.length,
      leftOut: left,
      scores: 'quintiles by rank, 5 = best (most recent, most frequent, highest spend)',
    });
  })();
  const segments = [...counts.entries()].map(([n, customers]) => ({ name: n, customers })).sort((x, y) => y.customers - x.customers || (x.name < y.name ? -1 : 1));
  return { dataset: toSummary(getDataset(db, name)), segments };
}
