// Stored date and datetime text → milliseconds since the epoch, read straight out of a larger string (the scan
// hands over one string per chunk of rows) with charCodeAt arithmetic: Date.parse per event would cost seconds
// at 10M events and reads naive ISO text as local time.
//
// What the import stores (main/workspace/import/values.ts): dates as 'YYYY-MM-DD'; datetimes that carried an
// offset as UTC 'YYYY-MM-DDTHH:MM:SS.sssZ'; datetimes without one as the naive wall clock
// 'YYYY-MM-DDTHH:MM:SS[.fraction]'. Naive times are read as if they were UTC: the workspace does not know the
// zone they were written in, and reading them as UTC keeps their wall-clock order and the time between them
// (except across a daylight-saving change). Dates are midnight UTC.
import { daysFromCivil } from '../../analysis/calendar';

/** What a read value was: a date, a naive (zone-less) datetime, or a UTC datetime. */
export const TIME_DATE = 1;
export const TIME_NAIVE = 2;
export const TIME_UTC = 3;

/** Filled by readStoredTime (one reused object, so the hot loop allocates nothing). */
export interface TimeRead {
  ms: number;
  kind: number;
}

const MS_PER_DAY = 86_400_000;

function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Read s[a, b) as a stored date or datetime into `out`. Returns false (and leaves `out` alone) when the text is
 * not one of the stored shapes. A fraction beyond milliseconds is kept as a fraction of a millisecond.
 */
export function readStoredTime(s: string, a: number, b: number, out: TimeRead): boolean {
  const n = b - a;
  if (n < 10 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return false;
  const y = digits(s, a, 4);
  const mo = digits(s, a + 5, 2);
  const d = digits(s, a + 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const day = daysFromCivil(y, mo, d) * MS_PER_DAY;
  if (n === 10) {
    out.ms = day;
    out.kind = TIME_DATE;
    return true;
  }
  const t = s.charCodeAt(a + 10);
  if ((t !== 84 && t !== 32) || n < 19 || s.charCodeAt(a + 13) !== 58 || s.charCodeAt(a + 16) !== 58) return false;
  const h = digits(s, a + 11, 2);
  const mi = digits(s, a + 14, 2);
  const se = digits(s, a + 17, 2);
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) return false;
  let ms = day + h * 3_600_000 + mi * 60_000 + se * 1000;
  let i = a + 19;
  if (i < b && s.charCodeAt(i) === 46) {
    i++;
    let scale = 100;
    const start = i;
    while (i < b) {
      const dd = s.charCodeAt(i) - 48;
      if (dd < 0 || dd > 9) break;
      ms += dd * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return false;
  }
  if (i === b) {
    out.ms = ms;
    out.kind = TIME_NAIVE;
    return true;
  }
  if (i === b - 1 && s.charCodeAt(i) === 90) {
    out.ms = ms;
    out.kind = TIME_UTC;
    return true;
  }
  return false;
}

/** Midnight UTC of the day holding `ms` ('day' precision). */
export function utcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}
