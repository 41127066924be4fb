// How a profile card writes its summary numbers and date ranges: short enough to read at a glance in a card's
// third of a row, without the precision of the raw value (which the cell's title still carries).
import type { ColumnType, TopValue } from '../../../../shared/domain';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STORED_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/**
 * A mean (or any computed summary) to three significant figures, and never more than two decimals: "44.6"
 * rather than "44.629", "3.87" on a 1–5 rating, "52,247" for an income, "0.21" for a score. The mean is
 * an estimate; more digits would suggest a precision the data do not have.
 */
export function formatSummary(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  const abs = Math.abs(n);
  const options: Intl.NumberFormatOptions =
    abs >= 100 ? { maximumFractionDigits: 0 } : abs >= 10 ? { maximumFractionDigits: 1 } : abs >= 1 ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 2 };
  return new Intl.NumberFormat('en-US', options).format(n);
}

/** "1 Jan 2025" (and "09:12" when asked) from a stored ISO value, read as written: no time-zone shift. */
function dayOf(value: string, withTime: boolean): string | null {
  const m = STORED_DATE.exec(value);
  if (!m) return null;
  const day = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  return withTime && m[4] !== undefined ? `${day} ${m[4]}:${m[5]}` : day;
}

/**
 * The Min and Max of a date or date-time column as days ("1 Jan 2025"), which fit a card where the stored
 * "2025-01-01T09:12:33.000Z" was cut off. The time of day is added only when both ends fall on the same day
 * (otherwise the range in days is what matters). A value that is not an ISO date is shown as stored.
 */
export function formatDateBounds(min: string | number | null, max: string | number | null): { min: string; max: string } {
  const sameDay = typeof min === 'string' && typeof max === 'string' && min.slice(0, 10) === max.slice(0, 10);
  const one = (v: string | number | null): string => (v === null ? '—' : typeof v === 'number' ? String(v) : (dayOf(v, sameDay) ?? v));
  return { min: one(min), max: one(max) };
}

/**
 * Values seen on fewer rows than this are not listed on a card: a rare postcode or nationality can single
 * out a person on a shared screen. The same threshold as the hygiene audit's "too small to analyse" groups
 * (MIN_GROUP_SIZE in main/analysis/hygiene.ts) and the presentation's suppression.
 */
export const MIN_LISTED_ROWS = 10;

/**
 * The most frequent values a card may list. Text values under MIN_LISTED_ROWS rows are left out (the card's
 * "+N more distinct values" still counts them); flags and date periods (years, months) identify nobody and
 * are listed whole.
 */
export function listableValues(values: TopValue[], type: ColumnType): TopValue[] {
  return type === 'text' ? values.filter((v) => v.count >= MIN_LISTED_ROWS) : values;
}
