// Bootstrap resampling as row counts, and percentile intervals. Drawing n rows with replacement is the same as
// giving row i the number of times it was drawn; the weighted sums over the original rows then equal the sums over
// the resampled copy exactly (integers times doubles), at no copying cost.
import { quantileSorted } from '../stats-basic';

/** n draws of a uniform row index from `next` (seeded mulberry32), tallied per row. */
export function drawCounts(n: number, next: () => number, into?: Int32Array): Int32Array {
  const counts = into ?? new Int32Array(n);
  counts.fill(0);
  for (let d = 0; d < n; d++) counts[Math.floor(next() * n)]++;
  return counts;
}

/** Percentile interval (type-7 quantiles at (1 − level)/2 and (1 + level)/2) of the given draws. */
export function percentileInterval(draws: Float64Array, level: number): [number, number] {
  const sorted = Float64Array.from(draws).sort();
  return [quantileSorted(sorted, (1 - level) / 2), quantileSorted(sorted, (1 + level) / 2)];
}
