// The cohort analysis's one pass over an event or transaction log: customer (dictionary-encoded), time (epoch ms,
// UTC), and optionally value, score and the split column, into typed arrays. It reads the table the way the journey
// scan does (../../journeys/event-scan.ts): SQLite joins a block of 64k rows into one string (fields split by U+001F,
// rows by U+001E) and JS decodes it with charCodeAt, hashing ids in place (Codebook), times through readStoredTime —
// one value per block crosses into JS instead of one array per row. A value containing a separator, or gaps in
// _row, sends the load to the plain row-by-row path, which gives the same arrays.
// A time that is present but not a date or datetime is an error naming its row: a cohort built around a silently
// dropped first purchase would be wrong. Blank customers or times are left out and counted.
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../../datasets';
import { cachedNumericRun, cachedTimeRun } from '../../segments/columns';
import { Codebook, FNV_OFFSET, fnvStep, hashRange, IdBatch } from '../../journeys/codebook';
import { FIELD, forEachBlock, isBlank, RECORD } from '../../journeys/block-text';
import { rowBounds } from '../../journeys/event-scan';
import { FramingError } from '../../journeys/framing-error';
import { readStoredTime, TIME_DATE, TIME_NAIVE, TIME_UTC, type TimeRead } from '../../journeys/stored-time';
import { startCohortScanHelper, type CohortScanHelper } from './scan-helper';

export interface CohortColumns {
  customer: StoredColumn;
  time: StoredColumn;
  value: StoredColumn | null;
  score: StoredColumn | null;
  by: StoredColumn | null;
}

export interface ScannedLog {
  n: number;
  customer: Int32Array;
  time: Float64Array;
  value: Float64Array | null;
  score: Float64Array | null;
  by: Int32Array | null;
  customerIds: string[];
  byNames: string[];
  missing: { customer: number; time: number };
  timeKinds: { date: number; naive: number; utc: number };
}

/** What one thread decoded (arrays exactly n long), its codebooks' values and its counts. */
export interface LogPart {
  n: number;
  customer: Int32Array;
  time: Float64Array;
  value: Float64Array | null;
  score: Float64Array | null;
  by: Int32Array | null;
  customerNames: string[];
  groupNames: string[];
  missingCustomer: number;
  missingTime: number;
  kinds: number[];
}

export interface CohortScanOptions {
  isCancelled: () => boolean;
  onProgress: (done: number, total: number) => void;
  /** Rows per block (tests use small blocks to cross block edges). */
  blockRows?: number;
  /** Skip the block path (tests compare both). */
  rowByRow?: boolean;
  /** Read the time and value columns from the table even when the column cache holds them (tests compare both). */
  fromTable?: boolean;
  /** Decode the second half on a helper thread from this many rows (default HELPER_MIN_ROWS; Infinity: never). */
  helperMinRows?: number;
  /** The built worker entry for the helper (tests on the sources point at out/main/worker.js). */
  workerPath?: string;
}

/** Below this many rows one thread decodes everything: a helper thread's start-up would cost more than it saves. */
export const HELPER_MIN_ROWS = 400_000;

export class LogSink {
  n = 0;
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly value: Float64Array | null;
  readonly score: Float64Array | null;
  readonly by: Int32Array | null;
  readonly customers = new Codebook();
  readonly groups = new Codebook();
  missingCustomer = 0;
  missingTime = 0;
  readonly kinds = [0, 0, 0, 0];

  constructor(
    capacity: number,
    cols: CohortColumns,
    private readonly ds: StoredDataset,
  ) {
    // Shared memory: a first run's cache writer thread (cache.ts) reads the decoded log while this thread computes.
    this.customer = new Int32Array(new SharedArrayBuffer(capacity * 4));
    this.time = new Float64Array(new SharedArrayBuffer(capacity * 8));
    this.value = cols.value ? new Float64Array(new SharedArrayBuffer(capacity * 8)) : null;
    this.score = cols.score ? new Float64Array(new SharedArrayBuffer(capacity * 8)) : null;
    this.by = cols.by ? new Int32Array(new SharedArrayBuffer(capacity * 4)) : null;
  }

