// The typed column cache (segments/columns.ts) filled during the import itself: the converted values pass through
// here on their way into SQLite, so keeping them costs a store per cell, while decoding them back out of the dataset
// table later (the first segmentation's load) takes ~0.7 s for 1M × 10. Kept:
// - numeric columns, as doubles;
// - date and datetime columns, as epoch milliseconds read from the stored text (journeys/stored-time.ts, the cohorts
//   scan's own reader) at timeCachePosition, when every value is the same kind of time (all dates, all naive, or all
//   UTC): the first cohort analysis of a 10M-event log then reads no times from the table at all;
// - text columns of at most MAX_IMPORT_LEVELS distinct values, as their codes and sorted levels — the very entry the
//   shared text reader (text-codes.ts) would write —, so the first drift, segmentation or audit after an import
//   decodes no categories from the table; a column with more levels (ids, names, free text) is let go as soon as it
//   passes the limit.
// All within CACHE_MAX_BYTES (row ids included), so a very large import does not hold an unbounded second copy of its
// values in memory: a byte budget over the columns still kept, not a row cap, so an event log of 10M rows with a time
// and two numbers (280 MB) is cached. When the rows outgrow it, the text codes are let go first, then everything.
import type { ColumnType } from '../../../shared/domain';
import type { Db } from '../db';
import type { StoredDataset } from '../datasets';
import { readStoredTime, type TimeRead } from '../journeys/stored-time';
import { ROWS_POSITION, saveColumnCache, timeCachePosition, type FreshColumn } from '../segments/columns';
import { LevelCoder } from '../text-codes';
import type { CellValue } from './rows';

/** 384 MiB: an event log of 10M rows with a time and two numbers (280 MB) fits; a 1M-row import stays far below. */
export const CACHE_MAX_BYTES = 384 * 1024 * 1024;
const isNumericType = (t: ColumnType) => t === 'integer' || t === 'real' || t === 'boolean';
const isTimeType = (t: ColumnType) => t === 'date' || t === 'datetime';

/** Distinct values up to which a text column is kept as codes (categories; not ids or free text). */
export const MAX_IMPORT_LEVELS = 1000;

/**
 * Rows the cache keeps within `budget` bytes while every column is kept: 8 bytes per number or time, 4 per text code
 * and per row id ('rows').
 */
export function cacheRowBudget(types: ColumnType[], budget = CACHE_MAX_BYTES): number {
  const bytes = types.reduce((sum, t) => sum + (isNumericType(t) || isTimeType(t) ? 8 : t === 'text' ? 4 : 0), 4);
  return Math.floor(budget / bytes);
}

export class ImportColumnCache {
  private readonly ncols: number;
  /**
   * One growing array per numeric, time or text column (null for the others, or once a value that does not fit
   * arrived); a text column's holds first-seen codes (−1: missing).
   */
  private values: (Float64Array | Int32Array | null)[];
  /** Per text column: its coder (null for the others, or once the column was let go). */
  private coders: (LevelCoder | null)[];
  /** Per column: a time column (epoch ms of its stored text)? */
  private readonly isTime: boolean[];
  /** Per time column: the one kind of time its values were so far (stored-time.ts; 0 before the first). */
  private readonly timeKind: number[];
  private readonly read: TimeRead = { ms: 0, kind: 0 };
  private capacity: number;
  private col = 0;
  private row = 0;
  private enabled = true;

  /**
   * `maxRows` (tests): a row cap instead of the byte budget; `budgetBytes` (tests): another budget than
   * CACHE_MAX_BYTES.
   */
  constructor(
    types: ColumnType[],
    private readonly maxRows?: number,
    private readonly budgetBytes = CACHE_MAX_BYTES,
  ) {
    this.ncols = types.length;
    this.capacity = Math.min(1 << 16, maxRows ?? cacheRowBudget(types, budgetBytes));
    this.values = types.map((t) => (isNumericType(t) || isTimeType(t) ? new Float64Array(this.capacity) : t === 'text' ? new Int32Array(this.capacity) : null));
    this.coders = types.map((t) => (t === 'text' ? new LevelCoder() : null));
    this.isTime = types.map(isTimeType);
    this.timeKind = types.map(() => 0);
    if (!this.values.some((v) => v !== null)) this.enabled = false;
  }

  /** The next cell in row-major order, exactly as it is inserted. */
  cell(v: CellValue): void {
    if (this.enabled) {
      if (this.values[this.col] !== null && this.row === this.capacity) this.grow();
      const a = this.values[this.col]; // re-read: grow() replaced the arrays, or dropped them past maxRows
      if (a !== null) {
        if (this.coders[this.col] !== null) this.code(a as Int32Array, v);
        else if (v === null) a[this.row] = Number.NaN;
        else if (this.isTime[this.col]) this.time(a as Float64Array, v);
        // SQLite stores −0 as 0 (an integer-valued REAL), and the cache must equal what a read returns.
        else if (typeof v === 'number') a[this.row] = v === 0 ? 0 : v;
        else this.values[this.col] = null; // a misfit kept as text: this column will be widened to text
      }
    }
    if (++this.col === this.ncols) {
      this.col = 0;
      this.row++;
    }
  }

