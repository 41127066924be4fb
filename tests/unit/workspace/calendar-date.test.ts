// Dates given as arguments are real calendar dates (issue 12 item 6): "2024-13-45" used to pass the YYYY-MM-DD
// shape check, and julianday() of it is NULL, so every customer got a NULL recency. The schema now refuses it, so
// every face (app, browser host, CLI) does. Expected verdicts are the Gregorian calendar by hand: 2024 and 2000
// are leap years, 2023 and 1900 are not; April has 30 days.
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../shared/api';
import { isCalendarDate } from '../../../shared/calendar-date';

const rfm = (asOf: string) => ({ jobId: 'job_rfm_date', dataset: 'tx', customer: 'c', date: 'd', amount: 'a', asOf });

describe('calendar dates in arguments', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2024-12-31', true],
    ['2024-01-01', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-13-45', false],
    ['2024-00-10', false],
    ['2024-06-00', false],
    ['2024-6-1', false],
    ['2024-06-01T00:00', false],
    [' 2024-06-01', false],
    ['', false],
  ])('%s is a calendar date: %s', (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });

  it('segment.rfm refuses an impossible as-of date at the schema, naming the field and the form', () => {
    expect(() => parseArgs('segment.rfm', rfm('2024-13-45'))).toThrow(
      'segment.rfm: asOf: "2024-13-45" must be a real calendar date written YYYY-MM-DD (e.g. 2024-03-31)',
    );
    expect(() => parseArgs('segment.rfm', rfm('2023-02-29'))).toThrow(/asOf: "2023-02-29" must be a real calendar date/);
    expect(parseArgs('segment.rfm', rfm('2024-02-29')).asOf).toBe('2024-02-29');
  });
});
