// Global explanations on the test rows: permutation importance per input column (the drop in AUC when the column's
// values are shuffled among the rows, a one-hot column's levels moving together), with a 95% interval over the
// repeats; mean |contribution| per column from the exact per-customer explanations; partial dependence of the top
// columns (the mean probability with the column set to each grid value for everyone).
// Large test sets are sampled (seeded) for these: the ranking of columns is stable long before 20,000 rows.
// Permutation importance itself is in ./importance.ts.
import type { FeatureImportance, FrozenModel, PartialDependence } from '../../../../shared/predict';
import { createRng } from '../../random';
import { explainModel, modelLogOdds } from '../frozen';
import { sigmoid } from '../gbdt/model';
import type { FeatureColumns, RowSet } from '../types';

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
export function subsetColumns(x: FeatureColumns, rows: RowSet): Float64Array[] {
  // Plain loops: TypedArray.from with a map function is several times slower in V8, which shows at 20 × 20,000.
  return x.map((col) => {
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = col[rows[k]];
    return out;
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
