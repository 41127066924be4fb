// analyzeJourney on hand-made logs: every expected number below is counted by hand from the log in the test.
import { describe, expect, it } from 'vitest';
import { analyzeJourney } from '../../../main/analysis/journey';
import { npsWithInterval } from '../../../main/analysis/segment-stats';
import { D, type Ev, H, logOf, path, spec, T0 } from './journey-helpers';

/** 10 journeys: 10 reach A, 7 reach B after A, 4 reach C after B; j5 has C before B, so it stops at B. */
function funnelLog(): Ev[] {
  return [
    ...path('j0', ['A']),
    ...path('j1', ['A']),
    ...path('j2', ['A']),
    ...path('j3', ['A', 'B']),
    ...path('j4', ['A', 'B']),
    ...path('j5', ['A', 'C', 'B']),
    ...path('j6', ['A', 'B', 'C']),
    ...path('j7', ['A', 'B', 'C']),
    ...path('j8', ['A', 'B', 'C']),
    ...path('j9', ['A', 'B', 'C']),
  ];
}

describe('funnel', () => {
  it('counts journeys reaching each stage in order, with drop-offs and conversion', () => {
    const r = analyzeJourney(logOf(funnelLog()), spec());
    expect(r.customers).toBe(10);
    expect(r.events).toBe(10 + 7 + 5);
    expect(r.skippedEvents).toBe(0);
    expect(r.funnel).toEqual([
      { stage: 'A', customers: 10, dropOff: 0, dropOffRate: 0, conversion: 1 },
      { stage: 'B', customers: 7, dropOff: 3, dropOffRate: 0.3, conversion: 0.7 },
      { stage: 'C', customers: 4, dropOff: 3, dropOffRate: 3 / 7, conversion: 0.4 },
    ]);
    // Stage customers count any event of the stage, in or out of funnel order (j5 has a C).
    expect(r.stages.map((s) => [s.stage, s.customers, s.events])).toEqual([
      ['A', 10, 10],
      ['B', 7, 7],
      ['C', 5, 5],
    ]);
    // Every step one hour after the previous one: A→B and B→C reached in funnel order take 3,600 s.
    expect(r.stages.map((s) => s.medianSecondsToNext)).toEqual([3600, 3600, null]);
  });

  it('gives the same figures whatever the row order of the file', () => {
    const log = funnelLog();
    const shuffled = [...log].reverse();
    [shuffled[3], shuffled[11]] = [shuffled[11], shuffled[3]];
    const a = analyzeJourney(logOf(log), spec());
    const b = analyzeJourney(logOf(shuffled), spec());
    expect(b).toEqual(a);
  });

  it('uses the analyst’s stages, several steps to a stage, and puts unlisted steps after them', () => {
    const log = [...path('a', ['Visit', 'Browse', 'Cart', 'Pay']), ...path('b', ['Visit', 'Cart', 'Help']), ...path('c', ['Browse', 'Help'])];
    const r = analyzeJourney(logOf(log), spec({ stages: [{ name: 'Discover', steps: ['Visit', 'Browse'] }, { name: 'Buy', steps: ['Cart', 'Pay', 'Refund'] }] }));
    expect(r.stages.map((s) => [s.stage, s.steps, s.customers, s.events])).toEqual([
      ['Discover', ['Visit', 'Browse'], 3, 4],
      ['Buy', ['Cart', 'Pay'], 2, 3],
      ['Help', ['Help'], 2, 2],
    ]);
    // a: Discover → Buy; b: Discover → Buy → Help; c: Discover → Help (no Buy), so it stops at Discover.
    expect(r.funnel.map((f) => f.customers)).toEqual([3, 2, 1]);
    expect(r.steps.map((s) => [s.step, s.stage])).toEqual([
      ['Visit', 'Discover'],
      ['Browse', 'Discover'],
      ['Cart', 'Buy'],
      ['Pay', 'Buy'],
      ['Help', 'Help'],
    ]);
    expect(r.warnings.some((w) => w.includes('"Refund" (stage Buy)'))).toBe(true);
    expect(r.orderNote).toContain('stage order you set');
  });

  it('warns when an unlisted step shares its name with a stage', () => {
    const r = analyzeJourney(logOf([...path('a', ['Visit', 'Buy'])]), spec({ stages: [{ name: 'Buy', steps: ['Visit'] }] }));
    expect(r.stages.map((s) => [s.stage, s.steps])).toEqual([
      ['Buy', ['Visit']],
      ['Buy', ['Buy']],
    ]);
    expect(r.warnings).toContain('Step "Buy" is in no stage but shares its name with a stage; add it to that stage to count them together.');
  });
});

