// One walk over the ordered journeys: distinct journeys per step and stage, directly-follows pairs with their
// time gaps, the sequential funnel (with time between stages), per-group funnels and path variants.
//
// Funnel rule (like "in this order" funnels): a journey reaches stage 0 at its first event of stage 0, and
// stage i at its first event of stage i after the event where it reached stage i − 1. Walking the journey once
// and advancing a pointer when an event's stage equals the next stage gives exactly that. The funnel runs over
// funnel stages only (funnelOfStep): side steps (spec.offFunnel) never move a journey along it, so a support
// contact between Delivery and Review neither blocks nor counts as reaching Review.
import type { GroupedEvents } from './group';
import { GrowableFloat64 } from './buffers';
import { VariantTable } from './variants';

export interface PairStats {
  from: number;
  to: number;
  events: number;
  customers: number;
  /** Gaps in seconds live at gaps[gapStart, gapStart + events). */
  gapStart: number;
}

export interface WalkResult {
  stepCustomers: Int32Array;
  stageCustomers: Int32Array;
  /** Per funnel stage: distinct journeys with an event of one of its funnel steps, in any order. */
  funnelStageCustomers: Int32Array;
  /** reachedHist[r] = journeys that reached exactly r funnel stages in funnel order (r = 0..F). */
  reachedHist: Float64Array;
  /** Seconds from reaching funnel stage i to reaching funnel stage i + 1, per i in 0..F−2. */
  toNext: GrowableFloat64[];
  pairs: PairStats[];
  gaps: Float64Array;
  /** Journeys per path variant. */
  variants: VariantTable;
  /** Per group (segment groups): journeys and reachedHist rows of F + 1. */
  groupJourneys: Int32Array | null;
  groupReached: Float64Array | null;
  /** Per channel code (channel groups): journeys with an event on the channel and reachedHist rows. */
  channelJourneys: Int32Array | null;
  channelReached: Float64Array | null;
}

export interface WalkOptions {
  stepCount: number;
  stageCount: number;
  stageOfStep: Int32Array;
  /** Funnel stages (the stages that are not side steps). */
  funnelCount: number;
  /** Funnel stage index per step code; −1 for a side step (spec.offFunnel) or a step outside every stage. */
  funnelOfStep: Int32Array;
  /** Group index per customer code (segment comparison), or null. */
  groupOfCustomer: Int32Array | null;
  groupCount: number;
  /** Compare by channel: uses the grouped events' channel per position (GroupedEvents.channel). */
  byChannel: boolean;
  channelCount: number;
  isCancelled?: () => boolean;
}

/** Dense pair matrices up to this many steps (S² cells); sparser logs use a Map from pair key to pair id. */
const MAX_DENSE_STEPS = 1024;
const CHECK_EVERY = 0xffff;

