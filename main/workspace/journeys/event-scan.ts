// The journey data path's one pass over the dataset table: customer, time, step (+ channel, satisfaction, NPS) of
// every event into typed arrays, text values dictionary-encoded (codebook.ts), times read as epoch ms
// (stored-time.ts).
//
// Why chunks of concatenated text: better-sqlite3 pays ~0.3 µs per row returned (a JS array per row, a string per
// text cell), 5.6 s for 10M × 6 before any decoding. Here SQLite joins a block of rows into one string
// (`group_concat(concat_ws(…))`, fields split by U+001F and rows by U+001E) so JS receives one value per 64k
// rows and decodes it with charCodeAt, hashing ids in place. On the 10M-event benchmark this halves the load.
// The fast path checks its own framing: every row must have exactly its fields, a block exactly its row count,
// and the block's _row values must be contiguous (they are for every imported dataset). A value that itself
// contains U+001E/U+001F, or a table with gaps in _row, sends the whole load to the plain row-by-row path
// instead, which gives the same arrays.
// On large tables the second half of the rows is decoded on a helper thread at the same time (scan-helper.ts)
// and appended; codes are remapped so the arrays are exactly those of one sequential pass.
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { Codebook, FNV_OFFSET, fnvStep, hashRange, IdBatch } from './codebook';
import { readStoredTime, utcDay, TIME_DATE, TIME_NAIVE, TIME_UTC, type TimeRead } from './stored-time';
import type { JourneyColumns } from './spec-columns';
import { FIELD, forEachBlock, isBlank, RECORD } from './block-text';
import { FramingError } from './framing-error';
import { startScanHelper, type ScanHelper } from './scan-helper';

export interface ScanOptions {
  precision: 'exact' | 'day';
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
  /** Rows per block (tests use small blocks to cross block edges). */
  blockRows?: number;
  /** Skip the fast path (tests compare both). */
  rowByRow?: boolean;
  /** Decode the second half on a helper thread from this many rows (default HELPER_MIN_ROWS; Infinity: never). */
  helperMinRows?: number;
  /** The built worker entry for the helper (tests on the sources point at out/main/worker.js). */
  workerPath?: string;
}

/** Below this many rows one thread decodes everything: a helper thread's start-up would cost more than it saves. */
export const HELPER_MIN_ROWS = 400_000;

export interface ScannedEvents {
  /** Events kept (with a customer, a time and a step). */
  n: number;
  customer: Int32Array;
  time: Float64Array;
  step: Int32Array;
  channel: Int32Array | null;
  satisfaction: Float64Array | null;
  nps: Float64Array | null;
  row: Int32Array;
  /** Customer ids as text (SQLite's text form of the value), by code. */
  customerIds: string[];
  stepNames: string[];
  channelNames: string[];
  /** Events without a customer / time / step (an event missing two counts in both). */
  missing: { customer: number; time: number; step: number };
  skipped: number;
  /** Times that are not a stored date/datetime (counted in missing.time), with one example. */
  unreadableTimes: { count: number; example: string | null };
  /** Kept events per kind of time value. */
  timeKinds: { date: number; naive: number; utc: number };
  /** NPS values outside 0–10, read as missing. */
  npsOutOfRange: { count: number; example: number | null };
  /** Which path read the table: blocks (with a helper thread for the second half: 'blocks+helper') or rows. */
  path: 'blocks' | 'blocks+helper' | 'rows';
}

/** What one thread decoded: the kept events (arrays exactly n long), its codebooks' values and its counts. */
export interface SinkPart {
  n: number;
  customer: Int32Array;
  time: Float64Array;
  step: Int32Array;
  channel: Int32Array | null;
  satisfaction: Float64Array | null;
  nps: Float64Array | null;
  row: Int32Array;
  customerNames: string[];
  stepNames: string[];
  channelNames: string[];
  counts: {
    missingCustomer: number;
    missingTime: number;
    missingStep: number;
    skipped: number;
    unreadable: number;
    unreadableExample: string | null;
    kinds: number[];
    npsOut: number;
    npsOutExample: number | null;
  };
}