describe('loops, repeats and single events', () => {
  const log = [...path('x', ['A', 'B', 'A', 'B', 'C']), ...path('y', ['A', 'B', 'B']), ...path('z', ['B'])];
  const r = analyzeJourney(logOf(log), spec());

  it('counts directly-follows pairs as events and distinct journeys, self-loops included', () => {
    expect(r.transitions.map((t) => [t.from, t.to, t.customers, t.events])).toEqual([
      ['A', 'B', 2, 3],
      ['B', 'A', 1, 1],
      ['B', 'B', 1, 1],
      ['B', 'C', 1, 1],
    ]);
    expect(r.transitions[0].medianSeconds).toBe(3600);
  });

  it('keeps loops in variants and shares over all journeys', () => {
    expect(r.variants).toEqual([
      { path: ['A', 'B', 'A', 'B', 'C'], customers: 1, share: 1 / 3 },
      { path: ['A', 'B', 'B'], customers: 1, share: 1 / 3 },
      { path: ['B'], customers: 1, share: 1 / 3 },
    ]);
    expect(r.variantCount).toBe(3);
  });

  it('counts steps by journeys and events, with median positions from the time order', () => {
    // A at positions 0, 2 (x) and 0 (y): median 0. B at 1, 3 (x), 1, 2 (y), 0 (z): median 1. C at 4.
    expect(r.steps.map((s) => [s.step, s.customers, s.events, s.medianPosition])).toEqual([
      ['A', 2, 3, 0],
      ['B', 3, 5, 1],
      ['C', 1, 1, 4],
    ]);
    // z (a lone B) never reaches stage A.
    expect(r.funnel.map((f) => f.customers)).toEqual([2, 2, 1]);
  });
});