export function walkJourneys(g: GroupedEvents, customerCount: number, o: WalkOptions): WalkResult {
  const { offsets, step, time, m } = g;
  const S = o.stepCount;
  const K = o.stageCount;
  const stageOfStep = o.stageOfStep;
  const F = o.funnelCount;
  const funnelOfStep = o.funnelOfStep;
  const cancelled = (c: number): void => {
    if ((c & CHECK_EVERY) === 0 && o.isCancelled?.()) throw new Error('cancelled');
  };

  // --- distinct journeys per step and stage; events and distinct journeys per directly-follows pair.
  // Dense mode indexes pairs as from·S + to; sparse mode (many steps) numbers the pairs met through a Map and
  // remembers each position's pair id for the gap pass.
  const dense = S <= MAX_DENSE_STEPS;
  const pairOf = dense ? null : new Int32Array(m);
  const sparseIds = dense ? null : new Map<number, number>();
  const sparseKeys: number[] = [];
  let pairSlots = dense ? S * S : 0;
  let pairEvents = new Int32Array(dense ? pairSlots : 64);
  let pairCustomers = new Int32Array(pairEvents.length);
  let pairSeen = new Int32Array(pairEvents.length).fill(-1);
  const stepCustomers = new Int32Array(S);
  const stepSeen = new Int32Array(S).fill(-1);
  const stageCustomers = new Int32Array(K);
  const stageSeen = new Int32Array(K).fill(-1);
  const funnelStageCustomers = new Int32Array(F);
  const funnelSeen = new Int32Array(F).fill(-1);
  for (let c = 0; c < customerCount; c++) {
    cancelled(c);
    const a = offsets[c];
    const b = offsets[c + 1];
    for (let j = a; j < b; j++) {
      const s = step[j];
      if (stepSeen[s] !== c) {
        stepSeen[s] = c;
        stepCustomers[s]++;
      }
      const k = stageOfStep[s];
      if (k >= 0 && stageSeen[k] !== c) {
        stageSeen[k] = c;
        stageCustomers[k]++;
      }
      const f = funnelOfStep[s];
      if (f >= 0 && funnelSeen[f] !== c) {
        funnelSeen[f] = c;
        funnelStageCustomers[f]++;
      }
      if (j + 1 === b) break;
      let p = s * S + step[j + 1];
      if (sparseIds !== null && pairOf !== null) {
        let id = sparseIds.get(p);
        if (id === undefined) {
          id = pairSlots++;
          sparseIds.set(p, id);
          sparseKeys.push(p);
          if (id === pairEvents.length) {
            pairEvents = grow(pairEvents, 0);
            pairCustomers = grow(pairCustomers, 0);
            pairSeen = grow(pairSeen, -1);
          }
        }
        pairOf[j] = id;
        p = id;
      }
      pairEvents[p]++;
      if (pairSeen[p] !== c) {
        pairSeen[p] = c;
        pairCustomers[p]++;
      }
    }
  }

  // --- pairs in slot order, each with its slice of the gap buffer
  const pairs: PairStats[] = [];
  const gapStartOf = new Int32Array(pairSlots);
  let total = 0;
  for (let p = 0; p < pairSlots; p++) {
    if (pairEvents[p] === 0) continue;
    const key = dense ? p : sparseKeys[p];
    gapStartOf[p] = total;
    pairs.push({ from: Math.floor(key / S), to: key % S, events: pairEvents[p], customers: pairCustomers[p], gapStart: total });
    total += pairEvents[p];
  }
  const gaps = new Float64Array(total);

  // --- gaps per pair, funnel, time to next stage, group funnels, variants
  const reachedHist = new Float64Array(F + 1);
  const toNext: GrowableFloat64[] = [];
  for (let i = 0; i + 1 < F; i++) toNext.push(new GrowableFloat64());
  const G = o.groupOfCustomer === null ? 0 : o.groupCount;
  const groupJourneys = o.groupOfCustomer === null ? null : new Int32Array(G);
  const groupReached = o.groupOfCustomer === null ? null : new Float64Array(G * (F + 1));
  const chanOf = o.byChannel ? g.channel : null;
  const C = chanOf === null ? 0 : o.channelCount;
  const channelJourneys = chanOf === null ? null : new Int32Array(C);
  const channelReached = chanOf === null ? null : new Float64Array(C * (F + 1));
  const channelNext = new Int32Array(C);
  const channelTouched = new Int32Array(C);
  const channelSeen = new Int32Array(C).fill(-1);
  const variants = new VariantTable(step, g.journeys);

  for (let c = 0; c < customerCount; c++) {
    cancelled(c);
    const a = offsets[c];
    const b = offsets[c + 1];
    if (b === a) continue;
    let next = 0;
    let reachTime = 0;
    let touched = 0;
    for (let j = a; j < b; j++) {
      const s = step[j];
      if (j + 1 < b) {
        const p = pairOf === null ? s * S + step[j + 1] : pairOf[j];
        gaps[gapStartOf[p]++] = (time[j + 1] - time[j]) / 1000;
      }
      const k = funnelOfStep[s];
      if (next < F && k === next) {
        if (next > 0) toNext[next - 1].push((time[j] - reachTime) / 1000);
        reachTime = time[j];
        next++;
      }
      if (chanOf !== null) {
        const ch = chanOf[j];
        if (ch >= 0) {
          if (channelSeen[ch] !== c) {
            channelSeen[ch] = c;
            channelNext[ch] = 0;
            channelTouched[touched++] = ch;
          }
          if (channelNext[ch] < F && k === channelNext[ch]) channelNext[ch]++;
        }
      }
    }
    reachedHist[next]++;
    if (groupJourneys !== null && groupReached !== null && o.groupOfCustomer !== null) {
      const gi = o.groupOfCustomer[c];
      groupJourneys[gi]++;
      groupReached[gi * (F + 1) + next]++;
    }
    if (channelJourneys !== null && channelReached !== null) {
      for (let t = 0; t < touched; t++) {
        const ch = channelTouched[t];
        channelJourneys[ch]++;
        channelReached[ch * (F + 1) + channelNext[ch]]++;
      }
    }
    variants.add(a, b);
  }

  return { stepCustomers, stageCustomers, funnelStageCustomers, reachedHist, toNext, pairs, gaps, variants, groupJourneys, groupReached, channelJourneys, channelReached };
}

function grow(a: Int32Array<ArrayBuffer>, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2).fill(fill);
  bigger.set(a);
  return bigger;
}
