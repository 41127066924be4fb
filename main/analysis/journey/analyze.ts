// analyzeJourney: path analytics of an event log (see shared/journeys.ts for every field's meaning).
//
// Pipeline (all typed arrays, O(n) apart from the per-journey sorts and per-step quantiles):
//   1. filters: spec.filter.channels keeps events (a journey becomes its events on those channels),
//      spec.filter.segments keeps whole journeys; both before anything else;
//   2. group events by journey (counting sort) and sort each by (time, row) — the first pass;
//   3. infer the step order from median positions in that pass (step-order.ts), plan stages (stage-plan.ts) and
//      the funnel: the stages that are not side steps (spec.offFunnel; funnel-plan.ts);
//   4. sort again by (time, stage rank of the step, row) — the order every figure below uses;
//   5. walk the journeys once (walk.ts) and sum event-level ratings once (event-sums.ts);
//   6. assemble steps, stages, funnel, transitions, timing, variants, pain points, comparison groups and the
//      stages that look like side steps (suggestedOffFunnel).
import type {
  FunnelStage,
  JourneyGroup,
  JourneyResult,
  JourneySpec,
  JourneyStage,
  JourneyStep,
  JourneyTiming,
  JourneyTransition,
  JourneyVariant,
  MeanCi,
  NpsCi,
} from '../../../shared/journeys';
import { npsWithInterval } from '../segment-stats';
import { eventSums, type EventSums } from './event-sums';
import { planFunnel, suggestSideSteps, type FunnelPlan } from './funnel-plan';
import { customerMask, groupByJourney, sortJourneys, type EventFilter } from './group';
import { painPoints } from './pain-points';
import { quantilesInPlace } from '../select';
import { planStages, type StagePlan } from './stage-plan';
import { stepPositions } from './step-order';
import { meanCiFromSums } from './t-distribution';
import type { JourneyInput } from './types';
import { walkJourneys, type WalkResult } from './walk';

export const DEFAULT_VARIANTS_LIMIT = 20;
/** Transitions with box statistics in `timing` (the most frequent by events). */
export const TIMING_LIMIT = 30;
export const UNMATCHED_GROUP = 'Not in the segmentation';

