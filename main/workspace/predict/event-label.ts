// Reading an event-log label (main/analysis/predict/event-label.ts does the counting): the log's customer and time
// columns, matched to the customer table through its id column; the checks that keep the label honest — the outcome
// window must be inside the log (a log that stops early makes everyone look churned), and a customer table holding
// dates after the cut-off was recorded later, so its columns may already know the outcome (the run stops, naming the
// column, unless the analyst confirms it).
import { AppError } from '../../../shared/errors';
import type { EventLabel, EventLabelSummary } from '../../../shared/predict';
import { DAY_MS, cutoffEnd, eventLabels, historyNames } from '../../analysis/predict/event-label';
import type { InputColumn } from '../../analysis/predict/encoding';
import type { Db } from '../db';
import { getDataset, type StoredColumn, type StoredDataset } from '../datasets';
import { readStoredTime, type TimeRead } from '../journeys/stored-time';
import { loadProgress, resolveColumn, type LoadProgress } from '../nps/nps-columns';
import { loadColumns, type LoadedColumn } from '../segments/columns';

const n = (x: number) => x.toLocaleString('en-US');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const cutoffDayMs = (cutoff: string) => Date.parse(`${cutoff}T00:00:00Z`);

export interface DerivedLabel {
  /** Per customer row (the ids given, in order): 1 positive, 0 negative, −1 not a customer yet at the cut-off. */
  flags: Int8Array;
  /** The history features on every customer row (NaN where flags is −1). */
  history: InputColumn[];
  summary: EventLabelSummary;
  warnings: string[];
}

/**
 * The label and history of each customer (`ids`: the customer table's id per loaded row) from the event log.
 * Refused: a time column that is not a date, duplicate customer ids (whose events would they be?), an outcome window
 * the log does not cover, no customer with an event before the cut-off.
 */
export function deriveEventLabel(db: Db, label: EventLabel, ids: string[], idName: string, ctx: LoadProgress): DerivedLabel {
  const { log, timeCol, customer, time } = readLog(db, label, ids, idName, ctx);
  const cutoffDay = cutoffDayMs(label.cutoff);
  const out = eventLabels({ customer, time, customers: ids.length, cutoffDay, horizonDays: label.horizonDays, positiveWhen: label.positiveWhen });

  const windowLast = cutoffEnd(cutoffDay) + (label.horizonDays - 1) * DAY_MS;
  if (!(out.lastEvent >= windowLast)) {
    const latest = out.lastEvent === out.lastEvent ? day(Math.floor(out.lastEvent / DAY_MS) * DAY_MS - label.horizonDays * DAY_MS) : null;
    throw new AppError(
      'BAD_ARGUMENTS',
      `The event log “${log.name}” ends on ${out.lastEvent === out.lastEvent ? day(out.lastEvent) : '(no dated event)'}, before the last day of the ${label.horizonDays}-day window after the cut-off (${day(windowLast)}): ` +
        `customers would look as if they had no event only because the log stops. ${latest ? `Choose a cut-off on or before ${latest}, or a shorter horizon.` : ''}`.trim(),
      { dataset: log.name, columnName: timeCol.name },
    );
  }
  let notYet = 0;
  for (const f of out.flags) if (f < 0) notYet++;
  if (notYet === ids.length) {
    throw new AppError('BAD_ARGUMENTS', `No customer of the table has an event in “${log.name}” on or before the cut-off ${label.cutoff}: choose a later cut-off (or check that “${label.customer}” holds the same ids as “${idName}”).`, {
      dataset: log.name,
    });
  }
  const history = historyColumns(label, out);
  const warnings: string[] = [];
  if (notYet > 0) warnings.push(`${n(notYet)} customers had no event on or before the cut-off ${label.cutoff} (not customers yet): left out of the model.`);
  if (out.unmatchedEvents > 0) warnings.push(`${n(out.unmatchedEvents)} events of “${log.name}” belong to ids that are not in the customer table: ignored.`);
  if (out.missingTimes > 0) warnings.push(`${n(out.missingTimes)} events of “${log.name}” have no readable “${timeCol.name}”: ignored.`);
  return {
    flags: out.flags,
    history,
    warnings,
    summary: {
      events: log.name,
      cutoff: label.cutoff,
      horizonDays: label.horizonDays,
      positiveWhen: label.positiveWhen,
      windowLastDay: day(windowLast),
      lastEventDay: day(out.lastEvent),
      notYetCustomers: notYet,
      unmatchedEvents: out.unmatchedEvents,
      history: history.map((h) => h.name),
    },
  };
}

