// Text columns (protected attributes, categories, a text decision or label) as dictionary codes, several at once.
// better-sqlite3 pays per row returned (a JS array per row, a string per cell): a one-column .pluck() scan costs
// ~0.4 s per million rows and column. Here SQLite joins a block of 65,536 rows into one string — fields split by
// U+001F, rows by U+001E, NULL written as U+001D — so JS receives one value per block and walks it with indexOf.
// The block's own framing is checked (its row count, every row's field count, no value holding a separator); when
// a value contains one of those characters the columns are read by the plain one-column scans instead, which give
// the same codes. Levels are sorted by code unit, as segments/columns.ts encodeLevels and nps-columns readCoded do.
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { readCoded, type LoadProgress } from '../nps/nps-columns';

export const BLOCK_ROWS = 65_536;
const FIELD = '\u001f';
const ROW = '\u001e';
const NULL = '\u001d';

export interface CodedText {
  codes: Int32Array;
  levels: string[];
}

class Framing extends Error {}

/** Codes in first-seen order, then renumbered so levels sort by code unit. */
function finish(first: Int32Array, seen: Map<string, number>): CodedText {
  const levels = [...seen.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const remap = new Int32Array(levels.length);
  levels.forEach((l, k) => (remap[seen.get(l)!] = k));
  for (let i = 0; i < first.length; i++) if (first[i] >= 0) first[i] = remap[first[i]];
  return { codes: first, levels };
}

function blockScan(db: Db, ds: StoredDataset, cols: StoredColumn[], ctx: LoadProgress, blockRows: number): CodedText[] {
  const k = cols.length;
  const n = ds.rows;
  const fields = cols.map((c) => `ifnull(CAST(${quoteIdent(c.sqlName)} AS TEXT), char(29))`).join(', ');
  const inner = cols.map((c) => quoteIdent(c.sqlName)).join(', ');
  const stmt = db
    .prepare(
      `SELECT count(*), max(_row), group_concat(${k === 1 ? fields : `concat_ws(char(31), ${fields})`}, char(30)) FROM (SELECT _row, ${inner} FROM ${quoteIdent(ds.tableName)} WHERE _row > ? ORDER BY _row LIMIT ${blockRows})`,
    )
    .raw(true);
  const codes = cols.map(() => new Int32Array(n));
  const seen = cols.map(() => new Map<string, number>());
  let i = 0;
  let last = Number.MIN_SAFE_INTEGER;
  while (i < n) {
    const [count, maxRow, text] = stmt.get(last) as [number, number | null, string | null];
    if (count === 0 || maxRow === null || text === null) break;
    if (i + count > n) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has more rows than its metadata records (${n}).`);
    let at = 0;
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < k; j++) {
        const endOfRow = j === k - 1;
        const stop = endOfRow ? (r === count - 1 ? text.length : text.indexOf(ROW, at)) : text.indexOf(FIELD, at);
        if (stop < 0) throw new Framing();
        const value = text.slice(at, stop);
        // A separator inside the field means a value held one of our separators: the framing cannot be trusted.
        if (value.includes(FIELD) || value.includes(ROW)) throw new Framing();
        if (value === NULL) codes[j][i] = -1;
        else {
          if (value.includes(NULL)) throw new Framing();
          const map = seen[j];
          let c = map.get(value);
          if (c === undefined) {
            c = map.size;
            map.set(value, c);
          }
          codes[j][i] = c;
        }
        at = stop + 1;
      }
      i++;
    }
    if (at !== text.length + 1) throw new Framing();
    last = maxRow;
    if (ctx.isCancelled()) throw new AppError('CANCELLED', 'Cancelled while loading the data.');
    ctx.onProgress({ phase: 'load', done: i, total: n });
  }
  if (i !== n) throw new AppError('WORKSPACE_CORRUPT', `Dataset "${ds.name}" has ${i} rows but its metadata records ${n}.`);
  return codes.map((c, j) => finish(c, seen[j]));
}

/** The columns' codes in ascending _row order (the order of every other loader). */
export function readTextColumns(db: Db, ds: StoredDataset, cols: StoredColumn[], ctx: LoadProgress, blockRows = BLOCK_ROWS): CodedText[] {
  if (cols.length === 0) return [];
  try {
    return blockScan(db, ds, cols, ctx, blockRows);
  } catch (err) {
    if (!(err instanceof Framing)) throw err;
    return cols.map((c) => readCoded(db, ds, c, ctx));
  }
}
