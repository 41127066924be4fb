// The block framing shared by the journey scan (event-scan.ts) and the cohorts scan (../monitor/cohorts/scan.ts):
// SQLite joins a block of rows into one string (`group_concat(concat_ws(…))`, fields split by U+001F, rows by
// U+001E), so JS receives one value per block; each scan decodes its own fields from the text. This file owns the
// block query, the walk over the blocks and the block-level framing checks (row count, trailing text).
import type { Statement } from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Db } from '../db';
import { quoteIdent, type StoredColumn, type StoredDataset } from '../datasets';
import { FramingError } from './framing-error';

export const DEFAULT_BLOCK_ROWS = 65_536;
/** U+001F between the fields of a row. */
export const FIELD = 31;
/** U+001E between rows. */
export const RECORD = 30;

/** Empty or only spaces/control characters: the same test the block path makes while it hashes. */
export function isBlank(v: string): boolean {
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 32) return false;
  return true;
}

/** One block's row count and text. A block too long for one string (huge cells) is read row by row instead. */
function blockText(block: Statement, lo: number, end: number): [number, string | null] {
  try {
    return block.get(lo, end) as [number, string | null];
  } catch (err) {
    const tooBig = (err as { code?: string }).code === 'SQLITE_TOOBIG' || err instanceof RangeError;
    if (tooBig) throw new FramingError('block too long for one string');
    throw err;
  }
}

/**
 * Walk rows first..last (contiguous _row values) of `fields` in blocks. `decode(s, lo, count)` reads the block's
 * `count` rows (the first is _row `lo`) from `s` and returns where it stopped, which must be the end of the text;
 * `onBlock` gets the rows done so far. Throws FramingError when the data breaks the block framing.
 */
export function forEachBlock(
  db: Db,
  ds: StoredDataset,
  fields: StoredColumn[],
  first: number,
  last: number,
  opts: { isCancelled?: () => boolean; blockRows?: number },
  decode: (s: string, lo: number, count: number) => number,
  onBlock: (done: number) => void,
): void {
  const concat = `concat_ws(char(31), ${fields.map((c) => `coalesce(${quoteIdent(c.sqlName)}, '')`).join(', ')})`;
  const block = db.prepare(`SELECT count(*), group_concat(${concat}, char(30)) FROM ${quoteIdent(ds.tableName)} WHERE _row >= ? AND _row < ?`).raw(true);
  const blockRows = opts.blockRows ?? DEFAULT_BLOCK_ROWS;
  let done = 0;
  for (let lo = first; lo <= last; lo += blockRows) {
    if (opts.isCancelled?.()) throw new AppError('CANCELLED', 'Cancelled while loading the events.');
    const end = Math.min(lo + blockRows, last + 1);
    const [count, s] = blockText(block, lo, end);
    if (count !== end - lo || s === null) throw new FramingError('block row count');
    if (decode(s, lo, count) !== s.length) throw new FramingError('trailing text');
    done += count;
    onBlock(done);
  }
}
