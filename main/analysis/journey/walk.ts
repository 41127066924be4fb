// One walk over the ordered journeys: distinct journeys per step and stage, directly-follows pairs with their
// time gaps, the sequential funnel (with time between stages), per-group funnels and path variants.
//
// Funnel rule (like "in this order" funnels): a journey reaches stage 0 at its first event of stage 0, and
// stage i at its first event of stage i after the event where it reached stage i − 1. Walking the journey once
// and advancing a pointer when an event's stage equals the next stage gives exactly that.
import type { GroupedEvents } from './group';
import { GrowableFloat64 } from './buffers';

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
  /** reachedHist[r] = journeys that reached exactly r stages in funnel order (r = 0..K). */
  reachedHist: Float64Array;
  /** Seconds from reaching stage i to reaching stage i + 1, per i in 0..K−2. */
  toNext: GrowableFloat64[];
  pairs: PairStats[];
  gaps: Float64Array;
  /** Path key → journeys. Keys are step codes as UTF-16 code units (or comma-joined above 65,535 steps). */
  variants: Map<string, number>;
  /** Per group (segment groups): journeys and reachedHist rows of K + 1. */
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
  /** Group index per customer code (segment comparison), or null. */
  groupOfCustomer: Int32Array | null;
  groupCount: number;
  /** Channel code per original event (channel comparison), or null. */
  channelOfEvent: Int32Array | null;
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
  const cancelled = (c: number): void => {
    if ((c & CHECK_EVERY) === 0 && o.isCancelled?.()) throw new Error('cancelled');
  };

  // --- pair ids per position (−1 at a journey's last event), events and distinct journeys per pair
  const dense = S <= MAX_DENSE_STEPS;
  const pairOf = new Int32Array(m);
  const sparseIds = dense ? null : new Map<number, number>();
  const sparseKeys: number[] = [];
  for (let c = 0; c < customerCount; c++) {
    cancelled(c);
    const a = offsets[c];
    const b = offsets[c + 1];
    if (b === a) continue;
    for (let j = a; j < b - 1; j++) {
      const key = step[j] * S + step[j + 1];
      if (sparseIds === null) pairOf[j] = key;
      else {
        let id = sparseIds.get(key);
        if (id === undefined) {
          id = sparseKeys.length;
          sparseIds.set(key, id);
          sparseKeys.push(key);
        }
        pairOf[j] = id;
      }
    }
    pairOf[b - 1] = -1;
  }
  const pairSlots = dense ? S * S : sparseKeys.length;
  const pairEvents = new Int32Array(pairSlots);
  const pairCustomers = new Int32Array(pairSlots);
  const pairSeen = new Int32Array(pairSlots).fill(-1);
  const stepCustomers = new Int32Array(S);
  const stepSeen = new Int32Array(S).fill(-1);
  const stageCustomers = new Int32Array(K);
  const stageSeen = new Int32Array(K).fill(-1);
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
      const p = pairOf[j];
      if (p >= 0) {
        pairEvents[p]++;
        if (pairSeen[p] !== c) {
          pairSeen[p] = c;
          pairCustomers[p]++;
        }
      }
    }
  }

  // --- gaps per pair, packed by pair
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
  for (let c = 0; c < customerCount; c++) {
    cancelled(c);
    const a = offsets[c];
    const b = offsets[c + 1];
    for (let j = a; j < b - 1; j++) {
      const p = pairOf[j];
      gaps[gapStartOf[p]++] = (time[j + 1] - time[j]) / 1000;
    }
  }

  // --- funnel, time to next stage, group funnels, variants
  const reachedHist = new Float64Array(K + 1);
  const toNext: GrowableFloat64[] = [];
  for (let i = 0; i + 1 < K; i++) toNext.push(new GrowableFloat64());
  const G = o.groupOfCustomer === null ? 0 : o.groupCount;
  const groupJourneys = o.groupOfCustomer === null ? null : new Int32Array(G);
  const groupReached = o.groupOfCustomer === null ? null : new Float64Array(G * (K + 1));
  const C = o.channelOfEvent === null ? 0 : o.channelCount;
  const channelJourneys = o.channelOfEvent === null ? null : new Int32Array(C);
  const channelReached = o.channelOfEvent === null ? null : new Float64Array(C * (K + 1));
  const channelNext = new Int32Array(C);
  const channelTouched = new Int32Array(C);
  const channelSeen = new Int32Array(C).fill(-1);
  const variants = new Map<string, number>();
  const codeUnits = S <= 0xffff;
  const chanOf = o.channelOfEvent;
  const idx = g.idx;

  for (let c = 0; c < customerCount; c++) {
    cancelled(c);
    const a = offsets[c];
    const b = offsets[c + 1];
    if (b === a) continue;
    let next = 0;
    let reachTime = 0;
    let touched = 0;
    for (let j = a; j < b; j++) {
      const k = stageOfStep[step[j]];
      if (next < K && k === next) {
        if (next > 0) toNext[next - 1].push((time[j] - reachTime) / 1000);
        reachTime = time[j];
        next++;
      }
      if (chanOf !== null) {
        const ch = chanOf[idx[j]];
        if (ch >= 0) {
          if (channelSeen[ch] !== c) {
            channelSeen[ch] = c;
            channelNext[ch] = 0;
            channelTouched[touched++] = ch;
          }
          if (channelNext[ch] < K && k === channelNext[ch]) channelNext[ch]++;
        }
      }
    }
    reachedHist[next]++;
    if (groupJourneys !== null && groupReached !== null && o.groupOfCustomer !== null) {
      const gi = o.groupOfCustomer[c];
      groupJourneys[gi]++;
      groupReached[gi * (K + 1) + next]++;
    }
    if (channelJourneys !== null && channelReached !== null) {
      for (let t = 0; t < touched; t++) {
        const ch = channelTouched[t];
        channelJourneys[ch]++;
        channelReached[ch * (K + 1) + channelNext[ch]]++;
      }
    }
    const key = codeUnits ? codeUnitKey(step, a, b) : Array.prototype.join.call(step.subarray(a, b), ',');
    variants.set(key, (variants.get(key) ?? 0) + 1);
  }

  return { stepCustomers, stageCustomers, reachedHist, toNext, pairs, gaps, variants, groupJourneys, groupReached, channelJourneys, channelReached };
}

const KEY_CHUNK = 4096;

/** Step codes a..b as a string of UTF-16 code units: a cheap, exact hash key for a path. */
function codeUnitKey(step: Int32Array, a: number, b: number): string {
  if (b - a <= KEY_CHUNK) return String.fromCharCode.apply(null, step.subarray(a, b) as unknown as number[]);
  let out = '';
  for (let i = a; i < b; i += KEY_CHUNK) out += String.fromCharCode.apply(null, step.subarray(i, Math.min(b, i + KEY_CHUNK)) as unknown as number[]);
  return out;
}

/** Decodes a path key back to step codes. */
export function decodeVariantKey(key: string, stepCount: number): number[] {
  if (stepCount <= 0xffff) {
    const out = new Array<number>(key.length);
    for (let i = 0; i < key.length; i++) out[i] = key.charCodeAt(i);
    return out;
  }
  return key.split(',').map(Number);
}
