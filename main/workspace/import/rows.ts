// The per-row part of the commit path, shared by the in-thread import and the parse worker (pipeline.ts) so
// both read, check and convert every row with the very same code: header skip, ragged rows (fail or skip),
// trailing empty fields, and one Converter per stored column.
import { AppError } from '../../../shared/errors';
import type { Converter } from './convert';
import type { PendingToken } from './pii';
import type { CsvParser } from './csv-parser';
import type { OpenedFile } from './decode';
import { streamRows } from './reader';
import { allEmpty } from './sample';
import type { FileEncoding } from '../../../shared/domain';

export type CellValue = string | number | Buffer | null;
/** A converted cell: a value, or a pseudonymisation token still being computed (only with a batch, pii.ts). */
export type ConvertedValue = CellValue | PendingToken;

/** Everything needed to re-read the file the way the sample did (plain data: it crosses to the parse worker). */
export interface RowSpec {
  input: OpenedFile;
  encoding: FileEncoding;
  delimiter: string;
  chunkBytes: number;
  lenient: boolean;
  hasHeader: boolean;
  /** Fields per row, as in the header. */
  width: number;
  onBadRow: 'fail' | 'skip';
}

export interface RowCounts {
  rows: number;
  rejected: number;
  /** The first 20 skipped lines. */
  rejectedLines: number[];
  trailingEmpty: number;
}

export interface RowHandlers {
  /**
   * One converted row: `values[0..converters.length)`, valid until the next call; `fields` are the row's raw
   * fields and `parser` the parser they come from (its `starts` and `text`).
   */
  row(values: ConvertedValue[], fields: string[], parser: CsvParser): void;
  /** After each chunk (bytes read so far): progress, cancellation, flushing a batch to the SQLite thread. */
  chunk(bytesRead: number): void;
}

export function convertRows(spec: RowSpec, converters: Converter[], h: RowHandlers): RowCounts {
  const file = spec.input.file;
  const ncols = converters.length;
  const width = spec.width;
  const values: ConvertedValue[] = new Array<ConvertedValue>(ncols).fill(null);
  const counts: RowCounts = { rows: 0, rejected: 0, rejectedLines: [], trailingEmpty: 0 };
  let headerSeen = !spec.hasHeader;
  let parser: CsvParser | null = null;
  streamRows(
    {
      input: spec.input,
      encoding: spec.encoding,
      delimiter: spec.delimiter,
      chunkBytes: spec.chunkBytes,
      lenient: spec.lenient,
      onChunk: (done) => h.chunk(done),
      onStart: (p) => (parser = p),
    },
    (fields, count, line) => {
      if (!headerSeen) {
        headerSeen = true;
        return true;
      }
      if (count !== width) {
        if (count > width && allEmpty(fields, width, count)) counts.trailingEmpty++;
        else if (spec.onBadRow === 'skip') {
          counts.rejected++;
          if (counts.rejectedLines.length < 20) counts.rejectedLines.push(line);
          return true;
        } else throw raggedRow(file, line, width, count, spec.delimiter);
      }
      for (let i = 0; i < ncols; i++) {
        const cv = converters[i];
        values[i] = cv.convert(fields[cv.source], line);
      }
      counts.rows++;
      h.row(values, fields, parser as CsvParser);
      return true;
    },
  );
  return counts;
}

function raggedRow(file: string, line: number, expected: number, found: number, delimiter: string): AppError {
  const d = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  const hint =
    found > expected
      ? `A value probably contains the delimiter (${d}) without being enclosed in double quotes; quote that value.`
      : 'A value may be missing, or a line break splits the row; check that line.';
  return new AppError(
    'RAGGED_ROW',
    `${file}, line ${line}: expected ${expected} fields (as in the header) but found ${found}. ${hint} Or choose "skip bad rows" to import without it.`,
    { file, line, column: Math.min(expected, found) + 1, expected, found },
  );
}
