// The Journeys view's pure helpers: column pre-fill from roles, the spec sent to journey.analyze (validated by the
// contract's own schema), the stage editor's operations, the Sankey plan (no cycles), durations in human units.
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnMeta, DatasetSummary } from '../../../shared/domain';
import type { JourneyResult, JourneyStage, JourneyTiming, JourneyTransition } from '../../../shared/journeys';
import { journeySpecSchema } from '../../../shared/api';
import { clearFormMemory, columnsFor, formProblem, prefill, recallForm, rememberForm, setColumn, setSegmentation, toSpec } from '../../../renderer/views/journeys/model';
import { draftFromResult, mergeStage, moveStage, moveStep, renameStage, sameDraft, splitStep, type StageDraft } from '../../../renderer/views/journeys/stages';
import { curveParts, endConversion, isSideStage, listNames, shouldPreApply, sideStepReasons, splitSideSteps, withSideSteps } from '../../../renderer/views/journeys/side-steps';
import { isSideStepColumn } from '../../../shared/journeys';
import { dropOffLabel, formatDuration, logTicks, orderTimings, planGroupFunnel, planSankey, shortLabel, unitFor, wrapLabel } from '../../../renderer/views/journeys/figures';

function col(index: number, name: string, type: ColumnMeta['type'], role: ColumnMeta['role']): ColumnMeta {
  return { index, name, originalName: name, type, role, piiAction: 'keep' };
}

function dataset(name: string, columns: ColumnMeta[]): DatasetSummary {
  return { id: 1, name, rows: 100, sourceFile: `${name}.csv`, importedAt: '2025-01-01T00:00:00Z', columns };
}

// The Olist derived event log as the importer types it (checked with `cxw import --json`).
const olist = dataset('olist', [
  col(0, 'customer_id', 'text', 'id'),
  col(1, 'order_id', 'text', 'id'),
  col(2, 'timestamp', 'datetime', 'timestamp'),
  col(3, 'step', 'text', 'journeyStep'),
  col(4, 'satisfaction', 'integer', 'feature'),
  col(5, 'customer_state', 'text', 'category'),
]);

// The demo journey events, with an NPS column added.
const demo = dataset('Demo journey events', [
  col(0, 'customer_id', 'text', 'id'),
  col(1, 'timestamp', 'datetime', 'timestamp'),
  col(2, 'step', 'text', 'journeyStep'),
  col(3, 'channel', 'text', 'category'),
  col(4, 'satisfaction', 'integer', 'feature'),
  col(5, 'nps', 'integer', 'nps'),
]);

// The CoSeLoG receipt log: several id and timestamp columns; the event time is time:timestamp, the case case:concept:name.
const receipt = dataset('receipt', [
  col(0, 'case:channel', 'text', 'category'),
  col(1, 'case:concept:name', 'text', 'id'),
  col(2, 'case:deadline', 'datetime', 'timestamp'),
  col(3, 'case:startdate', 'datetime', 'timestamp'),
  col(4, 'concept:instance', 'text', 'ignore'),
  col(5, 'concept:name', 'text', 'journeyStep'),
  col(6, 'org:resource', 'text', 'category'),
  col(7, 'time:timestamp', 'datetime', 'timestamp'),
]);

describe('pre-fill from column roles', () => {
  it('takes id → journey, timestamp → time, journeyStep → step, nps role → NPS, "satisf" → satisfaction, "channel" → channel', () => {
    const f = prefill(demo);
    expect(f).toMatchObject({ dataset: 'Demo journey events', customer: 'customer_id', time: 'timestamp', step: 'step', channel: 'channel', satisfaction: 'satisfaction', nps: 'nps' });
    expect(f.precision).toBe('exact');
    expect(f.stages).toBeNull();
  });

  it('leaves optional columns empty when nothing fits (Olist has no channel or NPS column)', () => {
    expect(prefill(olist)).toMatchObject({ customer: 'customer_id', time: 'timestamp', step: 'step', satisfaction: 'satisfaction', channel: '', nps: '' });
  });

  it('prefers the event time over deadlines and start dates, and a case id', () => {
    expect(prefill(receipt)).toMatchObject({ customer: 'case:concept:name', time: 'time:timestamp', step: 'concept:name', channel: 'case:channel' });
  });

  it('offers only date columns for the time, numbers for ratings, never ignored columns', () => {
    expect(columnsFor(receipt, 'time').map((c) => c.name)).toEqual(['case:deadline', 'case:startdate', 'time:timestamp']);
    expect(columnsFor(demo, 'satisfaction').map((c) => c.name)).toEqual(['satisfaction', 'nps']);
    expect(columnsFor(receipt, 'step').map((c) => c.name)).not.toContain('concept:instance');
  });
});

