// Quantiles of large Float64Array slices without sorting them: quickselect (Hoare partition, median-of-three
// pivot) places order statistics in place. Quantiles are type 7 (linear interpolation between order
// statistics, numpy's default), so they match quantileSorted() in stats-basic.ts on the same values.
// The slice is permuted in place; callers own their buffers. Shared by the journey timings, the audit's
// calibration deciles and the segmentation medians (one implementation of selection in the analysis layer).

const SMALL = 48;

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Rearranges a[lo, hi) so a[k] holds the value it would hold if the slice were sorted (lo ≤ k < hi). */
export function selectInPlace(a: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi - 1;
  while (right - left > SMALL) {
    const mid = (left + right) >>> 1;
    // Median of three moved to `mid`, guarding against sorted and reverse-sorted input.
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    // Now a[left..j] ≤ pivot ≤ a[i..right], and any slot between j and i equals the pivot.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
  insertionSort(a, left, right + 1);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * Type-7 quantiles of the slice a[lo, hi) for ascending probabilities `ps` (each in 0..1); NaN for an empty
 * slice. Selects the needed order statistics left to right, each on what remains to the right of the last.
 */
export function quantilesInPlace(a: Float64Array, lo: number, hi: number, ps: readonly number[]): number[] {
  const n = hi - lo;
  if (n === 0) return ps.map(() => Number.NaN);
  if (n <= SMALL) {
    insertionSort(a, lo, hi);
    return ps.map((p) => interpolate(a, lo, n, p));
  }
  const out: number[] = [];
  let done = lo; // a[lo, done) holds its final sorted values
  const placed = (rank: number): number => {
    const k = lo + rank;
    if (k >= done) {
      selectInPlace(a, done, hi, k);
      // Everything left of k is ≤ a[k] but unordered; only a[k] is final. Track the next free start.
      done = k + 1;
      return a[k];
    }
    return a[k];
  };
  for (const p of ps) {
    const h = (n - 1) * Math.min(1, Math.max(0, p));
    const r = Math.floor(h);
    const vLo = placed(r);
    if (h === r || r + 1 >= n) {
      out.push(vLo);
      continue;
    }
    const vHi = placed(r + 1);
    out.push(vLo + (h - r) * (vHi - vLo));
  }
  return out;
}

function interpolate(sorted: Float64Array, lo: number, n: number, p: number): number {
  if (n === 1) return sorted[lo];
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const r = Math.floor(h);
  const r1 = Math.min(n - 1, r + 1);
  return sorted[lo + r] + (h - r) * (sorted[lo + r1] - sorted[lo + r]);
}

/** Sample size of medianInPlace's bracket (below SAMPLE_MIN values it selects directly). */
const BRACKET_SAMPLE = 2048;
const SAMPLE_MIN = 32_768;

/**
 * Median of a[0, m) (the mean of the two middle values for even m), exact; a is permuted. For large slices one
 * pass first narrows the search: a sorted sample of 2,048 values gives a bracket [lo, hi] that holds the middle
 * ranks with overwhelming probability; the pass counts the values below lo and moves those inside the bracket
 * to the front, and only those (~10% of the slice) are selected from. Quickselect over the whole slice costs
 * 3–4 passes with unpredictable branches (~13 ms per 1M values here; this, ~4 ms). When the middle ranks fall
 * outside the bracket (a sample that unlucky, or heavy ties exactly at a bound are still counted right), the
 * caller's values are gone from a, so `refill` restores them and the plain selection runs.
 */
export function medianInPlace(a: Float64Array, m: number, refill: () => void): number {
  if (m === 0) return Number.NaN;
  const h = m >> 1;
  if (m >= SAMPLE_MIN) {
    const sample = new Float64Array(BRACKET_SAMPLE);
    const stride = Math.floor(m / BRACKET_SAMPLE);
    for (let s = 0; s < BRACKET_SAMPLE; s++) sample[s] = a[s * stride];
    sample.sort();
    // ±5 standard deviations of the sample rank of the middle (√(S/4) ≈ 23), so a miss is practically never.
    const centre = Math.round((h / m) * BRACKET_SAMPLE);
    const lo = sample[Math.max(0, centre - 115)];
    const hi = sample[Math.min(BRACKET_SAMPLE - 1, centre + 115)];
    let below = 0;
    let kept = 0;
    // Branch-free: whether a value is below or inside the bracket is a coin toss near the middle, and mispredicted
    // branches made this pass 3× slower (8 ms vs 2.5 ms per 1M values). Every value is written at `kept` (≤ i, so
    // compaction in place never overwrites an unread value) and kept only advances past values inside.
    for (let i = 0; i < m; i++) {
      const v = a[i];
      below += +(v < lo);
      a[kept] = v;
      kept += +(v >= lo) & +(v <= hi);
    }
    // Ranks h (and h - 1 for even m) must lie in [below, below + kept).
    const first = m % 2 ? h : h - 1;
    if (first >= below && h < below + kept) return middleOf(a, kept, h - below, m % 2 === 0);
    refill();
  }
  return middleOf(a, m, h, m % 2 === 0);
}

/** The value of rank r in a[0, len) — averaged with rank r - 1 when `even` — by selection. */
function middleOf(a: Float64Array, len: number, r: number, even: boolean): number {
  selectInPlace(a, 0, len, r);
  const upper = a[r];
  if (!even) return upper;
  // After selection everything left of r is ≤ a[r]; the largest of them is rank r - 1.
  let lower = a[0];
  for (let i = 1; i < r; i++) if (a[i] > lower) lower = a[i];
  return (lower + upper) / 2;
}
