// Grouping events into journeys and ordering each journey. Typed arrays only; O(n) grouping.
//
// Events are bucketed by customer code with a counting sort (two passes over the codes), then each journey's
// few events are sorted in place: insertion sort for short runs (journeys are usually a handful of events,
// and an export sorted by customer and time costs one comparison per event), an index sort for long ones.
import type { JourneyInput } from './types';

/** Events grouped by journey: journey c's events are positions offsets[c] .. offsets[c + 1] − 1. */
export interface GroupedEvents {
  /** customerCount + 1 offsets into the per-position arrays. */
  offsets: Int32Array;
  /** Original event index per position. */
  idx: Int32Array;
  time: Float64Array;
  row: Int32Array;
  step: Int32Array;
  /** Channel code per position (−1 missing), gathered only when asked for (channel comparison). */
  channel: Int32Array | null;
  /** Kept events (positions). */
  m: number;
  /** Journeys with at least one kept event. */
  journeys: number;
  /** Journeys per segment index (after the channel filter, before the segment filter); null without segments. */
  segmentJourneys: Int32Array | null;
  /** Journeys with segment −1 at the same point. */
  unmatchedJourneys: number;
}

export interface EventFilter {
  /** Per channel code: 1 = keep. null = keep every event. */
  channelAllowed: Uint8Array | null;
  /** Per segment index: 1 = keep; unmatched customers are dropped when set. null = keep every journey. */
  segmentAllowed: Uint8Array | null;
}

/** True when event e passes the event-level (channel) filter. */
export function channelKeeps(input: JourneyInput, filter: EventFilter, e: number): boolean {
  if (filter.channelAllowed === null) return true;
  const c = input.channel === null ? -1 : input.channel[e];
  return c >= 0 && filter.channelAllowed[c] === 1;
}

/** Per customer code: 1 when the journey passes the customer-level (segment) filter. null = all pass. */
export function customerMask(input: JourneyInput, filter: EventFilter): Uint8Array | null {
  if (filter.segmentAllowed === null || input.segmentOfCustomer === null) return null;
  const mask = new Uint8Array(input.customerCount);
  const seg = input.segmentOfCustomer;
  const allowed = filter.segmentAllowed;
  for (let c = 0; c < input.customerCount; c++) {
    const s = seg[c];
    mask[c] = s >= 0 && s < allowed.length && allowed[s] === 1 ? 1 : 0;
  }
  return mask;
}

export function groupByJourney(input: JourneyInput, filter: EventFilter, keepCustomer: Uint8Array | null, withChannel = false, isCancelled?: () => boolean): GroupedEvents {
  const { n, customer, customerCount } = input;
  const counts = new Int32Array(customerCount + 1);
  const ch = input.channel;
  const allowed = filter.channelAllowed;
  if (allowed === null) {
    for (let e = 0; e < n; e++) counts[customer[e] + 1]++;
  } else if (ch !== null) {
    for (let e = 0; e < n; e++) {
      const c = ch[e];
      if (c >= 0 && allowed[c] === 1) counts[customer[e] + 1]++;
    }
  }
  // Segment counts are taken here: after the channel filter, before the segment filter, so a segment filter
  // UI can show every segment's size.
  let segmentJourneys: Int32Array | null = null;
  let unmatchedJourneys = 0;
  if (input.segmentOfCustomer !== null) {
    segmentJourneys = new Int32Array(input.segmentNames.length);
    const seg = input.segmentOfCustomer;
    for (let c = 0; c < customerCount; c++) {
      if (counts[c + 1] === 0) continue;
      const s = seg[c];
      if (s >= 0 && s < segmentJourneys.length) segmentJourneys[s]++;
      else unmatchedJourneys++;
    }
  }
  let journeys = 0;
  for (let c = 0; c < customerCount; c++) {
    if (keepCustomer !== null && keepCustomer[c] === 0) counts[c + 1] = 0;
    if (counts[c + 1] > 0) journeys++;
  }
  for (let c = 0; c < customerCount; c++) counts[c + 1] += counts[c];
  const offsets = counts;
  const m = offsets[customerCount];
  const idx = new Int32Array(m);
  const time = new Float64Array(m);
  const row = new Int32Array(m);
  const step = new Int32Array(m);
  const t0 = input.time;
  const r0 = input.row;
  const s0 = input.step;
  const channel = withChannel && ch !== null ? new Int32Array(m) : null;
  const next = offsets.slice(0, customerCount);
  // Scatter: the source arrays are read in order, each event written once to its journey's next slot.
  for (let e = 0; e < n; e++) {
    if ((e & 0xfffff) === 0 && isCancelled?.()) throw new Error('cancelled');
    if (allowed !== null && ch !== null) {
      const c = ch[e];
      if (c < 0 || allowed[c] !== 1) continue;
    }
    const cu = customer[e];
    if (keepCustomer !== null && keepCustomer[cu] === 0) continue;
    const p = next[cu]++;
    idx[p] = e;
    time[p] = t0[e];
    row[p] = r0[e];
    step[p] = s0[e];
    if (channel !== null && ch !== null) channel[p] = ch[e];
  }
  return { offsets, idx, time, row, step, channel, m, journeys, segmentJourneys, unmatchedJourneys };
}

