// Global explanations on the test rows: permutation importance per input column (the drop in AUC when the column's
// values are shuffled among the rows, a one-hot column's levels moving together), with a 95% interval over the
// repeats; mean |contribution| per column from the exact per-customer explanations; partial dependence of the top
// columns (the mean probability with the column set to each grid value for everyone).
// Large test sets are sampled (seeded) for these: the ranking of columns is stable long before 20,000 rows.
// Permutation importance is 5 × (input columns) full predictions of its rows, the costliest part of training at
// scale after the fit itself; a shuffle changes one column only, so a tree that never tests it is not run again
// (tree-values.ts): the same numbers, bit for bit, for a fraction of the work.
import { tQuantile } from '../../journey/t-distribution';
import type { FeatureImportance, FrozenMember, FrozenModel, PartialDependence } from '../../../../shared/predict';
import { createRng } from '../../random';
import { explainModel, memberLogOdds, modelLogOdds } from '../frozen';
import { sigmoid } from '../gbdt/model';
import { TreeValueCache } from '../gbdt/tree-values';
import { rocAuc } from '../metrics';
import type { FeatureColumns, Labels, RowSet } from '../types';

export const IMPORTANCE_ROWS = 20_000;
export const IMPORTANCE_REPEATS = 5;
export const EXPLAIN_ROWS = 5_000;
export const DEPENDENCE_ROWS = 1_000;

/** Up to `max` of `rows`, drawn without replacement (seeded), kept in ascending order. */
export function sampleRows(rows: RowSet, max: number, seed: number): RowSet {
  if (rows.length <= max) return rows;
  const copy = Uint32Array.from(rows);
  const rng = createRng(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng.next() * (copy.length - i));
    const t = copy[i];
    copy[i] = copy[j];
    copy[j] = t;
  }
  return copy.slice(0, max).sort();
}

/** The columns of `x` restricted to `rows` (a small dense copy the permutations can scribble on). */
function subsetColumns(x: FeatureColumns, rows: RowSet): Float64Array[] {
  // Plain loops: TypedArray.from with a map function is several times slower in V8, which shows at 20 × 20,000.
  return x.map((col) => {
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
    return out;
  });
}

/** Kept per-tree values cost 8 bytes per row and tree; above this the trees are simply run again. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * modelLogOdds(members, cols) for columns that differ from `reference` only in the features `changed`, with the
 * tree members' untouched trees taken from a cache; the same arithmetic in the same order, so the same bits.
 */
function logOddsAfterShuffle(members: readonly FrozenMember[], reference: FeatureColumns, n: number) {
  const caches = members.map((m) =>
    m.kind === 'gbdt' && TreeValueCache.bytes(n, m.gbdt!.trees.length) <= MAX_CACHE_BYTES ? new TreeValueCache(m.gbdt!.baseMargin, m.gbdt!.trees, reference, n) : null,
  );
  return (cols: FeatureColumns, changed: readonly number[]): Float64Array => {
    const parts = members.map((m, p) => {
      const cache = caches[p];
      if (cache === null) return memberLogOdds(m, cols);
      const margin = cache.margins(cols, changed);
      const { a, b } = m.calibration;
      for (let k = 0; k < n; k++) margin[k] = a * margin[k] + b; // as memberLogOdds
      return margin;
    });
    // As modelLogOdds: the members' log-odds added from 0 in member order, then divided by their number. One member
    // (the usual case) is the same as its own log-odds divided by 1, without the per-row loop over members.
    if (parts.length === 1) {
      const only = parts[0];
      for (let k = 0; k < n; k++) only[k] = (0 + only[k]) / 1;
      return only;
    }
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let p = 0; p < parts.length; p++) s += parts[p][k];
      out[k] = s / parts.length;
    }
    return out;
  };
}

export type Importance = { mean: number; ci: [number, number] };

/**
 * Permutation importance as a self-contained job for another thread (workspace/predict/importance-helper.ts): the
 * model and the columns of the sampled rows only (a few MB), so runImportanceJob gives exactly what
 * permutationImportance(model, x, y, rows, owners, seed) gives (it subsets the same columns the same way).
 */
export interface ImportanceJob {
  model: FrozenModel;
  columns: Float64Array[];
  labels: Uint8Array;
  owners: number[];
  seed: number;
}

export function importanceJob(model: FrozenModel, x: FeatureColumns, y: Labels, rows: RowSet, owners: readonly number[], seed: number): ImportanceJob {
  return { model, columns: subsetColumns(x, rows), labels: Uint8Array.from(rows, (r) => y[r]), owners: [...owners], seed };
}

