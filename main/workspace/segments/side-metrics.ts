// The two metrics of a run that need only a sample of the rows — bootstrap stability (20 k-means runs on a
// 20k-row subsample, ~0.6 s at 1M rows) and the silhouette (5,000-row sample, ~0.15 s). On large data they run
// on the second core: the helper thread (the small built entry out/main/side-metrics-helper.js, or the job worker's
// task 'segment.side-metrics')
// starts before the main k-means, clusters the bootstrap resamples while the job thread fits the reference (the
// resamples need no reference labels), then waits on a shared flag for the reference labels of its samples and
// finishes with the Jaccard table and the silhouette. The samples are drawn exactly as bootstrapStability and
// silhouetteScore would draw them, so the numbers are identical to the in-process path, which is used for small
// data (a helper thread's start-up would cost more than it saves) and wherever the built worker is absent (unit
// tests on the sources).
import { handOver as giveToWarm, startWarm, type WarmWorker } from '../../jobs/warm-worker';
import { builtEntry } from '../../jobs/built-entry';
import { Worker } from 'node:worker_threads';
import { bootstrapClusterings, sampleIndices, silhouetteScore, stabilityFromRuns, takeRows, type Matrix } from '../../analysis/segment/index';
import { AppError, deserializeError, type SerializedError } from '../../../shared/errors';
import { guard, type Progress } from './prepare';

/** One sample of the matrix: a copy of its rows, and where to put their reference labels once k-means has them. */
export interface SampleInput {
  data: Float64Array;
  rows: number;
  cols: number;
  /** Filled with the sampled rows' reference labels after the main k-means (shared memory on the helper path). */
  labels: Int32Array;
}

export interface SideInput {
  k: number;
  stability: SampleInput & { seed: number; resamples: number; maxIterations: number; tolerance: number };
  silhouette: SampleInput;
  /** Set to 1 (and notified) once both label arrays are filled. */
  ready: Int32Array;
}

export interface SideMetrics {
  stability: number[];
  silhouette: { mean: number; sampleSize: number };
}

export interface SideOptions {
  k: number;
  seed: number;
  resamples: number;
  /** Stability runs on at most this many rows (a seeded subsample above). */
  stabilityRows: number;
  /** Silhouette on a seeded sample of this size, or every row when undefined. */
  silhouetteSample: number | undefined;
  maxIterations: number;
  tolerance: number;
}

interface Plan {
  input: SideInput;
  /** Matrix rows of each sample (null: every row, in order). */
  stabilityPick: Int32Array | null;
  silhouettePick: Int32Array | null;
}

const labelBuffer = (n: number, shared: boolean) => new Int32Array(shared ? new SharedArrayBuffer(4 * n) : new ArrayBuffer(4 * n));

/** Draw both samples (as bootstrapStability and silhouetteScore draw them) before the labels exist. */
function plan(m: Matrix, o: SideOptions, shared: boolean): Plan {
  const sample = (size: number | undefined): { pick: Int32Array | null; data: Float64Array; rows: number } => {
    if (size === undefined || size >= m.rows) return { pick: null, data: m.data.subarray(0, m.rows * m.cols), rows: m.rows };
    const pick = sampleIndices(m.rows, size, o.seed);
    return { pick, data: takeRows(m.data, m.cols, pick), rows: pick.length };
  };
  const st = sample(o.stabilityRows);
  const si = sample(o.silhouetteSample);
  // The helper gets copies: a view of the whole matrix would be cloned whole into the other thread.
  const copy = (s: { pick: Int32Array | null; data: Float64Array }) => (shared && s.pick === null ? s.data.slice() : s.data);
  return {
    input: {
      k: o.k,
      stability: { data: copy(st), rows: st.rows, cols: m.cols, labels: labelBuffer(st.rows, shared), seed: o.seed, resamples: o.resamples, maxIterations: o.maxIterations, tolerance: o.tolerance },
      silhouette: { data: copy(si), rows: si.rows, cols: m.cols, labels: labelBuffer(si.rows, shared) },
      ready: labelBuffer(1, shared),
    },
    stabilityPick: st.pick,
    silhouettePick: si.pick,
  };
}

function fill(to: Int32Array, from: Int32Array, pick: Int32Array | null): void {
  if (pick === null) to.set(from.subarray(0, to.length));
  else for (let i = 0; i < pick.length; i++) to[i] = from[pick[i]];
}

const POLL_MS = 50;

