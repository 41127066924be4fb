// Event-level sums that do not depend on the order of events: per step (later added up per stage) the
// satisfaction sums, NPS answer counts and events per channel, and the same satisfaction sums per comparison
// group. One sequential pass over the original arrays, applying the same filters as the grouping.
import type { JourneyInput } from './types';

export interface EventSums {
  /** Common shift of every satisfaction sum (the first rating seen), so sums can be added across groups. */
  shift: number;
  /** Per step: ratings, Σ(x − shift), Σ(x − shift)². */
  satN: Float64Array;
  satSum: Float64Array;
  satSumSq: Float64Array;
  /** Observed min / max rating over kept events (NaN when none). */
  satMin: number;
  satMax: number;
  /** Per step: promoters (9–10), passives (7–8), detractors (0–6). */
  promoters: Float64Array;
  passives: Float64Array;
  detractors: Float64Array;
  /** NPS values outside 0–10 (ignored). */
  npsOutOfRange: number;
  /** Per step × channel code: events (row-major, stride = channel count). null without a channel column. */
  stepChannel: Float64Array | null;
  /** Per group × step satisfaction sums (stride = step count), for the comparison groups. */
  group: { n: Float64Array; sum: Float64Array; sumSq: Float64Array } | null;
}

export interface EventSumsOptions {
  /** Keep-mask per event source: channel filter and customer (segment) filter, as in the grouping. */
  channelAllowed: Uint8Array | null;
  keepCustomer: Uint8Array | null;
  /** Comparison group of an event: 'segment' uses groupOfCustomer, 'channel' the channel code. */
  groupOfCustomer: Int32Array | null;
  byChannel: boolean;
  groupCount: number;
}

export function eventSums(input: JourneyInput, o: EventSumsOptions, isCancelled?: () => boolean): EventSums {
  const S = input.stepNames.length;
  const { n, step, customer } = input;
  const sat = input.satisfaction;
  const nps = input.nps;
  const ch = input.channel;
  const C = input.channelNames.length;
  const satN = new Float64Array(S);
  const satSum = new Float64Array(S);
  const satSumSq = new Float64Array(S);
  const promoters = new Float64Array(S);
  const passives = new Float64Array(S);
  const detractors = new Float64Array(S);
  const stepChannel = ch === null ? null : new Float64Array(S * C);
  const grouped = o.groupOfCustomer !== null || (o.byChannel && ch !== null);
  const G = o.groupCount;
  const group = grouped ? { n: new Float64Array(G * S), sum: new Float64Array(G * S), sumSq: new Float64Array(G * S) } : null;
  let shift = Number.NaN;
  let satMin = Number.POSITIVE_INFINITY;
  let satMax = Number.NEGATIVE_INFINITY;
  let npsOutOfRange = 0;
  const allowed = o.channelAllowed;
  const keep = o.keepCustomer;

  for (let e = 0; e < n; e++) {
    if ((e & 0xfffff) === 0 && isCancelled?.()) throw new Error('cancelled');
    const c = ch === null ? -1 : ch[e];
    if (allowed !== null && (c < 0 || allowed[c] !== 1)) continue;
    if (keep !== null && keep[customer[e]] === 0) continue;
    const s = step[e];
    if (stepChannel !== null && c >= 0) stepChannel[s * C + c]++;
    if (sat !== null) {
      const x = sat[e];
      if (x === x) {
        if (shift !== shift) shift = x;
        const d = x - shift;
        satN[s]++;
        satSum[s] += d;
        satSumSq[s] += d * d;
        if (x < satMin) satMin = x;
        if (x > satMax) satMax = x;
        if (group !== null) {
          const gi = o.groupOfCustomer !== null ? o.groupOfCustomer[customer[e]] : c;
          if (gi >= 0) {
            const cell = gi * S + s;
            group.n[cell]++;
            group.sum[cell] += d;
            group.sumSq[cell] += d * d;
          }
        }
      }
    }
    if (nps !== null) {
      const v = nps[e];
      if (v === v) {
        if (v < 0 || v > 10) npsOutOfRange++;
        else if (v >= 9) promoters[s]++;
        else if (v >= 7) passives[s]++;
        else detractors[s]++;
      }
    }
  }
  const anySat = satMin <= satMax;
  return {
    shift: shift === shift ? shift : 0,
    satN,
    satSum,
    satSumSq,
    satMin: anySat ? satMin : Number.NaN,
    satMax: anySat ? satMax : Number.NaN,
    promoters,
    passives,
    detractors,
    npsOutOfRange,
    stepChannel,
    group,
  };
}
