// Days from a customer's last journey event to the survey, binned. Pure functions, no I/O.
//
// For each survey answer: the customer's last event (of the chosen step) at or before the survey time, and the
// days between them. Events are bucketed by customer once (counting sort) and each customer's times sorted, so
// every answer costs one binary search. Survey times that are dates without a time of day count an event on
// that same day as before the survey, with a delay of whole days (survey day − event day); otherwise the delay
// is the exact time difference in days (fractional).
// Bins are edges in days, e.g. [0, 1, 7, 30] → "0–1 days" = [0, 1), "1–7 days", "7–30 days", "30+ days" = [30, ∞).

export const NO_PRIOR_EVENT = '(no prior event)';
export const NO_SURVEY_TIME = '(no survey time)';
export const DEFAULT_DELAY_BINS = [0, 1, 7, 30];

const DAY = 86_400_000;

export interface DelayInput {
  /** Customer code of each survey row (−1: no id, or an id the event log does not have). */
  surveyCustomer: Int32Array;
  /** Survey time (ms since epoch, UTC) per row; NaN when missing. */
  surveyTime: Float64Array;
  /** 1 where the survey time is a date without a time of day. */
  surveyDateOnly: Uint8Array;
  /** The chosen step's events: customer code and time. */
  eventCustomer: Int32Array;
  eventTime: Float64Array;
  customers: number;
}

export const DELAY_OK = 0;
export const DELAY_NO_EVENT = 1;
export const DELAY_NO_TIME = 2;

/** Delay in days per survey row (NaN unless status is DELAY_OK). */
export function delaysToSurvey(input: DelayInput): { days: Float64Array; status: Uint8Array } {
  const { customers, eventCustomer, eventTime } = input;
  const start = new Int32Array(customers + 1);
  for (let e = 0; e < eventCustomer.length; e++) if (eventTime[e] === eventTime[e]) start[eventCustomer[e] + 1]++;
  for (let c = 0; c < customers; c++) start[c + 1] += start[c];
  const times = new Float64Array(start[customers]);
  const fill = start.slice(0, customers);
  for (let e = 0; e < eventCustomer.length; e++) {
    const t = eventTime[e];
    if (t === t) times[fill[eventCustomer[e]]++] = t;
  }
  for (let c = 0; c < customers; c++) if (start[c + 1] - start[c] > 1) times.subarray(start[c], start[c + 1]).sort();

  const n = input.surveyTime.length;
  const days = new Float64Array(n).fill(Number.NaN);
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = input.surveyTime[i];
    if (t !== t) {
      status[i] = DELAY_NO_TIME;
      continue;
    }
    const c = input.surveyCustomer[i];
    const dateOnly = input.surveyDateOnly[i] === 1;
    const limit = dateOnly ? Math.floor(t / DAY) * DAY + DAY - 1 : t;
    // Last index in [start[c], start[c+1]) with time ≤ limit.
    let lo = c < 0 ? 0 : start[c];
    let hi = c < 0 ? 0 : start[c + 1];
    const first = lo;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= limit) lo = mid + 1;
      else hi = mid;
    }
    if (lo === first) {
      status[i] = DELAY_NO_EVENT;
      continue;
    }
    const e = times[lo - 1];
    days[i] = dateOnly ? (Math.floor(t / DAY) - Math.floor(e / DAY)) : (t - e) / DAY;
  }
  return { days, status };
}

const fmtDays = (d: number): string => String(Number(d.toPrecision(6)));

/** Bin edges as given, sorted and deduplicated, starting at 0. */
export function normalizeBins(bins: readonly number[] | undefined): number[] {
  const edges = [...new Set(bins && bins.length ? bins : DEFAULT_DELAY_BINS)].filter((b) => b >= 0).sort((a, b) => a - b);
  if (edges[0] !== 0) edges.unshift(0);
  return edges;
}

export function binLabels(edges: readonly number[]): string[] {
  return edges.map((e, k) => (k === edges.length - 1 ? `${fmtDays(e)}+ days` : `${fmtDays(e)}–${fmtDays(edges[k + 1])} days`));
}

/** Codes into binLabels(edges), then NO_PRIOR_EVENT and NO_SURVEY_TIME (only when some row needs them). */
export function binDelays(days: Float64Array, status: Uint8Array, edges: readonly number[]): { codes: Int32Array; labels: string[] } {
  const labels = binLabels(edges);
  let noEvent = false;
  let noTime = false;
  for (let i = 0; i < status.length; i++) {
    if (status[i] === DELAY_NO_EVENT) noEvent = true;
    else if (status[i] === DELAY_NO_TIME) noTime = true;
  }
  const noEventCode = labels.length;
  if (noEvent) labels.push(NO_PRIOR_EVENT);
  const noTimeCode = labels.length;
  if (noTime) labels.push(NO_SURVEY_TIME);
  const codes = new Int32Array(days.length);
  for (let i = 0; i < days.length; i++) {
    if (status[i] === DELAY_NO_EVENT) codes[i] = noEventCode;
    else if (status[i] === DELAY_NO_TIME) codes[i] = noTimeCode;
    else {
      const d = days[i];
      let k = edges.length - 1;
      while (k > 0 && d < edges[k]) k--;
      codes[i] = k;
    }
  }
  return { codes, labels };
}
