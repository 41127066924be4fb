// Side steps left out of the funnel (spec.offFunnel) and the stages suggested as side steps, on a hand-made log
// where every expected number is counted by hand below.
import { describe, expect, it } from 'vitest';
import { analyzeJourney, formatPercent } from '../../../main/analysis/journey';
import { SIDE_STEP_RATIO } from '../../../main/analysis/journey/funnel-plan';
import { type Ev, H, logOf, path, spec } from './journey-helpers';

/**
 * 10 journeys, events one hour apart:
 *   j0–j4  A B S C   (contact support S between B and C, then carry on)
 *   j5–j7  A B C
 *   j8     A B S     (contacts support and stops)
 *   j9     A B
 * Ratings: A 5 (j0 only), B 3, S 1, C 4 — the observed scale is 1–5.
 *
 * Positions: S is 3rd in all 6 of its journeys (median 2); C is 4th in 5 journeys and 3rd in 3 (sorted
 * 2,2,2,3,3,3,3,3: median 3). So the inferred order is A, B, S, C and S becomes a funnel stage.
 */
function sideStepLog(): Ev[] {
  const sat: Record<string, number> = { B: 3, S: 1, C: 4 };
  const rate = (events: Ev[]): Ev[] => events.map((e) => ({ ...e, sat: e.step === 'A' ? (e.c === 'j0' ? 5 : Number.NaN) : sat[e.step] }));
  return rate([
    ...['j0', 'j1', 'j2', 'j3', 'j4'].flatMap((c) => path(c, ['A', 'B', 'S', 'C'])),
    ...['j5', 'j6', 'j7'].flatMap((c) => path(c, ['A', 'B', 'C'])),
    ...path('j8', ['A', 'B', 'S']),
    ...path('j9', ['A', 'B']),
  ]);
}

const SEGMENTS = { names: ['Seg one', 'Seg two'], of: { j0: 0, j1: 0, j2: 0, j3: 0, j4: 0, j5: 1, j6: 1, j7: 1, j8: 1, j9: 1 } };
const input = () => logOf(sideStepLog(), { satisfaction: true, segments: SEGMENTS });
const SAT = { satisfaction: 'sat' };

describe('a side step as a funnel stage (no offFunnel)', () => {
  const r = analyzeJourney(input(), spec(SAT));

  it('takes its own stage by median position, and the funnel collapses there', () => {
    expect(r.stages.map((s) => [s.stage, s.customers, s.inFunnel])).toEqual([
      ['A', 10, true],
      ['B', 10, true],
      ['S', 6, true],
      ['C', 8, true],
    ]);
    // In order: A 10, B 10, S after B: j0–j4 and j8 = 6, C after S: j0–j4 = 5 (j5–j7 reach C but never S).
    expect(r.funnel.map((f) => [f.stage, f.customers])).toEqual([
      ['A', 10],
      ['B', 10],
      ['S', 6],
      ['C', 5],
    ]);
  });

  it('suggests S: 6 journeys contact support, under 80% of the 8 that reach C later (6 < 6.4)', () => {
    expect(SIDE_STEP_RATIO).toBe(0.8);
    expect(r.suggestedOffFunnel).toEqual(['S']);
  });

  it('ranks S as a pain point (4 of 10 stop before it, rated 1 = the bottom of the scale)', () => {
    expect(r.painPoints.map((p) => [p.stage, p.score])).toEqual([
      ['S', 0.4 * 1],
      // C: 1 of the 6 that reached S stops before C; rated 4 → 0.75 on 0–1.
      ['C', (1 / 6) * 0.25],
      ['B', 0],
    ]);
  });
});

describe('offFunnel: ["S"]', () => {
  const base = analyzeJourney(input(), spec(SAT));
  const r = analyzeJourney(input(), spec({ ...SAT, offFunnel: ['S'] }));

  it('leaves S out of the funnel: A 10, B 10, C 8 (j0–j7), so 2 drop off before C', () => {
    expect(r.funnel).toEqual([
      { stage: 'A', customers: 10, dropOff: 0, dropOffRate: 0, conversion: 1 },
      { stage: 'B', customers: 10, dropOff: 0, dropOffRate: 0, conversion: 1 },
      { stage: 'C', customers: 8, dropOff: 2, dropOffRate: 0.2, conversion: 0.8 },
    ]);
    expect(r.suggestedOffFunnel).toEqual([]);
    expect(r.warnings).toEqual([]);
  });

  it('keeps S as a stage with its journeys, events and satisfaction, marked as not in the funnel', () => {
    expect(r.stages.map((s) => [s.stage, s.customers, s.events, s.inFunnel, s.satisfaction?.mean ?? null, s.satisfaction?.n ?? 0])).toEqual([
      ['A', 10, 10, true, 5, 1],
      ['B', 10, 10, true, 3, 10],
      ['S', 6, 6, false, 1, 6],
      ['C', 8, 8, true, 4, 8],
    ]);
  });

  it('measures time to the next funnel stage past the side step: B → C is 2 h for j0–j4, 1 h for j5–j7', () => {
    // Sorted: 3600 ×3, 7200 ×5 → median (7200 + 7200) / 2. A → B is 1 h everywhere; S and C have no next stage.
    expect(r.stages.map((s) => s.medianSecondsToNext)).toEqual([H / 1000, 7200, null, null]);
    // Without offFunnel, B's next stage is S, one hour later in all six journeys.
    expect(base.stages.map((s) => s.medianSecondsToNext)).toEqual([3600, 3600, 3600, null]);
  });

  it('keeps steps, transitions, timing and variants exactly as they were', () => {
    expect(r.steps).toEqual(base.steps);
    expect(r.transitions).toEqual(base.transitions);
    expect(r.timing).toEqual(base.timing);
    expect(r.variants).toEqual(base.variants);
    expect(r.transitions.find((t) => t.from === 'B' && t.to === 'S')?.customers).toBe(6);
  });

  it('ranks funnel stages only, and never calls B “the lowest of all stages” while S rates lower', () => {
    // C: 2 of 10 stop before C, rated 4 → 0.2 × (1 − 0.75) = 0.05; B: no drop-off → 0.
    expect(r.painPoints.map((p) => [p.stage, p.score])).toEqual([
      ['C', 0.2 * 0.25],
      ['B', 0],
    ]);
    expect(r.painPoints[0].explanation).toBe(`C: ${formatPercent(0.2)} of the journeys that reached B stop before C, and satisfaction here averages 4.0 on the 1–5 scale.`);
    expect(r.painPoints.some((p) => p.explanation.includes('lowest'))).toBe(false);
    // With S a funnel stage it is the lowest (1.0) and says so.
    expect(base.painPoints[0].explanation).toContain('the lowest of all stages');
  });

  it('compares groups over the funnel stages; group satisfaction keeps the side step', () => {
    const g = analyzeJourney(input(), spec({ ...SAT, offFunnel: ['S'], segmentation: 'segs', compareBy: 'segment' }));
    // Seg one: j0–j4, all A B S C → 5, 5, 5. Seg two: j5–j7 reach C, j8 and j9 stop at B → 5, 5, 3.
    expect(g.groups?.map((x) => [x.group, x.customers, x.funnel.map((f) => f.customers)])).toEqual([
      ['Seg one', 5, [5, 5, 5]],
      ['Seg two', 5, [5, 5, 3]],
    ]);
    expect(g.groups?.[1].stages.map((s) => [s.stage, s.satisfaction?.n ?? 0])).toEqual([
      ['A', 0],
      ['B', 5],
      ['S', 1],
      ['C', 3],
    ]);
  });
});

