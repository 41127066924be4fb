// One pass per audited column: codes → the four confusion counts per group. Typed arrays only, nothing per row
// in JS objects, so 1M rows take a few milliseconds per column.
//
// Layout: counts[4·code + 2·label + predicted], i.e. per group [TN, FP, FN, TP]. Without a label every row
// counts as label 0, so TN + FP = n and FP = the positive predictions. Rows whose code is −1 (missing, when
// the data path did not make "(missing)" a level) belong to no group of that column.

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export const TN = 0;
export const FP = 1;
export const FN = 2;
export const TP = 3;

export function confusionCounts(codes: Int32Array, levels: number, predicted: Uint8Array, label: Uint8Array | null, n: number): Float64Array {
  const counts = new Float64Array(levels * 4);
  if (label) {
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c >= 0) counts[(c << 2) | (label[i] << 1) | predicted[i]]++;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = codes[i];
      if (c >= 0) counts[(c << 2) | predicted[i]]++;
    }
  }
  return counts;
}

export function confusionOf(counts: Float64Array, code: number): Confusion {
  const o = code * 4;
  return { tn: counts[o + TN], fp: counts[o + FP], fn: counts[o + FN], tp: counts[o + TP] };
}

/** Rows of a group, whatever their label. */
export function groupSize(c: Confusion): number {
  return c.tp + c.fp + c.fn + c.tn;
}
