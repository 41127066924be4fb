// Input checks shared by the prediction kernels. They throw with a message that names what is wrong, because a
// silently wrong label (a 2 counted as positive) or a column of the wrong length would give a plausible but false
// model; the service turns these messages into the user-facing error.
import type { FeatureColumns, Labels, RowSet } from './types';

/** Every label is 0 or 1; returns the number of positives. */
export function checkLabels(y: Labels, what = 'labels'): number {
  let positives = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (v === 1) positives++;
    else if (v !== 0) throw new Error(`${what} must be 0 or 1; row ${i} is ${v}.`);
  }
  return positives;
}

/** Both classes are present (AUC, log loss, calibration and stratification are undefined otherwise). */
export function checkBothClasses(y: Labels, what = 'labels'): { positives: number; negatives: number } {
  if (y.length === 0) throw new Error(`${what}: no rows.`);
  const positives = checkLabels(y, what);
  const negatives = y.length - positives;
  if (positives === 0) throw new Error(`${what}: no positive rows (every label is 0); both classes are needed.`);
  if (negatives === 0) throw new Error(`${what}: no negative rows (every label is 1); both classes are needed.`);
  return { positives, negatives };
}

/** Probabilities are finite and within [0, 1], one per label. */
export function checkProbabilities(p: Float64Array, n: number, what = 'probabilities'): void {
  if (p.length !== n) throw new Error(`${what}: ${p.length} values for ${n} labels.`);
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0 && v <= 1)) throw new Error(`${what} must lie in [0, 1]; row ${i} is ${v}.`);
  }
}

/** Scores (any real, e.g. log-odds) are finite, one per label. */
export function checkScores(s: Float64Array, n: number, what = 'scores'): void {
  if (s.length !== n) throw new Error(`${what}: ${s.length} values for ${n} labels.`);
  for (let i = 0; i < s.length; i++) if (!Number.isFinite(s[i])) throw new Error(`${what} must be finite; row ${i} is ${s[i]}.`);
}

/** All feature columns have n rows; returns n. */
export function checkColumns(x: FeatureColumns, n: number, names?: readonly string[]): number {
  if (x.length === 0) throw new Error('No features: at least one feature column is needed.');
  if (names && names.length !== x.length) throw new Error(`${names.length} feature names for ${x.length} feature columns.`);
  x.forEach((col, j) => {
    if (col.length !== n) throw new Error(`Feature ${names?.[j] ?? j} has ${col.length} rows; expected ${n}.`);
  });
  return n;
}

/** Row indices are integers in [0, n), ascending and distinct. */
export function checkRows(rows: RowSet, n: number, what = 'rows'): void {
  let prev = -1;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (r >= n) throw new Error(`${what}: row ${r} is beyond the ${n} rows.`);
    if (r <= prev) throw new Error(`${what} must be ascending and distinct (row ${r} after ${prev}).`);
    prev = r;
  }
}

/** 0..n−1, for "all rows". */
export function allRows(n: number): RowSet {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
