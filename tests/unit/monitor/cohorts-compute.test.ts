// computeCohorts on a hand-made log whose table was written out by hand (below), then the same log shuffled (events
// out of order give the same table), a tie on the first time, ISO weeks at year ends, and the summary sentences.
//
// The log (UTC; value; score; group on the event) — observation ends with the last event's day, 2025-04-20, so
// April is incomplete:
//   A 2025-01-05 10 s10 x · 2025-01-20 20 · 2025-02-10 5 s3 y · 2025-04-01 7        → Jan cohort, periods 0,0,1,3
//   B 2025-01-31T23:30 100 s9 y · 2025-03-01T00:10 (no value) s7                    → Jan, periods 0,2
//   C 2025-01-15 1 s11 (not a score) x                                               → Jan, one event
//   D 2025-02-03 2 s6 y · 2025-02-04 3 s9.5 (not a score) · 2025-03-15 4            → Feb, periods 0,0,1
//   E 2025-02-28 50 s8 (no group) · 2025-04-20 60 s0                                 → Feb, periods 0,2
//   F 2025-03-10 8 x  ·  G 2025-03-11 9 x · 2025-04-02 11                            → Mar (G: periods 0,1)
//   H 2025-04-15 12 y                                                                → Apr
// Expected by hand (month periods):
//   cohort size retention (p0…)        incomplete        repeat (≥2 events by p)   revenue per customer
//   Jan    3    1, 1/3, 1/3, 1/3      p3                1/3, 1/3, 2/3, 2/3         131/3, 5/3, 0, 7/3
//   Feb    2    1, 1/2, 1/2           p2                1/2, 1/2, 1                55/2, 4/2, 60/2
//   Mar    2    1, 1/2                p1                0, 1/2                     17/2, 11/2
//   Apr    1    1                     p0                0                          12
//   NPS: Jan p0 (10, 9) = 100 n 2; p1 (3) = −100 n 1; p2 (7) = 0 n 1; p3 none. Feb p0 (6, 8) = −50 n 2; p1 none;
//   p2 (0) = −100 n 1. Two scores are not 0–10 whole numbers (11 first); one value is missing.
//   Split by the first event's group: x = A, C (Jan), F, G (Mar); y = B (Jan), D (Feb), H (Apr); missing = E (Feb).
//   x pooled over complete cells: p0 (2 + 2)/(2 + 2) = 1; p1 Jan only 1/2; p2 Jan only 0/2; p3 none complete → null.
import { describe, expect, it } from 'vitest';
import { computeCohorts, type CohortInput } from '../../../main/analysis/monitor/cohorts/compute';
import { cohortSummary } from '../../../main/analysis/monitor/cohorts/summary';
import { unitKey, unitLabel, unitOfDay, weekOfDay } from '../../../main/analysis/monitor/cohorts/periods';

type Ev = [string, string, number | null, number | null, string | null];
const LOG: Ev[] = [
  ['A', '2025-01-05T09:00:00Z', 10, 10, 'x'],
  ['A', '2025-01-20T09:00:00Z', 20, null, 'x'],
  ['A', '2025-02-10T09:00:00Z', 5, 3, 'y'],
  ['A', '2025-04-01T09:00:00Z', 7, null, 'y'],
  ['B', '2025-01-31T23:30:00Z', 100, 9, 'y'],
  ['B', '2025-03-01T00:10:00Z', null, 7, 'y'],
  ['C', '2025-01-15T12:00:00Z', 1, 11, 'x'],
  ['D', '2025-02-03T12:00:00Z', 2, 6, 'y'],
  ['D', '2025-02-04T12:00:00Z', 3, 9.5, 'y'],
  ['D', '2025-03-15T12:00:00Z', 4, null, 'y'],
  ['E', '2025-02-28T12:00:00Z', 50, 8, null],
  ['E', '2025-04-20T12:00:00Z', 60, 0, null],
  ['F', '2025-03-10T12:00:00Z', 8, null, 'x'],
  ['G', '2025-03-11T12:00:00Z', 9, null, 'x'],
  ['G', '2025-04-02T12:00:00Z', 11, null, 'x'],
  ['H', '2025-04-15T12:00:00Z', 12, null, 'y'],
];

