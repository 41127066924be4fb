// The 'cohorts.run' job: check the spec against the dataset, read the log's columns (scan.ts), take the split from
// a column (the customer's first event) or a saved segmentation (its id column matched to the customer ids), and
// compute the cohort table (main/analysis/monitor/cohorts). It reads the workspace; a large log it decoded is kept
// in the column cache for the next run (cache.ts, best effort). CXW_TIMINGS=1 prints the phases to stderr.
import { isCalendarDate } from '../../../../shared/calendar-date';
import { AppError } from '../../../../shared/errors';
import { COHORT_MAX_GROUPS, type CohortsResult, type CohortsSpec } from '../../../../shared/monitor-cohorts';
import { computeCohorts, NoEventsInWindow, type CohortInput, type CohortTable } from '../../../analysis/monitor/cohorts/compute';
import { DAY_MS, PERIOD_DEFINITION } from '../../../analysis/monitor/cohorts/periods';
import { cohortSummary } from '../../../analysis/monitor/cohorts/summary';
import type { Db } from '../../db';
import { getDataset, quoteIdent, type StoredColumn, type StoredDataset } from '../../datasets';
import { joinSegmentation } from '../../journeys/segment-join';
import { phaseTimer } from '../../segments/timings';
import { keepLogInCache, readCachedLog, startCacheWriter } from './cache';
import { scanCohortLog, type CohortColumns, type ScannedLog } from './scan';

/** Logs from this many events are kept decoded in the column cache (smaller ones decode in well under a second). */
export const CACHE_MIN_EVENTS = 500_000;

export interface CohortsProgress {
  isCancelled: () => boolean;
  onProgress: (p: { phase: string; done: number; total: number | null; message?: string }) => void;
}

const FLAG: Record<keyof CohortColumns, string> = { customer: '--customer', time: '--time', value: '--value', score: '--nps', by: '--by' };

function column(ds: StoredDataset, name: string, field: keyof CohortColumns): StoredColumn {
  const col = ds.columns.find((c) => c.name === name);
  if (col) return col;
  const folded = ds.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  throw new AppError(
    'BAD_ARGUMENTS',
    `Dataset "${ds.name}" has no column "${name}" (given as ${FLAG[field]}).${folded ? ` Did you mean "${folded.name}"?` : ''} Columns: ${ds.columns.map((c) => c.name).join(', ')}.`,
    { dataset: ds.name, columnName: name },
  );
}

function numeric(ds: StoredDataset, col: StoredColumn, field: 'value' | 'score'): StoredColumn {
  if (col.type === 'integer' || col.type === 'real') return col;
  const what = field === 'value' ? 'an amount per event (revenue)' : 'a 0–10 recommend score';
  throw new AppError('BAD_ARGUMENTS', `Column "${col.name}" of "${ds.name}" is ${col.type}, but ${FLAG[field]} must be ${what}. Choose a numeric column, or re-import with --type "${col.name}=real".`, {
    dataset: ds.name,
    columnName: col.name,
  });
}

/** YYYY-MM-DD, optionally a time (T or space) with seconds, a fraction and an offset: what the import would read as a time. */
const TIME_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The first row of a text column whose value is not a date or date-time, when most of its values are (a time column
 * the import kept as text because of a few bad values); null for a column that is simply not a time.
 */
function firstNonTime(db: Db, ds: StoredDataset, col: StoredColumn): { row: number; text: string } | null {
  const stmt = db.prepare(`SELECT _row, ${quoteIdent(col.sqlName)} FROM ${quoteIdent(ds.tableName)} WHERE ${quoteIdent(col.sqlName)} IS NOT NULL ORDER BY _row`).raw(true);
  let first: { row: number; text: string } | null = null;
  let times = 0;
  let others = 0;
  for (const [row, v] of stmt.iterate() as IterableIterator<[number, unknown]>) {
    const text = String(v).trim();
    if (text === '') continue;
    const m = TIME_TEXT.exec(text);
    if (m && isCalendarDate(m[1])) times++;
    else {
      others++;
      first ??= { row, text };
    }
  }
  return times > others ? first : null;
}

