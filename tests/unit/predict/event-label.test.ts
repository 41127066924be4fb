// The event-log label and history (main/analysis/predict/event-label.ts) on a hand-made log. Cut-off day 2024-03-10
// (history = before 2024-03-11T00:00Z), horizon 7 days (window 2024-03-11 … 2024-03-17).
//   customer 0: events 03-01 12:00, 03-10 18:00 (history), 03-12 (window)        → not churned; last 0.25 days ago,
//               first 9.5 days ago, 2 events, both in the last 7 days (from 03-04)  → recent 1 (03-01 is 9.5 days back)
//   customer 1: event 02-20 00:00 (history), 03-20 (after the window)             → churned; 20 days, 1 event, recent 0
//   customer 2: first event 03-11 06:00 (in the window)                           → not a customer yet (−1)
//   customer 3: no event at all                                                    → −1
//   an event of an id not in the table (−1) and one without a time: counted, ignored.
import { describe, expect, it } from 'vitest';
import { eventLabels } from '../../../main/analysis/predict/event-label';

const t = (iso: string) => Date.parse(iso);

describe('eventLabels', () => {
  const customer = Int32Array.of(0, 0, 0, 1, 1, 2, -1, 0);
  const time = Float64Array.of(t('2024-03-01T12:00Z'), t('2024-03-10T18:00Z'), t('2024-03-12T09:00Z'), t('2024-02-20T00:00Z'), t('2024-03-20T10:00Z'), t('2024-03-11T06:00Z'), t('2024-03-05T00:00Z'), NaN);
  const base = { customer, time, customers: 4, cutoffDay: t('2024-03-10T00:00Z'), horizonDays: 7 };

  it('churn: positive when no event in the window; history only from before the cut-off', () => {
    const r = eventLabels({ ...base, positiveWhen: 'no-event' });
    expect(Array.from(r.flags)).toEqual([0, 1, -1, -1]);
    expect(r.daysSinceLast[0]).toBeCloseTo(0.25, 12);
    expect(r.daysSinceFirst[0]).toBeCloseTo(9.5, 12);
    expect(r.daysSinceLast[1]).toBe(20);
    expect(Array.from(r.events)).toEqual([2, 1, 0, 0]);
    expect(Array.from(r.recentEvents)).toEqual([1, 0, 0, 0]);
    expect(Number.isNaN(r.daysSinceLast[2])).toBe(true);
    expect(r.unmatchedEvents).toBe(1);
    expect(r.missingTimes).toBe(1);
    expect(r.lastEvent).toBe(t('2024-03-20T10:00Z'));
  });

  it('a return: positive when at least one event in the window', () => {
    expect(Array.from(eventLabels({ ...base, positiveWhen: 'event' }).flags)).toEqual([1, 0, -1, -1]);
  });

  it('events after the cut-off never change the history (the leakage guard by construction)', () => {
    const more = { ...base, customer: Int32Array.of(...customer, 1, 1), time: Float64Array.of(...time, t('2024-03-11T00:00Z'), t('2024-05-01T00:00Z')), positiveWhen: 'no-event' as const };
    const a = eventLabels({ ...base, positiveWhen: 'no-event' });
    const b = eventLabels(more);
    for (const k of ['daysSinceLast', 'daysSinceFirst', 'events', 'recentEvents'] as const) expect(Array.from(b[k])).toEqual(Array.from(a[k]));
    // …while the label sees the window: customer 1 now has an event on the window's first instant.
    expect(Array.from(b.flags)).toEqual([0, 0, -1, -1]);
  });
});
