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