describe('the spec sent to journey.analyze', () => {
  it('carries only the choices made, and the contract schema accepts it', () => {
    const spec = toSpec({ ...prefill(olist), customer: 'order_id' });
    expect(spec).toEqual({ dataset: 'olist', customer: 'order_id', time: 'timestamp', step: 'step', satisfaction: 'satisfaction' });
    expect(journeySpecSchema.parse(spec)).toEqual(spec);
  });

  it('adds precision, stages, segmentation, filters and compare when set', () => {
    const form = {
      ...prefill(demo),
      precision: 'day' as const,
      stages: [
        { name: ' Shop ', steps: ['Visit', 'Browse'] },
        { name: 'Buy', steps: ['Checkout'] },
      ],
      segmentation: 'Demo k=4',
      segments: [2, 0],
      channels: ['web'],
      compareBy: 'segment' as const,
    };
    const spec = toSpec(form);
    expect(spec).toMatchObject({
      precision: 'day',
      stages: [
        { name: 'Shop', steps: ['Visit', 'Browse'] },
        { name: 'Buy', steps: ['Checkout'] },
      ],
      segmentation: 'Demo k=4',
      filter: { segments: [0, 2], channels: ['web'] },
      compareBy: 'segment',
    });
    expect(() => journeySpecSchema.parse(spec)).not.toThrow();
  });

  it('sends the side steps as offFunnel, which the contract accepts; none, no field', () => {
    const spec = toSpec({ ...prefill(demo), offFunnel: ['Support contact'] });
    expect(spec.offFunnel).toEqual(['Support contact']);
    expect(journeySpecSchema.parse(spec).offFunnel).toEqual(['Support contact']);
    expect('offFunnel' in toSpec(prefill(demo))).toBe(false);
  });

  it('drops a channel filter or compare without a channel column, and a segment filter without a segmentation', () => {
    const spec = toSpec({ ...prefill(olist), channels: ['web'], segments: [1], compareBy: 'channel' });
    expect(spec.filter).toBeUndefined();
    expect(spec.compareBy).toBeUndefined();
  });

  it('says what stops a run', () => {
    expect(formProblem({ ...prefill(olist), step: '' }, olist)).toMatch(/step column/);
    expect(formProblem({ ...prefill(olist), time: 'step' }, olist)).toMatch(/three different columns/);
    expect(formProblem({ ...prefill(olist), compareBy: 'segment' }, olist)).toMatch(/segmentation/);
    expect(formProblem({ ...prefill(olist), stages: [{ name: 'A', steps: ['x'] }, { name: 'a', steps: ['y'] }] }, olist)).toMatch(/Two stages are called/);
    expect(formProblem({ ...prefill(olist), stages: [{ name: ' ', steps: ['x'] }] }, olist)).toMatch(/needs a name/);
    expect(formProblem(prefill(olist), olist)).toBeNull();
    const noTime = dataset('no time', [col(0, 'id', 'text', 'id'), col(1, 'step', 'text', 'journeyStep')]);
    expect(formProblem(prefill(noTime), noTime)).toMatch(/no date or time column/);
  });

  it('a new step column forgets the stage grouping; clearing the channel or segmentation clears what depended on it', () => {
    const f = { ...prefill(demo), stages: [{ name: 'A', steps: ['Visit'] }], channels: ['web'], compareBy: 'channel' as const };
    expect(setColumn(f, 'step', 'channel').stages).toBeNull();
    expect(setColumn({ ...f, offFunnel: ['Support contact'] }, 'step', 'channel').offFunnel).toEqual([]);
    expect(setColumn({ ...f, offFunnel: ['Support contact'] }, 'channel', '').offFunnel).toEqual(['Support contact']);
    expect(setColumn(f, 'satisfaction', '').stages).toEqual(f.stages);
    expect(setColumn(f, 'channel', '')).toMatchObject({ channel: '', channels: [], compareBy: '' });
    const s = { ...f, segmentation: 'seg', segments: [1], compareBy: 'segment' as const };
    expect(setSegmentation(s, '')).toMatchObject({ segmentation: '', segments: [], compareBy: '' });
    expect(setSegmentation(s, 'other').segments).toEqual([]);
  });
});

