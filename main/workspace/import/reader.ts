// The read loop: chunks from decode.ts through the parser, carrying an incomplete last row over to the next
// chunk, and turning byte-level problems into errors that name the line they are on.
import type { FileEncoding } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { CsvParser, type RowSink } from './csv-parser';
import { chunkSource, type OpenedFile, RawByteProblem } from './decode';

export interface StreamSpec {
  input: OpenedFile;
  encoding: FileEncoding;
  delimiter: string;
  chunkBytes: number;
  /** UTF-8 with replacement characters (the encoding was decided from evidence, see encoding.ts). */
  lenient: boolean;
  /** After each chunk is parsed (progress, cancellation, tests that tamper with the file). */
  onChunk?: (bytesRead: number) => void;
  maxField?: number;
  /** Called with the parser before the first row (for callers that read its `starts`/`text`). */
  onStart?: (parser: CsvParser) => void;
}

export interface StreamResult {
  parser: CsvParser;
  bytesRead: number;
}

export function streamRows(spec: StreamSpec, sink: RowSink): StreamResult {
  const { input } = spec;
  const parser = new CsvParser(spec.delimiter, sink, input.file, spec.maxField);
  spec.onStart?.(parser);
  const src = chunkSource(input, spec.encoding, spec.chunkBytes, spec.lenient);
  let carry = '';
  for (;;) {
    let chunk: string | null;
    try {
      chunk = src.next();
    } catch (err) {
      if (err instanceof RawByteProblem) throw byteProblem(err, spec, parser.line + countLf(carry));
      throw err;
    }
    if (chunk === null) {
      parser.parse(carry, true);
      break;
    }
    const text = carry.length > 0 ? carry + chunk : chunk;
    const used = parser.parse(text, false);
    if (parser.stopped) break;
    carry = used < text.length ? text.slice(used) : '';
    spec.onChunk?.(src.bytesRead);
  }
  return { parser, bytesRead: src.bytesRead };
}

function countLf(s: string): number {
  let k = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) k++;
  return k;
}

function byteProblem(p: RawByteProblem, spec: StreamSpec, lineAtChunk: number): AppError {
  const file = spec.input.file;
  if (p.kind === 'nul') {
    let line = lineAtChunk;
    for (let i = p.bytes.indexOf(10); i !== -1 && i < p.at; i = p.bytes.indexOf(10, i + 1)) line++;
    return new AppError('BINARY_FILE', `${file}, line ${line}: the file contains binary data (a NUL byte); it is not a CSV/TSV text file.`, {
      file,
      line,
      column: 1,
    });
  }
  const loose = new TextDecoder('utf-8').decode(p.bytes);
  const bad = loose.indexOf('\uFFFD');
  const line = lineAtChunk + countLf(bad === -1 ? loose : loose.slice(0, bad));
  // Not shown when all goes well: withEncodingRetry catches it, weighs the whole file and reads it again.
  return new AppError(
    'BAD_ENCODING',
    `${file}, line ${line}: bytes that are not valid UTF-8. Choose the encoding (UTF-8 or Windows-1252) and import again.`,
    { file, line, decideEncoding: true },
  );
}
