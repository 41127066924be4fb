// A real calendar date written YYYY-MM-DD: the shape alone let "2024-13-45" through, and SQLite's julianday() of
// it is NULL, which silently gave every customer a NULL recency. Used by the argument schemas, so every face
// (app, browser host, CLI) refuses an impossible date with the same message.

export const CALENDAR_DATE_MESSAGE = 'must be a real calendar date written YYYY-MM-DD (e.g. 2024-03-31)';

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it); Gregorian leap years.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