/** Receives decoded fields one event at a time and keeps the complete ones. */
export class EventSink {
  n = 0;
  readonly customer: Int32Array;
  readonly time: Float64Array;
  readonly step: Int32Array;
  readonly channel: Int32Array | null;
  readonly satisfaction: Float64Array | null;
  readonly nps: Float64Array | null;
  readonly row: Int32Array;
  missingCustomer = 0;
  missingTime = 0;
  missingStep = 0;
  skipped = 0;
  unreadable = 0;
  unreadableExample: string | null = null;
  kinds = [0, 0, 0, 0];
  npsOut = 0;
  npsOutExample: number | null = null;
  readonly customers = new Codebook();
  readonly steps = new Codebook();
  readonly channels = new Codebook();
  private readonly day: boolean;

  constructor(capacity: number, cols: JourneyColumns, precision: 'exact' | 'day') {
    this.customer = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    this.step = new Int32Array(capacity);
    this.row = new Int32Array(capacity);
    this.channel = cols.channel ? new Int32Array(capacity) : null;
    this.satisfaction = cols.satisfaction ? new Float64Array(capacity) : null;
    this.nps = cols.nps ? new Float64Array(capacity) : null;
    this.day = precision === 'day';
  }

  /** One event; customer/step are −1 and time NaN when missing. */
  add(row: number, customer: number, time: number, kind: number, step: number, channel: number, satisfaction: number, nps: number): void {
    if (customer < 0 || step < 0 || time !== time) {
      if (customer < 0) this.missingCustomer++;
      if (step < 0) this.missingStep++;
      if (time !== time) this.missingTime++;
      this.skipped++;
      return;
    }
    const i = this.n++;
    this.customer[i] = customer;
    this.time[i] = this.day ? utcDay(time) : time;
    this.kinds[kind]++;
    this.step[i] = step;
    this.row[i] = row;
    if (this.channel !== null) this.channel[i] = channel;
    if (this.satisfaction !== null) this.satisfaction[i] = satisfaction;
    if (this.nps !== null) {
      if (nps < 0 || nps > 10) {
        this.npsOut++;
        this.npsOutExample ??= nps;
        this.nps[i] = Number.NaN;
      } else this.nps[i] = nps;
    }
  }

  unreadableTime(s: string, a: number, b: number): void {
    this.unreadable++;
    this.unreadableExample ??= s.slice(a, b);
  }

  /** Everything decoded so far, as one transferable part (copies of the first n events). */
  part(): SinkPart {
    const n = this.n;
    return {
      n,
      customer: this.customer.slice(0, n),
      time: this.time.slice(0, n),
      step: this.step.slice(0, n),
      channel: this.channel?.slice(0, n) ?? null,
      satisfaction: this.satisfaction?.slice(0, n) ?? null,
      nps: this.nps?.slice(0, n) ?? null,
      row: this.row.slice(0, n),
      customerNames: this.customers.names,
      stepNames: this.steps.names,
      channelNames: this.channels.names,
      counts: {
        missingCustomer: this.missingCustomer,
        missingTime: this.missingTime,
        missingStep: this.missingStep,
        skipped: this.skipped,
        unreadable: this.unreadable,
        unreadableExample: this.unreadableExample,
        kinds: this.kinds,
        npsOut: this.npsOut,
        npsOutExample: this.npsOutExample,
      },
    };
  }

