// seedJourneyMap on a hand-written result: every card's text, lane, stage and n worked out by hand from the
// fixture's figures (see fixture.ts), and the lanes left to the workshop stay empty.
import { describe, expect, it } from 'vitest';
import { seedJourneyMap } from '../../../main/workspace/journeys/seed';
import { validateMap } from '../../../main/workspace/journeys/maps';
import { handResult, SPEC } from './fixture';

const NOW = new Date('2025-03-01T10:00:00.000Z');

describe('seedJourneyMap', () => {
  it('lays the stages out in funnel order with measured cards and their n', () => {
    const map = seedJourneyMap({ name: 'Seeded', result: handResult(), spec: SPEC, now: NOW });
    expect(map.stages).toEqual([
      { id: 's1', name: 'Browse' },
      { id: 's2', name: 'Buy' },
      { id: 's3', name: 'After' },
    ]);
    const cards = map.cards.map(({ id, lane, stageId, text, n, value, evidence }) => ({ id, lane, stageId, text, n, value, evidence }));
    const m = (id: string, lane: string, stageId: string, text: string, n: number, value?: number) => ({ id, lane, stageId, text, n, value, evidence: 'measured' });
    expect(cards).toEqual([
      m('c1', 'touchpoints', 's1', 'Visit: 100 journeys (100% of all)', 100),
      m('c2', 'touchpoints', 's1', 'Browse: 80 journeys (80% of all)', 80),
      m('c3', 'emotions', 's1', 'Satisfaction 4.2 on 1–5 (95% CI 4–4.4); NPS +20 (95% CI +5 to +35, n = 40)', 50, 4.2),
      // 200 / 270 = 74.07%, 70 / 270 = 25.93%
      m('c4', 'channels', 's1', 'web 74.1% · app 25.9%', 270),
      m('c5', 'kpis', 's1', '100 journeys enter the funnel here', 100),
      // 5,400 s = 1.5 h; n = the journeys reaching Buy after Browse
      m('c6', 'kpis', 's1', 'Median time to Buy: 1.5 h', 55),
      m('c7', 'touchpoints', 's2', 'Checkout: 60 journeys (60% of all)', 60),
      m('c8', 'touchpoints', 's2', 'Payment: 45 journeys (45% of all)', 45),
      // 3.125 → 3.13 (two decimals); no CI with it, no NPS at this stage
      m('c9', 'emotions', 's2', 'Satisfaction 3.13 on 1–5', 30, 3.125),
      // n = journeys that reached the previous stage (Browse: 100), the base of the drop-off
      m('c10', 'painPoints', 's2', 'Buy: 45% drop off and satisfaction is 3.1 of 5.', 100),
      // 60/115 = 52.17%, 30/115 = 26.09%, 10/115 = 8.70% twice, the fifth (email 5/115 = 4.35%) as "other"
      m('c11', 'channels', 's2', 'web 52.2% · app 26.1% · store 8.7% · phone 8.7% · other 4.3%', 115),
      m('c12', 'kpis', 's2', '55 journeys reach this stage in order (55% of entrants); 45% drop off after Browse', 100),
      m('c13', 'kpis', 's2', 'Median time to After: 2 days', 18),
      m('c14', 'touchpoints', 's3', 'Review: 20 journeys (20% of all)', 20),
      // NPS without satisfaction: a card without a curve value
      m('c15', 'emotions', 's3', 'NPS −10 (95% CI −40 to +20, n = 20)', 20),
      m('c16', 'painPoints', 's3', 'After: 67% of journeys stop after Buy.', 55),
      // 37 / 55 = 67.27%
      m('c17', 'kpis', 's3', '18 journeys reach this stage in order (18% of entrants); 67.3% drop off after Buy', 55),
    ]);
    // The Browse pain point has score 0 and is left out; the lanes only people can fill stay empty.
    expect(map.cards.filter((c) => ['actions', 'opportunities', 'backstage'].includes(c.lane))).toEqual([]);
    expect(map.cards.some((c) => c.text.startsWith('Browse: the first stage'))).toBe(false);
    expect(map.emotionScale).toEqual([1, 5]);
    expect(map.seededFrom).toEqual(SPEC);
    expect(map.persona).toBeNull();
    expect(map.version).toBe(0);
    expect(map.updatedAt).toBe('2025-03-01T10:00:00.000Z');
    expect(() => validateMap(map)).not.toThrow();
  });

  it('keeps the persona, uses [1, 5] without a satisfaction scale, and widens a one-value scale', () => {
    const persona = { name: 'Bargain hunters', note: 'Price first.', segmentation: 'demo k=5', segment: 2 };
    const noSat = { ...handResult(), satisfactionScale: null };
    expect(seedJourneyMap({ name: 'x', result: noSat, spec: SPEC, persona }).persona).toEqual(persona);
    expect(seedJourneyMap({ name: 'x', result: noSat, spec: SPEC }).emotionScale).toEqual([1, 5]);
    const flat = { ...handResult(), satisfactionScale: [3, 3] as [number, number] };
    expect(seedJourneyMap({ name: 'x', result: flat, spec: SPEC }).emotionScale).toEqual([2, 4]);
    const ten = { ...handResult(), satisfactionScale: [0, 10] as [number, number] };
    expect(seedJourneyMap({ name: 'x', result: ten, spec: SPEC }).cards.find((c) => c.id === 'c3')!.text).toMatch(/^Satisfaction 4\.2 on 0–10 /);
  });

  it('gives a side step a column after the funnel, with touchpoints, emotions and channels but no funnel KPI or pain point', () => {
    const r = handResult();
    // Support: 12 journeys, left out of the funnel; listed between Buy and After in the stage order.
    r.steps.push({ step: 'Support call', stage: 'Support', customers: 12, events: 15, medianPosition: 3.5, meanSatisfaction: 2, satisfaction: { mean: 2, n: 8, ci: [1.5, 2.5] } });
    r.stages.splice(3, 0, {
      stage: 'Support',
      steps: ['Support call'],
      customers: 12,
      events: 15,
      satisfaction: { mean: 2, n: 8, ci: [1.5, 2.5] },
      nps: null,
      channels: [
        { channel: 'phone', events: 12 },
        { channel: 'web', events: 3 },
      ],
      inFunnel: false,
      medianSecondsToNext: null,
    });
    // A pain point for a side step cannot come from the analytics; were one there, the map would still not show it.
    r.painPoints.push({ stage: 'Support', score: 0.9, dropOffRate: 0.5, meanSatisfaction: 2, explanation: 'Support: should not be seeded.' });
    const map = seedJourneyMap({ name: 'Side', result: r, spec: SPEC, now: NOW });
    // The funnel's order, then the side step (the map's columns read as the funnel, then what happens on the side).
    expect(map.stages.map((s) => s.name)).toEqual(['Browse', 'Buy', 'After', 'Support (side step)']);
    const support = map.stages[3].id;
    expect(map.cards.filter((c) => c.stageId === support).map(({ lane, text, n, value }) => ({ lane, text, n, value }))).toEqual([
      { lane: 'touchpoints', text: 'Support call: 12 journeys (12% of all); a side step, left out of the funnel', n: 12, value: undefined },
      { lane: 'emotions', text: 'Satisfaction 2 on 1–5 (95% CI 1.5–2.5)', n: 8, value: 2 },
      // 12 / 15 = 80%, 3 / 15 = 20%
      { lane: 'channels', text: 'phone 80% · web 20%', n: 15, value: undefined },
    ]);
    // The funnel stages' KPIs are those of the run without the side step: Browse's next funnel stage is still Buy.
    expect(map.cards.filter((c) => c.lane === 'kpis').map((c) => c.text)).toEqual(seedJourneyMap({ name: 'x', result: handResult(), spec: SPEC }).cards.filter((c) => c.lane === 'kpis').map((c) => c.text));
  });

  it('seeds only stages and touchpoints when the log has no channel, rating or NPS', () => {
    const r = handResult();
    for (const s of r.stages) {
      s.satisfaction = null;
      s.nps = null;
      s.channels = [];
    }
    r.painPoints = [];
    const map = seedJourneyMap({ name: 'bare', result: r, spec: { dataset: 'events', customer: 'c', time: 't', step: 's' } });
    expect([...new Set(map.cards.map((c) => c.lane))]).toEqual(['touchpoints', 'kpis']);
    expect(map.cards.filter((c) => c.lane === 'kpis')).toHaveLength(5);
  });
});