  add(customer: number, time: number, kind: number, value: number, score: number, by: number): void {
    if (customer < 0 || time !== time) {
      if (customer < 0) this.missingCustomer++;
      if (time !== time) this.missingTime++;
      return;
    }
    const i = this.n++;
    this.customer[i] = customer;
    this.time[i] = time;
    this.kinds[kind]++;
    if (this.value) this.value[i] = value;
    if (this.score) this.score[i] = score;
    if (this.by) this.by[i] = by;
  }

  /**
   * Everything decoded so far, as one part for another thread: views of the first n events of the shared arrays
   * (posted, they are shared, not copied — a copy of 5M events cost the helper ~0.4 s).
   */
  part(): LogPart {
    const n = this.n;
    return {
      n,
      customer: this.customer.subarray(0, n),
      time: this.time.subarray(0, n),
      value: this.value?.subarray(0, n) ?? null,
      score: this.score?.subarray(0, n) ?? null,
      by: this.by?.subarray(0, n) ?? null,
      customerNames: this.customers.names,
      groupNames: this.groups.names,
      missingCustomer: this.missingCustomer,
      missingTime: this.missingTime,
      kinds: this.kinds,
    };
  }

  /** Append a part decoded from later rows; its codes are translated so the arrays equal one sequential pass. */
  append(p: LogPart): void {
    const cust = this.customers.codesOf(p.customerNames);
    const grp = Int32Array.from(p.groupNames, (name) => this.groups.codeOf(name));
    const at = this.n;
    for (let i = 0; i < p.n; i++) this.customer[at + i] = cust[p.customer[i]];
    if (this.by && p.by) for (let i = 0; i < p.n; i++) this.by[at + i] = p.by[i] < 0 ? -1 : grp[p.by[i]];
    this.time.set(p.time, at);
    if (this.value && p.value) this.value.set(p.value, at);
    if (this.score && p.score) this.score.set(p.score, at);
    this.n += p.n;
    this.missingCustomer += p.missingCustomer;
    this.missingTime += p.missingTime;
    p.kinds.forEach((k, i) => (this.kinds[i] += k));
  }

  badTime(row: number, text: string, col: StoredColumn): never {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Row ${row} of "${this.ds.name}": "${text.slice(0, 60)}" in "${col.name}" is not a date or a date and time, so the customer's cohort cannot be placed. ` +
        'Fix or remove that row (or give the column as ISO 8601: 2025-03-31 or 2025-03-31T14:05:00Z) and import again.',
      { dataset: this.ds.name, columnName: col.name, row },
    );
  }
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A number from s[a, b): NaN when empty or not a number (SQLite writes ±Inf as Inf / -Inf). Plain decimals of up
 * to 15 digits ("-12.34") are read by hand as integer ÷ power of ten: both are exact doubles and IEEE division is
 * correctly rounded, so the result is the same double Number() gives, without a substring per value.
 */
export function readNumber(s: string, a: number, b: number): number {
  if (a === b) return Number.NaN;
  let i = a;
  const neg = s.charCodeAt(i) === 45;
  if (neg) i++;
  let v = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d >= 0 && d <= 9) {
      v = v * 10 + d;
      digits++;
      if (scale >= 0) scale++;
    } else if (d === -2 && scale < 0) scale = 0;
    else break;
  }
  if (i === b && digits > 0 && digits <= 15) {
    const x = scale > 0 ? v / POW10[scale] : v;
    return neg ? -x : x;
  }
  const t = s.slice(a, b);
  const x = Number(t);
  if (x === x) return x;
  return t === 'Inf' ? Number.POSITIVE_INFINITY : t === '-Inf' ? Number.NEGATIVE_INFINITY : Number.NaN;
}

function fieldColumns(cols: CohortColumns, cached: CachedColumns = NOTHING_CACHED): StoredColumn[] {
  return [cols.customer, cached.time ? null : cols.time, cached.value ? null : cols.value, cols.score, cols.by].filter((c): c is StoredColumn => c !== null);
}

/**
 * The time and value columns read from the column cache instead of the table (`time[i]`, `value[i]` are _row
 * base + i; `timeKind` the kind of every cached time), or not. The import caches numbers and times, so the first run
 * after an import has SQLite join only the customer ids (and the score and split) into its blocks, instead of also
 * rendering 10M REALs and copying 10M datetimes as text for this thread to parse back (~2.8 CPU-seconds of the
 * 10M-event benchmark's cold run).
 */
