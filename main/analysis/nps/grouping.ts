// Rows → groups for NPS by group, and the per-group 0–10 tallies. Pure functions, no I/O.
//
// A grouping is one code per row (0…labels.length − 1; every row has one, "(missing)" included) plus how the
// groups are ordered in the output: 'size' (largest first, for categories) or 'natural' (the labels' order: numbers
// ascending, segments by index, periods and delay bins in time order).
//
// Numeric grouping columns: up to 12 distinct values give one group per value; more would scatter the answers
// over many tiny groups, so the values are cut into (at most) 5 groups of about equal size at the quintiles,
// never splitting one value across two groups: a value goes to group ⌊5 · (rows before it + half its rows) / n⌋.
// Each such group is labelled with the smallest and largest value it holds ("18–29").

export interface Grouping {
  codes: Int32Array;
  labels: string[];
  order: 'size' | 'natural';
  /** Notes on how the groups were formed (e.g. the quintile cut). */
  notes: string[];
  /** Leftover groups ("(missing)" and the like) left out of the output when no answer falls in them. */
  dropWhenEmpty?: string[];
}

export const MISSING_GROUP = '(missing)';
const MAX_DISTINCT_VALUES = 12;
const QUANTILE_GROUPS = 5;

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

/** Group rows by a numeric column (NaN = missing); `label` names a value (booleans use their labels). */
export function groupNumeric(values: Float64Array, column: string, label: (v: number) => string = fmt): Grouping {
  const counts = new Map<number, number>();
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const distinct = [...counts.keys()].sort((a, b) => a - b);
  const groupOf = new Map<number, number>();
  const labels: string[] = [];
  const notes: string[] = [];
  if (distinct.length <= MAX_DISTINCT_VALUES) {
    distinct.forEach((v, g) => {
      groupOf.set(v, g);
      labels.push(label(v));
    });
  } else {
    const n = values.length - missing;
    let before = 0;
    const raw: number[] = [];
    for (const v of distinct) {
      const c = counts.get(v)!;
      raw.push(Math.min(QUANTILE_GROUPS - 1, Math.floor((QUANTILE_GROUPS * (before + c / 2)) / n)));
      before += c;
    }
    // Renumber so no group is empty, then label each by the values it holds.
    let g = -1;
    let last = -1;
    const lo: number[] = [];
    const hi: number[] = [];
    distinct.forEach((v, i) => {
      if (raw[i] !== last) {
        g++;
        last = raw[i];
        lo.push(v);
      }
      hi[g] = v;
      groupOf.set(v, g);
    });
    for (let k = 0; k <= g; k++) labels.push(lo[k] === hi[k] ? fmt(lo[k]) : `${fmt(lo[k])}–${fmt(hi[k])}`);
    notes.push(
      `Column "${column}" has ${distinct.length.toLocaleString('en-US')} distinct values, so its values were cut into ${labels.length} groups of about equal size at the quintiles (${labels.join(', ')}).`,
    );
  }
  const missingCode = labels.length;
  if (missing > 0) labels.push(MISSING_GROUP);
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v !== v ? missingCode : groupOf.get(v)!;
  }
  return { codes, labels, order: 'natural', notes, dropWhenEmpty: [MISSING_GROUP] };
}

/** Group rows by dictionary codes (−1 = missing) into `levels`. */
export function groupCoded(codes: Int32Array, levels: readonly string[], order: 'size' | 'natural' = 'size'): Grouping {
  let missing = false;
  for (let i = 0; i < codes.length && !missing; i++) if (codes[i] < 0) missing = true;
  if (!missing) return { codes, labels: [...levels], order, notes: [] };
  const out = new Int32Array(codes.length);
  const m = levels.length;
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? m : codes[i];
  return { codes: out, labels: [...levels, MISSING_GROUP], order, notes: [], dropWhenEmpty: [MISSING_GROUP] };
}

/** Answers per (group, score): tallies[g * 11 + s], rows with a missing score (−1) skipped. */
export function tallyByGroup(scores: Int8Array, codes: Int32Array, groups: number): Float64Array {
  const tallies = new Float64Array(groups * 11);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s >= 0) tallies[codes[i] * 11 + s]++;
  }
  return tallies;
}
