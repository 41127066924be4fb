// Data hygiene audit: turns per-column facts measured by the profile into plain-language issues an analyst
// can act on. Pure logic, no I/O: the profile (main/workspace/profile.ts) does the counting, this module
// decides what is a problem, how serious it is, and how to say it.
import type { ColumnProfile, DataIssue } from '../../shared/domain';
import { minOf, pushAll } from '../../shared/extent';

/** Groups smaller than this are "too small to analyse reliably" (the same default the presentation suppresses). */
export const MIN_GROUP_SIZE = 10;
export const HIGH_MISSING_WARNING = 0.2;
export const HIGH_MISSING_ERROR = 0.5;
/** Numeric columns with more distinct values than this are measurements, not groups. */
const MAX_NUMERIC_GROUPS = 20;
/** A protected group under this share of the rows, or a largest:smallest ratio above the next, is imbalanced. */
export const IMBALANCE_MIN_SHARE = 0.05;
export const IMBALANCE_MAX_RATIO = 10;

/** Where a column's values can plausibly lie, guessed from its name; `why` names the rule for the message. */
export interface PlausibleRange {
  min: number | null;
  max: number | null;
  why: string;
}

export interface CountWithExample {
  count: number;
  /** A value (as text) the analyst can search for; null when none is known. */
  example: string | null;
}

/** What the profile measured about one column beyond its public ColumnProfile. */
export interface ColumnFacts {
  profile: ColumnProfile;
  /** Non-missing values by SQLite storage class. */
  storage: { numbers: number; texts: number; others: number };
  /** A few values of the minority storage class, for the mixed-types message. */
  strayExamples: string[];
  /** date/datetime columns: values that are not valid dates, and valid dates after `now`. */
  invalidDates?: CountWithExample;
  futureDates?: CountWithExample;
  /** id columns: rows beyond the first for a repeated id, and the most repeated id. */
  duplicates?: CountWithExample & { exampleCount: number };
  /** id columns that repeat, in a table with a timestamp column: rows beyond the first for a repeated (id, time). */
  duplicatesAtSameTime?: { time: string; dateOnly: boolean; count: number };
  /** numeric columns with a name-derived plausible range: values outside it. */
  outOfRange?: { range: PlausibleRange; below: number; above: number };
  /** category/protected columns: every group's size (null when there are too many groups to list). */
  groups?: { value: string; count: number }[] | null;
}

export interface AuditInput {
  rows: number;
  columns: ColumnFacts[];
}

// ------------------------------------------------------------------ plausible ranges from column names

/** Words of a column name: "Year_Birth" -> [year, birth], "MntWines" -> [mnt, wines], "NPS score" -> [nps, score]. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

// Words that mean "a quantity that cannot be negative". Deliberately not "balance", "delta", "change", "profit"
// or "pdays" (bank data uses -1 for "never contacted"): those can legitimately go below zero.
const NON_NEGATIVE = new Set([
  'count', 'counts', 'num', 'number', 'qty', 'quantity', 'amount', 'amt', 'mnt', 'price', 'cost', 'costs', 'income',
  'salary', 'revenue', 'spend', 'spent', 'spending', 'sales', 'age', 'tenure', 'days', 'months', 'weeks', 'years',
  'orders', 'tickets', 'visits', 'purchases', 'charges', 'charge', 'fee', 'fees', 'recency', 'frequency', 'duration',
  'kids', 'children', 'items', 'calls', 'sessions', 'clicks',
]);
const NPS_WORDS = new Set(['nps', 'likelihood', 'recommend', 'recommendation']);
// An NPS-named column that counts days or times (e.g. "nps_asked_days_after_event") is not a 0-10 score.
const NOT_A_SCORE = new Set(['days', 'day', 'months', 'weeks', 'hours', 'count', 'n', 'date', 'time', 'asked', 'id', 'context']);

export function plausibleRange(name: string, nowYear: number): PlausibleRange | null {
  const t = nameTokens(name);
  const has = (w: string): boolean => t.includes(w);
  const joined = t.join('');
  if ((has('year') && has('birth')) || joined.includes('yearofbirth') || joined.includes('birthyear') || has('yob')) {
    return { min: 1900, max: nowYear, why: 'a birth year should lie between 1900 and this year' };
  }
  if (has('age') && !has('band') && !has('group')) {
    return { min: 0, max: 120, why: 'an age should lie between 0 and 120' };
  }
  if (t.some((w) => NPS_WORDS.has(w)) && !t.some((w) => NOT_A_SCORE.has(w))) {
    return { min: 0, max: 10, why: 'an NPS / likelihood-to-recommend answer is on a 0–10 scale' };
  }
  if (has('pct') || has('percent') || has('percentage') || has('percentile')) {
    return { min: 0, max: 100, why: 'a percentage should lie between 0 and 100' };
  }
  if (t.some((w) => NON_NEGATIVE.has(w))) {
    return { min: 0, max: null, why: 'counts, amounts, prices, incomes and durations cannot be negative' };
  }
  return null;
}

// ------------------------------------------------------------------ bounded scales

/**
 * Whether sorted values lie on a bounded scale, where "outliers" mean nothing: whole numbers within 0–10
 * (a 0–10 NPS answer, a 1–5 or 1–7 rating, a 0/1 flag), or any numbers within 0–1 (a share, a probability,
 * a model score). On such a scale every value is a legitimate answer: Tukey's fences flag the honest
 * minority who answered 1 on a mostly-5 rating (or the riskiest customers on a score), not entry errors.
 * Values outside the range are caught by the plausible-range check instead.
 */
