// Which encoding a file is in, decided from evidence over the whole file rather than from its first bytes: a
// UTF-8 file with one stray Latin-1 byte used to be read entirely as Windows-1252 ("José" → "JosÃ©") without a
// word. The scan counts valid UTF-8 multi-byte characters against the replacements a UTF-8 decoder would make,
// and notes the lines those are on; the decision and the lines are reported in the preview and import warnings.
//
// It runs only when a byte that is not UTF-8 turns up (in the head, or later while importing, see
// withEncodingRetry in sample.ts): a clean UTF-8 or ASCII file is never read twice.
import { readSync } from 'node:fs';
import type { FileEncoding } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { DEFAULT_CHUNK_BYTES, type OpenedFile } from './decode';

export interface Utf8Evidence {
  /** Valid UTF-8 characters of two to four bytes. */
  validMultiByte: number;
  /** U+FFFD a UTF-8 decoder would put in (one per maximal invalid subsequence, as the WHATWG decoder does). */
  replacements: number;
  /** Physical lines (1-based) holding such bytes: the first 10, and how many lines in all. */
  badLines: number[];
  badLineCount: number;
}

export interface EncodingDecision {
  encoding: FileEncoding;
  /** Decode UTF-8 with replacement characters instead of stopping at the first invalid byte. */
  lenient: boolean;
  /** What was decided and why, for the preview and the import warnings; null when there is nothing to say. */
  note: string | null;
}

export function scanUtf8Evidence(f: OpenedFile, chunkBytes = DEFAULT_CHUNK_BYTES): Utf8Evidence {
  const ev: Utf8Evidence = { validMultiByte: 0, replacements: 0, badLines: [], badLineCount: 0 };
  const buf = Buffer.allocUnsafe(chunkBytes + 4);
  let carry = 0;
  let pos = 0;
  let line = 1;
  let lastBadLine = 0;
  const bad = (): void => {
    ev.replacements++;
    if (line !== lastBadLine) {
      lastBadLine = line;
      ev.badLineCount++;
      if (ev.badLines.length < 10) ev.badLines.push(line);
    }
  };
  for (;;) {
    let n: number;
    try {
      n = readSync(f.fd, buf, carry, chunkBytes, pos);
    } catch (err) {
      throw new AppError('FILE_UNREADABLE', `Reading ${f.file} failed after ${pos} bytes: ${(err as Error).message}`, { file: f.file });
    }
    pos += n;
    const end = carry + n;
    const last = n === 0;
    let i = 0;
    while (i < end) {
      const b = buf[i];
      if (b < 0x80) {
        if (b === 10) line++;
        else if (b === 13) {
          // CR LF is one line break, a lone CR (old Mac files) another; the parser counts them the same way.
          if (i + 1 === end && !last) break;
          if (buf[i + 1] !== 10) line++;
        }
        i++;
        continue;
      }
      let len = 0;
      let lo = 0x80;
      let hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) len = 2;
      else if (b >= 0xe0 && b <= 0xef) {
        len = 3;
        if (b === 0xe0) lo = 0xa0;
        else if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        len = 4;
        if (b === 0xf0) lo = 0x90;
        else if (b === 0xf4) hi = 0x8f;
      }
      if (len === 0) {
        bad();
        i++;
        continue;
      }
      if (i + len > end && !last) break; // the rest of this character is in the next chunk
      let k = 1;
      for (; k < len && i + k < end; k++) {
        const c = buf[i + k];
        if (c < lo || c > hi) break;
        lo = 0x80;
        hi = 0xbf;
      }
      if (k === len) ev.validMultiByte++;
      else bad();
      i += k;
    }
    if (last) return ev;
    carry = end - i;
    buf.copy(buf, 0, i, end);
  }
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function linesPhrase(ev: Utf8Evidence): string {
  const shown = ev.badLines.slice(0, 3).map(fmt);
  if (ev.badLineCount === 1) return `line ${shown[0]} has a byte that is not UTF-8`;
  const more = ev.badLineCount - shown.length;
  return `lines ${shown.join(', ')}${more > 0 ? ` and ${fmt(more)} more` : ''} have bytes that are not UTF-8`;
}

/**
 * Decide from the whole file. UTF-8 wins when it has at least as many valid multi-byte characters as bad bytes
 * (a stray Latin-1 byte in a UTF-8 file), or when the file starts with a UTF-8 byte-order mark; Windows-1252 wins
 * when bad bytes outnumber valid characters (a genuine Latin-1 file has no valid ones, bar accidents such as
 * "Ã©"). A forced encoding is kept, and the note still says where UTF-8 needed replacements.
 */
export function decideEncoding(f: OpenedFile, hasBom: boolean, forced: FileEncoding | undefined): EncodingDecision {
  if (forced === 'windows-1252') return { encoding: forced, lenient: false, note: null };
  const ev = scanUtf8Evidence(f);
  const asUtf8: FileEncoding = forced ?? (hasBom ? 'utf-8-bom' : 'utf-8');
  if (ev.replacements === 0) return { encoding: asUtf8, lenient: false, note: null };
  if (forced !== undefined || hasBom || ev.validMultiByte >= ev.replacements) {
    const why = forced !== undefined ? 'as chosen' : hasBom ? 'it starts with a UTF-8 byte-order mark' : `the file has ${fmt(ev.validMultiByte)} valid UTF-8 character(s)`;
    return {
      encoding: asUtf8,
      lenient: true,
      note:
        `${f.file}: ${linesPhrase(ev)}; decoded as UTF-8 with ${fmt(ev.replacements)} replacement${ev.replacements > 1 ? 's' : ''} (\uFFFD) (${why}). ` +
        'Pass --encoding windows-1252 (or choose Windows-1252 in the preview) if the file is Latin-1.',
    };
  }
  return {
    encoding: 'windows-1252',
    lenient: false,
    note:
      `${f.file} was read as Windows-1252 (Latin-1): ${fmt(ev.replacements)} byte sequence(s) on ${fmt(ev.badLineCount)} line(s) are not valid UTF-8 (first on line ${fmt(ev.badLines[0])}) ` +
      `and ${ev.validMultiByte === 0 ? 'none' : `only ${fmt(ev.validMultiByte)}`} form UTF-8 characters. Pass --encoding utf-8 (or choose UTF-8 in the preview) if accented letters look wrong.`,
  };
}
