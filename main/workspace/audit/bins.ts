// Numeric columns as groups, for protected attributes and proxy features: a column with few distinct values
// (a 0/1 flag, a 1–5 rating) keeps one group per value; otherwise it is cut at the analyst's edges
// (age=18,25,35,45,55,65 → "under 18", "18–24", …, "65+") or, without edges, at its quartiles, each quartile group
// labelled by the smallest and largest value it holds ("35–44"). A value is never split across two groups.
import { AppError } from '../../../shared/errors';

export interface Binned {
  /** Group per row (−1 missing), into `levels` in ascending order. */
  codes: Int32Array;
  levels: string[];
  /** How the groups were formed, in words (null when each value is its own group). */
  note: string | null;
}

/** Up to this many distinct values, each value is its own group. */
export const MAX_VALUE_GROUPS = 12;

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))));

function distinctSorted(values: Float64Array, limit: number): number[] | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) {
      seen.add(v);
      if (seen.size > limit) return null;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

function byValue(values: Float64Array, distinct: number[], label: (v: number) => string): Binned {
  const index = new Map<number, number>(distinct.map((v, k) => [v, k]));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    codes[i] = v !== v ? -1 : index.get(v)!;
  }
  return { codes, levels: distinct.map(label), note: null };
}

/** Group of each value for sorted cut points: group k holds edges[k-1] ≤ v < edges[k]. */
function assign(values: Float64Array, edges: number[]): Int32Array {
  const codes = new Int32Array(values.length);
  const m = edges.length;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      codes[i] = -1;
      continue;
    }
    let k = 0;
    while (k < m && v >= edges[k]) k++;
    codes[i] = k;
  }
  return codes;
}

/** Drop groups nobody is in and renumber, keeping the order. */
function compact(codes: Int32Array, labels: string[]): { codes: Int32Array; levels: string[] } {
  const used = new Uint8Array(labels.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) used[codes[i]] = 1;
  const remap = new Int32Array(labels.length).fill(-1);
  const levels: string[] = [];
  labels.forEach((l, k) => {
    if (used[k]) {
      remap[k] = levels.length;
      levels.push(l);
    }
  });
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = remap[codes[i]];
  return { codes, levels };
}

/** The analyst's edges: "under e0", "e0–(e1−1)" for whole numbers ("e0 to under e1" otherwise), …, "eN+". */
function byEdges(column: string, values: Float64Array, edges: number[], integer: boolean): Binned {
  for (let k = 1; k < edges.length; k++) {
    if (!(edges[k] > edges[k - 1])) {
      throw new AppError('BAD_ARGUMENTS', `The bins for "${column}" must increase (got ${edges.join(',')}); e.g. ${column}=18,25,35,45,55,65.`, { columnName: column });
    }
  }
  const wholeEdges = integer && edges.every(Number.isInteger);
  const labels: string[] = [`under ${fmt(edges[0])}`];
  for (let k = 1; k < edges.length; k++) {
    labels.push(wholeEdges ? (edges[k] - 1 === edges[k - 1] ? fmt(edges[k - 1]) : `${fmt(edges[k - 1])}–${fmt(edges[k] - 1)}`) : `${fmt(edges[k - 1])} to under ${fmt(edges[k])}`);
  }
  labels.push(`${fmt(edges[edges.length - 1])}+`);
  const c = compact(assign(values, edges), labels);
  return { ...c, note: `"${column}" was grouped at the given edges (${edges.map(fmt).join(', ')}): ${c.levels.join(', ')}.` };
}

const BUCKETS = 1 << 16;

/** A value's quartile group from the rows below it and its own count: ⌊4 · (below + count / 2) / n⌋, at most 3. */
const quartileOf = (below: number, count: number, n: number) => Math.min(3, Math.floor((4 * (below + count / 2)) / n));

/**
 * Quartile groups, never splitting a value: a value goes to group ⌊4 · (rows below it + half its rows) / n⌋.
 * Without sorting a million values: a 65,536-bucket histogram gives every bucket's rows below it, so a bucket whose
 * lowest and highest possible group agree lies wholly in one group; only the few buckets a cut falls in are sorted.
 */
function byQuartiles(column: string, values: Float64Array): Binned {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const scale = BUCKETS / (max - min);
  const bucketOf = (v: number) => Math.min(BUCKETS - 1, Math.floor((v - min) * scale));
  const counts = new Int32Array(BUCKETS);
  const lowest = new Float64Array(BUCKETS).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    const b = bucketOf(v);
    counts[b]++;
    if (v < lowest[b]) lowest[b] = v;
  }
  // Buckets a cut may fall in: their values, sorted, with each distinct value's rows below it.
  const mixed = new Map<number, number[]>();
  for (let b = 0, below = 0; b < BUCKETS; below += counts[b], b++) {
    if (counts[b] > 0 && quartileOf(below, 0, n) !== quartileOf(below + counts[b], 0, n)) mixed.set(b, []);
  }
  if (mixed.size > 0) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === v) mixed.get(bucketOf(v))?.push(v);
    }
  }
  const edges: number[] = [];
  let group = -1;
  const enter = (g: number, v: number) => {
    if (g === group) return;
    if (group >= 0) edges.push(v);
    group = g;
  };
  for (let b = 0, below = 0; b < BUCKETS; below += counts[b], b++) {
    if (counts[b] === 0) continue;
    const inside = mixed.get(b);
    if (!inside) {
      enter(quartileOf(below, 0, n), lowest[b]);
      continue;
    }
    inside.sort((x, y) => x - y);
    for (let i = 0; i < inside.length; ) {
      let j = i;
      while (j < inside.length && inside[j] === inside[i]) j++;
      enter(quartileOf(below + i, j - i, n), inside[i]);
      i = j;
    }
  }
  const codes = assign(values, edges);
  // Label each group by the smallest and largest value it holds.
  const lo = new Array<number>(edges.length + 1).fill(Number.POSITIVE_INFINITY);
  const hi = new Array<number>(edges.length + 1).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < values.length; i++) {
    const c = codes[i];
    if (c < 0) continue;
    const v = values[i];
    if (v < lo[c]) lo[c] = v;
    if (v > hi[c]) hi[c] = v;
  }
  const labels = rangeLabels(lo, hi);
  return { codes, levels: labels, note: `"${column}" has many values, so it was cut at its quartiles into ${labels.length} groups (${labels.join(', ')}); give bins to choose the edges.` };
}

/** "lo–hi" per group, with as many significant digits as it takes for neighbouring labels not to run together. */
function rangeLabels(lo: number[], hi: number[]): string[] {
  for (let digits = 4; ; digits++) {
    const f = (v: number) => (Number.isInteger(v) || digits >= 17 ? String(v) : String(Number(v.toPrecision(digits))));
    const labels = lo.map((l, k) => (l === hi[k] ? f(l) : `${f(l)}–${f(hi[k])}`));
    const clash = lo.some((l, k) => (k > 0 && f(l) === f(hi[k - 1])) || (l !== hi[k] && f(l) === f(hi[k])));
    if (!clash || digits >= 17) return labels;
  }
}

export function binNumeric(column: string, values: Float64Array, opts: { edges?: number[]; integer: boolean; label?: (v: number) => string }): Binned {
  if (opts.edges) return byEdges(column, values, opts.edges, opts.integer);
  const distinct = distinctSorted(values, MAX_VALUE_GROUPS);
  if (distinct) return byValue(values, distinct, opts.label ?? fmt);
  return byQuartiles(column, values);
}
