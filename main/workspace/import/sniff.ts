// Delimiter detection: parse the head of the file with each candidate (quote-aware, so commas inside quoted
// text do not count) and keep the one that splits the first rows into the same number (>1) of fields.
import { CsvParser } from './csv-parser';

export const DELIMITERS = [',', '\t', ';', '|'] as const;
const SNIFF_ROWS = 50;

export interface DelimiterGuess {
  delimiter: string;
  /** Fields per row under that delimiter (the most common count). */
  fields: number;
}

export function sniffDelimiter(head: string, complete: boolean): DelimiterGuess {
  let best: { delimiter: string; fields: number; share: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts: number[] = [];
    const parser = new CsvParser(delimiter, (_f, count) => counts.push(count) < SNIFF_ROWS, 'sniff');
    try {
      parser.parse(head, complete);
    } catch {
      // An unterminated quote in a truncated head only means this guess saw fewer rows.
    }
    if (counts.length === 0) continue;
    const freq = new Map<number, number>();
    for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [c, k] of freq) {
      if (k > modeCount || (k === modeCount && c > mode)) {
        mode = c;
        modeCount = k;
      }
    }
    if (mode < 2) continue;
    // The header row must agree with the data rows, otherwise the candidate only splits some free text.
    const share = modeCount / counts.length + (counts[0] === mode ? 0.5 : 0);
    if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) < 1e-9 && mode > best.fields)) {
      best = { delimiter, fields: mode, share };
    }
  }
  return best ? { delimiter: best.delimiter, fields: best.fields } : { delimiter: ',', fields: 1 };
}