function input(log: Ev[], opts: { split?: boolean; unit?: 'week' | 'month'; endMs?: number | null } = {}): CohortInput {
  const ids = [...new Set(log.map((e) => e[0]))].sort();
  const groups = [...new Set(log.map((e) => e[4]).filter((g): g is string => g !== null))].sort();
  return {
    n: log.length,
    customer: Int32Array.from(log, (e) => ids.indexOf(e[0])),
    customers: ids.length,
    time: Float64Array.from(log, (e) => Date.parse(e[1])),
    value: Float64Array.from(log, (e) => e[2] ?? Number.NaN),
    score: Float64Array.from(log, (e) => e[3] ?? Number.NaN),
    groupOfEvent: opts.split ? Int32Array.from(log, (e) => (e[4] === null ? -1 : groups.indexOf(e[4]))) : null,
    groupOfCustomer: null,
    groupNames: opts.split ? groups : [],
    missingGroupName: '(missing)',
    unit: opts.unit ?? 'month',
    endMs: opts.endMs ?? null,
  };
}

describe('computeCohorts on the hand-made log', () => {
  const t = computeCohorts(input(LOG));

  it('cohorts, sizes, retention and the incomplete cells', () => {
    expect(t.cohorts.map((c) => [c.cohort, c.start, c.label, c.size])).toEqual([
      ['2025-01', '2025-01-01', 'January 2025', 3],
      ['2025-02', '2025-02-01', 'February 2025', 2],
      ['2025-03', '2025-03-01', 'March 2025', 2],
      ['2025-04', '2025-04-01', 'April 2025', 1],
    ]);
    expect(t.cohorts.map((c) => c.retention)).toEqual([[1, 1 / 3, 1 / 3, 1 / 3], [1, 1 / 2, 1 / 2], [1, 1 / 2], [1]]);
    expect(t.cohorts.map((c) => c.active)).toEqual([[3, 1, 1, 1], [2, 1, 1], [2, 1], [1]]);
    expect(t.cohorts.map((c) => c.incomplete)).toEqual([[false, false, false, true], [false, false, true], [false, true], [true]]);
    expect(t.periods).toBe(4);
    expect(t.observedThrough).toBe('2025-04-20');
    expect(t.firstDay).toBe('2025-01-05');
    expect([t.events, t.customers, t.oneEventCustomers]).toEqual([16, 8, 3]);
  });

  it('repeat purchase is cumulative', () => {
    expect(t.cohorts.map((c) => c.repeat)).toEqual([[1 / 3, 1 / 3, 2 / 3, 2 / 3], [1 / 2, 1 / 2, 1], [0, 1 / 2], [0]]);
  });

  it('revenue per cohort customer and its running total; a missing value adds nothing', () => {
    const jan = t.cohorts[0].revenue!;
    expect(jan.perCustomer).toEqual([131 / 3, 5 / 3, 0, 7 / 3]);
    expect(jan.cumulative.map((x) => x * 3)).toEqual([131, 136, 136, 143].map((x) => expect.closeTo(x, 12)));
    expect(t.cohorts[1].revenue!.perCustomer).toEqual([27.5, 2, 30]);
    expect(t.cohorts[1].revenue!.cumulative).toEqual([27.5, 29.5, 59.5]);
    expect(t.cohorts[2].revenue!.cumulative).toEqual([8.5, 14]);
    expect(t.missingValues).toBe(1);
  });

  it('NPS per cohort and period, scores that are not whole 0–10 left out', () => {
    expect(t.cohorts[0].nps).toEqual({ nps: [100, -100, 0, null], n: [2, 1, 1, 0] });
    expect(t.cohorts[1].nps).toEqual({ nps: [-50, null, -100], n: [2, 0, 1] });
    expect(t.badScores).toEqual({ count: 2, example: 11 });
  });

  it('events out of order give the same table', () => {
    const shuffled = [...LOG].reverse();
    [shuffled[2], shuffled[9]] = [shuffled[9], shuffled[2]];
    const s = computeCohorts(input(shuffled));
    expect(s.cohorts.map((c) => [c.size, c.retention, c.repeat, c.incomplete, c.nps])).toEqual(t.cohorts.map((c) => [c.size, c.retention, c.repeat, c.incomplete, c.nps]));
  });

  it('split by the group on the first event, pooled curves over complete cells only', () => {
    const s = computeCohorts(input(LOG, { split: true }));
    expect(s.cohorts.map((c) => [c.group, c.cohort, c.size, c.retention])).toEqual([
      ['x', '2025-01', 2, [1, 0.5, 0, 0.5]],
      ['x', '2025-03', 2, [1, 0.5]],
      ['y', '2025-01', 1, [1, 0, 1, 0]],
      ['y', '2025-02', 1, [1, 1, 0]],
      ['y', '2025-04', 1, [1]],
      ['(missing)', '2025-02', 1, [1, 0, 1]],
    ]);
    expect(s.groups.map((g) => [g.group, g.cohorts, g.size])).toEqual([['x', 2, 4], ['y', 3, 3], ['(missing)', 1, 1]]);
    expect(s.groups[0].retention).toEqual([1, 0.5, 0, null]);
    expect(s.groups[0].base).toEqual([4, 2, 2, 0]);
    // y: p0 Jan+Feb+Apr? Apr's p0 is April (incomplete) → (1 + 1)/2; p1 Jan 0 + Feb 1 (March complete) → 1/2; p2 Jan 1 (Mar) → 1.
    expect(s.groups[1].retention).toEqual([1, 0.5, 1, null]);
  });

  it('an as-of day leaves later events out and ends the observation there', () => {
    const s = computeCohorts(input(LOG, { endMs: Date.parse('2025-03-31T00:00:00Z') + 86_400_000 }));
    expect(s.afterEnd).toBe(4);
    expect(s.observedThrough).toBe('2025-03-31');
    expect(s.cohorts.map((c) => [c.cohort, c.size])).toEqual([['2025-01', 3], ['2025-02', 2], ['2025-03', 2]]);
    expect(s.cohorts.map((c) => c.incomplete)).toEqual([[false, false, false], [false, false], [false]]);
  });

  it('equal first times: the earlier row gives the group', () => {
    const tie: Ev[] = [
      ['Z', '2025-01-05T09:00:00Z', 1, null, 'y'],
      ['Z', '2025-01-05T09:00:00Z', 1, null, 'x'],
      ['Z', '2025-01-01T09:00:00Z', 1, null, 'x'],
    ];
    expect(computeCohorts(input(tie.slice(0, 2), { split: true })).cohorts[0].group).toBe('y');
    expect(computeCohorts(input(tie, { split: true })).cohorts[0].group).toBe('x');
  });
});

