// The delay context: days from the customer's last journey event of one step (e.g. Delivery) to the survey.
// The events come from an event-log dataset, filtered to the step inside SQLite (only those rows cross into
// JS); customers are matched as trimmed text between the log's customer column and the survey's id-role column
// (the id column that matches the most, when the survey has several). Answers whose customer has no such event
// at or before the survey form "(no prior event)"; answers without a survey time "(no survey time)".
import type { NpsContextSpec } from '../../../shared/nps';
import { AppError } from '../../../shared/errors';
import { binDelays, delaysToSurvey, DELAY_NO_EVENT, NO_PRIOR_EVENT, NO_SURVEY_TIME, normalizeBins } from '../../analysis/nps/delay';
import type { Grouping } from '../../analysis/nps/grouping';
import type { Db } from '../db';
import { getDataset, quoteIdent, type StoredDataset } from '../datasets';
import { readStoredTime, type TimeRead } from '../journeys/stored-time';
import { phaseTimer } from '../segments/timings';
import { bestIdColumn, count, idColumns, readTimes, resolveColumn, timeColumn, type LoadProgress } from './nps-columns';

type DelaySpec = NonNullable<NpsContextSpec['delay']>;

export interface DelayGrouping {
  grouping: Grouping;
  /** 'days from the last "Delivery" event to the survey' */
  contextName: string;
  subject: (label: string) => string;
  warnings: string[];
}

interface StepEvents {
  customer: Int32Array;
  time: Float64Array;
  customerIndex: Map<string, number>;
  unreadable: number;
}

function readStepEvents(db: Db, ev: StoredDataset, spec: DelaySpec, ctx: LoadProgress): StepEvents {
  const customerCol = resolveColumn(ev, spec.customer, 'event log customer column');
  const timeCol = timeColumn(ev, spec.time, 'event time column');
  const stepCol = resolveColumn(ev, spec.step, 'event step column');
  const stmt = db
    .prepare(
      `SELECT CAST(${quoteIdent(customerCol.sqlName)} AS TEXT), ${quoteIdent(timeCol.sqlName)} FROM ${quoteIdent(ev.tableName)} WHERE CAST(${quoteIdent(stepCol.sqlName)} AS TEXT) = ?`,
    )
    .raw(true);
  const customerIndex = new Map<string, number>();
  const customers: number[] = [];
  const times: number[] = [];
  const out: TimeRead = { ms: 0, kind: 0 };
  let unreadable = 0;
  let seen = 0;
  for (const [rawId, rawTime] of stmt.iterate(spec.stepValue) as IterableIterator<[string | null, string | null]>) {
    if ((++seen & 0xffff) === 0 && ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while reading the event log.');
    const id = rawId?.trim();
    if (!id) continue;
    const t = rawTime === null ? '' : String(rawTime);
    if (!readStoredTime(t, 0, t.length, out)) {
      unreadable++;
      continue;
    }
    let c = customerIndex.get(id);
    if (c === undefined) {
      c = customerIndex.size;
      customerIndex.set(id, c);
    }
    customers.push(c);
    times.push(out.ms);
  }
  if (seen === 0) {
    const steps = (
      db.prepare(`SELECT DISTINCT CAST(${quoteIdent(stepCol.sqlName)} AS TEXT) FROM ${quoteIdent(ev.tableName)} WHERE ${quoteIdent(stepCol.sqlName)} IS NOT NULL LIMIT 21`).pluck().all() as string[]
    ).map((s) => `"${s}"`);
    throw new AppError(
      'BAD_ARGUMENTS',
      `No event of "${ev.name}" has the step "${spec.stepValue}" in column "${stepCol.name}". Steps there: ${steps.slice(0, 20).join(', ')}${steps.length > 20 ? ', …' : ''}.`,
      { dataset: ev.name, columnName: stepCol.name },
    );
  }
  return { customer: Int32Array.from(customers), time: Float64Array.from(times), customerIndex, unreadable };
}

export function delayGrouping(db: Db, ds: StoredDataset, spec: DelaySpec, ctx: LoadProgress): DelayGrouping {
  const timer = phaseTimer();
  const surveyTimeCol = timeColumn(ds, spec.surveyTime, 'survey time column');
  const ev = getDataset(db, spec.events);
  const events = readStepEvents(db, ev, spec, ctx);
  timer.mark('events');
  const pick = bestIdColumn(db, ds, idColumns(ds, `the event log "${ev.name}"`), (id) => events.customerIndex.has(id), ctx);
  timer.mark('survey ids');
  const surveyCustomer = new Int32Array(ds.rows);
  for (let i = 0; i < ds.rows; i++) {
    const id = pick.ids[i];
    surveyCustomer[i] = id === null ? -1 : (events.customerIndex.get(id) ?? -1);
  }
  const times = readTimes(db, ds, surveyTimeCol, ctx);
  timer.mark('survey times');
  const { days, status } = delaysToSurvey({
    surveyCustomer,
    surveyTime: times.ms,
    surveyDateOnly: times.dateOnly,
    eventCustomer: events.customer,
    eventTime: events.time,
    customers: events.customerIndex.size,
  });
  const edges = normalizeBins(spec.bins);
  const { codes, labels } = binDelays(days, status, edges);
  timer.mark('delays');
  timer.report('nps.delay');

  const warnings: string[] = [];
  const others = pick.others.length ? `; the other id column${pick.others.length > 1 ? 's' : ''} matched ${pick.others.map((o) => `"${o.name}" ${count(o.matched)}`).join(', ')}` : '';
  if (pick.matched === 0) {
    warnings.push(`No id of "${ds.name}" ("${pick.column.name}") appears in "${ev.name}"."${spec.customer}" among its "${spec.stepValue}" events: every answer falls in "(no prior event)". Check that both columns hold the same ids (pseudonymised ids match only within one workspace).`);
  } else {
    warnings.push(`Answers were matched to the "${spec.stepValue}" events of "${ev.name}" through "${pick.column.name}" = "${spec.customer}": ${count(pick.matched)} of ${count(ds.rows)} rows have such an event${others}.`);
  }
  let noEvent = 0;
  let dateOnly = 0;
  for (let i = 0; i < status.length; i++) {
    if (status[i] === DELAY_NO_EVENT) noEvent++;
    if (times.dateOnly[i]) dateOnly++;
  }
  if (noEvent > 0) warnings.push(`${count(noEvent)} rows have no "${spec.stepValue}" event at or before their survey time; they form "(no prior event)".`);
  if (dateOnly > 0) {
    warnings.push(`${count(dateOnly)} survey times are dates without a time of day: an event on the survey's own day counts as before it, and their delays are whole days.`);
  }
  if (times.unreadable > 0) warnings.push(`${count(times.unreadable)} values of "${surveyTimeCol.name}" are not dates or times (e.g. "${times.example}") and count as missing.`);
  if (events.unreadable > 0) warnings.push(`${count(events.unreadable)} "${spec.stepValue}" events have no readable time in "${spec.time}" and were left out.`);

  const step = spec.stepValue;
  const subject = (label: string): string => {
    if (label === '(no prior event)') return `Answers with no "${step}" event before them`;
    if (label === '(no survey time)') return 'Answers without a survey time';
    return `Answers given ${label} after the last "${step}"`;
  };
  return {
    grouping: { codes, labels, order: 'natural', notes: [], dropWhenEmpty: [NO_PRIOR_EVENT, NO_SURVEY_TIME] },
    contextName: `days from the last "${step}" event to the survey`,
    subject,
    warnings,
  };
}