export function analyzeJourney(input: JourneyInput, spec: JourneySpec, isCancelled?: () => boolean): JourneyResult {
  checkInput(input);
  const warnings: string[] = [];
  const filter = buildFilter(input, spec, warnings);
  const keepCustomer = customerMask(input, filter);
  const stepCount = input.stepNames.length;

  const comparison = planComparison(input, spec, warnings);
  const grouped = groupByJourney(input, filter, keepCustomer, comparison.byChannel, isCancelled);
  poll(isCancelled);
  sortJourneys(grouped, input.customerCount, null, isCancelled);
  const positions = stepPositions(grouped, input.customerCount, input.stepNames);
  const plan = planStages(input.stepNames, positions.order, spec.stages, warnings);
  const funnelPlan = planFunnel(input.stepNames, plan, spec.offFunnel, (spec.stages ?? []).map((s) => s.name), warnings);
  sortJourneys(grouped, input.customerCount, plan.rankOfStep, isCancelled);
  poll(isCancelled);

  const walk = walkJourneys(grouped, input.customerCount, {
    stepCount,
    stageCount: plan.names.length,
    stageOfStep: plan.stageOfStep,
    funnelCount: funnelPlan.names.length,
    funnelOfStep: funnelPlan.funnelOfStep,
    groupOfCustomer: comparison.groupOfCustomer,
    groupCount: comparison.groupCount,
    byChannel: comparison.byChannel,
    channelCount: input.channelNames.length,
    isCancelled,
  });
  poll(isCancelled);
  const sumsOptions = {
    channelAllowed: filter.channelAllowed,
    keepCustomer,
    groupOfCustomer: comparison.groupOfCustomer,
    byChannel: comparison.byChannel,
    groupCount: comparison.byChannel ? input.channelNames.length : comparison.groupCount,
  };
  const sums = eventSums(input, sumsOptions, isCancelled);
  poll(isCancelled);

  const hasSat = input.satisfaction !== null;
  const satisfactionScale: [number, number] | null = hasSat && sums.satMin === sums.satMin ? [sums.satMin, sums.satMax] : null;
  const channels = channelsByEvents(input);
  const funnel = funnelFromReached(walk.reachedHist, 0, funnelPlan.names);
  const stages = buildStages(input, plan, funnelPlan, walk, sums, positions.events, channels);
  const funnelStages = funnelPlan.stageOfFunnel.map((k) => stages[k]);
  const sideStages = stages.filter((s) => !s.inFunnel);
  const steps = buildSteps(input, plan, positions.events, positions.median, walk.stepCustomers, sums);
  const { transitions, timing } = buildTransitions(input.stepNames, walk);
  const variantsLimit = Math.max(0, Math.floor(spec.variantsLimit ?? DEFAULT_VARIANTS_LIMIT));
  const variants: JourneyVariant[] = walk.variants.top(variantsLimit, input.stepNames).map((v) => ({
    path: v.path.map((s) => input.stepNames[s]),
    customers: v.customers,
    share: grouped.journeys > 0 ? v.customers / grouped.journeys : 0,
  }));

  if (sums.npsOutOfRange > 0) warnings.push(`${sums.npsOutOfRange} NPS value${sums.npsOutOfRange === 1 ? ' is' : 's are'} outside 0–10 and ${sums.npsOutOfRange === 1 ? 'was' : 'were'} left out of NPS.`);
  if (grouped.m === 0) {
    warnings.push(
      input.n === 0
        ? 'The event log has no usable events (each needs a journey id, a time and a step), so there is nothing to analyse.'
        : 'No events are left after the filters; widen the segment or channel filter.',
    );
  }

  return {
    spec,
    customers: grouped.journeys,
    events: grouped.m,
    skippedEvents: 0,
    orderNote: orderNote(spec, plan),
    steps,
    stages,
    transitions,
    funnel,
    timing,
    variants,
    variantCount: walk.variants.size,
    painPoints: painPoints(
      funnel,
      funnelStages.map((s) => s.satisfaction),
      satisfactionScale,
      sideStages.map((s) => s.satisfaction),
    ),
    satisfactionScale,
    channels: channels.map((c) => input.channelNames[c]),
    // Segment sizes and unmatched journeys are counted after the channel filter and before the segment filter,
    // so a segment filter can still show every segment's size.
    segments:
      input.segmentOfCustomer === null || grouped.segmentJourneys === null
        ? null
        : input.segmentNames.map((name, index) => ({ index, name, customers: (grouped.segmentJourneys as Int32Array)[index] })),
    unmatchedCustomers: grouped.unmatchedJourneys,
    groups: buildGroups(input, comparison, plan, funnelPlan, walk, sums, channels),
    suggestedOffFunnel: suggestSideSteps(funnelPlan, plan, input.stepNames, walk.funnelStageCustomers),
    warnings,
  };
}

function poll(isCancelled?: () => boolean): void {
  if (isCancelled?.()) throw new Error('cancelled');
}

function checkInput(input: JourneyInput): void {
  const { n } = input;
  const short = (name: string, arr: ArrayLike<number> | null): void => {
    if (arr !== null && arr.length < n) throw new Error(`Journey input: ${name} holds ${arr.length} values for ${n} events.`);
  };
  short('customer', input.customer);
  short('time', input.time);
  short('step', input.step);
  short('row', input.row);
  short('channel', input.channel);
  short('satisfaction', input.satisfaction);
  short('nps', input.nps);
  if (input.segmentOfCustomer !== null && input.segmentOfCustomer.length < input.customerCount) {
    throw new Error(`Journey input: segmentOfCustomer holds ${input.segmentOfCustomer.length} values for ${input.customerCount} customers.`);
  }
}

