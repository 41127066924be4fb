// Calendar periods of a time for NPS trends. Pure functions, no I/O.
//
// Times arrive as milliseconds since the epoch, read as UTC (the workspace stores UTC for zoned datetimes and
// reads naive ones as UTC wall clock; dates are midnight UTC). A period is an integer index, consecutive periods
// have consecutive indices, so the trend can list empty periods between the first and the last:
//   week     ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday), label "2025-W03"
//            (the ISO week-numbering year, so 2024-12-30 is "2025-W01");
//   month    "2025-03";  quarter  "2025-Q1";  year  "2025".
import { civilFromDays, daysFromCivil } from '../calendar';

export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year';

const DAY = 86_400_000;
export const NO_PERIOD = -2147483648;

/** The period index of a time; NO_PERIOD for NaN. */
export function periodIndex(ms: number, unit: PeriodUnit): number {
  if (ms !== ms) return NO_PERIOD;
  const days = Math.floor(ms / DAY);
  // 1970-01-01 was a Thursday: day −3 (1969-12-29) is the Monday that starts week 0.
  if (unit === 'week') return Math.floor((days + 3) / 7);
  const { y, m } = civilFromDays(days);
  if (unit === 'month') return y * 12 + (m - 1);
  if (unit === 'quarter') return y * 4 + Math.floor((m - 1) / 3);
  return y;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function periodLabel(index: number, unit: PeriodUnit): string {
  if (unit === 'week') {
    // The week's Thursday decides its ISO year; its week number counts Thursdays from that year's first one.
    const thursday = index * 7;
    const { y } = civilFromDays(thursday);
    const week = Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
    return `${y}-W${pad(week)}`;
  }
  if (unit === 'month') return `${Math.floor(index / 12)}-${pad((((index % 12) + 12) % 12) + 1)}`;
  if (unit === 'quarter') return `${Math.floor(index / 4)}-Q${(((index % 4) + 4) % 4) + 1}`;
  return String(index);
}

/** Period index per row; NO_PERIOD where the time is missing. */
export function periodsOf(times: Float64Array, unit: PeriodUnit): Int32Array {
  const out = new Int32Array(times.length);
  for (let i = 0; i < times.length; i++) out[i] = periodIndex(times[i], unit);
  return out;
}