  /** A time column's stored text as epoch ms; a misfit (widened to text later) or a second kind of time drops it. */
  private time(a: Float64Array, v: CellValue): void {
    const r = this.read;
    const kind = this.timeKind[this.col];
    if (typeof v === 'string' && readStoredTime(v, 0, v.length, r) && (kind === 0 || kind === r.kind)) {
      a[this.row] = r.ms;
      this.timeKind[this.col] = r.kind;
    } else this.values[this.col] = null;
  }

  /** A text value's first-seen code; a column past MAX_IMPORT_LEVELS (or holding a non-text value) is let go. */
  private code(a: Int32Array, v: CellValue): void {
    const coder = this.coders[this.col] as LevelCoder;
    if (v === null) a[this.row] = -1;
    else if (typeof v === 'string' && (coder.size < MAX_IMPORT_LEVELS || coder.has(v))) a[this.row] = coder.code(v);
    else {
      this.values[this.col] = null;
      this.coders[this.col] = null;
    }
  }

  /**
   * The row count the file will probably hold (its size over the bytes per row read so far), so the arrays are
   * made once at about their final size: growing by doubling from 64k rows allocated and copied ~3× the final
   * memory, fresh pages each time (~10% of the 1M-row import's page faults). A short guess grows as before.
   */
  expect(rows: number): void {
    if (!this.enabled) return;
    const guess = Math.ceil(rows * 1.05);
    if (guess > this.rowBudget()) this.dropCodes();
    const want = Math.min(guess, this.rowBudget());
    if (want > this.capacity) this.resize(want);
  }

  private grow(): void {
    if (this.capacity >= this.rowBudget()) this.dropCodes();
    const budget = this.rowBudget();
    if (this.capacity >= budget) {
      this.enabled = false;
      this.values = this.values.map(() => null);
      this.coders = this.coders.map(() => null);
      return;
    }
    this.resize(Math.min(this.capacity * 2, budget));
  }

  /** Rows the columns still kept fit in (the test cap when one was given). */
  private rowBudget(): number {
    if (this.maxRows !== undefined) return this.maxRows;
    let bytes = 4;
    for (const a of this.values) if (a !== null) bytes += a.BYTES_PER_ELEMENT;
    return Math.floor(this.budgetBytes / bytes);
  }

  /** Let the text codes go (the first analysis decodes those columns instead), keeping numbers and times. */
  private dropCodes(): void {
    this.coders.forEach((coder, i) => {
      if (coder === null) return;
      this.coders[i] = null;
      this.values[i] = null;
    });
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    this.values = this.values.map((a) => {
      if (a === null) return null;
      const b = a instanceof Int32Array ? new Int32Array(this.capacity) : new Float64Array(this.capacity);
      b.set(a);
      return b;
    });
  }

  /**
   * Write the cache for the imported dataset (as stored, with its final row count; inside the import's
   * transaction), for the columns whose final type is still numeric, or still a date or datetime. Rows got _row
   * 1..rows in insertion order.
   */
  save(db: Db, ds: StoredDataset, finalTypes: ColumnType[]): void {
    const rows = ds.rows;
    if (!this.enabled || rows !== this.row || rows === 0) return;
    const fresh: FreshColumn[] = [];
    for (const [i, a] of this.values.entries()) {
      if (a === null) continue;
      // Views of the first `rows` values, not copies: SQLite copies the bytes into its pages anyway.
      const data = Buffer.from(a.buffer, a.byteOffset, rows * a.BYTES_PER_ELEMENT);
      const coder = this.coders[i];
      if (coder !== null) {
        // Renumbered in place into the sorted levels' codes, as the text reader's entries are.
        if (finalTypes[i] === 'text') fresh.push({ position: ds.columns[i].index, kind: 'codes', data, levels: coder.finish(a.subarray(0, rows) as Int32Array).levels });
      } else if (this.isTime[i]) {
        if (isTimeType(finalTypes[i])) fresh.push({ position: timeCachePosition(ds.columns[i].index), kind: 'ms', data, levels: [String(this.timeKind[i])] });
      } else if (isNumericType(finalTypes[i])) fresh.push({ position: ds.columns[i].index, kind: 'f64', data, levels: null });
    }
    if (fresh.length === 0) return;
    const ids = new Int32Array(rows);
    for (let r = 0; r < rows; r++) ids[r] = r + 1;
    fresh.unshift({ position: ROWS_POSITION, kind: 'rows', data: Buffer.from(ids.buffer), levels: null });
    saveColumnCache(db, ds, fresh);
  }
}