function buildFilter(input: JourneyInput, spec: JourneySpec, warnings: string[]): EventFilter {
  let channelAllowed: Uint8Array | null = null;
  const wantedChannels = spec.filter?.channels ?? [];
  if (wantedChannels.length > 0) {
    if (input.channel === null) warnings.push('The channel filter was ignored: no channel column is chosen.');
    else {
      channelAllowed = new Uint8Array(input.channelNames.length);
      const wanted = new Set(wantedChannels);
      input.channelNames.forEach((name, code) => {
        if (wanted.has(name)) channelAllowed![code] = 1;
      });
      const known = new Set(input.channelNames);
      const unknown = wantedChannels.filter((c) => !known.has(c));
      if (unknown.length > 0) warnings.push(`Channel filter: ${unknown.map((c) => `"${c}"`).join(', ')} do${unknown.length === 1 ? 'es' : ''} not occur in the channel column.`);
      warnings.push(`Channel filter: only events on ${wantedChannels.join(', ')} are kept, so each journey is made of its events on ${wantedChannels.length === 1 ? 'that channel' : 'those channels'} only.`);
    }
  }
  let segmentAllowed: Uint8Array | null = null;
  const wantedSegments = spec.filter?.segments ?? [];
  if (wantedSegments.length > 0) {
    if (input.segmentOfCustomer === null) warnings.push('The segment filter was ignored: no segmentation is joined.');
    else {
      segmentAllowed = new Uint8Array(input.segmentNames.length);
      for (const s of wantedSegments) {
        if (Number.isInteger(s) && s >= 0 && s < segmentAllowed.length) segmentAllowed[s] = 1;
        else warnings.push(`Segment filter: segment ${s} does not exist (the segmentation has ${segmentAllowed.length}).`);
      }
    }
  }
  return { channelAllowed, segmentAllowed };
}

interface Comparison {
  groupOfCustomer: Int32Array | null;
  groupCount: number;
  byChannel: boolean;
}

function planComparison(input: JourneyInput, spec: JourneySpec, warnings: string[]): Comparison {
  if (spec.compareBy === 'segment') {
    if (input.segmentOfCustomer === null) {
      warnings.push('Compare by segment was ignored: no segmentation is joined.');
      return { groupOfCustomer: null, groupCount: 0, byChannel: false };
    }
    const G = input.segmentNames.length;
    const groupOfCustomer = new Int32Array(input.customerCount);
    for (let c = 0; c < input.customerCount; c++) {
      const s = input.segmentOfCustomer[c];
      groupOfCustomer[c] = s >= 0 && s < G ? s : G; // the last group: not in the segmentation
    }
    return { groupOfCustomer, groupCount: G + 1, byChannel: false };
  }
  if (spec.compareBy === 'channel') {
    if (input.channel === null) {
      warnings.push('Compare by channel was ignored: no channel column is chosen.');
      return { groupOfCustomer: null, groupCount: 0, byChannel: false };
    }
    return { groupOfCustomer: null, groupCount: 0, byChannel: true };
  }
  return { groupOfCustomer: null, groupCount: 0, byChannel: false };
}

/** Channel codes with events in the whole log (before filters, so a filter can offer all), most events first. */
function channelsByEvents(input: JourneyInput): number[] {
  if (input.channel === null) return [];
  const counts = new Float64Array(input.channelNames.length);
  const ch = input.channel;
  for (let e = 0; e < input.n; e++) if (ch[e] >= 0) counts[ch[e]]++;
  const codes: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) codes.push(c);
  return codes.sort((a, b) => counts[b] - counts[a] || compareText(input.channelNames[a], input.channelNames[b]));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Funnel from a histogram of "stages reached in order" (row `base` of length K + 1). */