/** The helper's task: cluster the resamples, wait for the reference labels, then score both metrics. */
export function computeSideMetrics(input: SideInput, isCancelled?: () => boolean): SideMetrics {
  const s = input.stability;
  const runs = guard(() =>
    bootstrapClusterings({ data: s.data, rows: s.rows, cols: s.cols }, input.k, { seed: s.seed, resamples: s.resamples, maxIterations: s.maxIterations, tolerance: s.tolerance, isCancelled }),
  );
  while (Atomics.load(input.ready, 0) !== 1) {
    if (isCancelled?.()) throw new AppError('CANCELLED', 'Segmentation cancelled; nothing was saved.');
    Atomics.wait(input.ready, 0, 0, POLL_MS);
  }
  const q = input.silhouette;
  const silhouette = guard(() => silhouetteScore({ data: q.data, rows: q.rows, cols: q.cols }, q.labels, input.k));
  return { stability: stabilityFromRuns(runs, s.labels), silhouette };
}

/** Below this many matrix rows the side metrics run in-process (the rest of the run is too short to overlap). */
export const HELPER_MIN_ROWS = 100_000;

export interface RunningSideMetrics {
  /** Hand over the reference labels (all matrix rows); resolves with both metrics. Call once. */
  finish: (labels: Int32Array) => Promise<SideMetrics>;
  /** Stop the helper if it is still running (the run failed or was cancelled before the result). */
  stop: () => void;
}

/** The small helper entry (main/jobs/side-metrics-helper.ts); the job worker runs the same task where it is absent. */
function builtWorkerPath(): string | null {
  return builtEntry('side-metrics-helper.js') ?? builtEntry('worker.js');
}

/** The helper started ahead for a run on `rows` rows (warm-worker.ts), when it will have one. */
export function warmSideHelper(rows: number): WarmWorker | undefined {
  const entry = rows >= HELPER_MIN_ROWS ? builtWorkerPath() : null;
  return entry ? startWarm(entry) : undefined;
}

type HelperMessage = { type: 'progress' } | { type: 'result'; result: unknown } | { type: 'error'; error: SerializedError };

/**
 * Start the side metrics of a run on matrix `m` with `o.k` segments, before its k-means. `helper` forces the
 * helper thread with that built worker file whatever the size (tests compare both paths).
 */
export function startSideMetrics(m: Matrix, o: SideOptions, ctx: Progress, helper?: { workerPath: string }, warm?: WarmWorker): RunningSideMetrics {
  // A live thread started ahead (warm) is used whatever the size: it was started because the run is large.
  const ahead = warm && !warm.taken && warm.alive() ? warm : undefined;
  const worker = helper?.workerPath ?? (m.rows >= HELPER_MIN_ROWS ? builtWorkerPath() : null);
  const p = plan(m, o, ahead !== undefined || worker !== null);
  const handOver = (labels: Int32Array) => {
    if (labels.length !== m.rows) throw new Error(`reference labels have ${labels.length} entries, expected ${m.rows}`);
    fill(p.input.stability.labels, labels, p.stabilityPick);
    fill(p.input.silhouette.labels, labels, p.silhouettePick);
    Atomics.store(p.input.ready, 0, 1);
  };
  if (!ahead && !worker) {
    return {
      finish: (labels) => {
        handOver(labels);
        return Promise.resolve(computeSideMetrics(p.input, ctx.isCancelled));
      },
      stop: () => undefined,
    };
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const input = { kind: 'segment.side-metrics', payload: p.input, cancelFlag: flag.buffer };
  // A thread started ahead by the job (warm-worker.ts) when there is one, else a fresh one.
  const thread = giveToWarm(ahead, input) ?? new Worker(worker as string, { workerData: input });
  // The job's cancel flag is polled on this thread and passed on to the helper, whose k-means checks it between
  // iterations and whose wait for the labels wakes every POLL_MS.
  const poll = setInterval(() => {
    if (ctx.isCancelled()) Atomics.store(flag, 0, 1);
  }, POLL_MS);
  const result = new Promise<SideMetrics>((resolve, reject) => {
    thread.on('message', (msg: HelperMessage) => {
      if (msg.type === 'result') resolve(msg.result as SideMetrics);
      else if (msg.type === 'error') reject(deserializeError(msg.error));
    });
    thread.on('error', (err) => reject(new AppError('INTERNAL', `The metrics helper thread failed: ${err.message}`)));
    thread.on('exit', (code) => reject(new AppError('INTERNAL', `The metrics helper thread stopped unexpectedly (exit code ${code}).`)));
  }).finally(() => clearInterval(poll));
  // Mark the promise handled: if the run fails before finishing, stop() ends the helper and nothing is reported twice.
  result.catch(() => undefined);
  return {
    finish: (labels) => {
      handOver(labels);
      Atomics.notify(p.input.ready, 0);
      return result;
    },
    stop: () => {
      clearInterval(poll);
      void thread.terminate();
    },
  };
}
