// Any dataset of a workspace as CSV (`cxw export`): imported tables, and the ones analyses make (RFM tables,
// scores), so this is how results leave the app row by row. What is written:
// - the header is the dataset's column names, in its column order; personal columns are left out and listed with
//   the reason (dataset-csv-withheld.ts): no personal value and no pseudonym is ever written;
// - a missing value is an empty field;
// - numbers exactly: String(x), the shortest text that reads back as the same double (a real keeps full
//   precision: 0.30000000000000004, 1e-7, 1.5e+300); an integer column's values as integers (from 1e21 up, where
//   String switches to 1e+21, as their digits);
//   integers in a workspace are exact doubles by construction (import/numbers.ts), so nothing is lost. A
//   non-finite number (none is ever stored by the import) is written as missing, as the import would read it;
// - a yes/no column as the labels its file used ("Yes"/"No", "Y"/"N", kept as booleanLabels on import), so the
//   file reads like the one that came in and re-imports as the same yes/no column; without labels (a column an
//   analysis made) true/false;
// - dates and date-times as stored: ISO 8601 (2024-03-31, 2024-03-31T08:15:00), whatever format the file had;
// - text as stored, quoted per RFC 4180 when needed (quotes, commas, line breaks, leading/trailing spaces), and
//   defused against formula injection by the shared csvCell: a text starting with = + - @ gets a leading '
//   (the text "-2" becomes '-2; the number -2 stays -2). That ' is the one change a round trip shows.
// Lines end in CRLF (RFC 4180); UTF-8 without a byte-order mark, like the other CSV exports (a BOM would end up
// in the first column's name in pandas and R). Rows are read in blocks of EXPORT_BLOCK_ROWS by _row (keyset
// paging), so memory stays flat for any size and no statement stays open between blocks.
import type { BooleanLabels, CellValue } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { csvCell } from './csv-cell';
import { getDataset, quoteIdent, type StoredColumn } from './datasets';
import type { Db } from './db';
import { withheldColumns, type WithheldColumn } from './dataset-csv-withheld';

export const EXPORT_BLOCK_ROWS = 10_000;
const EOL = '\r\n';

export interface DatasetCsv {
  dataset: string;
  /** The columns written, in the dataset's order. */
  columns: string[];
  withheld: WithheldColumn[];
  /** The header then the rows, in chunks of about `chunkChars` characters; returns the number of data rows. */
  chunks: Generator<string, number>;
}

export interface DatasetCsvOptions {
  blockRows?: number;
  chunkChars?: number;
}

/**
 * A number as CSV: String(x), exact; non-finite as missing. In an integer column a value from 1e21 up (where String
 * writes 1e+21) is written as its digits; a real keeps String's form (1.5e+300), which reads back as itself.
 */
export function numberCell(x: number, integerColumn = false): string {
  if (!Number.isFinite(x)) return '';
  if (integerColumn && Number.isInteger(x) && Math.abs(x) >= 1e21) return BigInt(x).toString();
  return String(x);
}

function anyCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberCell(v);
  if (typeof v === 'string') return csvCell(v);
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return csvCell(v.toString('utf8'));
  return csvCell(String(v));
}

function booleanCell(labels: BooleanLabels): (v: unknown) => string {
  const yes = csvCell(labels.true);
  const no = csvCell(labels.false);
  return (v) => (v === 1 ? yes : v === 0 ? no : anyCell(v));
}

/**
 * Text cells of one column, memoised: category columns repeat a few values a million times, and the formula and
 * quoting checks then run once per distinct value. Free text stops being cached after MEMO_LIMIT values.
 */
const MEMO_LIMIT = 10_000;
function textCell(): (v: unknown) => string {
  const memo = new Map<string, string>();
  return (v) => {
    if (typeof v !== 'string') return anyCell(v);
    let cell = memo.get(v);
    if (cell === undefined) {
      cell = csvCell(v);
      if (memo.size < MEMO_LIMIT) memo.set(v, cell);
    }
    return cell;
  };
}

function integerCell(v: unknown): string {
  return typeof v === 'number' ? numberCell(v, true) : anyCell(v);
}

function cellWriter(col: StoredColumn): (v: unknown) => string {
  if (col.type === 'boolean') return booleanCell(col.booleanLabels ?? { true: 'true', false: 'false' });
  if (col.type === 'integer') return integerCell;
  return col.type === 'real' ? anyCell : textCell();
}

/**
 * Plan the export of dataset `name`: which columns go out, which are withheld and why. Throws before anything is
 * written when the dataset does not exist (listing the ones that do) or when every column is withheld.
 */
export function datasetCsvChunks(db: Db, name: string, opts: DatasetCsvOptions = {}): DatasetCsv {
  const ds = getDataset(db, name);
  const { kept, withheld } = withheldColumns(db, ds);
  if (kept.length === 0) {
    throw new AppError(
      'BAD_ARGUMENTS',
      `Every column of "${ds.name}" holds personal data (${withheld.map((w) => w.column).join(', ')}), and personal values never leave the app: there is nothing to export.`,
      { dataset: ds.name },
    );
  }
  const blockRows = Math.max(1, Math.floor(opts.blockRows ?? EXPORT_BLOCK_ROWS));
  const chunkChars = opts.chunkChars ?? 1 << 20;
  const writers = kept.map(cellWriter);
  const select = db
    .prepare(`SELECT _row, ${kept.map((c) => quoteIdent(c.sqlName)).join(', ')} FROM ${quoteIdent(ds.tableName)} WHERE _row > ? ORDER BY _row LIMIT ?`)
    .raw(true);
  function* chunks(): Generator<string, number> {
    let n = 0;
    let buf = kept.map((c) => csvCell(c.name)).join(',') + EOL;
    let after = -Infinity;
    for (;;) {
      const block = select.all(after, blockRows) as CellValue[][];
      for (const row of block) {
        let line = writers[0](row[1]);
        for (let j = 1; j < writers.length; j++) line += ',' + writers[j](row[j + 1]);
        buf += line + EOL;
        n++;
        if (buf.length > chunkChars) {
          yield buf;
          buf = '';
        }
      }
      if (block.length < blockRows) break;
      after = block[block.length - 1][0] as number;
    }
    yield buf;
    return n;
  }
  return { dataset: ds.name, columns: kept.map((c) => c.name), withheld, chunks: chunks() };
}