function funnelFromReached(hist: Float64Array, base: number, names: readonly string[]): FunnelStage[] {
  const K = names.length;
  const reached: number[] = new Array<number>(K).fill(0);
  let atLeast = 0;
  for (let r = K; r >= 1; r--) {
    atLeast += hist[base + r];
    reached[r - 1] = atLeast;
  }
  const first = K > 0 ? reached[0] : 0;
  return names.map((stage, i) => {
    const customers = reached[i];
    const previous = i === 0 ? customers : reached[i - 1];
    const dropOff = i === 0 ? 0 : previous - customers;
    return { stage, customers, dropOff, dropOffRate: i === 0 || previous === 0 ? 0 : dropOff / previous, conversion: first > 0 ? customers / first : 0 };
  });
}

function stageSatisfaction(stepsOfStage: readonly number[], n: Float64Array, sum: Float64Array, sumSq: Float64Array, base: number, shift: number): MeanCi | null {
  let sn = 0;
  let ss = 0;
  let sq = 0;
  for (const s of stepsOfStage) {
    sn += n[base + s];
    ss += sum[base + s];
    sq += sumSq[base + s];
  }
  return meanCiFromSums(sn, ss, sq, shift);
}

function buildStages(input: JourneyInput, plan: StagePlan, funnelPlan: FunnelPlan, walk: WalkResult, sums: EventSums, stepEvents: Int32Array, channelOrder: readonly number[]): JourneyStage[] {
  const funnelIndex = new Int32Array(plan.names.length).fill(-1);
  funnelPlan.stageOfFunnel.forEach((k, f) => (funnelIndex[k] = f));
  const C = input.channelNames.length;
  return plan.names.map((stage, k) => {
    const codes = plan.steps[k];
    let events = 0;
    let p = 0;
    let pa = 0;
    let d = 0;
    for (const s of codes) {
      p += sums.promoters[s];
      pa += sums.passives[s];
      d += sums.detractors[s];
    }
    const channels: { channel: string; events: number }[] = [];
    if (sums.stepChannel !== null) {
      for (const c of channelOrder) {
        let e = 0;
        for (const s of codes) e += sums.stepChannel[s * C + c];
        if (e > 0) channels.push({ channel: input.channelNames[c], events: e });
      }
      channels.sort((a, b) => b.events - a.events || compareText(a.channel, b.channel));
    }
    for (const s of codes) events += stepEvents[s];
    const npsRaw = input.nps === null ? null : npsWithInterval(p, pa, d);
    const nps: NpsCi | null = npsRaw === null || npsRaw.nps === null || npsRaw.ci === null ? null : { nps: npsRaw.nps, n: npsRaw.n, ci: npsRaw.ci };
    // Time to the next funnel stage: side steps have none, and a funnel stage's next one skips the side steps.
    const f = funnelIndex[k];
    const next = f >= 0 && f < walk.toNext.length ? walk.toNext[f].view() : null;
    return {
      stage,
      steps: codes.map((s) => input.stepNames[s]),
      customers: walk.stageCustomers[k],
      events,
      satisfaction: input.satisfaction === null ? null : stageSatisfaction(codes, sums.satN, sums.satSum, sums.satSumSq, 0, sums.shift),
      nps,
      channels,
      inFunnel: funnelPlan.inFunnel[k],
      medianSecondsToNext: next === null || next.length === 0 ? null : quantilesInPlace(next, 0, next.length, [0.5])[0],
    };
  });
}

function buildSteps(input: JourneyInput, plan: StagePlan, events: Int32Array, median: Float64Array, customers: Int32Array, sums: EventSums): JourneyStep[] {
  const out: JourneyStep[] = [];
  plan.steps.forEach((codes, k) => {
    for (const s of codes) {
      if (events[s] === 0) continue;
      const satisfaction = input.satisfaction === null ? null : meanCiFromSums(sums.satN[s], sums.satSum[s], sums.satSumSq[s], sums.shift);
      out.push({
        step: input.stepNames[s],
        stage: plan.names[k],
        customers: customers[s],
        events: events[s],
        medianPosition: median[s],
        meanSatisfaction: satisfaction === null ? null : satisfaction.mean,
        satisfaction,
      });
    }
  });
  return out;
}