/** The event log read for a customer table (`ids` per row): each event's customer position and time. */
function readLog(db: Db, label: EventLabel, ids: string[], idName: string, ctx: LoadProgress) {
  const log = getDataset(db, label.events);
  const customerCol = resolveColumn(log, label.customer, 'event log customer id');
  const timeCol = resolveColumn(log, label.time, 'event time');
  if (timeCol.type !== 'date' && timeCol.type !== 'datetime') {
    throw new AppError('BAD_ARGUMENTS', `“${timeCol.name}” of “${log.name}” is ${timeCol.type}, not a date or datetime, so it cannot place events before or after the cut-off.`, {
      dataset: log.name,
      columnName: timeCol.name,
    });
  }
  const position = new Map<string, number>();
  ids.forEach((id, k) => {
    if (id === '') return;
    if (position.has(id)) {
      throw new AppError('BAD_ARGUMENTS', `The id “${id}” is on more than one row of the customer table (column “${idName}”), so its events cannot be given to one customer. Remove the duplicates first.`, {
        columnName: idName,
      });
    }
    position.set(id, k);
  });
  const loaded = loadColumns(db, log, uniqueColumns([customerCol, timeCol]), loadProgress(ctx));
  const get = (c: StoredColumn) => loaded.columns.find((l) => l.column.index === c.index)!;
  const customer = customerPositions(get(customerCol), position);
  const time = timesOf(get(timeCol));
  return { log, timeCol, customer, time };
}

function historyColumns(label: EventLabel, out: ReturnType<typeof eventLabels>): InputColumn[] {
  if (label.history === false) return [];
  const names = historyNames(label.horizonDays);
  return [
    { name: names.daysSinceLast, kind: 'number', type: 'real', values: out.daysSinceLast },
    { name: names.daysSinceFirst, kind: 'number', type: 'real', values: out.daysSinceFirst },
    { name: names.events, kind: 'number', type: 'integer', values: out.events },
    { name: names.recentEvents, kind: 'number', type: 'integer', values: out.recentEvents },
  ];
}

/**
 * Scoring a model trained on an event-log label: each customer's history as of `asOf` (YYYY-MM-DD; default the day of
 * the log's last event — "now" as far as the log knows), from `events` (default the log the model was trained on).
 * `flags` is the label as of that day; it is the real outcome only when asOf is the training cut-off.
 */
export function historyAsOf(db: Db, label: EventLabel, ids: string[], idName: string, opts: { asOf?: string; events?: string }, ctx: LoadProgress): { history: InputColumn[]; flags: Int8Array; asOf: string } {
  const used = { ...label, events: opts.events ?? label.events };
  const { customer, time } = readLog(db, used, ids, idName, ctx);
  let asOf = opts.asOf;
  if (!asOf) {
    let last = -Infinity;
    for (const t of time) if (t > last) last = t;
    if (last === -Infinity) throw new AppError('BAD_ARGUMENTS', `The event log “${used.events}” has no dated event, so there is no history to score.`);
    asOf = day(last);
  }
  const out = eventLabels({ customer, time, customers: ids.length, cutoffDay: cutoffDayMs(asOf), horizonDays: label.horizonDays, positiveWhen: label.positiveWhen });
  return { history: historyColumns(label, out), flags: out.flags, asOf };
}

/**
 * Date columns of the customer table with a value after the cut-off day, and their latest value: evidence that the
 * table was recorded after the cut-off. Columns in `skip` are left out.
 */
export function datesAfterCutoff(db: Db, ds: StoredDataset, cutoff: string, skip: readonly string[], ctx: LoadProgress): { column: string; latest: string }[] {
  const dates = ds.columns.filter((c) => (c.type === 'date' || c.type === 'datetime') && !skip.includes(c.name));
  if (dates.length === 0) return [];
  const end = cutoffEnd(cutoffDayMs(cutoff));
  const loaded = loadColumns(db, ds, dates, loadProgress(ctx));
  const out: { column: string; latest: string }[] = [];
  for (const c of loaded.columns) {
    const t = timesOf(c);
    let latest = -Infinity;
    for (const v of t) if (v > latest) latest = v;
    if (latest >= end) out.push({ column: c.column.name, latest: day(latest) });
  }
  return out;
}

function uniqueColumns(cols: StoredColumn[]): StoredColumn[] {
  return [...new Map(cols.map((c) => [c.index, c])).values()];
}

/** Each event's customer as a position in the table (−1 when the id is not there); ids are compared as text. */
function customerPositions(c: LoadedColumn, position: Map<string, number>): Int32Array {
  if (c.kind === 'numeric') {
    const out = new Int32Array(c.values.length);
    for (let e = 0; e < out.length; e++) out[e] = c.values[e] === c.values[e] ? (position.get(String(c.values[e])) ?? -1) : -1;
    return out;
  }
  // One lookup per distinct id, then one array read per event.
  const ofLevel = Int32Array.from(c.levels, (l) => position.get(l) ?? -1);
  const out = new Int32Array(c.codes.length);
  for (let e = 0; e < out.length; e++) out[e] = c.codes[e] < 0 ? -1 : ofLevel[c.codes[e]];
  return out;
}

/** Stored date/datetime text → ms since the epoch (NaN when missing or unreadable), parsed once per distinct value. */
function timesOf(c: LoadedColumn): Float64Array {
  if (c.kind === 'numeric') return Float64Array.from(c.values, () => NaN);
  const read: TimeRead = { ms: 0, kind: 0 };
  const ofLevel = Float64Array.from(c.levels, (l) => (readStoredTime(l, 0, l.length, read) ? read.ms : NaN));
  const out = new Float64Array(c.codes.length);
  for (let e = 0; e < out.length; e++) out[e] = c.codes[e] < 0 ? NaN : ofLevel[c.codes[e]];
  return out;
}