describe('session memory per dataset', () => {
  afterEach(() => clearFormMemory());

  it('recalls the last set-up of a dataset, per workspace, and falls back for a column that is gone', () => {
    rememberForm('/a.cxw', { ...prefill(olist), customer: 'order_id', precision: 'day' });
    expect(recallForm('/a.cxw', olist)).toMatchObject({ customer: 'order_id', precision: 'day' });
    expect(recallForm('/b.cxw', olist)).toMatchObject({ customer: 'customer_id', precision: 'exact' });
    const renamed = dataset('olist', olist.columns.map((c) => (c.name === 'order_id' ? { ...c, name: 'order' } : c)));
    expect(recallForm('/a.cxw', renamed).customer).toBe('customer_id');
  });
});

describe('stage editor', () => {
  const stages = (names: string[][]): JourneyStage[] =>
    names.map((steps) => ({ stage: steps[0], steps, customers: 1, events: 1, satisfaction: null, nps: null, channels: [], inFunnel: true, medianSecondsToNext: null }));
  const base: StageDraft = draftFromResult(stages([['purchase'], ['approval'], ['carrier'], ['delivery'], ['review'], ['answer']]));
  const steps = (d: StageDraft) => d.flatMap((s) => s.steps).sort();

  it('moves a stage up and down, not past the ends', () => {
    expect(moveStage(base, 2, -1).map((s) => s.name)).toEqual(['purchase', 'carrier', 'approval', 'delivery', 'review', 'answer']);
    expect(moveStage(base, 0, -1)).toBe(base);
    expect(moveStage(base, 5, 1)).toBe(base);
  });

  it('merges a step into the stage above (last) or below (first); the emptied stage disappears', () => {
    const up = moveStep(base, 'answer', -1);
    expect(up.map((s) => [s.name, s.steps])).toEqual([
      ['purchase', ['purchase']],
      ['approval', ['approval']],
      ['carrier', ['carrier']],
      ['delivery', ['delivery']],
      ['review', ['review', 'answer']],
    ]);
    const down = moveStep(base, 'approval', 1);
    expect(down[1]).toEqual({ name: 'carrier', steps: ['approval', 'carrier'] });
    expect(steps(down)).toEqual(steps(base));
  });

  it('splits a step back out right after its stage, and merges whole stages', () => {
    const merged = moveStep(base, 'answer', -1);
    const split = splitStep(merged, 'answer');
    expect(sameDraft(split, base)).toBe(true);
    expect(splitStep(base, 'answer')).toBe(base); // alone in its stage: nothing to split
    const whole = mergeStage(base, 1, -1);
    expect(whole[0]).toEqual({ name: 'purchase', steps: ['purchase', 'approval'] });
    expect(whole).toHaveLength(5);
  });

  it('a split step whose name is taken by another stage gets a numbered name', () => {
    const d: StageDraft = [
      { name: 'Review', steps: ['review', 'answer'] },
      { name: 'answer', steps: ['other'] },
    ];
    expect(splitStep(d, 'answer').map((s) => s.name)).toEqual(['Review', 'answer (2)', 'answer']);
  });

  it('renames, and compares drafts by names and steps', () => {
    const renamed = renameStage(moveStep(base, 'answer', -1), 4, 'Review');
    expect(renamed[4]).toEqual({ name: 'Review', steps: ['review', 'answer'] });
    expect(sameDraft(renamed, base)).toBe(false);
    expect(sameDraft(base, draftFromResult(stages([['purchase'], ['approval'], ['carrier'], ['delivery'], ['review'], ['answer']])))).toBe(true);
  });
});