  /**
   * Append a part decoded from later rows. Its codes are translated into this sink's codebooks, whose new values
   * arrive in the part's first-seen order, so codes come out as one sequential pass would give them.
   */
  append(p: SinkPart): void {
    const remap = (book: Codebook, names: string[]) => book.codesOf(names);
    const cust = remap(this.customers, p.customerNames);
    const step = remap(this.steps, p.stepNames);
    const chan = remap(this.channels, p.channelNames);
    const at = this.n;
    for (let i = 0; i < p.n; i++) {
      this.customer[at + i] = cust[p.customer[i]];
      this.step[at + i] = step[p.step[i]];
    }
    if (this.channel !== null && p.channel !== null) {
      for (let i = 0; i < p.n; i++) {
        const c = p.channel[i];
        this.channel[at + i] = c < 0 ? -1 : chan[c];
      }
    }
    this.time.set(p.time, at);
    this.row.set(p.row, at);
    if (this.satisfaction !== null && p.satisfaction !== null) this.satisfaction.set(p.satisfaction, at);
    if (this.nps !== null && p.nps !== null) this.nps.set(p.nps, at);
    this.n += p.n;
    const c = p.counts;
    this.missingCustomer += c.missingCustomer;
    this.missingTime += c.missingTime;
    this.missingStep += c.missingStep;
    this.skipped += c.skipped;
    this.unreadable += c.unreadable;
    this.unreadableExample ??= c.unreadableExample;
    c.kinds.forEach((k, i) => (this.kinds[i] += k));
    this.npsOut += c.npsOut;
    this.npsOutExample ??= c.npsOutExample;
  }
}

