// How rows are divided for validation: stratified k-fold cross-validation, a stratified random train/test split, and
// an analyst-defined split by a column value (test = the rows where COL = VALUE, e.g. the last month — what a churn
// model really faces). Every shuffle draws from one seeded mulberry32 stream (main/analysis/random.ts), so the same
// seed gives the same folds on every machine; stratifying keeps each part's positive rate close to the whole's,
// which matters when positives are few (a fold without churners cannot be scored at all).
import { createRng, type Rng } from '../random';
import type { Labels, RowSet, RowSplit } from './types';
import { allRows, checkLabels, checkRows } from './validate';

export interface KFoldOptions {
  /** Number of folds (default 5). */
  k?: number;
  seed: number;
  /** Rows to divide (ascending); default all. Cross-validation runs inside the training rows of a test split. */
  rows?: RowSet;
}

export interface KFolds {
  k: number;
  seed: number;
  /** Fold (0..k−1) of each row of the full arrays; −1 for rows outside `rows`. */
  assignment: Int8Array;
  /** Per fold: test = that fold's rows, train = the other folds' rows (both ascending). */
  splits: RowSplit[];
}

function checkSeed(seed: number): void {
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new Error(`The seed must be a whole number from 0 to 4294967295; got ${seed}.`);
}

/** Fisher–Yates shuffle in place, drawing from the seeded stream. */
function shuffle(items: Uint32Array, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/** The rows of each class (positives first), in ascending order. */
function byClass(y: Labels, rows: RowSet): [Uint32Array, Uint32Array] {
  const pos: number[] = [];
  const neg: number[] = [];
  for (const r of rows) (y[r] === 1 ? pos : neg).push(r);
  return [Uint32Array.from(pos), Uint32Array.from(neg)];
}

/**
 * Stratified k-fold assignment. Each class is shuffled on its own and dealt round-robin, the negatives continuing
 * where the positives stopped, so per class and in total the fold sizes differ by at most one row.
 */
export function stratifiedKFold(y: Labels, options: KFoldOptions): KFolds {
  const k = options.k ?? 5;
  checkSeed(options.seed);
  checkLabels(y);
  if (!(Number.isInteger(k) && k >= 2 && k <= 100)) throw new Error(`The number of folds must be a whole number from 2 to 100; got ${k}.`);
  const rows = options.rows ?? allRows(y.length);
  checkRows(rows, y.length);
  const classes = byClass(y, rows);
  const labels = ['positive', 'negative'];
  classes.forEach((members, c) => {
    if (members.length < k) {
      throw new Error(`Cannot make ${k} stratified folds: only ${members.length} ${labels[c]} row${members.length === 1 ? '' : 's'}; every fold needs at least one. Use fewer folds.`);
    }
  });
  const rng = createRng(options.seed);
  const assignment = new Int8Array(y.length).fill(-1);
  let position = 0;
  for (const members of classes) {
    shuffle(members, rng);
    for (const r of members) assignment[r] = position++ % k;
  }
  const splits: RowSplit[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (const r of rows) (assignment[r] === f ? test : train).push(r);
    splits.push({ train: Uint32Array.from(train), test: Uint32Array.from(test) });
  }
  return { k, seed: options.seed, assignment, splits };
}

/**
 * Stratified random split. The test part has ⌈share·n⌉ rows (scikit-learn's train_test_split rule), divided between
 * the classes by largest remainder so the positive rate matches the whole's as closely as whole rows allow; each
 * part keeps at least one row of each class.
 */
export function stratifiedSplit(y: Labels, testShare: number, seed: number): RowSplit {
  checkSeed(seed);
  checkLabels(y);
  if (!(testShare > 0 && testShare < 1)) throw new Error(`The test share must lie strictly between 0 and 1 (e.g. 0.2); got ${testShare}.`);
  const classes = byClass(y, allRows(y.length));
  const labels = ['positive', 'negative'];
  classes.forEach((members, c) => {
    if (members.length < 2) throw new Error(`Cannot split train/test: only ${members.length} ${labels[c]} row${members.length === 1 ? '' : 's'}; each part needs at least one.`);
  });
  const n = y.length;
  const testSize = Math.ceil(testShare * n);
  // Largest remainder: floor of each class's exact share, then the leftover rows to the larger fractions (ties:
  // positives first, so the scarce class is not shorted).
  const exact = classes.map((m) => (testSize * m.length) / n);
  const counts = exact.map(Math.floor);
  let left = testSize - counts[0] - counts[1];
  const byFraction = [0, 1].sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (const c of byFraction) {
    if (left === 0) break;
    counts[c]++;
    left--;
  }
  const train: number[] = [];
  const test: number[] = [];
  const rng = createRng(seed);
  classes.forEach((members, c) => {
    const take = Math.min(Math.max(counts[c], 1), members.length - 1);
    shuffle(members, rng);
    members.forEach((r, i) => (i < take ? test : train).push(r));
  });
  return { train: Uint32Array.from(train.sort((a, b) => a - b)), test: Uint32Array.from(test.sort((a, b) => a - b)) };
}

export interface ValueSplit extends RowSplit {
  column: string;
  value: string;
}

/**
 * Test = the rows where `column` equals `value`; train = all other rows (rows with a missing value included, as
 * they are not in the test period). A numeric column matches by number (value "3" matches 3 and 3.0); a text
 * column by exact text. With labels given, both parts must hold both classes, since neither a model nor an AUC
 * can be computed otherwise.
 */
export function splitByValue(values: Float64Array | readonly (string | null)[], value: string, column: string, y?: Labels): ValueSplit {
  const numeric = values instanceof Float64Array;
  const target = numeric ? Number(value) : value;
  if (numeric && (value.trim() === '' || !Number.isFinite(target))) {
    throw new Error(`Column ${column} is numeric; the test value "${value}" is not a number.`);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let r = 0; r < values.length; r++) (values[r] === target ? test : train).push(r);
  if (test.length === 0) {
    const seen = new Set<string>();
    for (let r = 0; r < values.length && seen.size < 5; r++) if (values[r] !== null && !Number.isNaN(values[r])) seen.add(String(values[r]));
    throw new Error(`No row has ${column} = "${value}", so there is no test set. Values in ${column} include: ${[...seen].map((s) => `"${s}"`).join(', ')}.`);
  }
  if (train.length === 0) throw new Error(`Every row has ${column} = "${value}", so nothing is left to train on.`);
  if (y) {
    if (y.length !== values.length) throw new Error(`${y.length} labels for ${values.length} rows of ${column}.`);
    checkLabels(y);
    const describe = (rows: number[], part: string) => {
      const positives = rows.reduce((s, r) => s + y[r], 0);
      if (positives === 0 || positives === rows.length) {
        throw new Error(`The ${part} rows (${column} ${part === 'test' ? '=' : '≠'} "${value}", ${rows.length} rows) have ${positives === 0 ? 'no positives' : 'only positives'}; both classes are needed.`);
      }
    };
    describe(train, 'training');
    describe(test, 'test');
  }
  return { column, value, train: Uint32Array.from(train), test: Uint32Array.from(test) };
}