const LONG_RUN = 64;

/**
 * Sorts every journey by (time, rank of its step, row). Pass rank = null for the first pass, (time, row).
 * Stable keys make the result independent of the input's row order.
 */
export function sortJourneys(g: GroupedEvents, customerCount: number, rank: Int32Array | null, isCancelled?: () => boolean): void {
  const { offsets, time, row, step, idx, channel } = g;
  let scratch: number[] = [];
  for (let c = 0; c < customerCount; c++) {
    if ((c & 0xffff) === 0 && isCancelled?.()) throw new Error('cancelled');
    const a = offsets[c];
    const b = offsets[c + 1];
    if (b - a < 2) continue;
    if (b - a <= LONG_RUN) {
      for (let i = a + 1; i < b; i++) {
        const t = time[i];
        const r = row[i];
        const s = step[i];
        const k = rank === null ? 0 : rank[s];
        const x = idx[i];
        const ci = channel === null ? 0 : channel[i];
        let j = i - 1;
        while (j >= a) {
          const tj = time[j];
          if (tj < t) break;
          if (tj === t) {
            if (rank !== null) {
              const kj = rank[step[j]];
              if (kj < k) break;
              if (kj === k && row[j] < r) break;
            } else if (row[j] < r) break;
          }
          time[j + 1] = tj;
          row[j + 1] = row[j];
          step[j + 1] = step[j];
          idx[j + 1] = idx[j];
          if (channel !== null) channel[j + 1] = channel[j];
          j--;
        }
        time[j + 1] = t;
        row[j + 1] = r;
        step[j + 1] = s;
        idx[j + 1] = x;
        if (channel !== null) channel[j + 1] = ci;
      }
    } else {
      const len = b - a;
      if (scratch.length < len) scratch = new Array<number>(len);
      const order = scratch.slice(0, len);
      for (let i = 0; i < len; i++) order[i] = a + i;
      order.sort((p, q) => time[p] - time[q] || (rank === null ? 0 : rank[step[p]] - rank[step[q]]) || row[p] - row[q]);
      const t2 = new Float64Array(len);
      const r2 = new Int32Array(len);
      const s2 = new Int32Array(len);
      const x2 = new Int32Array(len);
      const c2 = new Int32Array(channel === null ? 0 : len);
      for (let i = 0; i < len; i++) {
        const p = order[i];
        t2[i] = time[p];
        r2[i] = row[p];
        s2[i] = step[p];
        x2[i] = idx[p];
        if (channel !== null) c2[i] = channel[p];
      }
      time.set(t2, a);
      row.set(r2, a);
      step.set(s2, a);
      idx.set(x2, a);
      if (channel !== null) channel.set(c2, a);
    }
  }
}