describe('ISO weeks', () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  it('Monday start, ISO week-numbering year at the year ends', () => {
    expect(unitKey('week', weekOfDay(day('2024-12-30')))).toBe('2025-W01');
    expect(unitKey('week', weekOfDay(day('2021-01-03')))).toBe('2020-W53');
    expect(unitKey('week', weekOfDay(day('2021-01-04')))).toBe('2021-W01');
    expect(weekOfDay(day('2025-03-09')) + 1).toBe(weekOfDay(day('2025-03-10'))); // Sunday → Monday
    expect(unitLabel('week', weekOfDay(day('2025-03-05')))).toBe('week of 3 Mar 2025');
    expect(unitKey('month', unitOfDay('month', day('2024-02-29')))).toBe('2024-02');
  });

  it('weekly cohorts of the log: A is in 2025-W01 (Sun 5 Jan), B in 2025-W05', () => {
    const w = computeCohorts(input(LOG, { unit: 'week' }));
    expect(w.cohorts[0]).toMatchObject({ cohort: '2025-W01', start: '2024-12-30', size: 1 });
    const b = w.cohorts.find((c) => c.cohort === '2025-W05')!;
    // B: 31 Jan (W05) and 1 Mar (W09): returned in period 4 only.
    expect(b.retention).toEqual([1, 0, 0, 0, 1, ...Array(b.retention.length - 5).fill(0)]);
  });
});

describe('cohortSummary', () => {
  /** Cohorts of 10 customers each, kept[p] of them active in period p, observed through `len` periods. */
  function cohort(month: number, kept: number[], group: string | null = null) {
    return Array.from({ length: 10 }, (_, i) => {
      const id = `${group ?? ''}${month}-${i}`;
      const ev: Ev[] = [[id, `2025-${String(month).padStart(2, '0')}-02T10:00:00Z`, null, null, group]];
      kept.forEach((k, p) => {
        if (p > 0 && i < k) ev.push([id, `2025-${String(month + p).padStart(2, '0')}-03T10:00:00Z`, null, null, group]);
      });
      return ev;
    }).flat();
  }
  const ends: Ev = ['end', '2025-08-31T10:00:00Z', null, null, null];

  it('newest against oldest at period 3', () => {
    const log = [...cohort(1, [10, 5, 4, 3]), ...cohort(3, [10, 6, 5, 4]), ends];
    const t = computeCohorts(input(log));
    expect(cohortSummary('month', t.cohorts, t.groups)).toBe('Customers acquired in March 2025 kept 40% at month 3, 10 points more than January 2025’s (30%).');
  });

  it('split groups: the gap at period 1 and at period 3', () => {
    const log = [...cohort(1, [10, 6, 5, 4], 'B'), ...cohort(1, [10, 3, 3, 3], 'A'), ends];
    const t = computeCohorts(input(log, { split: true }));
    expect(cohortSummary('month', t.cohorts, t.groups)).toBe('At month 3, B kept 40% of its customers and A 30% (fully observed cohorts pooled): 30 points apart at month 1 and 10 points at month 3 — the gap fades.');
  });
});