export function runImportanceJob(job: ImportanceJob): Importance[] {
  const all = Uint32Array.from({ length: job.labels.length }, (_, i) => i);
  return permutationImportance(job.model, job.columns, job.labels, all, job.owners, job.seed);
}

export function permutationImportance(model: FrozenModel, x: FeatureColumns, y: Labels, rows: RowSet, owners: readonly number[], seed: number, isCancelled?: () => boolean): Importance[] {
  const sub = subsetColumns(x, rows);
  const ys = Uint8Array.from(rows, (r) => y[r]);
  const reference = rocAuc(ys, modelLogOdds(model.members, sub));
  const n = rows.length;
  const shuffled = logOddsAfterShuffle(model.members, sub, n);
  const rng = createRng(seed);
  const t = tQuantile(0.975, IMPORTANCE_REPEATS - 1);
  const order = new Uint32Array(n);
  return model.inputs.map((_, input) => {
    if (isCancelled?.()) throw new Error('cancelled');
    const mine = owners.flatMap((o, j) => (o === input ? [j] : []));
    const drops: number[] = [];
    for (let rep = 0; rep < IMPORTANCE_REPEATS; rep++) {
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      const cols = sub.slice();
      for (const j of mine) {
        const from = sub[j];
        const to = new Float64Array(n);
        for (let i = 0; i < n; i++) to[i] = from[order[i]];
        cols[j] = to;
      }
      drops.push(reference - rocAuc(ys, shuffled(cols, mine)));
    }
    const mean = drops.reduce((s, d) => s + d, 0) / drops.length;
    const sd = Math.sqrt(drops.reduce((s, d) => s + (d - mean) ** 2, 0) / (drops.length - 1));
    const half = (t * sd) / Math.sqrt(drops.length);
    return { mean, ci: [mean - half, mean + half] as [number, number] };
  });
}

export function meanAbsContributions(model: FrozenModel, x: FeatureColumns, rows: RowSet, owners: readonly number[]): Float64Array {
  const out = new Float64Array(model.inputs.length);
  const explained = explainModel(model, x, owners, model.inputs.length, rows);
  for (const e of explained) for (let k = 0; k < out.length; k++) out[k] += Math.abs(e.contributions[k]);
  for (let k = 0; k < out.length; k++) out[k] /= Math.max(1, explained.length);
  return out;
}

/**
 * Partial dependence of input `input`: for a number column its training deciles (distinct values only), for a text
 * column each level; every sampled row gets that value and the calibrated probabilities are averaged.
 */
export function partialDependence(model: FrozenModel, x: FeatureColumns, rows: RowSet, input: number, trainValues: Float64Array | null): PartialDependence {
  const spec = model.inputs[input];
  const sub = subsetColumns(x, rows);
  const meanProbability = (cols: FeatureColumns) => {
    const z = modelLogOdds(model.members, cols);
    let s = 0;
    for (let i = 0; i < z.length; i++) s += sigmoid(z[i]);
    return s / z.length;
  };
  if (spec.kind === 'number') {
    const present = (trainValues ?? new Float64Array(0)).filter((v) => v === v).sort();
    const grid = [...new Set(Array.from({ length: 11 }, (_, q) => (present.length ? present[Math.min(present.length - 1, Math.floor((q / 10) * (present.length - 1)))] : Number.NaN)))].filter(
      (v) => v === v,
    );
    const probability = grid.map((v) => {
      const cols = sub.slice();
      cols[spec.feature] = new Float64Array(rows.length).fill(v);
      return meanProbability(cols);
    });
    return { feature: spec.column, kind: 'number', grid, probability };
  }
  const probability = spec.levels.map((_, l) => {
    const cols = sub.slice();
    for (let j = 0; j < spec.levels.length; j++) cols[spec.feature + j] = new Float64Array(rows.length).fill(j === l ? 1 : 0);
    return meanProbability(cols);
  });
  return { feature: spec.column, kind: 'levels', grid: [...spec.levels], probability };
}

export function importanceTable(model: FrozenModel, perm: { mean: number; ci: [number, number] }[], meanAbs: Float64Array): FeatureImportance[] {
  return model.inputs
    .map((input, k) => ({ name: input.column, importance: perm[k].mean, importanceCi: perm[k].ci, meanAbsContribution: meanAbs[k] }))
    .sort((a, b) => b.importance - a.importance || b.meanAbsContribution - a.meanAbsContribution);
}
