// First pass over the head of the file: encoding, delimiter, header names (with fixes), and per-column
// statistics over the first N rows. Shared by previewImport and runImport so both propose the same plan.
import type { FileEncoding, HeaderFix, ImportOptions } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { assertTextual, DEFAULT_CHUNK_BYTES, hasUtf8Bom, headIsUtf8, type OpenedFile, readHead } from './decode';
import { decideEncoding } from './encoding';
import { ColumnStats, isIdLikeHeader } from './infer-types';
import { streamRows } from './reader';
import { DELIMITERS, sniffDelimiter } from './sniff';

export interface FileShape {
  input: OpenedFile;
  encoding: FileEncoding;
  /** UTF-8 read with replacement characters, once the evidence said UTF-8 despite some bad bytes. */
  lenient: boolean;
  /** The analyst's choice, if any (kept when the whole file is weighed after a bad byte). */
  forcedEncoding: FileEncoding | undefined;
  /** The encoding decision and the lines it concerns, when there is something to report (encoding.ts). */
  encodingNote: string | null;
  delimiter: string;
  hasHeader: boolean;
  chunkBytes: number;
}

export function detectShape(input: OpenedFile, options: ImportOptions, chunkBytes = DEFAULT_CHUNK_BYTES): FileShape {
  if (input.size === 0) throw emptyFile(input.file);
  const head = readHead(input);
  assertTextual(head, input.file);
  const bom = hasUtf8Bom(head);
  // A head that is valid UTF-8 (the usual case) is assumed UTF-8 without reading further; a bad byte later on
  // stops the read and the whole file is weighed then (withEncodingRetry).
  const decision =
    options.encoding === 'windows-1252' || headIsUtf8(head, input.size > head.length)
      ? { encoding: options.encoding ?? (bom ? ('utf-8-bom' as const) : ('utf-8' as const)), lenient: false, note: null }
      : decideEncoding(input, bom, options.encoding);
  const encoding = decision.encoding;
  const headText = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(head);
  if (headText.trim().length === 0 && input.size === head.length) throw emptyFile(input.file);
  if (options.delimiter !== undefined && !(DELIMITERS as readonly string[]).includes(options.delimiter)) {
    throw new AppError('BAD_ARGUMENTS', `Unsupported delimiter ${JSON.stringify(options.delimiter)}; use one of , ; | or tab.`);
  }
  const delimiter = options.delimiter ?? sniffDelimiter(headText, input.size === head.length).delimiter;
  return {
    input,
    encoding,
    lenient: decision.lenient,
    forcedEncoding: options.encoding,
    encodingNote: decision.note,
    delimiter,
    hasHeader: options.hasHeader ?? true,
    chunkBytes,
  };
}

/**
 * Columns a dataset table can hold: SQLite's SQLITE_MAX_COLUMN is 2,000 in the bundled build (a table of 2,001
 * columns fails "too many columns"), and the table also has the _row key. Checked on the header, before the
 * workspace is touched.
 */
export const MAX_DATASET_COLUMNS = 1999;

function tooManyColumns(file: string, count: number): AppError {
  const fmt = (n: number) => n.toLocaleString('en-US');
  return new AppError(
    'TOO_MANY_COLUMNS',
    `${file} has ${fmt(count)} columns; a dataset can hold at most ${fmt(MAX_DATASET_COLUMNS)} (SQLite's limit is 2,000 columns per table, one of them the row key). Nothing was imported. Split the file into files of at most ${fmt(MAX_DATASET_COLUMNS)} columns, keeping the id column in each, and import them separately.`,
    { file, line: 1, columns: count, limit: MAX_DATASET_COLUMNS },
  );
}

export function emptyFile(file: string): AppError {
  return new AppError('EMPTY_FILE', `${file} is empty: there is nothing to import.`, { file, line: 1, column: 1 });
}

export interface Sample {
  /** Header cells as in the file ('' when blank); column_N names when the file has no header row. */
  originalNames: string[];
  names: string[];
  headerFixes: HeaderFix[];
  stats: ColumnStats[];
  /** First rows (raw text, aligned to the header) for display. */
  rows: string[][];
  sampledRows: number;
  warnings: string[];
  /** The whole file fit in the sample (so the plan is exact). */
  complete: boolean;
}