describe('Sankey plan', () => {
  const stages: JourneyStage[] = ['A', 'B', 'C'].map((s) => ({ stage: s, steps: [s], customers: 1, events: 1, satisfaction: null, nps: null, channels: [], inFunnel: true, medianSecondsToNext: null }));
  const t = (from: string, to: string, customers: number): JourneyTransition => ({ from, to, customers, events: customers, medianSeconds: 60, p90Seconds: 120 });

  it('keeps forward transitions, lists self-loops and back-edges apart, so what is drawn has no cycle', () => {
    const plan = planSankey([t('A', 'B', 90), t('B', 'C', 80), t('A', 'C', 5), t('C', 'B', 7), t('B', 'B', 3)], stages, 30);
    expect(plan.nodes.map((n) => n.step)).toEqual(['A', 'B', 'C']);
    expect(plan.links.map((l) => [plan.nodes[l.source].step, plan.nodes[l.target].step, l.customers])).toEqual([
      ['A', 'B', 90],
      ['B', 'C', 80],
      ['A', 'C', 5],
    ]);
    expect(plan.selfLoops.map((l) => `${l.from}>${l.to}`)).toEqual(['B>B']);
    expect(plan.backEdges.map((l) => `${l.from}>${l.to}`)).toEqual(['C>B']);
    // Every drawn link goes to a later node: acyclic by construction.
    expect(plan.links.every((l) => l.target > l.source)).toBe(true);
  });

  it('draws only the largest transitions and counts the rest', () => {
    const plan = planSankey([t('A', 'B', 90), t('B', 'C', 80), t('A', 'C', 5)], stages, 2);
    expect(plan.links).toHaveLength(2);
    expect(plan.hidden.map((l) => l.customers)).toEqual([5]);
  });

  it('main flows: only transitions taken by enough journeys', () => {
    const plan = planSankey([t('A', 'B', 90), t('B', 'C', 80), t('A', 'C', 5)], stages, 30, 6);
    expect(plan.links.map((l) => l.customers)).toEqual([90, 80]);
    expect(plan.hidden.map((l) => l.customers)).toEqual([5]);
  });

  it('orders within a merged stage by the step order inside it', () => {
    const merged: JourneyStage[] = [{ ...stages[0], stage: 'AB', steps: ['B', 'A'] }, stages[2]];
    const plan = planSankey([t('A', 'B', 10), t('B', 'A', 4)], merged, 30);
    expect(plan.backEdges.map((l) => `${l.from}>${l.to}`)).toEqual(['A>B']);
    expect(plan.nodes.map((n) => [n.step, n.stageIndex])).toEqual([
      ['B', 0],
      ['A', 0],
    ]);
  });
});

describe('durations and labels', () => {
  it('chooses the unit by magnitude', () => {
    expect([45, 89, 90, 3000, 5400, 7200, 47 * 3600, 48 * 3600].map(unitFor)).toEqual(['seconds', 'seconds', 'minutes', 'minutes', 'hours', 'hours', 'hours', 'days']);
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(1200)).toBe('20 min');
    expect(formatDuration(1.5 * 3600)).toBe('1.5 h');
    expect(formatDuration(86400 * 2.14)).toBe('2.1 days');
    expect(formatDuration(86400 * 24)).toBe('24 days');
    expect(formatDuration(null)).toBe('—');
  });

  it('log ticks in human units cover the range (at least two)', () => {
    expect(logTicks(30, 40 * 86400).labels).toEqual(['1 min', '1 h', '1 day', '30 days']);
    expect(logTicks(30, 20 * 3600).labels).toEqual(['1 min', '10 min', '1 h', '6 h']);
    expect(logTicks(100, 200).labels).toEqual(['1 min', '10 min']);
  });

  it('boxes: the most frequent pairs, in stage order', () => {
    const stages: JourneyStage[] = ['A', 'B', 'C'].map((s) => ({ stage: s, steps: [s], customers: 1, events: 1, satisfaction: null, nps: null, channels: [], inFunnel: true, medianSecondsToNext: null }));
    const tm = (from: string, to: string, n: number): JourneyTiming => ({ from, to, n, min: 0, q1: 1, median: 2, q3: 3, p90: 4, max: 5 });
    expect(orderTimings([tm('B', 'C', 50), tm('A', 'B', 40), tm('A', 'C', 2)], stages, 2).map((r) => `${r.from}>${r.to}`)).toEqual(['A>B', 'B>C']);
  });

  it('drop-off labels and wrapped names', () => {
    expect(dropOffLabel(0, 0, true)).toBe('start');
    expect(dropOffLabel(0, 0, false)).toBe('no loss');
    expect(dropOffLabel(112, 112 / 3994, false)).toBe('−112 (2.8%)');
    expect(dropOffLabel(0, 0, false, 0)).toBe('—');
    expect(shortLabel('T05 Print and send confirmation of receipt', 20)).toBe('T05 Print and send…');
    expect(shortLabel('Visit', 20)).toBe('Visit');
    expect(wrapLabel('delivered_to_customer', 14)).toBe('delivered_to_<br>customer');
    expect(wrapLabel('Add to basket', 8)).toBe('Add to<br>basket');
    expect(wrapLabel('<b>', 8)).toBe('&lt;b&gt;');
  });
});