function buildTransitions(stepNames: readonly string[], walk: WalkResult): { transitions: JourneyTransition[]; timing: JourneyTiming[] } {
  const pairs = walk.pairs.slice();
  pairs.sort((a, b) => b.customers - a.customers || b.events - a.events || compareText(stepNames[a.from], stepNames[b.from]) || compareText(stepNames[a.to], stepNames[b.to]));
  const gaps = walk.gaps;
  // Timing covers the most frequent pairs by events (ties in transition order), listed in transition order.
  const chosen = pairs
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.events - a.p.events || a.i - b.i)
    .slice(0, TIMING_LIMIT)
    .map((x) => x.i)
    .sort((a, b) => a - b);
  const boxOf = new Map<number, JourneyTiming>();
  for (const i of chosen) {
    const p = pairs[i];
    const [min, q1, median, q3, p90, max] = quantilesInPlace(gaps, p.gapStart, p.gapStart + p.events, [0, 0.25, 0.5, 0.75, 0.9, 1]);
    boxOf.set(i, { from: stepNames[p.from], to: stepNames[p.to], n: p.events, min, q1, median, q3, p90, max });
  }
  const transitions: JourneyTransition[] = pairs.map((p, i) => {
    const box = boxOf.get(i);
    const [medianSeconds, p90Seconds] = box ? [box.median, box.p90] : quantilesInPlace(gaps, p.gapStart, p.gapStart + p.events, [0.5, 0.9]);
    return { from: stepNames[p.from], to: stepNames[p.to], customers: p.customers, events: p.events, medianSeconds, p90Seconds };
  });
  return { transitions, timing: chosen.map((i) => boxOf.get(i) as JourneyTiming) };
}

function buildGroups(input: JourneyInput, comparison: Comparison, plan: StagePlan, funnelPlan: FunnelPlan, walk: WalkResult, sums: EventSums, channelOrder: readonly number[]): JourneyGroup[] | null {
  // Group funnels cover the funnel stages; group satisfaction covers every stage, side steps included.
  const F = funnelPlan.names.length;
  const S = input.stepNames.length;
  const satOf = (gi: number): { stage: string; satisfaction: MeanCi | null }[] =>
    plan.names.map((stage, k) => ({
      stage,
      satisfaction: input.satisfaction === null || sums.group === null ? null : stageSatisfaction(plan.steps[k], sums.group.n, sums.group.sum, sums.group.sumSq, gi * S, sums.shift),
    }));
  if (comparison.groupOfCustomer !== null && walk.groupJourneys !== null && walk.groupReached !== null) {
    const out: JourneyGroup[] = [];
    for (let gi = 0; gi < comparison.groupCount; gi++) {
      const customers = walk.groupJourneys[gi];
      if (customers === 0) continue;
      out.push({
        group: gi < input.segmentNames.length ? input.segmentNames[gi] : UNMATCHED_GROUP,
        customers,
        funnel: funnelFromReached(walk.groupReached, gi * (F + 1), funnelPlan.names),
        stages: satOf(gi),
      });
    }
    return out;
  }
  if (comparison.byChannel && walk.channelJourneys !== null && walk.channelReached !== null) {
    const out: JourneyGroup[] = [];
    for (const c of channelOrder) {
      const customers = walk.channelJourneys[c];
      if (customers === 0) continue;
      out.push({ group: input.channelNames[c], customers, funnel: funnelFromReached(walk.channelReached, c * (F + 1), funnelPlan.names), stages: satOf(c) });
    }
    return out;
  }
  return null;
}

function orderNote(spec: JourneySpec, plan: StagePlan): string {
  const unit = spec.precision === 'day' ? 'day' : 'time';
  const same = spec.precision === 'day' ? 'on the same day' : 'at the same time';
  const tie = plan.fromSpec
    ? 'by the stage order you set (steps outside your stages come after them, in their usual order)'
    : 'by the usual order of their steps (each step’s median position in the journeys)';
  return `Events are ordered by ${unit}; events ${same} are ordered ${tie}, then by their order in the file.`;
}
