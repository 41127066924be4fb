// Permutation importance on the training's helper thread (workspace/predict/importance-helper.ts) gives the same
// figures, bit for bit, as on the job's own thread: the expected value is permutationImportance itself (checked
// against scoring every shuffle from scratch in gbdt-tree-values.test.ts), compared with toEqual on the doubles.
// Data: seeded mulberry32 (main/analysis/random.ts), 6,000 rows, two numbers (one 15% missing) and a text column of
// three levels (one-hot: one input owns several features), outcome from a planted logit; 4,000 rows fit the trees.
// Needs the built helper entry (out/main/predict-helper.js, `npm run build`); skipped without it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrozenModel } from '../../../shared/predict';
import { applyEncoding, featureOwners, fitEncoding, type InputColumn } from '../../../main/analysis/predict/encoding';
import { fitGbdt } from '../../../main/analysis/predict/gbdt/boost';
import { freezeGbdt } from '../../../main/analysis/predict/train/fit';
import { importanceJob, mergeImportance, permutationImportance, takeImportanceShare } from '../../../main/analysis/predict/train/importance';
import { createRng } from '../../../main/analysis/random';
import { startImportanceHelper } from '../../../main/workspace/predict/importance-helper';

const WORKER = join(__dirname, '../../../out/main/predict-helper.js');
const built = existsSync(WORKER);
if (!built) console.warn(`Skipping the permutation-importance helper tests: ${WORKER} is absent (npm run build).`);

const N = 6000;

function setUp() {
  const rng = createRng(17);
  const a = new Float64Array(N);
  const b = new Float64Array(N);
  const codes = new Int32Array(N);
  const y = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    a[i] = rng.normal();
    b[i] = rng.next() < 0.15 ? NaN : rng.normal();
    codes[i] = Math.floor(rng.next() * 3);
    const logit = 1.1 * a[i] - 0.7 * (b[i] === b[i] ? b[i] : 0.4) + (codes[i] === 1 ? 0.9 : 0) - 0.3;
    y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const columns: InputColumn[] = [
    { name: 'a', kind: 'number', type: 'real', values: a },
    { name: 'b', kind: 'number', type: 'real', values: b },
    { name: 'plan', kind: 'levels', type: 'text', codes, levels: ['p', 'q', 'r'] },
  ];
  const train = Uint32Array.from({ length: 4000 }, (_, i) => i);
  const test = Uint32Array.from({ length: N - 4000 }, (_, i) => 4000 + i);
  const encoding = fitEncoding(columns, train, 1);
  const x = applyEncoding(encoding.inputs, new Map(columns.map((c) => [c.name, c])), N).features;
  const gbdt = fitGbdt(x, y, { maxIter: 30, maxLeafNodes: 8, seed: 4, earlyStopping: false }, train);
  const model: FrozenModel = {
    format: 'cxw-model',
    version: 1,
    kind: 'gbdt',
    target: 'y',
    positive: '1',
    id: null,
    inputs: encoding.inputs,
    featureNames: encoding.featureNames,
    members: [{ kind: 'gbdt', gbdt: freezeGbdt(gbdt), calibration: { a: 1.05, b: -0.02 } }],
    folds: [],
    threshold: 0.5,
    reviewBandWidth: 0.2,
  };
  return { model, x, y, test, owners: featureOwners(encoding.inputs) };
}

describe.skipIf(!built)('permutation importance on the helper thread (built helper entry)', () => {
  const { model, x, y, test, owners } = setUp();

  it('the helper alone: the same means and intervals as on the job thread', () => {
    const here = permutationImportance(model, x, y, test, owners, 9);
    const job = importanceJob(model, x, y, test, owners, 9);
    const wait = startImportanceHelper(job, () => false, WORKER);
    expect(wait).not.toBeNull();
    const theirs = wait!()!;
    expect([...theirs.keys()].sort()).toEqual([0, 1, 2]);
    expect(mergeImportance(job, new Map(), theirs)).toEqual(here);
    // The planted signal: a matters.
    expect(here[0].mean).toBeGreaterThan(0.05);
  }, 60_000);

  it('shared: the inputs split between the two threads, still the same figures', () => {
    const here = permutationImportance(model, x, y, test, owners, 9);
    const job = importanceJob(model, x, y, test, owners, 9);
    // This thread takes input 0 before the helper starts, so the helper's share skips part of the stream.
    const first = Atomics.add(job.claims, 0, 1);
    expect(first).toBe(0);
    const wait = startImportanceHelper(job, () => false, WORKER)!;
    const theirs = wait()!;
    // The helper's inputs 1 and 2, drawn after moving past input 0's draws, equal the one-thread figures.
    expect([...theirs.keys()].sort()).toEqual([1, 2]);
    expect(mergeImportance(job, new Map([[0, here[0]]]), theirs)).toEqual(here);
  }, 60_000);

  it('a share that never comes is computed here', () => {
    const here = permutationImportance(model, x, y, test, owners, 9);
    const job = importanceJob(model, x, y, test, owners, 9);
    const mine = takeImportanceShare(job);
    expect(mine.size).toBe(3);
    // As if a helper had taken inputs 1 and 2 and died: only input 0 here.
    const partial = new Map([[0, mine.get(0)!]]);
    expect(mergeImportance(job, partial, null)).toEqual(here);
  });

  it('a cancelled job gives up waiting (null: the caller computes and notices the cancellation itself)', () => {
    const wait = startImportanceHelper(importanceJob(model, x, y, test, owners, 9), () => true, WORKER);
    expect(wait!()).toBeNull();
  });

  it('without a built entry there is no helper', () => {
    expect(startImportanceHelper(importanceJob(model, x, y, test, owners, 9), () => false, null)).toBeNull();
  });
});
