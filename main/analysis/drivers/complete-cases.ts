// The rows a key-driver model uses. A row without the target never enters. A missing driver value (blank, or one
// of the missing codes) either drops the row (listwise deletion, the default: Johnson's weights need one
// correlation matrix from one set of rows) or, with `impute`, is filled with that driver's median over the rows
// that have the target (the mode for a 0/1 driver, where a median of 0.5 would be a value no one has), and each
// fill is counted so the result can say how much of the data was made up.

export interface CompleteCases {
  x: Float64Array[];
  y: Float64Array;
  excluded: number;
  /** Per driver: rows where that driver was missing (a row can count for several drivers). */
  missingByDriver: number[];
  missingTarget: number;
  /** With impute: per driver, the rows filled and the value used (null when nothing was filled). */
  imputed: { count: number; value: number | null }[] | null;
}

/** Median of the values (the lower of the two middles' mean for an even count), or the mode of a 0/1 driver. */
export function fillValue(values: number[]): number | null {
  if (values.length === 0) return null;
  if (values.every((v) => v === 0 || v === 1)) {
    let ones = 0;
    for (const v of values) ones += v;
    return ones > values.length - ones ? 1 : 0;
  }
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function completeCases(x: readonly Float64Array[], y: Float64Array, missingCodes: readonly number[] = [], impute = false): CompleteCases {
  const n = y.length;
  const codes = new Set(missingCodes);
  const isMissing = (v: number) => Number.isNaN(v) || codes.has(v);
  const keep = new Uint8Array(n).fill(1);
  const missingByDriver = x.map(() => 0);
  let missingTarget = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(y[i])) {
      keep[i] = 0;
      missingTarget++;
    }
  }
  const fills: { count: number; value: number | null }[] = [];
  x.forEach((col, j) => {
    if (col.length !== n) throw new Error(`driver ${j} holds ${col.length} values for ${n} rows`);
    const present: number[] = [];
    for (let i = 0; i < n; i++) {
      if (isMissing(col[i])) {
        missingByDriver[j]++;
        if (!impute) keep[i] = 0;
      } else if (impute && keep[i]) present.push(col[i]);
    }
    if (impute) {
      let count = 0;
      for (let i = 0; i < n; i++) if (keep[i] && isMissing(col[i])) count++;
      fills.push({ count, value: count > 0 ? fillValue(present) : null });
    }
  });
  let kept = 0;
  for (let i = 0; i < n; i++) kept += keep[i];
  const out = x.map(() => new Float64Array(kept));
  const yOut = new Float64Array(kept);
  let r = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    yOut[r] = y[i];
    for (let j = 0; j < x.length; j++) {
      const v = x[j][i];
      // A driver missing in every analysed row has no fill value: NaN stays and the caller refuses it by name.
      out[j][r] = impute && isMissing(v) ? (fills[j].value ?? Number.NaN) : v;
    }
    r++;
  }
  return { x: out, y: yOut, excluded: n - kept, missingByDriver, missingTarget, imputed: impute ? fills : null };
}
