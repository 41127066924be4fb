// A label made from an event log instead of a column (issue 15, item 1): with a cut-off day and a horizon of N days,
// a customer who had at least one event on or before the cut-off is in the model; the outcome is whether they had
// an event in the N days after it ("no event in 90 days" is churn; "an event" is a repeat purchase). Everything the
// model may know about a customer's events is computed from the events on or before the cut-off only, so no
// feature can see the outcome window (the leakage guard of this label, by construction).
//
// Days are UTC calendar days: the cut-off day ends at 24:00 UTC; the window is [cut-off end, cut-off end + N days).
// Pure: the caller reads the columns (main/workspace/predict/event-label.ts).

import { HISTORY_FEATURE_PREFIX } from '../../../shared/predict';

export const DAY_MS = 86_400_000;

export interface EventLabelInput {
  /** Per event: the customer's position (0 … customers − 1), or −1 when the customer is not in the table. */
  customer: Int32Array;
  /** Per event: its time in ms since the epoch (NaN when missing). */
  time: Float64Array;
  customers: number;
  /** The cut-off day as ms at its midnight (UTC). */
  cutoffDay: number;
  horizonDays: number;
  /** Positive = no event in the window (churn), or at least one event (a return). */
  positiveWhen: 'no-event' | 'event';
}

export interface EventLabels {
  /** Per customer: 1 positive, 0 negative, −1 not a customer yet at the cut-off (no event on or before it). */
  flags: Int8Array;
  /** History as of the cut-off (NaN for a customer with no event before it). */
  daysSinceLast: Float64Array;
  daysSinceFirst: Float64Array;
  events: Float64Array;
  /** Events in the last `horizonDays` days up to the cut-off (the same length as the outcome window). */
  recentEvents: Float64Array;
  /** Events whose customer is not in the table, and events without a time (both ignored). */
  unmatchedEvents: number;
  missingTimes: number;
  /** The last event time in the log (ms), NaN for an empty log: the window must end before it to be fully observed. */
  lastEvent: number;
}

/** Milliseconds of the end of the cut-off day (events before this are history). */
export const cutoffEnd = (cutoffDay: number) => cutoffDay + DAY_MS;

export function eventLabels(input: EventLabelInput): EventLabels {
  const { customer, time, customers, horizonDays } = input;
  const end = cutoffEnd(input.cutoffDay);
  const windowEnd = end + horizonDays * DAY_MS;
  const recentFrom = end - horizonDays * DAY_MS;
  const first = new Float64Array(customers).fill(Infinity);
  const last = new Float64Array(customers).fill(-Infinity);
  const count = new Float64Array(customers);
  const recent = new Float64Array(customers);
  const inWindow = new Uint8Array(customers);
  let unmatchedEvents = 0;
  let missingTimes = 0;
  let lastEvent = -Infinity;
  for (let e = 0; e < customer.length; e++) {
    const t = time[e];
    if (t !== t) {
      missingTimes++;
      continue;
    }
    if (t > lastEvent) lastEvent = t;
    const c = customer[e];
    if (c < 0) {
      unmatchedEvents++;
      continue;
    }
    if (t < end) {
      if (t < first[c]) first[c] = t;
      if (t > last[c]) last[c] = t;
      count[c]++;
      if (t >= recentFrom) recent[c]++;
    } else if (t < windowEnd) inWindow[c] = 1;
  }
  const flags = new Int8Array(customers);
  const daysSinceLast = new Float64Array(customers);
  const daysSinceFirst = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    if (count[c] === 0) {
      flags[c] = -1;
      daysSinceLast[c] = NaN;
      daysSinceFirst[c] = NaN;
      continue;
    }
    flags[c] = input.positiveWhen === 'no-event' ? 1 - inWindow[c] : inWindow[c];
    daysSinceLast[c] = (end - last[c]) / DAY_MS;
    daysSinceFirst[c] = (end - first[c]) / DAY_MS;
  }
  return { flags, daysSinceLast, daysSinceFirst, events: count, recentEvents: recent, unmatchedEvents, missingTimes, lastEvent: lastEvent === -Infinity ? NaN : lastEvent };
}

/** The history features' names, as the model and its card show them (prefixed so they never clash with a column). */
export const HISTORY_PREFIX = HISTORY_FEATURE_PREFIX;
export function historyNames(horizonDays: number) {
  return {
    daysSinceLast: `${HISTORY_PREFIX}days since last event`,
    daysSinceFirst: `${HISTORY_PREFIX}days since first event`,
    events: `${HISTORY_PREFIX}events`,
    recentEvents: `${HISTORY_PREFIX}events in the last ${horizonDays} days`,
  };
}