export function onBoundedScale(sorted: Float64Array): boolean {
  const n = sorted.length;
  if (n === 0) return false;
  const min = sorted[0];
  const max = sorted[n - 1];
  if (min >= 0 && max <= 1) return true;
  if (min < 0 || max > 10) return false;
  for (let i = 0; i < n; i++) if (!Number.isInteger(sorted[i])) return false;
  return true;
}

// ------------------------------------------------------------------ dates

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Milliseconds since the epoch of an ISO date/datetime as stored (no zone = UTC), or null when not a real date. */
export function parseStoredDate(value: string): number | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  // Day 31 of a 30-day month, or 29 February of a non-leap year, are not dates.
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60))) return null;
  const iso = m[4] === undefined ? `${m[1]}-${m[2]}-${m[3]}T00:00:00Z` : value.replace(' ', 'T') + (m[7] === undefined ? 'Z' : '');
  const ms = Date.parse(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}

// ------------------------------------------------------------------ the audit

const pct = (x: number): string => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;
// Thousands separators without Intl, so messages read the same on every machine and locale.
const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const q = (s: string): string => `"${s.length > 40 ? s.slice(0, 37) + '...' : s}"`;
/** " \"value\"" for a group large enough to be named, "" for one under MIN_GROUP_SIZE rows (never quoted). */
const named = (g: { value: string; count: number }): string => (g.count >= MIN_GROUP_SIZE ? ` ${q(g.value)}` : '');

/** All hygiene issues of a dataset, most serious first within each column order. */
export function auditDataset(input: AuditInput): DataIssue[] {
  if (input.rows === 0) {
    return [
      {
        kind: 'emptyDataset',
        column: null,
        severity: 'error',
        message: 'This dataset has no rows, so there is nothing to profile or analyse. Check that the right file was imported and that its header row was not the only line.',
      },
    ];
  }
  const issues: DataIssue[] = [];
  const log = eventLogOf(input.columns);
  for (const c of input.columns) pushAll(issues, columnIssues(c, input.rows, log));
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return issues.map((iss, i) => ({ iss, i })).sort((a, b) => rank[a.iss.severity] - rank[b.iss.severity] || a.i - b.i).map((x) => x.iss);
}

/** Why a dataset is read as an event log: its repeating id and what tells one event from the next. */
export interface EventLog {
  id: string;
  /** The timestamp column that tells a customer's rows apart, or null when only a journey-step column does. */
  time: string | null;
}

/** Roles that give an event log its shape: they should be filled on every row, unlike per-event attributes. */
const EVENT_STRUCTURE = new Set<ColumnProfile['role']>(['id', 'timestamp', 'journeyStep', 'ignore']);

/** An event log has on average at least this many rows per id; a customer table with duplicates has far fewer. */
const EVENT_ROWS_PER_ID = 2;

/**
 * An event log (one row per event: several rows per customer) is told from a customer table with duplicated
 * rows by how much and how the id repeats. The dataset is an event log when an id column has on average at
 * least EVENT_ROWS_PER_ID rows per id, and either
 *  - a column has the journey-step role (rows are steps of journeys by definition), or
 *  - a timestamp-role column tells the repeats apart: at most half of the repeated rows share both their id
 *    and their time with an earlier row.
 * So a customer table imported twice (every (id, time) pair repeats) and one with a few duplicated customers
 * (well under two rows per id) keep the duplicate-id error. A timestamp column alone is not enough: customer
 * tables have them too (signup date, survey time).
 */
export function eventLogOf(columns: ColumnFacts[]): EventLog | null {
  const stepped = columns.some((c) => c.profile.role === 'journeyStep');
  for (const c of columns) {
    const d = c.duplicates;
    if (c.profile.role !== 'id' || !d || d.count === 0) continue;
    const rowsWithId = c.profile.distinct + d.count;
    if (rowsWithId < EVENT_ROWS_PER_ID * c.profile.distinct) continue;
    const same = c.duplicatesAtSameTime;
    if (same && same.count <= d.count / 2) return { id: c.profile.name, time: same.time };
    if (stepped) return { id: c.profile.name, time: same?.time ?? null };
  }
  return null;
}

