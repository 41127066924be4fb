// The two metrics of a run that need only a sample of the rows — bootstrap stability (20 k-means runs on a
// 20k-row subsample, ~0.6 s at 1M rows) and the silhouette (5,000-row sample, ~0.15 s) — computed on the second
// core while the job thread does CH, DB, the profile and the projection of a large run: the built worker entry
// (out/main/worker.js) runs the 'segment.side-metrics' task. The samples are drawn here exactly as
// bootstrapStability and silhouetteScore would draw them, so the numbers are identical to the in-process path,
// which is used for small data (a helper thread's start-up would cost more than it saves) and wherever the built
// worker is absent (unit tests on the sources).
import { builtEntry } from '../../jobs/built-entry';
import { Worker } from 'node:worker_threads';
import { bootstrapStability, sampleIndices, silhouetteScore, takeRows, type Matrix } from '../../analysis/segment/index';
import { AppError, deserializeError, type SerializedError } from '../../../shared/errors';
import { guard, type Progress } from './prepare';

export interface StabilityInput {
  data: Float64Array;
  rows: number;
  cols: number;
  labels: Int32Array;
  k: number;
  seed: number;
  resamples: number;
  maxIterations: number;
  tolerance: number;
}

/** The rows the silhouette is computed on (all of them, exactly, when there are no more than the sample size). */
export interface SilhouetteInput {
  data: Float64Array;
  rows: number;
  cols: number;
  labels: Int32Array;
  k: number;
}

export interface SideInput {
  stability: StabilityInput;
  silhouette: SilhouetteInput;
}

export interface SideMetrics {
  stability: number[];
  silhouette: { mean: number; sampleSize: number };
}

export interface StabilityOptions {
  seed: number;
  resamples: number;
  maxRows: number;
  maxIterations: number;
  tolerance: number;
}

/** The (sub)sample stability runs on; a copy, small enough (maxRows × cols) to hand to another thread. */
export function stabilityInput(m: Matrix, labels: Int32Array, k: number, o: StabilityOptions): StabilityInput {
  const base = { cols: m.cols, k, seed: o.seed, resamples: o.resamples, maxIterations: o.maxIterations, tolerance: o.tolerance };
  if (m.rows <= o.maxRows) return { ...base, data: m.data.slice(0, m.rows * m.cols), rows: m.rows, labels: labels.slice() };
  const idx = sampleIndices(m.rows, o.maxRows, o.seed);
  const sub = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) sub[i] = labels[idx[i]];
  return { ...base, data: takeRows(m.data, m.cols, idx), rows: idx.length, labels: sub };
}

/** Same sample as silhouetteScore(m, labels, k, { sampleSize, seed }) draws. */
export function silhouetteInput(m: Matrix, labels: Int32Array, k: number, sampleSize: number | undefined, seed: number): SilhouetteInput {
  if (sampleSize === undefined || sampleSize >= m.rows) return { data: m.data.subarray(0, m.rows * m.cols), rows: m.rows, cols: m.cols, labels, k };
  const idx = sampleIndices(m.rows, sampleSize, seed);
  const sub = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) sub[i] = labels[idx[i]];
  return { data: takeRows(m.data, m.cols, idx), rows: idx.length, cols: m.cols, labels: sub, k };
}

export function computeSideMetrics(input: SideInput, isCancelled?: () => boolean): SideMetrics {
  const s = input.silhouette;
  const silhouette = guard(() => silhouetteScore({ data: s.data, rows: s.rows, cols: s.cols }, s.labels, s.k));
  return { stability: computeStability(input.stability, isCancelled), silhouette };
}

function computeStability(s: StabilityInput, isCancelled?: () => boolean): number[] {
  // maxRows = rows: the input is already the subsample, so bootstrapStability must not draw another.
  return guard(() =>
    bootstrapStability({ data: s.data, rows: s.rows, cols: s.cols }, s.labels, s.k, {
      seed: s.seed,
      resamples: s.resamples,
      maxRows: s.rows,
      maxIterations: s.maxIterations,
      tolerance: s.tolerance,
      isCancelled,
    }),
  );
}

/** Below this many matrix rows the side metrics run in-process (the rest of the run is too short to overlap). */
export const HELPER_MIN_ROWS = 100_000;

export interface RunningSideMetrics {
  result: Promise<SideMetrics>;
  /** Stop the helper if it is still running (the run failed or was cancelled before awaiting the result). */
  stop: () => void;
}

function builtWorkerPath(): string | null {
  return builtEntry('worker.js');
}

type HelperMessage = { type: 'progress' } | { type: 'result'; result: unknown } | { type: 'error'; error: SerializedError };

/** `matrixRows`: rows of the whole run (not of the samples), which decides whether a helper thread pays off. */
export function startSideMetrics(input: SideInput, matrixRows: number, ctx: Progress): RunningSideMetrics {
  const worker = matrixRows >= HELPER_MIN_ROWS ? builtWorkerPath() : null;
  if (!worker) {
    const value = computeSideMetrics(input, ctx.isCancelled);
    return { result: Promise.resolve(value), stop: () => undefined };
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const thread = new Worker(worker, { workerData: { kind: 'segment.side-metrics', payload: input, cancelFlag: flag.buffer } });
  // The job's cancel flag is polled while the job thread awaits the result and passed on to the helper, whose
  // k-means checks it between iterations.
  const poll = setInterval(() => {
    if (ctx.isCancelled()) Atomics.store(flag, 0, 1);
  }, 50);
  const result = new Promise<SideMetrics>((resolve, reject) => {
    thread.on('message', (m: HelperMessage) => {
      if (m.type === 'result') resolve(m.result as SideMetrics);
      else if (m.type === 'error') reject(deserializeError(m.error));
    });
    thread.on('error', (err) => reject(new AppError('INTERNAL', `The metrics helper thread failed: ${err.message}`)));
    thread.on('exit', (code) => reject(new AppError('INTERNAL', `The metrics helper thread stopped unexpectedly (exit code ${code}).`)));
  }).finally(() => clearInterval(poll));
  // Mark the promise handled: if the run fails before awaiting it, stop() ends the helper and nothing is reported twice.
  result.catch(() => undefined);
  return {
    result,
    stop: () => {
      clearInterval(poll);
      void thread.terminate();
    },
  };
}
