// Builders for hand-made event logs as JourneyInput, and a straightforward (slow, obvious) reference
// implementation over plain arrays to check the typed-array analytics against.
import type { JourneySpec } from '../../../shared/journeys';
import type { JourneyInput } from '../../../main/analysis/journey/types';

export interface Ev {
  c: string;
  /** Time: ISO text or milliseconds. */
  t: string | number;
  step: string;
  ch?: string | null;
  sat?: number;
  nps?: number;
}

export interface LogOptions {
  channel?: boolean;
  satisfaction?: boolean;
  nps?: boolean;
  /** Segment name per customer id (unlisted customers are unmatched), with the segment names in index order. */
  segments?: { names: string[]; of: Record<string, number> };
  /** Extra step names in the dictionary that no event uses. */
  extraSteps?: string[];
}

export const H = 3_600_000;
export const D = 24 * H;
export const T0 = Date.UTC(2024, 0, 1);

export function ms(t: string | number): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

/** Codes assigned in order of first appearance, like a loader would; row = array index. */
export function logOf(events: readonly Ev[], o: LogOptions = {}): JourneyInput {
  const n = events.length;
  const custCodes = new Map<string, number>();
  const stepCodes = new Map<string, number>();
  const chanCodes = new Map<string, number>();
  const customer = new Int32Array(n);
  const time = new Float64Array(n);
  const step = new Int32Array(n);
  const channel = o.channel ? new Int32Array(n) : null;
  const satisfaction = o.satisfaction ? new Float64Array(n) : null;
  const nps = o.nps ? new Float64Array(n) : null;
  const row = new Int32Array(n);
  const code = (m: Map<string, number>, k: string): number => {
    let v = m.get(k);
    if (v === undefined) {
      v = m.size;
      m.set(k, v);
    }
    return v;
  };
  events.forEach((e, i) => {
    customer[i] = code(custCodes, e.c);
    time[i] = ms(e.t);
    step[i] = code(stepCodes, e.step);
    if (channel) channel[i] = e.ch == null ? -1 : code(chanCodes, e.ch);
    if (satisfaction) satisfaction[i] = e.sat ?? Number.NaN;
    if (nps) nps[i] = e.nps ?? Number.NaN;
    row[i] = i;
  });
  for (const s of o.extraSteps ?? []) code(stepCodes, s);
  let segmentOfCustomer: Int32Array | null = null;
  if (o.segments) {
    segmentOfCustomer = new Int32Array(custCodes.size).fill(-1);
    for (const [id, c] of custCodes) segmentOfCustomer[c] = o.segments.of[id] ?? -1;
  }
  return {
    n,
    customer,
    customerCount: custCodes.size,
    time,
    step,
    stepNames: [...stepCodes.keys()],
    channel,
    channelNames: [...chanCodes.keys()],
    satisfaction,
    nps,
    segmentOfCustomer,
    segmentNames: o.segments?.names ?? [],
    row,
  };
}

export function spec(extra: Partial<JourneySpec> = {}): JourneySpec {
  return { dataset: 'events', customer: 'customer_id', time: 'timestamp', step: 'step', ...extra };
}

/** Journeys: A-B-C... as events an hour apart starting at T0 + offset days. */
export function path(c: string, steps: string[], dayOffset = 0, gapMs = H): Ev[] {
  return steps.map((step, i) => ({ c, t: T0 + dayOffset * D + i * gapMs, step }));
}

/** numpy.quantile's default (linear) over a plain array. */
export function npQuantile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}