function columnIssues(c: ColumnFacts, rows: number, log: EventLog | null): DataIssue[] {
  const p = c.profile;
  const out: DataIssue[] = [];
  const add = (kind: DataIssue['kind'], severity: DataIssue['severity'], message: string): void => {
    out.push({ kind, column: p.name, severity, message });
  };
  const nonMissing = rows - p.missing;

  if (p.role === 'ignore') return out;
  // Personal data (names, e-mails, postcodes) is never quoted in a message, whatever the rule.
  const personal = p.role === 'pii';

  if (log?.id === p.name && c.duplicates) {
    const ids = p.distinct;
    add(
      'duplicateIds',
      'info',
      `"${p.name}" repeats (${fmt(nonMissing)} rows for ${fmt(ids)} ids, ${(nonMissing / Math.max(1, ids)).toFixed(1)} per id on average): ` +
        `this dataset is read as an event log, one row per event${log.time ? `, told apart by "${log.time}"` : ''}, so repeats are expected. ` +
        'Analyses that need one row per customer (segments, NPS) combine each customer\'s events first.',
    );
    // Two events of one customer on the same day are normal; at the same instant they are suspicious.
    const same = c.duplicatesAtSameTime?.dateOnly === false ? c.duplicatesAtSameTime.count : 0;
    if (same > 0 && log.time) {
      add(
        'duplicateIds',
        'warning',
        `${fmt(same)} row(s) repeat both an id in "${p.name}" and its time in "${log.time}" exactly. Two events of one customer at the same instant are usually the same event recorded twice, which inflates step counts and journey lengths. Check the export for doubled rows.`,
      );
    }
  } else if (c.duplicates && c.duplicates.count > 0) {
    add(
      'duplicateIds',
      'error',
      `"${p.name}" is marked as an id, but ${fmt(c.duplicates.count)} row(s) repeat an id that appears earlier` +
        (c.duplicates.example !== null ? ` (e.g. ${q(c.duplicates.example)} appears ${fmt(c.duplicates.exampleCount)} times)` : '') +
        '. Duplicate ids double-count customers and multiply rows when joining tables. Remove the duplicates, or if rows are meant to repeat (e.g. one row per order), this is not a customer id: change its role.',
    );
  }

  // In an event log an attribute recorded at some events only (a rating asked after delivery) is mostly
  // empty by design: a note, not a problem. Its structure (id, time, step) must still be filled, and an
  // entirely empty column is still reported as such.
  const perEvent = log !== null && !EVENT_STRUCTURE.has(p.role) && p.missing < rows;
  if (perEvent && p.missing / rows > HIGH_MISSING_WARNING) {
    add(
      'highMissing',
      'info',
      `"${p.name}" is filled on ${pct(nonMissing / rows)} of the events (${fmt(nonMissing)} of ${fmt(rows)} rows). ` +
        'In an event log a value recorded at some steps only (a rating after delivery or a review) is expected to be blank elsewhere. Analyses that use it read the events that have it.',
    );
  } else if (p.missing / rows > HIGH_MISSING_WARNING) {
    const strong = p.missing / rows > HIGH_MISSING_ERROR;
    add(
      'highMissing',
      strong ? 'error' : 'warning',
      `${pct(p.missing / rows)} of "${p.name}" is missing (${fmt(p.missing)} of ${fmt(rows)} rows). ` +
        (p.missing === rows
          ? 'The column is empty; it cannot be used and can be dropped.'
          : strong
            ? 'With more than half missing, results that use it describe only a minority of customers, and filling the gaps would mostly be invention. Use it only for the rows that have it, or leave it out.'
            : 'Analyses that use it either drop those rows or fill them in (imputation), which can bias results if the missing rows differ from the rest. Check why it is missing before relying on it.'),
    );
  }

  if (nonMissing > 0 && p.distinct === 1 && p.role !== 'id') {
    add(
      'constantColumn',
      'info',
      `Every non-missing value of "${p.name}" is the same${personal ? '' : p.topValues?.[0] ? ` (${q(p.topValues[0].value)})` : p.min !== null ? ` (${String(p.min)})` : ''}. A constant column carries no information: it cannot separate segments or explain outcomes. Exclude it from analyses (set its role to "ignore").`,
    );
  }

  const { numbers, texts, others } = c.storage;
  const classes = [numbers, texts, others].filter((n) => n > 0).length;
  if (classes > 1) {
    const minority = minOf([numbers, texts, others].filter((n) => n > 0));
    const expectNumbers = p.type === 'integer' || p.type === 'real' || p.type === 'boolean';
    add(
      'mixedTypes',
      'warning',
      `"${p.name}" mixes kinds of values: ${fmt(numbers)} number(s) and ${fmt(texts)} text value(s)${others ? ` and ${fmt(others)} other(s)` : ''}` +
        (c.strayExamples.length && !personal ? `, e.g. ${c.strayExamples.slice(0, 3).map(q).join(', ')}` : '') +
        `. ${expectNumbers ? `Calculations on this ${p.type} column skip the ${fmt(minority)} value(s) that are not numbers.` : 'Sorting and grouping treat numbers and text differently.'} Fix the source values (often a placeholder such as "n/a" or a unit typed into the cell), or re-import the column as text.`,
    );
  }

  if (c.invalidDates && c.invalidDates.count > 0) {
    add(
      'invalidDates',
      'warning',
      `${fmt(c.invalidDates.count)} value(s) in the ${p.type} column "${p.name}" are not valid dates` +
        (c.invalidDates.example !== null ? ` (e.g. ${q(c.invalidDates.example)})` : '') +
        '. They are left out of date ranges, periods and time-between-steps measures. Correct them at the source or mark them as missing.',
    );
  }

  if (c.futureDates && c.futureDates.count > 0) {
    add(
      'futureDates',
      'warning',
      `${fmt(c.futureDates.count)} value(s) in "${p.name}" lie in the future` +
        (c.futureDates.example !== null ? ` (latest ${q(c.futureDates.example)})` : '') +
        '. Events cannot have happened yet, so these are usually typing errors, placeholder dates or a day/month swap. Check them before using this column for recency, tenure or journeys.',
    );
  }

  if (c.outOfRange && c.outOfRange.below + c.outOfRange.above > 0) {
    const { range, below, above } = c.outOfRange;
    const parts: string[] = [];
    if (below > 0) parts.push(`${fmt(below)} below ${range.min}${p.min !== null ? ` (lowest ${String(p.min)})` : ''}`);
    if (above > 0) parts.push(`${fmt(above)} above ${range.max}${p.max !== null ? ` (highest ${String(p.max)})` : ''}`);
    add(
      'impossibleValues',
      'warning',
      `"${p.name}" has values that cannot be right: ${parts.join(' and ')}; ${range.why}. ` +
        'Such values are usually entry errors or codes for "unknown", and they distort means, segments and models. Correct them or set them to missing.',
    );
  }

  // A numeric column with many values (age in years, income) is not a set of groups: checking each year as a
  // group would flag dozens of "tiny groups". Group checks apply once it is banded (e.g. an age_band column).
  const numericSpread = (p.type === 'integer' || p.type === 'real') && (c.groups?.length ?? 0) > MAX_NUMERIC_GROUPS;
  if ((p.role === 'protected' || p.role === 'category') && c.groups && !numericSpread) {
    const tiny = c.groups.filter((g) => g.count < MIN_GROUP_SIZE).length;
    if (tiny > 0) {
      // The note names no tiny group: a value seen by fewer than MIN_GROUP_SIZE rows (a postcode, a rare
      // nationality) can single out a person on a shared screen, which is the very risk the note warns about.
      add(
        'tinyGroups',
        p.role === 'protected' ? 'warning' : 'info',
        `${fmt(tiny)} of ${fmt(c.groups.length)} group${c.groups.length === 1 ? '' : 's'} in "${p.name}" ${tiny === 1 ? 'has' : 'have'} fewer than ${MIN_GROUP_SIZE} rows. ` +
          'Groups that small are too small to analyse reliably: one customer more or less swings their rates wildly, and showing them can identify individuals. Merge them into a broader group or read their results with great caution; presentation mode hides them.',
      );
    }
    if (p.role === 'protected' && c.groups.length >= 2 && nonMissing > 0) {
      const sorted = [...c.groups].sort((a, b) => a.count - b.count);
      const smallest = sorted[0];
      const largest = sorted[sorted.length - 1];
      const share = smallest.count / nonMissing;
      const ratio = largest.count / smallest.count;
      if (share < IMBALANCE_MIN_SHARE || ratio > IMBALANCE_MAX_RATIO) {
        add(
          'imbalancedGroups',
          'warning',
          `The protected attribute "${p.name}" is imbalanced: the smallest group${named(smallest)} has ${fmt(smallest.count)} rows (${pct(share)}), the largest${named(largest)} has ${fmt(largest.count)} (${ratio.toFixed(1)} to 1). ` +
            'Fairness measures for the small group have wide confidence intervals, so a real disparity can go undetected and a chance one can look large. Report the intervals, consider merging small groups, and compare the shares with the population the decisions apply to.',
        );
      }
    }
  }
  return out;
}
