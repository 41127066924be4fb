// Pure helpers of the Predict set-up's second way to say the outcome (unit-tested): a label made from an event log —
// "no event (churn), or at least one event, in the N days after a cut-off day". Which datasets can be the log, its
// columns pre-chosen by name and type, the latest cut-off the log can answer for, what stops a run, and the sentence
// that always says the direction. The direction itself is never pre-chosen: the analyst says which is the outcome.
import type { ColumnMeta, ColumnProfile, DatasetSummary } from '../../../shared/domain';
import type { EventLabel } from '../../../shared/predict';
import { isCalendarDate } from '../../../shared/calendar-date';

export interface EventLabelForm {
  /** The outcome is made from an event log (else it is a column of the dataset). */
  on: boolean;
  events: string;
  customer: string;
  time: string;
  /** YYYY-MM-DD, or '' until chosen. */
  cutoff: string;
  horizonDays: number | '';
  /** '' until the analyst says which is the outcome (never assumed). */
  positiveWhen: '' | EventLabel['positiveWhen'];
  history: boolean;
}

export const DEFAULT_HORIZON_DAYS = 90;
export const NO_EVENT_LABEL: EventLabelForm = { on: false, events: '', customer: '', time: '', cutoff: '', horizonDays: DEFAULT_HORIZON_DAYS, positiveWhen: '', history: true };

const isTime = (c: ColumnMeta) => c.type === 'date' || c.type === 'datetime';
const DAY_MS = 86_400_000;

/** Datasets that can be the event log: any other dataset with a date or datetime column. */
export function eventLogOptions(datasets: readonly DatasetSummary[], current: string): DatasetSummary[] {
  return datasets.filter((d) => d.name !== current && d.columns.some(isTime));
}

/** The customer table's id column (the analyst's choice, else the column with role id), or ''. */
export function customerIdColumn(d: DatasetSummary | null, chosen: string | undefined): string {
  return chosen ?? d?.columns.find((c) => c.role === 'id')?.name ?? '';
}

/** A log chosen: its customer column (the same name as the table's id, else its id column) and its first date column. */
export function chooseEventLog(f: EventLabelForm, log: DatasetSummary | undefined, idName: string): EventLabelForm {
  if (!log) return { ...f, events: '', customer: '', time: '' };
  const customer = log.columns.find((c) => c.name === idName) ?? log.columns.find((c) => c.role === 'id');
  const time = log.columns.find(isTime);
  return { ...f, events: log.name, customer: customer?.name ?? '', time: time?.name ?? '', cutoff: '' };
}

/** The first and last day of the log's time column, from its profile (null while unknown). */
export function logSpan(profile: ColumnProfile[] | null, time: string): { first: string; last: string } | null {
  const p = profile?.find((x) => x.name === time);
  if (!p || typeof p.min !== 'string' || typeof p.max !== 'string') return null;
  return { first: p.min.slice(0, 10), last: p.max.slice(0, 10) };
}

/** The latest cut-off whose whole window the log covers: its last day minus the horizon. */
export function latestCutoff(lastDay: string, horizonDays: number): string {
  return new Date(Date.parse(`${lastDay}T00:00:00Z`) - horizonDays * DAY_MS).toISOString().slice(0, 10);
}

/** The label's default name: what a positive customer did. */
export const defaultLabelName = (positiveWhen: EventLabelForm['positiveWhen']) => (positiveWhen === 'event' ? 'returned' : 'churned');

/** What stops a run with this label, in words, or null. `target` is the label's name. */
export function eventLabelProblem(f: EventLabelForm, target: string, d: DatasetSummary, idName: string, logs: readonly DatasetSummary[], span: { first: string; last: string } | null): string | null {
  if (!idName) return `“${d.name}” has no id column: mark the customer id column (role “id”) on the Data view, so each customer's events can be found.`;
  if (!f.events) return 'Choose the event log: a dataset with one row per event, a customer id and a date.';
  const log = logs.find((l) => l.name === f.events);
  if (!log) return `The event log “${f.events}” is not in the workspace any more; choose another.`;
  if (!f.customer || !log.columns.some((c) => c.name === f.customer)) return `Choose the column of “${log.name}” that holds the customer id (the same ids as “${idName}”).`;
  const time = log.columns.find((c) => c.name === f.time);
  if (!time || !isTime(time)) return `Choose the date or datetime column of “${log.name}”.`;
  if (!f.positiveWhen) return 'Say which is the outcome to predict: no event in the window (churn), or at least one event (a return).';
  if (!(f.horizonDays !== '' && Number.isInteger(f.horizonDays) && f.horizonDays >= 1 && f.horizonDays <= 3660)) return 'The horizon is a whole number of days from 1 to 3,660 (90 is usual).';
  if (!isCalendarDate(f.cutoff)) return 'Enter the cut-off day (YYYY-MM-DD): the model knows what happened up to it, and predicts the days after it.';
  if (span && f.cutoff > latestCutoff(span.last, f.horizonDays)) {
    return `The log ends on ${span.last}, so the ${f.horizonDays}-day window after ${f.cutoff} is not complete: choose a cut-off on or before ${latestCutoff(span.last, f.horizonDays)}.`;
  }
  if (span && f.cutoff < span.first) return `The cut-off is before the log's first event (${span.first}): no customer has a history yet.`;
  if (!target.trim()) return 'Name the label (e.g. churned).';
  const clash = d.columns.find((c) => c.name.toLowerCase() === target.trim().toLowerCase());
  if (clash) return `“${d.name}” already has a column “${clash.name}”; name the label differently, so the two are never confused.`;
  return null;
}

/** The contract's label. */
export function toEventLabel(f: EventLabelForm): EventLabel {
  return {
    events: f.events,
    customer: f.customer,
    time: f.time,
    cutoff: f.cutoff,
    horizonDays: Number(f.horizonDays),
    positiveWhen: f.positiveWhen as EventLabel['positiveWhen'],
    ...(f.history ? {} : { history: false }),
  };
}

export function fromEventLabel(l: EventLabel | undefined): EventLabelForm {
  if (!l) return NO_EVENT_LABEL;
  return { on: true, events: l.events, customer: l.customer, time: l.time, cutoff: l.cutoff, horizonDays: l.horizonDays, positiveWhen: l.positiveWhen, history: l.history !== false };
}

/** "Predicting: churned = yes — no event in “events” in the 90 days after 2025-06-30". */
export function eventLabelSentence(f: EventLabelForm, target: string): string {
  const name = target.trim() || defaultLabelName(f.positiveWhen);
  if (!f.positiveWhen) return `Predicting: ${name} = ? (say which is the outcome)`;
  const what = f.positiveWhen === 'no-event' ? 'no event' : 'at least one event';
  const days = f.horizonDays === '' ? 'N' : String(f.horizonDays);
  return `Predicting: ${name} = yes — ${what}${f.events ? ` in “${f.events}”` : ''} in the ${days} days after ${f.cutoff || 'the cut-off'}`;
}
