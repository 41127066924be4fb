// Per-column measurements for the data profile, one function per type family. Each takes what the single
// table pass (profile-read.ts) collected, and falls back to SQL for columns with too many distinct values to
// count in memory.
import type { ColumnProfile, TopValue } from '../../shared/domain';
import { type ColumnFacts, onBoundedScale, parseStoredDate, plausibleRange } from '../analysis/hygiene';
import {
  countAbove,
  countBelow,
  datePeriodCounts,
  duplicatesSorted,
  formatNumber,
  summariseSorted,
  topOf,
  valueCountsSorted,
} from '../analysis/stats-basic';
import type { Db } from './db';
import { quoteIdent, type StoredColumn } from './datasets';
import type { CountedRead, DayRead, NumericRead, StoredValue } from './profile-read';

/** Above this many groups a text column's groups are not all listed (tiny-group checks need the full list). */
export const GROUP_LIST_LIMIT = 1000;
const TOP_N = 10;

function emptyProfile(col: StoredColumn, rows: number, missing: number): ColumnProfile {
  return {
    name: col.name,
    type: col.type,
    role: col.role,
    missing,
    missingPct: rows > 0 ? (100 * missing) / rows : 0,
    distinct: 0,
    min: null,
    max: null,
    mean: null,
    median: null,
    std: null,
    histogram: null,
    topValues: null,
    outliers: null,
  };
}

const wantsGroups = (col: StoredColumn): boolean => col.role === 'category' || col.role === 'protected';
const byCountDesc = (a: TopValue, b: TopValue): number => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

// ------------------------------------------------------------------ numeric

export function numericFacts(col: StoredColumn, read: NumericRead, rows: number, now: Date): ColumnFacts {
  const profile = emptyProfile(col, rows, read.missing);
  const s = summariseSorted(read.sorted);
  const facts: ColumnFacts = {
    profile,
    storage: { numbers: read.sorted.length, texts: read.texts, others: read.others },
    strayExamples: read.strayExamples,
  };
  // Values that are not numbers are not missing, but they are distinct values of the column.
  profile.distinct = (s?.distinct ?? 0) + read.strayDistinct;
  if (!s) return facts;
  // No outlier count on a rating scale or a 0–1 score: every value there is a possible answer.
  const outliers = onBoundedScale(read.sorted) ? null : s.outliers;
  Object.assign(profile, { min: s.min, max: s.max, mean: s.mean, median: s.median, std: s.std, histogram: s.histogram, outliers });
  const range = plausibleRange(col.name, now.getUTCFullYear());
  if (range) {
    facts.outOfRange = {
      range,
      below: range.min === null ? 0 : countBelow(read.sorted, range.min),
      above: range.max === null ? 0 : countAbove(read.sorted, range.max),
    };
  }
  if (col.role === 'id') {
    const d = duplicatesSorted(read.sorted);
    facts.duplicates = d ? { count: d.extra, example: formatNumber(d.example), exampleCount: d.exampleCount } : { count: 0, example: null, exampleCount: 0 };
  }
  if (wantsGroups(col)) {
    const runs = valueCountsSorted(read.sorted, GROUP_LIST_LIMIT);
    facts.groups = runs ? runs.map((r) => ({ value: formatNumber(r.value), count: r.count })) : null;
    if (facts.groups) profile.topValues = topOf(facts.groups, TOP_N);
  }
  return facts;
}

// ------------------------------------------------------------------ text

const NUMERIC_LOOKING = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** SQL predicate: the text looks like a plain number ("12", "-3.5", "1e6"), ignoring surrounding blanks. */
function numericLookingSql(c: string): string {
  return `(trim(${c}) GLOB '[-+.0-9]*' AND trim(${c}) GLOB '*[0-9]*' AND NOT trim(${c}) GLOB '*[^-+.eE0-9]*')`;
}

/**
 * Text: distinct, top values, every group for category/protected columns, duplicates for id columns, and
 * whether the column is really numbers with a few words in it (a numeric column widened to text on import
 * because of "n/a" or "unknown"), which is reported as mixed types so the analyst fixes the source.
 */
