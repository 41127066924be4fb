// analyzeJourney against a straightforward reference over plain JS arrays, on random logs of a few thousand
// events with many same-time ties, loops, missing ratings and rows out of order.
import { describe, expect, it } from 'vitest';
import type { JourneyResult, JourneyStageSpec } from '../../../shared/journeys';
import { analyzeJourney } from '../../../main/analysis/journey';
import { mulberry32 } from '../../../main/analysis/random';
import { npsWithInterval } from '../../../main/analysis/segment-stats';
import { type Ev, H, logOf, npQuantile, spec, T0 } from './journey-helpers';

const STEPS = ['Visit', 'Browse', 'Cart', 'Pay', 'Ship', 'Help', 'Review'];
const CHANNELS = ['web', 'app', 'store'];

function randomLog(seed: number, n: number): Ev[] {
  const rand = mulberry32(seed);
  const out: Ev[] = [];
  for (let i = 0; i < n; i++) {
    const c = `c${Math.floor(rand() * 500)}`;
    // Steps drift later in the day, with noise; times on a 4-hour grid so same-time ties are common.
    const s = Math.min(STEPS.length - 1, Math.floor(rand() * rand() * STEPS.length * 1.6));
    const t = T0 + Math.floor(rand() * 3) * 24 * H + (Math.floor(s / 2) + Math.floor(rand() * 2)) * 4 * H;
    out.push({
      c,
      t,
      step: STEPS[s],
      ch: rand() < 0.1 ? null : CHANNELS[Math.floor(rand() * 3)],
      sat: rand() < 0.3 ? Number.NaN : 1 + Math.floor(rand() * 5),
      nps: rand() < 0.5 ? Number.NaN : Math.floor(rand() * 11),
    });
  }
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface RefEvent extends Ev {
  row: number;
  time: number;
}

/** The obvious implementation of the documented rules. */
function reference(events: readonly Ev[], stages?: JourneyStageSpec[], offFunnel: string[] = []) {
  const evs: RefEvent[] = events.map((e, row) => ({ ...e, row, time: e.t as number }));
  const journeys = new Map<string, RefEvent[]>();
  for (const e of evs) {
    const j = journeys.get(e.c);
    if (j) j.push(e);
    else journeys.set(e.c, [e]);
  }
  for (const j of journeys.values()) j.sort((a, b) => a.time - b.time || a.row - b.row);
  const positions = new Map<string, number[]>();
  for (const j of journeys.values()) {
    j.forEach((e, i) => {
      const list = positions.get(e.step);
      if (list) list.push(i);
      else positions.set(e.step, [i]);
    });
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const inferred = [...positions.keys()].sort(
    (a, b) => npQuantile(positions.get(a)!, 0.5) - npQuantile(positions.get(b)!, 0.5) || mean(positions.get(a)!) - mean(positions.get(b)!) || cmp(a, b),
  );
  const stageNames: string[] = [];
  const stageOf = new Map<string, number>();
  for (const st of stages ?? []) {
    for (const s of st.steps) if (!stageOf.has(s) && positions.has(s)) stageOf.set(s, stageNames.length);
    stageNames.push(st.name);
  }
  for (const s of inferred) {
    if (stageOf.has(s)) continue;
    stageOf.set(s, stageNames.length);
    stageNames.push(s);
  }
  for (const j of journeys.values()) j.sort((a, b) => a.time - b.time || stageOf.get(a.step)! - stageOf.get(b.step)! || a.row - b.row);

  // Funnel stages: those with a step that is not a side step; side steps never advance a journey.
  const side = new Set(offFunnel);
  const funnelStages = stageNames.map((_, k) => k).filter((k) => [...stageOf].some(([step, sk]) => sk === k && !side.has(step)));
  const funnelNames = funnelStages.map((k) => stageNames[k]);
  const funnelOf = (step: string): number => (side.has(step) ? -1 : funnelStages.indexOf(stageOf.get(step)!));
  const funnel = funnelNames.map(() => 0);
  const reachAny = funnelNames.map(() => new Set<string>());
  const pairs = new Map<string, { from: string; to: string; customers: Set<string>; gaps: number[] }>();
  const variants = new Map<string, number>();
  const stepCustomers = new Map<string, Set<string>>();
  for (const [c, j] of journeys) {
    let next = 0;
    for (const e of j) if (next < funnelNames.length && funnelOf(e.step) === next) next++;
    for (const e of j) if (funnelOf(e.step) >= 0) reachAny[funnelOf(e.step)].add(c);
    for (let k = 0; k < next; k++) funnel[k]++;
    for (let i = 0; i + 1 < j.length; i++) {
      const key = `${j[i].step}\u0000${j[i + 1].step}`;
      const p = pairs.get(key) ?? { from: j[i].step, to: j[i + 1].step, customers: new Set<string>(), gaps: [] };
      p.customers.add(c);
      p.gaps.push((j[i + 1].time - j[i].time) / 1000);
      pairs.set(key, p);
    }
    const v = JSON.stringify(j.map((e) => e.step));
    variants.set(v, (variants.get(v) ?? 0) + 1);
    for (const e of j) stepCustomers.set(e.step, (stepCustomers.get(e.step) ?? new Set()).add(c));
  }
  const transitions = [...pairs.values()]
    .map((p) => ({ from: p.from, to: p.to, customers: p.customers.size, events: p.gaps.length, medianSeconds: npQuantile(p.gaps, 0.5), p90Seconds: npQuantile(p.gaps, 0.9) }))
    .sort((a, b) => b.customers - a.customers || b.events - a.events || cmp(a.from, b.from) || cmp(a.to, b.to));
  const comparePaths = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return cmp(a[i], b[i]);
    return a.length - b.length;
  };
  const variantList = [...variants]
    .map(([k, customers]) => ({ path: JSON.parse(k) as string[], customers, share: customers / journeys.size }))
    .sort((a, b) => b.customers - a.customers || comparePaths(a.path, b.path));
  const byStage = stageNames.map(() => [] as RefEvent[]);
  for (const e of evs) byStage[stageOf.get(e.step)!].push(e);
  const stageStats = stageNames.map((_, k) => {
    const inStage = byStage[k];
    const rated = inStage.filter((e) => e.sat !== undefined && !Number.isNaN(e.sat)).map((e) => e.sat!);
    const scores = inStage.filter((e) => e.nps !== undefined && !Number.isNaN(e.nps)).map((e) => e.nps!);
    return {
      customers: new Set(inStage.map((e) => e.c)).size,
      events: inStage.length,
      satN: rated.length,
      satMean: rated.length ? mean(rated) : null,
      nps: npsWithInterval(scores.filter((s) => s >= 9).length, scores.filter((s) => s === 7 || s === 8).length, scores.filter((s) => s <= 6).length),
    };
  });
  // Suggested side steps: funnel stages reached by fewer than 80% of the journeys of some later funnel stage.
  const suggested = funnelStages.flatMap((k, f) =>
    reachAny.slice(f + 1).some((later) => reachAny[f].size < 0.8 * later.size) ? [...stageOf].filter(([step, sk]) => sk === k && !side.has(step)).map(([step]) => step) : [],
  );
  return { customers: journeys.size, stageNames, funnelNames, funnel, suggested, transitions, variantList, variantCount: variants.size, stepCustomers, stageStats, positions };
}

function expectMatches(r: JourneyResult, ref: ReturnType<typeof reference>): void {
  expect(r.customers).toBe(ref.customers);
  expect(r.stages.map((s) => s.stage)).toEqual(ref.stageNames);
  expect(r.funnel.map((f) => f.stage)).toEqual(ref.funnelNames);
  expect(r.funnel.map((f) => f.customers)).toEqual(ref.funnel);
  expect(r.stages.filter((s) => s.inFunnel).map((s) => s.stage)).toEqual(ref.funnelNames);
  expect(new Set(r.suggestedOffFunnel)).toEqual(new Set(ref.suggested));
  expect(r.transitions.length).toBe(ref.transitions.length);
  r.transitions.forEach((t, i) => {
    const w = ref.transitions[i];
    expect([t.from, t.to, t.customers, t.events]).toEqual([w.from, w.to, w.customers, w.events]);
    expect(t.medianSeconds).toBeCloseTo(w.medianSeconds, 6);
    expect(t.p90Seconds).toBeCloseTo(w.p90Seconds, 6);
  });
  expect(r.variantCount).toBe(ref.variantCount);
  expect(r.variants).toEqual(ref.variantList.slice(0, 20));
  for (const s of r.steps) {
    expect(s.customers).toBe(ref.stepCustomers.get(s.step)!.size);
    expect(s.events).toBe(ref.positions.get(s.step)!.length);
    expect(s.medianPosition).toBe(npQuantile(ref.positions.get(s.step)!, 0.5));
  }
  r.stages.forEach((s, k) => {
    const w = ref.stageStats[k];
    expect([s.customers, s.events, s.satisfaction?.n ?? 0]).toEqual([w.customers, w.events, w.satN]);
    if (w.satMean === null) expect(s.satisfaction).toBeNull();
    else expect(s.satisfaction?.mean).toBeCloseTo(w.satMean, 10);
    expect(s.nps?.nps ?? null).toBe(w.nps.nps);
    expect(s.nps?.n ?? 0).toBe(w.nps.n);
  });
}

const OPTS = { channel: true, satisfaction: true, nps: true } as const;
const COLUMNS = { channel: 'channel', satisfaction: 'sat', nps: 'nps' };

describe('analyzeJourney vs a straightforward reference on random logs', () => {
  it('inferred stages (3,000 events)', () => {
    const log = randomLog(11, 3000);
    const r = analyzeJourney(logOf(log, OPTS), spec(COLUMNS));
    // This log does have stages reached by far fewer journeys than later ones (so the suggestion is exercised).
    expect(r.suggestedOffFunnel.length).toBeGreaterThan(0);
    expectMatches(r, reference(log));
  });

  it('the suggested side steps left out: the same figures as the reference, and nothing more to suggest', () => {
    const log = randomLog(11, 3000);
    const first = analyzeJourney(logOf(log, OPTS), spec(COLUMNS));
    const r = analyzeJourney(logOf(log, OPTS), spec({ ...COLUMNS, offFunnel: first.suggestedOffFunnel }));
    expect(r.suggestedOffFunnel).toEqual([]);
    expectMatches(r, reference(log, undefined, first.suggestedOffFunnel));
  });

  it('analyst stages grouping steps, one step unlisted', () => {
    const log = randomLog(12, 4000);
    const stages = [
      { name: 'Shop', steps: ['Browse', 'Visit'] },
      { name: 'Buy', steps: ['Cart', 'Pay'] },
      { name: 'After', steps: ['Review', 'Ship'] },
    ];
    expectMatches(analyzeJourney(logOf(log, OPTS), spec({ ...COLUMNS, stages })), reference(log, stages));
  });

  it('side steps left out of the funnel, one of them inside an analyst stage', () => {
    const log = randomLog(14, 4000);
    const stages = [
      { name: 'Shop', steps: ['Visit', 'Browse'] },
      { name: 'Buy', steps: ['Cart', 'Pay', 'Help'] },
    ];
    const offFunnel = ['Help', 'Ship'];
    const r = analyzeJourney(logOf(log, OPTS), spec({ ...COLUMNS, stages, offFunnel }));
    expect(r.stages.find((s) => s.stage === 'Ship')?.inFunnel).toBe(false);
    expect(r.stages.find((s) => s.stage === 'Buy')?.inFunnel).toBe(true);
    expectMatches(r, reference(log, stages, offFunnel));
  });

  it('channel filter equals analysing only that channel’s events', () => {
    const log = randomLog(13, 3000);
    const r = analyzeJourney(logOf(log, OPTS), spec({ ...COLUMNS, filter: { channels: ['app', 'store'] } }));
    expectMatches(r, reference(log.filter((e) => e.ch === 'app' || e.ch === 'store')));
  });

  it('many steps (sparse pair table) and very long journeys with ties (index sort, bucketed positions)', () => {
    const rand = mulberry32(21);
    const log: Ev[] = [];
    // 1,200 steps (> 1,024: pairs through a Map); one 7,000-event journey (1,200 × 7,000 cells > the dense
    // position histogram, and > 64 events: sorted by index), events on a coarse time grid so ties abound.
    for (let i = 0; i < 7000; i++) log.push({ c: 'long', t: T0 + Math.floor(rand() * 50) * H, step: `s${Math.floor(rand() * 1200)}` });
    for (let i = 0; i < 3000; i++) {
      const s = Math.floor(rand() * 1200);
      log.push({ c: `c${Math.floor(rand() * 300)}`, t: T0 + Math.floor(s / 100 + rand() * 3) * H, step: `s${s}` });
    }
    // Shuffle the rows so no journey arrives in order.
    for (let i = log.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [log[i], log[j]] = [log[j], log[i]];
    }
    const r = analyzeJourney(logOf(log), spec());
    expect(r.stages.length).toBeGreaterThan(1024);
    expectMatches(r, reference(log));
  });
});