export interface CachedColumns {
  time: Float64Array | null;
  timeKind: number;
  value: Float64Array | null;
  /** The table's first _row. */
  base: number;
}
export const NOTHING_CACHED: CachedColumns = { time: null, timeKind: 0, value: null, base: 0 };

/**
 * The columns this thread reads from the column cache. Each thread reads its own copy (one BLOB read each, on its
 * own core), so the helper can start before anything is read here. `first`: the table's first _row.
 */
export function cachedColumns(db: Db, ds: StoredDataset, cols: CohortColumns, first: number, fromTable: boolean): CachedColumns {
  if (fromTable) return { ...NOTHING_CACHED, base: first };
  const time = cachedTimeRun(db, ds, cols.time);
  return { time: time?.ms ?? null, timeKind: time?.kind ?? 0, value: cols.value ? cachedNumericRun(db, ds, cols.value) : null, base: first };
}

export function scanBlocks(
  db: Db,
  ds: StoredDataset,
  cols: CohortColumns,
  cached: CachedColumns,
  sink: LogSink,
  first: number,
  last: number,
  opts: { isCancelled: () => boolean; blockRows?: number },
  onBlock: (done: number) => void,
): void {
  const tr: TimeRead = { ms: 0, kind: 0 };
  const hasValue = cols.value !== null;
  const cachedValue = cached.value;
  const cachedTime = cached.time;
  const cachedKind = cached.timeKind;
  const at0 = -cached.base;
  const textValue = hasValue && cachedValue === null;
  const hasScore = cols.score !== null;
  const hasBy = cols.by !== null;
  // One block's fields, parsed first; the customer ids are then coded for the whole block at once
  // (Codebook.codes: the lookups' cache misses overlap instead of queueing row after row).
  const ids = new IdBatch();
  let cap = 0;
  let times = new Float64Array(0);
  let kinds = new Uint8Array(0);
  let values = new Float64Array(0);
  let scores = new Float64Array(0);
  let bys = new Int32Array(0);
  const ensure = (count: number) => {
    ids.reset(count);
    if (count <= cap) return;
    cap = count;
    [times, values, scores] = Array.from({ length: 3 }, () => new Float64Array(cap));
    kinds = new Uint8Array(cap);
    bys = new Int32Array(cap);
  };
  const decode = (s: string, lo: number, count: number): number => {
    ensure(count);
    const L = s.length;
    let p = 0;
    for (let r = 0; r < count; r++) {
      let a = p;
      let h = FNV_OFFSET;
      let blank = true;
      let c = 0;
      while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) {
        h = fnvStep(h, c);
        if (c > 32) blank = false;
        p++;
      }
      ids.add(r, a, p, h, blank);
      if (cachedTime !== null) {
        times[r] = cachedTime[lo + r + at0];
        kinds[r] = cachedKind;
      } else {
        if (c !== FIELD || p === L) throw new FramingError('time');
        a = ++p;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
        let time = Number.NaN;
        if (p > a) {
          if (readStoredTime(s, a, p, tr)) time = tr.ms;
          else sink.badTime(lo + r, s.slice(a, p), cols.time);
        }
        times[r] = time;
        kinds[r] = tr.kind;
      }
      if (cachedValue !== null) values[r] = cachedValue[lo + r + at0];
      else if (textValue) {
        if (c !== FIELD || p === L) throw new FramingError('value');
        a = ++p;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
        values[r] = readNumber(s, a, p);
      }
      if (hasScore) {
        if (c !== FIELD || p === L) throw new FramingError('score');
        a = ++p;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
        scores[r] = readNumber(s, a, p);
      }
      if (hasBy) {
        if (c !== FIELD || p === L) throw new FramingError('by');
        a = ++p;
        h = FNV_OFFSET;
        blank = true;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) {
          h = fnvStep(h, c);
          if (c > 32) blank = false;
          p++;
        }
        bys[r] = blank ? -1 : sink.groups.code(s, a, p, h);
      }
      if (p < L) {
        if (c !== RECORD || r === count - 1) throw new FramingError('record end');
        p++;
      } else if (r !== count - 1) throw new FramingError('short block');
    }
    ids.resolve(sink.customers, s);
    for (let r = 0; r < count; r++) {
      sink.add(ids.codeOf(r), times[r], kinds[r], hasValue ? values[r] : Number.NaN, hasScore ? scores[r] : Number.NaN, hasBy ? bys[r] : -1);
    }
    return p;
  };
  forEachBlock(db, ds, fieldColumns(cols, cached), first, last, opts, decode, onBlock);
}

