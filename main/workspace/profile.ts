// Data profile and hygiene audit of a stored dataset.
//
// Cost on 1M rows is dominated by passes over the table, so the work is arranged to make few of them:
// 1. one pass (profile-read.ts) reads every integer/real column into a Float64Array and counts the values of
//    every low-cardinality column (booleans, categories, dates) into a Map; per numeric column a typed-array
//    sort then gives the exact median, quartiles, histogram, Tukey outliers and distinct count through the pure
//    functions of main/analysis/stats-basic.ts;
// 2. columns with many distinct values (names, e-mails, ids, timestamps) get SQL GROUP BY / COUNT(DISTINCT)
//    queries instead, so their values never all sit in JS memory.
// SQLite's AVG and a SUM of squares are not used for mean/std: a one-pass variance loses precision on large
// offsets, and the arrays are needed for the median anyway. Hygiene rules live in main/analysis/hygiene.ts.
import type { DatasetProfile } from '../../shared/domain';
import { auditDataset, type ColumnFacts } from '../analysis/hygiene';
import { booleanFacts, dateFacts, numericFacts, textFacts } from './profile-columns';
import { readTable, type TableRead } from './profile-read';
import type { Db } from './db';
import { quoteIdent, type StoredColumn, type StoredDataset } from './datasets';

export interface ProfileOptions {
  /** The moment "future" dates and plausible birth years are judged against (default: now). */
  now?: Date;
}

export interface DatasetFacts {
  rows: number;
  columns: ColumnFacts[];
}

export function profileDataset(db: Db, ds: StoredDataset, opts: ProfileOptions = {}): DatasetProfile {
  const facts = measureDataset(db, ds, opts);
  return {
    dataset: ds.name,
    rows: facts.rows,
    columns: facts.columns.map((c) => c.profile),
    issues: auditDataset(facts),
  };
}

/** Every column's profile plus the extra facts the hygiene audit needs, in column order. */
export function measureDataset(db: Db, ds: StoredDataset, opts: ProfileOptions = {}): DatasetFacts {
  const now = opts.now ?? new Date();
  const table = quoteIdent(ds.tableName);
  // Count the table itself rather than trusting the stored row count; one read transaction keeps every
  // query of the profile on the same snapshot even if another connection writes meanwhile.
  return db.transaction((): DatasetFacts => {
    const rows = db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    const read = readTable(db, table, ds.columns, rows);
    const columns = ds.columns.map((col): ColumnFacts => {
      const facts = columnFacts(db, table, col, read, rows, now);
      // The profile travels to the screen and to `cxw profile --json`; a personal column's values (names,
      // e-mails, birth dates, or their pseudonyms, which still single out a person) are never part of it:
      // no most frequent values, and no min, max, median or histogram, which are values of single rows.
      // Counts and aggregates (missing, distinct, mean) stay.
      if (isPersonal(col)) Object.assign(facts.profile, { topValues: null, min: null, max: null, median: null, histogram: null });
      return facts;
    });
    addSameTimeRepeats(db, table, ds.columns, columns);
    return { rows, columns };
  }).deferred();
}

function columnFacts(db: Db, table: string, col: StoredColumn, read: TableRead, rows: number, now: Date): ColumnFacts {
  const numeric = read.numeric.get(col.sqlName);
  if (numeric) return numericFacts(col, numeric, rows, now);
  const counted = read.counted.get(col.sqlName);
  if (col.type === 'boolean') return booleanFacts(db, table, col, rows, counted);
  if (col.type === 'date' || col.type === 'datetime') return dateFacts(db, table, col, rows, counted, read.byDay.get(col.sqlName), now);
  return textFacts(db, table, col, rows, counted);
}

/** A column holding personal data: the PII role, or values pseudonymised on import whatever role they have now. */
export function isPersonal(col: Pick<StoredColumn, 'role' | 'piiAction'>): boolean {
  return col.role === 'pii' || col.piiAction === 'pseudonymize';
}

/**
 * For each id column that repeats, count the rows that repeat both the id and the table's timestamp: the
 * hygiene audit reads a table whose repeats differ in time as an event log (main/analysis/hygiene.ts,
 * eventLogOf). The time is the first timestamp-role column, a date-time one before a date-only one. Only the
 * role counts: a date column the analyst has not marked as the event time is an attribute (a signup date).
 * Rows without a time are left out: a missing time neither tells events apart nor repeats one.
 */
function addSameTimeRepeats(db: Db, table: string, cols: StoredColumn[], facts: ColumnFacts[]): void {
  const stamps = cols.filter((c) => c.role === 'timestamp' && (c.type === 'datetime' || c.type === 'date'));
  const time = stamps.find((c) => c.type === 'datetime') ?? stamps[0];
  if (!time) return;
  const t = quoteIdent(time.sqlName);
  cols.forEach((col, i) => {
    const d = facts[i].duplicates;
    if (!d || d.count === 0) return;
    const c = quoteIdent(col.sqlName);
    const [nonMissing, pairs] = db
      .prepare(`SELECT COALESCE(SUM(n), 0), COUNT(*) FROM (SELECT COUNT(*) AS n FROM ${table} WHERE ${c} IS NOT NULL AND ${t} IS NOT NULL GROUP BY ${c}, ${t})`)
      .raw()
      .get() as [number, number];
    facts[i].duplicatesAtSameTime = { time: time.name, dateOnly: time.type === 'date', count: nonMissing - pairs };
  });
}