/** A number from s[a, b): integers by hand (the common case), anything else through Number(). NaN when empty. */
function readNumber(s: string, a: number, b: number): number {
  if (a === b) return Number.NaN;
  let i = a;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  }
  let v = 0;
  if (i === b || b - i > 15) return Number(s.slice(a, b));
  for (; i < b; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      const x = Number(s.slice(a, b));
      return Number.isNaN(x) ? readSpecial(s.slice(a, b)) : x;
    }
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** SQLite writes infinite REALs as Inf / -Inf. */
function readSpecial(t: string): number {
  if (t === 'Inf') return Number.POSITIVE_INFINITY;
  if (t === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

/** The SQL text of each selected field in order: customer, time, step, [channel], [satisfaction], [nps]. */
function fieldColumns(cols: JourneyColumns): StoredColumn[] {
  return [cols.customer, cols.time, cols.step, cols.channel, cols.satisfaction, cols.nps].filter((c): c is StoredColumn => c !== null);
}

/** _row bounds and row count of a table; null when it is empty. */
/**
 * The first and last _row, and the row count the dataset records (its rows are never deleted one by one). Two
 * lookups on the rowid, not a count(*) — that walked the whole table (0.8 s for 10M events) before the scan began.
 * Each block checks its own row count against its _row range (block-text.ts), so a table that does not match the
 * record still falls back to the row-by-row path.
 */
export function rowBounds(db: Db, ds: StoredDataset): { first: number; last: number; count: number } | null {
  const table = quoteIdent(ds.tableName);
  const first = db.prepare(`SELECT min(_row) FROM ${table}`).pluck().get() as number | null;
  const last = db.prepare(`SELECT max(_row) FROM ${table}`).pluck().get() as number | null;
  return first === null || last === null ? null : { first, last, count: ds.rows };
}

/**
 * Decode rows first..last (contiguous _row values) in blocks into `sink`. `onBlock` gets the rows done so far.
 * Throws FramingError when the data breaks the block framing.
 */
export function scanBlockRange(db: Db, ds: StoredDataset, cols: JourneyColumns, sink: EventSink, first: number, last: number, opts: ScanOptions, onBlock: (done: number) => void): void {
  const hasChannel = cols.channel !== null;
  const hasSat = cols.satisfaction !== null;
  const hasNps = cols.nps !== null;
  const customers = sink.customers;
  const steps = sink.steps;
  const channels = sink.channels;
  const tr: TimeRead = { ms: 0, kind: 0 };
  // One block's fields, parsed first; the customer ids are then coded for the whole block at once
  // (Codebook.codes: the lookups' cache misses overlap instead of queueing row after row).
  const ids = new IdBatch();
  let cap = 0;
  let times = new Float64Array(0);
  let kinds = new Uint8Array(0);
  let stepOf = new Int32Array(0);
  let channelOf = new Int32Array(0);
  let sats = new Float64Array(0);
  let npss = new Float64Array(0);
  const ensure = (count: number) => {
    ids.reset(count);
    if (count <= cap) return;
    cap = count;
    [times, sats, npss] = Array.from({ length: 3 }, () => new Float64Array(cap));
    [stepOf, channelOf] = [new Int32Array(cap), new Int32Array(cap)];
    kinds = new Uint8Array(cap);
  };
  const decode = (s: string, lo: number, count: number): number => {
    ensure(count);
    const L = s.length;
    let p = 0;
    for (let r = 0; r < count; r++) {
      // customer
      let a = p;
      let h = FNV_OFFSET;
      let blank = true;
      let c = 0;
      while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) {
        h = fnvStep(h, c);
        if (c > 32) blank = false;
        p++;
      }
      if (c !== FIELD || p === L) throw new FramingError('customer');
      ids.add(r, a, p, h, blank);
      // time
      a = ++p;
      while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
      if (c !== FIELD || p === L) throw new FramingError('time');
      let time = Number.NaN;
      if (p > a) {
        if (readStoredTime(s, a, p, tr)) time = tr.ms;
        else sink.unreadableTime(s, a, p);
      }
      times[r] = time;
      kinds[r] = tr.kind;
      // step (the last field when there is nothing else)
      a = ++p;
      h = FNV_OFFSET;
      blank = true;
      c = RECORD;
      while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) {
        h = fnvStep(h, c);
        if (c > 32) blank = false;
        p++;
      }
      stepOf[r] = blank ? -1 : steps.code(s, a, p, h);
      let channel = -1;
      let sat = Number.NaN;
      let nps = Number.NaN;
      if (hasChannel) {
        if (c !== FIELD || p === L) throw new FramingError('channel');
        a = ++p;
        h = FNV_OFFSET;
        blank = true;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) {
          h = fnvStep(h, c);
          if (c > 32) blank = false;
          p++;
        }
        channel = blank ? -1 : channels.code(s, a, p, h);
      }
      if (hasSat) {
        if (c !== FIELD || p === L) throw new FramingError('satisfaction');
        a = ++p;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
        sat = readNumber(s, a, p);
      }
      if (hasNps) {
        if (c !== FIELD || p === L) throw new FramingError('nps');
        a = ++p;
        c = RECORD;
        while (p < L && (c = s.charCodeAt(p)) !== FIELD && c !== RECORD) p++;
        nps = readNumber(s, a, p);
      }
      channelOf[r] = channel;
      sats[r] = sat;
      npss[r] = nps;
      // The record must end here: at a row separator, or at the end of the block with its last row.
      if (p < L) {
        if (c !== RECORD || r === count - 1) throw new FramingError('record end');
        p++;
      } else if (r !== count - 1) throw new FramingError('short block');
    }
    ids.resolve(customers, s);
    for (let r = 0; r < count; r++) sink.add(lo + r, ids.codeOf(r), times[r], kinds[r], stepOf[r], channelOf[r], sats[r], npss[r]);
    return p;
  };
  forEachBlock(db, ds, fieldColumns(cols), first, last, opts, decode, onBlock);
}

