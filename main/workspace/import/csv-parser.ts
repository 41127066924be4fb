// RFC 4180 parser (quotes, "" escapes, line breaks inside quotes, CRLF/LF/CR, no trailing newline).
//
// Why hand-written instead of papaparse: measured on the 1M-row benchmark file, papaparse's string parser
// allocates a row array per row plus its result objects and cannot tell us the physical line a row started on
// (we need it for every error message). This state machine works on the decoded chunk string with charCodeAt
// and native indexOf to find delimiters, line breaks and closing quotes, reuses one fields array for every row, and tracks physical lines
// (including breaks inside quotes) for free. See tests/bench/import-bench.mjs for the numbers.
import { AppError } from '../../../shared/errors';

/** Called once per complete row. `fields[0..count)` are valid until the next call; return false to stop. */
export type RowSink = (fields: string[], count: number, line: number) => boolean | void;

export const MAX_FIELD_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  /** Physical line (1-based) where the next unparsed row starts. */
  line = 1;
  stopped = false;
  /** Quoted fields followed by stray text before the delimiter, e.g. `"abc"def` (read as `abcdef`). */
  strayQuoteLines: number[] = [];
  private readonly fields: string[] = [];
  /**
   * Where each field of the current row starts in `text` when it is a plain slice of it (unquoted, or quoted
   * without "" escapes and stray text), else -1. Lets the parse worker ship values as offsets into the chunk
   * it already has instead of copying them (see batch.ts).
   */
  readonly starts: number[] = [];
  /** The string the current rows come from (the argument of the running parse call). */
  text = '';
  private readonly delim: number;
  private readonly delimChar: string;
  /** Line-break char code (LF or CR), detected on the first chunk; 0 = not yet known. */
  private nl = 0;

  constructor(
    delimiter: string,
    private readonly sink: RowSink,
    private readonly file: string,
    private readonly maxField = MAX_FIELD_CHARS,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.delimChar = delimiter;
  }

  /**
   * Parse every complete row in `s`. Returns the index where an incomplete row starts (s.length when all was
   * consumed); the caller prepends that tail to the next chunk. With `final`, the end of `s` ends the file.
   */
  parse(s: string, final: boolean): number {
    const d = this.delim;
    const n = s.length;
    const f = this.fields;
    const st = this.starts;
    this.text = s;
    const max = this.maxField;
    if (this.nl === 0) {
      // Line-break style: LF (with or without CR before it), or old Mac CR-only files.
      if (s.indexOf('\n') !== -1) this.nl = LF;
      else if (s.indexOf('\r') !== -1) this.nl = CR;
      else if (!final) return 0;
      else this.nl = LF;
    }
    const nl = this.nl;
    const nlChar = nl === LF ? '\n' : '\r';
    const dChar = this.delimChar;
    let pos = 0;
    let line = this.line;
    // Next delimiter / line break at or after `pos`, found with native indexOf and reused until passed: most
    // fields cost one short indexOf instead of a JS loop over their characters.
    let nextD = -1;
    let nextNl = -1;
    while (pos < n) {
      const rowStart = pos;
      const rowLine = line;
      let count = 0;
      let c = s.charCodeAt(pos);
      if (c === nl || (c === CR && nl === LF && (pos + 1 >= n || s.charCodeAt(pos + 1) === LF))) {
        // Blank line: no row.
        if (c === CR && pos + 1 >= n && !final) return this.suspend(rowStart, rowLine);
        pos += c === CR && nl === LF ? 2 : 1;
        line++;
        continue;
      }
      for (;;) {
        c = pos < n ? s.charCodeAt(pos) : -1;
        if (c === QUOTE) {
          const openLine = line;
          const start = pos + 1;
          let p = start;
          let escaped = false;
          let q: number;
          for (;;) {
            q = s.indexOf('"', p);
            if (q === -1) {
              if (n - start > max) throw this.tooLarge(openLine, count + 1, true);
              if (!final) return this.suspend(rowStart, rowLine);
              throw new AppError(
                'UNTERMINATED_QUOTE',
                `${this.file}, line ${openLine}, column ${count + 1}: a quoted field opens here but its closing quote (") never comes. Add the missing quote, or double any quote inside the text ("").`,
                { file: this.file, line: openLine, column: count + 1 },
              );
            }
            // Count line breaks inside the quotes so later rows report their physical line.
            if (nextNl < p) {
              nextNl = s.indexOf(nlChar, p);
              if (nextNl === -1) nextNl = n;
            }
            while (nextNl < q) {
              line++;
              nextNl = s.indexOf(nlChar, nextNl + 1);
              if (nextNl === -1) nextNl = n;
            }
            if (q + 1 >= n && !final) return this.suspend(rowStart, rowLine);
            if (s.charCodeAt(q + 1) === QUOTE) {
              escaped = true;
              p = q + 2;
              continue;
            }
            break;
          }
          let v = s.slice(start, q);
          if (escaped) v = v.replaceAll('""', '"');
          pos = q + 1;
          c = pos < n ? s.charCodeAt(pos) : -1;
          if (c !== d && c !== LF && c !== CR && c !== -1) {
            // Lenient like spreadsheets: `"abc"def` reads as `abcdef`; remembered for a warning.
            let e = pos;
            while (e < n && (c = s.charCodeAt(e)) !== d && c !== LF && c !== CR) e++;
            if (e === n && !final) return this.suspend(rowStart, rowLine);
            v += s.slice(pos, e);
            pos = e;
            if (this.strayQuoteLines.length < 20) this.strayQuoteLines.push(line);
          }
          if (v.length > max) throw this.tooLarge(openLine, count + 1, false);
          st[count] = escaped || v.length !== q - start ? -1 : start;
          f[count++] = v;
        } else {
          if (nextD < pos) {
            nextD = s.indexOf(dChar, pos);
            if (nextD === -1) nextD = n;
          }
          if (nextNl < pos) {
            nextNl = s.indexOf(nlChar, pos);
            if (nextNl === -1) nextNl = n;
          }
          const end = nextD < nextNl ? nextD : nextNl;
          if (end === n) {
            if (end - pos > max) throw this.tooLarge(line, count + 1, false);
            if (!final) return this.suspend(rowStart, rowLine);
          }
          // CRLF: the CR belongs to the line break, not the value.
          let vEnd = end;
          if (end === nextNl && nl === LF && end > pos && s.charCodeAt(end - 1) === CR) vEnd = end - 1;
          if (vEnd - pos > max) throw this.tooLarge(line, count + 1, false);
          st[count] = pos;
          f[count++] = vEnd === pos ? '' : s.slice(pos, vEnd);
          pos = end;
        }
        c = pos < n ? s.charCodeAt(pos) : -1;
        if (c === d) {
          pos++;
          continue;
        }
        if (c === CR && nl === LF) {
          // After a quoted field: CRLF, or a lone CR treated as the row's end.
          if (pos + 1 >= n && !final) return this.suspend(rowStart, rowLine);
          pos += pos + 1 < n && s.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else if (c === nl) pos++;
        else if (c === LF) pos++;
        line++;
        if (this.sink(f, count, rowLine) === false) {
          this.line = line;
          this.stopped = true;
          return pos;
        }
        break;
      }
    }
    this.line = line;
    return n;
  }

  private suspend(rowStart: number, rowLine: number): number {
    this.line = rowLine;
    return rowStart;
  }

  private tooLarge(line: number, column: number, quoted: boolean): AppError {
    const mb = Math.round(this.maxField / (1024 * 1024));
    return new AppError(
      'FIELD_TOO_LARGE',
      `${this.file}, line ${line}, column ${column}: a single field is larger than ${mb} MB.` +
        (quoted ? ' This usually means a quote opened here is never closed; check that line.' : ' Split or shorten that value before importing.'),
      { file: this.file, line, column },
    );
  }
}