export function textFacts(db: Db, table: string, col: StoredColumn, rows: number, read: CountedRead | undefined): ColumnFacts {
  const c = quoteIdent(col.sqlName);
  let groups: TopValue[];
  let complete: boolean;
  let distinct: number;
  let missing: number;
  let numericLooking: number;
  if (read) {
    groups = [...read.counts].map(([v, n]) => ({ value: String(v), count: n })).sort(byCountDesc);
    complete = true;
    distinct = groups.length;
    missing = read.missing;
    numericLooking = groups.reduce((a, g) => a + (NUMERIC_LOOKING.test(g.value) ? g.count : 0), 0);
  } else {
    // Many distinct values. Count them first: a column of unique values (ids, e-mails) needs no grouping.
    const [d, nonNull] = db.prepare(`SELECT COUNT(DISTINCT ${c}), COUNT(${c}) FROM ${table}`).raw().get() as [number, number];
    distinct = d;
    missing = rows - nonNull;
    if (d === nonNull) {
      const first = db.prepare(`SELECT ${c} FROM ${table} WHERE ${c} IS NOT NULL LIMIT ${TOP_N}`).pluck().all() as StoredValue[];
      groups = first.map((v) => ({ value: String(v), count: 1 }));
    } else {
      const top = db
        .prepare(`SELECT ${c} AS v, COUNT(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY ${c} ORDER BY n DESC, ${c} LIMIT ${GROUP_LIST_LIMIT + 1}`)
        .all() as { v: StoredValue; n: number }[];
      groups = top.map((r) => ({ value: String(r.v), count: r.n }));
    }
    complete = d <= GROUP_LIST_LIMIT;
    // Only ask SQL to test every value when the first values suggest a numeric column.
    const looks = groups.slice(0, 50).filter((g) => NUMERIC_LOOKING.test(g.value)).length;
    numericLooking =
      groups.length > 0 && looks >= 0.8 * Math.min(50, groups.length)
        ? (db.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${c} IS NOT NULL AND ${numericLookingSql(c)}`).pluck().get() as number)
        : 0;
  }
  const profile = emptyProfile(col, rows, missing);
  const nonMissing = rows - missing;
  profile.distinct = distinct;
  profile.topValues = groups.slice(0, TOP_N);
  const mostlyNumbers = numericLooking > 0 && numericLooking < nonMissing && numericLooking >= 0.8 * nonMissing;
  const facts: ColumnFacts = {
    profile,
    storage: mostlyNumbers ? { numbers: numericLooking, texts: nonMissing - numericLooking, others: 0 } : { numbers: 0, texts: nonMissing, others: 0 },
    strayExamples: mostlyNumbers
      ? groups.filter((g) => !NUMERIC_LOOKING.test(g.value)).slice(0, 3).map((g) => g.value)
      : [],
  };
  if (mostlyNumbers && facts.strayExamples.length === 0) {
    facts.strayExamples = db.prepare(`SELECT DISTINCT ${c} FROM ${table} WHERE ${c} IS NOT NULL AND NOT ${numericLookingSql(c)} LIMIT 3`).pluck().all() as string[];
  }
  if (wantsGroups(col)) facts.groups = complete ? groups : null;
  if (col.role === 'id') {
    const extra = nonMissing - distinct;
    const top = groups[0];
    facts.duplicates = { count: extra, example: extra > 0 && top ? top.value : null, exampleCount: extra > 0 && top ? top.count : 0 };
  }
  return facts;
}

// ------------------------------------------------------------------ boolean

function allGroups(db: Db, table: string, col: StoredColumn): Map<StoredValue, number> {
  const c = quoteIdent(col.sqlName);
  const rows = db.prepare(`SELECT ${c} AS v, COUNT(*) AS n FROM ${table} WHERE ${c} IS NOT NULL GROUP BY ${c}`).all() as { v: StoredValue; n: number }[];
  return new Map(rows.map((r) => [r.v, r.n]));
}

/** Boolean: stored 1/0, shown with the file's labels; mean = share true, median the majority value. */
export function booleanFacts(db: Db, table: string, col: StoredColumn, rows: number, read: CountedRead | undefined): ColumnFacts {
  const counts = read ? read.counts : allGroups(db, table, col);
  let trues = 0;
  let falses = 0;
  const stray: TopValue[] = [];
  for (const [v, n] of counts) {
    if (v === 1) trues += n;
    else if (v === 0) falses += n;
    else stray.push({ value: String(v), count: n });
  }
  const strayCount = stray.reduce((a, s) => a + s.count, 0);
  const profile = emptyProfile(col, rows, rows - trues - falses - strayCount);
  const labels = col.booleanLabels ?? { true: 'true', false: 'false' };
  const n = trues + falses;
  profile.distinct = (trues > 0 ? 1 : 0) + (falses > 0 ? 1 : 0) + stray.length;
  if (n > 0) {
    const p = trues / n;
    Object.assign(profile, {
      min: falses > 0 ? 0 : 1,
      max: trues > 0 ? 1 : 0,
      mean: p,
      median: p > 0.5 ? 1 : p < 0.5 ? 0 : 0.5,
      // Sample std of 0/1 values: sqrt(n p (1 - p) / (n - 1)).
      std: n > 1 ? Math.sqrt((n * p * (1 - p)) / (n - 1)) : null,
    });
  }
  const labelled: TopValue[] = [];
  if (trues > 0) labelled.push({ value: labels.true, count: trues });
  if (falses > 0) labelled.push({ value: labels.false, count: falses });
  const all = [...labelled, ...stray].sort(byCountDesc);
  profile.topValues = all.slice(0, TOP_N);
  const facts: ColumnFacts = {
    profile,
    storage: { numbers: n, texts: strayCount, others: 0 },
    strayExamples: stray.slice(0, 3).map((s) => s.value),
  };
  if (wantsGroups(col)) facts.groups = all;
  return facts;
}

// ------------------------------------------------------------------ dates

interface DateTally {
  distinct: number;
  invalid: number;
  invalidExample: string | null;
  future: number;
  minMs: number;
  maxMs: number;
  min: string | null;
  max: string | null;
  months: Map<string, number>;
}

function tallyValue(t: DateTally, v: StoredValue, n: number, limitMs: number): void {
  const text = String(v);
  const ms = typeof v === 'string' ? parseStoredDate(text) : null;
  if (ms === null) {
    t.invalid += n;
    t.invalidExample ??= text;
    return;
  }
  if (ms < t.minMs) [t.minMs, t.min] = [ms, text];
  if (ms > t.maxMs) [t.maxMs, t.max] = [ms, text];
  if (ms > limitMs) t.future += n;
  const month = text.slice(0, 7);
  t.months.set(month, (t.months.get(month) ?? 0) + n);
}

/** Dates: min/max of the valid ones, periods as top values, invalid and future values counted with an example. */
export function dateFacts(
  db: Db,
  table: string,
  col: StoredColumn,
  rows: number,
  read: CountedRead | undefined,
  dayRead: DayRead | undefined,
  now: Date,
): ColumnFacts {
  // A date-only value is in the future from the next UTC day on: "today" is not the future.
  const todayEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - 1;
  const limitMs = col.type === 'date' ? todayEnd : now.getTime();
  const t: DateTally = { distinct: 0, invalid: 0, invalidExample: null, future: 0, minMs: Infinity, maxMs: -Infinity, min: null, max: null, months: new Map() };
  let missing: number;
  if (read) {
    for (const [v, n] of read.counts) tallyValue(t, v, n, limitMs);
    t.distinct = read.counts.size;
    missing = read.missing;
  } else if (dayRead) {
    missing = dayRead.missing;
    dayTally(db, table, col, dayRead, t, limitMs);
  } else {
    // The pass gave up counting (more distinct dates than the cap): let SQL group them by day.
    const c = quoteIdent(col.sqlName);
    const days = new Map<string, { n: number; lo: string; hi: string }>();
    const dayRows = db
      .prepare(`SELECT substr(${c}, 1, 10) AS d, COUNT(*) AS n, MIN(${c}) AS lo, MAX(${c}) AS hi FROM ${table} WHERE ${c} IS NOT NULL GROUP BY d`)
      .all() as { d: string; n: number; lo: StoredValue; hi: StoredValue }[];
    for (const r of dayRows) days.set(r.d, { n: r.n, lo: String(r.lo), hi: String(r.hi) });
    const nonMissing = dayRows.reduce((a, r) => a + r.n, 0);
    missing = rows - nonMissing;
    dayTally(db, table, col, { days, missing, nonText: 0, nonTextExample: null }, t, limitMs);
  }
  const profile = emptyProfile(col, rows, missing);
  Object.assign(profile, { distinct: t.distinct, min: t.min, max: t.max, topValues: datePeriodCounts(t.months) });
  return {
    profile,
    storage: { numbers: 0, texts: rows - missing, others: 0 },
    strayExamples: [],
    invalidDates: { count: t.invalid, example: t.invalidExample },
    futureDates: { count: t.future, example: t.future > 0 ? t.max : null },
  };
}

/**
 * Many distinct values (timestamps), already grouped by calendar day: check each day's first and last value;
 * only a day whose extremes do not parse, or that reaches into the future, is examined value by value in SQL.
 */
function dayTally(db: Db, table: string, col: StoredColumn, read: DayRead, t: DateTally, limitMs: number): void {
  const c = quoteIdent(col.sqlName);
  const perValue = db.prepare(`SELECT ${c} AS v, COUNT(*) AS n FROM ${table} WHERE typeof(${c}) = 'text' AND substr(${c}, 1, 10) = ? GROUP BY ${c}`);
  for (const [day, b] of read.days) {
    const loMs = parseStoredDate(b.lo);
    const hiMs = parseStoredDate(b.hi);
    if (loMs === null || hiMs === null || hiMs > limitMs) {
      for (const r of perValue.all(day) as { v: StoredValue; n: number }[]) tallyValue(t, r.v, r.n, limitMs);
      continue;
    }
    tallyValue(t, b.lo, 0, limitMs);
    tallyValue(t, b.hi, 0, limitMs);
    t.months.set(day.slice(0, 7), (t.months.get(day.slice(0, 7)) ?? 0) + b.n);
  }
  if (read.nonText > 0) {
    t.invalid += read.nonText;
    t.invalidExample ??= read.nonTextExample;
  }
  t.distinct = db.prepare(`SELECT COUNT(DISTINCT ${c}) FROM ${table}`).pluck().get() as number;
}
