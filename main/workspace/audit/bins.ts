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

/** Quartile groups, never splitting a value: a value goes to group ⌊4 · (rows below it + half its rows) / n⌋. */
function byQuartiles(column: string, values: Float64Array): Binned {
  const sorted = Float64Array.from(values.filter((v) => v === v)).sort();
  const n = sorted.length;
  const edges: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  let group = -1;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && sorted[j] === sorted[i]) j++;
    const g = Math.min(3, Math.floor((4 * (i + (j - i) / 2)) / n));
    if (g !== group) {
      if (group >= 0) edges.push(sorted[i]);
      group = g;
      lo.push(sorted[i]);
    }
    hi[lo.length - 1] = sorted[j - 1];
    i = j;
  }
  const labels = lo.map((l, k) => (l === hi[k] ? fmt(l) : `${fmt(l)}–${fmt(hi[k])}`));
  const codes = assign(values, edges);
  return { codes, levels: labels, note: `"${column}" has many values, so it was cut at its quartiles into ${labels.length} groups (${labels.join(', ')}); give bins to choose the edges.` };
}

export function binNumeric(column: string, values: Float64Array, opts: { edges?: number[]; integer: boolean; label?: (v: number) => string }): Binned {
  if (opts.edges) return byEdges(column, values, opts.edges, opts.integer);
  const distinct = distinctSorted(values, MAX_VALUE_GROUPS);
  if (distinct) return byValue(values, distinct, opts.label ?? fmt);
  return byQuartiles(column, values);
}
