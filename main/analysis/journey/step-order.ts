// The inferred step order: where each step usually sits in a journey.
//
// After the first sort, (time, row), each event gets its 0-based position in its journey. A step's place is
// the median of its events' positions (type 7: the mean of the two middle positions for an even count), ties
// broken by the mean position, then by the step name (code-unit order, so the result never depends on locale).
import type { GroupedEvents } from './group';

export interface StepPositions {
  /** Events per step code. */
  events: Int32Array;
  /** Median position per step code (NaN for a step without events). */
  median: Float64Array;
  mean: Float64Array;
  /** Step codes with events, in inferred order. */
  order: number[];
}

/** Dense per-step position histograms up to this many cells; beyond it, positions are bucketed and sorted. */
const MAX_HISTOGRAM_CELLS = 8_000_000;

export function stepPositions(g: GroupedEvents, customerCount: number, stepNames: readonly string[]): StepPositions {
  const S = stepNames.length;
  const { offsets, step } = g;
  const events = new Int32Array(S);
  const sum = new Float64Array(S);
  let maxLen = 0;
  for (let c = 0; c < customerCount; c++) {
    const a = offsets[c];
    const b = offsets[c + 1];
    if (b - a > maxLen) maxLen = b - a;
    for (let j = a; j < b; j++) {
      const s = step[j];
      events[s]++;
      sum[s] += j - a;
    }
  }
  const median = new Float64Array(S).fill(Number.NaN);
  const mean = new Float64Array(S).fill(Number.NaN);
  for (let s = 0; s < S; s++) if (events[s] > 0) mean[s] = sum[s] / events[s];

  if (S * maxLen <= MAX_HISTOGRAM_CELLS) {
    const hist = new Int32Array(S * maxLen);
    for (let c = 0; c < customerCount; c++) {
      const a = offsets[c];
      const b = offsets[c + 1];
      for (let j = a; j < b; j++) hist[step[j] * maxLen + (j - a)]++;
    }
    for (let s = 0; s < S; s++) {
      if (events[s] === 0) continue;
      median[s] = medianOfHistogram(hist, s * maxLen, maxLen, events[s]);
    }
  } else {
    // Long journeys with many steps: bucket the positions by step (counting sort) and sort each bucket.
    const start = new Int32Array(S + 1);
    for (let s = 0; s < S; s++) start[s + 1] = start[s] + events[s];
    const fill = start.slice(0, S);
    const pos = new Int32Array(g.m);
    for (let c = 0; c < customerCount; c++) {
      const a = offsets[c];
      const b = offsets[c + 1];
      for (let j = a; j < b; j++) pos[fill[step[j]]++] = j - a;
    }
    for (let s = 0; s < S; s++) {
      if (events[s] === 0) continue;
      const bucket = pos.subarray(start[s], start[s + 1]).sort();
      const n = bucket.length;
      const h = (n - 1) / 2;
      const lo = Math.floor(h);
      median[s] = h === lo ? bucket[lo] : (bucket[lo] + bucket[lo + 1]) / 2;
    }
  }

  const order: number[] = [];
  for (let s = 0; s < S; s++) if (events[s] > 0) order.push(s);
  order.sort((a, b) => median[a] - median[b] || mean[a] - mean[b] || (stepNames[a] < stepNames[b] ? -1 : stepNames[a] > stepNames[b] ? 1 : a - b));
  return { events, median, mean, order };
}

/** Type-7 median of integer positions given their counts hist[base + position]. */
function medianOfHistogram(hist: Int32Array, base: number, width: number, n: number): number {
  const h = (n - 1) / 2;
  const lo = Math.floor(h);
  const vLo = rankValue(hist, base, width, lo);
  if (h === lo) return vLo;
  return (vLo + rankValue(hist, base, width, lo + 1)) / 2;
}

/** The position holding 0-based rank r in a histogram. */
function rankValue(hist: Int32Array, base: number, width: number, r: number): number {
  let seen = 0;
  for (let p = 0; p < width; p++) {
    seen += hist[base + p];
    if (seen > r) return p;
  }
  return width - 1;
}