describe('events at the same time', () => {
  // Three journeys establish A < B < C; t has all three at one instant, in the file as C, A, B.
  const base = [...path('p', ['A', 'B', 'C']), ...path('q', ['A', 'B', 'C']), ...path('r', ['A', 'B', 'C'])];
  const tied: Ev[] = [
    { c: 't', t: T0, step: 'C' },
    { c: 't', t: T0, step: 'A' },
    { c: 't', t: T0, step: 'B' },
  ];
  const variantOfT = (r: ReturnType<typeof analyzeJourney>): string[][] => r.variants.map((v) => v.path);

  it('breaks ties by the inferred step order', () => {
    const r = analyzeJourney(logOf([...tied, ...base]), spec());
    // First pass (time, row): A at 0,0,0,1 → median 0; B at 1,1,1,2 → 1; C at 2,2,2,0 → 2.
    expect(r.steps.map((s) => [s.step, s.medianPosition])).toEqual([
      ['A', 0],
      ['B', 1],
      ['C', 2],
    ]);
    expect(variantOfT(r)).toEqual([['A', 'B', 'C']]);
    expect(r.transitions.map((t) => [t.from, t.to, t.customers])).toEqual([
      ['A', 'B', 4],
      ['B', 'C', 4],
    ]);
    expect(r.orderNote).toBe('Events are ordered by time; events at the same time are ordered by the usual order of their steps (each step’s median position in the journeys), then by their order in the file.');
  });

  it('breaks ties by the analyst’s stage order, then by row within a stage', () => {
    const r = analyzeJourney(logOf([...tied, ...base]), spec({ stages: [{ name: 'Last', steps: ['C'] }, { name: 'First', steps: ['A', 'B'] }] }));
    expect(variantOfT(r)).toContainEqual(['C', 'A', 'B']);
    expect(r.variants.find((v) => v.path.join() === 'C,A,B')?.customers).toBe(1);
  });

  it('ranks unlisted steps after the listed stages, in inferred order', () => {
    const r = analyzeJourney(logOf([...tied, ...base]), spec({ stages: [{ name: 'S1', steps: ['B'] }] }));
    expect(r.stages.map((s) => s.stage)).toEqual(['S1', 'A', 'C']);
    expect(variantOfT(r)).toContainEqual(['B', 'A', 'C']);
  });

  it('with day precision (times truncated by the caller), same-day events follow the stage order', () => {
    // Delivered at 14:00, then a date-only review stamped at midnight of the same day.
    const exact: Ev[] = [
      { c: 'k', t: T0 + 14 * H, step: 'Delivery' },
      { c: 'k', t: T0, step: 'Review' },
      { c: 'm', t: T0 + D + 9 * H, step: 'Delivery' },
      { c: 'm', t: T0 + D, step: 'Review' },
    ];
    const stages = [
      { name: 'Delivery', steps: ['Delivery'] },
      { name: 'Review', steps: ['Review'] },
    ];
    const byTime = analyzeJourney(logOf(exact), spec({ stages }));
    expect(byTime.variants).toEqual([{ path: ['Review', 'Delivery'], customers: 2, share: 1 }]);
    expect(byTime.funnel.map((f) => f.customers)).toEqual([2, 0]);
    const day = exact.map((e) => ({ ...e, t: Math.floor((e.t as number) / D) * D }));
    const byDay = analyzeJourney(logOf(day), spec({ stages, precision: 'day' }));
    expect(byDay.variants).toEqual([{ path: ['Delivery', 'Review'], customers: 2, share: 1 }]);
    expect(byDay.funnel.map((f) => f.customers)).toEqual([2, 2]);
    expect(byDay.transitions[0]).toMatchObject({ from: 'Delivery', to: 'Review', medianSeconds: 0, p90Seconds: 0 });
    expect(byDay.orderNote).toMatch(/^Events are ordered by day; events on the same day are ordered by the stage order you set/);
  });
});