// ------------------------------------------------------------------ side steps

/** A stage of a result (the demo's figures where named: 359 journeys contact support, 760 review). */
function stage(name: string, customers: number, inFunnel = true, steps = [name]): JourneyStage {
  return { stage: name, steps, customers, events: customers, satisfaction: null, nps: null, channels: [], inFunnel, medianSecondsToNext: null };
}

function result(stages: JourneyStage[], funnel: number[], suggested: string[] = []): JourneyResult {
  const names = stages.filter((s) => s.inFunnel).map((s) => s.stage);
  return {
    spec: { dataset: 'd', customer: 'c', time: 't', step: 's' },
    customers: funnel[0] ?? 0,
    events: 0,
    skippedEvents: 0,
    orderNote: '',
    steps: [],
    stages,
    transitions: [],
    funnel: names.map((n, i) => ({ stage: n, customers: funnel[i], dropOff: 0, dropOffRate: 0, conversion: funnel[i] / funnel[0] })),
    timing: [],
    variants: [],
    variantCount: 0,
    painPoints: [],
    satisfactionScale: null,
    channels: [],
    segments: null,
    unmatchedCustomers: 0,
    groups: null,
    suggestedOffFunnel: suggested,
    warnings: [],
  };
}

describe('side steps', () => {
  const draft: StageDraft = [
    { name: 'Delivery', steps: ['Delivery'] },
    { name: 'Support contact', steps: ['Support contact'] },
    { name: 'Review', steps: ['Review'] },
    { name: 'Refund', steps: ['Refund'] },
  ];
  const off = ['Support contact'];
  const side = (s: { steps: string[] }) => isSideStage(s, off);

  it('a stage is a side step when all its steps are left out; toggling adds or removes them once', () => {
    expect(draft.map(side)).toEqual([false, true, false, false]);
    expect(isSideStage({ steps: ['Support contact', 'Review'] }, off)).toBe(false);
    expect(isSideStage({ steps: [] }, off)).toBe(false);
    expect(withSideSteps(off, ['Review', 'Support contact'], true)).toEqual(['Support contact', 'Review']);
    expect(withSideSteps(['Review', 'Support contact'], ['Support contact'], false)).toEqual(['Review']);
  });

  it('moves and merges pass over a side step, which keeps its place', () => {
    // Review up: it swaps with Delivery (the funnel stage above), Support contact stays second.
    expect(moveStage(draft, 2, -1, side).map((s) => s.name)).toEqual(['Review', 'Support contact', 'Delivery', 'Refund']);
    expect(moveStage(draft, 0, 1, side).map((s) => s.name)).toEqual(['Review', 'Support contact', 'Delivery', 'Refund']);
    // Without skipping, Review would swap with the side step.
    expect(moveStage(draft, 2, -1).map((s) => s.name)).toEqual(['Delivery', 'Review', 'Support contact', 'Refund']);
    expect(moveStep(draft, 'Review', -1, side)).toEqual([
      { name: 'Delivery', steps: ['Delivery', 'Review'] },
      { name: 'Support contact', steps: ['Support contact'] },
      { name: 'Refund', steps: ['Refund'] },
    ]);
    expect(mergeStage(draft, 0, 1, side)).toEqual([
      { name: 'Support contact', steps: ['Support contact'] },
      { name: 'Review', steps: ['Delivery', 'Review'] },
      { name: 'Refund', steps: ['Refund'] },
    ]);
    // No funnel stage above the first one: nothing moves.
    expect(moveStage(draft, 0, -1, side)).toBe(draft);
  });

  it('says why a stage looks like a side step: its journeys and the later funnel stage most reach', () => {
    const stages = [stage('Delivery', 1576), stage('Support contact', 359), stage('Review', 760)];
    expect(sideStepReasons(stages, ['Support contact'])).toEqual([{ stage: 'Support contact', customers: 359, later: 'Review', laterCustomers: 760 }]);
    // Once left out the reason reads the same (the later stage must be a funnel stage, not another side step).
    const after = [stage('Delivery', 1576), stage('Support contact', 359, false), stage('Chat', 900, false), stage('Review', 760)];
    expect(sideStepReasons(after, ['Support contact'])).toEqual([{ stage: 'Support contact', customers: 359, later: 'Review', laterCustomers: 760 }]);
    // A stage with no funnel stage after it has no reason to give.
    expect(sideStepReasons([stage('Review', 760), stage('Support contact', 359)], ['Support contact'])).toEqual([]);
  });

  it('names one, two, a few or many', () => {
    expect(listNames(['Support contact'])).toBe('Support contact');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
    expect(listNames(['A', 'B', 'C', 'D', 'E'])).toBe('A, B, C and 2 more');
  });

  it('pre-applies the suggestion on the first run only, when nothing was chosen and nothing undone', () => {
    const r = result([stage('A', 10), stage('S', 3), stage('C', 8)], [10, 3, 3], ['S']);
    const fresh = { firstRun: true, declined: false, offFunnel: [], customStages: false };
    expect(shouldPreApply(r, fresh)).toBe(true);
    expect(shouldPreApply(r, { ...fresh, firstRun: false })).toBe(false);
    expect(shouldPreApply(r, { ...fresh, declined: true })).toBe(false);
    expect(shouldPreApply(r, { ...fresh, offFunnel: ['X'] })).toBe(false);
    expect(shouldPreApply(r, { ...fresh, customStages: true })).toBe(false);
    expect(shouldPreApply({ ...r, suggestedOffFunnel: [] }, fresh)).toBe(false);
  });

  it('end conversion: the last funnel stage over the first', () => {
    // The demo's funnel with support as a stage: 137 of 3,000 reach Review (4.6%).
    expect(endConversion(result([stage('Visit', 3000), stage('Support contact', 332), stage('Review', 137)], [3000, 332, 137]))).toBeCloseTo(137 / 3000, 12);
    expect(endConversion(result([], []))).toBeNull();
  });
});

