// Calendar periods of a cohort analysis as integer indices, so "periods since acquisition" is a subtraction.
// Weeks are ISO weeks: Monday 00:00 UTC to the next Monday, labelled with the ISO week-numbering year (the year of
// the week's Thursday), so 2024-12-30 is in 2025-W01. Months are calendar months in UTC. Pure, no Date objects.
import type { CohortUnit } from '../../../../shared/monitor-cohorts';
import { civilFromDays, daysFromCivil } from '../../calendar';

export const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const PERIOD_DEFINITION: Record<CohortUnit, string> = {
  week: 'ISO weeks: Monday 00:00 to Sunday 24:00 UTC, labelled YYYY-Www with the ISO week-numbering year',
  month: 'calendar months in UTC',
};

/** Week index of a day count since 1970-01-01 (a Thursday): week 0 starts Monday 1969-12-29. */
export const weekOfDay = (day: number): number => Math.floor((day + 3) / 7);

/** Month index (year × 12 + month − 1) of a day count. Called once per distinct day (compute.ts tabulates it), not per event. */
export function monthOfDay(days: number): number {
  const { y, m } = civilFromDays(days);
  return y * 12 + m - 1;
}

export const unitOfDay = (unit: CohortUnit, day: number): number => (unit === 'week' ? weekOfDay(day) : monthOfDay(day));

/** The first day (count since 1970-01-01) of a week or month index. */
export function unitStartDay(unit: CohortUnit, index: number): number {
  if (unit === 'week') return 7 * index - 3;
  const y = Math.floor(index / 12);
  return daysFromCivil(y, index - 12 * y + 1, 1);
}

export function isoDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2025-03" / "2025-W10": the cohort's key. */
export function unitKey(unit: CohortUnit, index: number): string {
  if (unit === 'month') {
    const y = Math.floor(index / 12);
    return `${String(y).padStart(4, '0')}-${String(index - 12 * y + 1).padStart(2, '0')}`;
  }
  const thursday = unitStartDay('week', index) + 3;
  const { y } = civilFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
  return `${y}-W${String(week).padStart(2, '0')}`;
}

/** "March 2025" / "week of 3 Mar 2025": the cohort in words. */
export function unitLabel(unit: CohortUnit, index: number): string {
  const { y, m, d } = civilFromDays(unitStartDay(unit, index));
  return unit === 'month' ? `${MONTHS[m - 1]} ${y}` : `week of ${d} ${MONTHS[m - 1].slice(0, 3)} ${y}`;
}