export function resolveCohortColumns(db: Db, ds: StoredDataset, spec: CohortsSpec): CohortColumns {
  const customer = column(ds, spec.customer, 'customer');
  const time = column(ds, spec.time, 'time');
  if (time.type !== 'date' && time.type !== 'datetime') {
    const bad = time.type === 'text' ? firstNonTime(db, ds, time) : null;
    if (bad) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `Column "${time.name}" of "${ds.name}" is stored as text because row ${bad.row} has "${bad.text.slice(0, 60)}", which is not a date or a date and time, so customers cannot be placed in cohorts. ` +
          `Fix or remove that row and import again (ISO 8601: 2025-03-31 or 2025-03-31T14:05:00Z, with or without an offset).`,
        { dataset: ds.name, columnName: time.name, row: bad.row },
      );
    }
    const dated = ds.columns.filter((c) => c.type === 'date' || c.type === 'datetime').map((c) => `"${c.name}"`);
    throw new AppError(
      'BAD_ARGUMENTS',
      `Column "${time.name}" of "${ds.name}" is ${time.type}, not a date or datetime, so it cannot place customers in cohorts. ` +
        (dated.length ? `Date/datetime columns here: ${dated.join(', ')}. ` : '') +
        `If its values are dates the import did not recognise, re-import with --type "${time.name}=datetime" (ISO 8601, with or without a time zone offset).`,
      { dataset: ds.name, columnName: time.name },
    );
  }
  const cols: CohortColumns = {
    customer,
    time,
    value: spec.value ? numeric(ds, column(ds, spec.value, 'value'), 'value') : null,
    score: spec.nps ? numeric(ds, column(ds, spec.nps, 'score'), 'score') : null,
    by: spec.by ? column(ds, spec.by, 'by') : null,
  };
  const named = Object.entries(cols).filter(([, c]) => c !== null) as [keyof CohortColumns, StoredColumn][];
  const twice = named.find(([, c], i) => named.findIndex(([, d]) => d === c) !== i);
  if (twice) throw new AppError('BAD_ARGUMENTS', `Column "${twice[1].name}" is given for more than one of ${named.filter(([, c]) => c === twice[1]).map(([f]) => FLAG[f]).join(' and ')}; each needs its own column.`);
  return cols;
}

/** The journey join's messages (segment-join.ts) in this analysis's words. */
const inCohortWords = (m: string) => m.replace(/journey analysis/g, 'cohort analysis').replace(/journeys/g, 'the event log').replace(/No journey's/g, "No event's");

function segmentationJoin(db: Db, segmentation: string, customerIds: readonly string[]) {
  try {
    return joinSegmentation(db, segmentation, customerIds);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, inCohortWords(err.message), err.details);
    throw err;
  }
}

function computeOrRefuse(dataset: string, asOf: string | undefined, input: CohortInput): CohortTable {
  try {
    return computeCohorts(input);
  } catch (err) {
    if (err instanceof NoEventsInWindow) throw new AppError('BAD_ARGUMENTS', `No event of "${dataset}" falls on or before ${asOf}: choose a later --as-of day.`, { dataset });
    throw err;
  }
}

/**
 * Wait for cache writes runCohorts handed over (CXW_TIMINGS=1 prints how long the job waited for them after the
 * cohorts were computed).
 */
export async function waitForCacheWrites(writes: Promise<void>[]): Promise<void> {
  if (writes.length === 0) return;
  const timer = phaseTimer();
  await Promise.all(writes);
  timer.mark('waiting for the cache writer');
  timer.report('cohorts.keep-cache');
}

/**
 * The cohort table for `spec`. A large log decoded from the table is kept in the column cache: with `aside`, on a
 * helper thread while the cohorts are computed (the caller awaits the promise it is handed), else in line.
 */