function scanRows(db: Db, ds: StoredDataset, cols: CohortColumns, sink: LogSink, opts: CohortScanOptions): void {
  const fields = fieldColumns(cols);
  const stmt = db.prepare(`SELECT _row, ${fields.map((c) => `CAST(${quoteIdent(c.sqlName)} AS TEXT)`).join(', ')} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).raw(true);
  const tr: TimeRead = { ms: 0, kind: 0 };
  const code = (book: Codebook, v: string | null) => (v === null || isBlank(v) ? -1 : book.code(v, 0, v.length, hashRange(v, 0, v.length)));
  const num = (v: string | null) => (v === null ? Number.NaN : readNumber(v, 0, v.length));
  let j = 3;
  const valueAt = cols.value ? j++ : -1;
  const scoreAt = cols.score ? j++ : -1;
  const byAt = cols.by ? j++ : -1;
  let done = 0;
  for (const r of stmt.iterate() as IterableIterator<(string | number | null)[]>) {
    const t = r[2] as string | null;
    let time = Number.NaN;
    if (t !== null && t !== '') {
      if (readStoredTime(t, 0, t.length, tr)) time = tr.ms;
      else sink.badTime(Number(r[0]), t, cols.time);
    }
    sink.add(
      code(sink.customers, r[1] as string | null),
      time,
      tr.kind,
      valueAt < 0 ? Number.NaN : num(r[valueAt] as string | null),
      scoreAt < 0 ? Number.NaN : num(r[scoreAt] as string | null),
      byAt < 0 ? -1 : code(sink.groups, r[byAt] as string | null),
    );
    if ((++done & 0xffff) === 0) {
      if (opts.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the events.');
      opts.onProgress(done, ds.rows);
    }
  }
}

export function scanCohortLog(db: Db, ds: StoredDataset, cols: CohortColumns, opts: CohortScanOptions): ScannedLog {
  let sink = new LogSink(ds.rows, cols, ds);
  const bounds = opts.rowByRow ? null : rowBounds(db, ds);
  let blocks = bounds !== null && bounds.last - bounds.first + 1 === bounds.count;
  if (blocks && bounds) {
    let helper: CohortScanHelper | null = null;
    try {
      const { first, last, count } = bounds;
      const fromTable = opts.fromTable === true;
      if (count >= (opts.helperMinRows ?? HELPER_MIN_ROWS)) helper = startCohortScanHelper(db, ds, cols, { first, fromTable }, opts, first + Math.floor(count / 2), last);
      const cached = cachedColumns(db, ds, cols, first, fromTable);
      const mineLast = helper ? helper.from - 1 : last;
      scanBlocks(db, ds, cols, cached, sink, first, mineLast, opts, (done) => opts.onProgress(done + (helper?.done() ?? 0), count));
      if (helper) sink.append(helper.wait(() => opts.onProgress(mineLast - first + 1 + helper!.done(), count)));
    } catch (err) {
      if (!(err instanceof FramingError)) throw err;
      blocks = false;
    } finally {
      helper?.stop();
    }
  }
  if (!blocks) {
    sink = new LogSink(ds.rows, cols, ds);
    scanRows(db, ds, cols, sink, opts);
  }
  const n = sink.n;
  const labels = cols.by?.booleanLabels;
  return {
    n,
    customer: sink.customer.subarray(0, n),
    time: sink.time.subarray(0, n),
    value: sink.value?.subarray(0, n) ?? null,
    score: sink.score?.subarray(0, n) ?? null,
    by: sink.by?.subarray(0, n) ?? null,
    customerIds: sink.customers.names,
    byNames: labels ? sink.groups.names.map((v) => (v === '1' ? labels.true : v === '0' ? labels.false : v)) : sink.groups.names,
    missing: { customer: sink.missingCustomer, time: sink.missingTime },
    timeKinds: { date: sink.kinds[TIME_DATE], naive: sink.kinds[TIME_NAIVE], utc: sink.kinds[TIME_UTC] },
  };
}
