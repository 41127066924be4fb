// Wire format for converted rows crossing from the parse worker to the SQLite thread (pipeline.ts). Why not
// structured clone of the value arrays: one message per chunk holds ~90k cells, and cloning tags and copies
// each one. Here the kinds travel in a Uint8Array, the numbers in a Float64Array, and every text value as a
// [start, end) pair into one of two strings: `raw`, the decoded chunk the parser read (most values are plain
// slices of it, so they cost nothing to send), or `extra`, the concatenation of values the converters made
// (normalised dates, unescaped quotes, ...). Pseudonymisation tokens computed by the batch kernel
// (pii-batch.ts) are a third string, `tokens`, TOKEN_CHARS characters each. The typed arrays are transferred,
// not copied; the receiver gets each text value back with a cheap slice().
import type { CsvParser } from './csv-parser';
import { PendingToken, TOKEN_CHARS } from './pii';
import type { CellValue, ConvertedValue } from './rows';

const T_NULL = 0;
const T_NUM = 1;
const T_RAW = 2;
const T_TEXT = 3;
/** A misfit kept as a BLOB of its UTF-8 text (see Converter.misfit); travels as text. */
const T_BLOB = 4;
/** A token in `tokens`; its span entry is the token's index. */
const T_TOKEN = 5;

export interface WireBatch {
  rows: number;
  /** Bytes of the file read when the batch was cut (for progress). */
  bytesRead: number;
  tags: Uint8Array<ArrayBuffer>;
  nums: Float64Array<ArrayBuffer>;
  /** [start, end) of each text value, in order, into `raw` (T_RAW) or `extra`; one index per T_TOKEN. */
  spans: Int32Array<ArrayBuffer>;
  raw: string;
  extra: string;
  tokens: string;
}

export class BatchWriter {
  private tags = new Uint8Array(1 << 16);
  private nums = new Float64Array(1 << 16);
  private spans = new Int32Array(1 << 16);
  private n = 0;
  private nSpan = 0;
  // Appended with +=, not collected for join(''): V8 builds a rope and flattens it once, ~5× faster here.
  private extra = '';
  /** The parser text the current batch's raw spans point into. */
  raw = '';
  rows = 0;

  /** A row converted from `fields`; `sources[i]` is the field behind values[i]. */
  row(values: ConvertedValue[], ncols: number, sources: number[], fields: string[], parser: CsvParser): void {
    if (this.n + ncols > this.tags.length) {
      this.tags = grown(this.tags);
      this.nums = grown(this.nums);
    }
    if (this.nSpan + 2 * ncols > this.spans.length) this.spans = grown(this.spans);
    this.raw = parser.text;
    const starts = parser.starts;
    const tags = this.tags;
    const spans = this.spans;
    let n = this.n;
    let k = this.nSpan;
    for (let i = 0; i < ncols; i++, n++) {
      const v = values[i];
      if (v === null) tags[n] = T_NULL;
      else if (typeof v === 'number') {
        tags[n] = T_NUM;
        this.nums[n] = v;
      } else if (typeof v === 'string') {
        const src = sources[i];
        const at = starts[src];
        if (at >= 0 && v === fields[src]) {
          tags[n] = T_RAW;
          spans[k++] = at;
          spans[k++] = at + v.length;
        } else {
          tags[n] = T_TEXT;
          spans[k++] = this.extra.length;
          this.extra += v;
          spans[k++] = this.extra.length;
        }
      } else if (v instanceof PendingToken) {
        tags[n] = T_TOKEN;
        spans[k++] = v.index;
      } else {
        tags[n] = T_BLOB;
        spans[k++] = this.extra.length;
        this.extra += v.toString('utf8');
        spans[k++] = this.extra.length;
      }
    }
    this.n = n;
    this.nSpan = k;
    this.rows++;
  }

  /**
   * The batch so far (copies sized to fit, so its buffers can be transferred) and a reset writer. `tokens`: the
   * batch kernel's tokens for this batch's PendingTokens.
   */
  take(bytesRead: number, tokens: string): WireBatch {
    const b: WireBatch = {
      rows: this.rows,
      bytesRead,
      tags: this.tags.slice(0, this.n),
      nums: this.nums.slice(0, this.n),
      spans: this.spans.slice(0, this.nSpan),
      raw: this.raw,
      extra: this.extra,
      tokens,
    };
    this.n = 0;
    this.nSpan = 0;
    this.extra = '';
    this.raw = '';
    this.rows = 0;
    return b;
  }
}

function grown<T extends Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** Sequential reader over a WireBatch: `next()` returns the cells in row-major order. */
export class BatchReader {
  private k = 0;
  private s = 0;
  constructor(private readonly b: WireBatch) {}

  get cells(): number {
    return this.b.tags.length;
  }

  next(): CellValue {
    const b = this.b;
    const k = this.k++;
    const tag = b.tags[k];
    if (tag === T_NULL) return null;
    if (tag === T_NUM) return b.nums[k];
    if (tag === T_TOKEN) {
      const at = b.spans[this.s++] * TOKEN_CHARS;
      // A token the batch does not hold must stop the import, never store '' (or another value's token).
      if (at + TOKEN_CHARS > b.tokens.length) throw new Error('A pseudonymisation token is missing from its batch.');
      return b.tokens.slice(at, at + TOKEN_CHARS);
    }
    const start = b.spans[this.s++];
    const end = b.spans[this.s++];
    if (tag === T_RAW) return b.raw.slice(start, end);
    const v = b.extra.slice(start, end);
    return tag === T_TEXT ? v : Buffer.from(v, 'utf8');
  }
}
