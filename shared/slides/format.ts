// One way to write a slide's numbers, for every face that shows a deck: presentation mode, the HTML/PDF export and the
// PowerPoint export all call formatFigure, so "42.3%" on the projector is "42.3%" in the client's inbox.
//
// Conventions (the Figure vocabulary in shared/decks.ts):
// - count:   people or things, integer, thousands separators ("1,234"); a rounded count reads "≈ 1,235".
// - share:   a proportion 0–1, shown as a percentage with 1 decimal by default ("42.3%").
// - nps:     −100..100, signed, 1 decimal ("+12.3", "-4.0", "0.0").
// - mean:    2 decimals; decimal and ratio too (a four-fifths ratio "0.78").
// - pValue:  3 decimals, and "< 0.001" below that (a p-value of exactly 0 is never printed).
// - ci:      appended as "(lo–hi)", each bound written like the value (NPS bounds unsigned); " to " replaces the dash when a bound is
//            negative, because "(-4.0–8.1)" reads as a subtraction.
// - withheld figures never show a number: a primary suppression (the group itself is under the threshold) reads
//   "fewer than 10" for counts and "fewer than 10 people" for every other format (an NPS "fewer than 10" would read as
//   a value below 10); a secondary (complementary) suppression reads "suppressed".
// - a missing value that was not withheld (nobody answered) reads "n/a".
// Hyphen-minus, not U+2212, so a number copied out of a slide pastes into a spreadsheet as a number.
import type { Figure, FigureFormat } from '../decks';
import { DISCLOSURE_DEFAULT_MIN_CELL } from '../decks';

const DEFAULT_DIGITS: Record<FigureFormat, number> = { count: 0, share: 1, nps: 1, mean: 2, decimal: 2, pValue: 3, ratio: 2 };

export const NO_VALUE_TEXT = 'n/a';
export const SECONDARY_SUPPRESSION_TEXT = 'suppressed';

/** "1,234,567.89": fixed decimals with comma thousands separators, locale-independent (deterministic exports). */
export function groupThousands(value: number, digits: number): string {
  const fixed = Math.abs(value).toFixed(digits);
  const [whole, fraction] = fixed.split('.');
  let grouped = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += ',';
    grouped += whole[i];
  }
  // -0.0 after rounding is 0.0: no sign for a value that prints as zero.
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** The value alone, in the figure's format (no interval, no suppression wording): axis ticks and bar labels. */
export function formatValue(value: number, format: FigureFormat, digits?: number): string {
  if (!Number.isFinite(value)) return NO_VALUE_TEXT;
  const d = digits ?? DEFAULT_DIGITS[format];
  switch (format) {
    case 'count':
      return groupThousands(value, d);
    case 'share':
      return `${groupThousands(value * 100, d)}%`;
    case 'nps': {
      const text = groupThousands(value, d);
      return value > 0 && Number(value.toFixed(d)) !== 0 ? `+${text}` : text;
    }
    case 'pValue': {
      const floor = 10 ** -d;
      return value < floor ? `< ${floor.toFixed(d)}` : value.toFixed(d);
    }
    case 'mean':
    case 'decimal':
    case 'ratio':
      return groupThousands(value, d);
  }
}

/** What a withheld figure reads, given the threshold it was judged by. */
export function suppressedText(f: Pick<Figure, 'suppressed' | 'format'>, minCell: number = DISCLOSURE_DEFAULT_MIN_CELL): string {
  if (f.suppressed === 'secondary') return SECONDARY_SUPPRESSION_TEXT;
  return f.format === 'count' ? `fewer than ${minCell}` : `fewer than ${minCell} people`;
}

/** The interval alone: "(38.1–46.5%)", "(-4.0 to 8.1)"; '' when there is none or the figure is withheld. */
export function formatInterval(f: Figure): string {
  if (!f.ci || f.suppressed || f.value === null) return '';
  const [lo, hi] = f.ci;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '';
  if (f.format === 'share') {
    const d = f.digits ?? DEFAULT_DIGITS.share;
    const sep = lo < 0 || hi < 0 ? ' to ' : '–';
    return `(${groupThousands(lo * 100, d)}${sep}${groupThousands(hi * 100, d)}%)`;
  }
  // Bounds carry no "+": "+12.3 (8.1–16.0)" reads better than "(+8.1–+16.0)".
  const bound = (v: number) => (f.format === 'nps' ? groupThousands(v, f.digits ?? DEFAULT_DIGITS.nps) : formatValue(v, f.format, f.digits));
  const a = bound(lo);
  const b = bound(hi);
  return `(${a}${lo < 0 || hi < 0 ? ' to ' : '–'}${b})`;
}

/**
 * The one text of a figure on every face. `minCell` is the threshold the deck was judged by (the SafeDeck's
 * report.settings.minCell), so the wording names the real k.
 */
export function formatFigure(f: Figure, minCell: number = DISCLOSURE_DEFAULT_MIN_CELL): string {
  if (f.suppressed) return suppressedText(f, minCell);
  if (f.value === null || !Number.isFinite(f.value)) return NO_VALUE_TEXT;
  const value = formatValue(f.value, f.format, f.digits);
  const shown = f.roundedTo ? `≈ ${value}` : value;
  const interval = formatInterval(f);
  return interval ? `${shown} ${interval}` : shown;
}

/** True when the figure has a number to draw (not withheld, not missing). */
export function isDrawable(f: Figure): f is Figure & { value: number } {
  return !f.suppressed && f.value !== null && Number.isFinite(f.value);
}