describe('satisfaction, NPS and channels per stage', () => {
  const log: Ev[] = [
    { c: 'a', t: T0, step: 'A', sat: 5, nps: 10, ch: 'web' },
    { c: 'a', t: T0 + H, step: 'B', sat: 2, nps: 3, ch: 'web' },
    { c: 'a', t: T0 + 2 * H, step: 'C', ch: 'app' },
    { c: 'b', t: T0, step: 'A', sat: 4, nps: 9, ch: 'app' },
    { c: 'b', t: T0 + H, step: 'B', nps: 7, ch: 'web' },
    { c: 'b', t: T0 + 2 * H, step: 'C', nps: 0, ch: 'app' },
    { c: 'c', t: T0, step: 'A', nps: 6, ch: 'web' },
    { c: 'c', t: T0 + H, step: 'B', nps: 11, ch: null },
  ];
  const r = analyzeJourney(logOf(log, { satisfaction: true, nps: true, channel: true }), spec({ satisfaction: 'sat', nps: 'nps', channel: 'channel' }));

  it('means with a 95% t interval over rated events only; null where nothing is rated', () => {
    // A: 5, 4 (c unrated) → mean 4.5, sd 0.7071, t(0.975, 1) = 12.7062 → 4.5 ± 6.3531 (scipy).
    const a = r.stages[0].satisfaction;
    expect(a?.mean).toBeCloseTo(4.5, 12);
    expect(a?.n).toBe(2);
    expect(a?.ci?.[0]).toBeCloseTo(-1.8531023682160477, 8);
    expect(a?.ci?.[1]).toBeCloseTo(10.853102368216048, 8);
    expect(r.stages[1].satisfaction).toEqual({ mean: 2, n: 1, ci: null });
    expect(r.stages[2].satisfaction).toBeNull();
    expect(r.steps.map((s) => s.meanSatisfaction)).toEqual([4.5, 2, null]);
    expect(r.satisfactionScale).toEqual([2, 5]);
  });

  it('NPS per stage from hand counts; values outside 0–10 left out with a warning', () => {
    // A: 10, 9, 6 → 2 promoters, 1 detractor. B: 3, 7 (11 ignored) → 1 passive, 1 detractor. C: 0 → 1 detractor.
    const expected = [npsWithInterval(2, 0, 1), npsWithInterval(0, 1, 1), npsWithInterval(0, 0, 1)];
    expect(r.stages.map((s) => s.nps)).toEqual(expected);
    expect(r.stages[0].nps?.nps).toBeCloseTo(100 / 3, 12);
    expect(r.stages[1].nps?.nps).toBe(-50);
    expect(r.warnings).toContain('1 NPS value is outside 0–10 and was left out of NPS.');
  });

  it('events per channel, most first, and the channel list of the whole log', () => {
    expect(r.stages.map((s) => s.channels)).toEqual([
      [
        { channel: 'web', events: 2 },
        { channel: 'app', events: 1 },
      ],
      [{ channel: 'web', events: 2 }],
      [{ channel: 'app', events: 2 }],
    ]);
    expect(r.channels).toEqual(['web', 'app']);
  });

  it('stays null without the columns', () => {
    const plain = analyzeJourney(logOf(log), spec());
    expect(plain.stages.every((s) => s.satisfaction === null && s.nps === null && s.channels.length === 0)).toBe(true);
    expect(plain.satisfactionScale).toBeNull();
    expect(plain.channels).toEqual([]);
    expect(plain.painPoints.every((p) => p.meanSatisfaction === null)).toBe(true);
  });
});

describe('timing', () => {
  it('box statistics of the gaps, numpy-style quantiles', () => {
    const gaps = [60, 1200, 180, 240, 600, 120];
    const log = gaps.flatMap((g, i) => [
      { c: `j${i}`, t: T0, step: 'A' },
      { c: `j${i}`, t: T0 + g * 1000, step: 'B' },
    ]);
    const r = analyzeJourney(logOf(log), spec());
    // numpy.quantile([60,120,180,240,600,1200], [0,.25,.5,.75,.9,1]) = 60, 135, 210, 510, 900, 1200
    expect(r.timing).toEqual([{ from: 'A', to: 'B', n: 6, min: 60, q1: 135, median: 210, q3: 510, p90: 900, max: 1200 }]);
    expect(r.transitions[0]).toMatchObject({ medianSeconds: 210, p90Seconds: 900 });
  });

  it('keeps the 30 most frequent pairs, in transition order', () => {
    // 40 steps in a chain, pair i repeated in (i % 7) + 1 journeys.
    const log: Ev[] = [];
    for (let i = 0; i < 40; i++) for (let k = 0; k <= i % 7; k++) log.push(...path(`j${i}-${k}`, [`S${i}`, `S${i + 1}`]));
    const r = analyzeJourney(logOf(log), spec());
    expect(r.transitions).toHaveLength(40);
    expect(r.timing).toHaveLength(30);
    const frequent = r.transitions.slice(0, 30).map((t) => `${t.from}>${t.to}`);
    expect(r.timing.map((t) => `${t.from}>${t.to}`)).toEqual(frequent);
    expect(Math.min(...r.timing.map((t) => t.n))).toBeGreaterThanOrEqual(Math.max(...r.transitions.slice(30).map((t) => t.events)));
  });
});

