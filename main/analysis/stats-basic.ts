// Descriptive statistics on sorted numeric arrays, for the data profile. Pure functions, no I/O.
//
// Conventions (stated so every number can be explained):
// - quantiles use linear interpolation between order statistics (Hyndman–Fan type 7, the default of numpy,
//   R and Excel's PERCENTILE.INC), so the median of an even count is the mean of the two middle values;
// - std is the SAMPLE standard deviation (divides by n - 1), as pandas and R report; null below two values;
// - mean and std use two passes over the data so a large offset (e.g. years, ids) does not eat the precision
//   the way a sum-of-squares formula would.
import type { HistogramBin, TopValue } from '../../shared/domain';

/** Sort a copy ascending (typed-array sort is numeric, not lexicographic). */
export function sortedCopy(values: Float64Array | readonly number[]): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

/** Type-7 quantile of an ascending array; NaN when empty. */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0];
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export function meanOf(values: Float64Array): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** Sample standard deviation (n - 1); NaN below two values. */
export function sampleStd(values: Float64Array, mean = meanOf(values)): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Number of distinct values in an ascending array. */
export function distinctSorted(sorted: Float64Array): number {
  let d = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** Values below x (strictly), by binary search. */
export function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Values above x (strictly), by binary search. */
export function countAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

export function isAllIntegers(sorted: Float64Array): boolean {
  for (let i = 0; i < sorted.length; i++) if (!Number.isInteger(sorted[i])) return false;
  return true;
}

export interface ValueRun {
  value: number;
  count: number;
}

/** Every distinct value with its count (ascending by value); stops and returns null past `limit` values. */
export function valueCountsSorted(sorted: Float64Array, limit = Number.POSITIVE_INFINITY): ValueRun[] | null {
  const runs: ValueRun[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (runs.length >= limit) return null;
    runs.push({ value: sorted[i], count: j - i });
    i = j;
  }
  return runs;
}

/** The most repeated value and how many extra copies the array holds (n - distinct); null when all unique. */
export function duplicatesSorted(sorted: Float64Array): { extra: number; example: number; exampleCount: number } | null {
  let extra = 0;
  let example = Number.NaN;
  let exampleCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    if (j - i > 1) {
      extra += j - i - 1;
      if (j - i > exampleCount) {
        exampleCount = j - i;
        example = sorted[i];
      }
    }
    i = j;
  }
  return extra > 0 ? { extra, example, exampleCount } : null;
}

export interface TukeyOutliers {
  count: number;
  lower: number;
  upper: number;
}

/** Tukey fences: values outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR] (type-7 quartiles) are counted as outliers. */
export function tukeyOutliers(sorted: Float64Array): TukeyOutliers | null {
  if (sorted.length === 0) return null;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  // With no spread in the middle half (0/1 flags, mostly-zero counts) every other value would be an "outlier":
  // the rule says nothing useful there, so report none rather than thousands.
  if (iqr === 0) return null;
  const lower = q1 - 1.5 * iqr;
  const upper = q3 + 1.5 * iqr;
  return { count: countBelow(sorted, lower) + countAbove(sorted, upper), lower, upper };
}

export const MAX_HISTOGRAM_BINS = 30;
const MIN_HISTOGRAM_BINS = 5;

/**
 * Histogram of an ascending array.
 * - Integers spanning at most 30 values (ratings, NPS 0-10, counts): one bin per integer, [v - 0.5, v + 0.5),
 *   so each bar is centred on its value and empty values in between still show as gaps.
 * - Otherwise the Freedman–Diaconis width 2·IQR·n^(-1/3) (robust to the long tails of spend and income), with
 *   the number of bins clamped to 5..30 so a chart stays readable; Sturges' ceil(log2 n) + 1 (same clamp) when
 *   the IQR is 0. Integer data get an integer bin width so no bin straddles a value unevenly.
 * Bins are [from, to) except the last, which includes the maximum.
 */
export function histogramSorted(sorted: Float64Array): HistogramBin[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0];
  const max = sorted[n - 1];
  const integers = isAllIntegers(sorted);
  if (min === max) return [{ from: integers ? min - 0.5 : min, to: integers ? max + 0.5 : max, count: n }];
  if (integers && max - min + 1 <= MAX_HISTOGRAM_BINS) {
    const bins: HistogramBin[] = [];
    for (let v = min; v <= max; v++) bins.push({ from: v - 0.5, to: v + 0.5, count: 0 });
    for (let i = 0; i < n; i++) bins[sorted[i] - min].count++;
    return bins;
  }
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  const range = max - min;
  let k = iqr > 0 ? Math.ceil(range / (2 * iqr * Math.cbrt(n))) : Math.ceil(Math.log2(n)) + 1;
  k = Math.min(MAX_HISTOGRAM_BINS, Math.max(MIN_HISTOGRAM_BINS, k));
  let width = range / k;
  if (integers) {
    width = Math.ceil(width);
    k = Math.floor(range / width) + 1;
  }
  const bins: HistogramBin[] = [];
  for (let b = 0; b < k; b++) bins.push({ from: min + b * width, to: b === k - 1 && !integers ? max : min + (b + 1) * width, count: 0 });
  for (let i = 0; i < n; i++) {
    const b = Math.min(k - 1, Math.floor((sorted[i] - min) / width));
    bins[b].count++;
  }
  return bins;
}

export interface NumericSummary {
  n: number;
  distinct: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  /** Sample standard deviation; null below two values. */
  std: number | null;
  histogram: HistogramBin[];
  outliers: TukeyOutliers | null;
}

/** Everything the profile shows for a numeric column, from its non-missing values sorted ascending. */
export function summariseSorted(sorted: Float64Array): NumericSummary | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mean = meanOf(sorted);
  const std = sampleStd(sorted, mean);
  return {
    n,
    distinct: distinctSorted(sorted),
    min: sorted[0],
    max: sorted[n - 1],
    mean,
    median: quantileSorted(sorted, 0.5),
    std: Number.isNaN(std) ? null : std,
    histogram: histogramSorted(sorted),
    outliers: tukeyOutliers(sorted),
  };
}

/** The `limit` most frequent entries, ties broken by value so the order is stable. */
export function topOf(counts: readonly TopValue[], limit = 10): TopValue[] {
  return [...counts].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, limit);
}

/** Format a stored number as the text an analyst would type (no trailing ".0", no exponent for ordinary sizes). */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(12)));
}

/**
 * Period counts for a date column's "top values": months ('YYYY-MM') when the data span at most 24 of them,
 * else years, else decades ('1980s') past 30 years. Chronological, because a date column's shape over time
 * is what an analyst looks for, not its most frequent month.
 */
export function datePeriodCounts(monthCounts: ReadonlyMap<string, number>): TopValue[] {
  const months = [...monthCounts.keys()].sort();
  if (months.length === 0) return [];
  const span = (from: string, to: string): number =>
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  let key: (month: string) => string;
  if (span(months[0], months[months.length - 1]) <= 24) key = (m) => m;
  else if (Number(months[months.length - 1].slice(0, 4)) - Number(months[0].slice(0, 4)) < 30) key = (m) => m.slice(0, 4);
  else key = (m) => `${m.slice(0, 3)}0s`;
  const out = new Map<string, number>();
  for (const m of months) out.set(key(m), (out.get(key(m)) ?? 0) + (monthCounts.get(m) ?? 0));
  return [...out].map(([value, count]) => ({ value, count }));
}