describe('side steps on a curve (every satisfaction and emotion curve)', () => {
  it('joins the funnel stages over a side step, breaks at a funnel stage without a value, and keeps side steps apart', () => {
    // Checkout 3.6, Payment (no rating), Delivery 3.7, Support contact (side) 2.5, Review 3.8, Returns (side, no rating)
    const values = [3.6, null, 3.7, 2.5, 3.8, null];
    const side = [false, false, false, true, false, true];
    expect(curveParts(values, side)).toEqual({ runs: [[0], [2, 4]], apart: [3] });
    expect(curveParts([1, 2], [false, false])).toEqual({ runs: [[0, 1]], apart: [] });
  });

  it('splits items in order into funnel and side steps', () => {
    const stages = ['Checkout', 'Support contact', 'Review', 'Returns'];
    expect(splitSideSteps(stages, (s) => s === 'Support contact' || s === 'Returns')).toEqual({ funnel: ['Checkout', 'Review'], side: ['Support contact', 'Returns'] });
  });

  it('reads a map column as a side step by the name the seeding gives it', () => {
    expect(isSideStepColumn({ name: 'Support contact (side step)' })).toBe(true);
    expect(isSideStepColumn({ name: 'Support contact (Side Step) ' })).toBe(true);
    expect(isSideStepColumn({ name: 'Support contact' })).toBe(false);
  });
});

describe('funnel by group', () => {
  // The demo's channels: phone journeys are support calls only (no Visit), store journeys never write a review.
  const funnel = (stages: [string, number][]) => stages.map(([stage, customers]) => ({ stage, customers }));
  const web = { group: 'web', funnel: funnel([['Visit', 2216], ['Checkout', 980], ['Review', 399]]) };
  const store = { group: 'store', funnel: funnel([['Visit', 759], ['Checkout', 357], ['Review', 0]]) };
  const phone = { group: 'phone', funnel: funnel([['Visit', 0], ['Checkout', 0], ['Review', 0]]) };

  it('leaves out groups that never enter the funnel and names the stage where a drawn group stops', () => {
    const plan = planGroupFunnel([web, store, phone]);
    expect(plan.shown.map((g) => g.group)).toEqual(['web', 'store']);
    expect(plan.outside.map((g) => g.group)).toEqual(['phone']);
    expect(plan.stalled.map((s) => [s.group.group, s.stage])).toEqual([['store', 'Review']]);
  });

  it('draws every group when all enter and none stops', () => {
    expect(planGroupFunnel([web])).toEqual({ shown: [web], outside: [], stalled: [] });
  });
});
