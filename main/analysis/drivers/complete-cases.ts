// Listwise deletion: a row enters the model only when the target and every driver are present (after the
// missing codes), as Johnson's weights need one correlation matrix from one set of rows.

export interface CompleteCases {
  x: Float64Array[];
  y: Float64Array;
  excluded: number;
  /** Per driver: rows where that driver was missing (a row can count for several drivers). */
  missingByDriver: number[];
  missingTarget: number;
}

export function completeCases(x: readonly Float64Array[], y: Float64Array, missingCodes: readonly number[] = []): CompleteCases {
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
  x.forEach((col, j) => {
    if (col.length !== n) throw new Error(`driver ${j} holds ${col.length} values for ${n} rows`);
    for (let i = 0; i < n; i++) {
      if (isMissing(col[i])) {
        keep[i] = 0;
        missingByDriver[j]++;
      }
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
    for (let j = 0; j < x.length; j++) out[j][r] = x[j][i];
    r++;
  }
  return { x: out, y: yOut, excluded: n - kept, missingByDriver, missingTarget };
}