/** Blank headers become column_N, duplicates name_2, name_3 ...; each change is reported. */
export function fixHeaders(raw: string[]): { names: string[]; fixes: HeaderFix[] } {
  const names: string[] = [];
  const fixes: HeaderFix[] = [];
  const used = new Set<string>();
  const trimmed = raw.map((h) => h.trim());
  const all = new Set(trimmed);
  trimmed.forEach((h, i) => {
    let name = h;
    let reason: HeaderFix['reason'] | null = null;
    if (name === '') {
      name = `column_${i + 1}`;
      reason = 'blank';
    }
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`) || all.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
      reason ??= 'duplicate';
    }
    used.add(name);
    names.push(name);
    if (reason) fixes.push({ index: i, original: raw[i], name, reason });
  });
  return { names, fixes };
}

export function headerFixWarning(f: HeaderFix): string {
  return f.reason === 'blank'
    ? `Column ${f.index + 1} has no header; named it "${f.name}".`
    : `Header "${f.original.trim()}" appears more than once; column ${f.index + 1} was named "${f.name}".`;
}

export function readSample(shape: FileShape, sampleRows: number, previewRows: number): Sample {
  const { input } = shape;
  let header: string[] | null = null;
  let stats: ColumnStats[] = [];
  const rows: string[][] = [];
  const warnings: string[] = [];
  const ragged: number[] = [];
  let sampled = 0;
  const result = streamRows(
    { input, encoding: shape.encoding, delimiter: shape.delimiter, chunkBytes: shape.chunkBytes, lenient: shape.lenient },
    (fields, count, line) => {
      if (header === null) {
        if (count > MAX_DATASET_COLUMNS) throw tooManyColumns(input.file, count);
        header = shape.hasHeader ? fields.slice(0, count) : Array.from({ length: count }, () => '');
        stats = header.map((h) => new ColumnStats(shape.hasHeader && isIdLikeHeader(h)));
        if (shape.hasHeader) return true;
      }
      const width = header.length;
      if (count !== width && !(count > width && allEmpty(fields, width, count))) {
        // The preview tolerates ragged rows (the analyst decides fail/skip); the import itself enforces.
        ragged.push(line);
        return true;
      }
      for (let i = 0; i < width; i++) stats[i].add(fields[i], line);
      if (rows.length < previewRows) rows.push(fields.slice(0, width));
      return ++sampled < sampleRows;
    },
  );
  if (header === null) throw emptyFile(input.file);
  const headerCells: string[] = header;
  if (sampled === 0 && ragged.length === 0) {
    throw new AppError('NO_DATA_ROWS', `${input.file} has a header row but no data rows.`, { file: input.file, line: 2, column: 1 });
  }
  const raw = shape.hasHeader ? headerCells : headerCells.map((_, i) => `column_${i + 1}`);
  const { names, fixes } = fixHeaders(raw);
  for (const f of fixes) warnings.push(headerFixWarning(f));
  if (ragged.length > 0) {
    warnings.push(
      `${ragged.length} row(s) in the sample do not have ${headerCells.length} fields (line${ragged.length > 1 ? 's' : ''} ${ragged.slice(0, 20).join(', ')}${ragged.length > 20 ? ', …' : ''}). Importing will stop at the first one unless bad rows are skipped.`,
    );
  }
  if (result.parser.strayQuoteLines.length > 0) {
    warnings.push(`Text after a closing quote was kept as part of the value (line ${result.parser.strayQuoteLines.slice(0, 5).join(', ')}).`);
  }
  return {
    originalNames: shape.hasHeader ? headerCells.map((h) => h) : names.map(() => ''),
    names,
    headerFixes: fixes,
    stats,
    rows,
    sampledRows: sampled,
    warnings,
    complete: !result.parser.stopped,
  };
}

export function allEmpty(fields: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (fields[i].trim() !== '') return false;
  return true;
}

/**
 * Run `fn`; when it meets a byte that is not UTF-8 before the encoding was decided from evidence, weigh the whole
 * file (encoding.ts) and run it once more with the decision, which cannot fail on encoding again (UTF-8 with
 * replacements, or Windows-1252).
 */
export function withEncodingRetry<T>(shape: FileShape, fn: (s: FileShape) => T): { value: T; shape: FileShape; retried: boolean } {
  try {
    return { value: fn(shape), shape, retried: false };
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_ENCODING' && err.details?.decideEncoding === true && !shape.lenient) {
      const d = decideEncoding(shape.input, hasUtf8Bom(readHead(shape.input, 3)), shape.forcedEncoding);
      const decided: FileShape = { ...shape, encoding: d.encoding, lenient: d.lenient, encodingNote: d.note };
      return { value: fn(decided), shape: decided, retried: true };
    }
    throw err;
  }
}