function scanRows(db: Db, ds: StoredDataset, cols: JourneyColumns, sink: EventSink, opts: ScanOptions): void {
  const fields = fieldColumns(cols);
  const select = ['_row', ...fields.map((c) => `CAST(${quoteIdent(c.sqlName)} AS TEXT)`)].join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).raw(true);
  const tr: TimeRead = { ms: 0, kind: 0 };
  const text = (book: Codebook, v: string | null): number => (v === null || isBlank(v) ? -1 : book.code(v, 0, v.length, hashRange(v, 0, v.length)));
  const num = (v: string | null): number => (v === null ? Number.NaN : readNumber(v, 0, v.length));
  let j = 4;
  const channelAt = cols.channel ? j++ : -1;
  const satAt = cols.satisfaction ? j++ : -1;
  const npsAt = cols.nps ? j++ : -1;
  let done = 0;
  for (const r of stmt.iterate() as IterableIterator<(string | number | null)[]>) {
    const t = r[2] as string | null;
    let time = Number.NaN;
    if (t !== null && t !== '') {
      if (readStoredTime(t, 0, t.length, tr)) time = tr.ms;
      else sink.unreadableTime(t, 0, t.length);
    }
    sink.add(
      Number(r[0]),
      text(sink.customers, r[1] as string | null),
      time,
      tr.kind,
      text(sink.steps, r[3] as string | null),
      channelAt < 0 ? -1 : text(sink.channels, r[channelAt] as string | null),
      satAt < 0 ? Number.NaN : num(r[satAt] as string | null),
      npsAt < 0 ? Number.NaN : num(r[npsAt] as string | null),
    );
    if ((++done & 0xffff) === 0) {
      if (opts.isCancelled?.()) throw new AppError('CANCELLED', 'Cancelled while loading the events.');
      opts.onProgress?.(done, ds.rows);
    }
  }
  opts.onProgress?.(done, done);
}

/** Boolean columns are stored as 1/0; show the labels the file used. */
function labelled(names: string[], col: StoredColumn | null): string[] {
  const labels = col?.booleanLabels;
  if (!labels) return names;
  return names.map((v) => (v === '1' ? labels.true : v === '0' ? labels.false : v));
}

export function scanEvents(db: Db, ds: StoredDataset, cols: JourneyColumns, opts: ScanOptions): ScannedEvents {
  let sink = new EventSink(ds.rows, cols, opts.precision);
  let path: ScannedEvents['path'] = opts.rowByRow ? 'rows' : 'blocks';
  const bounds = path === 'rows' ? null : rowBounds(db, ds);
  // Gaps in _row (never left by an import) would break the blocks' row numbering.
  if (bounds && bounds.last - bounds.first + 1 !== bounds.count) path = 'rows';
  if (bounds && path === 'blocks') {
    let helper: ScanHelper | null = null;
    try {
      const { first, last, count } = bounds;
      if (count >= (opts.helperMinRows ?? HELPER_MIN_ROWS)) helper = startScanHelper(db, ds, cols, opts, first + Math.floor(count / 2), last);
      const mineLast = helper ? helper.from - 1 : last;
      scanBlockRange(db, ds, cols, sink, first, mineLast, opts, (done) => opts.onProgress?.(done + (helper?.done() ?? 0), count));
      if (helper) {
        sink.append(helper.wait(() => opts.onProgress?.(mineLast - first + 1 + helper!.done(), count)));
        path = 'blocks+helper';
        opts.onProgress?.(count, count);
      }
    } catch (err) {
      if (!(err instanceof FramingError)) throw err;
      path = 'rows';
    } finally {
      helper?.stop();
    }
  }
  if (path === 'rows') {
    sink = new EventSink(ds.rows, cols, opts.precision);
    scanRows(db, ds, cols, sink, opts);
  }
  const n = sink.n;
  return {
    n,
    customer: sink.customer.subarray(0, n),
    time: sink.time.subarray(0, n),
    step: sink.step.subarray(0, n),
    channel: sink.channel?.subarray(0, n) ?? null,
    satisfaction: sink.satisfaction?.subarray(0, n) ?? null,
    nps: sink.nps?.subarray(0, n) ?? null,
    row: sink.row.subarray(0, n),
    customerIds: sink.customers.names,
    stepNames: labelled(sink.steps.names, cols.step),
    channelNames: labelled(sink.channels.names, cols.channel),
    missing: { customer: sink.missingCustomer, time: sink.missingTime, step: sink.missingStep },
    skipped: sink.skipped,
    unreadableTimes: { count: sink.unreadable, example: sink.unreadableExample },
    timeKinds: { date: sink.kinds[TIME_DATE], naive: sink.kinds[TIME_NAIVE], utc: sink.kinds[TIME_UTC] },
    npsOutOfRange: { count: sink.npsOut, example: sink.npsOutExample },
    path,
  };
}