describe('pain points', () => {
  it('ranks drop-off × dissatisfaction and explains each in numbers', () => {
    const log = funnelLog().map((e) => ({ ...e, sat: e.step === 'A' ? 4 : e.step === 'B' ? 2 : undefined }));
    const r = analyzeJourney(logOf(log, { satisfaction: true }), spec({ satisfaction: 'sat' }));
    expect(r.satisfactionScale).toEqual([2, 4]);
    // B: rate 0.3, mean 2 → 0 on the 2–4 scale → 0.3. C: rate 3/7, unrated → × 0.5.
    expect(r.painPoints).toEqual([
      {
        stage: 'B',
        score: 0.3,
        dropOffRate: 0.3,
        meanSatisfaction: 2,
        explanation: 'B: 30% of the journeys that reached A stop before B, and satisfaction here averages 2.0 on the 2–4 scale, the lowest of all stages.',
      },
      {
        stage: 'C',
        score: 1.5 / 7,
        dropOffRate: 3 / 7,
        meanSatisfaction: null,
        explanation: 'C: 43% of the journeys that reached B stop before C; satisfaction is not measured at this stage, so it counts as neutral (the middle of the scale) in the score.',
      },
    ]);
  });
});

describe('filters and comparison groups', () => {
  const log: Ev[] = [
    { c: 'a', t: T0, step: 'A', ch: 'web', sat: 4 },
    { c: 'a', t: T0 + H, step: 'B', ch: 'app', sat: 2 },
    { c: 'a', t: T0 + 2 * H, step: 'C', ch: 'web', sat: 3 },
    { c: 'b', t: T0, step: 'A', ch: 'app', sat: 5 },
    { c: 'b', t: T0 + H, step: 'B', ch: 'app', sat: 5 },
    { c: 'c', t: T0, step: 'A', ch: 'web', sat: 1 },
    { c: 'd', t: T0, step: 'B', ch: 'web' },
    { c: 'd', t: T0 + H, step: 'C', ch: 'web' },
  ];
  const segments = { names: ['Loyal', 'New'], of: { a: 0, b: 0, c: 1 } as Record<string, number> };
  const input = () => logOf(log, { channel: true, satisfaction: true, segments });

  it('reports segment sizes and unmatched journeys', () => {
    const r = analyzeJourney(input(), spec({ segmentation: 'seg' }));
    expect(r.segments).toEqual([
      { index: 0, name: 'Loyal', customers: 2 },
      { index: 1, name: 'New', customers: 1 },
    ]);
    expect(r.unmatchedCustomers).toBe(1);
    expect(r.groups).toBeNull();
  });

  it('keeps whole journeys of the chosen segments', () => {
    const r = analyzeJourney(input(), spec({ filter: { segments: [0] } }));
    expect(r.customers).toBe(2);
    expect(r.events).toBe(5);
    expect(r.funnel.map((f) => f.customers)).toEqual([2, 2, 1]);
    // Sizes are counted before the segment filter, so the filter can show every segment.
    expect(r.segments?.map((s) => s.customers)).toEqual([2, 1]);
  });

  it('keeps only events on the chosen channels and says so', () => {
    const r = analyzeJourney(input(), spec({ filter: { channels: ['web'] } }));
    // a: A, C (B was in the app); c: A; d: B, C.
    expect(r.customers).toBe(3);
    expect(r.events).toBe(5);
    expect(r.variants.map((v) => [v.path.join(''), v.customers])).toEqual([
      ['A', 1],
      ['AC', 1],
      ['BC', 1],
    ]);
    expect(r.transitions.map((t) => `${t.from}${t.to}`)).toEqual(['AC', 'BC']);
    expect(r.warnings.some((w) => w.startsWith('Channel filter: only events on web are kept'))).toBe(true);
    expect(r.channels).toEqual(['web', 'app']);
  });

  it('compares segments: funnel and stage satisfaction per segment, unmatched as its own group', () => {
    const r = analyzeJourney(input(), spec({ compareBy: 'segment' }));
    expect(r.groups?.map((g) => [g.group, g.customers, g.funnel.map((f) => f.customers)])).toEqual([
      ['Loyal', 2, [2, 2, 1]],
      ['New', 1, [1, 0, 0]],
      ['Not in the segmentation', 1, [0, 0, 0]],
    ]);
    expect(r.groups?.[0].stages.map((s) => s.satisfaction?.mean ?? null)).toEqual([4.5, 3.5, 3]);
    expect(r.groups?.[0].funnel[1]).toEqual({ stage: 'B', customers: 2, dropOff: 0, dropOffRate: 0, conversion: 1 });
    expect(r.groups?.[2].stages.map((s) => s.satisfaction)).toEqual([null, null, null]);
  });

  it('compares channels: each journey restricted to its events on the channel', () => {
    const r = analyzeJourney(input(), spec({ compareBy: 'channel' }));
    // web: a → A, C; c → A; d → B, C (no A) — app: a → B; b → A, B.
    expect(r.groups?.map((g) => [g.group, g.customers, g.funnel.map((f) => f.customers)])).toEqual([
      ['web', 3, [2, 0, 0]],
      ['app', 2, [1, 1, 0]],
    ]);
    expect(r.groups?.[1].stages.map((s) => s.satisfaction?.mean ?? null)).toEqual([5, 3.5, null]);
  });

  it('ignores a segment comparison without a segmentation, with a warning', () => {
    const r = analyzeJourney(logOf(log), spec({ compareBy: 'segment', filter: { segments: [1] } }));
    expect(r.groups).toBeNull();
    expect(r.customers).toBe(4);
    expect(r.warnings).toContain('Compare by segment was ignored: no segmentation is joined.');
    expect(r.warnings).toContain('The segment filter was ignored: no segmentation is joined.');
  });
});

