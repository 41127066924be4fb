// Rule 5: values of personal-data columns never leave the screen. The matcher finds them inside any text of a
// deck; pii-scrub.ts walks the slides with it.
//
// - Case-insensitive, on whole words: "Ann Lee" matches in "called Ann Lee today" but a value "Ann" does not match
//   inside "Annual" or "Channel" — a value hidden inside a longer word does not show it, and matching there would
//   withhold ordinary words all over a deck.
// - Values shorter than 3 characters are exempt: a one- or two-character value ("M", "UK", "1") cannot single out a
//   person on its own (many people share it), and matching it would withhold nearly every word and number.
// - Pseudonyms ('p_' + 16 hex, main/workspace/import/pii.ts) are withheld by their shape as well, so a token from a
//   dataset deleted since, or never collected, is still caught.

export const WITHHELD_TEXT = '[withheld]';
export const PII_MIN_LENGTH = 3;
const PSEUDONYM = /(?<![\p{L}\p{N}_])p_[0-9a-f]{16}(?![\p{L}\p{N}_])/giu;
const PSEUDONYM_WHOLE = /^p_[0-9a-f]{16}$/i;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

export class PiiMatcher {
  private readonly values = new Set<string>();
  private readonly prefixes = new Set<string>();
  /** Lengths present, longest first: the longest value at a position wins ("Ann Lee" before "Ann"). */
  private readonly lengths: number[];

  constructor(values: Iterable<string>) {
    const lengths = new Set<number>();
    for (const raw of values) {
      const v = raw.trim().toLowerCase();
      if (v.length < PII_MIN_LENGTH) continue;
      this.values.add(v);
      this.prefixes.add(v.slice(0, PII_MIN_LENGTH));
      lengths.add(v.length);
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  /** True when the whole text (trimmed) is a personal value: a row or category labelled with it is dropped. */
  equals(text: string): boolean {
    const v = text.trim().toLowerCase();
    return this.values.has(v) || PSEUDONYM_WHOLE.test(v);
  }

  /** [start, end) ranges of personal values in the lower-cased text, left to right, not overlapping. */
  private ranges(lower: string): [number, number][] {
    const out: [number, number][] = [];
    if (this.values.size === 0) return out;
    for (let i = 0; i + PII_MIN_LENGTH <= lower.length; i++) {
      if (!this.prefixes.has(lower.slice(i, i + PII_MIN_LENGTH))) continue;
      for (const len of this.lengths) {
        if (i + len > lower.length) continue;
        const cand = lower.slice(i, i + len);
        if (!this.values.has(cand)) continue;
        // Whole words only: a boundary is needed where the value itself starts or ends with a letter or digit.
        if (isWordChar(cand[0]) && isWordChar(lower[i - 1])) continue;
        if (isWordChar(cand[len - 1]) && isWordChar(lower[i + len])) continue;
        out.push([i, i + len]);
        i += len - 1;
        break;
      }
    }
    return out;
  }

  /** The text with every personal value replaced by "[withheld]"; `changed` says whether any was. */
  scrub(text: string): { text: string; changed: boolean } {
    let changed = false;
    let out = text.replace(PSEUDONYM, () => {
      changed = true;
      return WITHHELD_TEXT;
    });
    const lower = out.toLowerCase();
    const ranges = this.ranges(lower);
    if (ranges.length === 0) return { text: out, changed };
    // Lower-casing can change a string's length (a few non-ASCII letters); the positions then do not map back, so
    // the whole text is withheld rather than risk leaving part of a value.
    if (lower.length !== out.length) return { text: WITHHELD_TEXT, changed: true };
    let built = '';
    let at = 0;
    for (const [s, e] of ranges) {
      built += out.slice(at, s) + WITHHELD_TEXT;
      at = e;
    }
    out = built + out.slice(at);
    return { text: out, changed: true };
  }
}
