// Days from the customer's last event to the survey, worked by hand, and the bins.
import { describe, expect, it } from 'vitest';
import { binDelays, DELAY_NO_EVENT, DELAY_NO_TIME, DELAY_OK, delaysToSurvey, normalizeBins } from '../../../main/analysis/nps/delay';

const DAY = 86_400_000;
const at = (day: number, hour = 0) => day * DAY + hour * 3_600_000;

describe('delaysToSurvey', () => {
  // Customer 0: events on day 1 10:00 and day 5 12:00 (given out of order); customer 1: day 3 at midnight; customer 2: none.
  const input = {
    eventCustomer: Int32Array.from([0, 1, 0]),
    eventTime: Float64Array.from([at(5, 12), at(3), at(1, 10)]),
    customers: 3,
    surveyCustomer: Int32Array.from([0, 0, 0, 0, 1, 2, -1, 0]),
    surveyTime: Float64Array.from([at(5, 13), at(4), at(5), at(1, 9), at(3), at(9), at(9), NaN]),
    surveyDateOnly: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0]),
  };
  const { days, status } = delaysToSurvey(input);

  it('takes the last event at or before the survey', () => {
    expect(days[0]).toBeCloseTo(1 / 24, 12); // day 5 13:00 − day 5 12:00
    expect(days[1]).toBeCloseTo(4 - (1 + 10 / 24), 12); // day 4 00:00 − day 1 10:00 = 2.583 days
    expect(days[4]).toBe(0); // an event exactly at the survey time counts
    expect(Array.from(status.slice(0, 3))).toEqual([DELAY_OK, DELAY_OK, DELAY_OK]);
  });

  it('a date-only survey counts an event later that day, as 0 whole days', () => {
    expect(days[2]).toBe(0);
  });

  it('no event before the survey, no events at all, an unknown id, no survey time', () => {
    expect(Array.from(status.slice(3))).toEqual([DELAY_NO_EVENT, DELAY_OK, DELAY_NO_EVENT, DELAY_NO_EVENT, DELAY_NO_TIME]);
    expect(days[3]).toBeNaN();
  });
});

describe('bins', () => {
  it('default edges 0, 1, 7, 30; edges sorted, deduplicated, starting at 0', () => {
    expect(normalizeBins(undefined)).toEqual([0, 1, 7, 30]);
    expect(normalizeBins([30, 7, 7])).toEqual([0, 7, 30]);
  });

  it('bins [0, 1), [1, 7), [7, 30), 30+ and the two extra groups', () => {
    const days = Float64Array.from([0, 0.99, 1, 6.5, 7, 29.9, 30, 400, NaN, NaN]);
    const status = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, DELAY_NO_EVENT, DELAY_NO_TIME]);
    const b = binDelays(days, status, [0, 1, 7, 30]);
    expect(b.labels).toEqual(['0–1 days', '1–7 days', '7–30 days', '30+ days', '(no prior event)', '(no survey time)']);
    expect(Array.from(b.codes)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 5]);
    expect(binDelays(Float64Array.from([2]), Uint8Array.from([0]), [0, 1, 7, 30]).labels).toEqual(['0–1 days', '1–7 days', '7–30 days', '30+ days']);
  });
});
