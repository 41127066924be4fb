// The flags of `cxw predict train` that make the outcome from an event log instead of a column:
//   --label-events LOG --event-customer COL --event-time COL --cutoff YYYY-MM-DD --horizon DAYS
//   --positive-when no-event|event [--no-history]
// The direction (is "no event" the outcome, as in churn, or "an event", as in a repeat purchase?) is never assumed.
import type { EventLabel } from '../../../shared/predict';
import { assertKnown, UsageError, numberFlag as number } from '../args';

export const EVENT_LABEL_OPTIONS = {
  'label-events': { type: 'string' },
  'event-customer': { type: 'string' },
  'event-time': { type: 'string' },
  cutoff: { type: 'string' },
  horizon: { type: 'string' },
  'positive-when': { type: 'string' },
  'no-history': { type: 'boolean' },
} as const;

type Values = { [K in keyof typeof EVENT_LABEL_OPTIONS]?: (typeof EVENT_LABEL_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export function eventLabelOf(values: Values): EventLabel | undefined {
  const events = values['label-events'];
  if (events === undefined) {
    const stray = (['event-customer', 'event-time', 'cutoff', 'horizon', 'positive-when', 'no-history'] as const).find((k) => values[k] !== undefined);
    if (stray) throw new UsageError(`--${stray} belongs to a label made from an event log: give --label-events LOG too (or leave --${stray} out).`);
    return undefined;
  }
  const need = (k: 'event-customer' | 'event-time' | 'cutoff' | 'horizon' | 'positive-when', what: string): string => {
    const v = values[k];
    if (v === undefined || v.trim() === '') throw new UsageError(`--${k} is required with --label-events: ${what}`);
    return v.trim();
  };
  const customer = need('event-customer', "the log's column with the customer id (matched to the dataset's --id column).");
  const time = need('event-time', "the log's date or datetime column.");
  const cutoff = need('cutoff', 'the last day the model may know, YYYY-MM-DD (e.g. --cutoff 2025-06-30).');
  const horizonDays = number(need('horizon', 'the number of days after the cut-off the outcome is about (e.g. --horizon 90).'), 'horizon', (v) => Number.isInteger(v) && v >= 1 && v <= 3660, 'a whole number of days from 1 to 3660')!;
  const positiveWhen = assertKnown(
    need('positive-when', 'no-event (the customer had no event in the window: churn) or event (at least one: a return or repeat purchase); it is never assumed.'),
    ['no-event', 'event'] as const,
    '--positive-when',
  ) as EventLabel['positiveWhen'];
  return { events: events.trim(), customer, time, cutoff, horizonDays, positiveWhen, ...(values['no-history'] ? { history: false } : {}) };
}