describe('edge cases', () => {
  it('an empty log gives a valid, empty result with a warning', () => {
    const r = analyzeJourney(logOf([], { satisfaction: true, nps: true, channel: true }), spec({ compareBy: 'channel' }));
    expect(r).toMatchObject({ customers: 0, events: 0, steps: [], stages: [], transitions: [], funnel: [], timing: [], variants: [], variantCount: 0, painPoints: [] });
    expect(r.satisfactionScale).toBeNull();
    expect(r.groups).toEqual([]);
    expect(r.warnings.some((w) => w.includes('nothing to analyse'))).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('filters that leave nothing give zeros for the analyst’s stages', () => {
    const r = analyzeJourney(logOf(funnelLog().map((e) => ({ ...e, ch: 'web' })), { channel: true }), spec({ filter: { channels: ['store'] }, stages: [{ name: 'First', steps: ['A'] }] }));
    expect(r.customers).toBe(0);
    expect(r.funnel).toEqual([{ stage: 'First', customers: 0, dropOff: 0, dropOffRate: 0, conversion: 0 }]);
    expect(r.warnings.some((w) => w.includes('No events are left after the filters'))).toBe(true);
  });

  it('a step in the dictionary without events is left out of steps and stages', () => {
    const r = analyzeJourney(logOf(path('a', ['A', 'B']), { extraSteps: ['Z'] }), spec());
    expect(r.steps.map((s) => s.step)).toEqual(['A', 'B']);
  });

  it('stops with "cancelled" when asked to', () => {
    expect(() => analyzeJourney(logOf(funnelLog()), spec(), () => true)).toThrow('cancelled');
    let calls = 0;
    expect(() => analyzeJourney(logOf(funnelLog()), spec(), () => ++calls > 3)).toThrow('cancelled');
  });

  it('limits variants and orders ties by path', () => {
    const log = [...path('a', ['B']), ...path('b', ['A', 'C']), ...path('c', ['A']), ...path('d', ['A']), ...path('e', ['A', 'B'])];
    const r = analyzeJourney(logOf(log), spec({ variantsLimit: 3 }));
    expect(r.variants.map((v) => [v.path.join(''), v.customers, v.share])).toEqual([
      ['A', 2, 0.4],
      ['AB', 1, 0.2],
      ['AC', 1, 0.2],
    ]);
    expect(r.variantCount).toBe(4);
  });
});