export function runCohorts(db: Db, spec: CohortsSpec, ctx: CohortsProgress, aside?: (write: Promise<void>) => void): CohortsResult {
  const timer = phaseTimer();
  const ds = getDataset(db, spec.dataset);
  const cols = resolveCohortColumns(db, ds, spec);
  const unit = spec.unit ?? 'month';
  const cached = readCachedLog(db, ds, cols);
  // A large log read from the table is kept for the next run; with `aside`, by a writer thread started now.
  const writer = !cached && aside && ds.rows >= CACHE_MIN_EVENTS ? startCacheWriter(db.name) : null;
  let log: ScannedLog;
  try {
    log = cached ?? scanCohortLog(db, ds, cols, { isCancelled: ctx.isCancelled, onProgress: (done, total) => ctx.onProgress({ phase: 'load', done, total }) });
  } catch (err) {
    writer?.cancel();
    throw err;
  }
  timer.mark(`load (${log.n} events${cached ? ', from the cache' : ''})`);
  if (!cached && log.n >= CACHE_MIN_EVENTS) {
    if (writer && aside) {
      aside(writer.keep(ds, cols, log));
      timer.mark('handed to the cache writer');
    } else {
      keepLogInCache(db.name, ds, cols, log);
      timer.mark('keep in the cache');
    }
  } else writer?.cancel();
  if (log.n === 0) throw new AppError('BAD_ARGUMENTS', `"${ds.name}" has no event with both a customer ("${cols.customer.name}") and a time ("${cols.time.name}").`, { dataset: ds.name });

  const warnings: string[] = [];
  let groupOfCustomer: Int32Array | null = null;
  let groupNames: string[] = [];
  let missingGroupName = '(missing)';
  if (spec.segmentation) {
    const join = segmentationJoin(db, spec.segmentation, log.customerIds);
    groupOfCustomer = join.segmentOfCustomer;
    groupNames = join.segmentNames;
    missingGroupName = '(not in the segmentation)';
    for (const w of join.warnings) warnings.push(inCohortWords(w));
  } else if (cols.by) {
    groupNames = log.byNames;
    if (groupNames.length > COHORT_MAX_GROUPS) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `"${cols.by.name}" has ${groupNames.length.toLocaleString('en-US')} different values; cohorts are split by at most ${COHORT_MAX_GROUPS} groups (a segment, a plan, an experiment arm). Choose a column with fewer values, or band it first.`,
        { columnName: cols.by.name },
      );
    }
  }
  if (log.score) {
    let max = -Infinity;
    for (let i = 0; i < log.n; i++) if (log.score[i] > max) max = log.score[i];
    if (max > -Infinity && max <= 5) {
      throw new AppError(
        'BAD_ARGUMENTS',
        `No value of "${cols.score!.name}" is above ${max}, so it does not look like a 0–10 recommend score (a 1–5 rating?). NPS needs the 0–10 question: choose that column for --nps, or leave --nps out.`,
        { columnName: cols.score!.name },
      );
    }
  }
  const endMs = spec.asOf ? Date.parse(`${spec.asOf}T00:00:00Z`) + DAY_MS : null;
  ctx.onProgress({ phase: 'cohorts', done: 0, total: log.n });
  const t = computeOrRefuse(ds.name, spec.asOf, {
    n: log.n,
    customer: log.customer,
    customers: log.customerIds.length,
    time: log.time,
    value: log.value,
    score: log.score,
    groupOfEvent: groupOfCustomer ? null : log.by,
    groupOfCustomer,
    groupNames,
    missingGroupName,
    unit,
    endMs,
  });
  timer.mark('cohorts');
  if (t.customers > 1 && t.oneEventCustomers === t.customers) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Every "${cols.customer.name}" occurs once in "${ds.name}", so it holds one row per customer, not an event log: nobody can come back. Choose the table of events or purchases (--dataset) or the column that identifies the customer (--customer).`,
      { dataset: ds.name, columnName: cols.customer.name },
    );
  }
  if (log.score && t.badScores.count > 0) {
    warnings.push(`${t.badScores.count.toLocaleString('en-US')} values of "${cols.score!.name}" are not whole numbers from 0 to 10 (e.g. ${t.badScores.example}) and are left out of NPS.`);
  }
  if (log.missing.customer + log.missing.time > 0) {
    warnings.push(`${(log.missing.customer + log.missing.time).toLocaleString('en-US')} events without a customer or a time are left out.`);
  }
  if (log.timeKinds.naive > 0) {
    warnings.push(`${log.timeKinds.naive.toLocaleString('en-US')} times carry no time zone and are read as UTC; an event just after midnight local time may fall in the previous day, week or month.`);
  }
  if (t.afterEnd > 0) warnings.push(`${t.afterEnd.toLocaleString('en-US')} events after ${spec.asOf} are left out.`);
  const last = t.cohorts.reduce((m, r) => Math.max(m, r.incomplete.filter(Boolean).length), 0);
  if (last > 0) warnings.push(`Periods that end after ${t.observedThrough} (the last day observed) are not fully observed yet; they are marked and not read as a drop.`);
  ctx.onProgress({ phase: 'cohorts', done: log.n, total: log.n });
  timer.report('cohorts.run');
  return {
    spec,
    unit,
    periodDefinition: PERIOD_DEFINITION[unit],
    cohorts: t.cohorts,
    groups: t.groups,
    periods: t.periods,
    firstDay: t.firstDay,
    observedThrough: t.observedThrough,
    split: spec.segmentation ? { kind: 'segmentation', name: spec.segmentation } : spec.by ? { kind: 'column', name: spec.by } : null,
    events: t.events,
    customers: t.customers,
    oneEventCustomers: t.oneEventCustomers,
    left: { missingCustomer: log.missing.customer, missingTime: log.missing.time, afterAsOf: t.afterEnd },
    missingValues: t.missingValues,
    badScores: t.badScores,
    timeKinds: log.timeKinds,
    summary: cohortSummary(unit, t.cohorts, t.groups),
    warnings,
  };
}
