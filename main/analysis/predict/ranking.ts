// Orderings shared by the metrics: counts of positives and negatives above each distinct score (ROC, PR, cost
// thresholds), midranks (ties share the average rank, the convention that makes AUC count a tie as ½), and rows by
// descending score (ties in row order, so every table built on the order is reproducible).
//
// Speed: countsByThreshold needs no row's place, so it sorts plain Float64Arrays with the engine's native numeric
// sort, 3–5× faster than sorting row indices with a comparator (measured ~150 ms vs ~800 ms for 1M doubles).
// Midranks and the lift table need each row's place and sort indices.

export interface ThresholdCounts {
  /** Distinct scores, highest first. */
  thresholds: Float64Array;
  /** Positives with score ≥ thresholds[k]. */
  tps: Float64Array;
  /** Negatives with score ≥ thresholds[k]. */
  fps: Float64Array;
}

/** Cumulative true/false positives at each distinct score, from the highest down (sklearn's _binary_clf_curve). */
export function countsByThreshold(y: Uint8Array, score: Float64Array): ThresholdCounts {
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const pos = new Float64Array(positives);
  const neg = new Float64Array(y.length - positives);
  let a = 0;
  let b = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === 1) pos[a++] = score[i];
    else neg[b++] = score[i];
  }
  pos.sort();
  neg.sort();
  // Merge the two ascending lists from the top; one entry per distinct score (−0 and +0 count as one, as ===).
  const thresholds = new Float64Array(y.length);
  const tps = new Float64Array(y.length);
  const fps = new Float64Array(y.length);
  let i = pos.length - 1;
  let j = neg.length - 1;
  let k = 0;
  while (i >= 0 || j >= 0) {
    const v = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
    while (i >= 0 && pos[i] === v) i--;
    while (j >= 0 && neg[j] === v) j--;
    thresholds[k] = v;
    tps[k] = pos.length - 1 - i;
    fps[k] = neg.length - 1 - j;
    k++;
  }
  return { thresholds: thresholds.subarray(0, k), tps: tps.subarray(0, k), fps: fps.subarray(0, k) };
}

/** 1-based ranks of `values` in ascending order, tied values sharing the mean of their ranks. */
export function midranks(values: Float64Array): Float64Array {
  // Each row's rank is needed, so row indices are sorted (a native sort plus a binary search per row measured no
  // faster: ~1.3 s either way on a million rows).
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    // Positions i..j (0-based) hold one tied value: ranks i+1..j+1, mean (i + j)/2 + 1.
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Row indices by descending score; equal scores keep ascending row order. */
export function orderByScoreDescending(score: Float64Array): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => score[b] - score[a] || a - b);
}
