// maxOf/minOf/pushAll (shared/extent.ts) and the text outputs that crashed with "Maximum call stack size exceeded"
// when an array was spread into Math.max/push (issue 12 item 5: `cxw journey` at 300k distinct steps). Expected
// values are by hand: the extremes of small lists, Math.max/min's own answers for the edge cases (empty, NaN, ±0),
// and for the synthetic 300k-step journey the longest step name ("step-299999", 11 characters) sets the width.
import { describe, expect, it } from 'vitest';
import type { JourneyResult } from '../../../shared/journeys';
import { maxOf, minOf, pushAll } from '../../../shared/extent';
import { formatJourney, sideStepReasons } from '../../../main/cli/commands/journey-text';
import { table } from '../../../main/cli/format';

describe('maxOf / minOf / pushAll', () => {
  it('agree with Math.max / Math.min on small and edge-case lists', () => {
    expect(maxOf([3, -1, 7, 2])).toBe(7);
    expect(minOf([3, -1, 7, 2])).toBe(-1);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([1, Number.NaN, 3])).toBeNaN();
    expect(minOf([1, Number.NaN, 3])).toBeNaN();
    expect(Object.is(maxOf([-0, 0]), 0)).toBe(true);
    expect(Object.is(minOf([0, -0]), -0)).toBe(true);
    expect(maxOf(new Float64Array([0.5, 2.5, 1]))).toBe(2.5);
  });
  it('handle a million values, where the spread form overflows the stack', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(...big)).toThrow(RangeError); // the crash this replaces
    expect(maxOf(big)).toBe(1_000_002);
    expect(minOf(big)).toBe(0);
    const target = [1];
    expect(pushAll(target, big)).toBe(target);
    expect(target).toHaveLength(1_000_001);
    expect(target[1_000_000]).toBe(big[999_999]);
  });
});

const STEPS = 300_000;
const name = (i: number) => `step-${i}`;

/** A journey result with 300k distinct steps, one stage each, every 300th stage suggested as a side step. */
function hugeResult(): JourneyResult {
  const steps = Array.from({ length: STEPS }, (_, i) => ({ step: name(i), stage: name(i), customers: STEPS - i, events: STEPS - i, medianPosition: i, meanSatisfaction: null, satisfaction: null }));
  return {
    spec: { dataset: 'events', customer: 'customer', time: 'ts', step: 'step' },
    customers: STEPS,
    events: STEPS * 2,
    skippedEvents: 0,
    orderNote: 'by timestamp',
    steps,
    stages: steps.map((s) => ({ stage: s.step, steps: [s.step], customers: s.customers, events: s.events, satisfaction: null, nps: null, channels: [], inFunnel: true, medianSecondsToNext: null })),
    transitions: steps.slice(1).map((s, i) => ({ from: name(i), to: s.step, customers: 1, events: 1, medianSeconds: 60, p90Seconds: 90 })),
    funnel: steps.map((s, i) => ({ stage: s.step, customers: s.customers, dropOff: i === 0 ? 0 : 1, dropOffRate: i === 0 ? 0 : 1 / (s.customers + 1), conversion: s.customers / STEPS })),
    timing: [],
    variants: [],
    variantCount: STEPS,
    painPoints: [],
    satisfactionScale: null,
    channels: [],
    segments: null,
    unmatchedCustomers: 0,
    groups: null,
    suggestedOffFunnel: steps.filter((_, i) => i % 300 === 299).map((s) => s.step),
    warnings: Array.from({ length: STEPS }, (_, i) => `warning ${i}`),
  } as JourneyResult;
}

describe('text output of very large results', () => {
  it('formats a journey with 300k distinct steps (crashed with "Maximum call stack size exceeded")', () => {
    const r = hugeResult();
    const text = formatJourney(r, { variants: false, timing: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Journeys in "events": 300,000 journeys, 600,000 events, 300000 steps in 300000 stages.');
    // The steps table: header padded to the widest cell, 'step-299999' (11 characters).
    const stepsHeader = lines.findIndex((l) => l.startsWith('step ') && l.includes('median position'));
    expect(lines[stepsHeader].startsWith('step        ')).toBe(true);
    expect(lines).toContain('  - warning 299999');
    expect(text).toContain('Transitions (directly follows): the 20 most travelled of 299,999');
  });

  it('finds each side step\'s reason in one pass (the same answer as the quadratic scan)', () => {
    const r = hugeResult();
    const started = Date.now();
    const reasons = sideStepReasons(r);
    // The scan over every later stage took 12 s here; one pass takes milliseconds.
    expect(Date.now() - started).toBeLessThan(2_000);
    // 1,000 suggested; the last stage has no later one, so step-299999 gets no reason.
    expect(reasons).toHaveLength(999);
    // Customers fall along the funnel, so the later stage most reached is always the next one.
    expect(reasons[0]).toEqual({ stage: 'step-299', customers: STEPS - 299, later: 'step-300', laterCustomers: STEPS - 300 });
    expect(reasons.at(-1)).toEqual({ stage: 'step-299699', customers: STEPS - 299_699, later: 'step-299700', laterCustomers: STEPS - 299_700 });
  });

  it('pads a 300k-row table to its widest cell', () => {
    const rows = Array.from({ length: STEPS }, (_, i) => [String(i), 'x']);
    const out = table(['n', 'x'], rows).split('\n');
    // Widest cell of the first column: '299999', 6 characters; columns are joined by two spaces.
    expect(out[0]).toBe('n       x');
    expect(out[1]).toBe('------  -');
    expect(out[STEPS + 1]).toBe('299999  x');
    expect(out).toHaveLength(STEPS + 2);
  });
});
