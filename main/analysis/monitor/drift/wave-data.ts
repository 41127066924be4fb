// One wave's columns reduced to what the comparison needs: numbers as their present values sorted ascending,
// categories as counts per level (labels, so two waves with their own level lists can be matched by text). A wave
// can be reduced on its own thread (the current wave on a helper, main/jobs/drift-helper.ts) and the two compared
// afterwards. Pure functions, no I/O.
import type { DriftSkipped } from '../../../../shared/monitor-drift';
import { compareCategorical, compareNumeric, presentSorted, type ColumnComparison } from './compare-column';

export type WaveColumn =
  | { kind: 'numeric'; name: string; sorted: Float64Array; rows: number; integer: boolean }
  | { kind: 'categorical'; name: string; levels: string[]; counts: number[]; rows: number };

/** The NPS answers of a wave: 0…10 or −1 per row, and the mix group of each row (codes into `levels`, −1 none). */
export interface WaveNps {
  scores: Int8Array;
  levels: string[];
  codes: Int32Array | null;
}

/** A text column with more distinct values than this is free text, not categories. */
export const MAX_CATEGORIES = 1000;
/** ID-like: at least this many distinct values… */
const ID_MIN_DISTINCT = 50;
/** …covering at least this share of the rows that have a value. */
const ID_DISTINCT_SHARE = 0.9;

const n = (x: number) => x.toLocaleString('en-US');

/** `owned`: nobody else reads `values` afterwards, so it is sorted where it is instead of copied. */
export function numericWaveColumn(name: string, values: Float64Array, rows: number, integer: boolean, owned = false): WaveColumn {
  return { kind: 'numeric', name, sorted: presentSorted(values, owned), rows, integer };
}

export function categoricalWaveColumn(name: string, levels: string[], codes: Int32Array, rows: number): WaveColumn {
  const counts = new Array<number>(levels.length).fill(0);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) counts[codes[i]]++;
  // Only the levels this wave has (a dataset's level list also holds the other period's levels).
  const keep = levels.map((_, i) => i).filter((i) => counts[i] > 0);
  return { kind: 'categorical', name, levels: keep.map((i) => levels[i]), counts: keep.map((i) => counts[i]), rows };
}

function allDistinct(sorted: Float64Array): boolean {
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return false;
  return true;
}

/** Two waves' categories on one list of levels (the reference's first). */
export function unifyCounts(a: { levels: string[]; counts: number[] }, b: { levels: string[]; counts: number[] }): { levels: string[]; ref: number[]; cur: number[] } {
  const index = new Map<string, number>();
  const levels: string[] = [];
  for (const l of [...a.levels, ...b.levels]) {
    if (!index.has(l)) {
      index.set(l, levels.length);
      levels.push(l);
    }
  }
  const ref = new Array<number>(levels.length).fill(0);
  const cur = new Array<number>(levels.length).fill(0);
  a.levels.forEach((l, i) => (ref[index.get(l)!] += a.counts[i]));
  b.levels.forEach((l, i) => (cur[index.get(l)!] += b.counts[i]));
  return { levels, ref, cur };
}

/** Compare one column of the two waves, or say why it is not compared. */
export function compareWaveColumns(ref: WaveColumn, cur: WaveColumn): ColumnComparison | DriftSkipped {
  const name = ref.name;
  if (ref.kind === 'numeric' && cur.kind === 'numeric') {
    const a = ref.sorted;
    const b = cur.sorted;
    if (a.length === 0 || b.length === 0) return { name, reason: `no values in the ${a.length === 0 ? 'reference' : 'current'} wave` };
    if (ref.integer && a.length >= ID_MIN_DISTINCT && allDistinct(a)) return { name, reason: `ID-like: all ${n(a.length)} whole numbers of the reference wave differ` };
    return compareNumeric(name, a, b, ref.rows, cur.rows);
  }
  if (ref.kind !== 'categorical' || cur.kind !== 'categorical') return { name, reason: 'read as numbers in one wave and as categories in the other' };
  const u = unifyCounts(ref, cur);
  const refPresent = u.ref.reduce((s, v) => s + v, 0);
  const curPresent = u.cur.reduce((s, v) => s + v, 0);
  if (refPresent === 0 || curPresent === 0) return { name, reason: `no values in the ${refPresent === 0 ? 'reference' : 'current'} wave` };
  const distinctRef = ref.levels.length;
  if (distinctRef >= ID_MIN_DISTINCT && distinctRef >= ID_DISTINCT_SHARE * refPresent) return { name, reason: `ID-like: ${n(distinctRef)} distinct values in ${n(refPresent)} reference rows` };
  if (u.levels.length > MAX_CATEGORIES) return { name, reason: `free text or codes: ${n(u.levels.length)} distinct values, more than the ${n(MAX_CATEGORIES)} categories compared` };
  return compareCategorical(name, u.levels, u.ref, u.cur, ref.rows, cur.rows);
}
