// Text columns (categories, protected attributes, text decisions or labels, dates) as dictionary codes into levels
// sorted by code unit (−1 for missing): the one reader behind the segmentation data path (segments/columns.ts), NPS
// (its grouping and context columns, and date columns' distinct days) and the fairness audit.
// better-sqlite3 pays per row returned (a JS array per row, a string per cell): a one-column .pluck() scan costs
// ~0.4 s per million rows and column. Here SQLite joins a block of 65,536 rows into one string — fields split by
// U+001F, rows by U+001E, NULL written as U+001D — so JS receives one value per block and walks it with indexOf
// (1M rows: one column in ~0.12 s, three in ~0.31 s, against ~0.3 s per column for one-column scans).
// The block's own framing is checked (every row's field and row separators where they belong, as many NULL marks as
// SQLite counts NULLs); when a value holds a separator or is exactly the NULL mark the columns are read by plain
// one-column scans instead, which give the same codes.
import { AppError } from '../../shared/errors';
import type { Statement } from 'better-sqlite3';
import type { Db } from './db';
import { quoteIdent, type StoredColumn, type StoredDataset } from './datasets';
import { ownCopy } from './own-string';

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

/**
 * Codes handed out in first-seen order (one Map lookup per value), renumbered at the end into sorted levels. Also
 * the import's, which codes text columns as it inserts them (import/column-cache.ts), so both give the same entry.
 */
export class LevelCoder {
  private readonly seen = new Map<string, number>();

  get size(): number {
    return this.seen.size;
  }

  has(value: string): boolean {
    return this.seen.has(value);
  }

  code(value: string): number {
    let c = this.seen.get(value);
    if (c === undefined) {
      c = this.seen.size;
      // Values are slices of a block or an import chunk: a level must not keep that alive (own-string.ts).
      this.seen.set(ownCopy(value), c);
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

class Framing extends Error {}

/**
 * One block's text → codes for rows i0.. of each column; NULL marks counted per column in `marks`. Every separator
 * is found once, in order: a row ends at the next ROW, its k − 1 fields at the next FIELDs, which must all lie
 * before that ROW, and the next FIELD must lie after it. A value holding a separator breaks that (or, in the
 * block's last row, which runs to the end of the text, leaves a ROW in it): Framing.
 */
function walkBlock(text: string, count: number, i0: number, codes: Int32Array[], coders: LevelCoder[], marks: number[]): void {
  const k = codes.length;
  let at = 0;
  let nextField = k > 1 ? text.indexOf(FIELD) : -1;
  for (let r = 0; r < count; r++) {
    const lastRow = r === count - 1;
    if (lastRow && text.indexOf(ROW, at) >= 0) throw new Framing();
    const rowEnd = lastRow ? text.length : text.indexOf(ROW, at);
    if (rowEnd < 0) throw new Framing();
    for (let j = 0; j < k; j++) {
      let stop = rowEnd;
      if (j < k - 1) {
        stop = nextField;
        if (stop < 0 || stop > rowEnd) throw new Framing();
        nextField = text.indexOf(FIELD, stop + 1);
      } else if (nextField >= 0 && nextField < rowEnd) throw new Framing();
      const value = text.slice(at, stop);
      if (value === NULL) {
        codes[j][i0 + r] = -1;
        marks[j]++;
      } else codes[j][i0 + r] = coders[j].code(value);
      at = stop + 1;
    }
  }
}

/** One block's count(*), count(col) per column and joined text; a block too long for one string is a Framing. */
function blockText(stmt: Statement, lo: number, end: number): (number | string | null)[] {
  try {
    return stmt.get(lo, end) as (number | string | null)[];
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_TOOBIG' || err instanceof RangeError) throw new Framing();
    throw err;
  }
}

/**
 * Blocks are _row ranges: an imported table's _row values run without gaps (nothing deletes rows), and a rowid
 * range is aggregated in _row order (the journey scan relies on it too) without the subquery and sort an
 * ORDER BY … LIMIT block costs (1M rows × three columns: ~0.17 s of SQLite instead of ~0.24 s). A table with gaps
 * is read by the plain scans.
 */
function blockScan(db: Db, ds: StoredDataset, cols: StoredColumn[], progress: ReadProgress, blockRows: number): CodedText[] {
  const k = cols.length;
  const n = ds.rows;
  const table = quoteIdent(ds.tableName);
  // Two subqueries: each is a single rowid lookup, where min() and max() in one SELECT would scan the table.
  const [first, last] = db.prepare(`SELECT (SELECT min(_row) FROM ${table}), (SELECT max(_row) FROM ${table})`).raw(true).get() as [number | null, number | null];
  if (first === null || last === null || last - first + 1 !== n) throw new Framing();
  // No CAST: group_concat and concat_ws take each value's text as CAST(… AS TEXT) would.
  const fields = cols.map((c) => `ifnull(${quoteIdent(c.sqlName)}, char(29))`).join(', ');
  // count(col) per column: a value that is exactly U+001D reads as a NULL mark, so the marks are checked against it
  // (values merely holding U+001D read correctly).
  const nonNull = cols.map((c) => `count(${quoteIdent(c.sqlName)})`).join(', ');
  const stmt = db
    .prepare(`SELECT count(*), ${nonNull}, group_concat(${k === 1 ? fields : `concat_ws(char(31), ${fields})`}, char(30)) FROM ${table} WHERE _row >= ? AND _row < ?`)
    .raw(true);
  const codes = cols.map(() => new Int32Array(n));
  const coders = cols.map(() => new LevelCoder());
  const marks = new Array<number>(k).fill(0);
  const nulls = new Array<number>(k).fill(0);
  for (let lo = first; lo <= last; lo += blockRows) {
    const end = Math.min(lo + blockRows, last + 1);
    const got = blockText(stmt, lo, end);
    const count = got[0] as number;
    const text = got[k + 1] as string | null;
    // Fewer rows than the range holds: the metadata's row count is off, which the plain scan reports.
    if (count !== end - lo || text === null) throw new Framing();
    for (let j = 0; j < k; j++) nulls[j] += count - (got[j + 1] as number);
    walkBlock(text, count, lo - first, codes, coders, marks);
    if (progress.isCancelled?.()) throw cancelled();
    progress.onProgress?.(end - first, n);
  }
  for (let j = 0; j < k; j++) if (marks[j] !== nulls[j]) throw new Framing();
  return codes.map((c, j) => coders[j].finish(c));
}

/** The plain one-column scan: one value per row from better-sqlite3 (the fallback, and the reference in tests). */
export function scanTextCodes(db: Db, ds: StoredDataset, col: StoredColumn, progress: ReadProgress): CodedText {
  const stmt = db.prepare(`SELECT ${quoteIdent(col.sqlName)} FROM ${quoteIdent(ds.tableName)} ORDER BY _row`).pluck();
  const coder = new LevelCoder();
  const first = new Int32Array(ds.rows);
  let i = 0;
  for (const v of stmt.iterate()) {
    if (i >= ds.rows) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has more rows than its metadata records (${ds.rows}).`);
    first[i] = v === null ? -1 : coder.code(typeof v === 'string' ? v : String(v));
    i++;
    if ((i & 0xffff) === 0) {
      if (progress.isCancelled?.()) throw cancelled();
      progress.onProgress?.(i, ds.rows);
    }
  }
  if (i !== ds.rows) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has ${i} rows but its metadata records ${ds.rows}.`);
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