describe('offFunnel with analyst stages and bad names', () => {
  it('a stage mixing a side step with funnel steps stays in the funnel, reached through the others, and says so', () => {
    const stages = [
      { name: 'Start', steps: ['A'] },
      { name: 'Middle', steps: ['S', 'B'] },
      { name: 'End', steps: ['C'] },
    ];
    // j8 and j9 would reach Middle through B anyway; a journey with S but no B would not (none here), so add one.
    const log = [...sideStepLog(), ...path('k0', ['A', 'S', 'C'])];
    const r = analyzeJourney(logOf(log), spec({ stages, offFunnel: ['S'] }));
    expect(r.stages.map((s) => [s.stage, s.customers, s.inFunnel])).toEqual([
      ['Start', 11, true],
      ['Middle', 11, true],
      ['End', 9, true],
    ]);
    // k0 has S but no B: it stops at Start. Without offFunnel its S would carry it to Middle and on to End.
    expect(r.funnel.map((f) => f.customers)).toEqual([11, 10, 8]);
    expect(analyzeJourney(logOf(log), spec({ stages })).funnel.map((f) => f.customers)).toEqual([11, 11, 9]);
    expect(r.warnings).toEqual(['Stage Middle mixes side steps (S) with funnel steps: it stays in the funnel, reached through B only.']);
  });

  it('names that are not steps are reported; a stage name is pointed to its steps', () => {
    const stages = [{ name: 'Support', steps: ['S'] }];
    const r = analyzeJourney(input(), spec({ stages, offFunnel: ['Support', 'Chat'] }));
    expect(r.warnings).toEqual(['Side steps not found in the step column: "Support" (a stage: list its steps instead), "Chat". Check the spelling against the step values.']);
    expect(r.funnel.length).toBe(4);
  });

  it('every stage a side step: no funnel, no pain points, no suggestion, a warning', () => {
    const r = analyzeJourney(input(), spec({ ...SAT, offFunnel: ['A', 'B', 'S', 'C'] }));
    expect([r.funnel, r.painPoints, r.suggestedOffFunnel]).toEqual([[], [], []]);
    expect(r.stages.every((s) => !s.inFunnel && s.medianSecondsToNext === null)).toBe(true);
    expect(r.warnings).toEqual(['Every stage is left out of the funnel as a side step, so there is no funnel to show.']);
  });

  it('does not suggest a stage skipped by a few journeys (reach at or above 80% of a later stage)', () => {
    // 10 journeys reach C; 8 of them had B first (8 ≥ 0.8 × 10), so B stays a funnel stage.
    const log = [...Array.from({ length: 8 }, (_, i) => path(`x${i}`, ['A', 'B', 'C'])).flat(), ...path('y0', ['A', 'C']), ...path('y1', ['A', 'C'])];
    expect(analyzeJourney(logOf(log), spec()).suggestedOffFunnel).toEqual([]);
    // One fewer (7 < 8): suggested.
    const fewer = [...Array.from({ length: 7 }, (_, i) => path(`x${i}`, ['A', 'B', 'C'])).flat(), ...['y0', 'y1', 'y2'].flatMap((c) => path(c, ['A', 'C']))];
    expect(analyzeJourney(logOf(fewer), spec()).suggestedOffFunnel).toEqual(['B']);
  });

  it('suggests every funnel step of a grouped stage', () => {
    const stages = [
      { name: 'Start', steps: ['A', 'B'] },
      { name: 'Help', steps: ['S', 'T'] },
      { name: 'End', steps: ['C'] },
    ];
    const log = [...sideStepLog(), ...path('j0', ['T'], 1)];
    const r = analyzeJourney(logOf(log), spec({ stages }));
    // Help: j0–j4 and j8 (6) < 0.8 × End's 8.
    expect(r.suggestedOffFunnel).toEqual(['S', 'T']);
  });
});
