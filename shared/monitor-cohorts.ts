// Cohorts (Monitor): acquisition cohorts of an event or transaction log × periods since acquisition — retention,
// repeat purchase, revenue per cohort customer and NPS — optionally split by a column or a saved segmentation, so
// "does the gain persist" is one view. The contract: the spec's schema, the handler's arguments and the result.
// Conventions (docs/monitor-cohorts.md): times in UTC (naive times read as UTC wall clock); weeks are ISO weeks
// (Monday 00:00 UTC start, labelled with the ISO week-numbering year); months are calendar months in UTC.
import { z } from 'zod';
import { CALENDAR_DATE_MESSAGE, isCalendarDate } from './calendar-date';
import { saveOption, type SavedResultRef } from './results';

export const COHORT_UNITS = ['week', 'month'] as const;
export type CohortUnit = (typeof COHORT_UNITS)[number];

/** Split groups beyond this many make a table nobody reads; the CLI and the UI refuse with a message. */
export const COHORT_MAX_GROUPS = 20;

const columnName = z.string().min(1).max(200);
const calendarDate = z.string().refine(isCalendarDate, { error: (issue) => `"${String(issue.input).slice(0, 40)}" ${CALENDAR_DATE_MESSAGE}` });

export const cohortsSpecSchema = z
  .object({
    dataset: z.string().trim().min(1, 'dataset name is empty').max(200),
    customer: columnName,
    time: columnName,
    /** Cohort and period length; month when not given. */
    unit: z.enum(COHORT_UNITS).optional(),
    /** Revenue (or any amount) per event: revenue per cohort customer per period. */
    value: columnName.optional(),
    /** A 0–10 recommend score on some events: NPS per cohort and period. */
    nps: columnName.optional(),
    /** Split cohorts by this column, read from each customer's first event. */
    by: columnName.optional(),
    /** Split cohorts by a saved segmentation (its id column matched to the customer ids). */
    segmentation: z.string().trim().min(1).max(200).optional(),
    /** The last day observed (events after it are left out); the last event's day when not given. */
    asOf: calendarDate.optional(),
  })
  .strict()
  .refine((s) => !(s.by && s.segmentation), 'split by a column or by a segmentation, not both');

export type CohortsSpec = z.infer<typeof cohortsSpecSchema>;

const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'jobId must be 6-64 letters, digits, _ or -');

export const cohortsArgSchemas = {
  'cohorts.run': z.object({ jobId, spec: cohortsSpecSchema, save: saveOption.optional() }).strict(),
};

/** One acquisition cohort (of one split group): its customers and what they did in each period since. */
export interface CohortRow {
  /** "2025-03" (month) or "2025-W10" (ISO week). */
  cohort: string;
  /** The UTC day the cohort's month or week starts, YYYY-MM-DD. */
  start: string;
  /** "March 2025", "week of 3 Mar 2025". */
  label: string;
  /** The split group (null without a split). */
  group: string | null;
  /** Customers whose first event falls in this month or week. */
  size: number;
  /** Share of the cohort with at least one event in period p (p = 0 is the acquisition period: 1 by definition). */
  retention: number[];
  /** Customers with at least one event in period p. */
  active: number[];
  /** Period p not yet fully observed (it ends after the last day observed): not a drop. */
  incomplete: boolean[];
  /** Share of the cohort with 2 or more events by the end of period p (cumulative). */
  repeat: number[];
  /** Sum of the value column in period p ÷ cohort size, and its running total (null without --value). */
  revenue: { perCustomer: number[]; cumulative: number[] } | null;
  /** NPS of the scores given in period p by the cohort's customers, with the number of scores (null: none). */
  nps: { nps: (number | null)[]; n: number[] } | null;
}

/** One split group's retention pooled over its cohorts whose period p is fully observed (size-weighted). */
export interface CohortGroupCurve {
  group: string | null;
  cohorts: number;
  size: number;
  /** Σ active ÷ Σ size over the cohorts with period p complete; null when no cohort has it complete yet. */
  retention: (number | null)[];
  /** Customers in those cohorts (the denominator) per period. */
  base: number[];
}

export interface CohortsResult {
  spec: CohortsSpec;
  unit: CohortUnit;
  /** How periods are defined, in words (the week convention, UTC). */
  periodDefinition: string;
  cohorts: CohortRow[];
  groups: CohortGroupCurve[];
  /** Longest retention array (periods 0…periods−1). */
  periods: number;
  /** The first and last day observed (YYYY-MM-DD, UTC). */
  firstDay: string;
  observedThrough: string;
  /** What the split is, when there is one. */
  split: { kind: 'column' | 'segmentation'; name: string } | null;
  events: number;
  customers: number;
  /** Customers with a single event (in every cohort's period 0 and never again). */
  oneEventCustomers: number;
  left: { missingCustomer: number; missingTime: number; afterAsOf: number };
  /** Events whose value is missing (counted as no revenue) — with --value. */
  missingValues: number;
  /** Scores outside 0–10 or not whole numbers (left out of NPS) — with --nps. */
  badScores: { count: number; example: number | null };
  /** Kept events per kind of stored time: dates (midnight UTC), naive datetimes (read as UTC), UTC datetimes. */
  timeKinds: { date: number; naive: number; utc: number };
  /** One or two sentences a person reads first. */
  summary: string;
  warnings: string[];
}

export interface CohortsResults {
  'cohorts.run': CohortsResult & { saved?: SavedResultRef };
}
