// A hand-written JourneyResult (three stages, 100 journeys) whose figures are small enough to check every seeded
// card by hand, and a hand-written map for the storage and export tests.
import type { JourneyMap, JourneyResult, JourneySpec } from '../../../shared/journeys';

export const SPEC: JourneySpec = { dataset: 'events', customer: 'customer_id', time: 'ts', step: 'step', channel: 'channel', satisfaction: 'csat', nps: 'nps' };

export function handResult(): JourneyResult {
  return {
    spec: SPEC,
    customers: 100,
    events: 405,
    skippedEvents: 0,
    orderNote: 'by timestamp, ties by stage order, then row order',
    steps: [
      { step: 'Visit', stage: 'Browse', customers: 100, events: 150, medianPosition: 0, meanSatisfaction: null, satisfaction: null },
      { step: 'Browse', stage: 'Browse', customers: 80, events: 120, medianPosition: 1, meanSatisfaction: null, satisfaction: null },
      // Fewer journeys than Checkout: listed second although the analytics list it first.
      { step: 'Payment', stage: 'Buy', customers: 45, events: 45, medianPosition: 3, meanSatisfaction: null, satisfaction: null },
      { step: 'Checkout', stage: 'Buy', customers: 60, events: 70, medianPosition: 2, meanSatisfaction: null, satisfaction: null },
      { step: 'Review', stage: 'After', customers: 20, events: 20, medianPosition: 4, meanSatisfaction: null, satisfaction: null },
    ],
    // Not in funnel order on purpose: the map follows the funnel.
    stages: [
      { stage: 'After', steps: ['Review'], customers: 20, events: 20, satisfaction: null, nps: { nps: -10, n: 20, ci: [-40, 20] }, channels: [], inFunnel: true, medianSecondsToNext: null },
      {
        stage: 'Browse',
        steps: ['Visit', 'Browse'],
        customers: 100,
        events: 270,
        satisfaction: { mean: 4.2, n: 50, ci: [4.0, 4.4] },
        nps: { nps: 20, n: 40, ci: [5, 35] },
        channels: [
          { channel: 'web', events: 200 },
          { channel: 'app', events: 70 },
        ],
        inFunnel: true,
        medianSecondsToNext: 5400,
      },
      {
        stage: 'Buy',
        steps: ['Checkout', 'Payment'],
        customers: 60,
        events: 115,
        satisfaction: { mean: 3.125, n: 30, ci: null },
        nps: null,
        channels: [
          { channel: 'web', events: 60 },
          { channel: 'app', events: 30 },
          { channel: 'store', events: 10 },
          { channel: 'phone', events: 10 },
          { channel: 'email', events: 5 },
        ],
        inFunnel: true,
        medianSecondsToNext: 172800,
      },
    ],
    transitions: [],
    funnel: [
      { stage: 'Browse', customers: 100, dropOff: 0, dropOffRate: 0, conversion: 1 },
      { stage: 'Buy', customers: 55, dropOff: 45, dropOffRate: 0.45, conversion: 0.55 },
      { stage: 'After', customers: 18, dropOff: 37, dropOffRate: 37 / 55, conversion: 0.18 },
    ],
    timing: [],
    variants: [],
    variantCount: 7,
    painPoints: [
      { stage: 'After', score: 0.5, dropOffRate: 37 / 55, meanSatisfaction: null, explanation: 'After: 67% of journeys stop after Buy.' },
      { stage: 'Buy', score: 0.2, dropOffRate: 0.45, meanSatisfaction: 3.125, explanation: 'Buy: 45% drop off and satisfaction is 3.1 of 5.' },
      { stage: 'Browse', score: 0, dropOffRate: 0, meanSatisfaction: 4.2, explanation: 'Browse: the first stage, nobody drops off before it.' },
    ],
    satisfactionScale: [1, 5],
    channels: ['web', 'app', 'store', 'phone', 'email'],
    segments: null,
    unmatchedCustomers: 0,
    groups: null,
    suggestedOffFunnel: [],
    warnings: [],
  };
}

/** A small workshop map: two stages, measured and assumed cards, an emotion value, a persona. */
export function handMap(name = 'Checkout workshop'): JourneyMap {
  return {
    name,
    stages: [
      { id: 's1', name: 'Discover' },
      { id: 's2', name: 'Buy' },
    ],
    cards: [
      { id: 'c1', lane: 'touchpoints', stageId: 's1', text: 'Home page', evidence: 'measured', n: 1234 },
      { id: 'c2', lane: 'emotions', stageId: 's1', text: 'Curious', evidence: 'assumed', value: 4 },
      { id: 'c3', lane: 'emotions', stageId: 's2', text: 'Satisfaction 2.5', evidence: 'measured', n: 300, value: 2.5 },
      { id: 'c4', lane: 'painPoints', stageId: 's2', text: 'Card declined\nno reason given', evidence: 'assumed' },
    ],
    persona: { name: 'Busy parent', note: 'Shops on the phone at night.' },
    emotionScale: [1, 5],
    seededFrom: null,
    version: 0,
    updatedAt: '',
  };
}
