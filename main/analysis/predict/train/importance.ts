// Permutation importance per input column: the drop in test AUC when the column's values are shuffled among the
// sampled rows (a one-hot column's levels moving together), IMPORTANCE_REPEATS shuffles each, with a 95% interval
// over the repeats. It is 5 × (input columns) full predictions of its rows, the costliest part of training at scale
// after the fit itself; a shuffle changes one column only, so only what it can change is run again
// (gbdt/tree-values.ts): the same numbers, bit for bit, for a fraction of the work.
// The inputs can be shared between threads (importanceOfInputs takes them one at a time from a counter): every
// input's shuffles come from the same seeded stream at the same place, whichever thread draws them (the stream is
// moved past the inputs a thread skips), so the figures do not depend on who computed which.
import { tQuantile } from '../../journey/t-distribution';
import type { FrozenMember, FrozenModel } from '../../../../shared/predict';
import { createRng } from '../../random';
import { memberLogOdds, modelLogOdds } from '../frozen';
import { TreeValueCache } from '../gbdt/tree-values';
import { rocAuc } from '../metrics';
import type { FeatureColumns, Labels, RowSet } from '../types';
import { IMPORTANCE_REPEATS, subsetColumns } from './insight';

export type Importance = { mean: number; ci: [number, number] };

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

/**
 * Permutation importance as a self-contained job another thread can share (workspace/predict/importance-helper.ts):
 * the model, the columns and labels of the sampled rows only (a few MB), and a shared counter from which every thread
 * working on it takes the next input.
 */
export interface ImportanceJob {
  model: FrozenModel;
  columns: Float64Array[];
  labels: Uint8Array;
  owners: number[];
  seed: number;
  /** [0]: the next input to take (SharedArrayBuffer). */
  claims: Int32Array;
}

export function importanceJob(model: FrozenModel, x: FeatureColumns, y: Labels, rows: RowSet, owners: readonly number[], seed: number): ImportanceJob {
  return {
    model,
    columns: subsetColumns(x, rows),
    labels: Uint8Array.from(rows, (r) => y[r]),
    owners: [...owners],
    seed,
    claims: new Int32Array(new SharedArrayBuffer(4)),
  };
}

/** This thread's share of a job: the inputs it takes from the job's counter until none is left. */
export function takeImportanceShare(job: ImportanceJob, isCancelled?: () => boolean): Map<number, Importance> {
  return importanceOfInputs(job.model, job.columns, job.labels, job.owners, job.seed, () => Atomics.add(job.claims, 0, 1), isCancelled);
}

/**
 * A job's figures for every input: `mine` and `theirs` (another thread's share, or null when it never came), and
 * any input taken by a thread that never answered computed here.
 */
export function mergeImportance(job: ImportanceJob, mine: Map<number, Importance>, theirs: Map<number, Importance> | null, isCancelled?: () => boolean): Importance[] {
  const missing = job.model.inputs.map((_, i) => i).filter((i) => !mine.has(i) && !theirs?.has(i));
  let at = 0;
  const rest = missing.length > 0 ? importanceOfInputs(job.model, job.columns, job.labels, job.owners, job.seed, () => (at < missing.length ? missing[at++] : -1), isCancelled) : new Map<number, Importance>();
  return job.model.inputs.map((_, i) => mine.get(i) ?? theirs?.get(i) ?? rest.get(i)!);
}

/** Every input, on this thread: the figures for model.inputs in order. */
export function permutationImportance(model: FrozenModel, x: FeatureColumns, y: Labels, rows: RowSet, owners: readonly number[], seed: number, isCancelled?: () => boolean): Importance[] {
  const sub = subsetColumns(x, rows);
  const ys = Uint8Array.from(rows, (r) => y[r]);
  let next = 0;
  const figures = importanceOfInputs(model, sub, ys, owners, seed, () => next++, isCancelled);
  return model.inputs.map((_, i) => figures.get(i)!);
}

/**
 * The inputs `next()` hands out (ascending; −1 or past the last input: done), on the sampled rows' columns `sub` and
 * labels `ys`. Input i's shuffles are draws i·R … (i+1)·R − 1 of the seeded stream (R = IMPORTANCE_REPEATS × (n − 1),
 * one Fisher–Yates shuffle of n rows per repeat), so any thread gives the same figures for it.
 */
function importanceOfInputs(model: FrozenModel, sub: Float64Array[], ys: Uint8Array, owners: readonly number[], seed: number, next: () => number, isCancelled?: () => boolean): Map<number, Importance> {
  const out = new Map<number, Importance>();
  const n = ys.length;
  let input = next();
  if (input < 0 || input >= model.inputs.length) return out;
  const reference = rocAuc(ys, modelLogOdds(model.members, sub));
  const shuffled = logOddsAfterShuffle(model.members, sub, n);
  const rng = createRng(seed);
  const drawsPerInput = IMPORTANCE_REPEATS * Math.max(0, n - 1);
  let drawn = 0;
  const t = tQuantile(0.975, IMPORTANCE_REPEATS - 1);
  const order = new Uint32Array(n);
  for (; input >= 0 && input < model.inputs.length; input = next()) {
    if (isCancelled?.()) throw new Error('cancelled');
    // Past the inputs other threads take (their draws are theirs).
    for (const to = input * drawsPerInput; drawn < to; drawn++) rng.next();
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
      drawn += Math.max(0, n - 1);
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
    out.set(input, { mean, ci: [mean - half, mean + half] });
  }
  return out;
}
