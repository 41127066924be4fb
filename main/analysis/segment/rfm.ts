// RFM preset: quintile scores and the standard segment names.
//
// Scores: 5 = best — most recent (fewest days since the last purchase), most frequent, highest spend.
// Quintiles reproduce pandas' usual recipe `pd.qcut(s.rank(method='first'), 5, labels=...)`: rank with ties
// broken by order of appearance, bin edges at the linear-interpolation quantiles of the ranks at
// linspace(0, 1, 6) (numpy's lerp, including its t ≥ 0.5 form), right-closed bins with the lowest edge included.
// Recency uses labels [5, 4, 3, 2, 1] on the ascending rank, i.e. R = 6 − ascending quintile.
//
// Segment names: the widely used R × FM score map (FM = (F + M) / 2 rounded half up), first match wins:
//   Champions           R 5     FM 4–5        | Loyal              R 3–4  FM 4–5
//   Potential Loyalist  R 4–5   FM 2–3        | New Customers      R 5    FM 1
//   Promising           R 4     FM 1          | Need Attention     R 3    FM 3
//   About to Sleep      R 3     FM 1–2        | Can't Lose Them    R 1–2  FM 5
//   At Risk             R 1–2   FM 3–4        | Lost               R 1    FM 1
//   Hibernating         R 1–2   FM 1–2 (the rest of that corner)
// Every one of the 25 (R, FM) cells gets exactly one name.

/** 1..5 quintile of each value by ascending rank (ties in order of appearance). */
export function quintileByRank(values: Float64Array): Int32Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  // Stable sort keeps equal values in order of appearance = rank(method='first'). NaN sorts last.
  order.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (Number.isNaN(va) || Number.isNaN(vb)) return Number.isNaN(va) ? (Number.isNaN(vb) ? 0 : 1) : -1;
    return va - vb;
  });
  const edges = new Float64Array(6);
  for (let e = 0; e <= 5; e++) {
    const q = e * 0.2; // numpy linspace(0, 1, 6) computes i * step, so 0.6000000000000001 like pandas
    const h = (n - 1) * Math.min(1, q);
    const lo = Math.floor(h);
    const t = h - lo;
    const a = lo + 1;
    const b = Math.min(lo + 2, n);
    edges[e] = t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  }
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const rank = r + 1;
    let bin = 0;
    while (bin < 6 && edges[bin] < rank) bin++; // searchsorted side='left'
    out[order[r]] = Math.min(5, Math.max(1, bin));
  }
  return out;
}

export function rfmSegmentName(r: number, fm: number): string {
  if (r === 5 && fm >= 4) return 'Champions';
  if (r >= 3 && r <= 4 && fm >= 4) return 'Loyal';
  if (r >= 4 && fm >= 2 && fm <= 3) return 'Potential Loyalist';
  if (r === 5 && fm === 1) return 'New Customers';
  if (r === 4 && fm === 1) return 'Promising';
  if (r === 3 && fm === 3) return 'Need Attention';
  if (r === 3 && fm <= 2) return 'About to Sleep';
  if (r <= 2 && fm === 5) return "Can't Lose Them";
  if (r <= 2 && fm >= 3) return 'At Risk';
  if (r === 1 && fm === 1) return 'Lost';
  return 'Hibernating';
}

export function rfmScores(recencyDays: Float64Array, frequency: Float64Array, monetary: Float64Array): { r: Int32Array; f: Int32Array; m: Int32Array; segment: string[] } {
  const n = recencyDays.length;
  if (frequency.length !== n || monetary.length !== n) throw new Error('recency, frequency and monetary must have the same length');
  const rAsc = quintileByRank(recencyDays);
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = 6 - rAsc[i];
  const f = quintileByRank(frequency);
  const m = quintileByRank(monetary);
  const segment: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) segment[i] = rfmSegmentName(r[i], Math.floor((f[i] + m[i]) / 2 + 0.5));
  return { r, f, m, segment };
}
