// Text columns (categories, protected attributes, text decisions or labels, dates) as dictionary codes into levels
// sorted by code unit (−1 for missing): the one reader behind the segmentation data path (segments/columns.ts), NPS
// (its grouping and context columns, and date columns' distinct days) and the fairness audit.
// better-sqlite3 pays per row returned (a JS array per row, a string per cell): a one-column .pluck() scan costs
// ~0.4 s per million rows and column. Here SQLite joins a block of 65,536 rows into one string — fields split by
// U+001F, rows by U+001E, NULL written as U+001D — so JS receives one value per block and walks it with indexOf
// (1M rows: three columns in ~0.45 s instead of 1.1–1.8 s for three one-column scans).
// The block's own framing is checked (its row count, every row's field count, no value holding a separator, as many
// NULL marks as SQLite counts NULLs); when a value contains one of those characters the columns are read by plain
// one-column scans instead, which give the same codes.
import { AppError } from '../../shared/errors';
import type { Db } from './db';
import { quoteIdent, type StoredColumn, type StoredDataset } from './datasets';

export const BLOCK_ROWS = 65_536;
const FIELD = '\u001f';
const ROW = '\u001e';
const NULL = '\u001d';

export interface CodedText {
  codes: Int32Array;
  levels: string[];
}

export interface ReadProgress {
  isCancelled?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Codes handed out in first-seen order (one Map lookup per value), renumbered at the end into sorted levels. */
class LevelCoder {
  private readonly seen = new Map<string, number>();

  code(value: string): number {
    let c = this.seen.get(value);
    if (c === undefined) {
      c = this.seen.size;
      this.seen.set(value, c);
    }
    return c;
  }

  /** Levels sorted by code unit (deterministic on every machine; no locale); `first` is renumbered in place. */
  finish(first: Int32Array): CodedText {
    const levels = [...this.seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const remap = new Int32Array(levels.length);
    levels.forEach((l, k) => (remap[this.seen.get(l)!] = k));
    for (let i = 0; i < first.length; i++) if (first[i] >= 0) first[i] = remap[first[i]];
    return { codes: first, levels };
  }
}

/** Values already in memory → the same codes and levels the readers below give. */
export function encodeLevels(values: (string | null)[]): CodedText {
  const coder = new LevelCoder();
  const first = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    first[i] = v === null ? -1 : coder.code(v);
  }
  return coder.finish(first);
}

const cancelled = () => new AppError('CANCELLED', 'Cancelled while loading the data.');
const tooMany = (ds: StoredDataset) => new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has more rows than its metadata records (${ds.rows}).`);
const tooFew = (ds: StoredDataset, i: number) => new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has ${i} rows but its metadata records ${ds.rows}.`);

class Framing extends Error {}

function blockScan(db: Db, ds: StoredDataset, cols: StoredColumn[], progress: ReadProgress, blockRows: number): CodedText[] {
  const k = cols.length;
  const n = ds.rows;
  const fields = cols.map((c) => `ifnull(CAST(${quoteIdent(c.sqlName)} AS TEXT), char(29))`).join(', ');
  const inner = cols.map((c) => quoteIdent(c.sqlName)).join(', ');
  // count(col) per column: a value that is exactly U+001D looks like a NULL mark, so the marks are counted against it.
  const nonNull = cols.map((c) => `count(${quoteIdent(c.sqlName)})`).join(', ');
  const stmt = db
    .prepare(
      `SELECT count(*), max(_row), ${nonNull}, group_concat(${k === 1 ? fields : `concat_ws(char(31), ${fields})`}, char(30)) FROM (SELECT _row, ${inner} FROM ${quoteIdent(ds.tableName)} WHERE _row > ? ORDER BY _row LIMIT ${blockRows})`,
    )
    .raw(true);
  const codes = cols.map(() => new Int32Array(n));
  const coders = cols.map(() => new LevelCoder());
  const nullMarks = new Array<number>(k).fill(0);
  const nulls = new Array<number>(k).fill(0);
  let i = 0;
  let last = Number.MIN_SAFE_INTEGER;
  while (i < n) {
    const got = stmt.get(last) as (number | string | null)[];
    const count = got[0] as number;
    const maxRow = got[1] as number | null;
    const text = got[k + 2] as string | null;
    if (count === 0 || maxRow === null || text === null) break;
    if (i + count > n) throw tooMany(ds);
    for (let j = 0; j < k; j++) nulls[j] += count - (got[j + 2] as number);
    let at = 0;
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < k; j++) {
        const endOfRow = j === k - 1;
        const stop = endOfRow ? (r === count - 1 ? text.length : text.indexOf(ROW, at)) : text.indexOf(FIELD, at);
        if (stop < 0) throw new Framing();
        const value = text.slice(at, stop);
        // A separator inside the field means a value held one of our separators: the framing cannot be trusted.
        if (value.includes(FIELD) || value.includes(ROW)) throw new Framing();
        if (value === NULL) {
          codes[j][i] = -1;
          nullMarks[j]++;
        } else {
          if (value.includes(NULL)) throw new Framing();
          codes[j][i] = coders[j].code(value);
        }
        at = stop + 1;
      }
      i++;
    }
    if (at !== text.length + 1) throw new Framing();
    last = maxRow;
    if (progress.isCancelled?.()) throw cancelled();
    progress.onProgress?.(i, n);
  }
  if (i !== n) throw tooFew(ds, i);
  for (let j = 0; j < k; j++) if (nullMarks[j] !== nulls[j]) throw new Framing();
  return codes.map((c, j) => coders[j].finish(c));
}

/** The plain one-column scan: one value per row from better-sqlite3 (the fallback, and the reference in tests). */
export function scanTextCodes(db: Db, ds: StoredDataset, col: StoredColumn, progress: ReadProgress): CodedText {
  const stmt = db.prepare(`SELECT ${quoteIdent(col.sqlName)} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).pluck();
  const coder = new LevelCoder();
  const first = new Int32Array(ds.rows);
  let i = 0;
  for (const v of stmt.iterate()) {
    if (i >= ds.rows) throw tooMany(ds);
    first[i] = v === null ? -1 : coder.code(typeof v === 'string' ? v : String(v));
    i++;
    if ((i & 0xffff) === 0) {
      if (progress.isCancelled?.()) throw cancelled();
      progress.onProgress?.(i, ds.rows);
    }
  }
  if (i !== ds.rows) throw tooFew(ds, i);
  return coder.finish(first);
}

/** The columns' codes in ascending _row order (the order of every other loader), read together in blocks. */
export function readTextCodes(db: Db, ds: StoredDataset, cols: StoredColumn[], progress: ReadProgress = {}, blockRows = BLOCK_ROWS): CodedText[] {
  if (cols.length === 0) return [];
  try {
    return blockScan(db, ds, cols, progress, blockRows);
  } catch (err) {
    if (!(err instanceof Framing)) throw err;
    return cols.map((c) => scanTextCodes(db, ds, c, progress));
  }
}
